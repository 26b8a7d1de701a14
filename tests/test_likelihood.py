"""Relative likelihoods: worked examples, scipy agreement, zero paths and properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats.contingency import relative_risk

from wres_lib import RelativeLikelihood, Wording, relative_likelihood
from wres_lib.stats.relative_likelihood import HALDANE_METHOD, KATZ_METHOD, relative_likelihoods

APPLICANTS = Wording("White", "BME", "shortlisted applicants", "were appointed")


@st.composite
def group_counts(draw: st.DrawFn, min_events: int = 0) -> tuple[int, int]:
    total = draw(st.integers(max(min_events, 0), 100_000))
    events = draw(st.integers(min(min_events, total), total))
    return events, total


positive = group_counts(min_events=1)


def test_appointment_example_published_by_trusts() -> None:
    """46.99% of White and 14.65% of BME shortlisted applicants appointed: 3.2 times."""
    result = relative_likelihood(4699, 10_000, 1465, 10_000)
    assert round(result.value, 1) == 3.2
    assert result.ci_low < result.value < result.ci_high


def test_disciplinary_example_published_by_trusts() -> None:
    """1.2% of BME and 0.7% of White staff entered the disciplinary process: 1.7 times."""
    result = relative_likelihood(12, 1_000, 7, 1_000)
    assert round(result.value, 1) == 1.7


def test_agrees_with_scipy_relative_risk() -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        n_a, n_b = rng.integers(1, 3_000, 2)
        a, b = rng.integers(1, n_a + 1), rng.integers(1, n_b + 1)
        conf = float(rng.choice([0.9, 0.95, 0.99]))
        result = relative_likelihood(int(a), int(n_a), int(b), int(n_b), conf=conf)
        expected = relative_risk(int(a), int(n_a), int(b), int(n_b))
        interval = expected.confidence_interval(confidence_level=conf)
        assert result.value == pytest.approx(expected.relative_risk, rel=1e-12)
        assert (result.ci_low, result.ci_high) == pytest.approx(
            (interval.low, interval.high), rel=1e-9
        )
        assert result.method == KATZ_METHOD
        assert result.note == ""


@pytest.mark.parametrize(
    ("counts", "value", "note"),
    [
        (
            (30, 100, 0, 40),
            None,
            "no BME shortlisted applicants were appointed, so the relative likelihood "
            "cannot be calculated",
        ),
        (
            (0, 100, 5, 40),
            0.0,
            "no White shortlisted applicants were appointed, so the relative likelihood is 0 "
            "and has no interval",
        ),
        (
            (0, 100, 0, 40),
            None,
            "no White or BME shortlisted applicants were appointed, so the relative "
            "likelihood cannot be calculated",
        ),
        (
            (0, 0, 5, 40),
            None,
            "there were no White shortlisted applicants, so the relative likelihood cannot "
            "be calculated",
        ),
        (
            (5, 40, 0, 0),
            None,
            "there were no BME shortlisted applicants, so the relative likelihood cannot "
            "be calculated",
        ),
        (
            (0, 0, 0, 0),
            None,
            "there were no White or BME shortlisted applicants, so the relative likelihood "
            "cannot be calculated",
        ),
    ],
)
def test_every_zero_path_is_explained_in_words(
    counts: tuple[int, int, int, int], value: float | None, note: str
) -> None:
    result = relative_likelihood(*counts, wording=APPLICANTS)
    assert result.value == value
    assert result.ci_low is None and result.ci_high is None
    assert result.note == note
    assert result.method == KATZ_METHOD


def test_default_wording_names_the_groups_generically() -> None:
    assert relative_likelihood(3, 10, 0, 10).note.startswith("no group b people had the event")


def test_all_events_gives_a_point_interval() -> None:
    result = relative_likelihood(10, 10, 10, 10)
    assert (result.value, result.ci_low, result.ci_high) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("counts", [(0, 100, 5, 40), (30, 100, 0, 40), (0, 100, 0, 40)])
def test_haldane_correction_adds_a_half_to_every_cell(counts: tuple[int, int, int, int]) -> None:
    a, n_a, b, n_b = counts
    result = relative_likelihood(*counts, zero_correction="haldane", wording=APPLICANTS)
    assert result.method == HALDANE_METHOD
    expected = ((a + 0.5) / (n_a + 1)) / ((b + 0.5) / (n_b + 1))
    assert result.value == pytest.approx(expected)
    se = math.sqrt(1 / (a + 0.5) - 1 / (n_a + 1) + 1 / (b + 0.5) - 1 / (n_b + 1))
    assert result.ci_low == pytest.approx(expected * math.exp(-1.959963984540054 * se))
    assert "Haldane correction" in result.note


def test_haldane_leaves_tables_without_zeros_alone() -> None:
    plain = relative_likelihood(30, 100, 10, 40)
    corrected = relative_likelihood(30, 100, 10, 40, zero_correction="haldane")
    assert corrected == plain


def test_haldane_cannot_invent_a_group() -> None:
    result = relative_likelihood(0, 0, 5, 40, zero_correction="haldane")
    assert result.value is None
    assert result.method == KATZ_METHOD


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"events_a": -1}, "events_a must be a non-negative integer, got -1"),
        ({"total_a": 2.5}, "total_a must be a non-negative integer, got 2.5"),
        ({"events_b": float("nan")}, "events_b must be a non-negative integer, got nan"),
        ({"total_b": "40"}, "total_b must be a non-negative integer, got '40'"),
        ({"events_a": True}, "events_a must be a non-negative integer, got True"),
        ({"events_a": 101}, r"events_a \(101\) must not exceed total_a \(100\)"),
        ({"events_b": 41}, r"events_b \(41\) must not exceed total_b \(40\)"),
        ({"conf": 95}, "conf must be a number between 0 and 1"),
        ({"zero_correction": "yates"}, "zero_correction must be None or 'haldane'"),
    ],
)
def test_bad_arguments_are_refused_by_name(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"events_a": 30, "total_a": 100, "events_b": 10, "total_b": 40}
    with pytest.raises(ValueError, match=message):
        relative_likelihood(**{**arguments, **kwargs})  # type: ignore[arg-type]


def test_whole_floats_and_numpy_integers_are_counts() -> None:
    result = relative_likelihood(np.int64(30), 100.0, np.int32(10), 40)
    assert result == relative_likelihood(30, 100, 10, 40)


def test_vectorised_version_matches_the_scalar_one() -> None:
    counts = np.array([[30, 100, 10, 40], [0, 10, 3, 10], [3, 10, 0, 10], [0, 0, 0, 0]])
    table = relative_likelihoods(*counts.T, wording=APPLICANTS)
    for row, (a, n_a, b, n_b) in zip(table.itertuples(), counts, strict=True):
        scalar = relative_likelihood(int(a), int(n_a), int(b), int(n_b), wording=APPLICANTS)
        assert (scalar.value is None) == np.isnan(row.value)
        assert scalar.note == row.note
        if scalar.value is not None:
            assert row.value == pytest.approx(scalar.value)


def test_vectorised_version_checks_lengths_and_counts() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        relative_likelihoods([1, 2], [3, 4], [1], [2])
    with pytest.raises(ValueError, match=r"events_b \(3\) must not exceed total_b \(2\)"):
        relative_likelihoods([1], [3], [3], [2])
    with pytest.raises(ValueError, match="total_a must be non-negative integers"):
        relative_likelihoods([1], [-3], [1], [2])


@given(a=positive, b=positive)
def test_swapping_the_groups_inverts_the_ratio(a: tuple[int, int], b: tuple[int, int]) -> None:
    forward = relative_likelihood(*a, *b)
    backward = relative_likelihood(*b, *a)
    assert forward.value * backward.value == pytest.approx(1.0, rel=1e-12)
    assert forward.ci_low * backward.ci_high == pytest.approx(1.0, rel=1e-9)


@given(a=positive, b=positive, scale=st.integers(2, 50))
def test_scaling_both_groups_keeps_the_ratio_and_narrows_the_interval(
    a: tuple[int, int], b: tuple[int, int], scale: int
) -> None:
    base = relative_likelihood(*a, *b)
    scaled = relative_likelihood(*(scale * c for c in (*a, *b)))
    assert scaled.value == pytest.approx(base.value, rel=1e-12)
    assert scaled.ci_low >= base.ci_low * (1 - 1e-12)
    assert scaled.ci_high <= base.ci_high * (1 + 1e-12)


@given(a=positive, b=positive, conf=st.floats(0.5, 0.999))
def test_the_interval_contains_the_estimate(
    a: tuple[int, int], b: tuple[int, int], conf: float
) -> None:
    result = relative_likelihood(*a, *b, conf=conf)
    assert result.ci_low <= result.value * (1 + 1e-12)
    assert result.value <= result.ci_high * (1 + 1e-12)


@given(a=group_counts(), b=group_counts(), haldane=st.booleans())
def test_never_inf_or_nan(a: tuple[int, int], b: tuple[int, int], haldane: bool) -> None:
    result = relative_likelihood(*a, *b, zero_correction="haldane" if haldane else None)
    assert isinstance(result, RelativeLikelihood)
    for figure in (result.value, result.ci_low, result.ci_high):
        assert figure is None or (isinstance(figure, float) and math.isfinite(figure))
    if result.value is None or result.ci_low is None:
        assert result.note


def test_the_note_of_the_issue() -> None:
    words = Wording("White", "BME", "applicants", "were appointed")
    note = relative_likelihood(12, 40, 0, 25, wording=words).note
    assert note.startswith("no BME applicants were appointed")
