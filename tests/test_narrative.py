"""Tests for wres_lib.present.narrative: every phrase, sentence by sentence, and its edges."""

from __future__ import annotations

import doctest
from decimal import Decimal
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.module_names import public_names
from wres_lib.errors import WresError
from wres_lib.present import narrative
from wres_lib.present.narrative import (
    NOT_AVAILABLE,
    SentenceError,
    capitalise_first,
    change_phrase,
    check_sentence,
    checking,
    count_of,
    figures,
    findings,
    ladder,
    likelihood_phrase,
    list_phrase,
    number_word,
    ordinal_year_span,
    percent,
    phrases,
    places,
    plural,
    points,
    ratio_figure,
    systems,
    times_as_likely,
    words,
    year_phrase,
)
from wres_lib.present.narrative import stories as story_words

MISSING = [None, float("nan"), np.nan, np.float64("nan"), pd.NA, float("inf"), -float("inf")]
MISSING_IDS = ["None", "nan", "np.nan", "float64 nan", "pd.NA", "inf", "-inf"]
FORBIDDEN = ("nan", "None", "inf", "NaN", "<NA>")

finite_floats = st.floats(allow_nan=False, allow_infinity=False)
shares = st.floats(min_value=0, max_value=1, allow_nan=False)
ratios = st.floats(min_value=0, max_value=1e6, allow_nan=False)
# Nouns that neither end in s (a singular "1 bus" would trip the "1 trusts" check) nor are
# the leaked values the check looks for.
nouns = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=12).filter(
    lambda word: not word.endswith("s") and word not in {"nan", "inf", "infinity"}
)


@pytest.mark.parametrize(
    "module", [figures, words, phrases, checking, places, systems, story_words]
)
def test_doctests_pass(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_package_offers_every_public_name_of_its_modules() -> None:
    modules = (figures, words, phrases, checking, ladder, findings, places, systems)
    defined = set().union(*(public_names(m) for m in modules))
    assert defined == set(narrative.__all__)
    assert all(hasattr(narrative, name) for name in narrative.__all__)


# percent ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "decimals", "expected"),
    [
        (0.214, 0, "21%"),
        (0.21, 0, "21%"),
        (0.0, 0, "0%"),
        (1.0, 0, "100%"),
        (0.5, 0, "50%"),
        (0.125, 0, "13%"),  # half away from zero, not to even
        (0.135, 0, "14%"),
        (0.145, 0, "15%"),  # the float is a hair under 0.145; the decimal as written rounds up
        (0.005, 0, "1%"),
        (0.0049, 0, "less than 1%"),
        (0.003, 0, "less than 1%"),
        (1e-12, 0, "less than 1%"),
        (0.995, 0, "more than 99%"),
        (0.9999, 0, "more than 99%"),
        (0.994, 0, "99%"),
        (1.12, 0, "112%"),
        (12.345, 0, "1,235%"),
        (0.2146, 1, "21.5%"),
        (0.21, 1, "21%"),  # trailing zeros dropped
        (0.0004, 1, "less than 0.1%"),
        (0.9996, 1, "more than 99.9%"),
        (0.12345, 2, "12.35%"),
        (3, 0, "300%"),
        (np.float64(0.4), 0, "40%"),
    ],
)
def test_percent(share: float, decimals: int, expected: str) -> None:
    assert percent(share, decimals) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_percent_of_a_missing_share_is_not_available(missing: object) -> None:
    assert percent(missing) == NOT_AVAILABLE


def test_percent_refuses_a_negative_share() -> None:
    with pytest.raises(ValueError, match="negative"):
        percent(-0.01)


@pytest.mark.parametrize("bad", [True, "0.2"])
def test_percent_refuses_what_is_not_a_number(bad: object) -> None:
    with pytest.raises(TypeError):
        percent(bad)


@pytest.mark.parametrize(
    ("decimals", "error"), [(-1, ValueError), (11, ValueError), (1.0, TypeError)]
)
def test_percent_refuses_bad_decimals(decimals: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        percent(0.2, decimals)


@given(shares)
def test_percent_of_any_share_reads_as_a_percentage(share: float) -> None:
    text = percent(share)
    assert text.endswith("%")
    assert not any(word in text for word in FORBIDDEN)
    assert not text.startswith("-")
    check_sentence(f"The share was {text}.")


@given(shares, st.integers(min_value=0, max_value=3))
def test_percent_at_any_precision_never_says_nan_or_minus_zero(share: float, decimals: int) -> None:
    text = percent(share, decimals)
    assert text.endswith("%")
    check_sentence(f"The share was {text}.")


@given(st.integers(min_value=0, max_value=10_000))
def test_percent_rounds_half_up_exactly(basis_points: int) -> None:
    share = basis_points / 10_000
    whole, remainder = divmod(basis_points, 100)
    expected = whole + (1 if remainder >= 50 else 0)
    if 0 < basis_points < 50:
        assert percent(share) == "less than 1%"
    elif 9_950 <= basis_points < 10_000:
        assert percent(share) == "more than 99%"
    else:
        assert percent(share) == f"{expected}%"


# points ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("diff", "decimals", "expected"),
    [
        (4.26, 1, "4.3 percentage points"),
        (4.25, 1, "4.3 percentage points"),
        (-4.25, 1, "-4.3 percentage points"),  # half away from zero on both sides
        (1.0, 1, "1 percentage point"),
        (1.04, 1, "1 percentage point"),
        (0.96, 1, "1 percentage point"),
        (-1.0, 1, "-1 percentage point"),
        (1.06, 1, "1.1 percentage points"),
        (2.0, 1, "2 percentage points"),
        (0.0, 1, "0 percentage points"),
        (0.04, 1, "less than 0.1 percentage points"),
        (-0.04, 1, "less than 0.1 percentage points"),
        (0.4, 0, "less than 1 percentage point"),
        (12.5, 0, "13 percentage points"),
        (1234.5, 1, "1,234.5 percentage points"),
    ],
)
def test_points(diff: float, decimals: int, expected: str) -> None:
    assert points(diff, decimals) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_points_of_a_missing_gap_is_not_available(missing: object) -> None:
    assert points(missing) == NOT_AVAILABLE


@given(finite_floats)
def test_points_of_any_gap_is_a_clean_phrase(diff: float) -> None:
    text = points(diff)
    assert text.endswith(("percentage point", "percentage points"))
    assert text.endswith("point") == (text.split()[0].lstrip("-") == "1")
    check_sentence(f"The gap was {text}.")


# ratios ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (1.54, "1.54"),
        (1.5, "1.50"),  # ratios keep their decimals, as NHS England publishes them
        (1.145, "1.15"),
        (1.0, "1.00"),
        (0.0, "0.00"),
        (1234.5, "1,234.50"),
    ],
)
def test_ratio_figure(ratio: float, expected: str) -> None:
    assert ratio_figure(ratio) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_ratio_figure_of_a_missing_ratio_is_not_available(missing: object) -> None:
    assert ratio_figure(missing) == NOT_AVAILABLE


@pytest.mark.parametrize(
    ("ratio", "decimals", "expected"),
    [
        (1.54, 2, "1.54 times as likely"),
        (1.56, 2, "1.56 times as likely"),
        (1.125, 2, "1.13 times as likely"),
        (2.0, 2, "2.00 times as likely"),
        (1.0, 2, "as likely"),
        (1.004, 2, "as likely"),
        (0.995, 2, "as likely"),
        (0.8, 2, "0.80 times as likely"),
        (0.004, 2, "less than 0.01 times as likely"),
        (0.0, 2, "0.00 times as likely"),
        (1.54, 1, "1.5 times as likely"),
        (0.04, 1, "less than 0.1 times as likely"),
    ],
)
def test_times_as_likely(ratio: float, decimals: int, expected: str) -> None:
    assert times_as_likely(ratio, decimals) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_times_as_likely_of_a_missing_ratio_is_not_available(missing: object) -> None:
    assert times_as_likely(missing) == NOT_AVAILABLE


def test_times_as_likely_refuses_a_negative_ratio() -> None:
    with pytest.raises(ValueError, match="negative"):
        times_as_likely(-0.5)


APPLICANTS = {
    "subject": "White applicants",
    "comparison": "BME applicants",
    "outcome": "to be appointed from shortlisting",
}


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (
            1.54,
            "White applicants were 1.54 times as likely as BME applicants to be appointed from "
            "shortlisting",
        ),
        (
            1.0,
            "White applicants were as likely as BME applicants to be appointed from shortlisting",
        ),
        (
            1.003,
            "White applicants were as likely as BME applicants to be appointed from shortlisting",
        ),
        (
            0.8,
            "White applicants were less likely than BME applicants to be appointed from "
            "shortlisting (0.80 times as likely)",
        ),
        (
            0.001,
            "White applicants were less likely than BME applicants to be appointed from "
            "shortlisting (less than 0.01 times as likely)",
        ),
        (
            None,
            "it is not possible to say how likely White applicants were to be appointed from "
            "shortlisting compared with BME applicants",
        ),
    ],
)
def test_likelihood_phrase_each_branch(ratio: float | None, expected: str) -> None:
    assert likelihood_phrase(ratio, **APPLICANTS) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_likelihood_phrase_of_a_missing_ratio_says_so(missing: object) -> None:
    text = likelihood_phrase(missing, **APPLICANTS)
    assert text.startswith("it is not possible to say how likely White applicants were")
    check_sentence(capitalise_first(text) + ".")


def test_likelihood_phrase_without_an_outcome_and_with_a_singular_subject() -> None:
    assert (
        likelihood_phrase(
            1.14, subject="a BME member of staff", comparison="a White one", verb="was"
        )
        == "a BME member of staff was 1.14 times as likely as a White one"
    )


def test_likelihood_phrase_keeps_single_spaces_around_padded_parts() -> None:
    text = likelihood_phrase(1.2, subject=" BME staff ", comparison=" White staff ", outcome=" ")
    assert text == "BME staff were 1.20 times as likely as White staff"


def test_likelihood_phrase_refuses_an_empty_subject() -> None:
    with pytest.raises(ValueError, match="subject"):
        likelihood_phrase(1.2, subject=" ", comparison="White staff")


@given(ratios)
def test_likelihood_phrase_of_any_ratio_is_a_clean_sentence(ratio: float) -> None:
    text = likelihood_phrase(ratio, subject="BME staff", comparison="White staff", outcome="to go")
    check_sentence(capitalise_first(text) + ".")
    assert ("less likely than" in text) == (Decimal(repr(ratio)) < Decimal("0.995"))


# counts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "zero"), (1, "one"), (3, "three"), (9, "nine"), (10, "ten"), (11, "11"), (1234, "1,234")],
)
def test_number_word(n: int, expected: str) -> None:
    assert number_word(n) == expected


def test_number_word_takes_numpy_integers() -> None:
    assert number_word(np.int64(5)) == "five"


@pytest.mark.parametrize(("bad", "error"), [(-1, ValueError), (2.0, TypeError), (True, TypeError)])
def test_number_word_refuses_what_is_not_a_count(bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        number_word(bad)


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((1, "trust"), {}, "1 trust"),
        ((2, "trust"), {}, "2 trusts"),
        ((0, "trust"), {}, "0 trusts"),
        ((1234, "trust"), {}, "1,234 trusts"),
        ((1, "board member"), {}, "1 board member"),
        ((3, "board member"), {}, "3 board members"),
        ((1, "ICB"), {}, "1 ICB"),
        ((2, "ICB"), {}, "2 ICBs"),
        ((1, "person"), {}, "1 person"),
        ((2, "person"), {}, "2 people"),
        ((2, "Person"), {}, "2 People"),
        ((2, "authority"), {}, "2 authorities"),
        ((2, "day"), {}, "2 days"),
        ((2, "bus"), {}, "2 buses"),
        ((2, "branch"), {}, "2 branches"),
        ((2, "analysis"), {}, "2 analyses"),
        ((2, "member of staff"), {}, "2 members of staff"),
        ((2, "director of nursing"), {}, "2 directors of nursing"),
        ((2, "band 8a"), {}, "2 band 8as"),
        ((2, "staff member"), {}, "2 staff members"),
        ((2, "criterion"), {"plural_form": "criteria"}, "2 criteria"),
        ((1, "criterion"), {"plural_form": "criteria"}, "1 criterion"),
        ((3, "trust"), {"spell_out": True}, "three trusts"),
        ((1, "trust"), {"spell_out": True}, "one trust"),
        ((12, "trust"), {"spell_out": True}, "12 trusts"),
    ],
)
def test_plural(args: tuple[int, str], kwargs: dict[str, object], expected: str) -> None:
    assert plural(*args, **kwargs) == expected


def test_plural_refuses_an_empty_noun() -> None:
    with pytest.raises(ValueError, match="noun"):
        plural(2, " ")


@given(st.integers(min_value=0, max_value=10**9), nouns)
def test_plural_is_singular_only_for_one(n: int, noun: str) -> None:
    text = plural(n, noun)
    assert text.startswith(f"{n:,} ")
    assert (text == f"{n:,} {noun}") == (n == 1)
    check_sentence(f"There were {text}.")


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((3, 5, "trust"), {}, "three of its five trusts"),
        ((1, 5, "trust"), {}, "one of its five trusts"),
        ((0, 5, "trust"), {}, "none of its five trusts"),
        ((5, 5, "trust"), {}, "all five of its trusts"),
        ((12, 12, "trust"), {}, "all 12 of its trusts"),
        ((11, 42, "ICB"), {"possessive": "the"}, "11 of the 42 ICBs"),
        ((1, 2, "trust"), {}, "one of its two trusts"),
        ((0, 2, "trust"), {}, "neither of its two trusts"),
        ((2, 2, "trust"), {}, "both of its trusts"),
        ((1, 1, "trust"), {}, "its only trust"),
        ((0, 1, "trust"), {}, "none of its trusts"),
        ((1, 1, "trust"), {"possessive": "the"}, "the only trust"),
        ((2, 3, "person"), {"possessive": "their"}, "two of their three people"),
        ((1, 4, "board member"), {}, "one of its four board members"),
    ],
)
def test_count_of(args: tuple[int, int, str], kwargs: dict[str, str], expected: str) -> None:
    assert count_of(*args, **kwargs) == expected


@pytest.mark.parametrize(
    ("n", "total", "possessive"),
    [(6, 5, "its"), (-1, 5, "its"), (0, 0, "its"), (1, 2, " ")],
)
def test_count_of_refuses_impossible_counts(n: int, total: int, possessive: str) -> None:
    with pytest.raises(ValueError):
        count_of(n, total, "trust", possessive=possessive)


@given(
    st.integers(min_value=1, max_value=300).flatmap(
        lambda t: st.tuples(st.integers(0, t), st.just(t))
    )
)
def test_count_of_any_share_of_a_group_is_a_clean_phrase(counts: tuple[int, int]) -> None:
    n, total = counts
    text = count_of(n, total, "trust")
    check_sentence(capitalise_first(text) + " had an all-White board.")
    assert text.endswith("trust") == (total == 1 and n == 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three of its five trusts", "Three of its five trusts"),
        ("it is not possible", "It is not possible"),
        ("BME staff", "BME staff"),
        ("21% of staff", "21% of staff"),
        ("", ""),
    ],
)
def test_capitalise_first(text: str, expected: str) -> None:
    assert capitalise_first(text) == expected


# lists, changes and years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["London"], "London"),
        (["London", "Midlands"], "London and Midlands"),
        (["Asian", "Black", "Mixed"], "Asian, Black and Mixed"),
        (("a", "b", "c", "d"), "a, b, c and d"),
        ([" padded ", "b"], "padded and b"),
    ],
)
def test_list_phrase(items: list[str], expected: str) -> None:
    assert list_phrase(items) == expected


@pytest.mark.parametrize(
    ("items", "error"), [([], ValueError), (["a", ""], ValueError), ("ab", TypeError)]
)
def test_list_phrase_refuses_bad_items(items: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        list_phrase(items)


@given(st.lists(st.text(alphabet="ABCdefXYZ", min_size=1, max_size=8), min_size=1, max_size=8))
def test_list_phrase_round_trips(items: list[str]) -> None:
    text = list_phrase(items)
    assert text.replace(" and ", ", ").split(", ") == items
    assert text.count(" and ") == (1 if len(items) > 1 else 0)
    assert ", and " not in text


@pytest.mark.parametrize(
    ("before", "after", "kind", "kwargs", "expected"),
    [
        (0.19, 0.214, "percent", {}, "up from 19% last year"),
        (0.23, 0.214, "percent", {}, "down from 23% last year"),
        (0.211, 0.214, "percent", {}, "unchanged from last year"),
        (0.19, 0.214, "percent", {"previous": 2024}, "up from 19% in 2024"),
        (0.214, 0.214, "percent", {"previous": 2024}, "unchanged from 2024"),
        (0.211, 0.214, "percent", {"decimals": 1}, "up from 21.1% last year"),
        (0.0, 0.003, "percent", {}, "up from 0% last year"),
        (0.003, 0.0, "percent", {}, "down from less than 1% last year"),
        (0.003, 0.004, "percent", {}, "unchanged from last year"),
        (1.62, 1.54, "ratio", {}, "down from 1.62 last year"),
        (1.5, 1.54, "ratio", {"previous": "the year before"}, "up from 1.50 the year before"),
        (1.541, 1.544, "ratio", {}, "unchanged from last year"),
        (4.3, 5.1, "points", {}, "up from 4.3 percentage points last year"),
        (1.0, 0.5, "points", {"previous": 2020}, "down from 1 percentage point in 2020"),
    ],
)
def test_change_phrase(
    before: float, after: float, kind: str, kwargs: dict[str, object], expected: str
) -> None:
    assert change_phrase(before, after, kind, **kwargs) == expected


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_change_phrase_with_a_missing_figure_says_so(missing: object) -> None:
    assert change_phrase(missing, 0.2) == "no comparison with last year is available"
    assert change_phrase(0.2, missing, previous=2024) == "no comparison with 2024 is available"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kind": "odds"}, ValueError),
        ({"previous": ""}, ValueError),
        ({"previous": True}, TypeError),
        ({"decimals": -1}, ValueError),
    ],
)
def test_change_phrase_refuses_bad_arguments(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        change_phrase(0.1, 0.2, **kwargs)


@given(shares, shares)
def test_change_phrase_direction_agrees_with_the_figures(before: float, after: float) -> None:
    text = change_phrase(before, after)
    check_sentence(f"The share was {percent(after)}, {text}.")
    if percent(before) == percent(after):
        assert text == "unchanged from last year"
    else:
        assert text.startswith("up" if after > before else "down")


@pytest.mark.parametrize(
    ("first", "last", "expected"), [(2016, 2025, "2016 to 2025"), (2025, 2025, "2025")]
)
def test_ordinal_year_span(first: int, last: int, expected: str) -> None:
    assert ordinal_year_span(first, last) == expected


def test_ordinal_year_span_refuses_a_backward_span() -> None:
    with pytest.raises(ValueError, match="after"):
        ordinal_year_span(2025, 2016)


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "a year"), (2, "two years"), (10, "ten years"), (12, "12 years")]
)
def test_year_phrase(n: int, expected: str) -> None:
    assert year_phrase(n) == expected


@pytest.mark.parametrize("bad", [0, -1])
def test_year_phrase_refuses_no_time(bad: int) -> None:
    with pytest.raises(ValueError):
        year_phrase(bad)


# check_sentence --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "None of its five trusts had an all-White executive team.",
        "Of the five trusts: none had a BME chair. None had a BME chief executive.",
        '"None," said the report.',
        "1 trust had an all-White board.",
        "1 was in London.",
        "1 has since appointed a BME director.",
        "1 bus, 1 class and 1 analysis.",
        "21 trusts and 31 systems had all-White boards.",
        "The gap was 0.1 percentage points, down from 1.1 percentage points.",
        "It rose by 1.5 points and 1,001 trusts took part.",
        "The share was 0% in 2016-05 and -0.5 points later.",
        "White applicants were 1.54 times as likely (see note).",
        "Information about infection control.",
        "The national figure stayed at 1.00.",
    ],
)
def test_check_sentence_accepts_good_lines(text: str) -> None:
    assert check_sentence(text) == text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("The ratio was nan.", "nan"),
        ("The ratio was NaN.", "NaN"),
        ("The ratio was inf.", "inf"),
        ("The ratio was -inf.", "inf"),
        ("The ratio was Infinity.", "Infinity"),
        ("The date was NaT.", "NaT"),
        ("The count was <NA>.", "<NA>"),
        ("The ratio was None.", "'None' in the middle"),
        ("1 trusts had an all-White board.", "1 trusts"),
        ("Only 1 ICBs reported.", "1 ICBs"),
        ("The gap was 1 percentage points.", "1 percentage points"),
        ("It had 1 board members.", "1 board members"),
        ("The gap was -1 percentage points.", "1 percentage points"),
        ("The share was -0%.", "negative zero"),
        ("The gap was -0.0 points.", "negative zero"),
        ("The share was  21%.", "double space"),
        ("The share was 21 %.", "space before punctuation"),
        ("The share rose , then fell.", "space before punctuation"),
        ("It rose .", "space before punctuation"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_check_sentence_refuses_bad_lines(text: str, problem: str) -> None:
    with pytest.raises(SentenceError) as caught:
        check_sentence(text)
    assert any(problem in found for found in caught.value.problems), caught.value.problems


def test_check_sentence_lists_every_problem_and_is_a_named_value_error() -> None:
    with pytest.raises(ValueError) as caught:
        check_sentence("1 trusts had nan  staff .")
    error = caught.value
    assert isinstance(error, SentenceError)
    assert isinstance(error, WresError)
    assert len(error.problems) == 4
    assert error.text == "1 trusts had nan  staff ."


def test_no_single_figure_function_ever_prints_a_leaked_value() -> None:
    for missing in MISSING:
        for function in (percent, points, ratio_figure, times_as_likely):
            text = function(missing)
            assert text == NOT_AVAILABLE
            assert not any(word in text.split() for word in FORBIDDEN)


def test_rounding_is_half_away_from_zero_not_bankers() -> None:
    assert round(0.125 * 100) == 12  # Python's own rounding, which the house style avoids
    assert percent(0.125) == "13%"
    assert points(-0.25, 0) == "less than 1 percentage point"
    assert points(-0.5, 0) == "-1 percentage point"
    assert points(2.5, 0) == "3 percentage points"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Northwick Vale", "Northwick Vale's"), ("Ashmere Hospitals", "Ashmere Hospitals'")],
)
def test_possessive(name: str, expected: str) -> None:
    assert narrative.possessive(name) == expected


def test_possessive_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="name must not be empty"):
        narrative.possessive("")
