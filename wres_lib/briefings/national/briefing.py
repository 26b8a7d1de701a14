"""The national briefing: the year's stories, then the reference tables (changes, distribution,
league table, boards, regions, action plans, published figures)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.analysis.coverage import (
    MIN_FUNNEL_TRUSTS,
    OPTIONAL_FIGURES,
    covers_england,
    has_figures,
    trusts_reporting,
)
from wres_lib.analysis.figures import Figure, figure
from wres_lib.analysis.reference import (
    PublishedFiguresError,
    compare,
    published_path,
    read_published,
)
from wres_lib.analysis.stories import (
    StoryFacts,
    appointment_above,
    national_stories,
    unbalanced_executives,
)
from wres_lib.analysis.summary import rankable, reportable, trust_summary
from wres_lib.briefings.action_plans import national_action_plans
from wres_lib.briefings.distribution import distribution_alt, distribution_table
from wres_lib.briefings.missing import england_left_out, no_figures
from wres_lib.briefings.national.published import published_table
from wres_lib.briefings.national.stories import story_section
from wres_lib.briefings.systems_table import systems_table
from wres_lib.indicators import catalogue
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present
from wres_lib.present.methods import methods_section, source_note
from wres_lib.present.narrative.stories import run_in, story_headline, story_percent
from wres_lib.stats.small_numbers import DEFAULT_RULE

LEAGUE_SIZE = 10
KNOWN_SHARE = "BME staff: share of staff of known ethnicity."
NATIONAL_ROWS = (
    ("BME share of all staff (1)", "1", "bme_share_all", "all", "percent"),
    ("BME share of staff of known ethnicity (1)", "1", "bme_share", "all", "percent"),
    ("BME share at Bands 8a–9 and VSM, known ethnicity (1)", "1", "bme_share", "upper", "percent"),
    ("Appointment from shortlisting, White vs BME (2)", "2", "relative_likelihood", "all", "ratio"),
    ("Entering disciplinary, BME vs White (3)", "3", "relative_likelihood", "all", "ratio"),
    ("Non-mandatory training, White vs BME (4)", "4", "relative_likelihood", "all", "ratio"),
    ("Harassment from the public, BME minus White (5)", "5", "gap_points", "all", "points"),
    ("Harassment from staff, BME minus White (6)", "6", "gap_points", "all", "points"),
    ("Equal opportunities, BME minus White (7)", "7", "gap_points", "all", "points"),
    ("Discrimination at work, BME minus White (8)", "8", "gap_points", "all", "points"),
    ("Voting board minus workforce, BME share (9)", "9", "board_gap_points", "all", "points"),
)


@dataclass
class NationalBriefing:
    """The England briefing for one year."""

    context: BriefingContext
    year: int

    def __post_init__(self) -> None:
        self.rows = self.context.slice("national", NATIONAL_CODE)
        if self.rows[self.rows["year"] == self.year].empty:
            raise KeyError(f"no national figures for {self.year}")
        self.trusts = trust_summary(self.context, self.year)
        self.chart_source = self.context.source_line(self.year)
        self.source = source_note(self.context, self.year)
        dataset = self.context.dataset
        self.absent = [t for t in OPTIONAL_FIGURES if not has_figures(dataset, t, self.year)]
        self.covers_england = covers_england(dataset, self.year)

    def left_out(self, *tables: str) -> present.Fragment | None:
        """The sentence said in place of a section on ``tables`` with no rows, or None."""
        absent = [table for table in tables if table in self.absent]
        return present.paragraphs([no_figures(absent, self.year)]) if absent else None

    def get(self, indicator: str, measure: str, year: int | None = None, **where: str) -> Figure:
        return figure(self.rows, indicator, measure, year or self.year, **where)

    @property
    def no_bme_executive(self) -> pd.DataFrame:
        return self.trusts[self.trusts["no_bme_executive"]]

    @property
    def unbalanced_boards(self) -> pd.DataFrame:
        """Trusts with an all-White executive team and more than a fifth of staff BME whose
        whole board is White (the all-white-executives table's whole_board_white rows)."""
        teams = unbalanced_executives(self.context, self.year)
        return teams[teams["whole_board_white"]]

    @cached_property
    def story_facts(self) -> list[StoryFacts]:
        """The year's stories, strongest first (what ``wres stories`` selects), on the tables
        this dataset has."""
        if not self.covers_england:
            return []
        needs = {"all_white_executive": "board", "no_bme_executive_system": "board",
                 "region": "board", "change": None, "bottleneck": None}  # fmt: skip
        return [f for f in national_stories(self.context, self.year)
                if needs[f.kind] not in self.absent]  # fmt: skip

    def headline(self) -> str:
        """The strongest story's headline (issue: headlines chosen from findings)."""
        share = self.get("1", "bme_share_all")
        if not self.covers_england:
            trusts = narrative.plural(trusts_reporting(self.context.dataset, self.year), "trust")
            return f"WRES figures of {trusts}, {self.year}"
        if self.story_facts:
            return story_headline(self.story_facts[0])
        if share.value is None:
            return f"England: WRES briefing {self.year}"
        return (
            f"{narrative.percent(share.value / 100)} of all NHS staff in England are from BME "
            f"backgrounds, {self.year}"
        )

    def stories(self) -> present.Fragment:
        """The year's stories, each a headline with a figure, prose and its table."""
        if not self.covers_england:
            return present.paragraphs(
                [f"The national stories are left out: this dataset holds "
                 f"{narrative.plural(len(self.trusts), 'trust')}, too few to stand for England."]
            )  # fmt: skip
        if not self.story_facts:
            return present.paragraphs(
                [f"No national story stands out in the figures of {self.year}."]
            )
        return present.Fragment(
            "".join(story_section(f, self.year, self.source) for f in self.story_facts)
        )

    def header(self) -> present.Fragment:
        share = self.get("1", "bme_share_all")
        last = self.get("1", "bme_share_all", self.year - 1)
        unknown = self.get("1", "unknown_pct", group="Unknown")
        now = None if share.value is None else share.value / 100
        standfirst = (
            f"The WRES picture for England in {self.year}, from "
            f"{narrative.plural(len(self.trusts), 'trust')}: {narrative.percent(now)} of all "
            "staff are from BME backgrounds, "
            + narrative.change_phrase(None if last.value is None else last.value / 100, now)
            + f"; ethnicity is unknown for {present.publish(unknown.value, 'percent')}."
        )
        if not self.covers_england:
            standfirst = (
                england_left_out(len(self.trusts))
                + " "
                + standfirst.replace("for England", "of this dataset", 1)
            )
        sentences = [standfirst]
        if also := [story_headline(f) for f in self.story_facts[1:3]]:
            sentences.append("Also in this edition: " + "; ".join(run_in(h) for h in also) + ".")
        return present.Fragment(
            present.heading(self.headline(), 1) + present.paragraphs(sentences, "standfirst")
        )

    def key_figures(self) -> present.Fragment:
        appointed = self.get("2", "relative_likelihood")
        disciplinary = self.get("3", "relative_likelihood")
        unknown = self.get("1", "unknown_pct", group="Unknown")
        above, with_figure = appointment_above(self.context, self.year, "trust")
        reporting = int((self.trusts["executives"] > 0).sum())
        items = [
            present.KeyFigure(
                present.publish(self.get("1", "bme_share_all").value, "percent"),
                "of all staff are BME (ethnicity unknown for "
                f"{present.publish(unknown.value, 'percent')})",
            ),
            present.KeyFigure(
                present.publish(appointed.value, "ratio"),
                "relative likelihood of appointment, White vs BME (2)",
            ),
            present.KeyFigure(
                present.publish(disciplinary.value, "ratio"),
                "relative likelihood of disciplinary, BME vs White (3)",
            ),
            present.KeyFigure(
                str(above),
                f"of the {with_figure} trusts with a figure are above 1.25 on indicator 2, "
                "interval excluding 1",
            ),
            present.KeyFigure(
                str(len(self.no_bme_executive)),
                f"of the {reporting} trusts that reported executive directors have no BME "
                "executive director",
            ),
        ]
        sources = (None, "recruitment", "disciplinary", "recruitment", "board")
        return present.key_figures(
            [item for item, t in zip(items, sources, strict=True) if t not in self.absent]
        )

    def changes(self) -> present.Fragment:
        records, absent = [], []
        for label, indicator, measure, band, kind in NATIONAL_ROWS:
            if missing := [t for t in catalogue.indicator(indicator).tables if t in self.absent]:
                absent += [table for table in missing if table not in absent]
                continue
            now = self.get(indicator, measure, band=band)
            before = self.get(indicator, measure, self.year - 1, band=band)
            records.append(
                {
                    "Indicator": label,
                    str(self.year - 1): present.publish(before.value, kind, before.flag),
                    str(self.year): present.publish(now.value, kind, now.flag),
                }
            )
        said = present.paragraphs([no_figures(absent, self.year)]) if absent else ""
        return present.Fragment(said + self._changes_table(records))

    def _changes_table(self, records: list[dict[str, str]]) -> present.Fragment:
        return present.table(
            pd.DataFrame.from_records(records),
            caption=f"{'England' if self.covers_england else 'All trusts in this dataset'}, "
            f"{self.year - 1} and {self.year}",
            note="England figures are built by summing every trust's counts. " + self.source,
            numeric=(str(self.year - 1), str(self.year)),
        )

    def distribution(self) -> present.Fragment:
        if said := self.left_out("recruitment"):
            return said
        if not self.covers_england:
            return present.paragraphs([england_left_out(len(self.trusts))])
        appointed = self.get("2", "relative_likelihood")
        values = reportable(self.trusts, "rl_appointment")
        fig = charts.distribution_chart(
            values,
            reference=appointed.value,
            reference_label="England",
            value_label="Relative likelihood of appointment, White vs BME (2)",
            is_ratio=True,
            title=f"How trusts compare on indicator 2, {self.year}",
            subtitle="Each trust's relative likelihood; 1 is parity",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        return present.chart(
            fig,
            distribution_alt(values, appointed.value, self.year),
            distribution_table(values, self.year),
        )

    def league_tables(self) -> present.Fragment:
        if said := self.left_out("recruitment"):
            return said
        if len(reportable(self.trusts, "rl_appointment")) < MIN_FUNNEL_TRUSTS:
            return present.paragraphs(
                [f"Too few trusts have a figure on indicator 2 in {self.year} to rank them."]
            )
        ranked = self.trusts.assign(rl_appointment=rankable(self.trusts, "rl_appointment"))
        worst = ranked.dropna(subset=["rl_appointment"]).sort_values(
            ["rl_appointment", "code"], ascending=[False, True]
        )[:LEAGUE_SIZE]
        unranked = self.trusts[self.trusts["rl_appointment_few_events"]]["name"].tolist()
        few = (
            f" Too few events to rank (fewer than {DEFAULT_RULE.min_events} appointments in a "
            f"group): {', '.join(unranked)}."
            if unranked
            else ""
        )
        appointment = pd.DataFrame(
            {
                "Trust": worst["name"],
                "Type": worst["org_type"],
                "Appointment (2)": [present.publish(v, "ratio") for v in worst["rl_appointment"]],
                "BME staff": [present.publish(v, "percent") for v in worst["workforce_bme_pct"]],
            }
        )
        return present.table(
            appointment,
            caption=f"The {LEAGUE_SIZE} trusts where White applicants were most likely to be "
            f"appointed relative to BME applicants, {self.year}",
            note=(
                f"Left out: trusts with fewer than {DEFAULT_RULE.min_denominator} applicants in "
                "a group, and trusts where the figure cannot be calculated (for example no BME "
                f"applicant appointed).{few} {KNOWN_SHARE} " + self.source
            ),
            numeric=("Appointment (2)", "BME staff"),
        )

    def unbalanced_boards_table(self) -> present.Fragment:
        if said := self.left_out("board"):
            return said
        boards = self.unbalanced_boards
        frame = pd.DataFrame(
            {
                "Trust": boards["name"],
                "Type": boards["org_type"],
                "BME staff": [story_percent(v) for v in boards["workforce_bme_pct"]],
                "Board members (all)": [
                    f"{int(e + n)}"
                    for e, n in zip(boards["executives"], boards["non_executives"], strict=True)
                ],
            }
        )
        count = narrative.plural(len(boards), "trust", spell_out=True)
        return present.Fragment(
            present.paragraphs(
                [
                    f"{narrative.capitalise_first(count)} where more than a fifth of staff of "
                    "known ethnicity are BME "
                    f"{'has' if len(boards) == 1 else 'have'} an entirely White board, "
                    "non-executive directors included."
                ]
            )
            + (
                present.table(
                    frame,
                    caption=f"All-White boards where more than a fifth of staff are BME, "
                    f"{self.year}",
                    note=f"{KNOWN_SHARE} {self.source}",
                    numeric=("BME staff", "Board members (all)"),
                )
                if len(boards)
                else present.Fragment("")
            )
        )

    def regions(self) -> present.Fragment:
        table = self.context.indicators
        rows = table[(table["level"] == "region") & (table["year"] == self.year)]
        records = []
        for code in sorted(rows["code"].unique()):
            mine = rows[rows["code"] == code]
            share, share_all, board = (
                figure(mine, "1", "bme_share", self.year),
                figure(mine, "1", "bme_share_all", self.year),
                figure(mine, "9", "board_gap_points", self.year),
            )
            appointed = figure(mine, "2", "relative_likelihood", self.year)
            records.append(
                {
                    "Region": str(mine.iloc[0]["name"]),
                    "BME, all staff": present.publish(share_all.value, "percent"),
                    "BME, known ethnicity": present.publish(share.value, "percent"),
                    "Board gap": present.publish(board.value, "points"),
                    "Appointment (2)": present.publish(appointed.value, "ratio"),
                }
            )
        sources = {"board": "Board gap", "recruitment": "Appointment (2)"}
        frame = pd.DataFrame.from_records(records).drop(
            columns=[column for table, column in sources.items() if table in self.absent]
        )
        covered = "seven" if self.covers_england else "dataset's"
        return present.table(
            frame,
            caption=f"The {covered} NHS England regions, {self.year}",
            note="Regional figures are built by summing trusts' counts. BME, all staff: the share "
            "NHS England publishes, ethnicity unknown included in the total; known ethnicity: "
            "the share the comparisons use. " + self.source,
            numeric=tuple(
                c
                for c in ("BME, all staff", "BME, known ethnicity", "Board gap", "Appointment (2)")
                if c in frame
            ),
        )

    def systems(self) -> present.Fragment:
        """Every system (ICB), worst board gap first, each with its one-line finding."""
        return systems_table(self.context, self.year)

    def action_plans(self) -> present.Fragment:
        """Trusts with action-plan targets and the status of their targets, by region."""
        organisations = self.context.dataset.organisations.set_index("org_code")["region_name"]
        return national_action_plans(
            self.context.targets, self.year, self.trusts, organisations, self.source
        )

    def published_figures(self) -> present.Fragment:
        """This dataset's national figures beside those NHS England has published (real data)."""
        if self.context.synthetic:
            return present.paragraphs(
                ["The sample is synthetic, so its figures are not set beside those NHS England "
                 "has published."]
            )  # fmt: skip
        try:
            published = read_published(published_path())
        except PublishedFiguresError as error:
            return present.paragraphs([f"No published figures to compare with: {error}."])
        return published_table(compare(self.rows, published))

    def methods(self) -> present.Fragment:
        return methods_section(self.source)


def build(data_dir: str | Path, year: int) -> NationalBriefing:
    """The national briefing for ``year`` from the dataset in ``data_dir``."""
    return NationalBriefing(load_context(data_dir, year=year), year)
