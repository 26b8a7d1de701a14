"""Press commands: ``wres table`` writes a press table, ``wres stories`` the year's findings."""

from __future__ import annotations

from pathlib import Path

import click

from wres_lib.cli.common import cache_options, chosen_year, context_of, data_option, year_option
from wres_lib.cli.served import keep_output, served_output

TABLE_LEVELS = ("trust", "icb", "region")


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_tables", is_flag=True, help="List the tables and what they show.")
@year_option
@click.option(
    "--level",
    type=click.Choice(TABLE_LEVELS),
    default=None,
    help="Organisation level (default: the table's first, usually trust).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "md", "html"]),
    default="csv",
    show_default=True,
)
@click.option("--out", type=click.Path(path_type=Path), default=None, help="File to write.")
@click.option(
    "--min-workforce-share",
    type=click.FloatRange(0, 1),
    default=None,
    help="all-white-executives: keep trusts whose BME share of staff is above this (0-1).",
)
@click.option(
    "--horizon", type=click.Choice(["S", "M", "L"]), default=None, help="targets: one horizon."
)
@data_option
@cache_options
def table(
    name: str | None,
    list_tables: bool,
    year: int | None,
    level: str | None,
    fmt: str,
    out: Path | None,
    min_workforce_share: float | None,
    horizon: str | None,
    data: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Write press table NAME (see --list) as CSV, XLSX, Markdown or HTML."""
    if list_tables:
        from wres_lib.tables import TABLES

        width = max(len(n) for n in TABLES)
        for table_name, description in TABLES.items():
            click.echo(f"{table_name:<{width}}  {description}")
        return
    if name is None:
        raise click.UsageError("give a table NAME, or --list to see them")
    if fmt == "xlsx" and out is None:
        raise click.BadParameter("xlsx needs a file: give --out FILE", param_hint="--out")
    if out is not None and out.is_dir():
        raise click.BadParameter(f"{out} is a folder; give a file name", param_hint="--out")
    command = ["table", name, level, fmt, min_workforce_share, horizon]
    if out is None and (kept := served_output(data, cache_dir, no_cache, command, year)):
        click.echo(kept, nl=False)
        return
    from wres_lib.tables import press_table
    from wres_lib.tables.writers import render, write_table

    context = context_of(data, cache_dir, no_cache)
    wres_year = chosen_year(context.dataset, year)
    context = context.for_year(wres_year)
    options: dict[str, float | str] = {}
    if min_workforce_share is not None:
        options["min_workforce_share"] = min_workforce_share
    if horizon is not None:
        options["horizon"] = horizon
    try:
        built = press_table(name, context.for_year(wres_year), wres_year, level, **options)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="NAME") from error
    except (ValueError, TypeError) as error:
        raise click.ClickException(str(error)) from error
    if out is None:
        text = render(built, fmt)
        keep_output(data, cache_dir, no_cache, command, wres_year, text)
        click.echo(text, nl=False)
        return
    for path in write_table(built, out, fmt):
        click.echo(f"wrote {path}")


@click.command()
@year_option
@click.option("--level", type=click.Choice(TABLE_LEVELS), default="trust")
@data_option
@cache_options
def stories(
    year: int | None, level: str, data: Path, cache_dir: Path | None, no_cache: bool
) -> None:
    """The year's strongest findings as quotable sentences, most newsworthy first."""
    command = ["stories", level]
    if kept := served_output(data, cache_dir, no_cache, command, year):
        click.echo(kept, nl=False)
        return
    from wres_lib.tables.press import footnote
    from wres_lib.tables.stories import find_stories, stories_markdown

    context = context_of(data, cache_dir, no_cache)
    wres_year = chosen_year(context.dataset, year)
    context = context.for_year(wres_year)
    found = find_stories(context, wres_year, level)
    text = stories_markdown(found, footnote(context, wres_year, []))
    keep_output(data, cache_dir, no_cache, command, wres_year, text)
    click.echo(text, nl=False)
