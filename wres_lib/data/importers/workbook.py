"""A filled data-entry workbook (see :mod:`wres_lib.data.importers.template`) as canonical tables.

Each sheet named after a table gives that table: the header in row 1 (the table's column
names, in any order; columns that may be empty may be left out), one row per observation
below it. Blank rows are skipped, as are empty sheets and sheets that are not tables (the
Instructions and Lists sheets). Values are recoded as in every importer ("white" is White,
"8a" is Band 8a); no figure is treated as suppressed.
"""

from __future__ import annotations

from pathlib import Path

from wres_lib.data.importers.grid import Grid, column_label, read_workbook
from wres_lib.data.importers.sourced import NOT_IN_FILE, Cleaning, Record, SourcedTable, clean
from wres_lib.data.schema import TABLES
from wres_lib.errors import DataValidationError, Violation


def read_filled_workbook(path: Path) -> list[SourcedTable]:
    """Every non-empty table sheet of the workbook at ``path``, cleaned.

    Raises :class:`~wres_lib.errors.DataValidationError` naming the sheet and column of every
    missing header.
    """
    tables: list[SourcedTable] = []
    violations: list[Violation] = []
    for grid in read_workbook(path):
        if grid.sheet not in TABLES or len(grid.rows) < 2:
            continue
        table = _table(grid, violations)
        if table is not None and table.records:
            tables.append(clean(table, Cleaning()))
    if violations:
        raise DataValidationError(path.name, violations, subject="input")
    return tables


def _table(grid: Grid, violations: list[Violation]) -> SourcedTable | None:
    spec = TABLES[str(grid.sheet)]
    header = {text.strip().casefold(): index for index, text in enumerate(grid.rows[0], 1)}
    positions: dict[str, int] = {}
    for column in spec.columns:
        if column.name.casefold() in header:
            positions[column.name] = header[column.name.casefold()]
        elif not column.nullable:
            violations.append(
                Violation(grid.label, 1, column.name, None, f"a header cell '{column.name}'")
            )
    if len(positions) < len([c for c in spec.columns if not c.nullable]):
        return None
    records = [
        Record(
            row,
            {
                c.name: (grid.cell(row, positions[c.name]), column_label(positions[c.name], c.name))
                if c.name in positions
                else ("", NOT_IN_FILE)
                for c in spec.columns
            },
        )
        for row in range(2, len(grid.rows) + 1)
        if any(grid.cell(row, p).strip() for p in positions.values())
    ]
    return SourcedTable(spec.name, grid.label, records)
