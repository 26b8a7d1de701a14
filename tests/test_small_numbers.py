"""The small-number rule: defaults in one place (docs/methods.md), flags and suppression."""

from __future__ import annotations

import numpy as np
import pytest

from wres_lib import SmallNumberRule
from wres_lib.stats.small_numbers import DEFAULT_RULE, TOO_FEW_TO_REPORT


def test_defaults_follow_design_md() -> None:
    assert SmallNumberRule(min_denominator=10, suppress_counts_below=5) == DEFAULT_RULE


def test_too_few_is_under_the_minimum_and_missing_counts_as_zero() -> None:
    flags = SmallNumberRule(min_denominator=10).too_few([0, 9, 10, 11, np.nan])
    assert flags.tolist() == [True, True, False, False, True]


def test_published_counts_hide_one_to_four() -> None:
    text = SmallNumberRule().publishable_counts(np.array([0, 1, 4, 5, 120]))
    assert text.tolist() == ["0", "<5", "<5", "5", "120"]
    assert SmallNumberRule(suppress_counts_below=3).publishable_counts([2, 3]).tolist() == [
        "<3",
        "3",
    ]


def test_note_names_who_and_the_minimum() -> None:
    note = SmallNumberRule(min_denominator=20).too_few_note("BME staff")
    assert note == f"fewer than 20 BME staff: {TOO_FEW_TO_REPORT}"


@pytest.mark.parametrize("field", ["min_denominator", "suppress_counts_below"])
@pytest.mark.parametrize("value", [0, -3, 2.5, True, "10"])
def test_bad_settings_are_refused_by_name(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"{field} must be a positive integer"):
        SmallNumberRule(**{field: value})  # type: ignore[arg-type]
