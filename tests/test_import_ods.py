"""wres import ods: the NHS ODS trust reference file (etr.csv) as the organisations table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from tests.helpers.import_fixtures import run, snapshot, write_csv
from wres_lib import DataValidationError, load_dataset
from wres_lib.data.importers import (
    ImportOptions,
    InputError,
    read_ods_reference,
    write_import,
)
from wres_lib.data.importers.ods_reference import tidy_name
from wres_lib.data.metadata import sha256_of
from wres_lib.data.schema import REQUIRED_TABLES
from wres_lib.data.validation import validate, validate_folder


def etr_row(code: str, name: str, grouping: str, icb: str, opened: str, closed: str = ""):
    """A row in the published layout: 27 columns, address lines, dates as YYYYMMDD."""
    address = ["1 HIGH STREET", "", "LONDON", "", ""]
    tail = ["", "", "", "", "", "02070000000", "", "", "", "", "", "E12000007", "", "", ""]
    return [code, name, grouping, icb, *address, "NW1 1AA", opened, closed, *tail]


def organisations_only(folder: Path) -> pd.DataFrame:
    """The typed organisations of a dataset that has no workforce rows yet (else valid)."""
    _, tables, violations = validate_folder(folder, require_rows=False)
    assert violations == []
    return tables["organisations"]


ROWS = [
    etr_row("RAL", "ROYAL FREE LONDON NHS FOUNDATION TRUST", "Y56", "QMJ", "19910401"),
    etr_row("RX9", "EAST MIDLANDS AMBULANCE SERVICE NHS TRUST", "Y60", "QJM", "19990701"),
    etr_row(
        "RQ3", "BIRMINGHAM WOMEN'S AND CHILDREN'S NHS FOUNDATION TRUST", "Y60", "QHL", "20170201"
    ),
    etr_row(
        "RRP", "BARNET, ENFIELD AND HARINGEY MENTAL HEALTH NHS TRUST", "Y56", "QMJ", "20010401",
        "20240930",
    ),
    etr_row("RYX", "CENTRAL LONDON COMMUNITY HEALTHCARE NHS TRUST", "Y56", "QRV", "20100401"),
]  # fmt: skip


def test_reference_file_becomes_a_valid_organisations_table(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", ROWS)
    out = tmp_path / "orgs"
    result = write_import([read_ods_reference(etr)], [etr], out, ImportOptions(vintage="2025-04"))
    orgs = organisations_only(out).set_index("org_code")
    assert list(orgs.index) == ["RAL", "RQ3", "RRP", "RX9", "RYX"]
    assert orgs.loc["RQ3", "org_name"] == "Birmingham Women's and Children's NHS Foundation Trust"
    assert orgs.loc["RRP", "org_name"] == "Barnet, Enfield and Haringey Mental Health NHS Trust"
    assert orgs["org_type"].to_dict() == {
        "RAL": "acute",
        "RQ3": "specialist",
        "RRP": "mental health",
        "RX9": "ambulance",
        "RYX": "community",
    }
    assert orgs["region_name"].to_dict() == {
        "RAL": "London", "RQ3": "Midlands", "RRP": "London", "RX9": "Midlands", "RYX": "London",
    }  # fmt: skip
    assert orgs.loc["RRP", "icb_code"] == "QMJ" and orgs.loc["RRP", "icb_name"] == "QMJ"
    assert orgs.loc["RAL", "valid_from"] == pd.Timestamp("1991-04-01")
    assert orgs.loc["RRP", "valid_to"] == pd.Timestamp("2024-09-30")
    assert orgs["valid_to"].notna().sum() == 1
    assert orgs["successor_code"].isna().all()
    assert result.rows == {"organisations": 5}
    assert any("guessed from the name for 5 of 5" in note for note in result.notes)
    metadata = yaml.safe_load((out / "dataset.yaml").read_text())
    assert metadata["source"] == "etr.csv" and metadata["vintage"] == "2025-04"
    assert "org_type guessed" in metadata["description"]
    assert set(metadata["files"]) == {f"{name}.csv" for name in REQUIRED_TABLES}
    for name, entry in metadata["files"].items():
        assert entry["sha256"] == sha256_of(out / name)
    # Tables the file does not give are written empty, so that the folder is a dataset to
    # merge the rest into; until workforce has rows, validation says that is what is missing.
    (missing,) = validate(out)
    assert (missing.file, missing.row) == ("workforce.csv", None)
    assert missing.expected.startswith("at least one row of data: the workforce table has only")


def test_icb_names_and_org_types_lookups(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", ROWS)
    icbs = write_csv(
        tmp_path / "eicb.csv",
        [
            ["QMJ", "NHS NORTH CENTRAL LONDON INTEGRATED CARE BOARD", "Y56", "", ""],
            ["QJM", "NHS LINCOLNSHIRE INTEGRATED CARE BOARD", "Y60", "", ""],
        ],
    )
    types = tmp_path / "types.csv"
    types.write_text("org_code,org_type\nRAL,Specialist\nRYX,acute\n")
    table = read_ods_reference(etr, icb_names=icbs, org_types=types)
    out = tmp_path / "orgs"
    write_import([table], [etr], out, ImportOptions(vintage="v"))
    orgs = organisations_only(out).set_index("org_code")
    assert orgs.loc["RAL", "icb_name"] == "NHS North Central London Integrated Care Board"
    assert orgs.loc["RX9", "icb_name"] == "NHS Lincolnshire Integrated Care Board"
    assert orgs.loc["RQ3", "icb_name"] == "QHL"  # not in the lookup: the code
    assert orgs.loc["RAL", "org_type"] == "specialist" and orgs.loc["RYX", "org_type"] == "acute"
    assert any("3 of 5" in note for note in table.notes)


def test_a_grouping_that_is_not_a_region_keeps_its_code_with_a_note(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", [etr_row("RAA", "OLD TRUST", "Y54", "Q01", "19950401")])
    table = read_ods_reference(etr)
    assert table.records[0].text("region_name") == "Y54"
    assert any("not NHS England regions" in note and "Y54" in note for note in table.notes)


def test_bad_date_is_reported_at_its_row_and_column(tmp_path: Path) -> None:
    rows = [*ROWS[:2], etr_row("RQ3", "X", "Y60", "QHL", "2017021"), ROWS[3]]
    etr = write_csv(tmp_path / "etr.csv", rows)
    with pytest.raises(DataValidationError) as caught:
        write_import([read_ods_reference(etr)], [etr], tmp_path / "out", ImportOptions())
    (violation,) = caught.value.violations
    assert str(violation) == (
        "etr.csv, row 3, column 'K (open date)': found '2017021'; expected a date as YYYY-MM-DD"
    )
    assert not (tmp_path / "out").exists()


def test_too_few_columns_names_the_row(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", [ROWS[0], ["RXX", "SHORT ROW", "Y56"]])
    with pytest.raises(InputError, match=r"etr.csv, row 2: expected at least 11 columns"):
        read_ods_reference(etr)


def test_tidy_name() -> None:
    assert tidy_name("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST") == (
        "Guy's and St Thomas' NHS Foundation Trust"
    )
    assert tidy_name("THE NEWCASTLE UPON TYNE HOSPITALS") == "The Newcastle Upon Tyne Hospitals"
    assert tidy_name("Already Mixed Case") == "Already Mixed Case"


def test_cli_import_ods_and_a_failed_merge_leaves_the_folder_unchanged(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", ROWS)
    out = tmp_path / "mine"
    result = run("import", "ods", str(etr), "--out", str(out), "--vintage", "2025")
    assert result.exit_code == 0, result.output
    assert "organisations: 5 rows imported" in result.output
    checked = run("validate", str(out))
    assert checked.exit_code == 1 and "workforce table has only its header" in checked.output
    licence = yaml.safe_load((out / "dataset.yaml").read_text())["licence"]
    assert licence == "Open Government Licence v3.0"
    before = snapshot(out)

    again = run("import", "ods", str(etr), "--out", str(out))
    assert again.exit_code == 1 and "already holds files; give --merge" in again.output

    bad = write_csv(tmp_path / "etr2.csv", [etr_row("RAL", "X", "Y56", "QMJ", "1991-4-1x")])
    failed = run("import", "ods", str(bad), "--out", str(out), "--merge")
    assert failed.exit_code == 1
    assert "etr2.csv, row 1, column 'K (open date)'" in failed.output
    assert f"Nothing was written to {out}" in failed.output
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["etr.csv", "etr2.csv", "mine"]


def test_merge_updates_organisations_and_keeps_the_datasets_licence(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    before = snapshot(tiny_dataset)
    etr = write_csv(
        tmp_path / "etr.csv",
        [etr_row("ZT901", "TESTBRIDGE HOSPITALS NHS TRUST", "Y56", "ZQ90", "20000401")],
    )
    result = run("import", "ods", str(etr), "--out", str(tiny_dataset), "--merge")
    assert result.exit_code == 0, result.output
    after = snapshot(tiny_dataset)
    assert {name for name in after if after[name] != before[name]} == {
        "organisations.csv",
        "dataset.yaml",
    }
    orgs = load_dataset(tiny_dataset).organisations.set_index("org_code")
    assert orgs.loc["ZT901", "org_name"] == "Testbridge Hospitals NHS Trust"
    assert orgs.loc["ZT902", "org_name"] == "Mockford Care (synthetic)"  # not in the file: kept
    assert yaml.safe_load((tiny_dataset / "dataset.yaml").read_text())["licence"] == ""


@pytest.mark.parametrize("code", ["../../../../tmp/x", "/abs/path", "ZT/002", 'R"X', "<RX>"])
def test_an_org_code_that_is_not_an_identifier_is_refused(tmp_path: Path, code: str) -> None:
    etr = write_csv(
        tmp_path / "etr.csv", [ROWS[0], etr_row(code, "X TRUST", "Y56", "QMJ", "20000401")]
    )
    out = tmp_path / "mine"
    result = run("import", "ods", str(etr), "--out", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (
        f"etr.csv, row 2, column 'A (organisation code)': found {code!r}; expected a code of 1 "
        "to 16 letters, digits, '-' or '_', starting with a letter or digit"
    ) in result.output
    assert not out.exists()


def test_an_icb_or_region_code_that_is_not_an_identifier_is_refused(tmp_path: Path) -> None:
    etr = write_csv(tmp_path / "etr.csv", [etr_row("RAL", "X TRUST", "Y5 6", "../QMJ", "20000401")])
    with pytest.raises(DataValidationError) as caught:
        write_import([read_ods_reference(etr)], [etr], tmp_path / "out", ImportOptions())
    found = {(v.row, v.column, v.value) for v in caught.value.violations}
    assert found == {
        (1, "C (national grouping)", "Y5 6"),
        (1, "D (high level health geography)", "../QMJ"),
    }
