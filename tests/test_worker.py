"""A build's worker process imports rendering code only: no pandas, no analysis, no papermill."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Heavy packages the notebook kernel needs and a worker must not load (each costs 10-70 MiB).
KERNEL_ONLY = (
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "matplotlib",
    "papermill",
    "wres_lib.analysis.context",
)
# What a worker imports: the module it runs, then what render_one imports to render.
WORKER_IMPORTS = (
    "wres_lib.render.worker",
    "wres_lib.render.kernels",
    "wres_lib.render.html",
    "wres_lib.render.pdf",
    "nbconvert.exporters.html",
)


def test_a_worker_imports_no_pandas_analysis_or_papermill() -> None:
    code = (
        "import importlib, json, sys\n"
        f"for name in {WORKER_IMPORTS!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps([m for m in {KERNEL_ONLY!r} if m in sys.modules]))\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert json.loads(result.stdout) == []
