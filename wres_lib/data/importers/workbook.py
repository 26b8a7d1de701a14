"""A filled data-entry workbook (see :mod:`wres_lib.data.importers.template`) as canonical tables.

Each sheet named after a table gives that table: the header in row 1 (the table's column
names, in any order; columns that may be empty may be left out), one row per observation
below it. A sheet name matches a table ignoring case, spaces and underscores ("Staff survey"
is staff_survey), with a note saying so. Blank rows are skipped, as are empty sheets and the
Instructions and Lists sheets; any other sheet with something in it is an error naming it and
the expected names, so that renamed sheets never lose their rows. Values are recoded as in
every importer ("white" is White, "8a" is Band 8a); no figure is treated as suppressed.
"""

from __future__ import annotations

import re
from pathlib import Path

from wres_lib.data.importers.grid import Grid, InputError, column_label, read_workbook
from wres_lib.data.importers.sourced import NOT_IN_FILE, Cleaning, Record, SourcedTable, clean
from wres_lib.data.importers.template import INSTRUCTIONS, LISTS
from wres_lib.data.schema import TABLES
from wres_lib.errors import DataValidationError, Violation


def read_filled_workbook(path: Path) -> list[SourcedTable]:
    """Every non-empty table sheet of the workbook at ``path``, cleaned.

    Raises :class:`~wres_lib.errors.InputError` naming sheets that are not tables, and
    :class:`~wres_lib.errors.DataValidationError` naming the sheet and column of every missing
    header and each formula cell with no saved result.
    """
    tables: list[SourcedTable] = []
    violations: list[Violation] = []
    for grid, name in _table_sheets(path):
        if len(grid.rows) < 2:
            continue
        grid.require_saved_formulas()
        table = _table(grid, name, violations)
        if table is not None and table.records:
            tables.append(clean(table, Cleaning()))
    if violations:
        raise DataValidationError(path.name, violations, subject="input")
    return tables


def _sheet_key(name: str) -> str:
    return re.sub(r"[\s_]+", "", name.casefold())


def _table_sheets(path: Path) -> list[tuple[Grid, str]]:
    """Each sheet holding a table, and the table's name; raises on a sheet that is neither
    a table nor empty nor one of the template's own sheets."""
    tables = {_sheet_key(name): name for name in TABLES}
    chosen: list[tuple[Grid, str]] = []
    unknown: list[str] = []
    for grid in read_workbook(path):
        sheet = str(grid.sheet)
        name = tables.get(_sheet_key(sheet))
        if name is not None:
            chosen.append((grid, name))
        elif sheet not in (INSTRUCTIONS, LISTS) and not all(
            grid.is_blank(row) for row in range(1, len(grid.rows) + 1)
        ):
            unknown.append(sheet)
    if unknown:
        listed = ", ".join(f"'{sheet}'" for sheet in unknown)
        what = "sheet {} is not a table" if len(unknown) == 1 else "sheets {} are not tables"
        raise InputError(
            f"{path.name}: {what.format(listed)} of the data model; expected sheets "
            f"named {', '.join(TABLES)} (and {INSTRUCTIONS}, {LISTS}): rename the sheet to its "
            "table's name, or delete it"
        )
    names = [name for _, name in chosen]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        sheets = ", ".join(f"'{grid.sheet}'" for grid, name in chosen if name == twice[0])
        raise InputError(f"{path.name}: sheets {sheets} are both the {twice[0]} table; keep one")
    return chosen


def _table(grid: Grid, name: str, violations: list[Violation]) -> SourcedTable | None:
    spec = TABLES[name]
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
    notes = []
    if grid.sheet != name:
        notes.append(f"{grid.label}: read as the {name} table (the sheet's name differs)")
    return SourcedTable(spec.name, grid.label, records, notes)
