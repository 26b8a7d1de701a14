"""Where a build worker's time goes for a trust briefing: kernel start and context load (the
first briefing), the notebook's cells (a warm kernel), HTML export and PDF.

Runs the trust notebook for ``--codes`` in one warm kernel as a build worker does, with the
shared tables in a cache folder of this run (computed first, not timed), and prints each phase.

Usage: ``python benchmarks/profile_briefing.py [--codes ZT010,ZT011,ZT012] [--data DATASET]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from wres_lib.analysis.context import load_context
from wres_lib.analysis.kernel_env import kernel_env
from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.html import notebook_to_html
from wres_lib.render.kernels import WarmKernel
from wres_lib.render.parameters import NOTEBOOKS
from wres_lib.render.pdf import html_to_pdf

DEFAULT_DATA = Path(__file__).resolve().parents[1] / "data" / "sample"
RUN_DATE = "2025-06-30"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", default="ZT010,ZT011,ZT012")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    data = args.data.resolve()
    with tempfile.TemporaryDirectory(prefix="wres-profile-") as cache:
        year = load_context(data, cache).dataset.years[-1]  # the shared tables, cached
        kernel = WarmKernel(kernel_env(cache))
        notebook = NOTEBOOKS_DIR / NOTEBOOKS["trust"]
        try:
            for number, code in enumerate(args.codes.split(",")):
                parameters = {"org_code": code, "year": year, "data_dir": str(data)}
                started = time.perf_counter()
                executed = kernel.run(notebook, parameters | {"run_date": RUN_DATE}, code)
                ran = time.perf_counter()
                html = notebook_to_html(executed)
                exported = time.perf_counter()
                pdf = html_to_pdf(html)
                printed = time.perf_counter()
                what = "kernel start, context load and cells" if number == 0 else "cells"
                print(
                    f"{code}: {what} {ran - started:5.2f} s, HTML {exported - ran:5.2f} s "
                    f"({len(html) / 1024:.0f} KB), PDF {printed - exported:5.2f} s "
                    f"({len(pdf) / 1024:.0f} KB)"
                )
        finally:
            kernel.shutdown()


if __name__ == "__main__":
    main()
