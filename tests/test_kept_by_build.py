"""A build keeps what ``wres table NAME`` and ``wres stories`` print for its year, so their first
run after it is served from the cache: the same bytes the commands compute, without computing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers.dataset_factory import ORGS
from wres_lib.analysis import context as context_module
from wres_lib.analysis.context import load_context
from wres_lib.analysis.kept_outputs import kept_outputs, stories_command, table_command
from wres_lib.cli import main
from wres_lib.cli.tables import TABLE_LEVELS
from wres_lib.render.build import build
from wres_lib.tables import TABLES, printed
from wres_lib.tables.registry import ORGANISATION_LEVELS

COMMANDS = [("table", name) for name in TABLES] + [
    ("stories", "--level", level) for level in TABLE_LEVELS
]


@pytest.fixture(autouse=True)
def fresh_process_cache():
    context_module._cached_context.cache_clear()
    yield
    context_module._cached_context.cache_clear()


def run(data: Path, *args: str, fresh: bool = True) -> tuple[int, str]:
    if fresh:  # else a --no-cache run reuses the context the one before computed
        context_module._cached_context.cache_clear()
    result = CliRunner().invoke(main, [*args, "--data", str(data)])
    return result.exit_code, result.output


def key_of(command: tuple[str, ...]) -> list:
    """The arguments a command's text is kept under, with its default options."""
    if command[0] == "table":
        return table_command(command[1], None, "csv", None, None)
    return stories_command(command[-1])


def no_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any command that would compute its output fail."""

    def refuse(*args, **kwargs):
        raise AssertionError("computed instead of served")

    monkeypatch.setattr(context_module, "load_context", refuse)


def test_the_build_fills_every_level_the_stories_command_offers() -> None:
    assert TABLE_LEVELS == ORGANISATION_LEVELS


def test_every_kept_text_is_what_the_command_prints(
    monkeypatch, tiny_dataset: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    printed_by_command = {c: run(tiny_dataset, *c, "--no-cache", fresh=False) for c in COMMANDS}
    year = load_context(tiny_dataset, cache).dataset.years[-1]
    made = printed.keep_printed(tiny_dataset, cache, year)
    kept = kept_outputs(tiny_dataset, cache)
    for command, (code, output) in printed_by_command.items():
        assert kept.read(key_of(command), year) == (output if code == 0 else None), command
    assert made == sum(code == 0 for code, _ in printed_by_command.values()) >= len(TABLES)
    assert printed.keep_printed(tiny_dataset, cache, year) == 0  # nothing is computed twice

    no_computing(monkeypatch)
    for command in (("table", "board-gap"), ("stories", "--level", "trust")):
        served = run(tiny_dataset, *command, "--cache-dir", str(cache))
        assert served == printed_by_command[command] and served[0] == 0


def test_a_table_that_fails_is_not_kept_and_the_others_are(
    monkeypatch, tiny_dataset: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    year = load_context(tiny_dataset, cache).dataset.years[-1]
    original = printed.table_text

    def failing(context, year, name, *args, **kwargs):
        if name == "board-gap":
            raise ValueError("this table needs data the dataset lacks")
        return original(context, year, name, *args, **kwargs)

    monkeypatch.setattr(printed, "table_text", failing)
    assert printed.keep_printed(tiny_dataset, cache, year) == len(COMMANDS) - 1
    kept = kept_outputs(tiny_dataset, cache)
    assert kept.read(key_of(("table", "board-gap")), year) is None
    assert kept.read(key_of(("stories", "--level", "trust")), year) is not None


@pytest.mark.slow
def test_after_a_build_the_first_run_is_served(
    monkeypatch, tiny_dataset: Path, tmp_path: Path
) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    commands = (("table", "board-gap"), ("stories",))
    expected = {command: run(tiny_dataset, *command, "--no-cache") for command in commands}
    original = printed.table_text

    def failing(context, year, name, *args, **kwargs):
        if name == "survey-gaps":
            raise ValueError("this table needs data the dataset lacks")
        return original(context, year, name, *args, **kwargs)

    monkeypatch.setattr(printed, "table_text", failing)  # the fill runs in this process
    dataset = load_context(tiny_dataset, "").dataset
    year = dataset.years[-1]
    outcomes = build(dataset, tiny_dataset, out, year, levels=("trust",), only=ORGS[:1],
                     formats=("html",), jobs=1, cache=cache)  # fmt: skip
    assert [o.status for o in outcomes] == ["ok"]
    assert kept_outputs(tiny_dataset, cache).read(key_of(("table", "survey-gaps")), year) is None

    no_computing(monkeypatch)
    for command, printed_text in expected.items():
        assert printed_text[0] == 0
        assert run(tiny_dataset, *command, "--cache-dir", str(cache)) == printed_text
