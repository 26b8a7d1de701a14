"""The notebooks as committed (no outputs, one parameters cell, presentation only), and each run
as JupyterLab runs it: from its own folder, with its default parameters."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from tests.helpers.paths import REPO
from wres_lib.data.location import find_data_dir
from wres_lib.errors import DataValidationError
from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.parameters import NOTEBOOKS, SCHEMAS

FOLDER = REPO / "wres_lib" / "notebooks"
EXPLORE = "explore.ipynb"
EXPLORE_PARAMETERS = ["org_code", "year", "data_dir"]
ALL = [*NOTEBOOKS.values(), EXPLORE]
BRIEFING_IMPORTS = re.compile(
    r"^from wres_lib\.briefings import \w+$|^from wres_lib\.data\.location import find_data_dir$"
)
PRESENTATION = re.compile(
    r"^(briefing\.\w+\(\)|briefing = \w+\.build\(find_data_dir\(data_dir\)(, \w+)+\))$"
)
# What an exploring notebook may not do: compute (arithmetic), loop, branch or define functions.
COMPUTATION = (
    ast.BinOp, ast.AugAssign, ast.UnaryOp, ast.For, ast.While, ast.If, ast.IfExp, ast.With,
    ast.Try, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
    ast.SetComp, ast.DictComp, ast.GeneratorExp,
)  # fmt: skip


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(FOLDER / name, as_version=4)


def parameters_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    (cell,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    return cell


def code_after_parameters(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", [])
    ]


def test_the_package_ships_every_notebook_and_finds_them() -> None:
    assert NOTEBOOKS_DIR.resolve() == FOLDER.resolve()
    assert sorted(p.name for p in FOLDER.glob("*.ipynb")) == sorted(ALL)


@pytest.mark.parametrize("name", ALL)
def test_notebook_is_committed_clean(name: str) -> None:
    notebook = read(name)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        *((NOTEBOOKS[k], [p.name for p in SCHEMAS[k]]) for k in NOTEBOOKS),
        (EXPLORE, EXPLORE_PARAMETERS),
    ],
)
def test_parameters_cell_declares_the_schema(name: str, expected: list[str]) -> None:
    body = ast.parse(parameters_cell(read(name)).source).body
    assert [node.targets[0].id for node in body] == expected
    defaults = {node.targets[0].id: ast.literal_eval(node.value) for node in body}
    assert defaults["data_dir"] == "data/sample"  # a plain string, resolved when used


@pytest.mark.parametrize("kind", list(NOTEBOOKS))
def test_briefing_notebook_only_presents(kind: str) -> None:
    """Every statement outside the parameters cell builds the briefing or shows a piece of it."""
    for source in code_after_parameters(read(NOTEBOOKS[kind])):
        for line in filter(None, (line.strip() for line in source.splitlines())):
            if BRIEFING_IMPORTS.match(line):
                continue
            assert PRESENTATION.match(line), f"{NOTEBOOKS[kind]}: {line!r} is not presentation"


def test_explore_notebook_only_selects_and_shows() -> None:
    """Imports, names given to what wres_lib returns, and calls that select rows and show them."""
    for source in code_after_parameters(read(EXPLORE)):
        tree = ast.parse(source)
        for statement in tree.body:
            assert isinstance(statement, ast.Import | ast.ImportFrom | ast.Assign | ast.Expr), (
                ast.unparse(statement)
            )
            if isinstance(statement, ast.ImportFrom):
                assert statement.module.startswith("wres_lib."), ast.unparse(statement)
        computing = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, COMPUTATION)]
        assert not computing, f"{EXPLORE} computes: {computing}"


def test_the_computation_check_sees_arithmetic() -> None:
    """Control: the check above would catch a figure worked out in the notebook."""
    tree = ast.parse("share = rows['numerator'] / rows['denominator']")
    assert any(isinstance(node, COMPUTATION) for node in ast.walk(tree))


def test_relative_data_dir_is_found_here_first_then_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in (tmp_path, tmp_path / "project", tmp_path / "project" / "notebooks"):
        folder.mkdir(exist_ok=True)
    (tmp_path / "data" / "sample").mkdir(parents=True)
    (tmp_path / "project" / "data" / "sample").mkdir(parents=True)
    notebooks = tmp_path / "project" / "notebooks"
    assert find_data_dir("data/sample", notebooks) == tmp_path / "project" / "data" / "sample"
    assert find_data_dir("data/sample", tmp_path) == tmp_path / "data" / "sample"
    (notebooks / "data" / "sample").mkdir(parents=True)
    monkeypatch.chdir(notebooks)  # the default start: the current folder
    assert find_data_dir("data/sample") == notebooks / "data" / "sample"
    assert find_data_dir(tmp_path / "elsewhere") == tmp_path / "elsewhere"  # absolute: as given


def test_missing_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match=r"no-such-dataset.*a folder above it"):
        find_data_dir("no-such-dataset", tmp_path)


def test_the_repository_sample_is_found_from_the_notebooks_folder() -> None:
    assert find_data_dir("data/sample", FOLDER) == REPO / "data" / "sample"


@pytest.fixture
def kernel_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The kernel imports this source tree, whatever the working folder, and shares one cache of
    the dataset's tables between notebooks."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("WRES_CONTEXT_CACHE", str(tmp_path_factory.mktemp("context-cache")))


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_notebook_runs_from_its_own_folder(name: str, tmp_path: Path, kernel_env: None) -> None:
    """As JupyterLab runs it: the kernel starts in the notebooks folder, and the default
    ``data_dir = "data/sample"`` still finds the sample, in the repository's root."""
    assert not (FOLDER / "data" / "sample").exists()  # so the relative path must be resolved
    executed = papermill.execute_notebook(
        str(FOLDER / name), str(tmp_path / name), cwd=str(FOLDER), progress_bar=False
    )
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert shown and any("synthetic" in html.lower() for html in shown)
