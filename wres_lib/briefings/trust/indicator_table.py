"""A trust briefing's table of the nine WRES indicators: this year, last year, peers, England."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.briefings.trust.lineage import previous_year_heading
from wres_lib.indicators.catalogue import Indicator, indicator
from wres_lib.indicators.flags import flag_words
from wres_lib.present import fragments as present

# How each headline measure is published.
KINDS: dict[str, present.ValueKind] = {
    "bme_share": "percent",
    "bme_share_all": "percent",
    "relative_likelihood": "ratio",
    "gap_points": "points",
    "board_gap_points": "points",
}
KNOWN_LABEL = "BME share of staff of known ethnicity"
UPPER_BAND_LABEL = "BME share at Bands 8a–9 and VSM (of staff of known ethnicity)"


@dataclass(frozen=True)
class Row:
    """One row of the table: an indicator's headline measure, at one band."""

    label: str
    indicator: str
    measure: str
    kind: present.ValueKind
    band: str = "all"


def _row(record: Indicator, band: str = "all", label: str = "", measure: str = "") -> Row:
    measure = measure or record.headline_measure
    text = f"{record.number}. {label or record.label}"
    return Row(text, record.number, measure, KINDS[measure], band)


# Indicators 1 to 9 as the catalogue words them, with indicator 1 at the senior bands too.
ROWS = (
    _row(indicator("1")),
    _row(indicator("1"), label=KNOWN_LABEL, measure="bme_share"),
    _row(indicator("1"), band="upper", label=UPPER_BAND_LABEL, measure="bme_share"),
    *(_row(indicator(number)) for number in "23456789"),
)


def indicator_table(facts: TrustFacts) -> present.Fragment:
    """The nine indicators against last year, the median trust of the type and England."""
    peers = facts.peer_medians()
    previous = previous_year_heading(facts)
    peer_heading = f"Median {facts.org_type} trust"
    records, absent = [], []
    for row in ROWS:
        if missing := facts.missing_tables(row.indicator):
            absent += [table for table in missing if table not in absent]
            continue
        now = facts.get(row.indicator, row.measure, band=row.band)
        before = facts.before(row.indicator, row.measure, band=row.band)
        nation = facts.england(row.indicator, row.measure, band=row.band)
        peer = peers.get((row.indicator, row.measure, row.band))
        records.append(
            {
                "Indicator": row.label,
                str(facts.year): present.publish(now.value, row.kind, now.flag),
                previous: present.publish(before.value, row.kind, before.flag),
                peer_heading: present.publish(peer, row.kind),
                "England": present.publish(nation.value, row.kind, nation.flag),
                "Flags": flag_words(now.flag) or "–",
            }
        )
    table = pd.DataFrame.from_records(records)
    said = [facts.no_figures(absent)] if absent else []
    where = "in England" if facts.compares_with_england else "in this dataset"
    peers_note = (
        f"Peers: median of {facts.org_type} trusts {where}, this trust included; figures on "
        "small numbers left out. "
    )
    if not facts.compares_with_peers:
        table, peers_note = table.drop(columns=peer_heading), ""
        said.append(facts.peers_left_out)
    if not facts.compares_with_england:
        table = table.drop(columns="England")
        said.append(facts.england_left_out)
    numeric = tuple(c for c in (str(facts.year), previous, peer_heading, "England") if c in table)
    return present.Fragment(
        (present.paragraphs(said) if said else "") + _table(facts, table, peers_note, numeric)
    )


def _table(
    facts: TrustFacts, table: pd.DataFrame, peers_note: str, numeric: tuple[str, ...]
) -> present.Fragment:
    return present.table(
        table,
        caption=f"The WRES indicators, {facts.short_name}, {facts.year}",
        note=(
            "Relative likelihoods: 1 is parity, above 1 is adverse for BME staff; 0.80–1.25 "
            "is widely read as broadly proportionate. Survey rows: percentage points, BME "
            "minus White (indicator 7 is adverse when negative). 'Significant': the 95% "
            "interval excludes parity or the two-proportion test gives p < 0.05 (our "
            f"addition). {peers_note}{facts.source}."
        ),
        numeric=numeric,
    )
