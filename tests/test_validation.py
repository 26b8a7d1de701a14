"""One test per validation rule, each on a tiny dataset written by the test."""

from __future__ import annotations

import re
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
    assert violation.file == "dataset.yaml"
    assert violation.expected.startswith("valid YAML (line 2, column 1: expected ',' or ']'")


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


# --- Hardening: untrusted files and values (each test reproduces a fault once accepted) ---


def cli(*args: str):
    from click.testing import CliRunner

    from wres_lib.cli import main

    return CliRunner().invoke(main, list(args))


CODE_RULE_TEXT = "a code of 1 to 16 letters, digits, '-' or '_', starting with a letter or digit"


@pytest.mark.parametrize(
    "value", ["../../../../tmp/x", "/abs/path", "ZT/002", 'ZT"1', "<b>ZT</b>", "A" * 17, "-ZT"]
)
@pytest.mark.parametrize("column", ["icb_code", "region_code"])
def test_codes_are_identifiers_not_paths_or_markup(
    tiny_dataset: Path, column: str, value: str
) -> None:
    edit_csv(tiny_dataset, "organisations", 3, column, value)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.column) == ("organisations.csv", 3, column)
    assert violation.value == value and violation.expected == CODE_RULE_TEXT


def test_a_path_as_org_code_is_refused_by_wres_validate(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "workforce", 3, "org_code", "../../../../tmp/x")
    result = cli("validate", str(tiny_dataset))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        "workforce.csv, row 3, column 'org_code': found '../../../../tmp/x'; expected "
        + CODE_RULE_TEXT
    ) in result.output


def test_code_pattern_accepts_real_ods_and_ons_codes() -> None:
    from wres_lib.data.schema import CODE_PATTERN

    for code in ("RJ1", "Y56", "QMF", "E54000027", "ZT901", "RRP-2", "A"):
        assert CODE_PATTERN.fullmatch(code)
    for code in ("", " RJ1", "RJ1\n", "R J1", "RJ1.csv", "RJ1;"):
        assert not CODE_PATTERN.fullmatch(code)


@pytest.mark.parametrize("value", ["'false'", "'no'", "maybe", "0", "'true'"])
def test_synthetic_must_be_a_yaml_boolean(tiny_dataset: Path, value: str) -> None:
    path = tiny_dataset / "dataset.yaml"
    path.write_text(path.read_text().replace("synthetic: true", f"synthetic: {value}"))
    violation = only(validate(tiny_dataset))
    assert violation.file == "dataset.yaml"
    assert violation.expected.startswith(
        "'synthetic' to be true or false, unquoted (a YAML boolean); found "
    )
    with pytest.raises(DataValidationError):
        load_dataset(tiny_dataset)


def test_an_unknown_key_in_dataset_yaml_names_the_nearest(tiny_dataset: Path) -> None:
    path = tiny_dataset / "dataset.yaml"
    path.write_text(path.read_text().replace("synthetic: true", "synthtic: true"))
    violation = only(validate(tiny_dataset))
    assert violation.file == "dataset.yaml"
    assert "found 'synthtic' (did you mean 'synthetic'?)" in violation.expected
    before = path.read_bytes()
    from wres_lib.data.metadata import MetadataError

    with pytest.raises(MetadataError, match=r"dataset.yaml: expected only the keys name, "):
        refresh_checksums(tiny_dataset)
    assert path.read_bytes() == before  # the key is not silently dropped by a rewrite


def test_row_numbers_are_physical_lines_after_a_blank_line(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "workforce", 6, "ethnicity", "Purple")
    path = tiny_dataset / "workforce.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join([*lines[:3], "\n", ",,,,,\n", *lines[3:]]))  # two blank lines
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.value) == ("workforce.csv", 8, "Purple")
    assert ",Purple," in path.read_text().splitlines()[violation.row - 1]


@pytest.mark.parametrize("value", ["1e20", "inf", str(2**63), "-inf", "nan"])
def test_a_huge_or_infinite_count_is_a_message_not_a_traceback(
    tiny_dataset: Path, value: str
) -> None:
    edit_csv(tiny_dataset, "workforce", 3, "headcount", value)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row, violation.column) == ("workforce.csv", 3, "headcount")
    assert violation.value == value
    assert violation.expected.startswith("a whole number of 0 or more")
    result = cli("validate", str(tiny_dataset))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "workforce.csv, row 3, column 'headcount'" in result.output


def test_a_count_above_the_limit_says_the_limit(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "recruitment", 2, "shortlisted", "1e20")
    violation = only(validate(tiny_dataset))
    assert violation.expected == (
        "a whole number of 0 or more, at most 1,000,000,000,000 (a larger count is a typing or "
        "unit error)"
    )


def test_a_header_only_workforce_table_is_reported(tiny_dataset: Path) -> None:
    path = tiny_dataset / "workforce.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row) == ("workforce.csv", None)
    assert violation.expected.startswith(
        "at least one row of data: the workforce table has only its header"
    )
    with pytest.raises(DataValidationError, match="workforce table has only its header"):
        load_dataset(tiny_dataset)
    for args in (["validate", str(tiny_dataset)], ["indicators", "--data", str(tiny_dataset)]):
        result = cli(*args)
        assert result.exit_code == 1 and "IndexError" not in result.output, result.output
        assert "workforce table has only its header" in result.output


def test_a_latin1_file_names_the_row_and_says_save_as_utf8(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "organisations", 3, "org_name", "Caf\u00e9 Hospital")
    path = tiny_dataset / "organisations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    refresh_checksums(tiny_dataset)
    violations = validate(tiny_dataset)
    violation = next(v for v in violations if v.file == "organisations.csv")
    assert violation.expected == (
        "text in UTF-8, but row 3 has the byte 0xE9, which is not UTF-8 (the file was probably "
        "saved as Windows-1252 or Latin-1); save it from the spreadsheet program as "
        "'CSV UTF-8 (Comma delimited)'"
    )


def test_a_semicolon_separated_file_is_named_as_such(tiny_dataset: Path) -> None:
    path = tiny_dataset / "training.csv"
    path.write_text(path.read_text().replace(",", ";"))
    refresh_checksums(tiny_dataset)
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.row) == ("training.csv", 1)
    assert violation.expected.startswith(
        "cells separated by commas, but the header row is separated by semicolons (;)"
    )


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_named_pipe_in_place_of_a_table_is_an_error_not_a_hang(
    tiny_dataset: Path, kind: str
) -> None:
    import os

    path = tiny_dataset / "board.csv"
    path.unlink()
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    what = "a folder" if kind == "folder" else "a named pipe (FIFO)"
    violation = only(validate(tiny_dataset))
    assert (violation.file, violation.expected) == ("board.csv", f"a file, not {what}")
    from wres_lib.errors import WresError

    with pytest.raises(
        WresError, match=re.escape(f"board.csv: expected a table file, found {what}")
    ):
        refresh_checksums(tiny_dataset)


def test_checksums_without_or_with_a_broken_dataset_yaml_raise_a_clear_error(
    tiny_dataset: Path,
) -> None:
    from wres_lib.data.metadata import MetadataError

    path = tiny_dataset / "dataset.yaml"
    path.write_text("name: [unclosed\n")
    with pytest.raises(MetadataError, match=r"dataset.yaml: expected valid YAML \(line 2"):
        refresh_checksums(tiny_dataset)
    path.unlink()
    with pytest.raises(MetadataError, match=r"dataset.yaml: expected a dataset.yaml file"):
        refresh_checksums(tiny_dataset)
    assert not path.exists()


def test_a_checksum_mismatch_advises_the_real_command(tiny_dataset: Path) -> None:
    target = tiny_dataset / "training.csv"
    target.write_text(target.read_text().replace(",90\n", ",91\n", 1))
    violation = only(validate(tiny_dataset))
    assert f"run 'wres checksums {tiny_dataset}' to record the new checksums" in (
        violation.expected
    )
    assert "--update" not in violation.expected
    result = cli("checksums", str(tiny_dataset))  # the advice works as given
    assert result.exit_code == 0 and validate(tiny_dataset) == []
