"""The briefing notebooks as committed: no outputs, one parameters cell, presentation only."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from tests.helpers.paths import REPO
from wres_lib.render.parameters import NOTEBOOKS, SCHEMAS

PRESENTATION = re.compile(r"^(briefing\.\w+\(\)|briefing = \w+\.build\(.*\))$")


@pytest.mark.parametrize("kind", list(NOTEBOOKS))
def test_notebook_is_committed_clean(kind: str) -> None:
    notebook = nbformat.read(REPO / "notebooks" / NOTEBOOKS[kind], as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


@pytest.mark.parametrize("kind", list(NOTEBOOKS))
def test_parameters_cell_declares_the_schema(kind: str) -> None:
    notebook = nbformat.read(REPO / "notebooks" / NOTEBOOKS[kind], as_version=4)
    (cell,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assigned = [node.targets[0].id for node in ast.parse(cell.source).body]
    assert assigned == [parameter.name for parameter in SCHEMAS[kind]]


@pytest.mark.parametrize("kind", list(NOTEBOOKS))
def test_notebook_only_presents(kind: str) -> None:
    """Every statement outside the parameters cell builds the briefing or shows a piece of it."""
    notebook = nbformat.read(REPO / "notebooks" / NOTEBOOKS[kind], as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        for line in filter(None, (line.strip() for line in cell.source.splitlines())):
            if line.startswith("from wres_lib.briefings import "):
                continue
            assert PRESENTATION.match(line), f"{NOTEBOOKS[kind]}: {line!r} is not presentation"
