"""The wres command line, run as a user runs it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.helpers.dataset_factory import edit_csv
from tests.helpers.paths import SAMPLE
from wres_lib.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_clean_dataset_prints_one_line_and_exits_0(tiny_dataset: Path) -> None:
    result = run("validate", str(tiny_dataset))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "valid (synthetic data)" in lines[0] and "years 2024-2025" in lines[0]


def test_validate_lists_every_problem_and_exits_1(tiny_dataset: Path) -> None:
    edit_csv(tiny_dataset, "workforce", 2, "headcount", "-5")
    edit_csv(tiny_dataset, "board", 3, "role", "chair")
    result = run("validate", str(tiny_dataset))
    assert result.exit_code == 1
    assert "2 problems found" in result.output
    assert "workforce.csv, row 2, column 'headcount': found '-5'" in result.output
    assert "board.csv, row 3, column 'role': found 'chair'" in result.output


def test_checksums_command_accepts_an_intended_edit(tiny_dataset: Path) -> None:
    target = tiny_dataset / "training.csv"
    target.write_text(target.read_text().replace(",90\n", ",91\n", 1))
    assert run("validate", str(tiny_dataset)).exit_code == 1
    assert run("checksums", str(tiny_dataset)).exit_code == 0
    assert run("validate", str(tiny_dataset)).exit_code == 0


def test_validate_missing_folder(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent"))
    assert result.exit_code == 1 and "expected a dataset folder" in result.output


def test_brief_suggests_close_codes_and_runs_nothing(tmp_path: Path) -> None:
    args = ["brief", "trust", "ZT0151", "--data", str(SAMPLE), "--out", str(tmp_path)]
    result = run(*args)
    assert result.exit_code == 2
    assert "no trust 'ZT0151' in the data; did you mean" in result.output
    assert "ZT015" in result.output and not any(tmp_path.iterdir())
