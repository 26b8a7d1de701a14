"""Benchmark: the cold build of the bundled set with this checkout's code against a baseline
revision's, measured in the same run on the same machine.

The baseline's code is taken with ``git archive`` into a temporary folder (the checkout is not
touched). For each of the baseline and this checkout, in that order, with a cache folder and
an output folder of its own and the same ``SOURCE_DATE_EPOCH``: ``wres indicators`` fills the
cache (not timed), then ``wres build`` renders every briefing, HTML and PDF, with ``--jobs``
workers (timed). Both run with this environment's packages, each with its own code first on
``PYTHONPATH``.

Reports both times and their ratio; the target is that a change adds at most 10% (``--limit``).
Exits 1 if the ratio is above the limit or either build fails. It takes two full builds (about
17 minutes on a 2-core machine); run it on a quiet machine.

Usage: ``python benchmarks/bench_cold_build.py --baseline REV [--jobs 2] [--limit 1.10]``
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXED_EPOCH = "1764633600"


def export(revision: str, folder: Path) -> Path:
    """The files of ``revision`` written under ``folder`` (from ``git archive``)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def timed_build(code: Path, work: Path, jobs: int) -> float:
    """Seconds ``wres build`` of ``code`` takes for the bundled set, after its indicators."""
    env = os.environ | {
        "PYTHONPATH": str(code),
        "WRES_CACHE_DIR": str(work / "cache"),
        "SOURCE_DATE_EPOCH": FIXED_EPOCH,
    }
    wres = [sys.executable, "-m", "wres_lib.cli"]
    common = ["--data", str(code / "data" / "sample"), "--out", str(work / "out")]
    # Run from the code's own folder: ``python -m`` puts the working folder first on the path.
    run = {"env": env, "cwd": code, "check": True, "capture_output": True}
    subprocess.run([*wres, "indicators", *common], **run)
    start = time.perf_counter()
    subprocess.run([*wres, "build", *common, "--jobs", str(jobs)], **run)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git revision to compare with")
    parser.add_argument("--jobs", type=int, default=2, help="build workers (default 2)")
    parser.add_argument("--limit", type=float, default=1.10, help="largest ratio allowed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        baseline = export(args.baseline, scratch / "baseline")
        try:
            before = timed_build(baseline, scratch / "run-baseline", args.jobs)
            after = timed_build(ROOT, scratch / "run-current", args.jobs)
        except subprocess.CalledProcessError as error:
            print(f"a build failed: {error}\n{error.stderr.decode(errors='replace')[-2000:]}")
            return 1
    ratio = after / before
    print(f"cold build, baseline {args.baseline}: {before:.0f} s")
    print(f"cold build, this checkout:  {after:.0f} s")
    print(f"ratio {ratio:.2f} (limit {args.limit:.2f})")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
