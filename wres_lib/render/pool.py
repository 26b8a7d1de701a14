"""The workers of a build: local processes that warm their notebook kernels as they start,
or a Dask cluster.

A local worker starts its kernel and imports the notebooks' modules before its first briefing
(:func:`~wres_lib.render.worker.warm_up`), so a build that opens its workers first has them
ready by the time it has computed the shared tables. Local workers are replaced by fresh ones
after :data:`TASKS_PER_WORKER` briefings each (:class:`LocalWorkers`), which bounds their memory
over a long build.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from wres_lib.analysis.kernel_env import ALLOCATOR_ENV
from wres_lib.errors import WresError
from wres_lib.render.worker import warm_up

SCHEDULER_TIMEOUT_SECONDS = 30
SCHEDULER_CONNECT_SECONDS = 5
DEFAULT_SCHEDULER_PORT = 8786
# Briefings a local worker renders before a fresh worker takes its place. WeasyPrint's native
# libraries keep a little of every PDF (about 0.16 MiB with render.pdf's shared fonts), so a
# worker kept for the whole bundled set (about 128 briefings) ended above 500 MiB with its kernel.
TASKS_PER_WORKER = 32

T = TypeVar("T")


class SchedulerError(WresError):
    """The Dask scheduler given cannot be reached."""


def kernel_cache(cache: Path | str | None) -> str:
    """The cache folder of the shared tables as a build tells its kernels: resolved, the
    per-user default for None, "" for no cache (every kernel computes the tables)."""
    if cache is None:
        from wres_lib.analysis.context_cache import default_cache_dir

        cache = default_cache_dir()
    return str(Path(cache).resolve()) if str(cache) else ""


@contextmanager
def workers(
    jobs: int | None = None,
    scheduler: str | None = None,
    *,
    cache: str = "",
    levels: Iterable[str] = (),
) -> Iterator[Executor]:
    """``jobs`` workers (default: the cores), started now: local processes, each warming a
    kernel for the notebooks of ``levels`` told of ``cache`` (:func:`kernel_cache`); or with
    ``scheduler`` a Dask cluster, ``"local"`` to start one here or the address of a running
    scheduler (``tcp://host:port``) to join it."""
    jobs = jobs or os.cpu_count() or 1
    if scheduler is None:
        with LocalWorkers(jobs, cache, tuple(levels)) as pool:
            yield pool
        return
    from distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield client.get_executor(pure=False)
        return
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"cannot use the Dask scheduler at {scheduler}: {error}") from error
    with client:
        yield client.get_executor(pure=False)


class LocalWorkers(Executor):
    """``jobs`` local worker processes, started at once, each warming its kernel; once they have
    been given ``jobs`` times :data:`TASKS_PER_WORKER` tasks (about that many each), the next
    tasks go to fresh ones.

    A caller keeps at most :attr:`ahead` tasks submitted and not yet done, so the pool being
    replaced has only a few tasks left: the fresh workers warm up while it finishes them.
    (Python 3.11's ``max_tasks_per_child`` would replace workers one by one, but its pool can
    wait forever for a worker it never starts again: CPython issue 115634, fixed in 3.13.)
    """

    def __init__(self, jobs: int, cache: str, levels: tuple[str, ...]) -> None:
        self.jobs = jobs
        self.ahead = 2 * jobs  # one running and one waiting for each worker
        self._cache, self._levels = cache, levels
        self._retiring: list[threading.Thread] = []  # each waits for a replaced pool to end
        # Set once for this object's life, not at every new pool: setting the environment
        # while another thread reads it is not safe.
        self._environment = ExitStack()
        self._environment.enter_context(_environment(ALLOCATOR_ENV))  # read by each worker
        try:
            self._pool, self._given = self._fresh(), 0
        except BaseException:
            self._environment.close()
            raise

    def _fresh(self) -> ProcessPoolExecutor:
        # New interpreters, not forks: a worker does not inherit the tables this process holds.
        spawn = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            self.jobs, spawn, initializer=warm_up, initargs=(self._cache, self._levels)
        )
        for _ in range(self.jobs):  # each task starts a worker, which warms up before it runs
            pool.submit(int)
        return pool

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run ``fn(*args, **kwargs)`` in a worker (a fresh one once these are spent)."""
        if self._given == self.jobs * TASKS_PER_WORKER:
            # The spent pool runs what it holds, then its workers exit (a thread waits for
            # them, as a second shutdown of a pool waits for nothing).
            retiring = threading.Thread(target=self._pool.shutdown, name="spent workers")
            retiring.start()
            self._retiring.append(retiring)
            self._pool, self._given = self._fresh(), 0
        self._given += 1
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Shut down the workers, and with ``wait`` wait for every pool this has started."""
        self._pool.shutdown(wait, cancel_futures=cancel_futures)
        if wait:
            for retiring in self._retiring:
                retiring.join()
        self._environment.close()


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """``variables`` set in this process's environment (what processes it starts inherit),
    then restored."""
    before = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def check_reachable(scheduler: str) -> None:
    """Raise :class:`SchedulerError` within seconds if nothing answers at ``scheduler``
    (``tcp://host:port`` or ``host:port``)."""
    address = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    try:
        host, port = address.hostname, address.port or DEFAULT_SCHEDULER_PORT
    except ValueError as error:
        raise SchedulerError(f"{scheduler!r} is not a scheduler address: {error}") from error
    if not host:
        raise SchedulerError(
            f"{scheduler!r} is not a scheduler address; expected 'local' or tcp://host:port"
        )
    try:
        socket.create_connection((host, port), timeout=SCHEDULER_CONNECT_SECONDS).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {scheduler}: {reason} "
            f"(waited {SCHEDULER_CONNECT_SECONDS} s); is it running?"
        ) from error
