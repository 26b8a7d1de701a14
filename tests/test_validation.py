"""One test per validation rule, each on a tiny dataset written by the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import edit_csv, tiny_tables, write_tiny_dataset
from wres_lib import DataValidationError, load_dataset
from wres_lib.data.dataset import refresh_checksums
from wres_lib.data.validation import validate


def only(violations):
    assert len(violations) == 1, [str(v) for v in violations]
    return violations[0]


def test_tiny_dataset_is_valid_and_typed(tiny_dataset: Path) -> None:
    assert validate(tiny_dataset) == []
    dataset = load_dataset(tiny_dataset)
    assert dataset.metadata.synthetic is True
    assert dataset.years == [2024, 2025]
    assert dataset.workforce["headcount"].dtype == "int64"
    assert dataset.staff_survey["percent"].dtype == "float64"
    assert dataset.board["voting"].dtype == bool
    assert str(dataset.organisations["valid_from"].dtype) == "datetime64[ns]"
    assert dataset.organisations["valid_to"].isna().all()


def test_optional_population_may_be_absent(tmp_path: Path) -> None:
    tables = tiny_tables()
    del tables["population"]
    dataset = load_dataset(write_tiny_dataset(tmp_path / "d", tables))
    assert dataset.population is None


def test_missing_required_table_is_named(tiny_dataset: Path) -> None:
    (tiny_dataset / "board.csv").unlink()
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert violation.file == "board.csv"
    assert "required table 'board'" in violation.expected


def test_missing_dataset_yaml(tiny_dataset: Path) -> None:
    (tiny_dataset / "dataset.yaml").unlink()
    assert only(validate(tiny_dataset)).file == "dataset.yaml"


def test_unreadable_dataset_yaml(tiny_dataset: Path) -> None:
    (tiny_dataset / "dataset.yaml").write_text("name: [unclosed\n")
    violation = only(validate(tiny_dataset))
    assert violation.file == "dataset.yaml" and "valid dataset metadata" in violation.expected


def test_edited_file_fails_its_checksum(tiny_dataset: Path) -> None:
    target = tiny_dataset / "training.csv"
    target.write_text(target.read_text().replace(",90\n", ",91\n", 1))
    violation = only(validate(tiny_dataset))
    assert violation.file == "training.csv" and "sha256" in violation.expected


def test_file_without_checksum_and_checksum_without_file(tiny_dataset: Path) -> None:
    metadata = (tiny_dataset / "dataset.yaml").read_text()
    (tiny_dataset / "dataset.yaml").write_text(metadata.replace("board.csv", "boards.csv"))
    found = {(v.file, v.column, v.value) for v in validate(tiny_dataset)}
    assert ("board.csv", None, None) in found
    assert ("dataset.yaml", "files", "boards.csv") in found


def test_one_table_in_two_formats(tiny_dataset: Path) -> None:
    frame = pd.read_csv(tiny_dataset / "board.csv")
    frame.to_parquet(tiny_dataset / "board.parquet")
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert "board.csv and board.parquet" in violation.file


def test_parquet_tables_load_like_csv(tiny_dataset: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "parquet"
    shutil.copytree(tiny_dataset, parquet)
    for name in ("workforce", "organisations", "board", "staff_survey"):
        source = parquet / f"{name}.csv"
        frame = pd.read_csv(source, keep_default_na=False, dtype=str)
        frame.to_parquet(parquet / f"{name}.parquet")
        source.unlink()
    refresh_checksums(parquet)
    from_csv, from_parquet = load_dataset(tiny_dataset), load_dataset(parquet)
    for name in ("workforce", "organisations", "board", "staff_survey"):
        pd.testing.assert_frame_equal(from_csv.table(name), from_parquet.table(name))


def test_missing_column_is_named(tiny_dataset: Path) -> None:
    frame = pd.read_csv(tiny_dataset / "disciplinary.csv").drop(columns="entered")
    frame.to_csv(tiny_dataset / "disciplinary.csv", index=False)
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.column) == ("disciplinary.csv", 1, "entered")


@pytest.mark.parametrize(
    ("table", "column", "value", "expected"),
    [
        ("workforce", "ethnicity", "Purple", "one of White, Asian"),
        ("workforce", "band", "Band 10", "one of Band 1"),
        ("workforce", "staff_group", "porters", "one of clinical"),
        ("board", "role", "chair", "one of executive"),
        ("organisations", "org_type", "hospice", "one of acute"),
        ("staff_survey", "indicator", "9", "staff survey indicator"),
        ("workforce", "headcount", "-3", "whole number of 0 or more"),
        ("workforce", "headcount", "2.5", "whole number of 0 or more"),
        ("recruitment", "shortlisted", "many", "whole number of 0 or more"),
        ("workforce", "year", "1899", "a year from"),
        ("staff_survey", "percent", "101", "percentage from 0 to 100"),
        ("staff_survey", "percent", "n/a", "percentage from 0 to 100"),
        ("board", "voting", "sometimes", "true or false"),
        ("organisations", "valid_from", "1st April", "date as YYYY-MM-DD"),
        ("workforce", "org_code", "", "a value"),
    ],
)
def test_bad_value_names_file_row_column_and_value(
    tiny_dataset: Path, table: str, column: str, value: str, expected: str
) -> None:
    edit_csv(tiny_dataset, table, 3, column, value)
    violations = [v for v in validate(tiny_dataset) if v.column == column]
    violation = only(violations)
    assert (violation.file, violation.row, violation.value) == (f"{table}.csv", 3, value)
    assert expected in violation.expected


@pytest.mark.parametrize(
    ("table", "column", "value", "limit"),
    [
        ("recruitment", "appointed", "101", "shortlisted"),
        ("disciplinary", "entered", "151", "headcount"),
        ("training", "accessed", "151", "headcount"),
    ],
)
def test_count_not_more_than_its_total(
    tiny_dataset: Path, table: str, column: str, value: str, limit: str
) -> None:
    edit_csv(tiny_dataset, table, 2, column, value)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.column) == (f"{table}.csv", 2, column)
    assert violation.expected.startswith(f"no more than {limit}")


def test_duplicate_key_points_at_both_rows(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "recruitment", 2, "ethnicity", "White")  # row 3 is White already
    violation = only(validate(tiny_dataset))
    assert violation.row == 3 and "repeats row 2" in violation.expected


def test_detailed_groups_and_bme_total_not_mixed(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "workforce", 7, "ethnicity", "BME")  # ZT901 2024 has Asian rows
    violation = only(validate(tiny_dataset))
    assert (violation.row, violation.column, violation.value) == (7, "ethnicity", "BME")


def test_medical_grade_only_for_medical_staff(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "workforce", 2, "band", "Consultant")
    violation = only(validate(tiny_dataset))
    assert violation.column == "band" and "non-medical" in violation.expected


def test_unknown_org_code(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "board", 4, "org_code", "ZT999")
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.value) == ("board.csv", 4, "ZT999")


def test_org_code_must_be_open_in_that_year(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 2, "valid_to", "2024-03-31")  # ZT901 closes
    violations = validate(tiny_dataset)
    assert violations and all(v.column == "year" and v.value == "2025" for v in violations)
    assert any("ZT901 was open (2000-04-01 to 2024-03-31" in v.expected for v in violations)


def test_windows_line_endings_and_byte_order_mark_are_read(tiny_dataset: Path) -> None:
    target = tiny_dataset / "training.csv"
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    refresh_checksums(tiny_dataset)
    assert validate(tiny_dataset) == []


def test_planted_faults_are_all_reported_together(tiny_dataset: Path) -> None:
    """The acceptance case: six kinds of fault in one copy, each named with file/row/column."""
    edit_csv(tiny_dataset, "workforce", 4, "headcount", "-1")
    edit_csv(tiny_dataset, "workforce", 5, "ethnicity", "Green")
    edit_csv(tiny_dataset, "recruitment", 2, "appointed", "900")
    edit_csv(tiny_dataset, "board", 2, "org_code", "ZT000")
    frame = pd.read_csv(tiny_dataset / "training.csv").drop(columns="accessed")
    frame.to_csv(tiny_dataset / "training.csv", index=False)
    refresh_checksums(tiny_dataset)
    target = tiny_dataset / "disciplinary.csv"
    target.write_text(target.read_text() + "2025,ZT902,Unknown,3,0\n")  # not in checksums
    where = {(v.file, v.row, v.column) for v in validate(tiny_dataset)}
    assert where == {
        ("workforce.csv", 4, "headcount"),
        ("workforce.csv", 5, "ethnicity"),
        ("recruitment.csv", 2, "appointed"),
        ("board.csv", 2, "org_code"),
        ("training.csv", 1, "accessed"),
        ("disciplinary.csv", None, None),
    }
    with pytest.raises(DataValidationError) as raised:
        load_dataset(tiny_dataset)
    assert len(raised.value.violations) == 6
    assert "6 problems" in str(raised.value)


def test_not_a_folder(tmp_path: Path) -> None:
    assert only(validate(tmp_path / "nowhere")).expected == "a dataset folder"


def test_an_unreadable_count_is_one_problem_not_two(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "recruitment", 2, "shortlisted", "many")
    violation = only(validate(tiny_dataset))
    assert (violation.column, violation.value) == ("shortlisted", "many")


def test_population_does_not_mix_detailed_groups_and_bme_total(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "population", 3, "ethnicity", "Asian")  # row 2 is the BME total
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.column) == ("population.csv", "ethnicity")
    assert "area_code and year" in violation.expected


def test_valid_to_not_before_valid_from(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 3, "valid_to", "1999-03-31")
    found = {(v.file, v.row, v.column) for v in validate(tiny_dataset)}
    assert ("organisations.csv", 3, "valid_to") in found


def test_successor_code_must_be_listed(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 2, "successor_code", "ZT999")
    violation = only(validate(tiny_dataset))
    assert (violation.row, violation.column, violation.value) == (2, "successor_code", "ZT999")


def test_successor_codes_that_go_round_in_a_cycle_are_named(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 2, "successor_code", "ZT902")
    edit_csv(tiny_dataset, "organisations", 3, "successor_code", "ZT901")
    violations = validate(tiny_dataset)
    assert [(v.file, v.row, v.column, v.value) for v in violations] == [
        ("organisations.csv", 2, "successor_code", "ZT902"),
        ("organisations.csv", 3, "successor_code", "ZT901"),
    ]
    expected = (
        "a successor that does not lead back to this organisation (successor_code goes round: "
        "ZT901 -> ZT902 -> ZT901; rows 2 and 3)"
    )
    assert [v.expected for v in violations] == [expected, expected]
    with pytest.raises(DataValidationError, match="ZT901 -> ZT902 -> ZT901; rows 2 and 3"):
        load_dataset(tiny_dataset)


def test_an_organisation_that_succeeds_itself_is_a_cycle(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 3, "successor_code", "ZT902")
    violation = only(validate(tiny_dataset))
    assert (violation.row, violation.column, violation.value) == (3, "successor_code", "ZT902")
    assert violation.expected.endswith("(successor_code goes round: ZT902 -> ZT902; row 3)")
