"""wres template and wres import workbook: the data-entry workbook, written and read back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.helpers.dataset_factory import tiny_tables, write_tiny_dataset
from tests.helpers.import_fixtures import run
from wres_lib import DataValidationError, load_dataset
from wres_lib.data.importers import (
    ImportOptions,
    InputError,
    read_filled_workbook,
    write_import,
    write_template,
)
from wres_lib.data.schema import BANDS, BOARD_ROLES, ETHNICITIES, STAFF_GROUPS, TABLES
from wres_lib.data.validation import validate


def fill(template: Path, target: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Type ``tables`` into the template's sheets below the header, as a user would."""
    book = load_workbook(template)
    for name, frame in tables.items():
        sheet = book[name]
        header = [cell.value for cell in sheet[1]]
        for row, record in enumerate(frame.to_dict("records"), start=2):
            for column, heading in enumerate(header, start=1):
                value = record[heading]
                sheet.cell(row=row, column=column, value=None if value == "" else value)
    book.save(target)
    return target


def validations(sheet) -> dict[str, tuple[str, str | None, str | None]]:
    """For each header, the (type, formula1, formula2) of the validation on its row-2 cell."""
    found = {}
    for cell in sheet[1]:
        below = f"{cell.column_letter}2"
        for rule in sheet.data_validations.dataValidation:
            if below in rule.sqref:
                found[cell.value] = (rule.type, rule.formula1, rule.formula2)
    return found


def list_values(book, formula: str) -> list[str]:
    sheet_name, cells = formula.split("!")
    return [c.value for row in book[sheet_name][cells.replace("$", "")] for c in row]


def test_template_has_a_sheet_per_table_and_drop_downs(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Instructions", *TABLES, "Lists"]
    for name, spec in TABLES.items():
        assert [c.value for c in book[name][1]] == list(spec.column_names)
        assert book[name].max_row == 1  # empty below the header

    workforce = validations(book["workforce"])
    assert list_values(book, workforce["ethnicity"][1]) == list(ETHNICITIES)
    assert list_values(book, workforce["band"][1]) == list(BANDS)
    assert list_values(book, workforce["staff_group"][1]) == list(STAFF_GROUPS)
    assert workforce["org_code"][:2] == ("list", "organisations!$A$2:$A$10000")
    assert workforce["year"] == ("whole", "2000", "2100")
    assert workforce["headcount"][:2] == ("whole", "0")
    board = validations(book["board"])
    assert list_values(book, board["role"][1]) == list(BOARD_ROLES)
    assert board["voting"] == ("list", '"true,false"', None)
    survey = validations(book["staff_survey"])
    assert survey["indicator"] == ("list", '"5,6,7,8"', None)
    assert survey["percent"] == ("decimal", "0", "100")
    assert "wres import workbook" in " ".join(
        str(c.value) for c in book["Instructions"]["A"] if c.value
    )


def test_template_is_byte_identical_from_run_to_run(tmp_path: Path) -> None:
    first = write_template(tmp_path / "a.xlsx").read_bytes()
    second = write_template(tmp_path / "b.xlsx").read_bytes()
    assert first == second


def test_round_trip_template_fill_import_validate(tmp_path: Path) -> None:
    tables = tiny_tables()
    del tables["population"]  # the optional sheet stays empty and is skipped
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    out = tmp_path / "from-workbook"
    result = write_import(
        read_filled_workbook(filled), [filled], out, ImportOptions(vintage="2025")
    )
    assert validate(out) == []
    assert not (out / "population.csv").exists()
    assert result.rows == {name: len(frame) for name, frame in tables.items()}

    imported = load_dataset(out)
    expected = load_dataset(write_tiny_dataset(tmp_path / "tiny", tables))
    for name in tables:
        pd.testing.assert_frame_equal(imported.table(name), expected.table(name))
    # Recounted from the factory's figures: 2 years x 2 trusts x (120+40+30+5+20+3).
    assert imported.workforce["headcount"].sum() == 4 * 218
    assert imported.metadata.source == "filled.xlsx"


def test_typed_text_is_recoded_and_read(tmp_path: Path) -> None:
    tables = tiny_tables()
    workforce = tables["workforce"].astype(object)
    workforce.loc[0, ["ethnicity", "band", "headcount"]] = ["white", "band 5", "1,234"]
    workforce.loc[1, ["staff_group", "headcount"]] = ["Clinical", " 40 "]
    tables["workforce"] = workforce
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    out = tmp_path / "out"
    write_import(read_filled_workbook(filled), [filled], out, ImportOptions())
    first = load_dataset(out).workforce.set_index(list(TABLES["workforce"].key))["headcount"]
    assert first[(2024, "ZT901", "clinical", "Band 5", "White")] == 1234
    assert first[(2024, "ZT901", "clinical", "Band 5", "Asian")] == 40


def test_bad_cell_is_named_by_file_sheet_row_and_column(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["workforce"].loc[1, "band"] = "Band 10"  # row 3 of the sheet
    tables["board"].loc[0, "members"] = -1  # row 2
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    with pytest.raises(DataValidationError) as caught:
        write_import(read_filled_workbook(filled), [filled], tmp_path / "out", ImportOptions())
    messages = sorted(str(v) for v in caught.value.violations)
    assert messages == [
        "filled.xlsx, sheet 'board', row 2, column 'F (members)': found '-1'; expected a whole "
        "number of 0 or more",
        "filled.xlsx, sheet 'workforce', row 3, column 'D (band)': found 'Band 10'; expected one "
        f"of {', '.join(BANDS)}",
    ]
    assert not (tmp_path / "out").exists()


def test_missing_header_is_reported(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t.xlsx")
    book = load_workbook(template)
    book["training"]["E1"] = "accesed"
    book["training"].append([2024, "ZT901", "White", 10, 5])
    book.save(tmp_path / "filled.xlsx")
    with pytest.raises(DataValidationError) as caught:
        read_filled_workbook(tmp_path / "filled.xlsx")
    (violation,) = caught.value.violations
    assert str(violation) == (
        "filled.xlsx, sheet 'training', row 1, column 'accessed'; expected a header cell 'accessed'"
    )


def test_cli_template_and_import_workbook(tmp_path: Path) -> None:
    template = tmp_path / "wres.xlsx"
    assert run("template", "--out", str(template)).exit_code == 0
    filled = fill(template, tmp_path / "filled.xlsx", tiny_tables())
    out = tmp_path / "data"
    result = run("import", "workbook", str(filled), "--out", str(out), "--name", "my-trust")
    assert result.exit_code == 0, result.output
    assert "workforce: 24 rows imported" in result.output
    assert run("validate", str(out)).exit_code == 0
    assert load_dataset(out).metadata.name == "my-trust"
    assert load_dataset(out).population is not None


def test_an_empty_workbook_imports_nothing(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t.xlsx")
    result = run("import", "workbook", str(template), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "t.xlsx: no rows to import" in result.output
    assert not (tmp_path / "out").exists()


def test_a_successor_cycle_is_placed_on_the_organisations_sheet(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["organisations"]["successor_code"] = ["ZT902", "ZT901"]
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    with pytest.raises(DataValidationError) as caught:
        write_import(read_filled_workbook(filled), [filled], tmp_path / "out", ImportOptions())
    assert [str(v) for v in caught.value.violations] == [
        f"filled.xlsx, sheet 'organisations', row {row}, column 'J (successor_code)': found "
        f"'{code}'; expected a successor that does not lead back to this organisation "
        "(successor_code goes round: ZT901 -> ZT902 -> ZT901; rows 2 and 3)"
        for row, code in ((2, "ZT902"), (3, "ZT901"))
    ]
    assert not (tmp_path / "out").exists()


def renamed(template: Path, target: Path, old: str, new: str) -> Path:
    """The template filled with the tiny tables, sheet ``old`` renamed ``new``."""
    fill(template, target, tiny_tables())
    book = load_workbook(target)
    book[old].title = new
    book.save(target)
    return target


def test_a_renamed_sheet_is_an_error_naming_it_and_the_expected_names(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t.xlsx")
    filled = renamed(template, tmp_path / "filled.xlsx", "workforce", "Workforce data")
    out = tmp_path / "data"
    out.mkdir()
    result = run("import", "workbook", str(filled), "--out", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "filled.xlsx: sheet 'Workforce data' is not a table of the data model; expected sheets "
        "named organisations, workforce, recruitment, disciplinary, training, staff_survey, "
        "board, population, targets (and Instructions, Lists): rename the sheet to its table's "
        "name, or delete it"
    ) in result.output
    assert f"Nothing was written to {out}" in result.output
    assert list(out.iterdir()) == []


def test_a_sheet_differing_in_case_or_spaces_is_read_and_said(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t.xlsx")
    filled = renamed(template, tmp_path / "filled.xlsx", "staff_survey", " Staff Survey")
    out = tmp_path / "data"
    result = run("import", "workbook", str(filled), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "staff_survey: 32 rows imported" in result.output
    assert (
        "note: filled.xlsx, sheet ' Staff Survey': read as the staff_survey table (the sheet's "
        "name differs)"
    ) in result.output
    assert len(load_dataset(out).staff_survey) == 32


def test_an_empty_extra_sheet_is_ignored_but_two_sheets_for_one_table_are_not(
    tmp_path: Path,
) -> None:
    template = write_template(tmp_path / "t.xlsx")
    filled = fill(template, tmp_path / "filled.xlsx", tiny_tables())
    book = load_workbook(filled)
    book.create_sheet("Sheet1")
    book.save(filled)
    assert {t.name for t in read_filled_workbook(filled)} == set(tiny_tables())
    book.copy_worksheet(book["board"]).title = "Board "
    book.save(filled)
    with pytest.raises(InputError, match=r"sheets 'board', 'Board ' are both the board table"):
        read_filled_workbook(filled)


def test_a_formula_cell_without_a_saved_result_is_named(tmp_path: Path) -> None:
    template = write_template(tmp_path / "t.xlsx")
    filled = fill(template, tmp_path / "filled.xlsx", tiny_tables())
    book = load_workbook(filled)
    book["training"]["E3"] = "=D3/2"
    book.save(filled)
    with pytest.raises(DataValidationError) as caught:
        read_filled_workbook(filled)
    (violation,) = caught.value.violations
    assert (violation.file, violation.row, violation.column) == (
        "filled.xlsx, sheet 'training'",
        3,
        "E",
    )
    assert violation.expected.endswith(
        "open the workbook in Excel or LibreOffice and save it, so that each formula's result "
        "is stored"
    )
