"""A data-entry workbook: one sheet per table of the data model, with drop-down lists.

``wres template --out FILE.xlsx`` writes it; ``wres import workbook`` reads it back. The
sheets are named after the tables and hold only a header row; drop-downs offer the allowed
ethnic groups, bands, staff groups, board roles, organisation types, survey indicators,
true/false and the organisation codes typed on the organisations sheet, and cells refuse years,
counts and percentages out of range. The same code gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from wres_lib.data.schema import FIRST_YEAR, LAST_YEAR, SURVEY_INDICATORS, TABLES, Column
from wres_lib.files import workbook_bytes, write_bytes_atomically

INSTRUCTIONS = "Instructions"
LISTS = "Lists"
LAST_ROW = 10_000  # drop-downs and checks cover rows 2 to this
LIST_COLUMNS = (
    "ethnicity", "band", "staff_group", "role", "org_type", "measure", "direction", "horizon",
)  # fmt: skip

TABLE_NOTES = {
    "organisations": "One row per organisation: fill this first; codes typed here are offered "
    "on the other sheets. valid_to empty while open; successor_code empty unless merged.",
    "workforce": "Headcount on 31 March of the year by staff group, band and ethnic group "
    "(indicator 1). Medical grades only for medical staff.",
    "recruitment": "Shortlisted and appointed in the 12 months to 31 March (indicator 2).",
    "disciplinary": "Staff in post and staff entering the formal disciplinary process "
    "(indicator 3).",
    "training": "Staff in post and staff accessing non-mandatory training and CPD (indicator 4).",
    "staff_survey": "Staff survey indicators 5-8: per cent of respondents, and the number of "
    "respondents if known. The survey of autumn Y-1 belongs to year Y.",
    "board": "Board members by role, voting or not, and ethnic group (indicator 9).",
    "population": "Optional: the population served by area and ethnic group. Leave the sheet "
    "empty if you have none.",
    "targets": "Optional: the action plan, one row per target of a trust, ICB or region "
    "(org_code). measure: what the target is read from (see docs/targets.md); band: a band, "
    "lower, middle or upper for bme_share, the senior band for model_employer_gap, the step for "
    "progression_step_ratio; target_value in the measure's units; horizon S (3-6 months), "
    "M (6-12) or L (12 and more); owner: a role, not a person's name.",
}

KIND_NOTES = {
    "year": f"WRES year ({FIRST_YEAR}-{LAST_YEAR}): the year ending 31 March",
    "count": "whole number, 0 or more",
    "percent": "per cent, 0 to 100",
    "number": "a number in the measure's units",
    "date": "date, YYYY-MM-DD",
    "bool": "true or false",
    "indicator": "staff survey indicator: 5, 6, 7 or 8",
    "text": "text",
    "code": "code: 1 to 16 letters, digits, - or _ (such as RJ1 or Y56)",
}


def template_workbook() -> Workbook:
    """The data-entry workbook (see the module docstring)."""
    book = Workbook()
    _instructions(book.active)
    lists = _lists(book)
    for spec in TABLES.values():
        sheet = book.create_sheet(spec.name)
        sheet.append(list(spec.column_names))
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            sheet.cell(row=1, column=index).font = Font(bold=True)
            sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
            check = _validation(column, lists, spec.name)
            if check is not None:
                check.add(f"{letter}2:{letter}{LAST_ROW}")
                sheet.add_data_validation(check)
        sheet.freeze_panes = "A2"
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    return book


def write_template(path: Path) -> Path:
    """Write the data-entry workbook to ``path`` atomically; return ``path``."""
    write_bytes_atomically(path, workbook_bytes(template_workbook()))
    return path


def _instructions(sheet: Worksheet) -> None:
    sheet.title = INSTRUCTIONS
    lines = [
        ("WRES data-entry workbook", True),
        ("", False),
        ("1. Fill one sheet per table, one row per observation, below the header row. Do not "
         "rename the sheets or the headers.", False),
        ("2. Start with organisations; the drop-downs on the other sheets offer its codes.",
         False),
        ("3. Ethnic group: White, or Asian, Black, Mixed and Other, or a BME total instead of "
         "those four (not both for one organisation and year); Unknown for not stated.", False),
        ("4. Leave a sheet empty if you have no data for it; optional sheets are skipped.",
         False),
        ("5. Save, then run:  wres import workbook FILE.xlsx --out DIR  (add --merge to add "
         "to an existing dataset). Every problem is listed with its sheet, row and column.",
         False),
        ("", False),
        ("Columns", True),
    ]  # fmt: skip
    for spec in TABLES.values():
        lines.append((f"{spec.name}: {TABLE_NOTES[spec.name]}", True))
        lines.extend((f"    {c.name}: {_describe(c)}", False) for c in spec.columns)
    for row, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110


def _describe(column: Column) -> str:
    if column.allowed is not None:
        text = f"one of {', '.join(column.allowed)}"
    else:
        text = KIND_NOTES[column.kind]
    return f"{text} (may be empty)" if column.nullable else text


def _lists(book: Workbook) -> dict[str, str]:
    """The Lists sheet of allowed values; the range formula for each listed column."""
    sheet = book.create_sheet(LISTS)
    formulas = {}
    for index, name in enumerate(LIST_COLUMNS, start=1):
        allowed = next(
            c.allowed for spec in TABLES.values() for c in spec.columns if c.name == name
        )
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name).font = Font(bold=True)
        for row, value in enumerate(allowed or (), start=2):
            sheet.cell(row=row, column=index, value=value)
        sheet.column_dimensions[letter].width = 28
        formulas[name] = f"{LISTS}!${letter}$2:${letter}${len(allowed or ()) + 1}"
    return formulas


def _validation(column: Column, lists: dict[str, str], table: str) -> DataValidation | None:
    if column.name in lists and column.allowed is not None:
        return _list(lists[column.name], f"Choose a {column.name.replace('_', ' ')} from the list.")
    if column.name == "org_code" and table not in ("organisations", "targets"):
        return _list(
            f"organisations!$A$2:$A${LAST_ROW}", "Choose an org_code from the organisations sheet."
        )
    if column.kind == "bool":
        return _list('"true,false"', "Choose true or false.")
    if column.kind == "indicator":
        indicators = ",".join(str(i) for i in SURVEY_INDICATORS)
        return _list(f'"{indicators}"', "Choose a staff survey indicator (5 to 8).")
    if column.kind == "year":
        return _range("whole", FIRST_YEAR, LAST_YEAR, "a year, e.g. 2025")
    if column.kind == "count":
        return _range("whole", 0, None, "a whole number, 0 or more")
    if column.kind == "percent":
        return _range("decimal", 0, 100, "a per cent from 0 to 100")
    return None


def _list(formula: str, message: str) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not in the list",
        error=message,
    )


def _range(kind: str, low: int, high: int | None, what: str) -> DataValidation:
    return DataValidation(
        type=kind,
        operator="greaterThanOrEqual" if high is None else "between",
        formula1=str(low),
        formula2=None if high is None else str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Out of range",
        error=f"Enter {what}.",
    )
