"""A system briefing's trends: indicators 2-4 over the years from its trusts' summed counts,
fitted as a trust's are (:func:`wres_lib.analysis.fits.likelihood_trends`, the dispersion
estimated) and charted with the trust briefing's chart, alternative text and table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wres_lib.analysis.fits import TREND_MEASURE, likelihood_inputs, likelihood_trends
from wres_lib.briefings.trust.trends import LABELS, trend_alt, trend_sentence, trend_table
from wres_lib.data.schema import BME
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS
from wres_lib.present import charts
from wres_lib.present import fragments as present

if TYPE_CHECKING:
    from wres_lib.briefings.system.facts import SystemFacts


def trends(briefing: SystemFacts) -> present.Fragment:
    """The trend chart of indicators 2-4 and a sentence on each fitted trend."""
    absent = [t for i in LIKELIHOOD_INDICATORS for t in briefing.missing_tables(i.number)]
    if len(absent) == len(LIKELIHOOD_INDICATORS):
        return present.paragraphs([briefing.no_figures(absent)])
    inputs = likelihood_inputs(briefing.rows)
    rows = inputs[(inputs["measure"] == TREND_MEASURE) & (inputs["group"] == BME)]
    series = rows.assign(label=rows["indicator"].map(LABELS))
    fig = charts.trend_chart(
        series[["year", "label", "value", "ci_low", "ci_high"]],
        title="Relative likelihoods over time, with 95% intervals",
        subtitle=f"{briefing.name}, trusts' counts summed; 1 is parity",
        source=briefing.chart_source,
        synthetic=briefing.context.synthetic,
        marks=[],
    )
    fitted = likelihood_trends(briefing.rows)
    sentences = [trend_sentence(r) for r in fitted.sort_values("indicator").itertuples()]
    sentences += [briefing.no_figures(absent)] if absent else []
    return present.Fragment(
        present.chart(fig, trend_alt(series), trend_table(series)) + present.bullet_list(sentences)
    )
