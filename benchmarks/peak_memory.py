"""Peak resident memory of a build's workers, each with its own children (its notebook kernel),
sampled with psutil while the build runs (:class:`PeakMemory`).

A process just forked runs its parent's program until it execs its own, and meanwhile shows its
parent's memory as its own (Linux's vfork shares it; a fork's copy is shared until written).
That lasts well under a millisecond, but up to milliseconds on a busy machine, long enough for a
sample to catch a fresh worker at the build's size. So a process younger than
:data:`FORK_GRACE_SECONDS` that runs its parent's command line is left out; one older than that
is counted, as a child forked without exec does hold memory of its own.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.1
FORK_GRACE_SECONDS = 2.0


@dataclass(frozen=True)
class Peak:
    """A worker's tree at one sample: seconds into the run and each process's
    ``(role, pid, resident bytes)``."""

    seconds: float
    parts: tuple[tuple[str, int, int], ...]

    @property
    def rss(self) -> int:
        return sum(rss for _, _, rss in self.parts)

    def describe(self) -> str:
        """What the peak is made of, as ``worker 122 MiB (pid 11), kernel 368 MiB (pid 12)``."""
        return ", ".join(
            f"{role} {rss / 1024**2:.0f} MiB (pid {pid})" for role, pid, rss in self.parts
        )


class PeakMemory:
    """Samples the process tree of ``pid`` every :data:`SAMPLE_SECONDS`: the peak of each direct
    child (a worker) together with its own children, in :attr:`peaks` by the worker's pid.

    A process not yet running a program of its own (see the module's docstring) is left out,
    and the most such a process showed is kept in :attr:`left_out`. A process that ends or
    becomes a zombie during a sample counts for nothing in that sample; the rest of its tree is
    kept.
    """

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peaks: dict[int, Peak] = {}
        self.left_out = 0
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        try:
            commands = {self.root.pid: self.root.cmdline()}
        except psutil.Error:
            return
        while not self._stop.wait(SAMPLE_SECONDS):
            try:
                workers = self.root.children()
            except psutil.Error:
                return
            for worker in workers:
                try:
                    tree = [worker, *worker.children(recursive=True)]
                except psutil.Error:
                    continue
                self._record(worker.pid, tree, commands)

    def _record(
        self, worker: int, tree: list[psutil.Process], commands: dict[int, list[str]]
    ) -> None:
        """Add one sample of a worker's ``tree`` (the worker first); ``commands`` holds the
        command line of the build's own process."""
        parts = []
        for process in tree:
            try:
                # Memory first: a process that execs between the two reads is counted at the
                # larger size, never left out with memory of its own.
                rss = process.memory_info().rss
                command = commands[process.pid] = process.cmdline()
                unstarted = (
                    command == commands.get(process.ppid())
                    and time.time() - process.create_time() < FORK_GRACE_SECONDS
                )
            except psutil.Error:
                continue
            if unstarted:
                self.left_out = max(self.left_out, rss)
            else:
                parts.append((_role(process, command), process.pid, rss))
        peak = Peak(time.perf_counter() - self._started, tuple(parts))
        if peak.rss > self.peaks.get(worker, Peak(0.0, ())).rss:
            self.peaks[worker] = peak


def _role(process: psutil.Process, command: list[str]) -> str:
    """What ``process`` is: a worker of the build's pool, a Jupyter kernel, or its program's
    name."""
    text = " ".join(command)
    if "spawn_main" in text:
        return "worker"
    return "kernel" if "ipykernel" in text else process.name()
