"""The progression ladder: an odds ratio for each step between adjacent pay-band rungs, and the
bottleneck, the step where BME staff fall away most.

Rungs are groups of Agenda for Change bands (:class:`~wres_lib.indicators.disparity_ratios.Rungs`;
by default Bands 1-4, Band 5, Band 6, Band 7, Bands 8a-8b, Bands 8c-VSM), counted over every AfC
staff group; medical grades are a separate career structure and are left out. With ``W_x``,
``B_x`` the White and BME headcounts on rung x, each step from rung ``low`` to rung ``up`` has

    step_ratio = (W_up / W_low) / (B_up / B_low)

the odds ratio of being on the upper rung rather than the lower, White against BME, with Woolf's
interval. A step is *eligible* when each of its four counts is at least the small-number rule's
``min_events`` and its interval lies above 1; the bottleneck is the eligible step with the largest
ratio, and there is none when no step is eligible. Unlike the NHS England lower-to-upper ratio,
which is the product of the steps it spans, the steps of the ladder do not contain one another,
so the largest of them locates where the pipeline narrows.

Rows of the tidy table (indicator ``progression``, staff_group ``all``, band = the step label):

- ``step_ratio`` (group BME): the odds ratio and its interval; ``numerator`` = BME staff on the
  upper rung, ``denominator`` = BME staff on the lower rung. Flags: those of a ratio, ``adverse``
  above 1, ``small_numbers`` where a count is under ``min_events`` or either group's headcount on
  the two rungs is under ``min_denominator``, and ``bottleneck`` on the single bottleneck step.
- ``step_white_odds`` (group White): White staff on the upper rung per White member of staff on
  the lower rung; ``numerator`` = White staff on the upper rung, ``denominator`` = on the lower.
  With the ``step_ratio`` row it gives the four counts of each step.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import BME, WHITE
from wres_lib.indicators.aggregate import key_space, year_code_key
from wres_lib.indicators.flags import ADVERSE, BOTTLENECK, SMALL_NUMBERS, UNDEFINED
from wres_lib.indicators.tidy import (
    ALL,
    Block,
    Settings,
    block,
    flag_column,
    note_column,
    ratio_flags,
)
from wres_lib.stats.intervals import woolf_interval

INDICATOR = "progression"
BOTTLENECK_NOTE = (
    "the bottleneck: the largest step ratio whose four counts are each large enough and whose "
    "interval lies above 1"
)


def rung_counts(cells: pd.DataFrame, settings: Settings) -> tuple[pd.DataFrame, np.ndarray]:
    """The year and code of every unit, and its White and BME headcount on each rung.

    ``cells`` are the workforce cells of :func:`~wres_lib.indicators.workforce.workforce_cells`.
    Returns ``(units, counts)``: ``counts[unit, side, rung]`` with side 0 White and 1 BME.
    """
    rung_of = settings.rungs.rung_of
    whole = ((cells["staff_group"] == ALL) & (cells["band"] == ALL)).to_numpy()
    units = cells.loc[whole, ["year", "code"]].reset_index(drop=True)
    lmap = settings.lmap
    position = np.full(key_space(lmap), -1, dtype=np.int64)
    position[year_code_key(units["year"], units["code"].cat.codes, lmap)] = np.arange(len(units))
    band_rung = np.array([rung_of.get(str(b), -1) for b in cells["band"].cat.categories])
    rung = band_rung[cells["band"].cat.codes.to_numpy()]
    on_ladder = ((cells["staff_group"] == ALL).to_numpy()) & (rung >= 0)
    ladder = cells[on_ladder]
    unit = position[year_code_key(ladder["year"], ladder["code"].cat.codes, lmap)]
    n_rungs = len(settings.rungs.labels)
    counts = np.zeros((len(units), 2, n_rungs), dtype=np.int64)
    for side, group in enumerate((WHITE, BME)):
        slot = unit * n_rungs + rung[on_ladder]
        sums = np.bincount(slot, ladder[group].to_numpy(np.float64), minlength=counts[:, 0].size)
        counts[:, side] = sums.reshape(len(units), n_rungs).astype(np.int64)
    return units, counts


def progression(cells: pd.DataFrame, settings: Settings) -> list[Block]:
    """The ``step_ratio`` and ``step_white_odds`` blocks of every unit (see module docstring)."""
    units, counts = rung_counts(cells, settings)
    rule, steps = settings.rule, settings.rungs.steps
    n_steps = len(steps)
    white_up, white_low = counts[:, 0, 1:].ravel(), counts[:, 0, :-1].ravel()
    bme_up, bme_low = counts[:, 1, 1:].ravel(), counts[:, 1, :-1].ravel()
    value, low, high = woolf_interval(white_up, white_low, bme_up, bme_low, conf=settings.conf)
    too_few_events = rule.too_few_events(white_up, white_low, bme_up, bme_low)
    small = too_few_events | rule.too_few(np.minimum(white_up + white_low, bme_up + bme_low))
    eligible = ~too_few_events & (low > 1)
    bottleneck = _bottleneck(np.where(eligible, value, -np.inf).reshape(-1, n_steps))
    step = np.tile(np.arange(n_steps), len(units))
    keys = units.iloc[np.repeat(np.arange(len(units)), n_steps)].reset_index(drop=True)
    size = len(keys)
    step_labels = pd.Categorical.from_codes(step, categories=list(steps))
    labels = settings.rungs.labels
    undefined_if_empty = ((white_low, WHITE, False), (bme_up, BME, True))
    no_interval_if_empty = ((white_up, WHITE, True), (bme_low, BME, False))
    flags = ratio_flags(value, low, high) | {
        SMALL_NUMBERS: small,
        ADVERSE: value > 1,
        BOTTLENECK: bottleneck,
    }
    notes = [
        *_zero_notes(step, undefined_if_empty, labels, "so the ratio cannot be calculated"),
        *_zero_notes(step, no_interval_if_empty, labels, "so it has no interval"),
        (bottleneck, BOTTLENECK_NOTE),
        (
            too_few_events,
            f"fewer than {rule.min_events} White or BME staff on one of the two rungs: "
            "too few to report",
        ),
        (small, rule.too_few_note("White or BME staff on these two rungs")),
    ]
    common = {"indicator": INDICATOR, "staff_group": ALL, "band": step_labels}
    ratio = block(
        keys,
        measure="step_ratio",
        group=BME,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=bme_up,
        denominator=bme_low,
        flag=flag_column(flags, size),
        note=note_column(notes, size),
        **common,
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        white_odds = np.where(white_low > 0, white_up / white_low, np.nan)
    white = block(
        keys,
        measure="step_white_odds",
        group=WHITE,
        value=white_odds,
        numerator=white_up,
        denominator=white_low,
        flag=flag_column({UNDEFINED: white_low == 0}, size),
        note=note_column(_zero_notes(step, undefined_if_empty[:1], labels, "so no odds"), size),
        **common,
    )
    return [ratio, white]


def _bottleneck(candidates: np.ndarray) -> np.ndarray:
    """Per unit (row) the largest finite candidate's column, as a flat mask over unit-steps."""
    chosen = np.zeros(candidates.shape, dtype=bool)
    has = np.isfinite(candidates).any(axis=1)
    chosen[np.flatnonzero(has), np.argmax(candidates, axis=1)[has]] = True
    return chosen.ravel()


def _zero_notes(
    step: np.ndarray,
    cells: tuple[tuple[np.ndarray, str, bool], ...],
    labels: tuple[str, ...],
    ending: str,
) -> list[tuple[np.ndarray, str]]:
    """Note rules naming an empty cell of each step: "no BME staff at Band 7, so ...".

    ``cells`` are (count, who, on the upper rung) for each count the notes may name.
    """
    rules = []
    for index in range(len(labels) - 1):
        for count, who, on_upper in cells:
            rung = labels[index + 1] if on_upper else labels[index]
            rules.append(((step == index) & (count == 0), f"no {who} staff at {rung}, {ending}"))
    return rules
