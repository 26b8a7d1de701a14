"""The shared tables a build caches in its output folder: data (Parquet and JSON), never code;
checked on load; a damaged cache computed again with a one-line warning."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from wres_lib.analysis import context as context_module
from wres_lib.analysis.context import COMPUTED_TABLES, _computed, load_context
from wres_lib.analysis.context_cache import INDEX, PREFIX
from wres_lib.data.schema import TABLES


@pytest.fixture(autouse=True)
def fresh_process_cache():
    context_module._cached_context.cache_clear()
    yield
    context_module._cached_context.cache_clear()


class Planted:
    """Unpickling this object writes a marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def assert_same_context(one, other) -> None:
    for name in COMPUTED_TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name), check_exact=True)
    for name in TABLES:
        a, b = one.dataset.table(name), other.dataset.table(name)
        assert (a is None) == (b is None)
        if a is not None:
            pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert one.dataset.metadata == other.dataset.metadata


def test_a_planted_pickle_is_never_loaded(tiny_dataset: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    marker = tmp_path / "marker"
    for name in ("context-0123456789abcdef-0123456789abcdef.pickle", "context.pickle"):
        (cache / name).write_bytes(pickle.dumps(Planted(marker)))
    load_context(tiny_dataset, cache)
    assert not marker.exists()
    assert [p.name for p in cache.glob("*.pickle")] == ["context.pickle"]  # old ones removed


def test_the_cached_context_equals_the_computed_one(tiny_dataset: Path, tmp_path: Path) -> None:
    first = load_context(tiny_dataset, tmp_path)
    (folder,) = tmp_path.glob(f"{PREFIX}*")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [INDEX, *(f"{n}.parquet" for n in COMPUTED_TABLES)]
        + [f"dataset.{n}.parquet" for n in TABLES if first.dataset.table(n) is not None]
    )
    context_module._cached_context.cache_clear()
    again = load_context(tiny_dataset, tmp_path)
    assert again is not first
    assert_same_context(again, _computed(str(tiny_dataset.resolve())))


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda folder: (folder / "indicators.parquet").write_bytes(b"garbage"), "checksum"),
        (lambda folder: (folder / INDEX).write_text("{not json"), "unreadable"),
        (lambda folder: (folder / "lineage.parquet").unlink(), "unreadable"),
    ],
)
def test_a_damaged_cache_is_computed_again_with_a_warning(
    tiny_dataset: Path, tmp_path: Path, caplog, damage, reason: str
) -> None:
    load_context(tiny_dataset, tmp_path)
    (folder,) = tmp_path.glob(f"{PREFIX}*")
    damage(folder)
    context_module._cached_context.cache_clear()
    context = load_context(tiny_dataset, tmp_path)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "\n" not in messages[0]
    assert messages[0].startswith(f"warning: damaged cache: {folder}")
    assert reason in messages[0] and messages[0].endswith("computing the shared tables again")
    assert_same_context(context, _computed(str(tiny_dataset.resolve())))
    caplog.clear()
    context_module._cached_context.cache_clear()
    load_context(tiny_dataset, tmp_path)  # repaired: no warning now
    assert not caplog.records


def test_a_scattered_read_gives_the_rows_a_filtered_read_gives(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    load_context(tiny_dataset, tmp_path)  # computes the tables and caches them
    context_module._cached_context.cache_clear()
    store = load_context(tiny_dataset, tmp_path).store
    assert store is not None
    indicators = store.read("indicators")
    codes = sorted(set(indicators["code"].astype(str)))[::2]
    filters = [("code", "in", codes), ("group", "==", "BME"), ("measure", "in", ["bme_share"])]
    scattered = store.read_scattered("indicators", filters)
    assert 0 < len(scattered) < len(indicators)
    assert set(scattered["code"].astype(str)) <= set(codes)
    pd.testing.assert_frame_equal(scattered, store.read("indicators", filters), check_exact=True)
