"""Build progress: plain lines for logs, a bar with counts and time left on a terminal."""

from __future__ import annotations

import io

from wres_lib.render.manifest import Outcome
from wres_lib.render.progress import build_progress

OK = Outcome("trust", "ZT015", "ok", 4.25)
FAILED = Outcome("icb", "ZQ01", "failed", 1.0, error="boom")


def test_plain_lines_when_not_on_a_terminal() -> None:
    stream = io.StringIO()
    with build_progress(stream, interactive=False) as report:
        report(OK, 1, 2)
        report(FAILED, 2, 2)
    assert stream.getvalue().splitlines() == [
        "[1/2] trust ZT015: ok (4.2 s)",
        "[2/2] icb ZQ01: FAILED (1.0 s)",
    ]


def test_bar_with_counts_on_a_terminal_and_failures_printed() -> None:
    stream = io.StringIO()
    with build_progress(stream, interactive=True) as report:
        report(OK, 1, 2)
        report(FAILED, 2, 2)
    text = stream.getvalue()
    assert "2/2" in text and "\x1b[" in text  # a drawn bar with counts
    assert "icb ZQ01: FAILED" in text and "trust ZT015: ok" not in text
