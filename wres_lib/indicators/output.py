"""Write the indicator tables of a year, every level, with their provenance beside them."""

from __future__ import annotations

import json
from pathlib import Path

from wres_lib.data.dataset import Dataset
from wres_lib.data.provenance import provenance
from wres_lib.data.schema import LEVELS
from wres_lib.files import write_text_atomically
from wres_lib.indicators.compute import compute_indicators


def indicator_table_path(out_dir: Path, year: int, level: str) -> Path:
    """Where the indicator table of ``level`` for ``year`` is written."""
    return out_dir / str(year) / "tables" / f"indicators_{level}.csv"


def write_indicator_tables(dataset: Dataset, out_dir: Path, year: int) -> list[Path]:
    """Write ``indicators_<level>.csv`` for every level and ``provenance.json``; return paths.

    Each row carries the dataset name and a ``synthetic`` column, so a figure copied out of
    the table keeps its label. These are analysts' tables: small numbers stay, flagged.
    """
    facts = provenance(dataset.metadata)
    written = []
    for level in LEVELS:
        table = compute_indicators(dataset, years=[year], level=level)
        table = table.assign(dataset=facts["dataset"], synthetic=facts["synthetic"])
        path = indicator_table_path(out_dir, year, level)
        write_text_atomically(path, table.to_csv(index=False, lineterminator="\n"))
        written.append(path)
    path = out_dir / str(year) / "tables" / "provenance.json"
    write_text_atomically(path, json.dumps({**facts, "year": year}, indent=2) + "\n")
    written.append(path)
    return written
