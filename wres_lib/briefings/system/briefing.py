"""The system briefing: an ICB or a region, held to account on its trusts' summed counts.

:class:`SystemBriefing` holds the facts (its rows, trusts, findings and place among the systems);
each section is a function of it in a sibling module, so the notebook calls one method a section.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
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
from wres_lib.analysis.findings import Finding, ranked
from wres_lib.analysis.findings.system import system_findings
from wres_lib.analysis.summary import trust_summary, unbalanced_boards
from wres_lib.analysis.systems import system_table
from wres_lib.briefings import missing
from wres_lib.briefings.action_plans import system_action_plans
from wres_lib.briefings.system import accountability, header, trends, trusts
from wres_lib.briefings.systems_table import systems_table
from wres_lib.briefings.trust import bands, survey
from wres_lib.indicators.catalogue import indicator
from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.methods import methods_section, source_note
from wres_lib.present.narrative.places import region_phrase
from wres_lib.stats.small_numbers import DEFAULT_RULE

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
        self.region_code = str(members.iloc[0]["region_code"])
        self.region_name = str(members.iloc[0]["region_name"])
        # The name as a sentence gives it: "Tarrow ICS", "the Midlands".
        self.short_name = region_phrase(self.name) if self.level == "region" else self.name
        self.member_codes = list(members["org_code"])
        rows = self.context.slice(self.level, self.code)
        self.rows = rows[rows["year"] <= self.year]
        self.history = self.rows
        self.trusts = trust_summary(self.context, self.year, self.member_codes)
        self.chart_source = self.context.source_line(self.year)
        self.source = source_note(self.context, self.year)
        self.word = LEVEL_WORDS[self.level]
        # The optional tables with no rows for this system's trusts in the year.
        self.absent = [
            table
            for table in OPTIONAL_FIGURES
            if not has_figures(self.context.dataset, table, self.year, self.member_codes)
        ]

    # -- facts -----------------------------------------------------------------------------
    def get(self, indicator: str, measure: str, year: int | None = None, **where: str) -> Figure:
        return figure(self.rows, indicator, measure, year or self.year, **where)

    def missing_tables(self, number: str) -> list[str]:
        """The tables of indicator ``number`` with no rows for this system's trusts this year."""
        dataset = self.context.dataset
        return [
            table
            for table in indicator(number).tables
            if not has_figures(dataset, table, self.year, self.member_codes)
        ]

    def no_figures(self, tables: list[str]) -> str:
        """ "No board figures for 2025 in this dataset." """
        return missing.no_figures(tables, self.year)

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

    @cached_property
    def systems(self) -> pd.DataFrame:
        """Every system (or region) this year (:func:`~wres_lib.analysis.systems.system_table`)."""
        return system_table(self.context, self.year, self.level)

    @cached_property
    def findings(self) -> list[Finding]:
        """The findings, worded, most newsworthy first (the first is the headline)."""
        found = system_findings(self.context, self.level, self.code, self.year, self.systems)
        return narrative.worded_system(ranked(found), self.short_name)

    # -- sections --------------------------------------------------------------------------
    def headline(self) -> str:
        return header.headline(self)

    def bottleneck_sentence(self) -> str:
        return trusts.bottleneck_sentence(self)

    def header(self) -> present.Fragment:
        return header.header(self)

    def key_figures(self) -> present.Fragment:
        return header.key_figures(self)

    def held_to_account(self) -> present.Fragment:
        """An ICB's ranks among its region's systems and all systems; a region's systems."""
        if self.level == "region":
            return systems_table(self.context, self.year, self.code)
        return accountability.ranks(self)

    def findings_list(self) -> present.Fragment:
        return trusts.findings_list(self)

    def trends(self) -> present.Fragment:
        return trends.trends(self)

    def survey(self) -> present.Fragment:
        return survey.survey_table(self)  # type: ignore[arg-type]  # same facts as a trust's

    def disparity(self) -> present.Fragment:
        return bands.disparity(self)  # type: ignore[arg-type]  # same facts as a trust's

    def trust_table(self) -> present.Fragment:
        return trusts.trust_table(self)

    def board_gap_chart(self) -> present.Fragment:
        return trusts.board_gap_chart(self)

    def action_plans(self) -> present.Fragment:
        """How many of its trusts set targets, where those stand, and its own targets."""
        return system_action_plans(
            self.context.targets, self.year, self.trusts, self.code, self.short_name, self.source
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


def build(data_dir: str | Path, level: str, code: str, year: int) -> SystemBriefing:
    """The briefing of ICB or region ``code`` for ``year`` from the dataset in ``data_dir``."""
    return SystemBriefing(load_context(data_dir), level, code, year)
