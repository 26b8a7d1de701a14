"""A trust briefing's representation by pay band: the band chart and the disparity ratios."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.published import is_published, published_figures
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.data.schema import AFC_BANDS
from wres_lib.indicators.flags import flag_words
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present

STEPS = {
    "lower_to_middle": "Bands 1–5 to Bands 6–7",
    "middle_to_upper": "Bands 6–7 to Bands 8a and above",
    "lower_to_upper": "Bands 1–5 to Bands 8a and above",
}


def band_chart(facts: TrustFacts) -> present.Fragment:
    """The BME share of staff at each Agenda for Change band, against the whole workforce."""
    rows = facts.rows
    rows = rows[
        (rows["year"] == facts.year)
        & (rows["indicator"] == "1")
        & (rows["measure"] == "bme_share")
        & (rows["staff_group"] == "all")
        & (rows["band"].isin(AFC_BANDS))
    ]
    order = {band: i for i, band in enumerate(AFC_BANDS)}
    rows = published_figures(rows.assign(order=rows["band"].map(order)).sort_values("order"))
    fig = charts.band_share_chart(
        rows[["band", "value", "ci_low", "ci_high"]].reset_index(drop=True),
        facts.workforce_share.value,
        title=f"BME share of staff by pay band, {facts.year}",
        subtitle=f"{facts.short_name}; dashed line: whole workforce",
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
    )
    return present.chart(fig, _band_alt(facts, rows), _band_table(facts, rows))


def _band_alt(facts: TrustFacts, rows: pd.DataFrame) -> str:
    """The band chart's message with its key figures: lowest and highest band shares."""
    alt = f"Bar chart of the BME share of staff at each pay band, {facts.year}"
    shown = rows.dropna(subset=["value"])
    if shown.empty:
        return alt + ": too few staff in every band to show a share."
    low, high = shown.loc[shown["value"].idxmin()], shown.loc[shown["value"].idxmax()]
    whole = facts.workforce_share.value
    return (
        f"{alt}: lowest {present.publish(low['value'], 'percent')} at {low['band']}, highest "
        f"{present.publish(high['value'], 'percent')} at {high['band']}"
        + (
            f", against {present.publish(whole, 'percent')} of the whole workforce."
            if whole
            else "."
        )
    )


def _band_table(facts: TrustFacts, rows: pd.DataFrame) -> present.Fragment:
    """The band chart's figures: the BME share and its interval at each band."""
    records = [
        {
            "Band": row.band,
            "BME share": present.publish(row.value, "percent", row.flag),
            "95% interval": _interval(row.ci_low, row.ci_high) if pd.notna(row.value) else "–",
        }
        for row in rows.itertuples()
    ]
    return present.table(
        pd.DataFrame.from_records(records, columns=["Band", "BME share", "95% interval"]),
        caption=f"BME share of staff by pay band, {facts.year}",
        numeric=("BME share", "95% interval"),
    )


def _interval(low: float, high: float) -> str:
    if pd.isna(low) or pd.isna(high):
        return "–"
    return f"{present.publish(low, 'percent')}–{present.publish(high, 'percent')}"


def disparity(facts: TrustFacts) -> present.Fragment:
    """The racial disparity ratios between band groups, and the main bottleneck."""
    records = []
    for measure, label in STEPS.items():
        ratio = facts.get("disparity", measure)
        interval = (
            f"{narrative.ratio_figure(ratio.ci_low)}–{narrative.ratio_figure(ratio.ci_high)}"
            if ratio.ci_low is not None and ratio.available
            else "–"
        )
        records.append(
            {
                "Step": label,
                "Ratio": present.publish(ratio.value, "ratio", ratio.flag),
                "95% interval": interval,
                "Flags": flag_words(ratio.flag) or "–",
            }
        )
    return present.Fragment(
        present.paragraphs([_bottleneck_sentence(facts)])
        + present.table(
            pd.DataFrame.from_records(records),
            caption="Racial disparity ratios (1 is parity; above 1 favours white staff)",
            note="Odds ratios with Woolf's 95% interval; our reconstruction of the WRES "
            "method. " + facts.source,
            numeric=("Ratio", "95% interval"),
        )
    )


def _bottleneck_sentence(facts: TrustFacts) -> str:
    """The step between band groups that most favours white staff, if it may be named."""
    rows = facts.rows
    bottleneck = rows[
        (rows["year"] == facts.year)
        & (rows["measure"] == "bottleneck")
        & (rows["staff_group"] == "all")
    ]
    main = bottleneck.iloc[0] if not bottleneck.empty else None
    reportable = (
        main is not None
        and main["band"] in STEPS
        and pd.notna(main["value"])
        and is_published(main["flag"])
    )
    if reportable and main["value"] <= 1:
        return "No step between band groups favours white staff this year."
    if reportable:
        return (
            f"The main bottleneck is the step from {STEPS[main['band']]}: the odds of a white "
            f"member of staff being at the higher level were "
            f"{narrative.ratio_figure(main['value'])} times those of a BME colleague."
        )
    return "There are too few staff to name a bottleneck this year."
