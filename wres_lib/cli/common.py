"""What the commands share: default folders, loading the dataset, choosing the year and
formats, and the options several commands take."""

from __future__ import annotations

from pathlib import Path

import click

from wres_lib.data.dataset import Dataset, load_dataset

DEFAULT_DATA = Path("data/sample")
DEFAULT_OUT = Path("outputs")
FORMATS = ("html", "pdf")


data_option = click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The dataset folder.",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="The output folder.",
)
year_option = click.option(
    "--year", type=int, default=None, help="WRES year (default: the latest in the data)."
)


def load(data: Path) -> Dataset:
    """The validated dataset in ``data`` (a DataValidationError becomes the command's error)."""
    return load_dataset(data)


def chosen_year(dataset: Dataset, year: int | None) -> int:
    """``year``, or the latest in the data; a year not in the data is a usage error."""
    if not dataset.years:
        raise click.ClickException(f"{dataset.path}: the workforce table has no rows")
    chosen = year if year is not None else dataset.years[-1]
    if chosen not in dataset.years:
        raise click.BadParameter(
            f"{chosen} is not in the data (years {dataset.years[0]}-{dataset.years[-1]})",
            param_hint="--year",
        )
    return chosen


def chosen_formats(text: str) -> tuple[str, ...]:
    """'html,pdf' as a tuple; anything but html and pdf is a usage error."""
    chosen = tuple(f.strip() for f in text.split(",") if f.strip())
    if not chosen or any(f not in FORMATS for f in chosen):
        raise click.BadParameter(
            f"expected html, pdf or html,pdf; got {text!r}", param_hint="--formats"
        )
    return chosen
