"""A system briefing's trusts: the findings among them, their table and their board gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from wres_lib.analysis.pipeline import pipeline
from wres_lib.analysis.published import summary_flag
from wres_lib.analysis.summary import UNBALANCED_WORKFORCE_SHARE
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present
from wres_lib.stats.small_numbers import DEFAULT_RULE

if TYPE_CHECKING:
    from wres_lib.briefings.system.facts import SystemFacts

LARGEST_GAPS_SHOWN = 3
# Lists of trusts longer than this are summarised with a pointer to the table.
LONGEST_LIST = 5


def findings_list(briefing: SystemFacts) -> present.Fragment:
    lines = []
    none = briefing.no_bme_executive
    if "board" in briefing.absent:
        lines.append(briefing.no_figures(["board"]))
    elif len(none) > LONGEST_LIST:
        trusts = narrative.count_of(len(none), len(briefing.reporting), "trust", "the")
        lines.append(
            f"{narrative.capitalise_first(trusts)} that reported executives had no BME "
            f"executive director in {briefing.year}: the table of trusts below names them."
        )
    elif len(none):
        names = narrative.list_phrase(sorted(none["name"]))
        trusts = narrative.plural(len(none), "trust", spell_out=True)
        lines.append(
            f"{narrative.capitalise_first(trusts)} with no BME executive director in "
            f"{briefing.year}: {names}."
        )
    else:
        lines.append(
            f"Every trust in {briefing.short_name} has at least one BME executive director."
        )
    unbalanced = briefing.unbalanced_boards
    if len(unbalanced):
        detail = narrative.list_phrase(
            [
                f"{r.name} ({narrative.percent(r.workforce_bme_pct / 100)} BME workforce)"
                for r in unbalanced.sort_values("workforce_bme_pct", ascending=False).itertuples()
            ]
        )
        lines.append(
            f"All-White boards despite a workforce at least "
            f"{narrative.percent(UNBALANCED_WORKFORCE_SHARE / 100)} BME: {detail}."
        )
    below = briefing.trusts[briefing.trusts["board_gap_points"] < 0]
    gaps = below.nsmallest(LARGEST_GAPS_SHOWN, "board_gap_points")
    if len(gaps):
        detail = narrative.list_phrase(
            [
                f"{r.name} ({narrative.points(abs(r.board_gap_points))} "
                f"{'below' if r.board_gap_points < 0 else 'above'})"
                for r in gaps.itertuples()
            ]
        )
        lines.append(f"Boards furthest below their workforce's BME share: {detail}.")
    lines.append(bottleneck_sentence(briefing))
    population = briefing.population_share
    board, share = briefing.get("9", "board_bme_pct"), briefing.get("1", "bme_share")
    if population is not None and board.value is not None and share.value is not None:
        lines.append(
            f"BME people are {narrative.percent(population / 100)} of the population served, "
            f"{narrative.percent(share.value / 100)} of staff and "
            f"{narrative.percent(board.value / 100)} of voting board members."
        )
    return present.bullet_list(lines)


def bottleneck_sentence(briefing: SystemFacts) -> str:
    """Where BME staff fall away most on the progression ladder of the summed counts."""
    main = pipeline(briefing.rows, briefing.year).bottleneck
    if main is None or main.value is None:
        return narrative.no_bottleneck_sentence(DEFAULT_RULE.min_events)
    return narrative.bottleneck_sentence(
        main.lower, main.upper, main.value, main.ci_low, main.ci_high
    )


def trust_table(briefing: SystemFacts) -> present.Fragment:
    trusts = briefing.trusts.sort_values("workforce_bme_pct", ascending=False)
    frame = pd.DataFrame(
        {
            "Trust": trusts["name"],
            "Type": trusts["org_type"],
            "BME staff": [present.publish(v, "percent") for v in trusts["workforce_bme_pct"]],
            "BME at 8a+": _published(trusts, "upper_bme_pct", "percent"),
            "BME executives": [
                f"{int(b)} of {int(t)}" if pd.notna(t) else "–"
                for b, t in zip(trusts["bme_executives"], trusts["executives"], strict=True)
            ],
            "Board gap": [present.publish(v, "points") for v in trusts["board_gap_points"]],
            "Appointment (2)": _published(trusts, "rl_appointment", "ratio"),
            "Disciplinary (3)": _published(trusts, "rl_disciplinary", "ratio"),
        }
    )
    sources = {"board": ["BME executives", "Board gap"], "recruitment": ["Appointment (2)"]}
    sources["disciplinary"] = ["Disciplinary (3)"]
    left_out = [c for t in briefing.absent for c in sources.get(t, [])]
    frame = frame.drop(columns=left_out)
    return present.table(
        frame,
        caption=f"Trusts in {briefing.short_name}, {briefing.year}, by BME share of staff",
        note=(
            "Board gap: BME share of the voting board minus BME share of the workforce, in "
            "percentage points. "
            if "Board gap" in frame
            else ""
        )
        + briefing.source,
        numeric=tuple(
            c
            for c in (
                "BME staff",
                "BME at 8a+",
                "Board gap",
                "Appointment (2)",
                "Disciplinary (3)",
            )
            if c in frame
        ),
    )


def board_gap_chart(briefing: SystemFacts) -> present.Fragment:
    if "board" in briefing.absent:
        return present.paragraphs([briefing.no_figures(["board"])])
    fig = charts.ranked_bar_chart(
        briefing.trusts,
        label_column="name",
        value_column="board_gap_points",
        reference=0.0,
        value_format="points",
        title=f"Board minus workforce BME share, trusts in {briefing.short_name}, {briefing.year}",
        subtitle="Percentage points; below zero: the board is less diverse than the staff",
        source=briefing.chart_source,
        synthetic=briefing.context.synthetic,
    )
    return present.chart(fig, board_gap_alt(briefing), board_gap_table(briefing))


def board_gap_alt(briefing: SystemFacts) -> str:
    """The board-gap chart's message: how many boards are less diverse than their staff,
    and the widest gap."""
    alt = (
        f"Ranked bar chart of the board gap at each trust in {briefing.short_name}, {briefing.year}"
    )
    gaps = briefing.trusts.dropna(subset=["board_gap_points"])
    if gaps.empty:
        return f"{alt}: no trust has a board gap to show."
    widest = gaps.sort_values(["board_gap_points", "name"]).iloc[0]
    below = int((gaps["board_gap_points"] < 0).sum())
    return (
        f"{alt}: {below} of {len(gaps)} trusts have a board less diverse than their staff; "
        f"the widest gap is {present.publish(widest['board_gap_points'], 'points')} at "
        f"{widest['name']}."
    )


def board_gap_table(briefing: SystemFacts) -> present.Fragment:
    """The board-gap chart's figures: each trust's gap, largest first as charted."""
    ordered = briefing.trusts.sort_values(
        ["board_gap_points", "name"], ascending=[False, True], na_position="last"
    )
    frame = pd.DataFrame(
        {
            "Trust": ordered["name"].astype(str).tolist(),
            "Board gap": [present.publish(v, "points") for v in ordered["board_gap_points"]],
        }
    )
    return present.table(
        frame,
        caption=(
            f"Board minus workforce BME share, trusts in {briefing.short_name}, {briefing.year}"
        ),
        numeric=("Board gap",),
    )


def _published(trusts: pd.DataFrame, column: str, kind: present.ValueKind) -> list[str]:
    """A summary column as published: figures on small numbers read "too few to report"."""
    flags = summary_flag(trusts[f"{column}_too_few"])
    return [present.publish(v, kind, f) for v, f in zip(trusts[column], flags, strict=True)]
