"""Run notebooks in a Jupyter kernel kept warm between briefings.

A fresh kernel spends about two seconds importing pandas, matplotlib and statsmodels and loading
the build's shared tables; a :class:`WarmKernel` pays that once per worker process, and its
:meth:`~WarmKernel.warm` can pay the imports before the first notebook is ready. Before each
notebook it closes any open figures and deletes the names the last notebook defined, and it
numbers the cells itself, so an executed notebook is the same as a fresh kernel's
(``tests/test_kernels.py`` checks the rendered bytes). Execution is nbclient's, the engine papermill
runs on; parameters are injected as papermill injects them (:mod:`wres_lib.render.injection`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError

from wres_lib.errors import BriefingError
from wres_lib.render.injection import inject_parameters, load_notebook

KERNEL = "python3"
START_TIMEOUT_SECONDS = 120
# No output cache (Out, _, _1, _2 ...): nothing a notebook shows is kept for the next one.
KERNEL_ARGUMENTS = ["--InteractiveShell.cache_size=0"]
# A kernel is replaced by a new one after this many notebooks: each leaves a little behind
# (caches of the libraries, fragments of the heap), about a MiB, and a new kernel costs about
# three seconds (start, imports, shared tables), a tenth of a second per notebook at 32.
NOTEBOOKS_PER_KERNEL = 32
# Closes figures left by the last notebook, then deletes every name it defined: what
# ``%reset -f`` does to the user's namespace, without rebuilding IPython's own state (a tenth
# of a second each time), and drops the outputs IPython's history keeps of every cell (the
# HTML of each briefing). ``_shell`` is always among the names, so ``_name`` is always bound.
RESET_CODE = """\
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
_shell = get_ipython()
_shell.history_manager.reset(new_session=False)
_shell.history_manager.output_hist_reprs.clear()
for _name in [name for name in _shell.user_ns if name not in _shell.user_ns_hidden]:
    del _shell.user_ns[_name]
del _name
"""


class WarmKernel:
    """One kernel that runs notebook after notebook, each from a cleared namespace.

    ``env`` is added to the kernel's environment when it starts. The kernel starts on first use,
    again after it dies and after every ``notebooks_per_kernel`` notebooks (so what each leaves
    behind cannot add up); :meth:`shutdown` stops it.
    """

    def __init__(
        self,
        env: dict[str, str] | None = None,
        kernel_name: str = KERNEL,
        notebooks_per_kernel: int = NOTEBOOKS_PER_KERNEL,
    ) -> None:
        self.env = dict(env or {})
        self.kernel_name = kernel_name
        self.notebooks_per_kernel = notebooks_per_kernel
        self.notebooks_run = 0  # by the running kernel, counting any that failed
        self._manager: AsyncKernelManager | None = None
        self._client: Any = None
        self._sockets = ""

    @property
    def alive(self) -> bool:
        return self._manager is not None and self._manager.has_kernel

    def run(
        self, notebook: Path, parameters: dict[str, Any], briefing: str
    ) -> nbformat.NotebookNode:
        """Execute ``notebook`` with ``parameters``; return the executed notebook.

        Nothing is written to disk. A failing cell raises :class:`BriefingError` naming the cell
        (its index in ``notebook`` as saved, counting from 0, and its first line) and the error.
        """
        injected = inject_parameters(load_notebook(notebook), parameters)  # as papermill does
        if self.notebooks_run >= self.notebooks_per_kernel:
            self.shutdown()  # the next _execute starts a new kernel
        reset = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(RESET_CODE)])
        try:
            self._execute(reset, store_history=False)
            self._execute(injected, store_history=True)
        except _FailedCell as failed:
            error, index = failed.args
            raise BriefingError(
                briefing,
                f"{error.ename}: {error.evalue}{_first_line(injected.cells[index])}",
                cell_index=_saved_index(injected, index),
                error_name=error.ename,
            ) from error
        except (DeadKernelError, RuntimeError, TimeoutError) as error:
            self.shutdown()  # the next notebook gets a new kernel
            raise BriefingError(briefing, f"the kernel failed: {error}") from error
        finally:
            self.notebooks_run += 1
        return injected

    def warm(self, modules: Iterable[str]) -> None:
        """Start the kernel, if it is not running, and import ``modules`` in it, so the first
        notebook finds them loaded; nothing is left in the notebooks' namespace or history.
        Raises :class:`BriefingError` if an import or the kernel fails."""
        imports = "".join(f"import {name}\n" for name in modules)
        cell = nbformat.v4.new_code_cell(imports + RESET_CODE)
        try:
            self._execute(nbformat.v4.new_notebook(cells=[cell]), store_history=False)
        except _FailedCell as failed:
            error, _ = failed.args
            raise BriefingError("the kernel's warm-up", f"{error.ename}: {error.evalue}") from error
        except (DeadKernelError, RuntimeError, TimeoutError) as error:
            self.shutdown()
            raise BriefingError("the kernel's warm-up", f"the kernel failed: {error}") from error

    def shutdown(self) -> None:
        """Stop the kernel, if it is running."""
        if self._client is not None:
            self._client.stop_channels()
        if self._manager is not None and self._manager.has_kernel:
            run_sync(self._manager.shutdown_kernel)(now=True)
        self._manager = None
        self._client = None
        if self._sockets:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = ""

    def _execute(self, notebook: nbformat.NotebookNode, store_history: bool) -> None:
        """Run every cell of ``notebook`` in place, numbering code cells from 1 as a new kernel
        would (a warm kernel's own count goes on from the last notebook)."""
        if self._manager is None or not self._manager.has_kernel:
            self.shutdown()
            # Local sockets in a folder of its own: no TCP ports to clash between workers.
            self._sockets = tempfile.mkdtemp(prefix="wres-kernel-")
            self._manager = AsyncKernelManager(
                kernel_name=self.kernel_name,
                transport="ipc",
                connection_file=os.path.join(self._sockets, "kernel.json"),
            )
            self.notebooks_run = 0
        client = NotebookClient(
            notebook,
            km=self._manager,
            kernel_name=self.kernel_name,
            startup_timeout=START_TIMEOUT_SECONDS,
            record_timing=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
        client.kc = self._client  # None the first time: setup_kernel then starts a client
        with client.setup_kernel(env=os.environ | self.env):
            self._client = client.kc
            number = 0
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code" and cell.source.strip():
                    number += 1
                try:
                    client.execute_cell(
                        cell,
                        index,
                        execution_count=number if store_history else None,
                        store_history=store_history,
                    )
                except CellExecutionError as error:
                    raise _FailedCell(error, index) from error


class _FailedCell(Exception):
    """A cell raised: carries nbclient's error and the cell's index."""


def _saved_index(injected: nbformat.NotebookNode, index: int) -> int:
    """``index`` in the notebook as saved: papermill's injected cell is not counted."""
    tags = [cell.metadata.get("tags", []) for cell in injected.cells]
    injected_at = next((i for i, t in enumerate(tags) if "injected-parameters" in t), None)
    return index - 1 if injected_at is not None and index > injected_at else index


def _first_line(cell: nbformat.NotebookNode) -> str:
    lines = cell.source.strip().splitlines()[:1]
    return f" ({lines[0][:60]})" if lines else ""


_threads = threading.local()


def thread_kernel(env: dict[str, str]) -> WarmKernel:
    """The calling thread's kernel, kept warm between notebooks (a new one if ``env`` changed).

    It is stopped when the process exits, including a worker of a process pool.
    """
    kernel = getattr(_threads, "kernel", None)
    if kernel is None or kernel.env != env:
        if kernel is not None:
            kernel.shutdown()
        kernel = _threads.kernel = WarmKernel(env)
        Finalize(kernel, kernel.shutdown, exitpriority=10)
    return kernel
