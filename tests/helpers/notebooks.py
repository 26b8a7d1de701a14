"""Small briefing notebooks written by the rendering and kernel tests."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.helpers.paths import SAMPLE

PARAMETERS = {"year": 2025, "data_dir": str(SAMPLE), "run_date": "2025-06-30"}


def write_notebook(folder: Path, *cells: str) -> Path:
    """A 'national' notebook with a parameters cell and the given code cells."""
    parameters = new_code_cell('year = 2025\ndata_dir = "data/sample"\nrun_date = ""')
    parameters.metadata["tags"] = ["parameters"]
    body = [new_markdown_cell("# A heading"), *(new_code_cell(c) for c in cells)]
    notebook = new_notebook(
        cells=[parameters, *body],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / "national_briefing.ipynb")
    return folder
