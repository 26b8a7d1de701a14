"""The system briefing: an ICB or a region, its trusts ranked, and findings found automatically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from wres_lib.analysis.context import (
    BriefingContext,
    display_name,
    load_context,
    unknown_code_message,
)
from wres_lib.analysis.coverage import OPTIONAL_FIGURES, has_figures
from wres_lib.analysis.figures import Figure, figure, population_bme_share
from wres_lib.analysis.pipeline import pipeline
from wres_lib.analysis.published import summary_flag
from wres_lib.analysis.summary import UNBALANCED_WORKFORCE_SHARE, trust_summary, unbalanced_boards
from wres_lib.briefings.action_plans import system_action_plans
from wres_lib.briefings.missing import no_figures
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present
from wres_lib.present.methods import methods_section, source_note
from wres_lib.stats.small_numbers import DEFAULT_RULE

LARGEST_GAPS_SHOWN = 3
LEVEL_WORDS = {"icb": "system", "region": "region"}


@dataclass
class SystemBriefing:
    """The briefing of one ICB or region for one year."""

    context: BriefingContext
    level: str
    code: str
    year: int

    def __post_init__(self) -> None:
        if self.level not in LEVEL_WORDS:
            raise ValueError(f"level must be icb or region, got {self.level!r}")
        organisations = self.context.dataset.organisations
        column = f"{self.level}_code"
        members = organisations[organisations[column] == self.code]
        if members.empty:
            known = sorted(organisations[column].unique())
            raise KeyError(unknown_code_message(self.code, known, LEVEL_WORDS[self.level]))
        self.name = display_name(str(members.iloc[0][f"{self.level}_name"]))
        self.rows = self.context.slice(self.level, self.code)
        self.trusts = trust_summary(self.context, self.year, list(members["org_code"]))
        self.chart_source = self.context.source_line(self.year)
        self.source = source_note(self.context, self.year)
        self.word = LEVEL_WORDS[self.level]
        # The optional tables with no rows for this system's trusts in the year.
        self.absent = [
            table
            for table in OPTIONAL_FIGURES
            if not has_figures(self.context.dataset, table, self.year, members["org_code"])
        ]

    def no_figures(self, *tables: str) -> str:
        """ "No board figures for 2025 in this dataset." """
        return no_figures(tables, self.year)

    def get(self, indicator: str, measure: str, year: int | None = None, **where: str) -> Figure:
        return figure(self.rows, indicator, measure, year or self.year, **where)

    @property
    def population_share(self) -> float | None:
        return population_bme_share(self.context.dataset.population, self.code, self.year)

    @property
    def reporting(self) -> pd.DataFrame:
        """Trusts that reported executive members this year: the base of every board count."""
        return self.trusts[self.trusts["executives"] > 0]

    @property
    def no_bme_executive(self) -> pd.DataFrame:
        return self.trusts[self.trusts["no_bme_executive"]]

    @property
    def unbalanced_boards(self) -> pd.DataFrame:
        return unbalanced_boards(self.trusts)

    # -- headline -------------------------------------------------------------------------
    def headline(self) -> str:
        total, none = len(self.reporting), len(self.no_bme_executive)
        population = self.population_share
        if total == 0:  # no board figures: the share of staff leads
            none = 0
        elif none == total and total > 1:
            claim = (
                f"None of the {narrative.number_word(total)} trusts in {self.name} has a BME "
                "executive director"
            )
        else:
            trusts = narrative.count_of(none, total, "trust", possessive="the")
            verb = "has" if none == 1 else "have"
            claim = (
                f"{narrative.capitalise_first(trusts)} in {self.name} {verb} no BME "
                "executive director"
            )
        if none and population is not None and population >= UNBALANCED_WORKFORCE_SHARE:
            return (
                f"{claim}, although {narrative.percent(population / 100)} of the population it "
                "serves is from ethnic minority backgrounds"
            )
        if none:
            return claim
        share = self.get("1", "bme_share")
        upper = self.get("1", "bme_share", band="upper")
        return (
            f"{present.publish(share.value, 'percent')} of staff in {self.name} are from ethnic "
            f"minority backgrounds, against {present.publish(upper.value, 'percent')} at Band 8a "
            "and above"
        )

    def header(self) -> present.Fragment:
        share = self.get("1", "bme_share")
        standfirst = (
            f"{self.name} is an NHS England {self.word} with "
            f"{narrative.plural(len(self.trusts), 'trust', spell_out=True)} reporting in "
            f"{self.year}. Its figures below are built by summing the trusts' counts: "
            f"{present.publish(share.value, 'percent')} of staff whose ethnicity is recorded "
            "are BME."
        )
        return present.Fragment(
            present.heading(self.headline(), 1) + present.paragraphs([standfirst], "standfirst")
        )

    def key_figures(self) -> present.Fragment:
        share, board = self.get("1", "bme_share"), self.get("9", "board_bme_pct")
        appointed = self.get("2", "relative_likelihood")
        population = self.population_share
        items = [
            present.KeyFigure(present.publish(share.value, "percent"), "of staff are BME"),
            present.KeyFigure(
                present.publish(population, "percent"), "of the population served is BME"
            ),
            present.KeyFigure(
                present.publish(board.value, "percent"), "of voting board members are BME"
            ),
            present.KeyFigure(
                f"{len(self.no_bme_executive)} of {len(self.reporting)}",
                "trusts with no BME executive director",
            ),
            present.KeyFigure(
                present.publish(appointed.value, "ratio", appointed.flag),
                "relative likelihood of appointment, White vs BME (2)",
            ),
        ]
        sources = (None, None, "board", "board", "recruitment")
        return present.key_figures(
            [item for item, t in zip(items, sources, strict=True) if t not in self.absent]
        )

    # -- findings -----------------------------------------------------------------------
    def findings(self) -> present.Fragment:
        lines = []
        none = self.no_bme_executive
        if "board" in self.absent:
            lines.append(self.no_figures("board"))
        elif len(none):
            names = narrative.list_phrase(sorted(none["name"]))
            trusts = narrative.plural(len(none), "trust", spell_out=True)
            lines.append(
                f"{narrative.capitalise_first(trusts)} with no BME executive director in "
                f"{self.year}: {names}."
            )
        else:
            lines.append(f"Every trust in {self.name} has at least one BME executive director.")
        unbalanced = self.unbalanced_boards
        if len(unbalanced):
            detail = narrative.list_phrase(
                [
                    f"{r.name} ({narrative.percent(r.workforce_bme_pct / 100)} BME workforce)"
                    for r in unbalanced.sort_values(
                        "workforce_bme_pct", ascending=False
                    ).itertuples()
                ]
            )
            lines.append(
                f"All-white boards despite a workforce at least "
                f"{narrative.percent(UNBALANCED_WORKFORCE_SHARE / 100)} BME: {detail}."
            )
        below = self.trusts[self.trusts["board_gap_points"] < 0]
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
        lines.append(self.bottleneck_sentence())
        population = self.population_share
        board, share = self.get("9", "board_bme_pct"), self.get("1", "bme_share")
        if population is not None and board.value is not None and share.value is not None:
            lines.append(
                f"BME people are {narrative.percent(population / 100)} of the population served, "
                f"{narrative.percent(share.value / 100)} of staff and "
                f"{narrative.percent(board.value / 100)} of voting board members."
            )
        return present.bullet_list(lines)

    def bottleneck_sentence(self) -> str:
        """Where BME staff fall away most on the progression ladder of the summed counts."""
        main = pipeline(self.rows, self.year).bottleneck
        if main is None or main.value is None:
            return narrative.no_bottleneck_sentence(DEFAULT_RULE.min_events)
        return narrative.bottleneck_sentence(
            main.lower, main.upper, main.value, main.ci_low, main.ci_high
        )

    # -- tables and charts ------------------------------------------------------------------
    def trust_table(self) -> present.Fragment:
        trusts = self.trusts.sort_values("workforce_bme_pct", ascending=False)
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
        left_out = [c for t in self.absent for c in sources.get(t, [])]
        frame = frame.drop(columns=left_out)
        return present.table(
            frame,
            caption=f"Trusts in {self.name}, {self.year}, by BME share of staff",
            note=(
                "Board gap: BME share of the voting board minus BME share of the workforce, in "
                "percentage points. "
                if "Board gap" in frame
                else ""
            )
            + self.source,
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

    def board_gap_chart(self) -> present.Fragment:
        if "board" in self.absent:
            return present.paragraphs([self.no_figures("board")])
        fig = charts.ranked_bar_chart(
            self.trusts,
            label_column="name",
            value_column="board_gap_points",
            reference=0.0,
            value_format="points",
            title=f"Board minus workforce BME share, trusts in {self.name}, {self.year}",
            subtitle="Percentage points; below zero: the board is less diverse than the staff",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        return present.chart(fig, self._board_gap_alt(), self._board_gap_table())

    def _board_gap_alt(self) -> str:
        """The board-gap chart's message: how many boards are less diverse than their staff,
        and the widest gap."""
        alt = f"Ranked bar chart of the board gap at each trust in {self.name}, {self.year}"
        gaps = self.trusts.dropna(subset=["board_gap_points"])
        if gaps.empty:
            return f"{alt}: no trust has a board gap to show."
        widest = gaps.sort_values(["board_gap_points", "name"]).iloc[0]
        below = int((gaps["board_gap_points"] < 0).sum())
        return (
            f"{alt}: {below} of {len(gaps)} trusts have a board less diverse than their staff; "
            f"the widest gap is {present.publish(widest['board_gap_points'], 'points')} at "
            f"{widest['name']}."
        )

    def _board_gap_table(self) -> present.Fragment:
        """The board-gap chart's figures: each trust's gap, largest first as charted."""
        ordered = self.trusts.sort_values(
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
            caption=f"Board minus workforce BME share, trusts in {self.name}, {self.year}",
            numeric=("Board gap",),
        )

    def action_plans(self) -> present.Fragment:
        """How many of its trusts set targets, where those stand, and its own targets."""
        return system_action_plans(
            self.context.targets, self.year, self.trusts, self.code, self.name, self.source
        )

    def data_quality(self) -> present.Fragment:
        unknown = self.get("1", "unknown_pct", group="Unknown")
        return present.bullet_list(
            [
                f"Ethnicity not recorded: {present.publish(unknown.value, 'percent')} of staff.",
                f"Trust figures resting on fewer than {DEFAULT_RULE.min_denominator} people are "
                "shown as 'too few to report'.",
            ]
            + (["Every figure here is synthetic."] if self.context.synthetic else [])
        )

    def methods(self) -> present.Fragment:
        return methods_section(self.source)


def _published(trusts: pd.DataFrame, column: str, kind: present.ValueKind) -> list[str]:
    """A summary column as published: figures on small numbers read "too few to report"."""
    flags = summary_flag(trusts[f"{column}_too_few"])
    return [present.publish(v, kind, f) for v, f in zip(trusts[column], flags, strict=True)]


def build(data_dir: str | Path, level: str, code: str, year: int) -> SystemBriefing:
    """The briefing of ICB or region ``code`` for ``year`` from the dataset in ``data_dir``."""
    return SystemBriefing(load_context(data_dir), level, code, year)
