"""Progress of a build: a bar with counts and time left on a terminal, plain lines elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from wres_lib.render.manifest import Outcome

Report = Callable[[Outcome, int, int], None]


def line(outcome: Outcome, done: int, total: int) -> str:
    """One plain log line: '[3/257] trust ZT015: ok (4.2 s)'."""
    status = "FAILED" if outcome.status == "failed" else outcome.status
    return f"[{done}/{total}] {outcome.level} {outcome.code}: {status} ({outcome.seconds:.1f} s)"


@contextmanager
def build_progress(stream: TextIO, *, interactive: bool) -> Iterator[Report]:
    """A report callback for :func:`wres_lib.render.build.build`.

    On a terminal (``interactive``) it drives a progress bar with counts and time left and
    prints failures above it; otherwise (CI, logs) it writes one line per briefing.
    """
    if not interactive:

        def plain(outcome: Outcome, done: int, total: int) -> None:
            print(line(outcome, done, total), file=stream, flush=True)

        yield plain
        return
    console = Console(file=stream, force_terminal=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("briefings", total=None)

        def bar(outcome: Outcome, done: int, total: int) -> None:
            progress.update(task, total=total, completed=done)
            if outcome.status == "failed":
                progress.console.print(line(outcome, done, total))

        yield bar
