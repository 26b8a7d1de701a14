"""The year's stories: which findings the national edition and ``wres stories`` tell, selected
once, with the figures each rests on and the press table row (or filter) they come from.

The national briefing (:mod:`wres_lib.briefings.national`) and the story finder
(:func:`wres_lib.tables.stories.find_stories`) both read these selections, so a count means the
same thing wherever it is quoted; :mod:`wres_lib.present.narrative.stories` words them.

The definitions, in one place:

- **No BME executive director**: a trust that reported at least one executive director, none
  of them BME (:func:`~wres_lib.analysis.summary.trust_summary`). Counts are given "of the N
  trusts that reported executive directors".
- **All-White executive team**: no BME executive director and every executive's ethnicity
  recorded. An *unbalanced* team is one where more than :data:`MIN_WORKFORCE_SHARE` of staff of
  known ethnicity are BME (the ``all-white-executives`` table with that share).
- **A system with no BME executive director in any trust**: every one of its trusts that
  reported executive directors (at least one did) has none
  (:func:`~wres_lib.analysis.systems.system_table`).
- **The bottleneck**: the step of the progression ladder flagged ``bottleneck``.
- **A change**: a p-value under 0.05 (:func:`~wres_lib.analysis.changes.significant_changes`).
- **Appointment above 1.25**: a reportable indicator 2 ratio above 1.25 whose interval excludes
  1, counted "of the N with a figure" (N: organisations with a reportable ratio).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wres_lib.analysis.changes import changes, significant
from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.published import is_published
from wres_lib.analysis.summary import trust_summary
from wres_lib.analysis.systems import system_table
from wres_lib.indicators.flags import ABOVE_1_25, BOTTLENECK, CI_EXCLUDES_1, has_flag
from wres_lib.indicators.progression import INDICATOR as PROGRESSION

MIN_WORKFORCE_SHARE = 0.2  # more than this share of staff (known ethnicity) BME: "a fifth"
# Measures of the biggest-changes table where a rise is bad news for BME staff (all others:
# equal opportunities, a rise is good news).
ADVERSE_WHEN_RISING = (
    "rl_appointment",
    "rl_disciplinary",
    "rl_training",
    "harassment_public_bme_pct",
    "harassment_staff_bme_pct",
    "discrimination_bme_pct",
)


@dataclass(frozen=True)
class StoryFacts:
    """One selected story: its kind, the figures it quotes, and where a reader checks them.

    ``table`` is the press table the figures come from; ``code`` the row of a story about one
    organisation; ``where`` the filter that picks an aggregate story's rows from that table
    (never a single row standing for many); ``detail`` the rows behind the story, for its table
    in a briefing.
    """

    kind: str
    level: str
    figures: dict[str, Any]
    table: str
    code: str = ""
    where: str = ""
    codes: tuple[str, ...] = ()
    detail: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)


def executive_teams(context: BriefingContext, year: int) -> pd.DataFrame:
    """The trust summary of ``year`` with ``executives_unknown`` (executive directors of
    unknown ethnicity) and ``all_white_executive`` (no BME executive, none unknown)."""
    summary = trust_summary(context, year)
    board = context.dataset.board
    unknown = board[
        (board["year"] == year) & (board["role"] == "executive") & (board["ethnicity"] == "Unknown")
    ]
    counts = unknown.groupby(unknown["org_code"].astype(str))["members"].sum()
    summary["executives_unknown"] = summary["code"].map(counts).fillna(0).astype(int)
    summary["all_white_executive"] = summary["no_bme_executive"] & (
        summary["executives_unknown"] == 0
    )
    return summary


def unbalanced_executives(
    context: BriefingContext, year: int, min_workforce_share: float = MIN_WORKFORCE_SHARE
) -> pd.DataFrame:
    """Trusts with an all-White executive team and more than ``min_workforce_share`` of staff
    (known ethnicity) BME, highest share first (ties by code), as the all-white-executives
    table lists them."""
    return _unbalanced(executive_teams(context, year), min_workforce_share)


def _unbalanced(teams: pd.DataFrame, min_workforce_share: float) -> pd.DataFrame:
    chosen = teams[
        teams["all_white_executive"] & (teams["workforce_bme_pct"] > 100 * min_workforce_share)
    ]
    return chosen.sort_values(["workforce_bme_pct", "code"], ascending=[False, True])


def all_white_executive_stories(context: BriefingContext, year: int) -> list[StoryFacts]:
    """Trusts with a fifth BME staff and an all-White executive team, and those of them whose
    whole board is White."""
    teams = executive_teams(context, year)
    chosen = _unbalanced(teams, MIN_WORKFORCE_SHARE)
    if chosen.empty:
        return []
    share = f"bme_workforce_pct > {100 * MIN_WORKFORCE_SHARE:g}"
    top = chosen.iloc[0]
    figures = {
        "trusts": len(chosen),
        "reporting": int((teams["executives"] > 0).sum()),
        "without_bme_executive": int(teams["no_bme_executive"].sum()),
        "bme_workforce_pct_above": 100 * MIN_WORKFORCE_SHARE,
        "whole_board_white": int(chosen["whole_board_white"].sum()),
        "highest_name": str(top["name"]),
        "highest_bme_workforce_pct": float(top["workforce_bme_pct"]),
    }
    stories = [
        StoryFacts(
            "all_white_executive",
            "trust",
            figures,
            "all-white-executives",
            where=share,
            codes=tuple(chosen["code"]),
            detail=chosen,
        )
    ]
    whole = chosen[chosen["whole_board_white"]]
    if len(whole):
        stories.append(
            StoryFacts(
                "all_white_board",
                "trust",
                {"trusts": len(whole), "bme_workforce_pct_above": 100 * MIN_WORKFORCE_SHARE},
                "all-white-executives",
                where=f"{share} and whole_board_white = yes",
                codes=tuple(whole["code"]),
                detail=whole,
            )
        )
    return stories


def systems_without_bme_executive(
    context: BriefingContext, year: int, level: str = "icb"
) -> list[StoryFacts]:
    """The systems (or regions) in which no trust that reported executive directors has a BME
    one, as one story (none when every system has one)."""
    frame = system_table(context, year, level)
    reported = frame[frame["trusts_reporting_executives"] > 0]
    chosen = reported[
        reported["trusts_without_bme_executive"] == reported["trusts_reporting_executives"]
    ]
    if chosen.empty:
        return []
    chosen = chosen.sort_values(["workforce_bme_pct", "code"], ascending=[False, True])
    figures = {
        "systems": len(chosen),
        "of": len(reported),
        "trusts_in_all": int(chosen["trusts_reporting_executives"].sum()),
    }
    return [
        StoryFacts(
            "no_bme_executive_system",
            level,
            figures,
            "system-summary",
            code=min(chosen["code"]),
            codes=tuple(sorted(chosen["code"])),
            detail=chosen,
        )
    ]


def _step_rows(context: BriefingContext, year: int, level: str) -> pd.DataFrame:
    table = context.indicators
    return table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["indicator"] == PROGRESSION)
        & (table["measure"] == "step_ratio")
    ]


def ladder(context: BriefingContext, year: int, level: str = "trust") -> pd.DataFrame:
    """Each step of the ladder: how many organisations at ``level`` have their bottleneck
    there (``organisations``), with the national step ratio, interval and bottleneck flag.

    The frame's ``attrs`` hold ``with_ladder`` (organisations with step rows) and
    ``no_bottleneck`` (those where no single step stands out).
    """
    rows = _step_rows(context, year, level)
    flags = rows["flag"].astype(str)
    located = rows[flags.map(lambda flag: has_flag(flag, BOTTLENECK)).to_numpy()]
    counts = located["band"].astype(str).value_counts()
    named = set(rows["band"].astype(str))
    steps = [str(step) for step in rows["band"].cat.categories if str(step) in named]
    national = _step_rows(context, year, "national")
    national = national.set_index(national["band"].astype(str))
    frame = pd.DataFrame({"step": steps})
    frame["organisations"] = frame["step"].map(counts).fillna(0).astype(int)
    for column in ("value", "ci_low", "ci_high"):
        frame[f"national_{column}"] = frame["step"].map(national[column].astype(float))
    national_flags = frame["step"].map(national["flag"].astype(str)).fillna("")
    frame["national_published"] = national_flags.map(is_published)
    frame["national_bottleneck"] = national_flags.map(lambda flag: has_flag(flag, BOTTLENECK))
    with_ladder = int(rows["code"].nunique())
    located_codes = located["code"].astype(str)
    at_step = located["band"].astype(str)
    codes = {step: tuple(sorted(located_codes[at_step == step])) for step in steps}
    frame.attrs = {
        "with_ladder": with_ladder,
        "no_bottleneck": with_ladder - len(located),
        "codes": codes,
    }
    return frame


def bottleneck_story(context: BriefingContext, year: int, level: str = "trust") -> list[StoryFacts]:
    """Where BME staff fall away most: the step most organisations at ``level`` have as their
    bottleneck (ties: the lower step), and how the rest are spread."""
    frame = ladder(context, year, level)
    if frame.empty or frame["organisations"].sum() == 0:
        return []
    top = frame.loc[frame["organisations"].idxmax()]
    figures = {
        "step": str(top["step"]),
        "organisations": int(top["organisations"]),
        "of": frame.attrs["with_ladder"],
        "steps_named": int((frame["organisations"] > 0).sum()),
        "no_bottleneck": frame.attrs["no_bottleneck"],
    }
    named = frame[frame["national_bottleneck"]]
    if len(named):
        row = named.iloc[0]
        figures |= {
            "national_step": str(row["step"]),
            "national_ratio": float(row["national_value"]),
            "national_ci_low": float(row["national_ci_low"]),
            "national_ci_high": float(row["national_ci_high"]),
        }
    return [
        StoryFacts(
            "bottleneck",
            level,
            figures,
            "progression",
            where=f"bottleneck = true and step = '{top['step']}'",
            codes=frame.attrs["codes"][str(top["step"])],
            detail=frame,
        )
    ]


def changes_story(context: BriefingContext, year: int, level: str = "trust") -> list[StoryFacts]:
    """The year's significant changes at ``level``: how many for the worse and the better, and
    the largest (as the biggest-changes table sorts them)."""
    if year - 1 not in context.dataset.years:
        return []
    tested = changes(context, year, level)
    found = significant(tested)
    if found.empty:
        return []
    adverse = found["measure"].isin(ADVERSE_WHEN_RISING) == (found["change"] > 0)
    found = found.assign(
        adverse=adverse.to_numpy(), name=[_name(context, code) for code in found["code"]]
    )
    top = found.iloc[0]
    figures = {
        "changes": len(found),
        "tested": len(tested),
        "organisations": int(found["code"].nunique()),
        "worse": int(found["adverse"].sum()),
        "better": int((~found["adverse"]).sum()),
        "code": str(top["code"]),
        "name": str(top["name"]),
        "measure": str(top["measure"]),
        "previous": float(top["previous"]),
        "current": float(top["current"]),
    }
    return [
        StoryFacts(
            "change",
            level,
            figures,
            "biggest-changes",
            code=str(top["code"]),
            codes=tuple(dict.fromkeys(found["code"])),
            detail=found,
        )
    ]


def _name(context: BriefingContext, code: str) -> str:
    organisations = context.dataset.organisations.set_index("org_code")
    return display_name(str(organisations.at[code, "org_name"]))


def region_story(context: BriefingContext, year: int) -> list[StoryFacts]:
    """The region where the largest share of trusts that reported executive directors has no
    BME executive director (ties: the one with more such trusts, then by code)."""
    frame = system_table(context, year, "region")
    frame = frame[frame["trusts_reporting_executives"] > 0]
    if frame.empty:
        return []
    frame = frame.assign(
        share_without=frame["trusts_without_bme_executive"] / frame["trusts_reporting_executives"]
    ).sort_values(
        ["share_without", "trusts_without_bme_executive", "code"], ascending=[False, False, True]
    )
    top = frame.iloc[0]
    figures = {
        "region": str(top["name"]),
        "without_bme_executive": int(top["trusts_without_bme_executive"]),
        "reporting": int(top["trusts_reporting_executives"]),
        "bme_workforce_pct": float(top["workforce_bme_pct"]),
        "regions": len(frame),
    }
    return [
        StoryFacts("region", "region", figures, "system-summary", code=str(top["code"]),
                   detail=frame.sort_values("code"))
    ]  # fmt: skip


def appointment_above(context: BriefingContext, year: int, level: str) -> tuple[int, int]:
    """Organisations at ``level`` whose reportable indicator 2 ratio is above 1.25 with an
    interval excluding 1, and how many have a reportable ratio."""
    table = context.indicators
    rows = table[
        (table["level"] == level)
        & (table["year"] == year)
        & (table["staff_group"] == "all")
        & (table["indicator"] == "2")
        & (table["measure"] == "relative_likelihood")
        & (table["band"] == "all")
        & (table["group"] == "BME")
    ]
    flags = rows["flag"].astype(str)
    reportable = rows[flags.map(is_published).to_numpy() & rows["value"].notna().to_numpy()]
    flags = reportable["flag"].astype(str)
    above = flags.map(lambda f: has_flag(f, ABOVE_1_25) and has_flag(f, CI_EXCLUDES_1))
    return int(above.sum()), len(reportable)


def national_stories(context: BriefingContext, year: int) -> list[StoryFacts]:
    """The national edition's stories, strongest first in a fixed editorial order: unbalanced
    executive teams, systems with no BME executive director, the ladder's bottleneck, the
    year's changes, the regions. A story the data does not support is left out."""
    return [
        *all_white_executive_stories(context, year)[:1],
        *systems_without_bme_executive(context, year, "icb"),
        *bottleneck_story(context, year, "trust"),
        *changes_story(context, year, "trust"),
        *region_story(context, year),
    ]
