"""The top of a trust briefing: headline, standfirst and lineage notes."""

from __future__ import annotations

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.briefings.trust.lineage import predecessor_note, since_last_year, successor_note
from wres_lib.present import fragments as present
from wres_lib.present import narrative

STANDFIRST_FINDINGS = 2  # the findings after the headline that the standfirst gives


def headline(facts: TrustFacts) -> str:
    """The highest-scoring finding (:mod:`wres_lib.analysis.findings`), or a plain statement
    that none stands out."""
    findings = facts.findings
    if not findings:
        return narrative.nothing_stands_out(facts.short_name, facts.year)
    return findings[0].sentence


def standfirst(facts: TrustFacts) -> str:
    """The next two findings, then who the trust is and its BME share of all staff."""
    following = [f"{f.sentence}." for f in facts.findings[1 : 1 + STANDFIRST_FINDINGS]]
    share, unknown = facts.get("1", "bme_share_all"), facts.get("1", "unknown_pct", group="Unknown")
    last = facts.before("1", "bme_share_all")
    article = "an" if facts.org_type[0] in "aeiou" else "a"
    change = since_last_year(
        facts,
        last,
        None if last.value is None else last.value / 100,
        None if share.value is None else share.value / 100,
        "percent",
    )
    staff = narrative.plural(share.denominator or 0, "member of staff", "members of staff")
    about = (
        f"{facts.short_name} is {article} {facts.org_type} trust in {facts.icb_name}, "
        f"{facts.region_name}. On 31 March {facts.year}, "
        f"{present.publish(share.value, 'percent', share.flag)} of its {staff} were from black "
        f"and minority ethnic (BME) backgrounds, {change}; ethnicity was unknown for "
        f"{present.publish(unknown.value, 'percent', unknown.flag)}."
    )
    return " ".join([*following, about])


def header(facts: TrustFacts) -> present.Fragment:
    """Headline, standfirst and any note on predecessors or successor."""
    fragment = present.heading(headline(facts), 1) + present.paragraphs(
        [standfirst(facts)], "standfirst"
    )
    notes = [note for note in (predecessor_note(facts), successor_note(facts)) if note]
    if notes:
        fragment += present.paragraphs(notes)
    return present.Fragment(fragment)
