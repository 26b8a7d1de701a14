"""The ``wres`` command line: a thin layer over the library, one command per task."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wres_lib.dataset import refresh_checksums
from wres_lib.errors import DataValidationError
from wres_lib.schema import TABLES
from wres_lib.validation import validate_folder

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
    label = " (synthetic data)" if metadata.synthetic else ""
    click.echo(
        f"{folder}: valid{label}: {metadata.name}, {present} of {len(TABLES)} tables, "
        f"{rows:,} rows, years {years[0]}-{years[-1]}"
    )


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def checksums(folder: Path) -> None:
    """Record the sha256 of every table file in FOLDER's dataset.yaml (after intended edits)."""
    metadata = refresh_checksums(folder)
    for name, digest in sorted(metadata.files.items()):
        click.echo(f"{digest}  {name}")


@main.command("generate-sample")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--seed", type=int, default=None, help="Random seed (default: the bundled one).")
def generate_sample(out: Path, seed: int | None) -> None:
    """Write the synthetic sample dataset (byte-identical for the same seed and code)."""
    from wres_lib.synthetic import DEFAULT_SEED, write_sample

    metadata = write_sample(out, seed=DEFAULT_SEED if seed is None else seed)
    click.echo(f"wrote {len(metadata.files)} tables and dataset.yaml to {out}")


@main.command()
@click.option("--data", type=click.Path(path_type=Path), default=DEFAULT_DATA, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option("--year", type=int, default=None, help="WRES year (default: the latest in the data).")
def indicators(data: Path, out: Path, year: int | None) -> None:
    """Compute every indicator at every level and write the tables under OUT/<year>/tables."""
    from wres_lib.dataset import load_dataset
    from wres_lib.export import write_indicator_tables

    try:
        dataset = load_dataset(data)
    except DataValidationError as error:
        raise click.ClickException(str(error)) from error
    chosen = year if year is not None else dataset.years[-1]
    if chosen not in dataset.years:
        raise click.BadParameter(
            f"{chosen} is not in the data (years {dataset.years[0]}-{dataset.years[-1]})",
            param_hint="--year",
        )
    for path in write_indicator_tables(dataset, out, chosen):
        click.echo(f"wrote {path}")
