"""Import and fetch commands: turn published or hand-made files into a dataset folder, and
download the public files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from wres_lib.data.fetch import (
    DEFAULT_CACHE,
    DEFAULT_TIMEOUT,
    USER_CONFIG,
    fetch_source,
    load_sources,
)
from wres_lib.errors import WresError


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


@click.group("import")
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
        raise click.ClickException(f"Nothing was written to {out}: {error}") from error
    for name, count in result.rows.items():
        click.echo(f"{name}: {count:,} rows imported")
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.empty_tables:
        click.echo(f"written empty (no data yet): {', '.join(result.empty_tables)}")
    click.echo(f"wrote {out} ({'merged' if merge else 'new'} dataset, checksums in dataset.yaml)")


@click.command()
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
