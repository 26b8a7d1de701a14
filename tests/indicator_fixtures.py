"""Small typed datasets built in memory, for the indicator tests.

Four synthetic trusts: T1 and T2 in system Q1 (London), T3 in Q2 (London), T4 in Q3 (South
East). Tables are typed as :func:`wres_lib.load_dataset` types them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from wres_lib.data.dataset import Dataset
from wres_lib.data.metadata import DatasetMetadata
from wres_lib.data.schema import TABLES

TRUSTS = {
    "T1": ("Q1", "Y56"),
    "T2": ("Q1", "Y56"),
    "T3": ("Q2", "Y56"),
    "T4": ("Q3", "Y59"),
}
REGION_NAMES = {"Y56": "London", "Y59": "South East"}
_DTYPES = {
    "text": "str",
    "code": "str",
    "year": "int64",
    "count": "int64",
    "indicator": "int64",
    "percent": "float64",
    "bool": "bool",
    "date": "datetime64[ns]",
}


def table(name: str, rows: Iterable[tuple]) -> pd.DataFrame:
    """A canonical table from tuples in schema column order, typed as loading types it."""
    spec = TABLES[name]
    frame = pd.DataFrame(list(rows), columns=list(spec.column_names))
    for column in spec.columns:
        dtype = _DTYPES[column.kind]
        if column.kind == "count" and column.nullable:
            dtype = "Int64"
        frame[column.name] = frame[column.name].astype(dtype)
    return frame


def organisations(trusts: dict[str, tuple[str, str]] = TRUSTS) -> pd.DataFrame:
    """The organisations table for ``trusts`` (code -> (icb, region))."""
    return table(
        "organisations",
        [
            (
                code,
                f"Trust {code}",
                "acute",
                icb,
                f"System {icb}",
                region,
                REGION_NAMES[region],
                pd.Timestamp("2000-04-01"),
                pd.NaT,
                None,
            )
            for code, (icb, region) in trusts.items()
        ],
    )


def dataset(**tables: Iterable[tuple] | pd.DataFrame) -> Dataset:
    """A :class:`Dataset` of the given tables (rows or frames); the others are empty."""
    frames = {
        name: value if isinstance(value, pd.DataFrame) else table(name, value)
        for name, value in tables.items()
    }
    frames.setdefault("organisations", organisations())
    for name, spec in TABLES.items():
        if spec.required and name not in frames:
            frames[name] = table(name, [])
    return Dataset(metadata=DatasetMetadata(name="t", synthetic=True), **frames)


def measure(frame: pd.DataFrame, **where: object) -> pd.DataFrame:
    """The rows of a tidy indicator frame matching every ``column=value``."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].astype(object) == value
    return frame[mask.to_numpy()]


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    """The single row of a tidy indicator frame matching every ``column=value``."""
    rows = measure(frame, **where)
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]
