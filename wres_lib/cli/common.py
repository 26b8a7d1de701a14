"""What the commands share: default folders, loading the dataset (from the cache when it is
unchanged), choosing the year and formats, and the options several commands take.

Nothing heavy is imported here or at the top of any command module: ``wres --version`` and
``wres --help`` load click and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from wres_lib.analysis.context import BriefingContext
    from wres_lib.analysis.context_cache import CachedTables
    from wres_lib.data.dataset import Dataset
    from wres_lib.data.metadata import DatasetMetadata
    from wres_lib.errors import Violation

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


def cache_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--cache-dir`` and ``--no-cache``: where the tables computed from a dataset are kept."""
    command = click.option(
        "--no-cache",
        is_flag=True,
        help="Compute everything from the data; read and write no cache.",
    )(command)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of the tables computed from datasets, reused while the data and code are "
        "unchanged (default: $WRES_CACHE_DIR, else $XDG_CACHE_HOME/wres-briefings, else "
        "~/.cache/wres-briefings).",
    )(command)


def chosen_cache(cache_dir: Path | None, no_cache: bool) -> Path | None:
    """The cache folder a command uses: None with ``--no-cache``."""
    from wres_lib.analysis.context_cache import default_cache_dir

    if no_cache:
        return None
    return cache_dir if cache_dir is not None else default_cache_dir()


def context_of(data: Path, cache_dir: Path | None, no_cache: bool) -> BriefingContext:
    """The briefing context of ``data``: from the cache when its files and the library are
    unchanged (not validated again), else validated, computed and cached."""
    from wres_lib.analysis.context import load_context

    cache = chosen_cache(cache_dir, no_cache)
    return load_context(data, "" if cache is None else cache)


def cached_facts(
    data: Path, cache_dir: Path | None, no_cache: bool
) -> tuple[DatasetMetadata, dict[str, Any]] | None:
    """The metadata and recorded facts (tables present, rows, years, target problems) of
    ``data`` when its files and the library are those the cache was computed from; read without
    pandas. None if not, or if the facts are not as this library records them."""
    from wres_lib.data.metadata import read_metadata
    from wres_lib.errors import WresError

    store = checked_store(data, cache_dir, no_cache)
    if store is None or not store.facts:
        return None
    try:
        _check_counts(store.facts)
        recorded_problems(store.facts)
        return read_metadata(data.resolve()), store.facts
    except (OSError, WresError, KeyError, TypeError):
        return None


def _check_counts(facts: dict[str, Any]) -> None:
    """KeyError or TypeError unless ``facts`` hold the tables present and rows as whole
    numbers and the years as a list of them, as they are recorded."""
    years = facts["years"]
    if not (
        type(facts["present"]) is int
        and type(facts["rows"]) is int
        and type(years) is list
        and all(type(year) is int for year in years)
    ):
        raise TypeError("the dataset's facts are not recorded as numbers and years")


def recorded_problems(facts: dict[str, Any]) -> list[Violation]:
    """The target problems recorded in a dataset's ``facts``
    (:func:`~wres_lib.analysis.context.dataset_facts`); KeyError or TypeError if the facts do
    not hold them as recorded (a list of violations, each field of its own type)."""
    from wres_lib.errors import Violation

    recorded = facts["target_problems"]
    if type(recorded) is not list:
        raise TypeError(f"target problems recorded as {type(recorded).__name__}, not a list")
    problems = [Violation(**problem) for problem in recorded]
    for problem in problems:
        if not (
            type(problem.file) is str
            and type(problem.expected) is str
            and (problem.row is None or type(problem.row) is int)
            and all(text is None or type(text) is str for text in (problem.column, problem.value))
        ):
            raise TypeError(f"a target problem recorded with fields of other types: {problem!r}")
    return problems


def checked_store(data: Path, cache_dir: Path | None, no_cache: bool) -> CachedTables | None:
    """The cache of the dataset in ``data`` when its files and the library are those it was
    computed from (read without pandas); None if there is none or it cannot be read."""
    from wres_lib.analysis.context_cache import checked_cache

    return checked_cache(data, chosen_cache(cache_dir, no_cache))


def dataset_of(data: Path, cache_dir: Path | None, no_cache: bool) -> Dataset:
    """The dataset in ``data``: from the cache when its files and the library are unchanged
    (not validated again), else read and validated (the tables are not computed for it)."""
    from wres_lib.analysis.context import cached_dataset

    cache = chosen_cache(cache_dir, no_cache)
    dataset = cached_dataset(data, cache) if cache is not None else None
    return dataset if dataset is not None else load(data)


def load(data: Path) -> Dataset:
    """The validated dataset in ``data`` (a DataValidationError becomes the command's error)."""
    from wres_lib.data.dataset import load_dataset

    return load_dataset(data)


def chosen_year(dataset: Dataset, year: int | None) -> int:
    """``year``, or the latest in the data; a year not in the data is a usage error."""
    return year_of(dataset.years, year, dataset.path)


def year_of(years: list[int], year: int | None, data: Path) -> int:
    """``year``, or the latest of the data's ``years``; a year not among them is a usage error."""
    if not years:
        raise click.ClickException(f"{data}: the workforce table has no rows")
    chosen = year if year is not None else years[-1]
    if chosen not in years:
        raise click.BadParameter(
            f"{chosen} is not in the data (years {years[0]}-{years[-1]})", param_hint="--year"
        )
    return chosen


def checked_data(
    data: Path,
    cache_dir: Path | None,
    no_cache: bool,
    cached: tuple[DatasetMetadata, dict[str, Any]] | None,
) -> tuple[DatasetMetadata, dict[str, Any]]:
    """The metadata and facts (tables present, rows, years) of the valid dataset in ``data``:
    ``cached`` (what :func:`cached_facts` found) when its files and the library are unchanged,
    else validated as ``wres validate`` does while the shared tables are computed and cached.
    Raises DataValidationError listing every problem, targets their baseline already meets
    included (recorded with the facts, so a cache made by any command keeps them)."""
    from wres_lib.errors import DataValidationError

    checked = cached
    if checked is None:
        from wres_lib.analysis.context import dataset_facts

        context = context_of(data, cache_dir, no_cache)
        checked = context.dataset.metadata, dataset_facts(context)
    if problems := recorded_problems(checked[1]):
        raise DataValidationError(str(data), problems)
    return checked


def target_problems(context: BriefingContext) -> list[Violation]:
    """Action-plan targets their baseline already meets, the check ``wres validate`` adds to
    the data's: it needs the computed indicators, so it runs only once the data is valid."""
    from wres_lib.analysis.targets import target_violations

    return target_violations(context.dataset, context.indicators, context.model_employer)


def chosen_formats(text: str) -> tuple[str, ...]:
    """'html,pdf' as a tuple; anything but html and pdf is a usage error."""
    chosen = tuple(f.strip() for f in text.split(",") if f.strip())
    if not chosen or any(f not in FORMATS for f in chosen):
        raise click.BadParameter(
            f"expected html, pdf or html,pdf; got {text!r}", param_hint="--formats"
        )
    return chosen
