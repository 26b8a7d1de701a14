"""All WRES indicators for every organisation at one level, as one tidy DataFrame.

One row per (year, level, code, indicator, measure, staff_group, band, group). Columns:

- ``year``, ``level`` (trust, icb, region, national), ``code``, ``name``; national is ``ENG``,
  England.
- ``indicator``: "1" to "9", "disparity" for the racial disparity ratios, or "progression"
  for the progression ladder.
- ``measure`` (below), ``staff_group`` (clinical, non_clinical, medical or "all"), ``band`` (a
  band, a band group lower/middle/upper, a step of the progression ladder, or "all"),
  ``group`` (the ethnic group the row is about: for a comparison, the group compared with
  White).
- ``value``, ``ci_low``, ``ci_high``: NaN where undefined or where there is no interval;
  percentages are 0-100, gaps are percentage points, ratios have no unit.
- ``numerator``, ``denominator``: the counts behind a percentage (nullable integers; missing for
  ratios and gaps, except indicator 9 where they are the board member counts).
- ``p_value``: the two-proportion z test of a survey gap, where respondent counts are known.
- ``flag``: flags separated by ";" (see below).
- ``note``: why a figure is undefined, has no interval or is flagged, in plain words; "" if
  nothing needs saying.

Text columns are categoricals, their categories in catalogue order
(:mod:`wres_lib.indicators.catalogue`, which lists each indicator's measures). Measures by
indicator:

- 1: ``bme_share`` (group BME), ``group_share`` (Asian, Black, Mixed, Other: share among staff of
  known ethnicity, where the data has detailed groups), ``representation_ratio`` (BME share in
  the cell / BME share of the whole workforce), ``unknown_pct`` (of all staff in the cell).
- 2, 3, 4: ``rate_pct`` (% of each group with the event; numerator and denominator are its
  counts), ``relative_likelihood`` (Katz interval; 2 and 4 White relative to the group, 3 the
  group relative to White), ``unknown_pct`` (of the denominator); 3 also
  ``relative_likelihood_2yr`` (counts of the year and the year before).
- 5-8: ``pct_white``, ``pct_bme``, ``pct_group`` (Wilson intervals where respondents are known),
  ``gap_points`` (group minus White, with ``p_value``).
- 9: ``board_bme_pct`` (voting members), ``executive_bme_pct``, ``non_executive_bme_pct`` (voting
  or not) and the matching ``*_gap_points`` (minus the BME % of the whole workforce), with member
  counts in numerator and denominator; ``unknown_pct`` (voting board). Never small numbers.
- disparity (staff_group all, clinical, non_clinical): ``lower_to_middle``, ``middle_to_upper``,
  ``lower_to_upper`` (Woolf intervals), kept for comparison with NHS England; none of them is
  named as the bottleneck (lower_to_upper is the product of the other two).
- progression (staff_group all, band = a step such as "Band 7 to Bands 8a-8b"): ``step_ratio``
  (group BME; Woolf interval; numerator and denominator = BME staff on the upper and lower
  rung) and ``step_white_odds`` (group White; numerator and denominator = White staff on the
  upper and lower rung). The ``bottleneck`` flag marks at most one step per organisation-year
  (:mod:`wres_lib.indicators.progression`).

Flags (:data:`~wres_lib.indicators.flags.FLAGS` gives each one's meaning): ``undefined`` (no value;
see note), ``no_interval`` (a value without an interval), ``small_numbers`` (a group denominator
under the small-number rule's minimum: "too few to report" in publications), ``below_0.80``,
``within_0.80_1.25``, ``above_1.25`` (ratios against the four-fifths band), ``ci_excludes_1`` (a
ratio's interval excludes parity), ``significant`` (a survey gap's p-value is under 1 - conf),
``bottleneck`` (the progression step where BME staff fall away most), ``adverse`` (on the
adverse side of parity: likelihoods, disparity and step ratios above 1; survey gaps BME higher,
or lower for indicator 7; board gaps below 0; representation ratios below 1 at upper bands).
The series continued across mergers and code changes of :mod:`wres_lib.data.succession` add
``predecessors`` (the counts include a predecessor's).
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Integral

import pandas as pd

from wres_lib.data.dataset import Dataset
from wres_lib.data.schema import (
    BANDS,
    BME,
    DETAILED_BME_GROUPS,
    LEVELS,
    STAFF_GROUPS,
    UNKNOWN,
    WHITE,
)
from wres_lib.indicators.aggregate import level_map
from wres_lib.indicators.board import board_indicator
from wres_lib.indicators.catalogue import INDICATOR_NAMES, MEASURES, SOURCE_TABLES
from wres_lib.indicators.disparity_ratios import (
    BAND_GROUP_NAMES,
    DEFAULT_BAND_GROUPS,
    DEFAULT_RUNGS,
    BandGroups,
    Rungs,
)
from wres_lib.indicators.likelihoods import INDICATORS as LIKELIHOOD_INDICATORS
from wres_lib.indicators.likelihoods import counting, likelihood_indicators
from wres_lib.indicators.progression import progression
from wres_lib.indicators.survey import survey_indicators
from wres_lib.indicators.tidy import ALL, Settings, assemble
from wres_lib.indicators.workforce import disparity, indicator_1, whole_workforce, workforce_cells
from wres_lib.stats.intervals import check_conf
from wres_lib.stats.small_numbers import DEFAULT_RULE, SmallNumberRule

CATEGORIES = {
    "indicator": INDICATOR_NAMES,
    "measure": MEASURES,
    "staff_group": (*STAFF_GROUPS, ALL),
    "band": (*BANDS, *BAND_GROUP_NAMES, *DEFAULT_RUNGS.steps, ALL),
    "group": (WHITE, BME, *DETAILED_BME_GROUPS, UNKNOWN),
}


def compute_indicators(
    dataset: Dataset,
    years: int | Iterable[int] | None = None,
    level: str = "trust",
    *,
    conf: float = 0.95,
    rule: SmallNumberRule = DEFAULT_RULE,
    band_groups: BandGroups = DEFAULT_BAND_GROUPS,
    rungs: Rungs = DEFAULT_RUNGS,
) -> pd.DataFrame:
    """Every indicator for every organisation of ``level`` in ``years``, as one tidy frame.

    Args:
        dataset: a loaded :class:`~wres_lib.data.dataset.Dataset`.
        years: a year, several years, or ``None`` for every year in the dataset.
        level: trust, icb, region or national; above trust, counts are summed.
        conf: confidence level of every interval; a survey gap is ``significant`` when its
            p-value is under ``1 - conf``.
        rule: the small-number rule.
        band_groups: the bands of the lower, middle and upper groups.
        rungs: the rungs of the progression ladder.

    Returns:
        The tidy frame described in this module's docstring, sorted by year and code.

    Raises:
        ValueError: an unknown level, a year not in the dataset, or a bad ``conf``.

    >>> table = compute_indicators(load_dataset("data/sample"), 2024, "region")  # doctest: +SKIP
    >>> table.query("indicator == '2' and measure == 'relative_likelihood'")  # doctest: +SKIP
    """
    check_conf(conf)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if not isinstance(rule, SmallNumberRule):
        raise ValueError(f"rule must be a SmallNumberRule, got {type(rule).__name__}")
    if not isinstance(band_groups, BandGroups):
        raise ValueError(f"band_groups must be a BandGroups, got {type(band_groups).__name__}")
    if not isinstance(rungs, Rungs):
        raise ValueError(f"rungs must be a Rungs, got {type(rungs).__name__}")
    wanted = _years(dataset, years)
    lmap = level_map(dataset.organisations, level)
    settings = Settings(lmap, conf, rule, band_groups, rungs)
    cells = workforce_cells(_in_years(dataset.workforce, wanted), settings)
    blocks = indicator_1(cells, settings)
    with_previous = wanted | {year - 1 for year in wanted}
    tables = [counting(indicator).table for indicator in LIKELIHOOD_INDICATORS]
    counts = {table: _in_years(dataset.table(table), with_previous) for table in tables}
    blocks += likelihood_indicators(counts, wanted, settings)
    blocks += survey_indicators(dataset.staff_survey, wanted, settings)
    blocks += board_indicator(_in_years(dataset.board, wanted), whole_workforce(cells), settings)
    blocks += disparity(cells, settings)
    blocks += progression(cells, settings)
    steps = tuple(s for s in rungs.steps if s not in CATEGORIES["band"])
    categories = CATEGORIES | {"band": (*CATEGORIES["band"][:-1], *steps, ALL)}
    return assemble(blocks, settings.lmap, categories)


def _years(dataset: Dataset, years: int | Iterable[int] | None) -> set[int]:
    available = set()
    for name in SOURCE_TABLES:
        available.update(int(y) for y in dataset.table(name)["year"].unique())
    if years is None:
        return available
    requested = [years] if isinstance(years, Integral) else list(years)
    for year in requested:
        if isinstance(year, bool) or not isinstance(year, Integral) or year not in available:
            span = f"{min(available)}-{max(available)}" if available else "none"
            raise ValueError(f"years: {year!r} is not a year of the dataset ({span})")
    return {int(year) for year in requested}


def _in_years(table: pd.DataFrame, years: set[int]) -> pd.DataFrame:
    return table[table["year"].isin(years).to_numpy()].reset_index(drop=True)
