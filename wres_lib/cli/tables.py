"""Press commands: ``wres table`` writes a press table, ``wres stories`` the year's findings."""

from __future__ import annotations

from pathlib import Path

import click

from wres_lib.cli.common import (
    cache_options,
    chosen_cache,
    chosen_year,
    context_of,
    data_option,
    year_option,
)

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
    from wres_lib.analysis.kept_outputs import keep_output, served_output, table_command

    command = table_command(name, level, fmt, min_workforce_share, horizon)
    cache = chosen_cache(cache_dir, no_cache)
    if out is None and (kept := served_output(data, cache, command, year)):
        click.echo(kept, nl=False)
        return
    from wres_lib.tables import press_table
    from wres_lib.tables.printed import table_text
    from wres_lib.tables.writers import write_table

    context = context_of(data, cache_dir, no_cache)
    wres_year = chosen_year(context.dataset, year)
    options: dict[str, float | str] = {}
    if min_workforce_share is not None:
        options["min_workforce_share"] = min_workforce_share
    if horizon is not None:
        options["horizon"] = horizon
    try:
        if out is None:
            text = table_text(context, wres_year, name, level, fmt, options)
        else:
            built = press_table(name, context.for_year(wres_year), wres_year, level, **options)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="NAME") from error
    except (ValueError, TypeError) as error:
        raise click.ClickException(str(error)) from error
    if out is None:
        keep_output(data, cache, command, wres_year, text)
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
    from wres_lib.analysis.kept_outputs import keep_output, served_output, stories_command

    command = stories_command(level)
    cache = chosen_cache(cache_dir, no_cache)
    if kept := served_output(data, cache, command, year):
        click.echo(kept, nl=False)
        return
    from wres_lib.tables.printed import stories_text

    context = context_of(data, cache_dir, no_cache)
    wres_year = chosen_year(context.dataset, year)
    text = stories_text(context, wres_year, level)
    keep_output(data, cache, command, wres_year, text)
    click.echo(text, nl=False)
