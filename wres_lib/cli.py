"""The ``wres`` command line: a thin layer over the library, one command per task."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from wres_lib.data.dataset import Dataset, load_dataset, refresh_checksums
from wres_lib.data.fetch import (
    DEFAULT_CACHE,
    DEFAULT_TIMEOUT,
    USER_CONFIG,
    fetch_source,
    load_sources,
)
from wres_lib.data.schema import TABLES
from wres_lib.data.validation import validate_folder
from wres_lib.errors import DataValidationError, WresError

DEFAULT_DATA = Path("data/sample")
DEFAULT_OUT = Path("outputs")


@click.group()
@click.version_option(package_name="wres-briefings")
def main() -> None:
    """WRES briefings: validate data, compute indicators, render briefings."""


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def validate(folder: Path) -> None:
    """Check the dataset in FOLDER; list every problem, or print a one-line summary."""
    metadata, tables, violations = validate_folder(folder)
    if violations:
        noun = "problem" if len(violations) == 1 else "problems"
        click.echo(f"{folder}: {len(violations)} {noun} found", err=True)
        for violation in violations:
            click.echo(f"  - {violation}", err=True)
        sys.exit(1)
    rows = sum(len(frame) for frame in tables.values() if frame is not None)
    present = sum(frame is not None for frame in tables.values())
    years = sorted(tables["workforce"]["year"].unique())
    span = f"years {years[0]}-{years[-1]}" if years else "no workforce rows yet"
    label = " (synthetic data)" if metadata.synthetic else ""
    click.echo(
        f"{folder}: valid{label}: {metadata.name}, {present} of {len(TABLES)} tables, "
        f"{rows:,} rows, {span}"
    )


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def checksums(folder: Path) -> None:
    """Record the sha256 of every table file in FOLDER's dataset.yaml (after intended edits)."""
    metadata = refresh_checksums(folder)
    for name, digest in sorted(metadata.files.items()):
        click.echo(f"{digest}  {name}")


def _import_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options every ``wres import`` command shares: where to write and the metadata."""
    options = (
        click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder."),
        click.option("--merge", is_flag=True, help="Merge into the dataset already in --out."),
        click.option("--name", default="", help="Dataset name (default: the folder's)."),
        click.option("--vintage", default="", help="Data vintage (default: the file's date)."),
        click.option("--licence", default="", help="Licence (default: the source's)."),
    )
    for option in reversed(options):
        command = option(command)
    return command


@main.group("import")
def import_group() -> None:
    """Turn published or hand-made files into a validated dataset folder."""


@import_group.command("ods")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--icb-names",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="ODS file of ICBs (code, name, ...) to name each ICB (default: the code).",
)
@click.option(
    "--org-types",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with header org_code,org_type (default: guessed from the name).",
)
@_import_options
def import_ods(file: Path, icb_names: Path | None, org_types: Path | None, **options: Any) -> None:
    """The NHS ODS trust reference file FILE (etr.csv) as the organisations table."""
    from wres_lib.data.importers import read_ods_reference
    from wres_lib.data.importers.ods_reference import LICENCE

    _run_import(
        lambda: [read_ods_reference(file, icb_names, org_types)],
        [file],
        default_licence=LICENCE,
        **options,
    )


@import_group.command("workbook")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_import_options
def import_workbook(file: Path, **options: Any) -> None:
    """A filled data-entry workbook FILE.xlsx (see wres template)."""
    from wres_lib.data.importers import read_filled_workbook

    _run_import(lambda: read_filled_workbook(file), [file], **options)


@import_group.command("mapped")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    required=True,
    help="Mapping YAML file, or a bundled one: staff_survey_benchmark, workforce_statistics.",
)
@_import_options
def import_mapped(file: Path, mapping: str, **options: Any) -> None:
    """A CSV, XLSX or ODS file FILE laid out another way, read through a mapping file."""
    from wres_lib.data.importers import load_mapping, mapping_path, read_mapped

    _run_import(lambda: [read_mapped(file, load_mapping(mapping_path(mapping)))], [file], **options)


def _run_import(
    read: Callable[[], list[Any]], inputs: list[Path], out: Path, merge: bool, **metadata: str
) -> None:
    """Read, check and write an import; print what was imported and any notes."""
    from wres_lib.data.importers import ImportOptions, write_import

    try:
        result = write_import(read(), inputs, out, ImportOptions(merge=merge, **metadata))
    except WresError as error:
        raise click.ClickException(f"{error}\nNothing was written to {out}.") from error
    for name, count in result.rows.items():
        click.echo(f"{name}: {count:,} rows imported")
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.empty_tables:
        click.echo(f"written empty (no data yet): {', '.join(result.empty_tables)}")
    click.echo(f"wrote {out} ({'merged' if merge else 'new'} dataset, checksums in dataset.yaml)")


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def template(out: Path) -> None:
    """Write a data-entry workbook: one sheet per table, with drop-down lists."""
    from wres_lib.data.importers import write_template

    click.echo(f"wrote {write_template(out)}")


@main.command("generate-sample")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--seed", type=int, default=None, help="Random seed (default: the bundled one).")
def generate_sample(out: Path, seed: int | None) -> None:
    """Write the synthetic sample dataset (byte-identical for the same seed and code)."""
    from wres_lib.data.synthetic import DEFAULT_SEED, write_sample

    metadata = write_sample(out, seed=DEFAULT_SEED if seed is None else seed)
    click.echo(f"wrote {len(metadata.files)} tables and dataset.yaml to {out}")


@main.command()
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
def indicators(data: Path, out: Path, year: int | None) -> None:
    """Compute every indicator at every level and write the tables under OUT/<year>/tables."""
    from wres_lib.indicators.output import write_indicator_tables

    dataset = _load(data)
    for path in write_indicator_tables(dataset, out, _year(dataset, year)):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("level", type=click.Choice(["trust", "icb", "region", "national"]))
@click.argument("code", required=False)
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
@click.option("--formats", default="html", show_default=True, help="Comma-separated: html,pdf.")
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
def brief(
    level: str, code: str | None, year: int | None, formats: str, data: Path, out: Path
) -> None:
    """Render the briefing of one trust, ICB or region CODE, or of the nation."""
    from wres_lib.render.briefing import render_briefing
    from wres_lib.render.build import record_briefing
    from wres_lib.render.plan import briefing_for

    dataset = _load(data)
    chosen = _year(dataset, year)
    try:
        briefing = briefing_for(dataset, level, code, chosen, data)
        started = time.perf_counter()
        written = render_briefing(briefing, out, tuple(_formats(formats)))
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="CODE") from error
    except WresError as error:
        raise click.ClickException(str(error)) from error
    for path in written.values():
        click.echo(f"wrote {path}")
    seconds = time.perf_counter() - started
    click.echo(f"wrote {record_briefing(dataset, out, briefing, written, seconds)}")


@main.command()
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
@click.option("--levels", default="national,region,icb,trust", show_default=True)
@click.option("--only", multiple=True, help="Render only these codes (repeatable).")
@click.option("--formats", default="html,pdf", show_default=True, help="Comma-separated: html,pdf.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: the cores).")
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on a Dask cluster: 'local' starts one here, tcp://host:port joins a running one.",
)
@click.option("--force", is_flag=True, help="Render again even what is unchanged.")
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
def build(
    year: int | None,
    levels: str,
    only: tuple[str, ...],
    formats: str,
    jobs: int | None,
    scheduler: str | None,
    force: bool,
    data: Path,
    out: Path,
) -> None:
    """Render every briefing of a year, skipping unchanged ones; failures are listed and the
    exit status is 1."""
    from wres_lib.render.build import LEVELS
    from wres_lib.render.build import build as build_all
    from wres_lib.render.progress import build_progress

    chosen_levels = [level.strip() for level in levels.split(",") if level.strip()]
    unknown = [level for level in chosen_levels if level not in LEVELS]
    if unknown:
        raise click.BadParameter(f"unknown level {unknown[0]!r}", param_hint="--levels")
    dataset = _load(data)
    chosen = _year(dataset, year)

    stdout = click.get_text_stream("stdout")
    with build_progress(stdout, interactive=stdout.isatty()) as report:
        outcomes = build_all(
            dataset,
            data,
            out,
            chosen,
            levels=chosen_levels,
            only=only,
            formats=tuple(_formats(formats)),
            jobs=jobs,
            scheduler=scheduler,
            force=force,
            report=report,
        )
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = sum(o.status == "skipped" for o in outcomes)
    written = len(outcomes) - len(failed) - skipped
    click.echo(
        f"{written} of {len(outcomes)} briefings written, {skipped} unchanged, to "
        f"{out / str(chosen)} (index.html, manifest.json)"
    )
    if failed:
        click.echo(f"{len(failed)} failed:", err=True)
        for outcome in failed:
            click.echo(f"  - {outcome.level} {outcome.code}: {outcome.error}", err=True)
        sys.exit(1)


def _formats(text: str) -> list[str]:
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in ("html", "pdf")]
    if unknown or not chosen:
        raise click.BadParameter(
            f"expected html, pdf or html,pdf; got {text!r}", param_hint="--formats"
        )
    return chosen


def _load(data: Path) -> Dataset:
    try:
        return load_dataset(data)
    except DataValidationError as error:
        raise click.ClickException(str(error)) from error


def _year(dataset: Dataset, year: int | None) -> int:
    chosen = year if year is not None else dataset.years[-1]
    if chosen not in dataset.years:
        raise click.BadParameter(
            f"{chosen} is not in the data (years {dataset.years[0]}-{dataset.years[-1]})",
            param_hint="--year",
        )
    return chosen


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_tables", is_flag=True, help="List the tables and what they show.")
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
@click.option(
    "--level",
    type=click.Choice(["trust", "icb", "region"]),
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
    type=float,
    default=None,
    help="all-white-executives: keep trusts whose BME share of staff is above this (0-1).",
)
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
def table(
    name: str | None,
    list_tables: bool,
    year: int | None,
    level: str | None,
    fmt: str,
    out: Path | None,
    min_workforce_share: float | None,
    data: Path,
) -> None:
    """Write press table NAME (see --list) as CSV, XLSX, Markdown or HTML."""
    from wres_lib.analysis.context import load_context
    from wres_lib.tables import TABLES, press_table
    from wres_lib.tables.writers import render, write_table

    if list_tables:
        width = max(len(n) for n in TABLES)
        for table_name, description in TABLES.items():
            click.echo(f"{table_name:<{width}}  {description}")
        return
    if name is None:
        raise click.UsageError("give a table NAME, or --list to see them")
    if fmt == "xlsx" and out is None:
        raise click.BadParameter("xlsx needs a file: give --out FILE", param_hint="--out")
    dataset = _load(data)
    options = {} if min_workforce_share is None else {"min_workforce_share": min_workforce_share}
    try:
        built = press_table(name, load_context(data), _year(dataset, year), level, **options)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="NAME") from error
    except (ValueError, TypeError) as error:
        raise click.ClickException(str(error)) from error
    if out is None:
        click.echo(render(built, fmt), nl=False)
        return
    for path in write_table(built, out, fmt):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
@click.option("--level", type=click.Choice(["trust", "icb", "region"]), default="trust")
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
def stories(year: int | None, level: str, data: Path) -> None:
    """The year's strongest findings as quotable sentences, most newsworthy first."""
    from wres_lib.analysis.context import load_context
    from wres_lib.tables.press import footnote
    from wres_lib.tables.stories import find_stories, stories_markdown

    dataset = _load(data)
    chosen = _year(dataset, year)
    context = load_context(data)
    found = find_stories(context, chosen, level)
    click.echo(stories_markdown(found, footnote(context, chosen, [])), nl=False)


@main.command()
@click.argument("source", required=False)
@click.option("--year", type=int, default=None, help="The year of the file ({year} in its URL).")
@click.option("--list", "list_sources", is_flag=True, help="List the configured sources.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CACHE,
    show_default=True,
    help="Folder of downloaded files: <cache>/<source>/<year>/<file>.",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Sources file overriding the packaged one (default: ./{USER_CONFIG} if present).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the server to connect or to send more data.",
)
@click.option("--refresh", is_flag=True, help="Download again even a file already complete.")
def fetch(
    source: str | None,
    year: int | None,
    list_sources: bool,
    cache: Path,
    config: Path | None,
    timeout: float,
    refresh: bool,
) -> None:
    """Download public file SOURCE of a year into the cache (see --list), resuming a partial
    download and recording its sha256 in fetched.json."""
    try:
        sources = load_sources(config)
        if list_sources:
            width = max(len(name) for name in sources)
            for name, entry in sources.items():
                click.echo(f"{name:<{width}}  {entry.description}")
                for url in filter(None, [entry.url, *entry.urls.values(), entry.landing]):
                    click.echo(f"{'':<{width}}  {url}")
            configs = "; ".join(sorted({entry.config for entry in sources.values()}))
            click.echo(f"Sources from {configs}. The addresses are best guesses: check them.")
            return
        if source is None or year is None:
            raise click.UsageError("give a SOURCE and --year (or --list to see the sources)")
        if source not in sources:
            raise click.BadParameter(
                f"unknown source {source!r}; known: {', '.join(sources)}", param_hint="SOURCE"
            )
        fetched = fetch_source(sources[source], year, cache, timeout=timeout, refresh=refresh)
    except WresError as error:
        raise click.ClickException(str(error)) from error
    verb = {
        "downloaded": "downloaded",
        "resumed": "downloaded (resumed)",
        "cached": "already fetched, unchanged:",
        "recorded": "recorded (copied by hand):",
    }[fetched.status]
    click.echo(
        f"{source} {year}: {verb} {fetched.path} ({fetched.bytes:,} bytes, sha256 {fetched.sha256})"
    )
