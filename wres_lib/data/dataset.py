"""A dataset folder: ``dataset.yaml`` plus one CSV or Parquet file per canonical table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from wres_lib.data.metadata import (
    DatasetMetadata,
    read_metadata,
    sha256_of,
    table_files,
    write_metadata,
)
from wres_lib.data.schema import TABLES
from wres_lib.data.text_files import not_a_file
from wres_lib.data.validation import validate_folder
from wres_lib.errors import DataValidationError, WresError
from wres_lib.files import write_text_atomically

# The tables a dataset restored for some years holds only their rows of: the large ones that
# briefings read one year (or two) of. Board history reads every year up to a briefing's.
YEARLY_TABLES = ("workforce", "recruitment", "disciplinary", "training", "staff_survey")


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: one typed DataFrame per canonical table.

    ``population`` and ``targets`` are ``None`` when the optional table is absent. A dataset
    restored for some years (``years_held``, see :func:`wres_lib.analysis.context.load_context`)
    holds only their rows of :data:`YEARLY_TABLES`; ``years_in_data`` then lists every year.
    """

    metadata: DatasetMetadata
    organisations: pd.DataFrame
    workforce: pd.DataFrame
    recruitment: pd.DataFrame
    disciplinary: pd.DataFrame
    training: pd.DataFrame
    staff_survey: pd.DataFrame
    board: pd.DataFrame
    population: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    path: Path | None = None
    years_held: tuple[int, ...] | None = None  # None: every year's rows
    years_in_data: tuple[int, ...] = ()

    def table(self, name: str) -> pd.DataFrame | None:
        """The table called ``name`` (a key of :data:`wres_lib.data.schema.TABLES`)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}")
        return getattr(self, name)

    @property
    def years(self) -> list[int]:
        """Every year present in the workforce table, oldest first (of the data, when this
        dataset holds only some of them)."""
        if self.years_held is not None:
            return list(self.years_in_data)
        return sorted(int(y) for y in self.workforce["year"].unique())


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate the dataset folder at ``path``.

    Raises :class:`~wres_lib.errors.DataValidationError` listing every problem found,
    each with its file, row, column, the value found and what was expected.

    >>> ds = load_dataset("data/sample")  # doctest: +SKIP
    >>> ds.metadata.synthetic  # doctest: +SKIP
    True
    """
    folder = Path(path)
    metadata, tables, violations = validate_folder(folder)
    if violations or metadata is None:
        raise DataValidationError(str(folder), violations)
    return Dataset(metadata=metadata, path=folder, **tables)


def write_dataset(
    tables: dict[str, pd.DataFrame], path: str | Path, metadata: DatasetMetadata
) -> DatasetMetadata:
    """Write ``tables`` as CSV files plus ``dataset.yaml`` with their checksums.

    Output is byte-for-byte deterministic: columns in canonical order, rows sorted by the
    table's key, ``\\n`` line endings, dates as ISO strings. Returns the metadata written.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    checksums: dict[str, str] = {}
    for name, frame in tables.items():
        spec = TABLES[name]
        ordered = frame.loc[:, list(spec.column_names)].sort_values(list(spec.key), kind="stable")
        target = folder / f"{name}.csv"
        write_text_atomically(target, ordered.to_csv(index=False, lineterminator="\n"))
        checksums[target.name] = sha256_of(target)
    written = DatasetMetadata(**{**metadata.__dict__, "files": checksums})
    write_metadata(folder, written)
    return written


def refresh_checksums(path: str | Path) -> DatasetMetadata:
    """Recompute the checksum of every table file in ``path`` and rewrite ``dataset.yaml``.

    For users who edited a table on purpose; the other metadata is kept as it is. Raises
    :class:`~wres_lib.data.metadata.MetadataError` when ``dataset.yaml`` is missing or invalid,
    and :class:`~wres_lib.errors.WresError` when a table's name is taken by something other
    than a file; ``dataset.yaml`` is then left as it was.
    """
    folder = Path(path)
    metadata = read_metadata(folder)
    found = [found for paths in table_files(folder).values() for found in paths]
    for table_path in found:
        what = not_a_file(table_path)
        if what is not None:
            raise WresError(
                f"{table_path}: expected a table file, found {what}; move it away and run "
                "again (nothing was changed)"
            )
    files = {table_path.name: sha256_of(table_path) for table_path in found}
    updated = DatasetMetadata(**{**metadata.__dict__, "files": files})
    write_metadata(folder, updated)
    return updated
