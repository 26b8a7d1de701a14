"""A trust briefing's staff survey table: indicators 5 to 8, White and BME."""

from __future__ import annotations

import pandas as pd

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.indicators.catalogue import SURVEY_INDICATORS
from wres_lib.present import fragments as present
from wres_lib.present import narrative


def survey_table(facts: TrustFacts) -> present.Fragment:
    """Each survey indicator's White and BME percentages, the gap and whether it is significant."""
    if absent := facts.missing_tables(SURVEY_INDICATORS[0].number):
        return present.paragraphs([facts.no_figures(absent)])
    records = []
    for record in SURVEY_INDICATORS:
        number = record.number
        white = facts.get(number, "pct_white", group="White")
        bme = facts.get(number, "pct_bme")
        gap = facts.get(number, "gap_points")
        if not gap.available:
            significant = "–"
        elif gap.p_value is None:
            significant = "no test"
        else:
            significant = "yes" if gap.significant else "no"
        records.append(
            {
                "Indicator": f"{number}. {narrative.capitalise_first(record.subject)}",
                "White": present.publish(white.value, "percent", white.flag),
                "BME": present.publish(bme.value, "percent", bme.flag),
                "Gap": present.publish(gap.value, "points", gap.flag),
                "Significant": significant,
            }
        )
    return present.table(
        pd.DataFrame.from_records(records),
        caption=(
            f"Staff survey indicators 5–8, {facts.short_name} (survey of autumn {facts.year - 1})"
        ),
        note="Significant: a two-proportion z test gives p < 0.05 (our addition). " + facts.source,
        numeric=("White", "BME", "Gap"),
    )
