"""The facts of one trust for one year: its figures, last year's, its peers and its lineage.

Every section of the trust briefing reads a :class:`TrustFacts`; none queries the context
itself. A briefing never looks past its year. Mergers and code changes
(:mod:`wres_lib.data.succession`): a successor's figures for its year are its own, but its
history (the trend fit and chart and every comparison with last year) is its continued series,
in which the counts of the predecessors merged into it by the briefing's year are summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from wres_lib.analysis import coverage
from wres_lib.analysis.context import BriefingContext, display_name
from wres_lib.analysis.continued import TWO_YEAR_MEASURE
from wres_lib.analysis.figures import Figure, figure
from wres_lib.analysis.findings import Finding, ranked
from wres_lib.analysis.findings.trust import trust_findings
from wres_lib.analysis.published import too_few_staff
from wres_lib.briefings import missing
from wres_lib.data.schema import BME, WHITE
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.indicators.catalogue import indicator
from wres_lib.indicators.flags import PREDECESSORS, SMALL_NUMBERS
from wres_lib.present import narrative
from wres_lib.present.methods import source_note


@dataclass
class TrustFacts:
    """One trust's figures for one year and the history they are compared with."""

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
        self.rows = rows[rows["year"] <= self.year]
        if self.rows[self.rows["year"] == self.year].empty:
            years = sorted(self.rows["year"].unique())
            span = f"{years[0]}-{years[-1]}" if years else "none"
            raise KeyError(f"trust {self.code} has no data for {self.year} (years: {span})")
        lineage = self.context.lineage
        self.predecessors = lineage[
            (lineage["org_code"] == self.code) & (lineage["merged_year"] <= self.year)
        ]
        # Trends and comparisons with last year read the history: for a successor, its series
        # continued across its predecessors (flagged); for any other trust, its own rows.
        self.history = self.context.history(self.code, self.year)
        self.nation = self.context.slice("national", NATIONAL_CODE)
        self.chart_source = self.context.source_line(self.year)
        self.source = source_note(self.context, self.year)

    # -- this year's figures -------------------------------------------------------------
    def get(self, indicator: str, measure: str, year: int | None = None, **where: str) -> Figure:
        """The trust's figure for one indicator measure (this year unless ``year``)."""
        return figure(self.rows, indicator, measure, year or self.year, **where)

    def england(self, indicator: str, measure: str, **where: str) -> Figure:
        """England's figure for this year."""
        return figure(self.nation, indicator, measure, self.year, **where)

    @cached_property
    def findings(self) -> list[Finding]:
        """The trust's findings, worded, most newsworthy first (the first is the headline)."""
        found = ranked(trust_findings(self.context, self.code, self.year))
        return narrative.worded(found, self.short_name)

    def event_counts(self, indicator: str) -> tuple[int | None, int | None]:
        """White and BME event counts (appointments, disciplinary entries, ...) of a relative
        likelihood this year, from its rate rows."""
        white = self.get(indicator, "rate_pct", group=WHITE)
        bme = self.get(indicator, "rate_pct", group=BME)
        return white.numerator, bme.numerator

    def no_events_sentence(self, indicator: str) -> str | None:
        """'No BME member of staff entered the formal disciplinary process, against 12 White
        colleagues' when one group had no event (and both enough people to publish); None
        otherwise."""
        ratio = self.get(indicator, "relative_likelihood")
        white, bme = self.event_counts(indicator)
        if white is None or bme is None or SMALL_NUMBERS in ratio.flags or (white and bme):
            return None
        if bme == 0:
            return narrative.no_events_sentence(indicator, BME, WHITE, white)
        return narrative.no_events_sentence(indicator, WHITE, BME, bme)

    @property
    def workforce_share(self) -> Figure:
        return self.get("1", "bme_share")

    def board_share(self, membership: str) -> Figure:
        """BME share of a board membership; no value when the trust reported no such members."""
        found = self.get("9", f"{membership}_bme_pct")
        return found if found.denominator else Figure(note=f"no {membership} members reported")

    @property
    def board_all_known(self) -> bool:
        """Every voting board member's ethnicity is recorded, so 'entirely white' is a fact."""
        unknown = self.get("9", "unknown_pct", group="Unknown")
        return unknown.value == 0

    # -- last year's -----------------------------------------------------------------------
    def before(self, indicator: str, measure: str, **where: str) -> Figure:
        """Last year's figure from the history: for a successor in its first year, the counts
        of its predecessors combined (flagged ``predecessors``)."""
        return figure(self.history, indicator, measure, self.year - 1, **where)

    # -- peers -------------------------------------------------------------------------------
    def peer_medians(self) -> dict[tuple[str, str, str], float | None]:
        """The median trust of this trust's type, by (indicator, measure, band)."""
        peers = self.context.peers(self.year)
        mine = peers[(peers["code"] == self.code) & (peers["group"] == "BME")]
        mine = mine[mine["staff_group"] == "all"]
        return {
            (str(r.indicator), str(r.measure), str(r.band)): r.type_median
            for r in mine.itertuples()
        }

    # -- Model Employer ----------------------------------------------------------------------
    def model_employer_rows(self) -> pd.DataFrame:
        """The trust's Model Employer rows up to this year."""
        table = self.context.model_employer
        return table[(table["code"] == self.code) & (table["year"] <= self.year)]

    def model_employer_year(self) -> pd.DataFrame:
        rows = self.model_employer_rows()
        return rows[rows["year"] == self.year]

    def senior_bands_on_track(self) -> tuple[int, int]:
        """How many senior bands with a published share are on track, of how many scored."""
        now = self.model_employer_year()
        scored = now["status"].isin(["on track", "off track"])
        tracked = now[scored & ~too_few_staff(now)]
        return int(tracked["on_track"].sum()), len(tracked)

    # -- action plan --------------------------------------------------------------------------
    def targets(self) -> pd.DataFrame | None:
        """The trust's action-plan targets with their status this year (None when the dataset
        has no targets table)."""
        history = self.target_history()
        return None if history is None else history[history["year"] == self.year]

    def target_history(self) -> pd.DataFrame | None:
        """The trust's targets with their status in every year up to this one."""
        table = self.context.targets
        if table is None:
            return None
        return table[(table["org_code"] == self.code) & (table["year"] <= self.year)]

    # -- mergers and code changes ----------------------------------------------------------
    @property
    def combined_years(self) -> list[int]:
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

    def last_data_year(self) -> int:
        """The trust's last year of data (which may be after this briefing's)."""
        return int(self.context.slice("trust", self.code)["year"].max())

    # -- what the dataset covers -------------------------------------------------------------
    def missing_tables(self, number: str) -> list[str]:
        """The tables of indicator ``number`` with no rows for this trust and year."""
        dataset = self.context.dataset
        return [
            table
            for table in indicator(number).tables
            if not coverage.has_figures(dataset, table, self.year, [self.code])
        ]

    def no_figures(self, tables: list[str]) -> str:
        """ "No recruitment figures for 2025 in this dataset." (naming the trust when other
        trusts have them)."""
        dataset = self.context.dataset
        elsewhere = any(coverage.has_figures(dataset, t, self.year) for t in tables)
        return missing.no_figures(tables, self.year, self.short_name if elsewhere else "")

    @property
    def peer_trusts(self) -> int:
        """How many trusts of this trust's type report this year, itself included."""
        return coverage.trusts_reporting(self.context.dataset, self.year, self.org_type)

    @property
    def compares_with_peers(self) -> bool:
        return self.peer_trusts >= coverage.MIN_PEER_TRUSTS

    @property
    def compares_with_england(self) -> bool:
        return coverage.covers_england(self.context.dataset, self.year)

    @property
    def england_left_out(self) -> str:
        """Why this briefing does not compare the trust with England."""
        return missing.england_left_out(coverage.trusts_reporting(self.context.dataset, self.year))

    @property
    def peers_left_out(self) -> str:
        """Why this briefing does not compare the trust with the median of its type."""
        return missing.peers_left_out(self.org_type, self.peer_trusts)
