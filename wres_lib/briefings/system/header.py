"""The top of a system briefing: headline and standfirst chosen from its findings, the lede
that says what the system is and where, and the key figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_lib.present import fragments as present
from wres_lib.present import narrative
from wres_lib.present.narrative.places import in_region

if TYPE_CHECKING:
    from wres_lib.briefings.system.facts import SystemFacts

STANDFIRST_FINDINGS = 2  # the findings after the headline that the standfirst gives


def headline(briefing: SystemFacts) -> str:
    """The highest-scoring finding (:mod:`wres_lib.analysis.findings`), or a plain statement
    that none stands out."""
    if not briefing.findings:
        return narrative.nothing_stands_out_system(
            briefing.short_name, briefing.year, briefing.level
        )
    return briefing.findings[0].sentence


def lede(briefing: SystemFacts) -> str:
    """What the system is, where, how many trusts it sums, and its BME share of all staff."""
    trusts = narrative.plural(len(briefing.trusts), "trust", spell_out=True)
    if briefing.level == "icb":
        who = (
            f"{briefing.name} is an integrated care system {in_region(briefing.region_name)}, "
            f"with {trusts} reporting in {briefing.year}"
        )
    else:
        who = (
            f"{narrative.capitalise_first(briefing.short_name)} is an NHS England region, with "
            f"{trusts} reporting in {briefing.year}"
        )
    share = briefing.get("1", "bme_share_all")
    unknown = briefing.get("1", "unknown_pct", group="Unknown")
    return (
        f"{who}. Summing their counts, {present.publish(share.value, 'percent')} of all staff "
        "are from Black and minority ethnic (BME) backgrounds; ethnicity is unknown for "
        f"{present.publish(unknown.value, 'percent')}."
    )


def standfirst(briefing: SystemFacts) -> str:
    """The next two findings, then the lede."""
    following = [f"{f.sentence}." for f in briefing.findings[1 : 1 + STANDFIRST_FINDINGS]]
    return " ".join([*following, lede(briefing)])


def header(briefing: SystemFacts) -> present.Fragment:
    return present.Fragment(
        present.heading(headline(briefing), 1)
        + present.paragraphs([standfirst(briefing)], "standfirst")
    )


def key_figures(briefing: SystemFacts) -> present.Fragment:
    """Share of all staff, of the population served and of the board; trusts without a BME
    executive director; indicator 2."""
    share, board = briefing.get("1", "bme_share_all"), briefing.get("9", "board_bme_pct")
    appointed = briefing.get("2", "relative_likelihood")
    items = [
        present.KeyFigure(present.publish(share.value, "percent"), "of all staff are BME"),
        present.KeyFigure(
            present.publish(briefing.population_share, "percent"),
            "of the population served is BME",
        ),
        present.KeyFigure(
            present.publish(board.value, "percent"), "of voting board members are BME"
        ),
        present.KeyFigure(
            f"{len(briefing.no_bme_executive)} of {len(briefing.reporting)}",
            "trusts with no BME executive director",
        ),
        present.KeyFigure(
            present.publish(appointed.value, "ratio", appointed.flag),
            "relative likelihood of appointment, White vs BME (2)",
        ),
    ]
    sources = (None, None, "board", "board", "recruitment")
    return present.key_figures(
        [item for item, t in zip(items, sources, strict=True) if t not in briefing.absent]
    )
