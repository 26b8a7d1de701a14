"""How a trust briefing words its lineage: predecessors merged into it and its successor.

A successor's briefing says which years of its history combine its predecessors' counts and
when they merged, and a comparison with a year that combines them says so. A closing trust's
last briefing names the organisation that took over its work.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import display_name
from wres_lib.analysis.figures import Figure
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.data.succession import wres_year
from wres_lib.indicators.flags import PREDECESSORS
from wres_lib.present import narrative

# How a successor came about (TrustFacts.lineage_kind), and how its briefing says that a figure
# of an earlier year includes its predecessors: after "up from 19% last year", as a column
# heading, and on the trend chart's dotted line.
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


def last_year_words(facts: TrustFacts, before: Figure) -> str:
    """ " for its predecessors combined" when last year's figure combines the predecessors."""
    combined = before.value is not None and PREDECESSORS in before.flags
    return f" {LAST_YEAR_WORDS[facts.lineage_kind]}" if combined else ""


def since_last_year(
    facts: TrustFacts,
    before: Figure,
    old: float | None,
    new: float | None,
    kind: narrative.ChangeKind,
) -> str:
    """The change since last year ("up from 19% last year"), saying so when last year's
    figure combines the predecessors."""
    phrase = narrative.change_phrase(old, new, kind)
    if PREDECESSORS in before.flags and old is not None and new is not None:
        return f"{phrase} {LAST_YEAR_WORDS[facts.lineage_kind]}"
    return phrase


def previous_year_heading(facts: TrustFacts) -> str:
    """The heading of last year's column: "2021 (predecessors combined)" where it applies."""
    previous = str(facts.year - 1)
    if facts.year - 1 in facts.combined_years:
        previous += f" ({COLUMN_WORDS[facts.lineage_kind]})"
    return previous


def trend_mark(facts: TrustFacts) -> tuple[str, tuple[float, str]]:
    """The trend chart's subtitle words and dotted line for a successor's combined years."""
    last_combined = facts.combined_years[-1]
    kind = facts.lineage_kind
    months = _months(facts.predecessors["closed"])
    words = f"; before {last_combined + 1}: {COLUMN_WORDS[kind]}"
    return words, (last_combined + 0.5, ", ".join([MARK_WORDS[kind], *months[-1:]]))


def predecessor_note(facts: TrustFacts) -> str | None:
    """Which years of the history combine the predecessors, and when they merged; None for a
    trust without predecessors."""
    years = facts.combined_years
    predecessors = facts.predecessors
    if predecessors.empty or not years:
        return None
    before = f"Figures before {years[-1] + 1}"
    listed = narrative.list_phrase(
        [
            f"{display_name(name)} ({code})"
            for code, name in zip(
                predecessors["predecessor_code"], predecessors["predecessor_name"], strict=True
            )
        ]
    )
    when = _when(predecessors["closed"])
    kind = facts.lineage_kind
    if kind == "code change":
        dated = f", which became this trust {when}" if when else ""
        return f"{before} are those of its predecessor, {listed}{dated}."
    if kind == "takeover" and len(predecessors) == 1:
        dated = f", which merged into it {when}" if when else ""
        return f"{before} include the counts of its predecessor, {listed}{dated}."
    if kind == "takeover":
        dated = f", which merged into it {when}" if when else ""
        return f"{before} include the counts of its predecessors{dated}: {listed}."
    dated = f", which merged {when}" if when else ""
    return f"{before} combine its predecessors{dated}: {listed}."


def successor_note(facts: TrustFacts) -> str | None:
    """In a closing trust's last briefing, which organisation took over its work; else None.

    The last briefing is that of the year it closed in, or of its last year of data if that is
    earlier (a trust closing in September has no data for that WRES year).
    """
    if facts.successor_code is None:
        return None
    closed = facts.valid_to
    last = facts.last_data_year()
    if pd.notna(closed):
        last = min(last, wres_year(closed))
    if facts.year < last:
        return None
    successor = facts.context.organisation(facts.successor_code)
    named = f"{display_name(str(successor['org_name']))} ({facts.successor_code})"
    if pd.isna(closed):
        return f"{facts.short_name} was succeeded by {named}."
    on = f"on {closed.day} {closed:%B %Y}"
    if successor["valid_from"] <= closed:
        return f"{facts.short_name} closed {on} and became part of {named}."
    organisations = facts.context.dataset.organisations
    partners = organisations[
        (organisations["successor_code"] == facts.successor_code)
        & (organisations["org_code"] != facts.code)
    ]
    if partners.empty:
        return f"{facts.short_name} closed {on}; it continues as {named}."
    others = narrative.list_phrase(
        [
            f"{display_name(name)} ({code})"
            for code, name in zip(partners["org_code"], partners["org_name"], strict=True)
        ]
    )
    return f"{facts.short_name} closed {on} and merged with {others} to form {named}."


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
