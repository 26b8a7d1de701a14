"""Warm kernels: a notebook run in a kernel that ran others first gives what a fresh one gives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.notebooks import PARAMETERS, write_notebook
from tests.helpers.paths import SAMPLE
from wres_lib.errors import BriefingError
from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.html import notebook_to_html
from wres_lib.render.kernels import WarmKernel
from wres_lib.render.parameters import validate_parameters

pytestmark = pytest.mark.slow  # starts and runs Jupyter kernels


@pytest.fixture
def kernel() -> Iterator[WarmKernel]:
    warm = WarmKernel()
    yield warm
    warm.shutdown()


def code_outputs(notebook) -> list[tuple[int | None, str]]:
    return [
        (cell.execution_count, "".join(o.get("text", "") for o in cell.outputs))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def test_each_notebook_starts_from_a_cleared_namespace(kernel: WarmKernel, tmp_path) -> None:
    first = write_notebook(tmp_path / "a", "leftover = 41", "print(leftover + 1)")
    kernel.run(first / "national_briefing.ipynb", PARAMETERS, "first")
    second = write_notebook(tmp_path / "b", "print(leftover)")
    with pytest.raises(BriefingError, match="NameError: name 'leftover' is not defined"):
        kernel.run(second / "national_briefing.ipynb", PARAMETERS, "second")
    assert kernel.alive  # a failing cell does not cost the kernel


def test_cells_are_numbered_as_in_a_fresh_kernel(kernel: WarmKernel, tmp_path) -> None:
    folder = write_notebook(tmp_path / "nb", "print('one')", "", "print('two')")
    notebook = folder / "national_briefing.ipynb"
    warm_runs = [code_outputs(kernel.run(notebook, PARAMETERS, "warm")) for _ in range(3)]
    fresh = WarmKernel()
    try:
        expected = code_outputs(fresh.run(notebook, PARAMETERS, "fresh"))
    finally:
        fresh.shutdown()
    # parameters, injected parameters, print, empty (not run), print
    assert [count for count, _ in expected] == [1, 2, 3, None, 4]
    assert expected[2][1] == "one\n" and expected[4][1] == "two\n"
    assert warm_runs == [expected] * 3


def test_a_dead_kernel_is_replaced(kernel: WarmKernel, tmp_path) -> None:
    dying = write_notebook(tmp_path / "a", "import os\nos._exit(1)")
    with pytest.raises(BriefingError, match="kernel"):
        kernel.run(dying / "national_briefing.ipynb", PARAMETERS, "dying")
    healthy = write_notebook(tmp_path / "b", "print(6 * 7)")
    notebook = kernel.run(healthy / "national_briefing.ipynb", PARAMETERS, "healthy")
    assert code_outputs(notebook)[-1][1] == "42\n"


def test_a_briefing_from_a_warm_kernel_is_byte_identical_to_a_fresh_one(
    kernel: WarmKernel,
) -> None:
    notebook = NOTEBOOKS_DIR / "trust_briefing.ipynb"

    def trust(code: str) -> dict:
        parameters = {**PARAMETERS, "org_code": code, "data_dir": str(SAMPLE)}
        return validate_parameters("trust", parameters)

    other = notebook_to_html(kernel.run(notebook, trust("ZT020"), "another trust first"))
    warm = notebook_to_html(kernel.run(notebook, trust("ZT015"), "warm"))
    fresh_kernel = WarmKernel()
    try:
        fresh = notebook_to_html(fresh_kernel.run(notebook, trust("ZT015"), "fresh"))
    finally:
        fresh_kernel.shutdown()
    assert warm == fresh and warm != other and "<svg" in warm


def test_a_kernel_is_replaced_after_its_notebooks_per_kernel(tmp_path) -> None:
    folder = write_notebook(tmp_path / "nb", "import os\nprint(os.getpid())")
    notebook = folder / "national_briefing.ipynb"
    kernel = WarmKernel(notebooks_per_kernel=2)
    try:
        pids = [code_outputs(kernel.run(notebook, PARAMETERS, "n"))[-1][1] for _ in range(5)]
        assert kernel.notebooks_run == 1  # the fifth, in the third kernel
    finally:
        kernel.shutdown()
    assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]


def test_a_warm_kernel_keeps_no_outputs_of_earlier_notebooks(kernel: WarmKernel, tmp_path) -> None:
    shown = write_notebook(tmp_path / "a", "'x' * 100_000", "print('y' * 100_000)")
    for _ in range(3):
        kernel.run(shown / "national_briefing.ipynb", PARAMETERS, "shown")
    count = write_notebook(
        tmp_path / "b",
        "history = get_ipython().history_manager\n"
        "print(len(history.outputs), len(history.output_hist_reprs))",
    )
    notebook = kernel.run(count / "national_briefing.ipynb", PARAMETERS, "count")
    assert code_outputs(notebook)[-1][1] == "0 0\n"
