"""Data commands: validate, checksums, template, generate-sample, indicators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from wres_lib.cli.common import (
    DEFAULT_DATA,
    cache_options,
    cached_facts,
    chosen_year,
    data_option,
    dataset_of,
    out_option,
    recorded_problems,
    target_problems,
    year_option,
)

if TYPE_CHECKING:
    from wres_lib.data.metadata import DatasetMetadata
    from wres_lib.errors import Violation


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
@cache_options
def validate(folder: Path, cache_dir: Path | None, no_cache: bool) -> None:
    """Check the dataset in FOLDER; list every problem, or print a one-line summary.

    A dataset whose files are byte for byte those already validated by this version of the
    library (its tables are in the cache) is not checked again. Action-plan targets that their
    baseline already meets are found once the data is valid (this computes the indicators)."""
    cached = cached_facts(folder, cache_dir, no_cache)
    if cached is not None:
        metadata, facts = cached
        rows, present, years = facts["rows"], facts["present"], facts["years"]
        _exit_with(folder, recorded_problems(facts))
    else:
        from wres_lib.analysis.context import BriefingContext
        from wres_lib.data.dataset import load_dataset
        from wres_lib.data.validation import validate_folder

        metadata, tables, violations = validate_folder(folder)
        if not violations and tables.get("targets") is not None:
            violations = target_problems(BriefingContext(load_dataset(folder)))
        _exit_with(folder, violations)
        rows = sum(len(frame) for frame in tables.values() if frame is not None)
        present = sum(frame is not None for frame in tables.values())
        years = sorted(tables["workforce"]["year"].unique())
    click.echo(valid_line(folder, metadata, {"present": present, "rows": rows, "years": years}))


def _exit_with(folder: Path, violations: list[Violation]) -> None:
    """List ``violations`` and exit with status 1; nothing if there are none."""
    if violations:
        noun = "problem" if len(violations) == 1 else "problems"
        click.echo(f"{folder}: {len(violations)} {noun} found", err=True)
        for violation in violations:
            click.echo(f"  - {violation}", err=True)
        sys.exit(1)


def valid_line(folder: Path, metadata: DatasetMetadata, facts: dict[str, Any]) -> str:
    """The one line that says a dataset is valid: its name, tables, rows and years."""
    from wres_lib.data.schema import TABLES

    years = facts["years"]
    span = f"years {years[0]}-{years[-1]}" if years else "no workforce rows yet"
    label = " (synthetic data)" if metadata.synthetic else ""
    return (
        f"{folder}: valid{label}: {metadata.name}, {facts['present']} of {len(TABLES)} tables, "
        f"{facts['rows']:,} rows, {span}"
    )


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def checksums(folder: Path) -> None:
    """Record the sha256 of every table file in FOLDER's dataset.yaml (after intended edits)."""
    import yaml

    from wres_lib.data.dataset import refresh_checksums

    try:
        metadata = refresh_checksums(folder)
    except yaml.YAMLError as error:
        problem = str(error).splitlines()[0]
        raise click.ClickException(
            f"{folder}: dataset.yaml is not valid YAML ({problem})"
        ) from error
    for name, digest in sorted(metadata.files.items()):
        click.echo(f"{digest}  {name}")


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def template(out: Path) -> None:
    """Write a data-entry workbook: one sheet per table, with drop-down lists."""
    from wres_lib.data.importers import write_template

    click.echo(f"wrote {write_template(out)}")


@click.command("generate-sample")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--seed", type=int, default=None, help="Random seed (default: the bundled one).")
def generate_sample(out: Path, seed: int | None) -> None:
    """Write the synthetic sample dataset (byte-identical for the same seed and code)."""
    from wres_lib.data.synthetic import DEFAULT_SEED, write_sample

    metadata = write_sample(out, seed=DEFAULT_SEED if seed is None else seed)
    click.echo(f"wrote {len(metadata.files)} tables and dataset.yaml to {out}")


@click.command()
@data_option
@out_option
@year_option
@click.option("--force", is_flag=True, help="Write the tables again even if unchanged.")
@cache_options
def indicators(
    data: Path, out: Path, year: int | None, force: bool, cache_dir: Path | None, no_cache: bool
) -> None:
    """Compute every indicator at every level and write the tables under OUT/<year>/tables;
    tables written from the same data and code are left as they are."""
    from wres_lib.indicators.output import indicator_tables_unchanged, write_indicator_tables

    cached = None if force else cached_facts(data, cache_dir, no_cache)
    if cached is not None:  # the year and the provenance come from the cache: no table is read
        metadata, facts = cached
        if year in (None, *facts["years"]):
            wres_year = year if year is not None else facts["years"][-1]
            if indicator_tables_unchanged(metadata, out, wres_year):
                click.echo(f"unchanged: {out / str(wres_year) / 'tables'} (same data and code)")
                return
    dataset = dataset_of(data, cache_dir, no_cache)
    wres_year = chosen_year(dataset, year)
    if (
        cached is None
        and not force
        and indicator_tables_unchanged(dataset.metadata, out, wres_year)
    ):
        click.echo(f"unchanged: {out / str(wres_year) / 'tables'} (same data and code)")
        return
    for path in write_indicator_tables(dataset, out, wres_year):
        click.echo(f"wrote {path}")
