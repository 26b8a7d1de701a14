"""Run a briefing notebook with papermill and turn a failure into a BriefingError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from wres_lib.errors import BriefingError

KERNEL = "python3"
START_TIMEOUT_SECONDS = 120


def execute_notebook(
    notebook: Path, parameters: dict[str, Any], briefing: str
) -> nbformat.NotebookNode:
    """Execute ``notebook`` with ``parameters`` in a fresh kernel; return the executed notebook.

    Nothing is written to disk. A failing cell raises :class:`BriefingError` naming the cell
    (its index in ``notebook`` as saved, counting from 0, and its first line) and the error.
    """
    try:
        return papermill.execute_notebook(
            str(notebook),
            None,
            parameters=parameters,
            kernel_name=KERNEL,
            progress_bar=False,
            request_save_on_cell_execute=False,
            start_timeout=START_TIMEOUT_SECONDS,
        )
    except PapermillExecutionError as error:
        # papermill runs a copy with one "injected-parameters" cell after the parameters cell.
        index = (
            error.cell_index - 1
            if error.cell_index > _parameters_index(notebook)
            else error.cell_index
        )
        first_line = (error.source or "").strip().splitlines()[:1]
        code = f" ({first_line[0][:60]})" if first_line else ""
        raise BriefingError(
            briefing,
            f"{error.ename}: {error.evalue}{code}",
            cell_index=index,
            error_name=error.ename,
        ) from error


def _parameters_index(notebook: Path) -> int:
    cells = nbformat.read(notebook, as_version=4).cells
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])]
    return tagged[0] if tagged else -1
