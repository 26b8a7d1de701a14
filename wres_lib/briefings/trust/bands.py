"""A trust briefing's representation by pay band: the band chart, the progression ladder with
its located bottleneck, and NHS England's disparity ratios for comparison."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.pipeline import Pipeline, pipeline
from wres_lib.analysis.published import published_figures
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.data.schema import AFC_BANDS
from wres_lib.indicators.flags import flag_words
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present
from wres_lib.stats.small_numbers import DEFAULT_RULE

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
    """The progression ladder (where BME staff fall away most, the entry and the top of the
    pipeline, the ladder chart and its steps), then the three NHS England disparity ratios."""
    ladder = pipeline(facts.rows, facts.year)
    return present.Fragment(
        present.paragraphs(pipeline_sentences(ladder))
        + _ladder_chart(facts, ladder)
        + _step_table(facts, ladder)
        + _disparity_table(facts)
    )


def pipeline_sentences(ladder: Pipeline) -> list[str]:
    """The bottleneck (or that none stands out), the entry and the top, in the same words."""
    main = ladder.bottleneck
    if main is not None and main.value is not None:
        located = narrative.bottleneck_sentence(
            main.lower, main.upper, main.value, main.ci_low, main.ci_high
        )
    else:
        located = narrative.no_bottleneck_sentence(DEFAULT_RULE.min_events)
    entry = ladder.entry
    shown = entry.available
    sentences = [
        located,
        narrative.entry_sentence(*((entry.value, entry.ci_low, entry.ci_high) if shown else ())),
    ]
    top = ladder.top
    if top is not None:
        figures = (top.value, top.ci_low, top.ci_high) if top.published else ()
        sentences.append(narrative.top_sentence(top.lower, *figures, no_bme=top.bme_upper == 0))
    return sentences


def _ladder_chart(facts: TrustFacts, ladder: Pipeline) -> present.Fragment:
    if not ladder.steps:
        return present.Fragment("")
    rungs = ladder.rung_shares()
    too_few = DEFAULT_RULE.too_few(rungs["white"] + rungs["bme"])
    rungs["bme_pct"] = rungs["bme_pct"].where(~too_few)
    steps = pd.DataFrame(
        {
            "ratio": [s.value if s.published else None for s in ladder.steps],
            "bottleneck": [s.bottleneck for s in ladder.steps],
        }
    )
    fig = charts.ladder_chart(
        rungs,
        steps,
        title=f"BME share of staff on each rung of the pay ladder, {facts.year}",
        subtitle=f"{facts.short_name}; Agenda for Change staff; step ratio above 1 favours "
        "White staff",
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
    )
    shares = [
        (
            narrative.rung_words(r.rung),
            present.TOO_FEW if few else present.publish(r.bme_pct, "percent"),
        )
        for r, few in zip(rungs.itertuples(), too_few, strict=True)
    ]
    alt = f"Bar chart of the BME share of staff on each pay-band rung, {facts.year}: " + (
        "; ".join(f"{rung} {share}" for rung, share in shares) + "."
    )
    table = present.table(
        pd.DataFrame(shares, columns=["Rung", "BME share"]),
        caption=f"BME share of staff on each rung of the pay ladder, {facts.year}",
        numeric=("BME share",),
    )
    return present.chart(fig, alt, table)


def _step_table(facts: TrustFacts, ladder: Pipeline) -> present.Fragment:
    records = []
    for step in ladder.steps:
        interval = (
            f"{narrative.ratio_figure(step.ci_low)}–{narrative.ratio_figure(step.ci_high)}"
            if step.published and step.ci_low is not None
            else "–"
        )
        records.append(
            {
                "Step": f"{narrative.rung_words(step.lower)} to {narrative.rung_words(step.upper)}",
                "Ratio": present.publish(step.value, "ratio", step.flag),
                "95% interval": interval,
                "Flags": flag_words(step.flag) or "–",
            }
        )
    if not records:
        return present.Fragment("")
    return present.table(
        pd.DataFrame.from_records(records),
        caption="The progression ladder: odds of the higher rung, White against BME",
        note="Odds ratios with Woolf's 95% interval (our addition); 1 is parity, above 1 favours "
        "White staff. Agenda for Change staff only: medical grades are a separate career "
        f"structure. The bottleneck is the largest ratio among the steps with at least "
        f"{DEFAULT_RULE.min_events} White and BME staff on both rungs and an interval above 1. "
        + facts.source,
        numeric=("Ratio", "95% interval"),
    )


def _disparity_table(facts: TrustFacts) -> present.Fragment:
    """NHS England's three disparity ratios between band groups, for comparison."""
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
    return present.table(
        pd.DataFrame.from_records(records),
        caption="Racial disparity ratios (1 is parity; above 1 favours White staff)",
        note="Odds ratios with Woolf's 95% interval; our reconstruction of the WRES method, "
        "kept for comparison with NHS England. Bands 1–5 to Bands 8a and above is the product "
        "of the other two, so it is not a bottleneck of its own. " + facts.source,
        numeric=("Ratio", "95% interval"),
    )
