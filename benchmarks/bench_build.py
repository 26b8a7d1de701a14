"""Benchmark: ``wres build`` against the naive papermill / nbconvert / weasyprint loop.

Renders the same N trust briefings (HTML and PDF, default 20; 0 for every trust of the latest
year) two ways in one run, each into a new folder, so both start cold:

- **ours**: ``wres build --levels trust --only ...`` with ``--jobs`` workers (default: the
  cores), with an empty cache folder of its own: shared tables computed once and cached, one
  warm kernel per worker holding its year's slice of them, HTML and PDF made inside the worker;
- **naive**: a loop that for each briefing calls the ``papermill`` command, then
  ``jupyter nbconvert --to html``, then ``weasyprint``, as one would by hand: a new process and
  a new kernel for every step, and every kernel computes the tables it needs itself.

Prints both times and their ratio (target: ours at least 8 times faster), and the highest peak
memories of our workers, each with its notebook kernel (target: under 500 MiB), sampled every
0.1 s with psutil (``peak_memory.py``): as many as ``--jobs``, from all the workers a long build
starts (it replaces them after about ``render.pool.TASKS_PER_WORKER`` briefings each), each with
the processes that made it up. A fresh process caught between fork and exec shows its parent's
memory as its own: it is left out, and the most it showed is printed. Exits 1 if either target
is missed.

Usage: ``python benchmarks/bench_build.py [--n 20] [--jobs N] [--data DATASET_FOLDER]``
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peak_memory import Peak, PeakMemory  # benchmarks/peak_memory.py

from wres_lib import load_dataset
from wres_lib.render.briefing import NOTEBOOKS_DIR

TARGET_RATIO = 8.0
MEMORY_BUDGET_BYTES = 500 * 1024**2
RUN_DATE = "2025-06-30"
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"


def run_ours(codes: list[str], data: Path, out: Path, jobs: int) -> tuple[float, list[Peak], int]:
    """Seconds for ``wres build`` of ``codes``, the peak memory of each of its workers and the
    most a process showed before it started its own program (left out of the peaks)."""
    command = [sys.executable, "-c", "from wres_lib.cli import main; main()", "build"]
    command += ["--levels", "trust", "--formats", "html,pdf", "--jobs", str(jobs)]
    command += ["--data", str(data), "--out", str(out), "--cache-dir", str(out.parent / "cache")]
    command += [arg for code in codes for arg in ("--only", code)]
    env = os.environ | {"SOURCE_DATE_EPOCH": "1751241600"}  # the same run date as the loop
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    with PeakMemory(process.pid) as memory:
        if process.wait() != 0:
            raise SystemExit(f"wres build failed with status {process.returncode}")
    seconds = time.perf_counter() - start
    peaks = sorted(memory.peaks.values(), key=lambda peak: peak.rss, reverse=True)[:jobs]
    return seconds, peaks, memory.left_out


def run_naive(codes: list[str], data: Path, year: int, out: Path) -> float:
    """Seconds for the loop of papermill, nbconvert and weasyprint commands."""
    out.mkdir(parents=True)
    notebook = NOTEBOOKS_DIR / "trust_briefing.ipynb"
    start = time.perf_counter()
    for code in codes:
        executed, page = out / f"{code}.ipynb", out / f"{code}.html"
        parameters = {"org_code": code, "year": str(year), "data_dir": str(data)}
        flags = [arg for name, value in parameters.items() for arg in ("-p", name, value)]
        for command in (
            ["papermill", str(notebook), str(executed), *flags, "-p", "run_date", RUN_DATE],
            ["jupyter", "nbconvert", "--to", "html", str(executed)],
            ["weasyprint", str(page), str(out / f"{code}.pdf")],
        ):
            subprocess.run(
                [str(Path(sys.executable).parent / command[0]), *command[1:]],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=20, help="briefings to render (default 20; 0: every trust)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()

    dataset = load_dataset(args.data)
    year = int(dataset.workforce["year"].max())
    active = dataset.workforce.loc[dataset.workforce["year"] == year, "org_code"]
    codes = sorted(active.unique())[: args.n or None]
    with tempfile.TemporaryDirectory(prefix="wres-bench-") as folder:
        ours, peaks, left_out = run_ours(codes, args.data, Path(folder) / "ours", args.jobs)
        naive = run_naive(codes, args.data, year, Path(folder) / "naive")

    ratio = naive / ours
    print(f"{len(codes)} trust briefings, HTML and PDF, {args.jobs} workers")
    print(f"wres build (cold):       {ours:7.1f} s  ({ours / len(codes):.2f} s per briefing)")
    print(f"naive loop:              {naive:7.1f} s  ({naive / len(codes):.2f} s per briefing)")
    print(f"ratio:                   {ratio:7.1f} x faster (target at least {TARGET_RATIO:g} x)")
    for number, peak in enumerate(peaks, 1):
        print(
            f"peak memory, worker {number}: {peak.rss / 1024**2:7.0f} MiB (worker and its kernel; "
            f"target under {MEMORY_BUDGET_BYTES / 1024**2:.0f} MiB)"
        )
        print(f"    at {peak.seconds:.1f} s: {peak.describe()}")
    if left_out:
        print(
            f"left out: up to {left_out / 1024**2:.0f} MiB shown by a process between fork and "
            "exec (its parent's memory, shared)"
        )
    over = [peak for peak in peaks if peak.rss >= MEMORY_BUDGET_BYTES]
    if ratio < TARGET_RATIO or over or not peaks:
        sys.exit(1)


if __name__ == "__main__":
    main()
