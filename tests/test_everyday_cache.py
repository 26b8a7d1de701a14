"""The per-user cache that serves every command: its key, when it is used and bypassed, that it
changes no output, that an unchanged dataset is not validated again, and that a build's kernel
holds only its year's slice of the shared tables."""

from __future__ import annotations

import inspect
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.analysis import context as context_module
from wres_lib.analysis import context_cache
from wres_lib.analysis.context import (
    CACHE_ENV,
    SERIES_KEPT,
    BriefingContext,
    _tables_of,
    dataset_facts,
    load_context,
)
from wres_lib.analysis.context_cache import PREFIX, cache_key, default_cache_dir, save_tables
from wres_lib.analysis.kernel_env import kernel_env
from wres_lib.briefings import national, system, trust
from wres_lib.briefings.national import NationalBriefing
from wres_lib.briefings.system import SystemBriefing
from wres_lib.briefings.trust.briefing import TrustBriefing
from wres_lib.cli import main
from wres_lib.data.dataset import refresh_checksums
from wres_lib.data.metadata import read_metadata
from wres_lib.errors import DataValidationError
from wres_lib.render.build import input_hash
from wres_lib.render.manifest import LEVELS, Manifest, Outcome
from wres_lib.render.parameters import default_run_date
from wres_lib.render.plan import plan
from wres_lib.tables import TABLES, press_table
from wres_lib.tables.registry import REGISTRY

YEAR = 2025


@pytest.fixture(autouse=True)
def fresh_process_cache():
    context_module._cached_context.cache_clear()
    yield
    context_module._cached_context.cache_clear()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def set_headcounts(folder: Path, value: int, *, record: bool = True) -> None:
    """Change every headcount in ``folder``'s workforce table (and its checksum if ``record``)."""
    target = folder / "workforce.csv"
    frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    frame.assign(headcount=str(value)).to_csv(target, index=False, lineterminator="\n")
    if record:
        refresh_checksums(folder)


def cache_folders(cache: Path) -> list[Path]:
    return sorted(cache.glob(f"{PREFIX}*"))


def test_the_default_cache_folder_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WRES_CACHE_DIR", str(tmp_path / "chosen"))
    assert default_cache_dir() == tmp_path / "chosen"
    monkeypatch.delenv("WRES_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "wres-briefings"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "wres-briefings"


def test_the_key_changes_with_the_data_and_the_library(monkeypatch, tiny_dataset: Path) -> None:
    folder = tiny_dataset.resolve()
    before = cache_key(folder, read_metadata(folder))
    monkeypatch.setattr(context_cache, "library_hash", lambda: "another-library")
    other_code = cache_key(folder, read_metadata(folder))
    monkeypatch.undo()
    set_headcounts(tiny_dataset, 7)
    other_data = cache_key(folder, read_metadata(folder))
    assert len({before, other_code, other_data}) == 3


def test_changed_data_is_computed_again_and_the_old_entry_removed(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    first = load_context(tiny_dataset, tmp_path)
    (old,) = cache_folders(tmp_path)
    set_headcounts(tiny_dataset, 7)
    again = load_context(tiny_dataset, tmp_path)
    (new,) = cache_folders(tmp_path)
    assert new != old and not old.exists()
    assert again is not first and set(again.dataset.workforce["headcount"]) == {7}


def test_a_file_changed_behind_dataset_yaml_is_never_served_from_the_cache(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    load_context(tiny_dataset, tmp_path)
    set_headcounts(tiny_dataset, 7, record=False)
    context_module._cached_context.cache_clear()
    with pytest.raises(DataValidationError, match="workforce"):
        load_context(tiny_dataset, tmp_path)  # validated again: the checksum fails


def test_no_cache_reads_and_writes_no_cache(tiny_dataset: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = run("table", "board-gap", "--data", str(tiny_dataset), "--cache-dir", str(cache),
                 "--no-cache")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not cache.exists()
    result = run("table", "board-gap", "--data", str(tiny_dataset), "--cache-dir", str(cache))
    assert result.exit_code == 0, result.output
    assert len(cache_folders(cache)) == 1


def test_tables_and_stories_are_the_same_with_and_without_the_cache(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache")
    tables = [(name, level) for name, spec in REGISTRY.items() for level in spec.levels]
    commands = [("stories",), *(("table", name, "--level", level) for name, level in tables)]
    outputs = {}
    for way in (("--no-cache",), ("--cache-dir", cache), ("--cache-dir", cache)):
        context_module._cached_context.cache_clear()  # the third run reads the saved files
        outputs[way] = [
            (r.exit_code, r.output)
            for r in (run(*c, "--data", str(tiny_dataset), *way) for c in commands)
        ]
    first, *others = outputs.values()
    assert all(other == first for other in others)
    assert sum(code == 0 for code, _ in first) >= len(TABLES)  # most of them are real tables


@pytest.fixture(scope="module")
def sample_cache(tmp_path_factory: pytest.TempPathFactory, sample_context) -> Path:
    """The sample's shared tables saved in a cache, as a build leaves them."""
    cache = tmp_path_factory.mktemp("sample-cache")
    folder = SAMPLE.resolve()
    tables = _tables_of(sample_context)
    save_tables(cache, cache_key(folder, read_metadata(folder)), tables,
                facts=dataset_facts(sample_context))  # fmt: skip
    return cache


def fragments(briefing: object) -> dict[str, str]:
    """Every section a notebook shows: the output of each public method taking no argument."""
    shown = {}
    for name, method in inspect.getmembers(briefing, inspect.ismethod):
        if not name.startswith("_") and len(inspect.signature(method).parameters) == 0:
            value = method()
            shown[name] = value.to_csv() if isinstance(value, pd.DataFrame) else str(value)
    return shown


def test_a_kernel_holds_its_year_slice_and_renders_the_same(
    monkeypatch, sample_cache: Path, sample_context: BriefingContext
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(sample_cache))  # what a build tells its kernels
    assert kernel_env(sample_cache)[CACHE_ENV] == str(sample_cache)
    kernel = load_context(SAMPLE, year=YEAR)  # as a briefing of YEAR asks for it
    assert kernel.store is not None and not {"indicators", "model_employer"} & vars(kernel).keys()
    assert set(kernel.indicators["year"]) == {YEAR - 1, YEAR}
    assert len(kernel.indicators) < len(sample_context.indicators) / 4

    merged = next(iter(sample_context.lineage["successor_code"]), None)  # a series continued
    trusts = sorted({"ZT010", *([merged] if merged else [])})
    for code in trusts:
        assert fragments(TrustBriefing(kernel, code, YEAR)) == fragments(
            TrustBriefing(sample_context, code, YEAR)
        )
        held = list(kernel._series.values())
        assert 0 < len(held) <= SERIES_KEPT
        assert all(frame["code"].nunique() == 1 for frame in held)
    for level, code in (("icb", "ZQ01"), ("region", "Y56")):
        assert fragments(SystemBriefing(kernel, level, code, YEAR)) == fragments(
            SystemBriefing(sample_context, level, code, YEAR)
        )
    assert fragments(NationalBriefing(kernel, YEAR)) == fragments(
        NationalBriefing(sample_context, YEAR)
    )


def test_each_notebook_asks_for_its_years_slice(monkeypatch, sample_cache: Path) -> None:
    """A kernel is not told the year (it may start before the build knows it): each briefing's
    ``build``, which its notebook calls, asks for its year, so a kernel holds only that slice."""
    monkeypatch.setenv(CACHE_ENV, str(sample_cache))
    built = (
        trust.build(SAMPLE, "ZT010", YEAR),
        system.build(SAMPLE, "icb", "ZQ01", YEAR),
        national.build(SAMPLE, YEAR),
    )
    for briefing in built:
        assert briefing.context.store is not None
        assert set(briefing.context.indicators["year"]) == {YEAR - 1, YEAR}


def test_every_press_table_is_the_same_from_the_year_slice(
    sample_cache: Path, sample_context: BriefingContext
) -> None:
    sliced = load_context(SAMPLE, sample_cache).for_year(YEAR)
    assert set(sliced.indicators["year"]) == {YEAR - 1, YEAR}
    for name, spec in REGISTRY.items():
        for level in spec.levels:
            ours, theirs = (press_table(name, c, YEAR, level) for c in (sliced, sample_context))
            pd.testing.assert_frame_equal(ours.frame, theirs.frame)
            assert (ours.title, ours.notes) == (theirs.title, theirs.notes)


def test_an_unchanged_dataset_is_not_validated_again(
    monkeypatch, tiny_dataset: Path, tmp_path: Path
) -> None:
    from wres_lib.data import dataset as dataset_module
    from wres_lib.data import validation

    calls = []
    real = validation.validate_folder

    def counted(folder):
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(validation, "validate_folder", counted)
    monkeypatch.setattr(dataset_module, "validate_folder", counted)
    cache, out, data = tmp_path / "cache", tmp_path / "out", str(tiny_dataset)
    monkeypatch.setenv("WRES_CACHE_DIR", str(cache))
    assert run("validate", data).exit_code == 0 and len(calls) == 1  # not cached yet
    context = load_context(tiny_dataset, cache)  # what a first build leaves in the cache
    year = context.dataset.years[-1]
    up_to_date(context, tiny_dataset, out, year)
    assert run("indicators", "--data", data, "--out", str(out)).exit_code == 0
    calls.clear()
    context_module._cached_context.cache_clear()
    results = [
        run("validate", data),
        run("indicators", "--data", data, "--out", str(out)),
        run("build", "--data", data, "--out", str(out)),
    ]
    assert [r.exit_code for r in results] == [0, 0, 0], [r.output for r in results]
    assert "valid" in results[0].output and "unchanged" in results[1].output
    assert "0 of" in results[2].output
    assert calls == []
    assert run("validate", data, "--no-cache").exit_code == 0 and len(calls) == 1


def up_to_date(context: BriefingContext, data: Path, out: Path, year: int) -> None:
    """Record every briefing of ``year`` as rendered from the current inputs (placeholders)."""
    manifest = Manifest.open(out, year, context.dataset)
    run_date = default_run_date()
    for briefing in plan(context.dataset, year, LEVELS, data):
        briefing = replace(briefing, parameters={"run_date": run_date, **briefing.parameters})
        files = []
        for fmt in ("html", "pdf"):
            path = briefing.output_path(out, fmt)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("placeholder\n")
            files.append(str(path.relative_to(out)))
        digest = input_hash(briefing, context.dataset.metadata.content_hash)
        manifest.add(Outcome.of(briefing, "ok", 0.0, tuple(files), input_hash=digest))
    manifest.write()
