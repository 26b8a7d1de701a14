"""wres import mapped: CSV, XLSX and ODS files laid out another way, read through a mapping."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import Workbook

from tests.helpers.import_fixtures import run, snapshot, write_csv
from wres_lib import DataValidationError, load_dataset
from wres_lib.data.importers import (
    ImportOptions,
    MappingError,
    load_mapping,
    mapping_path,
    read_mapped,
    write_import,
)
from wres_lib.data.importers.recodes import wres_year
from wres_lib.data.schema import ETHNICITIES, TABLES
from wres_lib.data.validation import validate

WORKFORCE_HEADER = ["Date", "Org code", "Org name", "Staff group", "AfC band", "Ethnic group"]
BAND_5 = ["2024-03-31", "ZT901", "Testbridge", "Nurses and health visitors", "Band 5"]
CONSULTANTS = ["2023-24", "ZT902", "Mockford", "HCHS doctors", "Consultants"]


def write_mapping(path: Path, base: str | None = None, **changes: object) -> Path:
    raw = yaml.safe_load(mapping_path(base).read_text()) if base else {}
    path.write_text(yaml.safe_dump({**raw, **changes}))
    return path


def messy_workforce(path: Path) -> Path:
    """Notes above and below the table, thousands separators, suppressed cells, detailed groups
    and a total row."""
    return write_csv(
        path,
        [
            ["Staff in NHS trusts by ethnic group, March 2024"],
            ["Provisional statistics"],
            [*WORKFORCE_HEADER, "Headcount"],
            [*BAND_5, "White - British", "1,234"],  # row 4
            [*BAND_5, "White - Irish", "16"],
            [*BAND_5, "Asian or Asian British - Indian", "*"],  # row 6: suppressed
            [*BAND_5, "Asian or Asian British - Pakistani", "12"],
            [*BAND_5, "Not stated", "7"],
            [*BAND_5, "Total", "1,269"],  # row 9: dropped
            [*CONSULTANTS, "Black or Black British - African", "c"],  # row 10: suppressed
            [*CONSULTANTS, "Black or Black British - Caribbean", "2,001"],
            [*CONSULTANTS, "Mixed - White and Asian", "3"],
            ["2023-24", "ZT902", "Mockford", "Central functions", "AfC Band 8 - Range A",
             "Any other White background", "25"],
            [],
            ["Source: NHS workforce statistics"],
            ["Notes: * and c mark suppressed figures"],
        ],
    )  # fmt: skip


def test_messy_workforce_csv_merges_into_a_dataset(tmp_path: Path, tiny_dataset: Path) -> None:
    source = messy_workforce(tmp_path / "wf.csv")
    mapping = write_mapping(tmp_path / "wf.yaml", "workforce_statistics", header_row=3)
    table = read_mapped(source, load_mapping(mapping))
    result = write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    assert validate(tiny_dataset) == []
    key = list(TABLES["workforce"].key)
    headcount = load_dataset(tiny_dataset).workforce.set_index(key)["headcount"]
    # Recounted by hand from the rows above: White British + White Irish; the Asian and Black
    # totals have a suppressed part, so they are left out and the dataset's rows kept.
    assert headcount[(2024, "ZT901", "clinical", "Band 5", "White")] == 1234 + 16
    assert headcount[(2024, "ZT901", "clinical", "Band 5", "Unknown")] == 7
    assert headcount[(2024, "ZT901", "clinical", "Band 5", "Asian")] == 40  # kept from before
    assert headcount[(2024, "ZT902", "medical", "Consultant", "Mixed")] == 3
    assert headcount[(2024, "ZT902", "non_clinical", "Band 8a", "White")] == 25
    assert (2024, "ZT902", "medical", "Consultant", "Black") not in headcount.index
    assert len(headcount) == 24 + 2  # two rows replaced, two added
    assert result.rows == {"workforce": 4}
    notes = "\n".join(result.notes)
    assert 'wf.csv: 2 rows with a suppressed figure ("*", "c") left out (rows 6, 10)' in notes
    assert "2 other rows of a total with a suppressed part also left out (rows 7, 11)" in notes
    metadata = yaml.safe_load((tiny_dataset / "dataset.yaml").read_text())
    assert metadata["source"] == "written by the tests, wf.csv"
    assert "rows 6, 10" in metadata["description"]


def survey_workbook(path: Path) -> Path:
    """A benchmark-style sheet: merged title and year headers over two header rows, a note
    above, percentages formatted as such, text numbers, suppressed and empty cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "WRES"
    sheet["A1"] = "NHS Staff Survey: WRES indicators"
    sheet.merge_cells("A1:J1")
    sheet["A2"] = "Per cent of respondents; n = number of respondents"
    sheet["C3"], sheet["G3"] = "2024", "2025"
    sheet.merge_cells("C3:F3")
    sheet.merge_cells("G3:J3")
    metrics = ["ind5_white", "ind5_bme", "ind5_white_n", "ind5_bme_n"]
    sheet.append(["org_id", "org_name", *metrics, *metrics])
    sheet.append(["ZT901", "Testbridge", 0.253, "31.5", 80, "c", 0.26, "*", 90, 45])
    sheet.append(["ZT902", "Mockford", 0.2, 0.3, "1,020", 410, None, None, None, None])
    for row in (5, 6):
        for column in ("C", "D", "G", "H"):
            sheet[f"{column}{row}"].number_format = "0.0%"
    sheet["A8"] = "Source: NHS Staff Survey (notes below the table are ignored)"
    book.save(path)
    return path


def test_wide_survey_workbook_with_merged_headers(tmp_path: Path, tiny_dataset: Path) -> None:
    source = survey_workbook(tmp_path / "survey.xlsx")
    mapping = write_mapping(
        tmp_path / "s.yaml", "staff_survey_benchmark", sheet="WRES", header_row=[4, 3]
    )
    table = read_mapped(source, load_mapping(mapping))
    write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    survey = load_dataset(tiny_dataset).staff_survey
    survey = survey.loc[survey["indicator"] == 5].set_index(["year", "org_code", "ethnicity"])
    assert survey.loc[(2024, "ZT901", "White"), "percent"] == pytest.approx(25.3)
    assert survey.loc[(2024, "ZT901", "White"), "respondents"] == 80
    assert survey.loc[(2024, "ZT901", "BME"), "percent"] == pytest.approx(31.5)
    assert pd.isna(survey.loc[(2024, "ZT901", "BME"), "respondents"])  # "c": left empty
    assert survey.loc[(2025, "ZT901", "White"), "percent"] == pytest.approx(26.0)
    assert survey.loc[(2024, "ZT902", "White"), "respondents"] == 1020
    assert survey.loc[(2024, "ZT902", "BME"), "percent"] == pytest.approx(30.0)
    # Suppressed ("*") and empty: not imported, so the dataset's earlier rows stay.
    assert survey.loc[(2025, "ZT901", "BME"), "percent"] == pytest.approx(30.0)
    assert survey.loc[(2025, "ZT902", "White"), "respondents"] == 80
    notes = "\n".join(table.notes)
    assert "survey.xlsx, sheet 'WRES': 4 empty cells of the wide columns left out" in notes
    assert "1 row with a suppressed figure" in notes and "1 suppressed figure" in notes


def test_ods_with_notes_above_and_year_from_the_file_name(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    source = tmp_path / "workforce_2026.ods"
    sheet = pd.DataFrame(
        [
            ["Headcount by band, 31 March", None, None, None],
            [None, None, None, None],
            ["Trust", "Grade", "Group", "Staff"],
            ["ZT901", "Band 6", "BAME", 11],
            ["ZT901", "Band 6", "White", 250],
            ["ZT902", "8b", "Ethnic minority", 4],
        ]
    )
    with pd.ExcelWriter(source, engine="odf") as writer:
        sheet.to_excel(writer, sheet_name="Data", header=False, index=False)
    mapping = write_mapping(
        tmp_path / "m.yaml",
        table="workforce",
        sheet="Data",
        header_row=3,
        columns={"Trust": "org_code", "Grade": "band", "Group": "ethnicity", "Staff": "headcount"},
        constants={"staff_group": "clinical"},
        year_from_filename=r"_(\d{4})\.",
    )
    table = read_mapped(source, load_mapping(mapping))
    assert [
        (r.row, r.text("year"), r.text("band"), r.text("ethnicity")) for r in table.records
    ] == [
        (4, "2026", "Band 6", "BME"),
        (5, "2026", "Band 6", "White"),
        (6, "2026", "Band 8b", "BME"),
    ]
    assert table.records[0].cells["ethnicity"][1] == "C (Group)"
    assert table.records[0].cells["year"][1] == "the file name"
    write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    assert validate(tiny_dataset) == []
    assert load_dataset(tiny_dataset).years == [2024, 2025, 2026]


def test_percentages_written_as_fractions(tmp_path: Path, tiny_dataset: Path) -> None:
    source = write_csv(
        tmp_path / "survey.csv",
        [
            ["Year", "Trust", "Indicator", "Group", "Share"],
            ["2025", "ZT902", "7", "White", "0.425"],
            ["2025", "ZT902", "7", "BME", "0.3"],
        ],
    )
    mapping = write_mapping(
        tmp_path / "m.yaml",
        table="staff_survey",
        columns={"Year": "year", "Trust": "org_code", "Group": "ethnicity", "Share": "percent"},
        percent_as_fraction=True,
    )
    table = read_mapped(source, load_mapping(mapping))
    assert [r.text("percent") for r in table.records] == ["42.5", "30"]
    assert table.records[0].cells["indicator"][1] == "C (Indicator)"  # canonical name, any case
    write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    assert validate(tiny_dataset) == []


def test_bad_values_are_placed_and_the_dataset_is_untouched(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    source = write_csv(
        tmp_path / "wf.csv",
        [
            [*WORKFORCE_HEADER, "Headcount"],
            [*BAND_5, "Martian", "5"],
            ["2024-03-31", "ZZ999", "Nowhere", "Clinical", "Band 5", "White", "5"],
            [*BAND_5, "White", "12.5"],
            [*BAND_5, "Not stated", "50%"],  # "%" is read only in a percentage column
        ],
    )
    before = snapshot(tiny_dataset)
    result = run(
        "import", "mapped", str(source), "--mapping", "workforce_statistics",
        "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "input wf.csv has 4 problems" in result.output
    expected = f"one of {', '.join(ETHNICITIES)}"
    assert f"wf.csv, row 2, column 'F (Ethnic group)': found 'Martian'; expected {expected}" in (
        result.output
    )
    assert (
        "wf.csv, row 3, column 'B (Org code)': found 'ZZ999'; expected an org_code listed in "
        "organisations" in result.output
    )
    assert "wf.csv, row 4, column 'G (Headcount)': found '12.5'" in result.output
    assert (
        "wf.csv, row 5, column 'G (Headcount)': found '50%'; expected a whole number of 0 or more"
        in result.output
    )
    assert snapshot(tiny_dataset) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny", "wf.csv"]


def test_a_per_cent_sign_is_read_only_in_a_percentage_column(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    survey = write_csv(
        tmp_path / "survey.csv",
        [
            ["Year", "Trust", "Indicator", "Group", "Share", "Respondents"],
            ["2025", "ZT902", "7", "White", "42.5%", "1,020"],
            ["2025", "ZT902", "7", "BME", " 30 % ", "410"],
        ],
    )
    mapping = write_mapping(
        tmp_path / "m.yaml",
        table="staff_survey",
        columns={
            "Year": "year", "Trust": "org_code", "Group": "ethnicity", "Share": "percent",
            "Respondents": "respondents",
        },
    )  # fmt: skip
    table = read_mapped(survey, load_mapping(mapping))
    assert [r.text("percent") for r in table.records] == ["42.5", "30"]
    write_import([table], [survey], tiny_dataset, ImportOptions(merge=True))
    assert validate(tiny_dataset) == []

    survey.write_text(survey.read_text(encoding="utf-8-sig").replace("1,020", "50%"))
    table = read_mapped(survey, load_mapping(mapping))
    with pytest.raises(DataValidationError) as caught:
        write_import([table], [survey], tiny_dataset, ImportOptions(merge=True))
    (violation,) = caught.value.violations
    assert str(violation) == (
        "survey.csv, row 2, column 'F (Respondents)': found '50%'; expected a whole number of 0 "
        "or more"
    )


def test_a_bad_value_on_a_named_xlsx_sheet_is_placed(tmp_path: Path, tiny_dataset: Path) -> None:
    book = Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "The figures are on the sheet 'Headcount by band'"
    sheet = book.create_sheet("Headcount by band")
    sheet.append(["Workforce by ethnic group, March 2024"])
    sheet.append([])
    sheet.append([*WORKFORCE_HEADER, "Headcount"])
    sheet.append([*BAND_5, "White - British", 1234])  # row 4
    sheet.append([*BAND_5, "Not stated", "seven"])  # row 5: not a number
    book.save(tmp_path / "wf.xlsx")
    mapping = write_mapping(
        tmp_path / "m.yaml", "workforce_statistics", sheet="Headcount by band", header_row=3
    )
    before = snapshot(tiny_dataset)
    result = run(
        "import", "mapped", str(tmp_path / "wf.xlsx"), "--mapping", str(mapping),
        "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "has 1 problem" in result.output
    assert (
        "wf.xlsx, sheet 'Headcount by band', row 5, column 'G (Headcount)': found 'seven'; "
        "expected a whole number of 0 or more" in result.output
    )
    assert snapshot(tiny_dataset) == before


def test_missing_header_and_file_name_without_a_year(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "wf.csv", [[*WORKFORCE_HEADER, "Head count"], [*BAND_5, "1"]])
    with pytest.raises(DataValidationError) as caught:
        read_mapped(source, load_mapping(mapping_path("workforce_statistics")))
    (violation,) = caught.value.violations
    assert str(violation).startswith(
        "wf.csv, row 1, column 'Headcount'; expected a column so headed (found 'Date', "
    )

    mapping = write_mapping(
        tmp_path / "m.yaml", "workforce_statistics", year_from_filename=r"(\d{4})"
    )
    raw = yaml.safe_load(mapping.read_text())
    del raw["columns"]["Date"]
    mapping.write_text(yaml.safe_dump(raw))
    with pytest.raises(DataValidationError, match=r"expected a file name matching '\(\\d\{4\}\)'"):
        read_mapped(source, load_mapping(mapping))


def test_a_new_folder_needs_organisations(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "wf.csv", [[*WORKFORCE_HEADER, "Headcount"], [*BAND_5, "W", "1"]])
    table = read_mapped(source, load_mapping(mapping_path("workforce_statistics")))
    with pytest.raises(DataValidationError, match="an organisations table to check org_code"):
        write_import([table], [source], tmp_path / "new", ImportOptions())
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"table": "staff"}, "'table': expected one of organisations, workforce"),
        ({"table": "workforce", "colums": {}}, "unknown key 'colums'"),
        ({"table": "workforce", "columns": {"Grade": "grade"}}, "'grade' is not a column"),
        ({"table": "staff_survey", "sum_duplicates": True}, "holds percentages"),
        (
            {"table": "workforce", "columns": {"Y": "year"}, "year_from_filename": "(\\d+)"},
            "column 'year' is given more than once",
        ),
        ({"table": "workforce", "header_row": 0}, "'header_row': expected a row number"),
        ({"table": "workforce", "wide": {"pattern": "(?P<x>.+)"}}, "'x' is not a column"),
    ],
)
def test_mapping_errors_are_named(tmp_path: Path, mapping: dict, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(mapping))
    with pytest.raises(MappingError, match="m.yaml: .*" + message.replace("(", r"\(")):
        load_mapping(path)


def test_bundled_survey_mapping_on_the_plain_layout(tmp_path: Path, tiny_dataset: Path) -> None:
    book = Workbook()
    book.active.append(
        ["org_id", "org_name", "ind6_white_2025", "ind6_bme_2025", "ind6_bme_n_2025"]
    )
    book.active.append(["ZT902", "Mockford", 21.5, 29, 1500])
    book.save(tmp_path / "benchmark.xlsx")
    result = run(
        "import", "mapped", str(tmp_path / "benchmark.xlsx"), "--mapping",
        "staff_survey_benchmark", "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "staff_survey: 2 rows imported" in result.output
    survey = load_dataset(tiny_dataset).staff_survey.set_index(
        ["year", "org_code", "indicator", "ethnicity"]
    )
    assert survey.loc[(2025, "ZT902", 6, "BME"), "percent"] == pytest.approx(29.0)
    assert survey.loc[(2025, "ZT902", 6, "BME"), "respondents"] == 1500
    assert pd.isna(survey.loc[(2025, "ZT902", 6, "White"), "respondents"])


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024", "2024"),
        ("2024.0", "2024"),
        ("2023-24", "2024"),
        ("2023/2024", "2024"),
        ("FY 2023-24", "2024"),  # not 2023, the only four-digit year in it
        ("2024-03-31", "2024"),
        ("31/03/2024", "2024"),
        ("March 2024", "2024"),
        ("2023-09-30", "2024"),  # April to March is one WRES year
        ("30/09/2023", "2024"),
        ("September 2023", "2024"),
        ("2024-04-01", "2025"),
        ("2024-13-01", "2024-13-01"),  # not a date: left for validation to report
        ("2023-25", "2023-25"),
    ],
)
def test_year_cells_give_the_wres_year(text: str, year: str) -> None:
    assert wres_year(text) == year


# --- Hardening: each test reproduces a fault once accepted without a word ---

SURVEY_COLUMNS = {"Year": "year", "Trust": "org_code", "Group": "ethnicity", "Share": "percent"}


@pytest.mark.parametrize("value", ["false", "no", "maybe", 0])
@pytest.mark.parametrize("key", ["percent_as_fraction", "sum_duplicates"])
def test_mapping_booleans_must_be_yaml_booleans(tmp_path: Path, key: str, value: object) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({"table": "recruitment", key: value}))
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert str(caught.value) == (
        f"m.yaml: '{key}': expected true or false, unquoted (a YAML boolean); found {value!r}"
    )


def test_quoted_false_no_longer_multiplies_percentages_by_100(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    source = write_csv(
        tmp_path / "survey.csv",
        [["Year", "Trust", "Indicator", "Group", "Share"], ["2025", "ZT902", "7", "White", "25.3"]],
    )
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        yaml.safe_dump({"table": "staff_survey", "columns": SURVEY_COLUMNS})
        + "percent_as_fraction: 'false'\n"
    )
    before = snapshot(tiny_dataset)
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping),
        "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "m.yaml: 'percent_as_fraction': expected true or false, unquoted" in result.output
    assert snapshot(tiny_dataset) == before


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"table": "workforce", "colums": {}}, "unknown key 'colums' (did you mean 'columns'?)"),
        ({"table": "workforce", "percent_as_fractions": True}, "'percent_as_fraction'?"),
        ({"table": "workforce", "wide": {"pattern": "x", "vaule": "year"}}, "'wide': unknown key"),
    ],
)
def test_an_unknown_mapping_key_names_the_nearest(
    tmp_path: Path, mapping: dict, message: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(mapping))
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    assert message in str(caught.value)
    if "wide" in mapping:
        assert "'vaule' (did you mean 'value'?)" in str(caught.value)


@pytest.mark.parametrize("value", ["1e20", "inf", str(2**63)])
def test_a_huge_count_in_import_mapped_is_a_message(
    tmp_path: Path, tiny_dataset: Path, value: str
) -> None:
    source = write_csv(
        tmp_path / "rec.csv",
        [
            ["year", "org_code", "ethnicity", "shortlisted", "appointed"],
            ["2025", "ZT901", "White", value, "3"],
        ],
    )
    mapping = write_mapping(tmp_path / "m.yaml", table="recruitment")
    before = snapshot(tiny_dataset)
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping),
        "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"rec.csv, row 2, column 'D (shortlisted)': found '{value}'; expected a whole number"
        in (result.output)
    )
    assert snapshot(tiny_dataset) == before


def test_a_path_as_org_code_in_import_mapped_is_refused(tmp_path: Path, tiny_dataset: Path) -> None:
    source = write_csv(
        tmp_path / "rec.csv",
        [
            ["year", "org_code", "ethnicity", "shortlisted", "appointed"],
            ["2025", "../../../../tmp/x", "White", "10", "3"],
        ],
    )
    mapping = write_mapping(tmp_path / "m.yaml", table="recruitment")
    before = snapshot(tiny_dataset)
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping),
        "--out", str(tiny_dataset), "--merge",
    )  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "rec.csv, row 2, column 'B (org_code)': found '../../../../tmp/x'; expected a code of 1 "
        "to 16 letters, digits, '-' or '_', starting with a letter or digit"
    ) in result.output
    assert snapshot(tiny_dataset) == before


def test_a_semicolon_csv_is_named_as_such(tmp_path: Path) -> None:
    source = tmp_path / "rec.csv"
    source.write_text("year;org_code;ethnicity;shortlisted;appointed\n2025;ZT901;White;10;3\n")
    mapping = write_mapping(tmp_path / "m.yaml", table="recruitment")
    result = run("import", "mapped", str(source), "--mapping", str(mapping), "--out", "x")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "rec.csv: expected cells separated by commas, but the header row is separated by " in (
        result.output
    )
    assert "semicolons (;); save it from the spreadsheet program as 'CSV UTF-8" in result.output


def test_a_named_pipe_as_input_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    from wres_lib.data.importers import InputError

    pipe = tmp_path / "rec.csv"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match=r"rec.csv: expected a file, found a named pipe"):
        read_mapped(pipe, load_mapping(write_mapping(tmp_path / "m.yaml", table="recruitment")))
    os.mkfifo(tmp_path / "m2.yaml")
    with pytest.raises(InputError, match=r"m2.yaml: expected a file, found a named pipe"):
        load_mapping(tmp_path / "m2.yaml")


def test_a_formula_without_a_saved_result_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["year", "org_code", "ethnicity", "shortlisted", "appointed"])
    sheet.append([2025, "ZT901", "White", "=5*2", 3])
    book.save(tmp_path / "rec.xlsx")
    mapping = load_mapping(write_mapping(tmp_path / "m.yaml", table="recruitment"))
    with pytest.raises(DataValidationError) as caught:
        read_mapped(tmp_path / "rec.xlsx", mapping)
    (violation,) = caught.value.violations
    assert str(violation) == (
        "rec.xlsx, sheet 'Sheet', row 2, column 'D': found '=5*2'; expected a value, but the "
        "cell holds a formula with no saved result; open the workbook in Excel or LibreOffice "
        "and save it, so that each formula's result is stored"
    )
