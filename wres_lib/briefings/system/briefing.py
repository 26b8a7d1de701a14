"""The system briefing: an ICB or a region, held to account on its trusts' summed counts.

:class:`SystemBriefing` is its :class:`~wres_lib.briefings.system.facts.SystemFacts` with one
method a section (each a function in a sibling module), so the notebook calls one method a
section.
"""

from __future__ import annotations

from pathlib import Path

from wres_lib.analysis.context import load_context
from wres_lib.briefings.action_plans import system_action_plans
from wres_lib.briefings.system import accountability, header, trends, trusts
from wres_lib.briefings.system.facts import LEVEL_WORDS, SystemFacts
from wres_lib.briefings.systems_table import systems_table
from wres_lib.briefings.trust import bands, survey
from wres_lib.present import fragments as present
from wres_lib.present.methods import methods_section
from wres_lib.stats.small_numbers import DEFAULT_RULE

__all__ = ["LEVEL_WORDS", "SystemBriefing", "build"]


class SystemBriefing(SystemFacts):
    """The briefing of one ICB or region for one year."""

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
        """The trust briefing's survey table: it reads only what a system's facts also have
        (``get``, ``missing_tables``, ``no_figures``, ``short_name``, ``year``, ``source``)."""
        return survey.survey_table(self)

    def disparity(self) -> present.Fragment:
        """The trust briefing's progression ladder and disparity ratios, from the summed rows
        (it reads ``rows``, ``get``, ``short_name``, ``year``, ``chart_source``, ``source``)."""
        return bands.disparity(self)

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
    return SystemBriefing(load_context(data_dir, year=year), level, code, year)
