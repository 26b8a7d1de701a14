"""Local workers replaced by fresh ones as a long build goes on, and a build that keeps only a
few briefings ahead of them (so a fresh pool starts while the spent one finishes)."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import psutil
import pytest

from wres_lib.render import build, pool
from wres_lib.render.pool import LocalWorkers


def not_helpers(processes: list[psutil.Process]) -> list[psutil.Process]:
    """``processes`` but multiprocessing's resource tracker, which lives as long as this one."""
    return [p for p in processes if "resource_tracker" not in " ".join(p.cmdline())]


@pytest.mark.slow
def test_spent_workers_are_replaced_by_fresh_ones(monkeypatch) -> None:
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 2)
    with LocalWorkers(1, "", ()) as workers:
        pids = [workers.submit(os.getpid).result(timeout=120) for _ in range(5)]
    first, second, third = pids[0], pids[2], pids[4]
    assert pids == [first, first, second, second, third]
    assert len({first, second, third, os.getpid()}) == 4
    assert not not_helpers(psutil.Process().children(recursive=True))  # workers and kernels


@pytest.mark.slow
def test_shutting_down_waits_for_the_workers_already_replaced(monkeypatch) -> None:
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 1)
    with LocalWorkers(1, "", ()) as workers:
        slow = workers.submit(time.sleep, 6)
        workers.submit(int)  # to a fresh worker, which starts its kernel while the first sleeps
    assert slow.done()
    assert not not_helpers(psutil.Process().children(recursive=True))


class ThreadWorkers(LocalWorkers):
    """LocalWorkers on threads, counting the tasks submitted and not yet recorded."""

    def __init__(self, jobs: int) -> None:
        self.pools = 0
        self.outstanding = self.most_outstanding = 0
        super().__init__(jobs, "", ())

    def _fresh(self) -> ThreadPoolExecutor:  # type: ignore[override]
        self.pools += 1
        return ThreadPoolExecutor(self.jobs)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        self.outstanding += 1
        self.most_outstanding = max(self.most_outstanding, self.outstanding)
        return super().submit(fn, *args, **kwargs)

    def record(self, outcome: str, recorded: list[str]) -> None:
        self.outstanding -= 1
        recorded.append(outcome)


def test_a_build_keeps_a_few_briefings_ahead_of_local_workers(monkeypatch) -> None:
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 3)
    monkeypatch.setattr(build, "render_one", lambda briefing, digest, missing, settings: digest)
    jobs = [(None, f"briefing {number}", ("html",)) for number in range(14)]
    recorded: list[str] = []
    with ThreadWorkers(2) as workers:
        outcomes = build._run(
            jobs,  # type: ignore[arg-type]
            workers,
            None,  # type: ignore[arg-type]
            lambda outcome: workers.record(outcome, recorded),  # type: ignore[arg-type]
        )
    assert sorted(outcomes) == sorted(recorded) == sorted(digest for _, digest, _ in jobs)
    assert workers.most_outstanding == workers.ahead == 4
    assert workers.pools == 3  # 6 tasks a pool of 2 workers: 6, 6 and 2


def test_an_interrupted_build_starts_no_more_briefings(monkeypatch) -> None:
    rendered: list[str] = []

    def render_one(briefing, digest: str, missing, settings) -> str:
        time.sleep(0.05)
        rendered.append(digest)
        return digest

    def interrupt(outcome: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "render_one", render_one)
    jobs = [(None, f"briefing {number}", ("html",)) for number in range(9)]
    with ThreadPoolExecutor(1) as executor, pytest.raises(KeyboardInterrupt):
        build._run(jobs, executor, None, interrupt)  # type: ignore[arg-type]
    assert len(rendered) <= 2  # the one that ended and the one running; the rest cancelled


def test_a_dask_cluster_is_given_every_briefing_at_once() -> None:
    jobs = [(None, f"briefing {number}", ("html",)) for number in range(9)]
    all_given = threading.Event()

    class Recording(ThreadPoolExecutor):
        """Each task ends once every task has been submitted (False after 10 s without)."""

        given = 0

        def submit(self, fn, /, *args, **kwargs) -> Future:
            self.given += 1
            if self.given == len(jobs):
                all_given.set()
            return super().submit(all_given.wait, 10)

    with Recording(1) as executor:
        outcomes = build._run(jobs, executor, None, lambda outcome: None)  # type: ignore[arg-type]
    assert outcomes == [True] * len(jobs)
