"""One build at a time per output year: a lock file that a second build waits for.

The lock is an advisory ``flock`` on ``<out>/<year>/.build.lock``: the operating system
releases it when the holder exits, even if it is killed, so a stale lock never blocks a build.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".build.lock"


@contextmanager
def exclusive(
    folder: Path, waiting: Callable[[str], None], name: str = LOCK_NAME
) -> Iterator[None]:
    """Hold the lock file ``name`` of ``folder`` for the ``with`` block; if another process
    holds it, call ``waiting`` with a sentence saying so, then wait for it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"another wres build is writing to {folder}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
