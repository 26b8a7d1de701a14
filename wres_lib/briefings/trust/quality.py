"""The end of a trust briefing: data quality and methods."""

from __future__ import annotations

from wres_lib.analysis.figures import figure
from wres_lib.analysis.published import count_too_few
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.methods import methods_section
from wres_lib.stats.small_numbers import DEFAULT_RULE

UNKNOWN_ETHNICITY = (("1", "staff"), ("2", "shortlisted applicants"), ("9", "board"))


def data_quality(facts: TrustFacts) -> present.Fragment:
    """Unrecorded ethnicity, how many figures rest on small numbers, and whether it is synthetic."""
    now = facts.rows[facts.rows["year"] == facts.year]
    lines = []
    for indicator, what in UNKNOWN_ETHNICITY:
        unknown = figure(now, indicator, "unknown_pct", facts.year, group="Unknown")
        if unknown.value is not None:
            shown = present.publish(unknown.value, "percent", unknown.flag)
            lines.append(f"Ethnicity not recorded ({what}): {shown}.")
    small = count_too_few(now)
    figures = narrative.capitalise_first(narrative.plural(small, "figure"))
    lines.append(
        f"{figures} in this trust's full indicator table (every band, staff group and ethnic "
        f"group) {'rests' if small == 1 else 'rest'} on fewer than "
        f"{DEFAULT_RULE.min_denominator} people; any shown here read 'too few to report'."
    )
    if facts.context.synthetic:
        lines.append("Every figure here is synthetic: invented for testing and demonstration.")
    return present.bullet_list(lines)


def methods(facts: TrustFacts) -> present.Fragment:
    """How the figures are made, with the source."""
    return methods_section(facts.source)
