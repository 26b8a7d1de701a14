"""The progression ladder in words a board member understands: where BME staff fall away most,
and the entry and top of the same pipeline, each in the same sentence shape."""

from __future__ import annotations

from wres_lib.present.narrative.checking import check_sentence
from wres_lib.present.narrative.figures import NOT_AVAILABLE, ratio_figure, times_as_likely

NO_STEP_STANDS_OUT = (
    "No single step stands out: no step between pay-band rungs has an interval above 1 with "
    "at least {min_events} White and {min_events} BME staff on each of its two rungs."
)


def rung_words(rung: str) -> str:
    """A rung label for readers: "Bands 8a-8b" becomes "Bands 8a–8b" (an en dash)."""
    return rung.replace("-", "–")


def _short(rung: str) -> str:
    """The rung without its "Band"/"Bands" word: "8a–8b", for "at Band 7 or 8a–8b"."""
    for word in ("Bands ", "Band "):
        if rung.startswith(word):
            return rung_words(rung[len(word) :])
    return rung_words(rung)


def _interval_words(ci_low: float | None, ci_high: float | None) -> str:
    """ " (95% interval 1.40–2.60)", or "" when there is no interval."""
    low, high = ratio_figure(ci_low), ratio_figure(ci_high)
    if NOT_AVAILABLE in (low, high):
        return ""
    return f" (95% interval {low}–{high})"


def _step_clause(
    lower: str, upper: str, ratio: float, ci_low: float | None, ci_high: float | None
) -> str:
    """ "a White member of staff at Band 7 or 8a–8b is 1.90 times as likely as a BME colleague
    to be at the higher rung (95% interval 1.40–2.60)"."""
    where = f"at {rung_words(lower)} or {_short(upper)}"
    return (
        f"a White member of staff {where} is {times_as_likely(ratio)} as a BME colleague to be "
        f"at the higher rung{_interval_words(ci_low, ci_high)}"
    )


def bottleneck_sentence(
    lower: str, upper: str, ratio: float, ci_low: float | None, ci_high: float | None
) -> str:
    """The located bottleneck, checked.

    >>> text = bottleneck_sentence("Band 7", "Bands 8a-8b", 1.9, 1.4, 2.6)
    >>> text.split(": ")[0]
    'BME staff fall away most between Band 7 and Bands 8a–8b'
    >>> text.split(": ")[1][:59]
    'a White member of staff at Band 7 or 8a–8b is 1.90 times as'
    """
    clause = _step_clause(lower, upper, ratio, ci_low, ci_high)
    return check_sentence(
        f"BME staff fall away most between {rung_words(lower)} and {rung_words(upper)}: {clause}."
    )


def no_bottleneck_sentence(min_events: int) -> str:
    """The sentence when no step is eligible to be the bottleneck."""
    return check_sentence(NO_STEP_STANDS_OUT.format(min_events=min_events))


def entry_sentence(
    ratio: float | None = None, ci_low: float | None = None, ci_high: float | None = None
) -> str:
    """Recruitment (indicator 2) as the entry to the pipeline, in the ladder's words."""
    if ratio is None:
        return "At the entry, there are too few appointments to compare White and BME applicants."
    return check_sentence(
        f"At the entry, a White applicant on a shortlist is {times_as_likely(ratio)} as a BME "
        f"applicant to be appointed{_interval_words(ci_low, ci_high)}."
    )


def top_sentence(
    lower: str,
    ratio: float | None = None,
    ci_low: float | None = None,
    ci_high: float | None = None,
    *,
    no_bme: bool = False,
) -> str:
    """The step from the top rung to the executive team, in the ladder's words; ``no_bme``:
    the executive team has no BME member (so there is no ratio to give)."""
    if no_bme:
        return check_sentence(
            "At the top, the executive team has no BME member, so the step from "
            f"{rung_words(lower)} to the executive team cannot be given as a ratio."
        )
    if ratio is None:
        return check_sentence(
            f"At the top, there are too few staff at {rung_words(lower)} or on the executive "
            "team to compare White and BME staff."
        )
    return check_sentence(
        f"At the top, a White member of staff at {rung_words(lower)} or on the executive team "
        f"is {times_as_likely(ratio)} as a BME colleague to be on the executive team"
        f"{_interval_words(ci_low, ci_high)}."
    )
