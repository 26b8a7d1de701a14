"""A context restored for one WRES year (what a build's kernels hold) holds only the rows of
that year and the one before of the large dataset tables, and gives what the whole gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis import context as context_module
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.data.dataset import YEARLY_TABLES
from wres_lib.data.schema import TABLES

YEAR = 2025
MERGED = "ZT209"  # the sample's trust with predecessors merged into it


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory) -> tuple[BriefingContext, ...]:
    """The sample restored from one cache: whole, and for YEAR."""
    cache = tmp_path_factory.mktemp("cache")
    context_module._cached_context.cache_clear()
    load_context(SAMPLE, cache)  # computes and caches the tables
    context_module._cached_context.cache_clear()
    whole, sliced = load_context(SAMPLE, cache), load_context(SAMPLE, cache, year=YEAR)
    context_module._cached_context.cache_clear()
    assert whole.store is not None and sliced.store is not None
    return whole, sliced


def test_a_year_slice_holds_the_rows_of_its_years_labelled_as_in_the_whole(
    contexts: tuple[BriefingContext, ...],
) -> None:
    whole, sliced = contexts
    assert sliced.dataset.years == whole.dataset.years and len(whole.dataset.years) > 2
    for name in TABLES:
        every, held = whole.dataset.table(name), sliced.dataset.table(name)
        if name in YEARLY_TABLES:
            assert set(held["year"]) == {YEAR - 1, YEAR} < set(every["year"])
            expected = every[every["year"].isin([YEAR - 1, YEAR])]
            pd.testing.assert_frame_equal(held, expected, check_exact=True, check_index_type=False)
        elif every is not None:
            pd.testing.assert_frame_equal(held, every, check_exact=True)


def test_a_year_slice_continues_a_merged_trust_over_every_year(
    contexts: tuple[BriefingContext, ...],
) -> None:
    whole, sliced = contexts
    continued = sliced.continued(MERGED, YEAR)
    assert continued is not None and continued["year"].nunique() > 2
    pd.testing.assert_frame_equal(continued, whole.continued(MERGED, YEAR), check_exact=True)


def test_a_slice_for_an_earlier_year_reads_that_years_rows(
    contexts: tuple[BriefingContext, ...],
) -> None:
    whole, sliced = contexts
    earlier = sliced.for_year(YEAR - 2)
    assert set(earlier.dataset.workforce["year"]) == {YEAR - 3, YEAR - 2}
    assert set(sliced.dataset.workforce["year"]) == {YEAR - 1, YEAR}  # unchanged
    assert whole.for_year(YEAR - 2).dataset is whole.dataset  # the whole holds every year


def test_a_slice_is_what_a_build_kernel_loads(tmp_path: Path, monkeypatch) -> None:
    from wres_lib.analysis.kernel_env import kernel_env
    from wres_lib.briefings import trust

    context_module._cached_context.cache_clear()
    load_context(SAMPLE, tmp_path)
    context_module._cached_context.cache_clear()
    for name, value in kernel_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    try:
        held = trust.build(SAMPLE, "ZT010", YEAR).context.dataset  # as its notebook calls it
    finally:
        context_module._cached_context.cache_clear()
    assert held.years_held == (YEAR - 1, YEAR)
    assert set(held.workforce["year"]) == {YEAR - 1, YEAR}


def test_a_year_slice_gives_a_systems_model_employer_target_every_year(
    contexts: tuple[BriefingContext, ...],
) -> None:
    whole, sliced = contexts
    system = whole.dataset.targets.iloc[[0]].astype(object)  # a system's target
    assert system["org_code"].iloc[0] not in set(whole.dataset.organisations["org_code"])
    system[["measure", "band", "baseline_year", "direction", "target_value"]] = [
        "model_employer_gap",
        "Band 8a",
        YEAR - 5,
        "at least",
        1e9,
    ]
    targets = system.astype(whole.dataset.targets.dtypes.to_dict())

    def status(context: BriefingContext) -> pd.DataFrame:
        dataset = dataclasses.replace(context.dataset, targets=targets)
        return BriefingContext(dataset, store=context.store, years=context.years).targets

    expected = status(whole)
    assert expected is not None and expected["year"].min() == YEAR - 5
    pd.testing.assert_frame_equal(status(sliced), expected, check_exact=True)
