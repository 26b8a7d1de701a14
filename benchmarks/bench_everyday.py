"""Benchmark: the everyday paths against ``wres --version``, measured in one run.

On the bundled dataset (or ``--data``), with a cache folder of this run (``WRES_CACHE_DIR``):

- **start-up**: ``wres --version`` (the baseline: Python, click and the command table);
- **journalist commands**: ``wres table board-gap`` and ``wres stories`` after one real build
  (one trust, HTML), which computes the shared tables and keeps what these commands print: the
  first run of each and the runs after it (both served from the cache without importing pandas:
  :mod:`wres_lib.analysis.kept_outputs`; target: within 3 times the start-up), and for scale
  ``python -c "import pandas"``;
- **no-change run**: ``make briefings`` itself (its one command, ``wres build``, validates,
  writes the indicator tables and renders) on a year whose every briefing is up to date
  (target: under 5 s and within 4 times the start-up). To avoid rendering the whole year
  first, the output folder is filled the way a build leaves it, with each briefing's input hash
  in the manifest and a placeholder for each file; the first ``make briefings`` plans all of
  them, finds each unchanged and records the year as complete, and the timed runs after it
  take the no-change path;
- **memory of the shared tables** in a kernel: the whole context against the slice a build's
  kernel holds (its year and the one before, plus one trust's series);
- **sizes** (with ``--built OUT``, the output folder of a real build): bytes per briefing by
  level and format (target: a trust briefing's HTML and PDF each under 150 KB), the year
  folder, and what ``wres build --publish`` copies of it (target: under 60 MB).

Each time is the median of ``--repeats`` runs. Exits 1 if a target is missed. The machine's
load changes absolute times; the ratios, measured in the same run, are what the targets check.

Usage: ``python benchmarks/bench_everyday.py [--data DATASET] [--built OUT] [--repeats 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"
SOURCE_DATE_EPOCH = "1751241600"
STARTUP_RATIO = 3.0
NO_CHANGE_RATIO = 4.0
NO_CHANGE_SECONDS = 5.0
PUBLISHED_LABEL = "published by --publish (MB)"
# Upper limits (not reached) of the sizes, by the end of their label.
SIZE_LIMITS = {"trust html (KB each)": 150.0, "trust pdf (KB each)": 150.0, PUBLISHED_LABEL: 60.0}
WRES = [sys.executable, "-m", "wres_lib.cli"]
PROJECT = Path(__file__).resolve().parents[1]
MEMORY_PROBE = """
import sys, psutil
from wres_lib.analysis.context import load_context
year = int(sys.argv[3]) if sys.argv[3] != "all" else None
context = load_context(sys.argv[1], sys.argv[2], year=year)
context.indicators
context.slice("trust", sys.argv[4])
print(psutil.Process().memory_info().rss)
"""


def median_seconds(command: list[str], repeats: int, env: dict[str, str]) -> float:
    """The median wall time of ``command`` over ``repeats`` runs (each must succeed)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def first_trust(data: Path) -> str:
    """The code of the first trust a build of ``data``'s latest year renders."""
    from wres_lib.data.dataset import load_dataset
    from wres_lib.render.plan import plan

    dataset = load_dataset(data)
    return plan(dataset, dataset.years[-1], ("trust",), data)[0].code


def fill_up_to_date_year(data: Path, out: Path, env: dict[str, str]) -> int:
    """Make ``out`` look like a finished build of the latest year; return how many briefings."""
    os.environ.update(env)  # the same run date and cache as the commands will see
    from wres_lib.analysis.context import load_context
    from wres_lib.render.build import input_hash
    from wres_lib.render.manifest import LEVELS, Manifest, Outcome
    from wres_lib.render.parameters import default_run_date
    from wres_lib.render.plan import plan

    dataset = load_context(data, env["WRES_CACHE_DIR"]).dataset
    year = dataset.years[-1]
    manifest = Manifest.open(out, year, dataset)
    run_date = default_run_date()
    briefings = plan(dataset, year, LEVELS, data)
    for briefing in briefings:
        briefing = replace(briefing, parameters={"run_date": run_date, **briefing.parameters})
        files = []
        for fmt in ("html", "pdf"):
            path = briefing.output_path(out, fmt)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("placeholder\n")
            files.append(str(path.relative_to(out)))
        digest = input_hash(briefing, dataset.metadata.content_hash)
        manifest.add(Outcome.of(briefing, "ok", 0.0, tuple(files), input_hash=digest))
    manifest.write()
    return len(briefings)


def sizes(built: Path) -> dict[str, float]:
    """Mean bytes per briefing by level and format, and the year folders' sizes, in KB/MB."""
    result: dict[str, float] = {}
    for year_dir in sorted(p for p in built.iterdir() if p.name.isdigit()):
        for level_dir in sorted(p for p in year_dir.iterdir() if p.is_dir()):
            for fmt in ("html", "pdf"):
                files = list(level_dir.glob(f"*.{fmt}"))
                if files:
                    mean = statistics.mean(f.stat().st_size for f in files)
                    result[f"{year_dir.name} {level_dir.name} {fmt} (KB each)"] = mean / 1024
        total = sum(f.stat().st_size for f in year_dir.rglob("*") if f.is_file())
        result[f"{year_dir.name} year folder (MB)"] = total / 1024**2
        published = published_megabytes(built, int(year_dir.name))
        result[f"{year_dir.name} {PUBLISHED_LABEL}"] = published
    return result


def published_megabytes(built: Path, year: int) -> float:
    """MB that ``wres build --publish`` copies of ``year`` from the output folder ``built``."""
    from wres_lib.render.publish import publish

    with tempfile.TemporaryDirectory(prefix="wres-publish-") as target:
        copied = publish(built, year, Path(target))
        return sum(path.stat().st_size for path in copied) / 1024**2  # as `wres build` reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--built", type=Path, default=None, help="output folder of a build")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if args.built is not None and not any(args.built.glob("[0-9]*/manifest.json")):
        # Checked first: a wrong folder would otherwise check no size, after every timing.
        parser.error(f"--built {args.built}: expected a build's output folder (YEAR/manifest.json)")
    data = args.data.resolve()
    missed = []
    with tempfile.TemporaryDirectory(prefix="wres-bench-") as folder:
        cache, out = Path(folder) / "cache", Path(folder) / "out"
        env = os.environ | {"WRES_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        code = first_trust(data)
        build_one = [*WRES, "build", "--levels", "trust", "--only", code, "--formats", "html",
                     "--data", str(data), "--out", str(Path(folder) / "built")]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(build_one, check=True, env=env, stdout=subprocess.DEVNULL)
        label = f"one build ({code}, HTML):"
        print(f"{label:<30} {time.perf_counter() - start:7.2f} s")

        version = median_seconds([*WRES, "--version"], args.repeats, env)
        pandas = median_seconds([sys.executable, "-c", "import pandas"], args.repeats, env)
        print(f"wres --version (baseline):     {version:7.2f} s")
        print(f"python -c 'import pandas':     {pandas:7.2f} s  ({pandas / version:.1f} x)")
        for name, command in (
            ("wres table board-gap", ["table", "board-gap", "--data", str(data)]),
            ("wres stories", ["stories", "--data", str(data)]),
        ):
            target = f"target {STARTUP_RATIO:g} x"
            for run, repeats in (("first", 1), ("again", args.repeats)):
                seconds = median_seconds([*WRES, *command], repeats, env)
                ratio = seconds / version
                label = f"{name}, {run}:"
                print(f"{label:<30} {seconds:7.2f} s  ({ratio:.1f} x; {target})")
                if ratio > STARTUP_RATIO:
                    missed.append(f"{name}, {run}")

        count = fill_up_to_date_year(data, out, env)
        stamp = Path(folder) / "installed"  # newer than the lock file: make installs nothing
        stamp.touch()
        make_briefings = ["make", "--no-print-directory", "-C", str(PROJECT), "briefings"]
        make_briefings += [f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}"]
        make_briefings += [f"DATA={data}", f"OUT={out}"]
        # The first run writes the indicator tables and records the year as complete.
        subprocess.run(make_briefings, check=True, env=env, stdout=subprocess.DEVNULL)
        seconds = median_seconds(make_briefings, args.repeats, env)
        ratio = seconds / version
        print(
            f"make briefings, no change:     {seconds:7.2f} s  ({ratio:.1f} x; targets under "
            f"{NO_CHANGE_SECONDS:g} s and {NO_CHANGE_RATIO:g} x; {count} briefings skipped)"
        )
        if seconds > NO_CHANGE_SECONDS or ratio > NO_CHANGE_RATIO:
            missed.append("no-change run")

        manifest = json.loads(next(out.glob("*/manifest.json")).read_text())
        code = next(e["code"] for e in manifest["briefings"] if e["level"] == "trust")
        year = next(out.glob("[0-9]*")).name
        memory = {}
        for label, window in (("whole context", "all"), ("a kernel's year slice", year)):
            probe = [sys.executable, "-c", MEMORY_PROBE, str(data), str(cache), window, code]
            rss = int(subprocess.run(probe, check=True, env=env, capture_output=True).stdout)
            memory[label] = rss / 1024**2
            print(f"shared tables, {label + ':':<22} {memory[label]:5.0f} MiB (process total)")

    if args.built is not None:
        for label, value in sizes(args.built).items():
            limit = next((v for end, v in SIZE_LIMITS.items() if label.endswith(end)), None)
            print(f"{label:<40} {value:9.1f}" + (f"  (target under {limit:g})" if limit else ""))
            if limit is not None and value >= limit:
                missed.append(label)
    if missed:
        print(f"missed: {', '.join(missed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
