"""Everything a briefing reads, computed once per dataset and process, then sliced per briefing.

Notebooks ask for a :class:`BriefingContext`; the first call for a dataset computes the
indicator table for every level and year, the Model Employer table and lineage; board history,
peer comparisons, series continued across mergers and model fits (:mod:`wres_lib.analysis.fits`)
are computed when first asked for, and later calls in the same process reuse them all.

With a cache folder the computed tables are kept as Parquet (:mod:`wres_lib.analysis.context_cache`)
keyed by the dataset's content and the library's code; a context restored from it reads each
table when first asked for and does not validate the dataset again (the files are checked
against the checksums in ``dataset.yaml`` that passed validation). A context for one WRES year
(``year=``, what a build's kernels ask for) holds the indicator rows of that year and the one
before, and only these years' rows of the large dataset tables (``YEARLY_TABLES``); an
organisation's series of every year, and a merged trust's rows, are read when asked for.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from wres_lib.analysis.context_cache import (
    COMPUTED_TABLES,
    CachedTables,
    DamagedCacheError,
    cache_key,
    open_cache,
    save_tables,
)
from wres_lib.analysis.kernel_env import CACHE_ENV
from wres_lib.analysis.targets import (
    indicator_filters,
    reads_workforce,
    target_status,
    target_violations,
)
from wres_lib.data.dataset import YEARLY_TABLES, Dataset, load_dataset
from wres_lib.data.metadata import DatasetMetadata, read_metadata
from wres_lib.data.provenance import SYNTHETIC_LABEL
from wres_lib.data.schema import TABLES
from wres_lib.data.succession import lineage, predecessors_of
from wres_lib.errors import WresError

if TYPE_CHECKING:  # the models and fits are imported when first used: a press table needs none
    from wres_lib.analysis.fits import Fits
    from wres_lib.models.board_history import BoardHistory

PEER_MEASURES = (
    "bme_share",
    "bme_share_all",
    "relative_likelihood",
    "gap_points",
    "board_gap_points",
)
SYNTHETIC_SUFFIX = " (synthetic)"
# How many organisations' series of every year a context holding some years keeps.
SERIES_KEPT = 3


@dataclass
class BriefingContext:
    """A validated dataset and the tables computed from it, shared by every briefing."""

    dataset: Dataset
    _peers: dict[int, pd.DataFrame] = field(default_factory=dict, repr=False)
    _continued: dict[tuple[str, tuple[str, ...]], pd.DataFrame] = field(
        default_factory=dict, repr=False
    )
    _board_history: dict[int, BoardHistory | None] = field(default_factory=dict, repr=False)
    _ranks: dict[int, pd.DataFrame] = field(default_factory=dict, repr=False)
    store: CachedTables | None = field(default=None, repr=False)
    # With a store: the years whose indicator rows are held (None: every year).
    years: tuple[int, ...] | None = None
    _series: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)
    # Frames other analysis modules derive from this context once, keyed by (name, *args).
    derived: dict[tuple[object, ...], pd.DataFrame] = field(default_factory=dict, repr=False)

    def for_year(self, year: int) -> BriefingContext:
        """This context holding only the indicator rows of ``year`` and the year before (what
        press tables and stories read); itself if it was not restored from a cache or holds
        just these (so what it derived is shared)."""
        years = (year - 1, year)
        if self.store is None or self.years == years:
            return self
        dataset = self.dataset
        if dataset.years_held is not None and not set(years) <= set(dataset.years_held):
            dataset = _restored_dataset(dataset, self.store, years)
        return BriefingContext(dataset, store=self.store, years=years)

    def _stored(self, name: str) -> bool:
        return self.store is not None and name in self.store.names

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """The indicator table for every level and year (or the context's :attr:`years`);
        text columns stay categorical."""
        if self._stored("indicators"):
            filters = None if self.years is None else [("year", "in", list(self.years))]
            return self.store.read("indicators", filters)
        from wres_lib.indicators.aggregate import LEVELS
        from wres_lib.indicators.compute import compute_indicators

        frames = [compute_indicators(self.dataset, level=level) for level in LEVELS]
        table = pd.concat(frames, ignore_index=True)
        text = [c for c in frames[0].select_dtypes("category").columns if c in table.columns]
        return table.astype(dict.fromkeys(text, "category"))

    @cached_property
    def model_employer(self) -> pd.DataFrame:
        if self._stored("model_employer"):
            return self.store.read("model_employer")
        from wres_lib.models.model_employer import model_employer

        return model_employer(self.dataset)

    @cached_property
    def lineage(self) -> pd.DataFrame:
        """Every organisation's predecessors (:func:`wres_lib.data.succession.lineage`)."""
        if self._stored("lineage"):
            return self.store.read("lineage")
        return lineage(self.dataset.organisations)

    def continued(self, code: str, year: int) -> pd.DataFrame | None:
        """Trust ``code``'s indicator rows with the counts of the predecessors merged into it by
        ``year`` summed in (:func:`~wres_lib.analysis.continued.continued_indicators`); None
        if none."""
        members = tuple(predecessors_of(self.lineage, code, as_of=year))
        if not members:
            return None
        if (code, members) not in self._continued:
            from wres_lib.analysis.continued import continued_indicators

            table = continued_indicators(self._rows_of([code, *members]), [code], as_of=year)
            self._continued[(code, members)] = table
        return self._continued[(code, members)]

    def _rows_of(self, codes: list[str] | None) -> Dataset:
        """The dataset, or if it holds some years only, one holding every year's rows of
        :data:`YEARLY_TABLES` (of the organisations ``codes``, unless None) read from the store,
        for what reads every year: continued series, a system's Model Employer target."""
        if self.dataset.years_held is None:
            return self.dataset
        filters = None if codes is None else [("org_code", "in", codes)]
        rows = {name: self.store.read(f"{DATASET_PREFIX}{name}", filters) for name in YEARLY_TABLES}
        return dataclasses.replace(self.dataset, **rows)  # its years: still the data's

    def history(self, code: str, year: int) -> pd.DataFrame:
        """Trust ``code``'s indicator rows up to ``year`` as its trends and comparisons with
        last year read them: continued across the predecessors merged into it by then
        (:meth:`continued`), or its own rows if it has none."""
        continued = self.continued(code, year)
        rows = self.slice("trust", code) if continued is None else continued
        return rows[rows["year"] <= year]

    @cached_property
    def targets(self) -> pd.DataFrame | None:
        """Every action-plan target's status in every year
        (:func:`~wres_lib.analysis.targets.target_status`); None without a targets table."""
        targets = self.dataset.targets
        if targets is None:
            return None
        indicators = self.indicators
        if self.years is not None and self._stored("indicators"):
            # A year slice lacks the baselines: read every year of the rows the targets read.
            indicators = self.store.read_scattered("indicators", indicator_filters(targets))
        dataset = self.dataset
        if reads_workforce(targets, dataset.organisations):
            dataset = self._rows_of(None)  # a system's Model Employer table: every year's rows
        return target_status(dataset, indicators, self.model_employer)

    @cached_property
    def fits(self) -> Fits:
        """The trend and funnel fits, each computed once (:class:`~wres_lib.analysis.fits.Fits`)."""
        from wres_lib.analysis.fits import Fits

        return Fits(self)

    def board_history(self, year: int) -> BoardHistory | None:
        """Board history up to ``year`` (:func:`~wres_lib.models.board_history.board_history`);
        None when the board table has no rows up to then."""
        if year not in self._board_history:
            from wres_lib.models.board_history import board_history

            board = self.dataset.board
            reported = not board[board["year"] <= year].empty
            self._board_history[year] = (
                board_history(self.dataset, up_to_year=year) if reported else None
            )
        return self._board_history[year]

    def peers(self, year: int) -> pd.DataFrame:
        """Each trust against trusts of its type, its region and the nation in ``year``."""
        if year not in self._peers:
            from wres_lib.models.peers import peer_comparison

            self._peers[year] = peer_comparison(
                self.indicators, self.dataset.organisations, year, measures=PEER_MEASURES
            )
        return self._peers[year]

    def ranks(self, year: int) -> pd.DataFrame:
        """The trusts at an extreme of a measure findings rank in ``year``, each at its best
        rank among all trusts or its type (:func:`~wres_lib.analysis.findings.ranks.rank_table`).
        """
        if year not in self._ranks:
            from wres_lib.analysis.findings.ranks import rank_table

            self._ranks[year] = rank_table(self.peers(year))
        return self._ranks[year]

    @property
    def synthetic(self) -> bool:
        return self.dataset.metadata.synthetic

    def source_line(self, year: int) -> str:
        """The source credited under every chart ("Source: " and any synthetic label are added
        by the chart's source line; tables use :func:`~wres_lib.present.methods.source_note`).
        """
        metadata = self.dataset.metadata
        return f"{metadata.name}, vintage {metadata.vintage or 'not stated'}, WRES year {year}"

    @property
    def data_label(self) -> str:
        return SYNTHETIC_LABEL if self.synthetic else ""

    def organisation(self, code: str) -> pd.Series:
        """The organisations row of trust ``code`` (KeyError naming close matches if unknown)."""
        table = self.dataset.organisations.set_index("org_code")
        if code not in table.index:
            raise KeyError(unknown_code_message(code, list(table.index), "trust"))
        return table.loc[code]

    def slice(self, level: str, code: str, year: int | None = None) -> pd.DataFrame:
        """Indicator rows of one organisation (all years unless ``year`` is given)."""
        if self.years is not None and self.store is not None and year not in self.years:
            rows = self.series(level, code)
        else:
            table = self.indicators
            rows = table[(table["level"] == level) & (table["code"] == code)]
        return rows if year is None else rows[rows["year"] == year]

    def series(self, level: str, code: str) -> pd.DataFrame:
        """Every year's indicator rows of one organisation, read from the store on their own
        (a context holding some :attr:`years` keeps the :data:`SERIES_KEPT` organisations
        last asked for: a trust briefing reads its trust's and the nation's)."""
        key = (level, code)
        rows = self._series.pop(key, None)
        if rows is None:
            rows = self.store.read_where("indicators", level=level, code=code)
            rows = rows.astype(self.indicators.dtypes.to_dict())
        self._series[key] = rows  # the most recently used last
        while len(self._series) > SERIES_KEPT:
            del self._series[next(iter(self._series))]
        return rows


def display_name(name: str) -> str:
    """An organisation's name for prose: without the '(synthetic)' tag the banner already gives."""
    return name.removesuffix(SYNTHETIC_SUFFIX)


def unknown_code_message(code: str, known: list[str], what: str) -> str:
    """'no trust ZT999 in the data; did you mean ZT099, ZT199?'"""
    import difflib

    close = difflib.get_close_matches(code, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no {what} {code!r} in the data{hint}"


DATASET_PREFIX = "dataset."


def _computed(folder: str) -> BriefingContext:
    context = BriefingContext(load_dataset(folder))
    for name in COMPUTED_TABLES:
        getattr(context, name)  # compute the cached properties
    return context


def _tables_of(context: BriefingContext) -> dict[str, pd.DataFrame]:
    """The tables of ``context`` to cache: the dataset's and the computed ones."""
    dataset = {
        f"{DATASET_PREFIX}{name}": frame
        for name in TABLES
        if (frame := context.dataset.table(name)) is not None
    }
    return dataset | {name: getattr(context, name) for name in COMPUTED_TABLES}


def _restored(
    folder: str, metadata: DatasetMetadata, store: CachedTables, years: tuple[int, ...] | None
) -> BriefingContext:
    """The context of ``folder`` from cached tables: the dataset's are read now (with ``years``,
    only their rows of :data:`YEARLY_TABLES`), the computed ones when first asked for."""
    sliced = years is not None and "years" in store.facts
    dataset_tables = {
        name: _year_rows(store, f"{DATASET_PREFIX}{name}", years)
        if sliced and name in YEARLY_TABLES
        else store.read(f"{DATASET_PREFIX}{name}")
        if f"{DATASET_PREFIX}{name}" in store.names
        else None  # an optional table absent from the data is absent from the cache
        for name in TABLES
    }
    held = {"years_held": years, "years_in_data": tuple(store.facts["years"])} if sliced else {}
    dataset = Dataset(metadata=metadata, path=Path(folder), **dataset_tables, **held)
    return BriefingContext(dataset, store=store, years=years)


def _restored_dataset(dataset: Dataset, store: CachedTables, years: tuple[int, ...]) -> Dataset:
    """``dataset`` holding the rows of ``years`` of :data:`YEARLY_TABLES` instead."""
    held = {name: _year_rows(store, f"{DATASET_PREFIX}{name}", years) for name in YEARLY_TABLES}
    return dataclasses.replace(dataset, **held, years_held=years)


def _year_rows(store: CachedTables, name: str, years: tuple[int, ...]) -> pd.DataFrame:
    """The rows of table ``name`` in ``years``, labelled as in the whole table (0, 1, ...)."""
    import numpy as np

    rows = store.read(name, [("year", "in", list(years))])
    every_year = store.read(name, columns=["year"])["year"].to_numpy()
    rows.index = pd.Index(np.flatnonzero(np.isin(every_year, years)))
    return rows


def cached_store(folder: Path, cache_dir: Path) -> CachedTables | None:
    """The checked cache of the dataset in ``folder`` (:func:`~.context_cache.open_cache`)."""
    return open_cache(folder, cache_dir, COMPUTED_TABLES)


def dataset_facts(context: BriefingContext) -> dict[str, Any]:
    """What commands read from the cache instead of the data: the tables present, their rows,
    the years, and the targets their baseline already meets (as Violation dicts)."""
    tables = {name: context.dataset.table(name) for name in TABLES}
    problems = target_violations(context.dataset, context.indicators, context.model_employer)
    return {
        "present": sum(frame is not None for frame in tables.values()),
        "rows": sum(len(frame) for frame in tables.values() if frame is not None),
        "years": context.dataset.years,
        "target_problems": [asdict(problem) for problem in problems],
    }


def cached_dataset(data_dir: str | Path, cache_dir: str | Path) -> Dataset | None:
    """The dataset in ``data_dir`` as cached under ``cache_dir`` when it passed validation with
    this library and its files are unchanged since; None otherwise (or if it cannot be read)."""
    folder = Path(data_dir).resolve()
    try:
        store = cached_store(folder, Path(cache_dir))
        if store is None:
            return None
        return _restored(str(folder), read_metadata(folder), store, None).dataset
    except (OSError, WresError, DamagedCacheError):
        return None


@lru_cache(maxsize=2)
def _cached_context(
    folder: str, content_hash: str, cache_dir: str, years: tuple[int, ...] | None
) -> BriefingContext:
    if not cache_dir:
        return BriefingContext(load_dataset(folder))
    store = cached_store(Path(folder), Path(cache_dir))
    if store is not None:
        return _restored(folder, read_metadata(Path(folder)), store, years)
    context = _computed(folder)
    key = cache_key(Path(folder), context.dataset.metadata)
    save_tables(
        Path(cache_dir),
        key,
        _tables_of(context),
        stale_prefix=key.split("-")[0],
        facts=dataset_facts(context),
    )
    return context


def load_context(
    data_dir: str | Path, cache_dir: str | Path | None = None, *, year: int | None = None
) -> BriefingContext:
    """The briefing context of the dataset in ``data_dir``, reused while its files are unchanged.

    With ``cache_dir`` (by default the folder named by the ``WRES_CONTEXT_CACHE`` environment
    variable, which a build sets for its notebook kernels) the computed tables are kept there.
    With ``year`` (as a briefing asks for its year) a context restored from the cache holds the
    indicator rows of ``year`` and the year before, and reads an organisation's series of every
    year when asked for it (:meth:`BriefingContext.slice`).
    """
    folder = Path(data_dir).resolve()
    metadata = read_metadata(folder)
    cache = str(cache_dir) if cache_dir is not None else os.environ.get(CACHE_ENV, "")
    years = None if year is None else (year - 1, year)
    return _cached_context(str(folder), metadata.content_hash, cache, years)
