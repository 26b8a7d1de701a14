"""The workers of a build: local processes that warm their notebook kernels as they start,
or a Dask cluster.

A local worker starts its kernel and imports the notebooks' modules before its first briefing
(:func:`~wres_lib.render.worker.warm_up`), so a build that opens its workers first has them
ready by the time it has computed the shared tables.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from wres_lib.analysis.kernel_env import ALLOCATOR_ENV
from wres_lib.errors import WresError
from wres_lib.render.worker import warm_up

SCHEDULER_TIMEOUT_SECONDS = 30
SCHEDULER_CONNECT_SECONDS = 5
DEFAULT_SCHEDULER_PORT = 8786


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
        # New interpreters, not forks: a worker does not inherit the tables this process holds.
        # (Not replaced after some tasks: with max_tasks_per_child, Python 3.11's pool can
        # wait forever for a worker it never starts again.)
        spawn = multiprocessing.get_context("spawn")
        with (
            _environment(ALLOCATOR_ENV),  # read by each worker as it starts
            ProcessPoolExecutor(
                jobs, spawn, initializer=warm_up, initargs=(cache, tuple(levels))
            ) as pool,
        ):
            for _ in range(jobs):  # each task starts a worker, which warms up before it runs
                pool.submit(int)
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
