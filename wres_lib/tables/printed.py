"""What ``wres table NAME`` and ``wres stories`` print, made in one place for the commands and
for a build, which keeps the default outputs of its year so their first run is served at once
(:mod:`wres_lib.analysis.kept_outputs`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.analysis.kept_outputs import kept_outputs, stories_command, table_command
from wres_lib.tables.press import footnote
from wres_lib.tables.registry import ORGANISATION_LEVELS, TABLES, press_table
from wres_lib.tables.stories import find_stories, stories_markdown
from wres_lib.tables.writers import render


def table_text(
    context: BriefingContext,
    year: int,
    name: str,
    level: str | None = None,
    fmt: str = "csv",
    options: dict[str, Any] | None = None,
) -> str:
    """The text ``wres table NAME`` prints for ``year``: table ``name`` at ``level`` (the
    table's first when None) in ``fmt`` (csv, md or html), with the table's ``options``."""
    built = press_table(name, context.for_year(year), year, level, **(options or {}))
    return render(built, fmt)


def stories_text(context: BriefingContext, year: int, level: str) -> str:
    """The text ``wres stories`` prints for ``year`` at ``level``: the findings as Markdown."""
    context = context.for_year(year)
    return stories_markdown(find_stories(context, year, level), footnote(context, year, []))


def keep_printed(data: Path, cache_dir: Path, year: int) -> int:
    """Keep, in the cache of the dataset in ``data``, what ``wres table NAME`` prints for every
    table with its default options and ``wres stories`` at each level, for ``year``; only the
    texts not kept yet are computed, from the cached tables. A text that cannot be made is not
    kept (the command will say why when it is run). Returns how many texts it kept now."""
    kept = kept_outputs(data, cache_dir)
    if kept is None:
        return 0
    context = load_context(data, cache_dir, year=year)  # one slice: shared, derived from once
    printers: list[tuple[list[Any], Callable[[], str]]] = [
        (table_command(name, None, "csv", None, None), partial(table_text, context, year, name))
        for name in TABLES
    ]
    printers += [
        (stories_command(level), partial(stories_text, context, year, level))
        for level in ORGANISATION_LEVELS
    ]
    made = 0
    for command, printer in printers:
        if kept.read(command, year) is not None:
            continue
        try:
            text = printer()
        except Exception:  # the briefings are done: a text that cannot be made is not kept
            continue
        kept.keep(command, year, text)
        made += 1
    return made
