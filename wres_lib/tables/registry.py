"""The press tables by name: what each shows, which levels it covers and how it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.data.schema import LEVELS, NATIONAL
from wres_lib.tables.press import PressTable

Builder = Callable[[BriefingContext, int, str], PressTable]
ORGANISATION_LEVELS = tuple(level for level in LEVELS if level != NATIONAL)


@dataclass(frozen=True)
class TableSpec:
    """A registered table: its one-line description, the levels it covers and its builder,
    named as ``module:function`` under ``wres_lib.tables`` and imported when first used (one
    table does not load the statistics another needs)."""

    description: str
    levels: tuple[str, ...]
    builder: str

    @property
    def build(self) -> Builder:
        module, function = self.builder.split(":")
        return getattr(import_module(f"wres_lib.tables.{module}"), function)


REGISTRY: dict[str, TableSpec] = {
    "all-white-executives": TableSpec(
        "Trusts with no BME executive director (all recorded White), by BME share of staff, "
        "and whether the whole board is White",
        ("trust",),
        "board:all_white_executives",
    ),
    "board-gap": TableSpec(
        "Indicator 9: BME share of the voting board against the workforce, with member counts",
        ORGANISATION_LEVELS,
        "board:board_gap",
    ),
    "relative-likelihoods": TableSpec(
        "Indicators 2-4 (appointment, disciplinary, training) with 95% intervals and flags",
        ORGANISATION_LEVELS,
        "headlines:relative_likelihoods",
    ),
    "system-summary": TableSpec(
        "Headline measures per system (ICB) or region: trusts with no BME executive director, "
        "BME share of staff and of the population, from summed counts",
        ("icb", "region"),
        "headlines:system_summary",
    ),
    "survey-gaps": TableSpec(
        "Indicators 5-8: White and BME staff survey results, gap in points and significance",
        ORGANISATION_LEVELS,
        "headlines:survey_gaps",
    ),
    "disparity-ratios": TableSpec(
        "The three racial disparity ratios with 95% intervals, and the progression bottleneck",
        ORGANISATION_LEVELS,
        "headlines:disparity_ratios",
    ),
    "progression": TableSpec(
        "The progression ladder: White vs BME odds of the higher rung at each step between "
        "pay-band rungs, with counts, and the bottleneck step",
        ORGANISATION_LEVELS,
        "progression:progression",
    ),
    "model-employer": TableSpec(
        "A Model Employer: each senior band of each trust on or off our straight-line track, "
        "with the BME headcount gap",
        ("trust",),  # the model is fitted trust by trust; systems have no track of their own
        "model_employer:model_employer",
    ),
    "biggest-changes": TableSpec(
        "The largest statistically significant changes since last year (indicators 2-8)",
        ORGANISATION_LEVELS,
        "changes:biggest_changes",
    ),
    "targets": TableSpec(
        "Action-plan targets with their status (met, on track, off track, missed, not yet "
        "measurable); --horizon S, M or L keeps one horizon",
        ORGANISATION_LEVELS,
        "targets:targets",
    ),
}
TABLES: dict[str, str] = {name: spec.description for name, spec in REGISTRY.items()}


def press_table(
    name: str,
    data: str | Path | BriefingContext,
    year: int,
    level: str | None = None,
    **options: float | str,
) -> PressTable:
    """Table ``name`` of ``year`` at ``level`` (default: the first level the table covers).

    ``data`` is a dataset folder or a loaded context; ``options`` go to the builder
    (``min_workforce_share`` for all-white-executives, ``horizon`` for targets).

    Raises:
        KeyError: no table ``name``.
        ValueError: the table does not cover ``level``, or ``year`` is not in the data.
    """
    if name not in REGISTRY:
        raise KeyError(f"no table {name!r}; the tables are {', '.join(REGISTRY)}")
    spec = REGISTRY[name]
    chosen = level or spec.levels[0]
    if chosen not in spec.levels:
        raise ValueError(f"table {name!r} covers {', '.join(spec.levels)}, not {chosen!r}")
    context = data if isinstance(data, BriefingContext) else load_context(data)
    if year not in context.dataset.years:
        raise ValueError(f"{year} is not in the data (years {context.dataset.years})")
    return spec.build(context, year, chosen, **options)
