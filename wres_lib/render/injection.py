"""Read a briefing notebook and inject its parameters as papermill does, without importing
papermill: its reader pulls in requests, pyarrow and numpy (about 40 MiB in every worker process)
for remote storage a build never uses.

The injected cell is papermill's (Python): tagged ``injected-parameters``, a ``# Parameters``
comment and one assignment per parameter, placed after the cell tagged ``parameters`` (or
replacing an injected cell already there, or first if there is neither);
``tests/test_injection.py`` compares it with papermill's own.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import nbformat

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


def load_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` as nbformat 4, every cell with a list of tags."""
    notebook = nbformat.read(path, as_version=4)
    notebook = nbformat.v4.upgrade(notebook) or notebook
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    return notebook


def inject_parameters(
    notebook: nbformat.NotebookNode, parameters: dict[str, Any]
) -> nbformat.NotebookNode:
    """``notebook`` with a cell assigning ``parameters`` after its parameters cell."""
    lines = ["# Parameters", *(f"{name} = {literal(value)}" for name, value in parameters.items())]
    injected = nbformat.v4.new_code_cell(source="\n".join(lines) + "\n")
    injected.metadata["tags"] = [INJECTED_TAG]
    cells = list(notebook.cells)
    old = _first_tagged(cells, INJECTED_TAG)
    if old >= 0:
        cells[old] = injected
    else:
        cells.insert(_first_tagged(cells, PARAMETERS_TAG) + 1, injected)
    notebook.cells = cells
    return notebook


def literal(value: object) -> str:
    """``value`` as papermill writes it in Python: a string in double quotes with its special
    characters escaped, a number or boolean as Python prints it."""
    if value is None or isinstance(value, bool | int):
        return f"{value}"
    if isinstance(value, float):
        if math.isfinite(value):
            return f"{value}"
        return "float('nan')" if math.isnan(value) else f"float('{'-' if value < 0 else ''}inf')"
    if isinstance(value, str):
        escaped = value.encode("unicode_escape").decode("utf-8").replace('"', r"\"")
        return f'"{escaped}"'
    raise TypeError(f"cannot inject a parameter of type {type(value).__name__}")


def _first_tagged(cells: list[nbformat.NotebookNode], tag: str) -> int:
    """The index of the first cell tagged ``tag``; -1 if none."""
    return next((i for i, cell in enumerate(cells) if tag in cell.metadata.get("tags", [])), -1)
