"""The national edition's stories: each a headline with a figure, two to four sentences and its
table, from the selections of :mod:`wres_lib.analysis.stories` (those ``wres stories`` quotes)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from wres_lib.analysis.stories import MIN_WORKFORCE_SHARE, StoryFacts
from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.narrative.stories import story_headline, story_percent, story_prose

TOP_ROWS = 10  # rows of a story's table before it points to the full press table
CHANGE_LABELS = {
    "rl_appointment": "Appointment (2)",
    "rl_disciplinary": "Disciplinary (3)",
    "rl_training": "Training (4)",
    "harassment_public_bme_pct": "Harassed by the public, BME (5)",
    "harassment_staff_bme_pct": "Harassed by staff, BME (6)",
    "equal_opportunities_bme_pct": "Equal opportunities, BME (7)",
    "discrimination_bme_pct": "Discrimination, BME (8)",
}


def _percent(values: pd.Series) -> list[str]:
    """Shares as the stories' prose gives them (whole percentages, one decimal under 10%)."""
    return [present.NOT_AVAILABLE if v != v else story_percent(v) for v in values]


def _pointer(shown: int, total: int, command: str) -> str:
    """ "The 10 of 70 with the highest share; all of them: wres table ..." or ""."""
    if total <= shown:
        return f"The full table: {command}."
    return f"The {shown} of {total} shown first; all of them: {command}."


def _white_table(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    rows = facts.detail.head(TOP_ROWS)
    frame = pd.DataFrame(
        {
            "Trust": rows["name"],
            "Type": rows["org_type"],
            "BME staff": _percent(rows["workforce_bme_pct"]),
            "Executive directors": [str(int(n)) for n in rows["executives"]],
            "Whole board White": ["yes" if w else "no" for w in rows["whole_board_white"]],
        }
    )
    command = f"wres table all-white-executives --min-workforce-share {MIN_WORKFORCE_SHARE:g}"
    return present.table(
        frame,
        caption=f"All-White executive teams where more than a fifth of staff are BME, {year}",
        note="BME staff: share of staff of known ethnicity. "
        + _pointer(len(rows), len(facts.detail), command)
        + f" {source}",
        numeric=("BME staff", "Executive directors"),
    )


def _systems_table(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    rows = facts.detail
    frame = pd.DataFrame(
        {
            "System": rows["name"],
            "Region": rows["region_name"],
            "Trusts reporting executives": [str(n) for n in rows["trusts_reporting_executives"]],
            "BME staff": _percent(rows["workforce_bme_pct"]),
            "BME population": _percent(rows["population_bme_pct"]),
        }
    )
    return present.table(
        frame,
        caption=f"Systems where no trust has a BME executive director, {year}",
        note="BME staff: share of staff of known ethnicity, from the trusts' summed counts. "
        f"The full table: wres table system-summary --level icb. {source}",
        numeric=("Trusts reporting executives", "BME staff", "BME population"),
    )


def _ladder_table(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    rows = facts.detail
    frame = pd.DataFrame(
        {
            "Step": [narrative.rung_words(step) for step in rows["step"]],
            "England ratio": [
                present.publish(v, "ratio") if ok else present.TOO_FEW
                for v, ok in zip(rows["national_value"], rows["national_published"], strict=True)
            ],
            "95% interval": [
                f"{narrative.ratio_figure(lo)}–{narrative.ratio_figure(hi)}"
                if ok and lo == lo and hi == hi  # not NaN
                else present.NOT_AVAILABLE
                for lo, hi, ok in zip(
                    rows["national_ci_low"],
                    rows["national_ci_high"],
                    rows["national_published"],
                    strict=True,
                )
            ],
            "Trusts with their bottleneck here": [str(n) for n in rows["organisations"]],
        }
    )
    none = pd.DataFrame(
        [["No single step stands out", "", "", str(rows.attrs["no_bottleneck"])]],
        columns=frame.columns,
    )
    return present.table(
        pd.concat([frame, none], ignore_index=True),
        caption=f"Where BME staff fall away: the steps of the pay-band ladder, {year}",
        note="England ratio: the odds of a White member of staff being on the higher rung "
        "rather than the lower, divided by a BME colleague's; 1 is parity. "
        f"The full table: wres table progression. {source}",
        numeric=("England ratio", "Trusts with their bottleneck here"),
    )


def _change_table(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    rows = facts.detail.head(TOP_ROWS)

    def shown(value: float, measure: str) -> str:
        return (
            present.publish(value, "ratio") if measure.startswith("rl_") else story_percent(value)
        )

    measures = rows["measure"].tolist()
    frame = pd.DataFrame(
        {
            "Trust": rows["name"],
            "Measure": [CHANGE_LABELS[m] for m in measures],
            str(year - 1): [shown(v, m) for v, m in zip(rows["previous"], measures, strict=True)],
            str(year): [shown(v, m) for v, m in zip(rows["current"], measures, strict=True)],
            "For BME staff": ["worse" if a else "better" for a in rows["adverse"]],
        }
    )
    return present.table(
        frame,
        caption=f"The largest significant changes since {year - 1}, {year}",
        note="Sorted by the change as a share of the earlier figure. "
        + _pointer(len(rows), len(facts.detail), "wres table biggest-changes")
        + f" {source}",
        numeric=(str(year - 1), str(year)),
    )


def _region_table(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    rows = facts.detail
    frame = pd.DataFrame(
        {
            "Region": rows["name"],
            "Trusts reporting executives": [str(n) for n in rows["trusts_reporting_executives"]],
            "No BME executive director": [str(n) for n in rows["trusts_without_bme_executive"]],
            "BME staff": _percent(rows["workforce_bme_pct"]),
            "Board gap": [present.publish(v, "points") for v in rows["board_gap_points"]],
        }
    )
    return present.table(
        frame,
        caption=f"Trusts with no BME executive director, by region, {year}",
        note="BME staff: share of staff of known ethnicity; board gap: BME share of voting board "
        "members minus that of staff, from the trusts' summed counts. The full table: "
        f"wres table system-summary --level region. {source}",
        numeric=("Trusts reporting executives", "No BME executive director", "BME staff"),
    )


TABLES: dict[str, Callable[[StoryFacts, int, str], present.Fragment]] = {
    "all_white_executive": _white_table,
    "no_bme_executive_system": _systems_table,
    "bottleneck": _ladder_table,
    "change": _change_table,
    "region": _region_table,
}


def story_section(facts: StoryFacts, year: int, source: str) -> present.Fragment:
    """One story: its headline (a second-level heading), its prose and its table."""
    return present.Fragment(
        '<section class="story">'
        + present.heading(story_headline(facts), 2, "story-headline")
        + present.paragraphs(story_prose(facts))
        + TABLES[facts.kind](facts, year, source)
        + "</section>"
    )
