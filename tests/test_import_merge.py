"""Importing into an existing dataset with --merge: rows replace rows with the same key, every
other row, table and file is kept, and a failed import changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers.dataset_factory import edit_csv
from tests.helpers.import_fixtures import run, snapshot
from wres_lib import DataValidationError, WresError, load_dataset
from wres_lib.data.dataset import refresh_checksums
from wres_lib.data.importers import ImportOptions, load_mapping, read_mapped, write_import
from wres_lib.data.metadata import sha256_of
from wres_lib.data.validation import validate

BOARD_HEADER = "year,org_code,role,voting,ethnicity,members\n"


def board_import(tmp_path: Path, rows: str) -> tuple[Path, Path]:
    """A CSV already in the board table's columns, and the one-line mapping it needs."""
    source = tmp_path / "board_2025.csv"
    source.write_text(BOARD_HEADER + rows)
    mapping = tmp_path / "board.yaml"
    mapping.write_text("table: board\n")
    return source, mapping


def test_merge_replaces_rows_with_the_same_key_and_keeps_the_rest(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    before = snapshot(tiny_dataset)
    source, mapping = board_import(
        tmp_path, "2025,ZT901,executive,true,White,5\n2025,ZT901,executive,yes,BME,1\n"
    )
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping), "--out", str(tiny_dataset),
        "--merge", "--vintage", "2025-06",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert validate(tiny_dataset) == []
    after = snapshot(tiny_dataset)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"board.csv", "dataset.yaml"}
    board = load_dataset(tiny_dataset).board.set_index(["year", "org_code", "role", "ethnicity"])
    assert board.loc[(2025, "ZT901", "executive", "White"), "members"] == 5  # was 6
    assert board.loc[(2025, "ZT901", "executive", "BME"), "members"] == 1  # new
    assert board.loc[(2024, "ZT901", "executive", "White"), "members"] == 6  # other year kept
    assert len(board) == 12 + 1
    metadata = yaml.safe_load((tiny_dataset / "dataset.yaml").read_text())
    assert metadata["name"] == "tiny" and metadata["synthetic"] is True
    assert metadata["vintage"] == "2025-06"
    assert metadata["source"] == "written by the tests, board_2025.csv"
    assert metadata["files"]["board.csv"]["sha256"] == sha256_of(tiny_dataset / "board.csv")


def test_merge_replaces_a_parquet_table_with_csv(tmp_path: Path, tiny_dataset: Path) -> None:
    frame = load_dataset(tiny_dataset).board
    (tiny_dataset / "board.csv").unlink()
    frame.to_parquet(tiny_dataset / "board.parquet")
    refresh_checksums(tiny_dataset)
    assert validate(tiny_dataset) == []
    source, mapping = board_import(tmp_path, "2025,ZT902,executive,true,BME,2\n")
    write_import(
        [read_mapped(source, load_mapping(mapping))],
        [source],
        tiny_dataset,
        ImportOptions(merge=True),
    )
    assert not (tiny_dataset / "board.parquet").exists()
    assert validate(tiny_dataset) == []
    assert len(load_dataset(tiny_dataset).board) == 12 + 1


def test_a_rule_broken_only_after_merging_changes_nothing(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    before = snapshot(tiny_dataset)
    # The dataset gives a BME total for ZT901's board in 2025: a detailed group would mix
    # with it, which only the merged table shows.
    source, mapping = board_import(tmp_path, "2025,ZT901,non_executive,true,Asian,1\n")
    table = read_mapped(source, load_mapping(mapping))
    with pytest.raises(DataValidationError) as caught:
        write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    assert str(caught.value).startswith(f"imported dataset {tiny_dataset} has 1 problem")
    (violation,) = caught.value.violations
    assert violation.file == "board.csv" and violation.column == "ethnicity"
    assert "either detailed groups" in violation.expected
    assert snapshot(tiny_dataset) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.yaml", "board_2025.csv", "tiny"]


def test_merge_refuses_an_invalid_dataset(tmp_path: Path, tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "training", 2, "accessed", "9999")
    before = snapshot(tiny_dataset)
    source, mapping = board_import(tmp_path, "2025,ZT902,executive,true,BME,2\n")
    table = read_mapped(source, load_mapping(mapping))
    with pytest.raises(DataValidationError, match=r"existing dataset .* has 1 problem"):
        write_import([table], [source], tiny_dataset, ImportOptions(merge=True))
    assert snapshot(tiny_dataset) == before


def test_without_merge_a_folder_with_files_is_refused(tmp_path: Path, tiny_dataset: Path) -> None:
    source, mapping = board_import(tmp_path, "2025,ZT902,executive,true,BME,2\n")
    table = read_mapped(source, load_mapping(mapping))
    with pytest.raises(WresError, match="already holds files; give --merge"):
        write_import([table], [source], tiny_dataset, ImportOptions())


def test_a_suppressed_row_in_a_merge_says_the_old_value_is_kept(
    tmp_path: Path, tiny_dataset: Path
) -> None:
    source, mapping = board_import(
        tmp_path, "2025,ZT901,executive,true,White,*\n2025,ZT902,executive,true,White,7\n"
    )
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping), "--out", str(tiny_dataset),
        "--merge",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"note: board_2025.csv: row 2 had a suppressed figure; {tiny_dataset.name} already has "
        "those board rows, and their existing values are kept (not replaced)"
    ) in result.output
    board = load_dataset(tiny_dataset).board.set_index(["year", "org_code", "role", "ethnicity"])
    assert board.loc[(2025, "ZT901", "executive", "White"), "members"] == 6  # kept
    assert board.loc[(2025, "ZT902", "executive", "White"), "members"] == 7  # replaced


def test_a_suppressed_new_row_gets_no_kept_note(tmp_path: Path, tiny_dataset: Path) -> None:
    source, mapping = board_import(
        tmp_path, "2025,ZT901,executive,true,BME,*\n2025,ZT902,executive,true,White,7\n"
    )
    result = run(
        "import", "mapped", str(source), "--mapping", str(mapping), "--out", str(tiny_dataset),
        "--merge",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '1 row with a suppressed figure ("*") left out (row 2)' in result.output
    assert "existing values are kept" not in result.output
