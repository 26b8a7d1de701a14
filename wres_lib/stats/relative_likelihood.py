"""Relative likelihoods (WRES indicators 2-4) with Katz log intervals, in plain words.

The relative likelihood of an event in group a against group b is
``(events_a / total_a) / (events_b / total_b)``. Where a count is zero the figure or its
interval is undefined: the result says so in words instead of returning inf or NaN, unless the
caller asks for the Haldane correction, which adds 0.5 to every cell of a table with a zero event
count (and says so in ``method``). Tables without a zero count are never corrected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from wres_lib.stats.intervals import check_conf, katz_interval

KATZ_METHOD = "Katz log interval"
HALDANE_METHOD = "Katz log interval, Haldane correction (0.5 added to every cell)"
ZERO_CORRECTIONS = (None, "haldane")

# Why a relative likelihood or its interval is undefined, in order of precedence.
OK, NO_TOTALS, NO_TOTAL_A, NO_TOTAL_B, NO_EVENTS, NO_EVENTS_B, NO_EVENTS_A = range(7)
_CANNOT = "so the relative likelihood cannot be calculated"
_TEMPLATES = {
    OK: "",
    NO_TOTALS: "there were no {a} or {b} {who}, " + _CANNOT,
    NO_TOTAL_A: "there were no {a} {who}, " + _CANNOT,
    NO_TOTAL_B: "there were no {b} {who}, " + _CANNOT,
    NO_EVENTS: "no {a} or {b} {who} {outcome}, " + _CANNOT,
    NO_EVENTS_B: "no {b} {who} {outcome}, " + _CANNOT,
    NO_EVENTS_A: "no {a} {who} {outcome}, so the relative likelihood is 0 and has no interval",
}
_HALDANE_SUFFIX = "; 0.5 was added to every cell (Haldane correction)"
_HALDANE_BASES = {
    NO_EVENTS: "no {a} or {b} {who} {outcome}",
    NO_EVENTS_B: "no {b} {who} {outcome}",
    NO_EVENTS_A: "no {a} {who} {outcome}",
}


@dataclass(frozen=True)
class Wording:
    """How notes name the two groups, the people counted and the event.

    Notes read "no {group_b} {who} {outcome}", e.g. "no BME shortlisted applicants were
    appointed".
    """

    group_a: str = "group a"
    group_b: str = "group b"
    who: str = "people"
    outcome: str = "had the event"

    def note(self, reason: int, corrected: bool = False) -> str:
        """The plain-words note for a reason code (see the constants of this module)."""
        template = _HALDANE_BASES[reason] + _HALDANE_SUFFIX if corrected else _TEMPLATES[reason]
        text = template.format(a=self.group_a, b=self.group_b, who=self.who, outcome=self.outcome)
        return " ".join(text.split())


@dataclass(frozen=True)
class RelativeLikelihood:
    """A relative likelihood, its interval, how it was computed and, if undefined, why."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    method: str
    note: str
    conf: float = 0.95


def relative_likelihood(
    events_a: int,
    total_a: int,
    events_b: int,
    total_b: int,
    conf: float = 0.95,
    zero_correction: str | None = None,
    *,
    wording: Wording | None = None,
) -> RelativeLikelihood:
    """The likelihood of an event in group a relative to group b, with a Katz log interval.

    Args:
        events_a: people in group a with the event (e.g. White applicants appointed).
        total_a: people in group a (e.g. White applicants shortlisted).
        events_b: people in group b with the event.
        total_b: people in group b.
        conf: confidence level of the interval.
        zero_correction: ``None``, or ``"haldane"`` to add 0.5 to every cell of a table with a
            zero event count.
        wording: how the note names the groups; see :class:`Wording`.

    Returns:
        A :class:`RelativeLikelihood`; ``value`` and ``ci_*`` are ``None`` where undefined and
        ``note`` says why in plain words.

    Raises:
        ValueError: a count is negative, not whole, or events exceed their total; or ``conf``
            or ``zero_correction`` is not allowed.

    >>> rl = relative_likelihood(4699, 10000, 1465, 10000)
    >>> round(rl.value, 1), rl.method
    (3.2, 'Katz log interval')
    >>> words = Wording("White", "BME", "shortlisted applicants", "were appointed")
    >>> relative_likelihood(30, 100, 0, 40, wording=words).note
    'no BME shortlisted applicants were appointed, so the relative likelihood cannot be calculated'
    """
    counts = {"events_a": events_a, "total_a": total_a, "events_b": events_b, "total_b": total_b}
    for name, count in counts.items():
        _check_count(name, count)
    table = relative_likelihoods(
        *([int(count)] for count in counts.values()),
        conf=conf,
        zero_correction=zero_correction,
        wording=wording,
    )
    row = table.iloc[0]
    value, low, high = (
        None if math.isnan(row[c]) else float(row[c]) for c in ("value", "ci_low", "ci_high")
    )
    return RelativeLikelihood(value, low, high, str(row["method"]), str(row["note"]), conf)


def relative_likelihoods(
    events_a: ArrayLike,
    total_a: ArrayLike,
    events_b: ArrayLike,
    total_b: ArrayLike,
    conf: float = 0.95,
    zero_correction: str | None = None,
    *,
    wording: Wording | None = None,
) -> pd.DataFrame:
    """:func:`relative_likelihood` for arrays of counts, one row per element.

    Returns a DataFrame with columns value, ci_low, ci_high (NaN where undefined), method and
    note (categorical; "" where there is nothing to say).

    >>> relative_likelihoods([12, 7], [1000, 1000], [7, 0], [1000, 500])["value"].round(1).tolist()
    [1.7, nan]
    """
    check_conf(conf)
    if zero_correction not in ZERO_CORRECTIONS:
        raise ValueError(f"zero_correction must be None or 'haldane', got {zero_correction!r}")
    words = wording or Wording()
    a, n_a, b, n_b = _check_arrays(
        events_a=events_a, total_a=total_a, events_b=events_b, total_b=total_b
    )
    reason = undefined_reason(a, n_a, b, n_b)
    corrected = np.zeros(len(a), dtype=bool)
    if zero_correction == "haldane":
        corrected = np.isin(reason, (NO_EVENTS, NO_EVENTS_A, NO_EVENTS_B))
        half = np.where(corrected, 0.5, 0.0)
        a, b, n_a, n_b = a + half, b + half, n_a + 2 * half, n_b + 2 * half
    value, low, high = katz_interval(a, n_a, b, n_b, conf)
    note_codes = np.where(corrected, len(_TEMPLATES) + reason, reason)
    notes = [words.note(r) for r in _TEMPLATES] + [
        words.note(r, corrected=True) if r in _HALDANE_BASES else "" for r in _TEMPLATES
    ]
    categories, recode = np.unique(notes, return_inverse=True)
    methods = pd.Categorical.from_codes(corrected.astype(np.int8), [KATZ_METHOD, HALDANE_METHOD])
    return pd.DataFrame(
        {
            "value": value,
            "ci_low": low,
            "ci_high": high,
            "method": methods,
            "note": pd.Categorical.from_codes(recode[note_codes], categories),
        }
    )


def undefined_reason(
    events_a: np.ndarray, total_a: np.ndarray, events_b: np.ndarray, total_b: np.ndarray
) -> np.ndarray:
    """For each element, why the relative likelihood or its interval is undefined (or OK)."""
    conditions = [
        (total_a == 0) & (total_b == 0),
        total_a == 0,
        total_b == 0,
        (events_a == 0) & (events_b == 0),
        events_b == 0,
        events_a == 0,
    ]
    reasons = [NO_TOTALS, NO_TOTAL_A, NO_TOTAL_B, NO_EVENTS, NO_EVENTS_B, NO_EVENTS_A]
    return np.select(conditions, reasons, OK)


def _check_count(name: str, value: object) -> None:
    whole = isinstance(value, Integral) or (isinstance(value, Real) and float(value).is_integer())
    if isinstance(value, bool) or not whole or value < 0:  # type: ignore[operator]
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")


def _check_arrays(**arrays: ArrayLike) -> list[np.ndarray]:
    """The four count arrays as floats, after checking them by name."""
    checked = {}
    for name, raw in arrays.items():
        values = np.atleast_1d(np.asarray(raw, dtype=np.float64))
        bad = ~np.isfinite(values) | (values < 0) | (values != np.floor(values))
        if bad.any():
            first = values[np.flatnonzero(bad)[0]]
            raise ValueError(f"{name} must be non-negative integers, got {first!r}")
        checked[name] = values
    lengths = {len(v) for v in checked.values()}
    if len(lengths) > 1:
        raise ValueError(f"events_a, total_a, events_b and total_b differ in length: {lengths}")
    for group in ("a", "b"):
        events, total = checked[f"events_{group}"], checked[f"total_{group}"]
        over = np.flatnonzero(events > total)
        if over.size:
            i = over[0]
            raise ValueError(
                f"events_{group} ({events[i]:g}) must not exceed total_{group} ({total[i]:g})"
            )
    return list(checked.values())
