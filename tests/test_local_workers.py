"""Local workers replaced by fresh ones as a long build goes on, and a build that keeps only a
few briefings ahead of them (so a fresh pool starts while the spent one finishes)."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import psutil
import pytest

from wres_lib.render import build, pool
from wres_lib.render.pool import LocalWorkers


@pytest.mark.slow
def test_spent_workers_are_replaced_by_fresh_ones(monkeypatch) -> None:
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 2)
    with LocalWorkers(1, "", ()) as workers:
        pids = [workers.submit(os.getpid).result(timeout=120) for _ in range(5)]
    first, second, third = pids[0], pids[2], pids[4]
    assert pids == [first, first, second, second, third]
    assert len({first, second, third, os.getpid()}) == 4
    assert not [pid for pid in (first, second, third) if psutil.pid_exists(pid)]  # all ended


class ThreadWorkers(LocalWorkers):
    """LocalWorkers on threads, counting the tasks submitted and not yet done."""

    def __init__(self, jobs: int) -> None:
        self.pools = 0
        self.outstanding = self.most_outstanding = 0
        self._lock = threading.Lock()
        super().__init__(jobs, "", ())

    def _fresh(self) -> ThreadPoolExecutor:  # type: ignore[override]
        self.pools += 1
        return ThreadPoolExecutor(self.jobs)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        with self._lock:
            self.outstanding += 1
            self.most_outstanding = max(self.most_outstanding, self.outstanding)
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _future: Future) -> None:
        with self._lock:
            self.outstanding -= 1


def test_a_build_keeps_a_few_briefings_ahead_of_local_workers(monkeypatch) -> None:
    monkeypatch.setattr(pool, "TASKS_PER_WORKER", 3)
    monkeypatch.setattr(build, "render_one", lambda briefing, digest, missing, settings: digest)
    jobs = [(None, f"briefing {number}", ("html",)) for number in range(14)]
    recorded: list[str] = []
    with ThreadWorkers(2) as workers:
        outcomes = build._run(jobs, workers, None, recorded.append)  # type: ignore[arg-type]
    assert sorted(outcomes) == sorted(recorded) == sorted(digest for _, digest, _ in jobs)
    assert 2 <= workers.most_outstanding <= workers.ahead == 4
    assert workers.pools == 3  # 6 tasks a pool of 2 workers: 6, 6 and 2


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
