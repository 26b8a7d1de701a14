"""The levels of briefing, in build and index order (the nation first, trusts last), and the
check of the levels a build is asked for; light enough for a build that finds nothing to do."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from wres_lib.data import schema
from wres_lib.errors import WresError

LEVELS = tuple(reversed(schema.LEVELS))


class SelectionError(WresError):
    """A level or code asked for is not one the data has; the message suggests close ones."""


def check_levels(levels: Iterable[str]) -> list[str]:
    """``levels`` as a list, each one of LEVELS; else :class:`SelectionError` with suggestions."""
    chosen = list(levels)
    if not chosen:
        raise SelectionError(f"no level given; expected some of {', '.join(LEVELS)}")
    for level in chosen:
        if level not in LEVELS:
            close = difflib.get_close_matches(level, LEVELS, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]}?" if close else f"; expected {', '.join(LEVELS)}"
            raise SelectionError(f"unknown level {level!r}{hint}")
    return chosen
