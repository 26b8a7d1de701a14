"""Every wres command on bad input: exit status 1 or 2, a message naming the fault, and never a
traceback (the CLI is a thin layer; the library's errors become one line)."""

from __future__ import annotations

import shlex
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    """A folder of bad inputs: a plain file, a garbage dataset, garbage CSV/XLSX/YAML files."""
    root = tmp_path_factory.mktemp("bad")
    (root / "afile").write_text("hello\n")
    (root / "garbage").mkdir()
    (root / "garbage" / "dataset.yaml").write_text("::: not: [yaml\n")
    (root / "garbage" / "workforce.csv").write_text("a,b\n1,2\n")
    (root / "garbage.csv").write_bytes(b"x,y\n\x00\x01,2\n")
    (root / "garbage.xlsx").write_text("PK not a zip\n")
    (root / "garbage.yaml").write_text("nonsense: [\n")
    return root


COMMANDS = [
    "validate {B}/missing",
    "validate {B}/afile",
    "validate {B}/garbage",
    "checksums {B}/missing",
    "checksums {B}/afile",
    "checksums {B}/garbage",
    "indicators --data {B}/missing --out {B}/out",
    "indicators --data {B}/afile --out {B}/out",
    "indicators --data {B}/garbage --out {B}/out",
    "indicators --data {S} --out {B}/out --year 1900",
    "build --data {B}/missing --out {B}/out",
    "build --data {B}/garbage --out {B}/out",
    "build --data {S} --out {B}/out --formats docx",
    "build --data {S} --out {B}/out --jobs -3",
    "build --data {S} --out {B}/out --jobs abc",
    "build --data {S} --out {B}/out --levels ward",
    "build --data {S} --out {B}/afile",
    "build --data {S} --out {B}/afile/sub",
    "build --data {S} --out {B}/out --year 1900",
    "build --data {S} --out {B}/out ZT010",
    "brief trust ZT001 --data {B}/missing --out {B}/out",
    "brief trust ZT001 --data {B}/garbage --out {B}/out",
    "brief trust --data {S} --out {B}/out",
    "brief ward ZT001 --data {S} --out {B}/out",
    "brief trust ZT001 --data {S} --out {B}/out --formats docx",
    "brief trust ZT001 --data {S} --out {B}/afile",
    "table board-gap --data {B}/missing",
    "table board-gap --data {B}/garbage",
    "table nope --data {S}",
    "table",
    "table board-gap --data {S} --format xlsx",
    "table board-gap --data {S} --out {B}",
    "table board-gap --data {S} --out {B}/afile/x.csv",
    "table board-gap --data {S} --format docx",
    "table all-white-executives --data {S} --min-workforce-share 7",
    "stories --data {B}/missing",
    "stories --data {B}/afile",
    "stories --data {B}/garbage",
    "stories --data {S} --level ward",
    "import ods {B}/missing.csv --out {B}/imported",
    "import ods {B}/garbage.csv --out {B}/imported",
    "import ods {B}/garbage.csv",
    "import workbook {B}/garbage.xlsx --out {B}/imported",
    "import workbook {B}/garbage --out {B}/imported",
    "import mapped {B}/garbage.csv --mapping nope --out {B}/imported",
    "import mapped {B}/garbage.csv --mapping {B}/garbage.yaml --out {B}/imported",
    "import ods {B}/garbage.csv --out {B}/afile",
    "template --out {B}/afile/x.xlsx",
    "template --out {B}",
    "fetch nope --year 2024",
    "fetch --year 2024",
    "fetch --config {B}/garbage.yaml --list",
    "fetch --config {B}/missing.yaml --list",
    "fetch ods-trusts --year 2024 --timeout -1",
    "generate-sample --out {B}/afile",
    "generate-sample --out {B}/afile/x",
    "generate-sample --seed abc",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_gives_a_message_not_a_traceback(bad: Path, command: str) -> None:
    result = run(*shlex.split(command.format(B=bad, S=SAMPLE)))
    assert result.exit_code in (1, 2), result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "unexpected error" not in result.output  # the safety net was not needed
    # One headline (details, such as a list of problems, are indented below it).
    headlines = [
        line
        for line in result.output.splitlines()
        if line.strip() and not line.startswith((" ", "Usage:", "Try "))
    ]
    assert len(headlines) == 1, result.output
    assert len(headlines[0]) > 20, result.output  # a sentence, not a bare word


def test_the_safety_net_turns_an_unexpected_error_into_one_line(monkeypatch, bad: Path) -> None:
    import wres_lib.data.validation as validation  # the command imports it when it runs

    def broken(folder):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(validation, "validate_folder", broken)
    result = run("validate", str(bad))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        "Error: unexpected error: ZeroDivisionError: planted (run again with WRES_DEBUG=1 to "
        "see where, and please report it)"
    ]


def test_the_entry_point_is_the_cli_package() -> None:
    import tomllib

    from wres_lib import cli

    project = tomllib.loads((SAMPLE.parents[1] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["wres"] == "wres_lib.cli:main"
    assert cli.main.name == "main" and "build" in cli.main.commands


# --- wres build: selection, output folder, jobs, scheduler -------------------------------


def test_build_only_accepts_repeats_commas_and_spaces(monkeypatch, tmp_path: Path) -> None:
    import wres_lib.render.build as render_build

    seen = {}

    def fake_build(dataset, data, out, year, **options):
        seen.update(options)
        return []

    monkeypatch.setattr(render_build, "build", fake_build)
    base = ["build", "--levels", "trust", "--data", str(SAMPLE), "--out", str(tmp_path)]
    for only in (
        ["--only", "ZT010", "--only", "ZT011"],
        ["--only", "ZT010,ZT011"],
        ["--only", "ZT010", "ZT011"],
        ["--only", "ZT010, ZT011"],
    ):
        result = run(*base, *only)
        assert result.exit_code == 0, result.output
        assert seen["only"] == ["ZT010", "ZT011"], only
        assert "0 of 0 briefings written" in result.output  # the fake renders nothing


def test_build_codes_without_only_are_refused(tmp_path: Path) -> None:
    result = run("build", "ZT010", "--data", str(SAMPLE), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "unexpected argument 'ZT010'; to render only some codes, give --only ZT010" in (
        result.output
    )


def test_build_refuses_an_unknown_code_with_suggestions(tmp_path: Path) -> None:
    args = ["build", "--only", "ZT999", "--data", str(SAMPLE), "--out", str(tmp_path)]
    result = run(*args)
    assert result.exit_code == 1
    assert (
        "Error: no briefing for 'ZT999' at levels national,region,icb,trust in 2025; "
        "did you mean ZT199, ZT099, ZT209?" in result.output
    )
    assert not (tmp_path / "2025").exists()


def test_build_names_the_level_of_a_code_outside_levels(tmp_path: Path) -> None:
    args = ["build", "--levels", "region", "--only", "ZT010", "--data", str(SAMPLE)]
    result = run(*args, "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "Error: 'ZT010' is a trust code, not among --levels region" in result.output


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ("trusts", "unknown level 'trusts'; did you mean trust?"),
        ("ward", "unknown level 'ward'; expected national, region, icb, trust"),
        (",", "no level given; expected some of national, region, icb, trust"),
    ],
)
def test_build_refuses_an_unknown_level(tmp_path: Path, levels: str, message: str) -> None:
    result = run("build", "--levels", levels, "--data", str(SAMPLE), "--out", str(tmp_path))
    assert result.exit_code == 1 and f"Error: {message}" in result.output


def test_build_refuses_an_output_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me")
    result = run("build", "--data", str(SAMPLE), "--out", str(target))
    assert result.exit_code == 1
    assert f"Error: the output folder {target} is a file; give a folder" in result.output
    assert target.read_text() == "keep me"


def test_build_refuses_an_output_folder_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "out"  # cannot be made: as a read-only folder, before rendering
    result = run("build", "--data", str(SAMPLE), "--out", str(target))
    assert result.exit_code == 1
    assert f"Error: cannot write to the output folder {target}: Not a directory" in result.output


def test_build_refuses_negative_jobs(tmp_path: Path) -> None:
    result = run("build", "--jobs", "-3", "--data", str(SAMPLE), "--out", str(tmp_path))
    assert result.exit_code == 2 and "-3 is not in the range x>=1" in result.output


def test_an_unreachable_scheduler_is_reported_within_seconds(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    started = time.monotonic()
    result = run(
        "build", "--scheduler", address, "--data", str(tiny_dataset), "--out", str(tmp_path)
    )
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert f"Error: cannot reach the Dask scheduler at {address}: Connection refused" in (
        result.output
    )
