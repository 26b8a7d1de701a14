"""Everything a briefing reads, computed once per dataset and process, then sliced per briefing.

Notebooks ask for a :class:`BriefingContext`; the first call for a dataset computes the
indicator table for every level and year, the Model Employer table and lineage; board history,
peer comparisons, series continued across mergers and model fits (:mod:`wres_lib.analysis.fits`)
are computed when first asked for, and later calls in the same process reuse them all.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from wres_lib.analysis.context_cache import (
    DamagedCacheError,
    cache_folder,
    load_tables,
    remove,
    save_tables,
)
from wres_lib.analysis.continued import continued_indicators
from wres_lib.analysis.fits import Fits
from wres_lib.analysis.targets import target_status
from wres_lib.data.dataset import Dataset, load_dataset
from wres_lib.data.metadata import read_metadata
from wres_lib.data.provenance import SYNTHETIC_LABEL, library_hash
from wres_lib.data.schema import TABLES
from wres_lib.data.succession import lineage, predecessors_of
from wres_lib.indicators.aggregate import LEVELS
from wres_lib.indicators.compute import compute_indicators
from wres_lib.models.board_history import BoardHistory, board_history
from wres_lib.models.model_employer import model_employer
from wres_lib.models.peers import peer_comparison

# A build sets this to a folder where the shared tables are cached (as Parquet, see
# wres_lib.analysis.context_cache) for its notebook kernels.
CACHE_ENV = "WRES_CONTEXT_CACHE"
log = logging.getLogger(__name__)
PEER_MEASURES = (
    "bme_share",
    "bme_share_all",
    "relative_likelihood",
    "gap_points",
    "board_gap_points",
)
SYNTHETIC_SUFFIX = " (synthetic)"


@dataclass
class BriefingContext:
    """A validated dataset and the tables computed from it, shared by every briefing."""

    dataset: Dataset
    _peers: dict[int, pd.DataFrame] = field(default_factory=dict, repr=False)
    _continued: dict[tuple[str, tuple[str, ...]], pd.DataFrame] = field(
        default_factory=dict, repr=False
    )
    _board_history: dict[int, BoardHistory | None] = field(default_factory=dict, repr=False)

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """The indicator table for every level and year; text columns stay categorical."""
        frames = [compute_indicators(self.dataset, level=level) for level in LEVELS]
        table = pd.concat(frames, ignore_index=True)
        text = [c for c in frames[0].select_dtypes("category").columns if c in table.columns]
        return table.astype(dict.fromkeys(text, "category"))

    @cached_property
    def model_employer(self) -> pd.DataFrame:
        return model_employer(self.dataset)

    @cached_property
    def lineage(self) -> pd.DataFrame:
        """Every organisation's predecessors (:func:`wres_lib.data.succession.lineage`)."""
        return lineage(self.dataset.organisations)

    def continued(self, code: str, year: int) -> pd.DataFrame | None:
        """Trust ``code``'s indicator rows with the counts of the predecessors merged into it by
        ``year`` summed in (:func:`~wres_lib.analysis.continued.continued_indicators`); None
        if none."""
        members = tuple(predecessors_of(self.lineage, code, as_of=year))
        if not members:
            return None
        if (code, members) not in self._continued:
            table = continued_indicators(self.dataset, [code], as_of=year)
            self._continued[(code, members)] = table
        return self._continued[(code, members)]

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
        return target_status(self.dataset, self.indicators, self.model_employer)

    @cached_property
    def fits(self) -> Fits:
        """The trend and funnel fits, each computed once (:class:`~wres_lib.analysis.fits.Fits`)."""
        return Fits(self)

    def board_history(self, year: int) -> BoardHistory | None:
        """Board history up to ``year`` (:func:`~wres_lib.models.board_history.board_history`);
        None when the board table has no rows up to then."""
        if year not in self._board_history:
            board = self.dataset.board
            reported = not board[board["year"] <= year].empty
            self._board_history[year] = (
                board_history(self.dataset, up_to_year=year) if reported else None
            )
        return self._board_history[year]

    def peers(self, year: int) -> pd.DataFrame:
        """Each trust against trusts of its type, its region and the nation in ``year``."""
        if year not in self._peers:
            self._peers[year] = peer_comparison(
                self.indicators, self.dataset.organisations, year, measures=PEER_MEASURES
            )
        return self._peers[year]

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
        table = self.indicators
        rows = table[(table["level"] == level) & (table["code"] == code)]
        return rows if year is None else rows[rows["year"] == year]


def display_name(name: str) -> str:
    """An organisation's name for prose: without the '(synthetic)' tag the banner already gives."""
    return name.removesuffix(SYNTHETIC_SUFFIX)


def unknown_code_message(code: str, known: list[str], what: str) -> str:
    """'no trust ZT999 in the data; did you mean ZT099, ZT199?'"""
    import difflib

    close = difflib.get_close_matches(code, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no {what} {code!r} in the data{hint}"


COMPUTED_TABLES = ("indicators", "model_employer", "lineage")
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


def _restored(folder: str, tables: dict[str, pd.DataFrame]) -> BriefingContext:
    """The context of ``folder`` from cached tables (the dataset is not validated again: the
    cache key is its content hash)."""
    dataset_tables = {
        name: tables.get(f"{DATASET_PREFIX}{name}") for name in TABLES
    }  # an optional table absent from the data is absent from the cache
    dataset = Dataset(metadata=read_metadata(Path(folder)), path=Path(folder), **dataset_tables)
    context = BriefingContext(dataset)
    context.__dict__.update({name: tables[name] for name in COMPUTED_TABLES})
    return context


@lru_cache(maxsize=2)
def _cached_context(folder: str, content_hash: str, cache_dir: str) -> BriefingContext:
    if not cache_dir:
        return BriefingContext(load_dataset(folder))
    key = f"{content_hash[:16]}-{library_hash()}"
    try:
        tables = load_tables(Path(cache_dir), key)
    except DamagedCacheError as error:
        log.warning("warning: damaged cache: %s; computing the shared tables again", error)
        remove(cache_folder(Path(cache_dir), key))
        tables = None
    if tables is not None and set(COMPUTED_TABLES) <= set(tables):
        return _restored(folder, tables)
    context = _computed(folder)
    save_tables(Path(cache_dir), key, _tables_of(context))
    return context


def load_context(data_dir: str | Path, cache_dir: str | Path | None = None) -> BriefingContext:
    """The briefing context of the dataset in ``data_dir``, reused while its files are unchanged.

    With ``cache_dir`` (by default the folder named by the ``WRES_CONTEXT_CACHE`` environment
    variable, which a build sets for its notebook kernels) the computed tables are kept there.
    """
    folder = Path(data_dir).resolve()
    metadata = read_metadata(folder)
    cache = str(cache_dir) if cache_dir is not None else os.environ.get(CACHE_ENV, "")
    return _cached_context(str(folder), metadata.content_hash, cache)
