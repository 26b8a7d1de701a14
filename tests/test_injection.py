"""Parameters are injected into a briefing notebook as papermill injects them."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from tests.helpers.notebooks import write_notebook
from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.injection import inject_parameters, literal, load_notebook
from wres_lib.render.parameters import NOTEBOOKS

PARAMETERS = {"org_code": "ZT015", "year": 2025, "data_dir": "data/sample", "run_date": ""}


def cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in notebook.cells]


@pytest.mark.parametrize("name", sorted(set(NOTEBOOKS.values())))
def test_the_injected_notebook_is_papermills(name: str) -> None:
    ours = inject_parameters(load_notebook(NOTEBOOKS_DIR / name), PARAMETERS)
    theirs = parameterize_notebook(load_notebook_node(str(NOTEBOOKS_DIR / name)), PARAMETERS)
    assert cells(ours) == cells(theirs)
    assert [c.metadata.get("tags") for c in ours.cells].count(["injected-parameters"]) == 1


@pytest.mark.parametrize(
    "value", ['a "quoted" back\\slash', "line\nbreak", "é", 0, -3, 2.5, True, None]
)
def test_a_value_is_written_as_papermill_writes_it(value: object, tmp_path: Path) -> None:
    folder = write_notebook(tmp_path, "print(x)")
    notebook = next(folder.glob("*.ipynb"))
    theirs = parameterize_notebook(load_notebook_node(str(notebook)), {"x": value})
    injected = [c.source for c in theirs.cells if "injected-parameters" in c.metadata.tags]
    assert injected == [f"# Parameters\nx = {literal(value)}\n"]


def test_an_injected_cell_already_there_is_replaced(tmp_path: Path) -> None:
    folder = write_notebook(tmp_path, "print(x)")
    notebook = inject_parameters(load_notebook(next(folder.glob("*.ipynb"))), {"x": 1})
    again = inject_parameters(notebook, {"x": 2})
    injected = [c.source for c in again.cells if "injected-parameters" in c.metadata.tags]
    assert injected == ["# Parameters\nx = 2\n"]


def test_a_value_papermill_would_not_write_as_python_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot inject a parameter of type"):
        literal({"a": 1})
