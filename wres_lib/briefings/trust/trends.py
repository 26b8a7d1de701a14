"""A trust briefing's trends: indicators 2-4 over the years, charted with their fitted trends.

For a successor the series runs across the merger (its predecessors' counts combined before
it), with a dotted line where they merged. The fits come from the context
(:mod:`wres_lib.analysis.fits`), on published figures only.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wres_lib.analysis.fits import TREND_MEASURE, likelihood_inputs
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.briefings.trust.lineage import predecessor_note, trend_mark
from wres_lib.data.schema import BME
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS
from wres_lib.models.trends import AWAY
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present

# "Appointment (2)": each likelihood's series label.
LABELS = {i.number: f"{i.slug.capitalize()} ({i.number})" for i in LIKELIHOOD_INDICATORS}


def trends(facts: TrustFacts) -> present.Fragment:
    """The trend chart of indicators 2-4 and a sentence on each fitted trend."""
    absent = [t for i in LIKELIHOOD_INDICATORS for t in facts.missing_tables(i.number)]
    if len(absent) == len(LIKELIHOOD_INDICATORS):
        return present.paragraphs([facts.no_figures(absent)])
    inputs = likelihood_inputs(facts.history)
    rows = inputs[(inputs["measure"] == TREND_MEASURE) & (inputs["group"] == BME)]
    series = rows.assign(label=rows["indicator"].map(LABELS))
    subtitle, marks, sentences = f"{facts.short_name}; 1 is parity", [], []
    note = predecessor_note(facts)
    if note:
        words, mark = trend_mark(facts)
        subtitle += words
        marks.append(mark)
        sentences.append(note)
    fig = charts.trend_chart(
        series[["year", "label", "value", "ci_low", "ci_high"]],
        title="Relative likelihoods over time, with 95% intervals",
        subtitle=subtitle,
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
        marks=marks,
    )
    fitted = facts.context.fits.trends(facts.code, facts.year)
    sentences += [trend_sentence(r) for r in fitted.sort_values("indicator").itertuples()]
    sentences += [facts.no_figures(absent)] if absent else []
    return present.Fragment(
        present.chart(fig, trend_alt(series), trend_table(series)) + present.bullet_list(sentences)
    )


def trend_alt(series: pd.DataFrame) -> str:
    """The trend chart's message with its key figures: each series' first and last value."""
    parts = []
    for label, rows in series.dropna(subset=["value"]).sort_values("year").groupby("label"):
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(
            f"{label} {narrative.ratio_figure(first['value'])} in {int(first['year'])} and "
            f"{narrative.ratio_figure(last['value'])} in {int(last['year'])}"
        )
    alt = "Line chart of the relative likelihoods of indicators 2 to 4 over time (1 is parity)"
    return f"{alt}: {'; '.join(parts)}." if parts else f"{alt}: no figure to show."


def trend_table(series: pd.DataFrame) -> present.Fragment:
    """The trend chart's figures: each indicator's relative likelihood by year."""
    wide = series.pivot_table(index="year", columns="label", values="value", aggfunc="first")
    labels = [label for label in LABELS.values() if label in wide.columns]
    frame = pd.DataFrame(
        {"Year": [str(int(year)) for year in wide.index]}
        | {label: [present.publish(v, "ratio") for v in wide[label]] for label in labels}
    )
    return present.table(
        frame, caption="Relative likelihoods by year (1 is parity)", numeric=tuple(labels)
    )


def trend_sentence(r: Any) -> str:
    """ "Appointment (2): falling by 2.7% a year; parity would be reached in 2031 if the trend
    held", or, when it moves away from parity, which group it favours."""
    label = LABELS[str(r.indicator)]
    if pd.notna(r.parity_year):
        direction = "falling" if r.annual_change < 1 else "rising"
        rate = narrative.percent(abs(r.annual_change - 1), 1)
        return (
            f"{label}: {direction} by {rate} a year; parity would be reached in "
            f"{int(r.parity_year)} if the trend held."
        )
    if r.reason == AWAY and pd.notna(r.latest_value):
        # Above 1 is adverse for BME staff in each of indicators 2-4, so below 1 favours them.
        favoured = "BME" if r.latest_value < 1 else "White"
        return (
            f"{label}: moving away from parity, in {favoured} staff's favour "
            f"({narrative.ratio_figure(r.latest_value)} in {int(r.last_year)}, "
            f"{r.n_years} years fitted)."
        )
    if pd.notna(r.annual_change):
        return f"{label}: {r.reason} ({r.n_years} years)."
    return f"{label}: {r.reason}."
