"""Write the indicator tables of a year, every level, with their provenance beside them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wres_lib.data.metadata import DatasetMetadata, sha256_of
from wres_lib.data.provenance import library_hash, provenance
from wres_lib.data.schema import LEVELS
from wres_lib.files import write_text_atomically

if TYPE_CHECKING:  # checking that the tables are unchanged reads no data
    import pandas as pd

    from wres_lib.data.dataset import Dataset

PROVENANCE = "provenance.json"


def indicator_table_path(out_dir: Path, year: int, level: str) -> Path:
    """Where the indicator table of ``level`` for ``year`` is written."""
    return out_dir / str(year) / "tables" / f"indicators_{level}.csv"


def _facts(metadata: DatasetMetadata, year: int) -> dict[str, Any]:
    """What ``provenance.json`` records before the tables' checksums are added."""
    return {**provenance(metadata), "year": year, "library_hash": library_hash()}


def indicator_tables_unchanged(metadata: DatasetMetadata, out_dir: Path, year: int) -> bool:
    """True if the tables of ``year`` under ``out_dir`` were written from the data ``metadata``
    describes with this code, and are still the files written then (``provenance.json``
    records their sha256; only the tables of every level, in this folder, are read)."""
    folder = out_dir / str(year) / "tables"
    names = {indicator_table_path(out_dir, year, level).name for level in LEVELS}
    try:
        recorded = json.loads((folder / PROVENANCE).read_text(encoding="utf-8"))
        files = recorded.pop("tables")
        return (
            recorded == _facts(metadata, year)
            and set(files) == names
            and all(sha256_of(folder / name) == files[name] for name in sorted(names))
        )
    except (OSError, ValueError, KeyError, AttributeError, TypeError, RecursionError):
        return False


def write_indicator_tables(
    dataset: Dataset, out_dir: Path, year: int, computed: pd.DataFrame | None = None
) -> list[Path]:
    """Write ``indicators_<level>.csv`` for every level and ``provenance.json``; return paths.

    Each row carries the dataset name and a ``synthetic`` column, so a figure copied out of
    the table keeps its label. These are analysts' tables: small numbers stay, flagged.
    ``provenance.json`` also records the library's hash and each table's sha256, so an unchanged
    set can be left alone (:func:`indicator_tables_unchanged`). With ``computed``, the indicator
    table of every level for ``year`` (and perhaps other years) as a build has computed it, the
    rows are taken from it rather than computed again: the same bytes (a test checks them).
    """
    from wres_lib.indicators.compute import compute_indicators

    facts = _facts(dataset.metadata, year)
    written = []
    for level in LEVELS:
        if computed is None:
            table = compute_indicators(dataset, years=[year], level=level)
        else:
            chosen = (computed["year"] == year) & (computed["level"] == level)
            table = computed[chosen].reset_index(drop=True)
        table = table.assign(dataset=facts["dataset"], synthetic=facts["synthetic"])
        path = indicator_table_path(out_dir, year, level)
        write_text_atomically(path, table.to_csv(index=False, lineterminator="\n"))
        written.append(path)
    tables = {path.name: sha256_of(path) for path in written}
    path = out_dir / str(year) / "tables" / PROVENANCE
    write_text_atomically(path, json.dumps({**facts, "tables": tables}, indent=2) + "\n")
    written.append(path)
    return written
