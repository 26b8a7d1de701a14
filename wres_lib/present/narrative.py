"""Figures into correct English: "21%", "1.54 times as likely", "three of its five trusts".

Every function is pure, deterministic and independent of the locale. The house rules:

- **Missing figures.** A function that formats one figure returns :data:`NOT_AVAILABLE` for
  ``None``, ``pandas.NA``, NaN and infinity, so a reader never sees "nan", "None" or "inf".
- **Rounding.** Half away from zero, applied to the decimal number as Python writes the float
  (``0.125`` is 12.5% and rounds to 13%; ``0.145`` rounds to 15%, although the binary float is
  a hair under it). Nothing is ever written as "-0".
- **Decimals.** Percentages and percentage points drop trailing zeros ("21%", not "21.0%");
  relative likelihoods keep the fixed number of decimals NHS England publishes ("1.50").
- **Edges.** A positive figure that would round to zero is "less than 1%"; a share below one
  that would round to 100% is "more than 99%".
- **Likelihoods below 1.** The sentence keeps its subject and says "less likely than", with the
  ratio in brackets: "White applicants were less likely than BME applicants to be appointed
  from shortlisting (0.80 times as likely)".
- **Numbers in words.** Zero to ten are spelt out; 11 and above are digits with thousands
  separators (:func:`number_word`).

Briefings pass every generated line through :func:`check_sentence`.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

import pandas as pd

from wres_lib.errors import WresError

NOT_AVAILABLE = "not available"
"""What a single figure reads as when it is missing or undefined."""

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
PERCENT_DECIMALS = 0
POINTS_DECIMALS = 1
RATIO_DECIMALS = 2
MAX_DECIMALS = 10
LAST_YEAR = "last year"

IRREGULAR_PLURALS = {
    "analysis": "analyses",
    "child": "children",
    "man": "men",
    "person": "people",
    "woman": "women",
}
"""Plurals that the spelling rules in :func:`plural` would get wrong (last word of a noun)."""

# Enough digits to round any finite float to MAX_DECIMALS places without losing a digit.
_DECIMAL_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)

ChangeKind = Literal["percent", "points", "ratio"]


class SentenceError(WresError, ValueError):
    """A generated sentence breaks a house rule; ``problems`` lists every rule it breaks."""

    def __init__(self, text: str, problems: list[str]):
        self.text = text
        self.problems = list(problems)
        super().__init__(f"{text!r}: {'; '.join(self.problems)}")


def _finite(value: float | None) -> float | None:
    """``value`` as a finite float, or None when it is missing, NaN or infinite."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | str):
        raise TypeError(f"expected a number, got {value!r}")
    number = float(value)
    return number if math.isfinite(number) else None


def _check_decimals(decimals: int) -> None:
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise TypeError(f"decimals must be an integer, got {decimals!r}")
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ValueError(f"decimals must be from 0 to {MAX_DECIMALS}, got {decimals}")


def _as_count(n: int, name: str) -> int:
    """``n`` as a non-negative int; floats and booleans are refused."""
    if isinstance(n, bool):
        raise TypeError(f"{name} must be an integer, got {n!r}")
    count = operator.index(n)
    if count < 0:
        raise ValueError(f"{name} must not be negative, got {count}")
    return count


def _rounded(value: float, decimals: int, scale: int = 0) -> Decimal:
    """``value * 10**scale`` rounded half away from zero, with no negative zero."""
    exact = Decimal(repr(value)).scaleb(scale, _DECIMAL_CONTEXT)
    result = exact.quantize(Decimal(1).scaleb(-decimals), context=_DECIMAL_CONTEXT)
    return abs(result) if result.is_zero() else result


def _digits(number: Decimal, *, trim: bool) -> str:
    """``number`` with thousands separators, optionally without trailing decimal zeros."""
    text = f"{number:,f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _step(decimals: int) -> Decimal:
    """The smallest step at ``decimals`` places: 1, 0.1, 0.01, ..."""
    return Decimal(1).scaleb(-decimals)


def percent(share: float | None, decimals: int = PERCENT_DECIMALS) -> str:
    """A 0-1 share as a percentage.

    Args:
        share: the share, 0.214 for 21.4%; above 1 is allowed (112% of a target).
        decimals: decimal places; trailing zeros are dropped.

    Returns:
        "21%"; "less than 1%" for a positive share that rounds to 0; "more than 99%" for a share
        below 1 that rounds to 100%; :data:`NOT_AVAILABLE` when missing.

    Raises:
        ValueError: ``share`` is negative.

    >>> percent(0.214), percent(0.125), percent(0.2146, 1), percent(0.003), percent(None)
    ('21%', '13%', '21.5%', 'less than 1%', 'not available')
    """
    value = _finite(share)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    if value < 0:
        raise ValueError(f"a share must not be negative, got {share!r}")
    rounded = _rounded(value, decimals, scale=2)
    step = _step(decimals)
    if rounded.is_zero() and value > 0:
        return f"less than {_digits(step, trim=True)}%"
    if rounded == 100 and value < 1:
        return f"more than {_digits(100 - step, trim=True)}%"
    return f"{_digits(rounded, trim=True)}%"


def points(diff: float | None, decimals: int = POINTS_DECIMALS) -> str:
    """A difference between two percentages, in percentage points, keeping its sign.

    "point" is singular only when the rounded figure is exactly 1 or -1. A difference other
    than zero that rounds to zero is "less than 0.1 percentage points", without a sign.

    >>> points(4.26), points(1.0), points(-2.04)
    ('4.3 percentage points', '1 percentage point', '-2 percentage points')
    >>> points(0.03), points(float("nan"))
    ('less than 0.1 percentage points', 'not available')
    """
    value = _finite(diff)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    rounded = _rounded(value, decimals)
    if rounded.is_zero() and value != 0:
        step = _step(decimals)
        return f"less than {_digits(step, trim=True)} {_points_noun(step)}"
    return f"{_digits(rounded, trim=True)} {_points_noun(rounded)}"


def _points_noun(rounded: Decimal) -> str:
    return "percentage point" if abs(rounded) == 1 else "percentage points"


def ratio_figure(ratio: float | None, decimals: int = RATIO_DECIMALS) -> str:
    """A relative likelihood or other ratio as a bare figure with fixed decimals.

    >>> ratio_figure(1.5), ratio_figure(1.145), ratio_figure(None)
    ('1.50', '1.15', 'not available')
    """
    value = _finite(ratio)
    if value is None:
        return NOT_AVAILABLE
    _check_decimals(decimals)
    return _digits(_rounded(value, decimals), trim=False)


def _checked_ratio(ratio: float | None, decimals: int) -> tuple[float, Decimal] | None:
    """The finite ratio and its rounded value, or None when missing; negatives are refused."""
    value = _finite(ratio)
    if value is None:
        return None
    _check_decimals(decimals)
    if value < 0:
        raise ValueError(f"a ratio must not be negative, got {ratio!r}")
    return value, _rounded(value, decimals)


def times_as_likely(ratio: float | None, decimals: int = RATIO_DECIMALS) -> str:
    """A relative likelihood as "1.54 times as likely".

    The result always fits "<subject> were <result> as <comparison>": a ratio that rounds to
    1 gives "as likely", and a positive ratio that rounds to 0 gives "less than 0.01 times as
    likely".

    Raises:
        ValueError: ``ratio`` is negative.

    >>> times_as_likely(1.54), times_as_likely(0.8), times_as_likely(1.004)
    ('1.54 times as likely', '0.80 times as likely', 'as likely')
    >>> times_as_likely(float("inf"))
    'not available'
    """
    checked = _checked_ratio(ratio, decimals)
    if checked is None:
        return NOT_AVAILABLE
    value, rounded = checked
    if rounded == 1:
        return "as likely"
    if rounded.is_zero() and value > 0:
        return f"less than {_digits(_step(decimals), trim=False)} times as likely"
    return f"{_digits(rounded, trim=False)} times as likely"


def _clause(*parts: str) -> str:
    """The non-empty parts joined by single spaces."""
    return " ".join(part.strip() for part in parts if part.strip())


def likelihood_phrase(
    ratio: float | None,
    *,
    subject: str,
    comparison: str,
    outcome: str = "",
    verb: str = "were",
    decimals: int = RATIO_DECIMALS,
) -> str:
    """A relative likelihood as a clause, subject first, neither capitalised nor stopped.

    Above 1 (after rounding): "<subject> were 1.54 times as likely as <comparison> <outcome>".
    Exactly 1: "<subject> were as likely as <comparison> <outcome>". Below 1: "<subject> were
    less likely than <comparison> <outcome> (0.80 times as likely)". Missing: "it is not
    possible to say how likely <subject> were <outcome> compared with <comparison>".

    Args:
        ratio: the likelihood of ``subject`` divided by that of ``comparison``.
        subject: who the ratio is about, e.g. "White applicants".
        comparison: whom they are compared with, e.g. "BME applicants".
        outcome: what they are likely to do, e.g. "to be appointed from shortlisting".
        verb: "were" for a plural subject, "was" for a singular one.
        decimals: decimal places of the ratio.

    >>> print(likelihood_phrase(1.54, subject="White applicants", comparison="BME applicants",
    ...                         outcome="to be appointed from shortlisting"))
    White applicants were 1.54 times as likely as BME applicants to be appointed from shortlisting
    >>> print(likelihood_phrase(0.8, subject="BME staff", comparison="White staff",
    ...                         outcome="to be disciplined"))
    BME staff were less likely than White staff to be disciplined (0.80 times as likely)
    """
    if not subject.strip() or not comparison.strip():
        raise ValueError("subject and comparison must not be empty")
    checked = _checked_ratio(ratio, decimals)
    if checked is None:
        clause = _clause("it is not possible to say how likely", subject, verb, outcome)
        return f"{clause} compared with {comparison.strip()}"
    value, rounded = checked
    if rounded < 1:
        clause = _clause(subject, verb, "less likely than", comparison, outcome)
        return f"{clause} ({times_as_likely(value, decimals)})"
    return _clause(subject, verb, times_as_likely(value, decimals), "as", comparison, outcome)


def number_word(n: int) -> str:
    """A count in house style: zero to ten in words, 11 and above as digits with commas.

    >>> number_word(3), number_word(10), number_word(11), number_word(1234)
    ('three', 'ten', '11', '1,234')
    """
    count = _as_count(n, "n")
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else f"{count:,}"


def _plural_word(word: str) -> str:
    """The plural of one word by English spelling rules and :data:`IRREGULAR_PLURALS`."""
    irregular = IRREGULAR_PLURALS.get(word.lower())
    if irregular is not None:
        return word[0] + irregular[1:]
    if word.isupper() or word[-1].isdigit():
        return word + "s"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2].lower() not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _plural_noun(noun: str) -> str:
    """The plural of a noun phrase: its head word changes ("members of staff", "ICBs")."""
    head, of, rest = noun.partition(" of ")
    before, _, last = head.rpartition(" ")
    plural_head = f"{before} {_plural_word(last)}" if before else _plural_word(last)
    return f"{plural_head}{of}{rest}"


def _noun_form(count: int, noun: str, plural_form: str | None) -> str:
    noun = noun.strip()
    if not noun:
        raise ValueError("noun must not be empty")
    if count == 1:
        return noun
    return plural_form if plural_form is not None else _plural_noun(noun)


def plural(n: int, noun: str, plural_form: str | None = None, *, spell_out: bool = False) -> str:
    """A count and its noun, singular only when the count is 1.

    Args:
        n: the count, an integer of zero or more.
        noun: the singular noun, e.g. "trust", "board member", "ICB".
        plural_form: the plural when the spelling rules get it wrong.
        spell_out: write the count with :func:`number_word` ("three trusts").

    >>> plural(1, "trust"), plural(0, "trust"), plural(2, "ICB"), plural(2, "person")
    ('1 trust', '0 trusts', '2 ICBs', '2 people')
    >>> plural(3, "authority", spell_out=True), plural(2, "member of staff")
    ('three authorities', '2 members of staff')
    """
    count = _as_count(n, "n")
    figure = number_word(count) if spell_out else f"{count:,}"
    return f"{figure} {_noun_form(count, noun, plural_form)}"


def count_of(
    n: int, total: int, noun: str, possessive: str = "its", plural_form: str | None = None
) -> str:
    """How many of a group, in words: "three of its five trusts".

    The special cases: "none of its five trusts", "all five of its trusts", "both of its
    trusts", "neither of its two trusts", and for a group of one "its only trust" or "none of
    its trusts".

    Args:
        n: how many of the group.
        total: the size of the group, at least 1.
        noun: the singular noun.
        possessive: "its", "their", "the", ...
        plural_form: the plural when the spelling rules get it wrong.

    Raises:
        ValueError: ``total`` is under 1 or ``n`` is outside 0 to ``total``.

    >>> count_of(3, 5, "trust"), count_of(1, 5, "trust"), count_of(5, 5, "trust")
    ('three of its five trusts', 'one of its five trusts', 'all five of its trusts')
    >>> count_of(0, 2, "ICB", possessive="the"), count_of(1, 1, "trust")
    ('neither of the two ICBs', 'its only trust')
    """
    count = _as_count(n, "n")
    size = _as_count(total, "total")
    if size < 1:
        raise ValueError("total must be at least 1")
    if count > size:
        raise ValueError(f"n ({count}) must not exceed total ({size})")
    owner = possessive.strip()
    if not owner:
        raise ValueError("possessive must not be empty")
    one, many = _noun_form(1, noun, plural_form), _noun_form(2, noun, plural_form)
    if size == 1:
        return f"{owner} only {one}" if count == 1 else f"none of {owner} {many}"
    if count == size and size == 2:
        return f"both of {owner} {many}"
    if count == size:
        return f"all {number_word(size)} of {owner} {many}"
    group = f"{owner} {number_word(size)} {many}"
    if count == 0:
        return f"{'neither' if size == 2 else 'none'} of {group}"
    return f"{number_word(count)} of {group}"


def capitalise_first(text: str) -> str:
    """``text`` with its first character in upper case and the rest unchanged.

    >>> capitalise_first("three of its five trusts"), capitalise_first("")
    ('Three of its five trusts', '')
    """
    return text[:1].upper() + text[1:]


def list_phrase(items: Sequence[str]) -> str:
    """Items joined in British style, without the Oxford comma: "A, B and C".

    Raises:
        ValueError: there are no items, or an item is empty.

    >>> list_phrase(["London"]), list_phrase(["Asian", "Black", "Mixed"])
    ('London', 'Asian, Black and Mixed')
    """
    if isinstance(items, str):
        raise TypeError("items must be a sequence of strings, not one string")
    words = [item.strip() for item in items]
    if not words:
        raise ValueError("items must not be empty")
    if not all(words):
        raise ValueError(f"items must not be empty strings, got {list(items)!r}")
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _previous_phrases(previous: str | int) -> tuple[str, str]:
    """How to name the earlier time after "up from 19%" and after "unchanged from"."""
    if isinstance(previous, str):
        phrase = previous.strip()
        if not phrase:
            raise ValueError("previous must not be empty")
        return phrase, phrase
    year = _as_count(previous, "previous")
    return f"in {year}", str(year)


_CHANGE_FORMATS = {
    "percent": (percent, PERCENT_DECIMALS, 2),
    "points": (points, POINTS_DECIMALS, 0),
    "ratio": (ratio_figure, RATIO_DECIMALS, 0),
}


def change_phrase(
    before: float | None,
    after: float | None,
    kind: ChangeKind = "percent",
    *,
    previous: str | int = LAST_YEAR,
    decimals: int | None = None,
) -> str:
    """How a figure moved since an earlier time, judged on the figures as a reader sees them.

    The figure is "unchanged" when both years read the same once formatted.

    Args:
        before: the earlier figure (a 0-1 share for ``kind="percent"``).
        after: the current figure, which the sentence states elsewhere.
        kind: "percent" for shares, "points" for gaps in percentage points, "ratio" for
            relative likelihoods.
        previous: the earlier time as a phrase ("last year") or a year (2024).
        decimals: decimal places; the default for each kind is that of :func:`percent`,
            :func:`points` and :func:`ratio_figure`.

    Returns:
        "up from 19% last year", "down from 1.62 in 2024", "unchanged from last year", or
        "no comparison with last year is available" when either figure is missing.

    >>> change_phrase(0.19, 0.214), change_phrase(1.62, 1.54, "ratio", previous=2024)
    ('up from 19% last year', 'down from 1.62 in 2024')
    >>> change_phrase(0.211, 0.214), change_phrase(None, 0.214)
    ('unchanged from last year', 'no comparison with last year is available')
    """
    if kind not in _CHANGE_FORMATS:
        raise ValueError(f"kind must be one of {sorted(_CHANGE_FORMATS)}, got {kind!r}")
    formatter, default_decimals, scale = _CHANGE_FORMATS[kind]
    places = default_decimals if decimals is None else decimals
    _check_decimals(places)
    when, since = _previous_phrases(previous)
    old, new = _finite(before), _finite(after)
    if old is None or new is None:
        return f"no comparison with {since} is available"
    old_text = formatter(old, places)
    if old_text == formatter(new, places):
        return f"unchanged from {since}"
    # Figures that read differently but round alike ("0%", "less than 1%") go by their values.
    rising = (_rounded(new, places, scale), new) > (_rounded(old, places, scale), old)
    return f"{'up' if rising else 'down'} from {old_text} {when}"


def ordinal_year_span(first: int, last: int) -> str:
    """A span of years: "2016 to 2025", or one year alone.

    >>> ordinal_year_span(2016, 2025), ordinal_year_span(2025, 2025)
    ('2016 to 2025', '2025')
    """
    start, end = _as_count(first, "first"), _as_count(last, "last")
    if start > end:
        raise ValueError(f"first ({start}) must not be after last ({end})")
    return str(start) if start == end else f"{start} to {end}"


def year_phrase(n_years: int) -> str:
    """A length of time in whole years: "a year", "two years", "12 years".

    >>> year_phrase(1), year_phrase(2), year_phrase(12)
    ('a year', 'two years', '12 years')
    """
    count = _as_count(n_years, "n_years")
    if count < 1:
        raise ValueError("n_years must be at least 1")
    return "a year" if count == 1 else plural(count, "year", spell_out=True)


_LEAKED_VALUES = re.compile(r"\b(?:nan|inf|infinity)\b", re.IGNORECASE)
_LEAKED_PANDAS_VALUES = re.compile(r"\bNaT\b|<NA>")
_NONE = re.compile(r"\bNone\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?(\n\"'\u2018\u201c]\s*)$")
_ONE_PLURAL = re.compile(r"(?<![\d.,])1 ([A-Za-z]+s)\b")
_ONE_PLURAL_COMPOUND = re.compile(
    r"(?<![\d.,])1 (?:board|executive|percentage|staff|team) [a-z]+s\b", re.IGNORECASE
)
SINGULAR_WORDS_ENDING_IN_S = frozenset({"does", "gas", "has", "means", "news", "series", "was"})
"""Words after "1" that end in s but are not plural nouns (besides -ss, -us and -is words)."""
_NEGATIVE_ZERO = re.compile(r"(?<!\w)-0(?:\.0+)?(?![.\d])")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[,.;:!?)%]")


def _is_plural_after_one(word: str) -> bool:
    return word not in SINGULAR_WORDS_ENDING_IN_S and not word.endswith(("ss", "us", "is"))


def check_sentence(text: str) -> str:
    """Refuse a generated line that breaks a house rule; return it unchanged otherwise.

    The rules: no leaked "nan", "inf", "NaT", "<NA>" or "None" (a capitalised "None" is
    allowed only where a sentence starts); no "1 trusts"; no "-0"; no double spaces; no space
    before punctuation; not empty.

    Raises:
        SentenceError: (a ValueError) listing every rule the line breaks.

    >>> check_sentence("None of its five trusts had an all-White board.")
    'None of its five trusts had an all-White board.'
    >>> check_sentence("1 trusts reported nan")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wres_lib.present.narrative.SentenceError: '1 trusts reported nan': a missing or infinite ...
    """
    problems = []
    if not text.strip():
        problems.append("the line is empty")
    problems += [
        f"a missing or infinite value leaked: {match.group()!r}"
        for pattern in (_LEAKED_VALUES, _LEAKED_PANDAS_VALUES)
        for match in pattern.finditer(text)
    ]
    problems += [
        "'None' in the middle of a sentence"
        for match in _NONE.finditer(text)
        if not _SENTENCE_START.search(text[: match.start()])
    ]
    problems += [
        f"a singular count with a plural noun: {match.group()!r}"
        for match in _ONE_PLURAL.finditer(text)
        if _is_plural_after_one(match.group(1).lower())
    ]
    problems += [
        f"a singular count with a plural noun: {match.group()!r}"
        for match in _ONE_PLURAL_COMPOUND.finditer(text)
    ]
    if _NEGATIVE_ZERO.search(text):
        problems.append("a negative zero")
    if "  " in text:
        problems.append("a double space")
    problems += [
        f"a space before punctuation: {match.group()!r}"
        for match in _SPACE_BEFORE_PUNCTUATION.finditer(text)
    ]
    if problems:
        raise SentenceError(text, problems)
    return text


def possessive(name: str) -> str:
    """The possessive of a name: "Northwick Vale's", but "Ashmere Hospitals'".

    >>> possessive("Northwick Vale"), possessive("Ashmere Hospitals")
    ("Northwick Vale's", "Ashmere Hospitals'")
    """
    if not name:
        raise ValueError("name must not be empty")
    return f"{name}'" if name.endswith("s") else f"{name}'s"
