"""The top of a trust briefing: headline, standfirst and lineage notes."""

from __future__ import annotations

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.briefings.trust.lineage import predecessor_note, since_last_year, successor_note
from wres_lib.indicators.catalogue import indicator
from wres_lib.present import fragments as present
from wres_lib.present import narrative

# Below this BME share of the workforce an all-white executive team is not the headline.
NOTABLE_WORKFORCE_SHARE = 10.0
# Relative likelihoods (indicators 2 and 3) strong enough to lead, when significant.
HEADLINE_INDICATORS = ("2", "3")
HEADLINE_LIKELIHOOD = 1.25


def headline(facts: TrustFacts) -> str:
    """The strongest true sentence the data supports, in trade-press style."""
    share = facts.workforce_share
    executive, non_executive = facts.board_share("executive"), facts.board_share("non_executive")
    staff = f"{narrative.percent((share.value or 0) / 100)} of its staff"
    owner = narrative.possessive(facts.short_name)
    if share.available and share.value >= NOTABLE_WORKFORCE_SHARE and facts.board_all_known:
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
    for number in HEADLINE_INDICATORS:
        rl = facts.get(number, "relative_likelihood")
        if rl.available and rl.significant and rl.value >= HEADLINE_LIKELIHOOD:
            likelihood = indicator(number).likelihood
            assert likelihood is not None  # indicators 2 and 3 are likelihoods
            return narrative.capitalise_first(
                narrative.likelihood_phrase(
                    rl.value,
                    subject=f"{likelihood.first} at {facts.short_name}",
                    comparison=likelihood.second,
                    outcome=likelihood.outcome,
                )
            )
    upper = facts.get("1", "bme_share", band="upper")
    claim = (
        f"{present.publish(share.value, 'percent')} of staff at {facts.short_name} are from "
        "ethnic minority backgrounds"
    )
    if not share.available:
        return f"{facts.short_name}: WRES briefing {facts.year}"
    if not upper.available:
        return claim
    return f"{claim}, against {present.publish(upper.value, 'percent')} of its most senior staff"


def standfirst(facts: TrustFacts) -> str:
    """Who the trust is and its BME share of staff, against last year."""
    share, last = facts.workforce_share, facts.before("1", "bme_share")
    article = "an" if facts.org_type[0] in "aeiou" else "a"
    change = since_last_year(
        facts,
        last,
        None if last.value is None else last.value / 100,
        None if share.value is None else share.value / 100,
        "percent",
    )
    staff = narrative.plural(share.denominator or 0, "member of staff", "members of staff")
    return (
        f"{facts.short_name} is {article} {facts.org_type} trust in {facts.icb_name}, "
        f"{facts.region_name}. On 31 March {facts.year}, "
        f"{present.publish(share.value, 'percent', share.flag)} of its {staff} whose "
        f"ethnicity is recorded were from black and minority ethnic (BME) backgrounds, "
        f"{change}."
    )


def header(facts: TrustFacts) -> present.Fragment:
    """Headline, standfirst and any note on predecessors or successor."""
    fragment = present.heading(headline(facts), 1) + present.paragraphs(
        [standfirst(facts)], "standfirst"
    )
    notes = [note for note in (predecessor_note(facts), successor_note(facts)) if note]
    if notes:
        fragment += present.paragraphs(notes)
    return present.Fragment(fragment)
