"""The trust briefing: the facts of one trust and year, with one method per section.

The notebook calls :func:`build` and then the methods of :class:`TrustBriefing` in order; each
returns a piece to display and is written in its own module of this package.
"""

from __future__ import annotations

from pathlib import Path

from wres_lib.analysis.context import load_context
from wres_lib.briefings.trust import (
    action_plan,
    bands,
    board,
    changes,
    funnel,
    headline,
    indicator_table,
    key_figures,
    lineage,
    model_employer,
    quality,
    survey,
    trends,
)
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.present import fragments as present


class TrustBriefing(TrustFacts):
    """One trust's briefing for one year, ready to present."""

    def predecessor_note(self) -> str | None:
        return lineage.predecessor_note(self)

    def successor_note(self) -> str | None:
        return lineage.successor_note(self)

    def headline(self) -> str:
        return headline.headline(self)

    def standfirst(self) -> str:
        return headline.standfirst(self)

    def header(self) -> present.Fragment:
        return headline.header(self)

    def key_figures(self) -> present.Fragment:
        return key_figures.key_figures(self)

    def changes(self) -> present.Fragment:
        return changes.changes(self)

    def indicator_table(self) -> present.Fragment:
        return indicator_table.indicator_table(self)

    def survey_table(self) -> present.Fragment:
        return survey.survey_table(self)

    def band_chart(self) -> present.Fragment:
        return bands.band_chart(self)

    def disparity(self) -> present.Fragment:
        return bands.disparity(self)

    def board(self) -> present.Fragment:
        return board.board(self)

    def model_employer(self) -> present.Fragment:
        return model_employer.model_employer(self)

    def action_plan(self) -> present.Fragment:
        return action_plan.action_plan(self)

    def trends(self) -> present.Fragment:
        return trends.trends(self)

    def funnel(self) -> present.Fragment:
        return funnel.funnel(self)

    def data_quality(self) -> present.Fragment:
        return quality.data_quality(self)

    def methods(self) -> present.Fragment:
        return quality.methods(self)


def build(data_dir: str | Path, org_code: str, year: int) -> TrustBriefing:
    """The briefing of trust ``org_code`` for ``year`` from the dataset in ``data_dir``."""
    return TrustBriefing(load_context(data_dir, year=year), org_code, year)
