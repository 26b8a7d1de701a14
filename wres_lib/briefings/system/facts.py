"""The facts of one ICB or region for one year: its summed rows, its trusts, its findings and
its place among the systems. Every section of the system briefing reads a :class:`SystemFacts`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from wres_lib.analysis.context import (
    BriefingContext,
    display_name,
    unknown_code_message,
)
from wres_lib.analysis.coverage import OPTIONAL_FIGURES, has_figures
from wres_lib.analysis.figures import Figure, figure, population_bme_share
from wres_lib.analysis.findings import Finding, ranked
from wres_lib.analysis.findings.system import system_findings
from wres_lib.analysis.summary import trust_summary, unbalanced_boards
from wres_lib.analysis.systems import system_table
from wres_lib.briefings import missing
from wres_lib.indicators.catalogue import indicator
from wres_lib.present import narrative
from wres_lib.present.methods import source_note
from wres_lib.present.narrative.places import place_name

LEVEL_WORDS = {"icb": "system", "region": "region"}


@dataclass
class SystemFacts:
    """One ICB's or region's figures for one year, from its trusts' summed counts."""

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
        self.short_name = place_name(self.name) if self.level == "region" else self.name
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
