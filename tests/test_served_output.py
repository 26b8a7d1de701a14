"""Journalist commands served again from the cache: the same bytes, without pandas, and never
once the data, its dataset.yaml or the arguments have changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.test_everyday_cache import set_headcounts
from wres_lib.analysis import context as context_module
from wres_lib.analysis.kept_outputs import OUTPUTS
from wres_lib.cli import main

# Runs the CLI with the arguments after it and reports on stderr whether pandas was imported.
PROBE = """
import runpy, sys
try:
    runpy.run_module("wres_lib.cli", run_name="__main__")
except SystemExit as done:
    assert not done.code, done.code
sys.stderr.write("pandas imported" if "pandas" in sys.modules else "no pandas")
"""


@pytest.fixture(autouse=True)
def fresh_process_cache():
    context_module._cached_context.cache_clear()
    yield
    context_module._cached_context.cache_clear()


def run(data: Path, cache: Path, *args: str) -> str:
    context_module._cached_context.cache_clear()
    result = CliRunner().invoke(main, [*args, "--data", str(data), "--cache-dir", str(cache)])
    assert result.exit_code == 0, result.output
    return result.output


def kept(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"*/{OUTPUTS}/*.json"))


@pytest.mark.parametrize("command", [("table", "board-gap"), ("stories",)])
def test_a_second_run_prints_the_same_bytes_without_pandas(
    tiny_dataset: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    cache = tmp_path / "cache"
    first = run(tiny_dataset, cache, *command)
    assert len(kept(cache)) == 1
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, *command, "--data", str(tiny_dataset), "--cache-dir",
         str(cache)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert probe.stdout == first and probe.stderr.endswith("no pandas")


def test_any_change_misses_the_kept_output(tiny_dataset: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(tiny_dataset, cache, "table", "board-gap")
    assert run(tiny_dataset, cache, "table", "board-gap", "--format", "md") != first
    assert len(kept(cache)) == 2  # each argument list is kept on its own
    # dataset.yaml changed (not the data files): computed again and kept under a new key
    description = tiny_dataset / "dataset.yaml"
    metadata = yaml.safe_load(description.read_text())
    description.write_text(yaml.safe_dump({**metadata, "vintage": "another vintage"}))
    assert run(tiny_dataset, cache, "table", "board-gap") == first
    assert len(kept(cache)) == 3
    # the data changed (checksums recorded): a new cache folder, a new table
    set_headcounts(tiny_dataset, 7)
    changed = run(tiny_dataset, cache, "table", "board-gap")
    assert changed != first and len(kept(cache)) == 1  # the old folder is gone
    # a data file changed behind dataset.yaml: validated again, which fails; nothing is served
    set_headcounts(tiny_dataset, 8, record=False)
    context_module._cached_context.cache_clear()
    result = CliRunner().invoke(
        main, ["table", "board-gap", "--data", str(tiny_dataset), "--cache-dir", str(cache)]
    )
    assert result.exit_code == 1 and "workforce" in result.output


def test_a_damaged_kept_output_is_not_served(tiny_dataset: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run(tiny_dataset, cache, "stories")
    (path,) = kept(cache)
    record = json.loads(path.read_text())
    path.write_text(json.dumps({**record, "text": "forged or damaged"}))
    assert run(tiny_dataset, cache, "stories") == first
    assert json.loads(path.read_text()) == record  # kept again, intact
