"""Clauses built from figures: how likely one group was compared with another, and how a
figure moved since an earlier year."""

from __future__ import annotations

from typing import Literal

from wres_lib.present.narrative.figures import (
    PERCENT_DECIMALS,
    POINTS_DECIMALS,
    RATIO_DECIMALS,
    _check_decimals,
    _checked_ratio,
    _finite,
    _rounded,
    percent,
    points,
    ratio_figure,
    times_as_likely,
)
from wres_lib.present.narrative.words import _as_count, plural

LAST_YEAR = "last year"
ChangeKind = Literal["percent", "points", "ratio"]


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


# How each relative likelihood names one person, their colleagues and the event, for the
# sentence said when a group had no event at all (never "0.00 times as likely").
_ZERO_EVENT_WORDS = {
    "2": ("shortlisted applicant", "applicant", "was appointed from shortlisting"),
    "3": ("member of staff", "colleague", "entered the formal disciplinary process"),
    "4": ("member of staff", "colleague", "accessed non-mandatory training or CPD"),
}


def no_events_sentence(indicator: str, group: str, other: str, other_events: int) -> str:
    """A relative likelihood whose ``group`` had no event, said in words.

    >>> no_events_sentence("3", "BME", "White", 12)
    'No BME member of staff entered the formal disciplinary process, against 12 White colleagues'
    >>> no_events_sentence("2", "White", "BME", 1)
    'No White shortlisted applicant was appointed from shortlisting, against 1 BME applicant'
    """
    if indicator not in _ZERO_EVENT_WORDS:
        raise ValueError(f"indicator must be one of {', '.join(_ZERO_EVENT_WORDS)}")
    person, colleague, event = _ZERO_EVENT_WORDS[indicator]
    count = _as_count(other_events, "other_events")
    if count == 0:
        return f"No {group} or {other} {person} {event}"
    return f"No {group} {person} {event}, against {plural(count, f'{other} {colleague}')}"


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
