"""The trust briefing: every figure, sentence, table and chart input, for one trust and year.

:func:`build` computes; the notebook only calls the methods of :class:`TrustBriefing`, each of
which returns a piece to display.

Mergers and code changes (:mod:`wres_lib.data.succession`): a successor's figures for its year are
its own, but its history, meaning the trend fit and chart and every comparison with last year, comes
from its continued series, in which the counts of the predecessors merged into it by the briefing's
year are summed. So in its first year as the merged organisation "last year" is its predecessors
combined, and each such comparison says so (rather than having nothing to compare with). The header
and the trends section say which years combine which predecessors, and the trend chart marks the
merger with a dotted line. A predecessor's briefing for its last year names its successor. A trust
with neither gets the same briefing as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from wres_lib.analysis.context import (
    BriefingContext,
    display_name,
    load_context,
)
from wres_lib.analysis.continued import PREDECESSORS, TWO_YEAR_MEASURE
from wres_lib.analysis.figures import Figure, figure, population_bme_share
from wres_lib.data.schema import AFC_BANDS
from wres_lib.data.succession import wres_year
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.indicators.flags import flag_words
from wres_lib.models.funnels import indicator_funnel
from wres_lib.models.model_employer import METHOD as MODEL_EMPLOYER_METHOD
from wres_lib.models.trends import trend
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present
from wres_lib.present.methods import methods_section, source_note
from wres_lib.stats.small_numbers import DEFAULT_RULE

# Below this BME share of the workforce an all-white executive team is not the headline.
NOTABLE_WORKFORCE_SHARE = 10.0
LIKELIHOODS = {
    "2": ("White applicants", "BME applicants", "to be appointed from shortlisting"),
    "3": ("BME staff", "white staff", "to enter the formal disciplinary process"),
    "4": ("White staff", "BME staff", "to access non-mandatory training and CPD"),
}
SURVEY = {
    "5": "harassment, bullying or abuse from patients, relatives or the public",
    "6": "harassment, bullying or abuse from staff",
    "7": "believing the trust offers equal opportunities for career progression",
    "8": "discrimination from a manager, team leader or colleague",
}
# How a successor came about (see TrustBriefing.lineage_kind), and how its briefing says that a
# figure of an earlier year includes its predecessors: after "up from 19% last year", as a
# column heading, and on the trend chart's dotted line.
LAST_YEAR_WORDS = {
    "merger": "for its predecessors combined",
    "takeover": "with its predecessors included",
    "code change": "under its previous code",
}
COLUMN_WORDS = {
    "merger": "predecessors combined",
    "takeover": "predecessors included",
    "code change": "previous code",
}
MARK_WORDS = {"merger": "merger", "takeover": "merger", "code change": "code change"}


@dataclass(frozen=True)
class _Row:
    label: str
    indicator: str
    measure: str
    kind: present.ValueKind
    band: str = "all"


OVERVIEW_ROWS = (
    _Row("1. BME share of the workforce", "1", "bme_share", "percent"),
    _Row("1. BME share at Bands 8a–9 and VSM", "1", "bme_share", "percent", band="upper"),
    _Row("2. Appointment from shortlisting, White vs BME", "2", "relative_likelihood", "ratio"),
    _Row("3. Entering disciplinary process, BME vs White", "3", "relative_likelihood", "ratio"),
    _Row("4. Non-mandatory training and CPD, White vs BME", "4", "relative_likelihood", "ratio"),
    _Row("5. Harassment from the public: BME minus White", "5", "gap_points", "points"),
    _Row("6. Harassment from staff: BME minus White", "6", "gap_points", "points"),
    _Row("7. Equal opportunities: BME minus White", "7", "gap_points", "points"),
    _Row("8. Discrimination at work: BME minus White", "8", "gap_points", "points"),
    _Row("9. Voting board minus workforce, BME share", "9", "board_gap_points", "points"),
)


@dataclass
class TrustBriefing:
    """One trust's briefing for one year, ready to present."""

    context: BriefingContext
    code: str
    year: int

    def __post_init__(self) -> None:
        org = self.context.organisation(self.code)
        self.name = str(org["org_name"])
        self.short_name = display_name(self.name)
        self.org_type = str(org["org_type"])
        self.icb_code, self.icb_name = str(org["icb_code"]), display_name(str(org["icb_name"]))
        self.region_code, self.region_name = str(org["region_code"]), str(org["region_name"])
        self.valid_from, self.valid_to = org["valid_from"], org["valid_to"]
        successor = org["successor_code"]
        self.successor_code = str(successor) if pd.notna(successor) and successor else None
        rows = self.context.slice("trust", self.code)
        self.rows = rows[rows["year"] <= self.year]  # a briefing never looks past its year
        if self.rows[self.rows["year"] == self.year].empty:
            years = sorted(self.rows["year"].unique())
            span = f"{years[0]}-{years[-1]}" if years else "none"
            raise KeyError(f"trust {self.code} has no data for {self.year} (years: {span})")
        lineage = self.context.lineage
        self.predecessors = lineage[
            (lineage["org_code"] == self.code) & (lineage["merged_year"] <= self.year)
        ]
        continued = self.context.continued(self.code, self.year)
        # Trends and comparisons with last year read the history: for a successor, its series
        # continued across its predecessors (flagged); for any other trust, its own rows.
        self.history = self.rows if continued is None else continued[continued["year"] <= self.year]
        self.nation = self.context.slice("national", NATIONAL_CODE)
        self.chart_source = self.context.source_line(self.year)
        self.source = source_note(self.context, self.year)

    # -- figures -------------------------------------------------------------------------
    def get(self, indicator: str, measure: str, year: int | None = None, **where: str) -> Figure:
        return figure(self.rows, indicator, measure, year or self.year, **where)

    @property
    def workforce_share(self) -> Figure:
        return self.get("1", "bme_share")

    def _board(self, membership: str) -> Figure:
        """BME share of a board membership; no value when the trust reported no such members."""
        found = self.get("9", f"{membership}_bme_pct")
        return found if found.denominator else Figure(note=f"no {membership} members reported")

    @property
    def _board_all_known(self) -> bool:
        """Every voting board member's ethnicity is recorded, so 'entirely white' is a fact."""
        unknown = self.get("9", "unknown_pct", group="Unknown")
        return unknown.value == 0

    # -- mergers and code changes --------------------------------------------------------
    def _before(self, indicator: str, measure: str, **where: str) -> Figure:
        """Last year's figure from the history: for a successor in its first year, the counts
        of its predecessors combined (flagged ``predecessors``)."""
        return figure(self.history, indicator, measure, self.year - 1, **where)

    def _since_last_year(
        self, before: Figure, old: float | None, new: float | None, kind: narrative.ChangeKind
    ) -> str:
        """The change since last year ("up from 19% last year"), saying so when last year's
        figure combines the predecessors."""
        phrase = narrative.change_phrase(old, new, kind)
        if PREDECESSORS in before.flags and old is not None and new is not None:
            return f"{phrase} {LAST_YEAR_WORDS[self.lineage_kind]}"
        return phrase

    @property
    def _combined_years(self) -> list[int]:
        """Years whose counts include a predecessor's (not counting the two-year figure of the
        year after, which sums the counts of that year too)."""
        history = self.history
        flagged = history["flag"].astype(str).str.contains(PREDECESSORS)
        flagged &= history["measure"] != TWO_YEAR_MEASURE
        return sorted(int(y) for y in history.loc[flagged.to_numpy(), "year"].unique())

    @property
    def lineage_kind(self) -> str:
        """How the trust came from its predecessors: "takeover" (it was open before they
        closed), "code change" (one predecessor) or "merger"."""
        closed = self.predecessors["closed"]
        if (closed.notna() & (closed >= self.valid_from)).any():
            return "takeover"
        return "code change" if len(self.predecessors) == 1 else "merger"

    def predecessor_note(self) -> str | None:
        """Which years of the history combine the predecessors, and when they merged; None
        for a trust without predecessors."""
        years = self._combined_years
        if self.predecessors.empty or not years:
            return None
        before = f"Figures before {years[-1] + 1}"
        listed = narrative.list_phrase(
            [
                f"{display_name(name)} ({code})"
                for code, name in zip(
                    self.predecessors["predecessor_code"],
                    self.predecessors["predecessor_name"],
                    strict=True,
                )
            ]
        )
        when = _when(self.predecessors["closed"])
        kind = self.lineage_kind
        if kind == "code change":
            dated = f", which became this trust {when}" if when else ""
            return f"{before} are those of its predecessor, {listed}{dated}."
        if kind == "takeover" and len(self.predecessors) == 1:
            dated = f", which merged into it {when}" if when else ""
            return f"{before} include the counts of its predecessor, {listed}{dated}."
        if kind == "takeover":
            dated = f", which merged into it {when}" if when else ""
            return f"{before} include the counts of its predecessors{dated}: {listed}."
        dated = f", which merged {when}" if when else ""
        return f"{before} combine its predecessors{dated}: {listed}."

    def successor_note(self) -> str | None:
        """In a closing trust's last briefing, which organisation took over its work; else None.

        The last briefing is that of the year it closed in, or of its last year of data if that
        is earlier (a trust closing in September has no data for that WRES year).
        """
        if self.successor_code is None:
            return None
        closed = self.valid_to
        last = int(self.context.slice("trust", self.code)["year"].max())
        if pd.notna(closed):
            last = min(last, wres_year(closed))
        if self.year < last:
            return None
        successor = self.context.organisation(self.successor_code)
        named = f"{display_name(str(successor['org_name']))} ({self.successor_code})"
        if pd.isna(closed):
            return f"{self.short_name} was succeeded by {named}."
        on = f"on {closed.day} {closed:%B %Y}"
        if successor["valid_from"] <= closed:
            return f"{self.short_name} closed {on} and became part of {named}."
        organisations = self.context.dataset.organisations
        partners = organisations[
            (organisations["successor_code"] == self.successor_code)
            & (organisations["org_code"] != self.code)
        ]
        if partners.empty:
            return f"{self.short_name} closed {on}; it continues as {named}."
        others = narrative.list_phrase(
            [
                f"{display_name(name)} ({code})"
                for code, name in zip(partners["org_code"], partners["org_name"], strict=True)
            ]
        )
        return f"{self.short_name} closed {on} and merged with {others} to form {named}."

    # -- headline and standfirst ---------------------------------------------------------
    def headline(self) -> str:
        """The strongest true sentence the data supports, in trade-press style."""
        share = self.workforce_share
        executive, non_executive = self._board("executive"), self._board("non_executive")
        staff = f"{narrative.percent((share.value or 0) / 100)} of its staff"
        owner = narrative.possessive(self.short_name)
        if share.available and share.value >= NOTABLE_WORKFORCE_SHARE and self._board_all_known:
            if executive.value == 0 and non_executive.value == 0:
                return (
                    f"{owner} board is entirely white, although {staff} are from ethnic "
                    "minority backgrounds"
                )
            if executive.value == 0:
                return (
                    f"{owner} executive team is entirely white, although {staff} are from "
                    "ethnic minority backgrounds"
                )
        for indicator in ("2", "3"):
            rl = self.get(indicator, "relative_likelihood")
            if rl.available and rl.significant and rl.value >= 1.25:
                subject, comparison, outcome = LIKELIHOODS[indicator]
                return narrative.capitalise_first(
                    narrative.likelihood_phrase(
                        rl.value,
                        subject=f"{subject} at {self.short_name}",
                        comparison=comparison,
                        outcome=outcome,
                    )
                )
        upper = self.get("1", "bme_share", band="upper")
        claim = (
            f"{present.publish(share.value, 'percent')} of staff at {self.short_name} are from "
            "ethnic minority backgrounds"
        )
        if not share.available:
            return f"{self.short_name}: WRES briefing {self.year}"
        if not upper.available:
            return claim
        return (
            f"{claim}, against {present.publish(upper.value, 'percent')} of its most senior staff"
        )

    def standfirst(self) -> str:
        share, last = self.workforce_share, self._before("1", "bme_share")
        article = "an" if self.org_type[0] in "aeiou" else "a"
        change = self._since_last_year(
            last,
            None if last.value is None else last.value / 100,
            None if share.value is None else share.value / 100,
            "percent",
        )
        staff = narrative.plural(share.denominator or 0, "member of staff", "members of staff")
        return (
            f"{self.short_name} is {article} {self.org_type} trust in {self.icb_name}, "
            f"{self.region_name}. On 31 March {self.year}, "
            f"{present.publish(share.value, 'percent', share.flag)} of its {staff} whose "
            f"ethnicity is recorded were from black and minority ethnic (BME) backgrounds, "
            f"{change}."
        )

    def header(self) -> present.Fragment:
        fragment = present.heading(self.headline(), 1) + present.paragraphs(
            [self.standfirst()], "standfirst"
        )
        notes = [note for note in (self.predecessor_note(), self.successor_note()) if note]
        if notes:
            fragment += present.paragraphs(notes)
        return present.Fragment(fragment)

    # -- key figures and findings --------------------------------------------------------
    def key_figures(self) -> present.Fragment:
        share, upper = self.workforce_share, self.get("1", "bme_share", band="upper")
        board, executive = self._board("board"), self._board("executive")
        appointed, disciplinary = (
            self.get("2", "relative_likelihood"),
            self.get("3", "relative_likelihood"),
        )
        on_track = self._model_employer_year()
        scored = on_track["status"].isin(["on track", "off track"])
        tracked = on_track[scored & ~self._too_few_staff(on_track)]
        items = [
            present.KeyFigure(
                present.publish(share.value, "percent", share.flag), "of staff are BME"
            ),
            present.KeyFigure(
                present.publish(upper.value, "percent", upper.flag), "of staff at Band 8a and above"
            ),
            present.KeyFigure(
                f"{executive.numerator} of {executive.denominator}"
                if executive.denominator
                else present.NOT_AVAILABLE,
                "executive directors are BME",
            ),
            present.KeyFigure(
                present.publish(board.value, "percent", board.flag), "of the voting board are BME"
            ),
            present.KeyFigure(
                present.publish(appointed.value, "ratio", appointed.flag),
                "relative likelihood of appointment, White vs BME (2)",
            ),
            present.KeyFigure(
                present.publish(disciplinary.value, "ratio", disciplinary.flag),
                "relative likelihood of disciplinary, BME vs White (3)",
            ),
            present.KeyFigure(
                f"{int(tracked['on_track'].sum())} of {len(tracked)}",
                "senior bands on track for Model Employer",
            ),
        ]
        return present.key_figures(items)

    def changes(self) -> present.Fragment:
        """What changed since last year, one sentence per headline measure."""
        lines = []
        share = self.workforce_share
        last = self._before("1", "bme_share")
        if share.available:
            lines.append(
                f"BME share of the workforce: {present.publish(share.value, 'percent')}, "
                + self._since_last_year(
                    last,
                    None if last.value is None else last.value / 100,
                    share.value / 100,
                    "percent",
                )
                + "."
            )
        for indicator, (subject, comparison, outcome) in LIKELIHOODS.items():
            now = self.get(indicator, "relative_likelihood")
            before = self._before(indicator, "relative_likelihood")
            if not now.available:
                reason = now.note or "too few people to report"
                lines.append(f"Indicator {indicator}: no figure this year ({reason}).")
                continue
            sentence = narrative.likelihood_phrase(
                now.value, subject=subject, comparison=comparison, outcome=outcome
            )
            previous = self._since_last_year(
                before, before.value if before.available else None, now.value, "ratio"
            )
            lines.append(f"{narrative.capitalise_first(sentence)} ({previous}).")
        board = self.get("9", "board_gap_points")
        board_last = self._before("9", "board_gap_points")
        if board.value is not None:
            direction = "below" if board.value < 0 else "above"
            last = present.publish(board_last.value, "points", board_last.flag)
            combined = board_last.value is not None and PREDECESSORS in board_last.flags
            words = f" {LAST_YEAR_WORDS[self.lineage_kind]}" if combined else ""
            lines.append(
                f"The voting board's BME share is {narrative.points(abs(board.value))} "
                f"{direction} the workforce's ({last} last year{words})."
            )
        return present.bullet_list(lines)

    # -- the nine indicators -------------------------------------------------------------
    def _peer_values(self) -> dict[tuple[str, str, str], float | None]:
        peers = self.context.peers(self.year)
        mine = peers[(peers["code"] == self.code) & (peers["group"] == "BME")]
        mine = mine[mine["staff_group"] == "all"]
        return {
            (str(r.indicator), str(r.measure), str(r.band)): r.type_median
            for r in mine.itertuples()
        }

    def indicator_table(self) -> present.Fragment:
        peers = self._peer_values()
        previous = str(self.year - 1)
        if self.year - 1 in self._combined_years:
            previous += f" ({COLUMN_WORDS[self.lineage_kind]})"
        records = []
        for row in OVERVIEW_ROWS:
            now = self.get(row.indicator, row.measure, band=row.band)
            before = self._before(row.indicator, row.measure, band=row.band)
            nation = figure(self.nation, row.indicator, row.measure, self.year, band=row.band)
            peer = peers.get((row.indicator, row.measure, row.band))
            records.append(
                {
                    "Indicator": row.label,
                    str(self.year): present.publish(now.value, row.kind, now.flag),
                    previous: present.publish(before.value, row.kind, before.flag),
                    f"Median {self.org_type} trust": present.publish(peer, row.kind),
                    "England": present.publish(nation.value, row.kind, nation.flag),
                    "Flags": flag_words(now.flag) or "–",
                }
            )
        frame = pd.DataFrame.from_records(records)
        return present.table(
            frame,
            caption=f"The WRES indicators, {self.short_name}, {self.year}",
            note=(
                "Relative likelihoods: 1 is parity, above 1 is adverse for BME staff; 0.80–1.25 "
                "is widely read as broadly proportionate. Survey rows: percentage points, BME "
                "minus White (indicator 7 is adverse when negative). 'Significant': the 95% "
                "interval excludes parity or the two-proportion test gives p < 0.05 (our "
                f"addition). Peers: median of {self.org_type} trusts in England, this trust "
                f"included; figures on small numbers left out. {self.source}."
            ),
            numeric=(
                str(self.year),
                previous,
                f"Median {self.org_type} trust",
                "England",
            ),
        )

    def survey_table(self) -> present.Fragment:
        records = []
        for indicator, label in SURVEY.items():
            white = self.get(indicator, "pct_white", group="White")
            bme = self.get(indicator, "pct_bme")
            gap = self.get(indicator, "gap_points")
            if not gap.available:
                significant = "–"
            elif gap.p_value is None:
                significant = "no test"
            else:
                significant = "yes" if gap.significant else "no"
            records.append(
                {
                    "Indicator": f"{indicator}. {narrative.capitalise_first(label)}",
                    "White": present.publish(white.value, "percent", white.flag),
                    "BME": present.publish(bme.value, "percent", bme.flag),
                    "Gap": present.publish(gap.value, "points", gap.flag),
                    "Significant": significant,
                }
            )
        return present.table(
            pd.DataFrame.from_records(records),
            caption=(
                f"Staff survey indicators 5–8, {self.short_name} (survey of autumn {self.year - 1})"
            ),
            note="Significant: a two-proportion z test gives p < 0.05 (our addition). "
            + self.source,
            numeric=("White", "BME", "Gap"),
        )

    # -- representation by band ----------------------------------------------------------
    def band_chart(self) -> present.Fragment:
        rows = self.rows[
            (self.rows["year"] == self.year)
            & (self.rows["indicator"] == "1")
            & (self.rows["measure"] == "bme_share")
            & (self.rows["staff_group"] == "all")
            & (self.rows["band"].isin(AFC_BANDS))
        ].copy()
        rows["order"] = rows["band"].map({band: i for i, band in enumerate(AFC_BANDS)})
        rows = rows.sort_values("order")
        rows.loc[rows["flag"].str.contains("small_numbers"), "value"] = float("nan")
        share = self.workforce_share
        fig = charts.band_share_chart(
            rows[["band", "value", "ci_low", "ci_high"]].reset_index(drop=True),
            share.value,
            title=f"BME share of staff by pay band, {self.year}",
            subtitle=f"{self.short_name}; dashed line: whole workforce",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        return present.chart(
            fig, f"Bar chart of the BME share of staff at each pay band, {self.year}"
        )

    def disparity(self) -> present.Fragment:
        names = {
            "lower_to_middle": "Bands 1–5 to Bands 6–7",
            "middle_to_upper": "Bands 6–7 to Bands 8a and above",
            "lower_to_upper": "Bands 1–5 to Bands 8a and above",
        }
        records = []
        for measure, label in names.items():
            ratio = self.get("disparity", measure)
            interval = (
                f"{narrative.ratio_figure(ratio.ci_low)}–{narrative.ratio_figure(ratio.ci_high)}"
                if ratio.ci_low is not None and ratio.available
                else "–"
            )
            records.append(
                {
                    "Step": label,
                    "Ratio": present.publish(ratio.value, "ratio", ratio.flag),
                    "95% interval": interval,
                    "Flags": flag_words(ratio.flag) or "–",
                }
            )
        bottleneck = self.rows[
            (self.rows["year"] == self.year)
            & (self.rows["measure"] == "bottleneck")
            & (self.rows["staff_group"] == "all")
        ]
        sentences = []
        main = bottleneck.iloc[0] if not bottleneck.empty else None
        reportable = (
            main is not None
            and main["band"] in names
            and pd.notna(main["value"])
            and "small_numbers" not in str(main["flag"])
        )
        if reportable and main["value"] <= 1:
            sentences.append("No step between band groups favours white staff this year.")
        elif reportable:
            step = names[main["band"]]
            value = main["value"]
            sentences.append(
                f"The main bottleneck is the step from {step}: the odds of a white member of "
                f"staff being at the higher level were {narrative.ratio_figure(value)} times "
                "those of a BME colleague."
            )
        else:
            sentences.append("There are too few staff to name a bottleneck this year.")
        return present.Fragment(
            present.paragraphs(sentences)
            + present.table(
                pd.DataFrame.from_records(records),
                caption="Racial disparity ratios (1 is parity; above 1 favours white staff)",
                note="Odds ratios with Woolf's 95% interval; our reconstruction of the WRES "
                "method. " + self.source,
                numeric=("Ratio", "95% interval"),
            )
        )

    # -- board ---------------------------------------------------------------------------
    def board(self) -> present.Fragment:
        population = population_bme_share(self.context.dataset.population, self.icb_code, self.year)
        values = {
            "Executive directors": self._board("executive").value,
            "Non-executive directors": self._board("non_executive").value,
            "Voting board": self._board("board").value,
            "Workforce": self.workforce_share.value,
            "Population served (system)": population,
        }
        fig = charts.board_comparison_chart(
            values,
            title=f"BME share of the board, the workforce and the population, {self.year}",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        sentences = [self._executive_history()]
        return present.Fragment(
            present.paragraphs(sentences)
            + present.chart(fig, "Bar chart comparing BME shares of board, workforce, population")
        )

    def _executive_history(self) -> str:
        """When the trust last had a BME executive director, up to the briefing's year."""
        executives = self.rows[
            (self.rows["indicator"] == "9") & (self.rows["measure"] == "executive_bme_pct")
        ]
        reported = executives[executives["denominator"].fillna(0) > 0]
        with_bme = reported.loc[reported["numerator"] > 0, "year"]
        now = self.get("9", "executive_bme_pct")
        if now.numerator:
            directors = narrative.plural(now.numerator, "BME executive director", spell_out=True)
            return f"{self.short_name} has {directors} in {self.year}."
        if with_bme.empty:
            first = int(reported["year"].min()) if len(reported) else self.year
            return (
                f"{self.short_name} has had no BME executive director in any year from "
                f"{first} to {self.year}."
            )
        return f"{self.short_name} last had a BME executive director in {int(with_bme.max())}."

    # -- Model Employer -------------------------------------------------------------------
    def _model_employer_rows(self) -> pd.DataFrame:
        table = self.context.model_employer
        return table[(table["code"] == self.code) & (table["year"] <= self.year)]

    @staticmethod
    def _too_few_staff(rows: pd.DataFrame) -> pd.Series:
        """Senior bands whose share rests on too few staff to publish (never the board)."""
        return (rows["band"] != "Board") & (rows["staff"] < DEFAULT_RULE.min_denominator)

    def _model_employer_year(self) -> pd.DataFrame:
        rows = self._model_employer_rows()
        return rows[rows["year"] == self.year]

    def model_employer(self) -> present.Fragment:
        rows = self._model_employer_rows()
        hidden = self._too_few_staff(rows)
        fig = charts.model_employer_chart(
            rows.assign(actual_share=rows["actual_share"].mask(hidden))[
                ["band", "year", "line_share", "actual_share", "target_share"]
            ],
            title="Model Employer trajectory: BME share at senior bands",
            subtitle="Dashed: our straight-line approximation of the 2028 target",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        now = self._model_employer_year()
        records = []
        for r, too_few in zip(now.itertuples(), self._too_few_staff(now), strict=True):
            board = r.band == "Board"
            records.append(
                {
                    "Band": r.band,
                    "On the line": narrative.percent(r.line_share),
                    "Actual": present.TOO_FEW
                    if too_few
                    else narrative.percent(r.actual_share)
                    if pd.notna(r.actual_share)
                    else present.NOT_AVAILABLE,
                    "Status": present.TOO_FEW if too_few else r.status,
                    "BME staff needed": "–"
                    if too_few or pd.isna(r.gap)
                    else str(int(r.gap))
                    if board
                    else present.publish(r.gap, "count"),
                }
            )
        return present.Fragment(
            present.chart(fig, "Line charts of BME share against the Model Employer line by band")
            + present.table(
                pd.DataFrame.from_records(records),
                caption=f"Senior bands against the Model Employer line, {self.year}",
                note=MODEL_EMPLOYER_METHOD + " " + self.source,
                numeric=("On the line", "Actual", "BME staff needed"),
            )
        )

    # -- trends and funnel ---------------------------------------------------------------
    def trends(self) -> present.Fragment:
        """Indicators 2-4 over the years, fitted and charted; for a successor, across the
        merger (its predecessors' counts combined before it)."""
        history = self.history
        inputs = history[
            history["measure"].isin(["relative_likelihood", "rate_pct"])
            & history["indicator"].isin(list(LIKELIHOODS))
        ]
        # Years whose BME figure rests on small numbers are not published, so not fitted either.
        small_years = inputs.loc[
            (inputs["measure"] == "relative_likelihood")
            & (inputs["group"] == "BME")
            & inputs["flag"].str.contains("small_numbers"),
            ["indicator", "year"],
        ]
        keys = inputs.set_index(["indicator", "year"]).index
        inputs = inputs[~keys.isin(small_years.set_index(["indicator", "year"]).index)]
        fitted = trend(inputs, measures=["relative_likelihood"])
        fitted = fitted[fitted["group"] == "BME"]
        rows = inputs[(inputs["measure"] == "relative_likelihood") & (inputs["group"] == "BME")]
        labels = {"2": "Appointment (2)", "3": "Disciplinary (3)", "4": "Training (4)"}
        series = rows.assign(label=rows["indicator"].map(labels))
        small = series["flag"].str.contains("small_numbers")
        series.loc[small, ["value", "ci_low", "ci_high"]] = float("nan")
        subtitle, marks, sentences = f"{self.short_name}; 1 is parity", [], []
        note = self.predecessor_note()
        if note:
            last_combined = self._combined_years[-1]
            kind = self.lineage_kind
            months = _months(self.predecessors["closed"])
            subtitle += f"; before {last_combined + 1}: {COLUMN_WORDS[kind]}"
            label = ", ".join([MARK_WORDS[kind], *months[-1:]])
            marks.append((last_combined + 0.5, label))
            sentences.append(note)
        fig = charts.trend_chart(
            series[["year", "label", "value", "ci_low", "ci_high"]],
            title="Relative likelihoods over time, with 95% intervals",
            subtitle=subtitle,
            source=self.chart_source,
            synthetic=self.context.synthetic,
            marks=marks,
        )
        for r in fitted.sort_values("indicator").itertuples():
            label = labels[str(r.indicator)]
            if pd.notna(r.parity_year):
                sentences.append(
                    f"{label}: changing by a factor of "
                    f"{narrative.ratio_figure(r.annual_change, 3)} a year; parity would be "
                    f"reached in {int(r.parity_year)} if the trend held."
                )
            elif pd.notna(r.annual_change):
                sentences.append(f"{label}: {r.reason} ({r.n_years} years).")
            else:
                sentences.append(f"{label}: {r.reason}.")
        return present.Fragment(
            present.chart(fig, "Line chart of indicators 2 to 4 over time")
            + present.bullet_list(sentences)
        )

    def funnel(self) -> present.Fragment:
        table = self.context.indicators
        rows = table[table["level"].isin(["trust", "national"]) & (table["year"] == self.year)]
        # Trusts whose figure is too small to publish are not placed on the funnel.
        rows = rows[~rows["flag"].str.contains("small_numbers")]
        funnel = indicator_funnel(rows, self.year, "2", "relative_likelihood")
        fig = charts.funnel_chart(
            funnel.limits,
            funnel.positions,
            highlight=self.code,
            kind="ratio",
            title=f"Appointment from shortlisting (indicator 2), all trusts, {self.year}",
            subtitle="Funnel plot: 95% and 99.8% limits around the England figure",
            source=self.chart_source,
            synthetic=self.context.synthetic,
        )
        mine = funnel.positions[funnel.positions["code"] == self.code]
        words = {
            "within": "within the 95% limits: no different from England beyond chance",
            "above_95": "above the 95% limit: more adverse than England",
            "above_998": "above the 99.8% limit: clearly more adverse than England",
            "below_95": "below the 95% limit: less adverse than England",
            "below_998": "below the 99.8% limit: clearly less adverse than England",
        }
        if mine.empty:
            where = "not placed on the funnel: its figure rests on too few applicants"
        else:
            position = str(mine.iloc[0]["position"])
            reason = str(mine.iloc[0]["note"]) or "its figure cannot be calculated"
            where = words.get(position, f"not placed on the funnel: {reason}")
        return present.Fragment(
            present.chart(fig, "Funnel plot of indicator 2 across trusts")
            + present.paragraphs(
                [f"{self.short_name} is {where}.", funnel.method + " (our addition)."]
            )
        )

    # -- data quality and methods --------------------------------------------------------
    def data_quality(self) -> present.Fragment:
        now = self.rows[self.rows["year"] == self.year]
        lines = []
        for indicator, what in (("1", "staff"), ("2", "shortlisted applicants"), ("9", "board")):
            unknown = figure(now, indicator, "unknown_pct", self.year, group="Unknown")
            if unknown.value is not None:
                shown = present.publish(unknown.value, "percent", unknown.flag)
                lines.append(f"Ethnicity not recorded ({what}): {shown}.")
        small = int(now["flag"].str.contains("small_numbers").sum())
        figures = narrative.capitalise_first(narrative.plural(small, "figure"))
        lines.append(
            f"{figures} in this trust's full indicator table (every band, staff group and ethnic "
            f"group) {'rests' if small == 1 else 'rest'} on fewer than "
            f"{DEFAULT_RULE.min_denominator} people; any shown here read 'too few to report'."
        )
        if self.context.synthetic:
            lines.append("Every figure here is synthetic: invented for testing and demonstration.")
        return present.bullet_list(lines)

    def methods(self) -> present.Fragment:
        return methods_section(self.source)


def build(data_dir: str | Path, org_code: str, year: int) -> TrustBriefing:
    """The briefing of trust ``org_code`` for ``year`` from the dataset in ``data_dir``."""
    return TrustBriefing(load_context(data_dir), org_code, year)


def _months(closed: pd.Series) -> list[str]:
    """The months after the closing dates, oldest first: ["April 2021"]."""
    months = sorted({(date + pd.Timedelta(days=1)).to_period("M") for date in closed.dropna()})
    return [f"{month:%B %Y}" for month in months]


def _when(closed: pd.Series) -> str:
    """When the predecessors merged: "in April 2021", "between April 2018 and April 2021", or
    "" when no closing date is given."""
    months = _months(closed)
    if not months:
        return ""
    return f"in {months[0]}" if len(months) == 1 else f"between {months[0]} and {months[-1]}"
