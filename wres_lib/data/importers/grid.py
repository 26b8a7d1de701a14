"""Any input sheet (CSV, XLSX or ODS) as a grid of text cells, numbered as a spreadsheet shows.

Row 1 is the first line of the file or sheet and column A the first column, whatever the file
holds, so that a reported position can be found by opening the file. Cells become text:
whole numbers without ".0", dates as YYYY-MM-DD, and in XLSX a number formatted as a
percentage (0.25 shown as 25%) as the percentage (25). In XLSX every cell of a merged range
holds the range's value, and a formula is read as the result the spreadsheet program saved
with it: a formula with no saved result (a workbook written by a program, never opened and
saved in Excel or LibreOffice) is an error, never an empty cell. Only regular files are read
(a named pipe would make the read wait forever); a CSV file whose every row is one cell
holding semicolons or tabs is refused as not separated by commas.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from wres_lib.data.importers.archive import extracted_member, is_archive
from wres_lib.data.text_files import delimiter_problem, not_a_file
from wres_lib.errors import DataValidationError, Violation, WresError

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt")
ODS_SUFFIXES = (".ods",)


class InputError(WresError):
    """An input file could not be read as the importer expects; nothing was written."""


@dataclass(frozen=True)
class Grid:
    """One sheet, or a CSV file, as rows of text cells."""

    file: str
    sheet: str | None
    rows: tuple[tuple[str, ...], ...]
    # (row, column, formula) of each formula cell with no saved result (XLSX only).
    unsaved_formulas: tuple[tuple[int, int, str], ...] = ()

    @property
    def label(self) -> str:
        """The file name, and the sheet's name for a workbook: how errors name the source."""
        return self.file if self.sheet is None else f"{self.file}, sheet '{self.sheet}'"

    @property
    def width(self) -> int:
        """The number of columns of the longest row."""
        return max((len(row) for row in self.rows), default=0)

    def cell(self, row: int, column: int) -> str:
        """The text in ``row`` and ``column`` (both from 1), "" beyond the data."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return ""
        return self.rows[row - 1][column - 1]

    def is_blank(self, row: int) -> bool:
        """Whether ``row`` (from 1) has no text in any cell, or is past the last row."""
        return row > len(self.rows) or not any(c.strip() for c in self.rows[row - 1])

    def require_saved_formulas(self) -> None:
        """Raise :class:`~wres_lib.errors.DataValidationError` naming each formula cell that
        has no saved result (it would otherwise read as empty)."""
        if self.unsaved_formulas:
            expected = (
                "a value, but the cell holds a formula with no saved result; open the workbook "
                "in Excel or LibreOffice and save it, so that each formula's result is stored"
            )
            violations = [
                Violation(self.label, row, get_column_letter(column), formula, expected)
                for row, column, formula in self.unsaved_formulas
            ]
            raise DataValidationError(self.file, violations, subject="input")


def column_label(column: int, header: str = "") -> str:
    """A column as errors name it: its letter, and its header when it has one ("F (headcount)")."""
    letter = get_column_letter(column)
    return f"{letter} ({header})" if header.strip() else letter


def cell_text(value: object, percent_format: bool = False) -> str:
    """A cell's value as text (see the module docstring)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float):
        number = float(value) * 100 if percent_format else float(value)
        if number.is_integer():
            return str(int(number))
        return f"{number:.12g}"
    return str(value)


def read_grid(path: Path, sheet: str | int | None = None, member: str | None = None) -> Grid:
    """The sheet ``sheet`` (a name, or a number from 1; default the first) of ``path``.

    A ``.zip`` file is read through its member ``member``, or its only CSV, XLSX or ODS file
    (see :mod:`wres_lib.data.importers.archive`); errors name both ("etr.zip: etr.csv").
    """
    require_file(path)
    if is_archive(path):
        with extracted_member(path, member) as (name, copy):
            grid = read_grid(copy, sheet)
        return replace(grid, file=f"{path.name}: {name}")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _csv_grid(path)
    if suffix in SPREADSHEET_SUFFIXES:
        grid = _pick(read_workbook(path), path, sheet)
        grid.require_saved_formulas()
        return grid
    if suffix in ODS_SUFFIXES:
        return _ods_grid(path, sheet)
    raise InputError(f"{path.name}: expected a .csv, .xlsx, .ods or .zip file")


def require_file(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` is a regular file (checked before reading)."""
    what = not_a_file(path)
    if what is not None:
        raise InputError(f"{path}: expected a file, found {what}")


def read_workbook(path: Path) -> list[Grid]:
    """Every sheet of an XLSX workbook, in order, with saved formula results as values (see
    :meth:`Grid.require_saved_formulas` for formulas without one)."""
    require_file(path)
    try:
        book = load_workbook(path, data_only=True)
        formulas = load_workbook(path, read_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as error:
        raise InputError(f"{path.name}: expected an XLSX workbook ({error})") from error
    try:
        return [_sheet_grid(path.name, sheet, formulas[sheet.title]) for sheet in book.worksheets]
    finally:
        formulas.close()


def _pick(grids: list[Grid], path: Path, sheet: str | int | None) -> Grid:
    names = ", ".join(repr(g.sheet) for g in grids)
    if sheet is None:
        return grids[0]
    if isinstance(sheet, int):
        if 1 <= sheet <= len(grids):
            return grids[sheet - 1]
        raise InputError(f"{path.name}: expected a sheet number {sheet}; it has {len(grids)}")
    for grid in grids:
        if grid.sheet == sheet:
            return grid
    raise InputError(f"{path.name}: expected a sheet named {sheet!r} (found {names})")


def _sheet_grid(file: str, sheet: Worksheet, formulas: Any) -> Grid:
    rows = [
        [cell_text(cell.value, "%" in str(cell.number_format)) for cell in row]
        for row in sheet.iter_rows()
    ]
    unsaved = tuple(
        (row_number, column, str(formula))
        for row_number, row in enumerate(formulas.iter_rows(values_only=True), start=1)
        for column, formula in enumerate(row, start=1)
        if isinstance(formula, str)
        and formula.startswith("=")
        and sheet.cell(row=row_number, column=column).value is None
    )
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                rows[row - 1][column - 1] = value
    return Grid(file, sheet.title, tuple(tuple(row) for row in rows), unsaved)


def _csv_grid(path: Path) -> Grid:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Excel on Windows saves
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(f"{path.name}: expected a CSV file ({error})") from error
    filled = [row for row in rows if any(cell.strip() for cell in row)]
    if filled and all(len(row) == 1 for row in filled):
        problems = (delimiter_problem(row) for row in filled)
        problem = next((p for p in problems if p is not None), None)
        if problem is not None:
            raise InputError(f"{path.name}: expected {problem}")
    return Grid(path.name, None, tuple(tuple(row) for row in rows))


def _ods_grid(path: Path, sheet: str | int | None) -> Grid:
    try:
        sheets = pd.read_excel(path, engine="odf", sheet_name=None, header=None, dtype=object)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise InputError(f"{path.name}: expected an ODS spreadsheet ({error})") from error
    grids = [
        Grid(path.name, str(name), tuple(tuple(cell_text(v) for v in row) for row in frame.values))
        for name, frame in sheets.items()
    ]
    return _pick(grids, path, sheet)
