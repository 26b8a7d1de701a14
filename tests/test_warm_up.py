"""Workers that warm their kernels as they start, so a build's first briefings do not wait for
a kernel to start and import the analysis code."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from tests.helpers.notebooks import PARAMETERS, write_notebook
from wres_lib.analysis.kernel_env import ALLOCATOR_ENV
from wres_lib.cli import build as build_command
from wres_lib.errors import BriefingError
from wres_lib.render import worker
from wres_lib.render.kernels import WarmKernel
from wres_lib.render.pool import workers


def outputs(notebook) -> list[tuple[int | None, str]]:
    return [
        (cell.execution_count, "".join(o.get("text", "") for o in cell.outputs))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


@pytest.mark.slow
def test_a_warmed_kernel_has_the_modules_loaded_and_nothing_else_changed(tmp_path: Path) -> None:
    folder = write_notebook(
        tmp_path, "import sys\nprint('colorsys' in sys.modules, 'colorsys' in dir())"
    )
    notebook = folder / "national_briefing.ipynb"
    warmed, fresh = WarmKernel(), WarmKernel()
    try:
        warmed.warm(["colorsys"])
        assert warmed.alive
        ran_warmed = outputs(warmed.run(notebook, PARAMETERS, "warmed"))
        ran_fresh = outputs(fresh.run(notebook, PARAMETERS, "fresh"))
    finally:
        warmed.shutdown()
        fresh.shutdown()
    assert ran_warmed[-1] == (3, "True False\n")  # loaded, but not a name in the namespace
    assert ran_fresh[-1] == (3, "False False\n")
    assert [count for count, _ in ran_warmed] == [count for count, _ in ran_fresh]


@pytest.mark.slow
def test_a_failing_warm_up_names_the_error() -> None:
    kernel = WarmKernel()
    try:
        with pytest.raises(BriefingError, match=r"warm-up.*ModuleNotFoundError"):
            kernel.warm(["wres_no_such_module"])
    finally:
        kernel.shutdown()


def test_a_worker_whose_warm_up_fails_goes_on_and_says_so(monkeypatch, caplog) -> None:
    def failing(self: WarmKernel, modules: object) -> None:
        raise RuntimeError("no kernel today")

    monkeypatch.setattr(WarmKernel, "warm", failing)
    with caplog.at_level(logging.WARNING):
        worker.warm_up("", ("trust", "icb"))  # as a pool's initializer: it must not raise
    assert "did not warm up: no kernel today" in caplog.text


def test_each_level_warms_the_modules_its_notebook_imports() -> None:
    for level, module in worker.LEVEL_MODULES.items():
        notebook = {"national": "national", "trust": "trust"}.get(level, "system")
        assert module == f"wres_lib.briefings.{notebook}"
        __import__(module)
        assert module in sys.modules


@pytest.mark.slow
def test_every_worker_starts_at_once_with_the_builds_allocator() -> None:
    me = psutil.Process()
    before = {child.pid for child in me.children()}
    assert "MALLOC_MMAP_THRESHOLD_" not in os.environ
    with workers(2, cache="", levels=()) as pool:
        started = {child.pid for child in me.children()} - before
        assert len(started) >= 2  # both workers, before any briefing is submitted
        told = pool.submit(os.getenv, "MALLOC_MMAP_THRESHOLD_").result()
        assert told == ALLOCATOR_ENV["MALLOC_MMAP_THRESHOLD_"]
    assert "MALLOC_MMAP_THRESHOLD_" not in os.environ  # this process's environment restored


@contextmanager
def recorded_workers(calls: list, jobs=None, scheduler=None, *, cache="", levels=()) -> Iterator:
    calls.append((cache, tuple(levels)))
    yield "started"


def test_the_command_starts_workers_only_for_data_not_yet_computed(monkeypatch, tmp_path) -> None:
    calls: list = []
    monkeypatch.setattr(
        "wres_lib.render.pool.workers", lambda *a, **k: recorded_workers(calls, *a, **k)
    )
    cache = tmp_path / "cache"
    with build_command._workers_while_computing(True, cache, 2, None, ["trust"]) as executor:
        assert executor == "started"
    assert calls == [(str(cache.resolve()), ("trust",))]
    with build_command._workers_while_computing(True, None, 2, None, ["trust"]) as executor:
        assert executor is None  # --no-cache: every kernel computes, nothing to overlap
    with build_command._workers_while_computing(True, cache, 2, "local", ["trust"]) as executor:
        assert executor is None  # a Dask cluster starts its own workers
    with build_command._workers_while_computing(False, cache, 2, None, ["trust"]) as executor:
        assert executor is None  # validated and computed already: little to overlap
    assert len(calls) == 1
