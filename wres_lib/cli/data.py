"""Data commands: validate, checksums, template, generate-sample, indicators."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from wres_lib.cli.common import (
    DEFAULT_DATA,
    chosen_year,
    data_option,
    load,
    out_option,
    year_option,
)
from wres_lib.data.dataset import load_dataset, refresh_checksums
from wres_lib.data.schema import TABLES
from wres_lib.data.validation import validate_folder
from wres_lib.errors import Violation


@click.command()
@click.argument("folder", type=click.Path(path_type=Path))
def validate(folder: Path) -> None:
    """Check the dataset in FOLDER; list every problem, or print a one-line summary."""
    metadata, tables, violations = validate_folder(folder)
    if not violations and tables.get("targets") is not None:
        violations = _target_violations(folder)
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


def _target_violations(folder: Path) -> list[Violation]:
    """Targets the baseline already meets: a check on the computed indicators, so it runs only
    once the data itself is valid."""
    from wres_lib.analysis.context import BriefingContext
    from wres_lib.analysis.targets import target_violations

    context = BriefingContext(load_dataset(folder))
    return target_violations(context.dataset, context.indicators, context.model_employer)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def checksums(folder: Path) -> None:
    """Record the sha256 of every table file in FOLDER's dataset.yaml (after intended edits)."""
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
def indicators(data: Path, out: Path, year: int | None) -> None:
    """Compute every indicator at every level and write the tables under OUT/<year>/tables."""
    from wres_lib.indicators.output import write_indicator_tables

    dataset = load(data)
    for path in write_indicator_tables(dataset, out, chosen_year(dataset, year)):
        click.echo(f"wrote {path}")
