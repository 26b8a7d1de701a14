"""A trust briefing's funnel plot: indicator 2 across all trusts, this trust highlighted.

The funnel plots BME appointments observed over those expected had BME applicants been
appointed at the trust's White rate (:func:`~wres_lib.analysis.fits.appointment_funnel`), so a
figure below England's is the adverse side, and a trust with no BME appointments is placed at 0.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.coverage import MIN_FUNNEL_TRUSTS, funnel_trusts
from wres_lib.analysis.fits import FUNNEL_INDICATOR, TREND_MEASURE
from wres_lib.briefings.missing import funnel_left_out
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.models.funnels import Funnel
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present

# Observed over expected is BME over White, the reverse of indicator 2: low is adverse.
POSITION_WORDS = {
    "within": "within the 95% limits: no different from England beyond chance",
    "below_95": "below the 95% limit: more adverse than England",
    "below_998": "below the 99.8% limit: clearly more adverse than England",
    "above_95": "above the 95% limit: less adverse than England",
    "above_998": "above the 99.8% limit: clearly less adverse than England",
}
# The table's rows, from the adverse side to the other: position and its short label.
POSITION_LABELS = {
    "below_998": "Below the 99.8% limit",
    "below_95": "Below the 95% limit only",
    "within": "Within the 95% limits",
    "above_95": "Above the 95% limit only",
    "above_998": "Above the 99.8% limit",
}


def funnel(facts: TrustFacts) -> present.Fragment:
    """The funnel of the year (fitted once per context) and where this trust sits on it."""
    absent = facts.missing_tables(FUNNEL_INDICATOR)
    said = [facts.no_figures(absent)] if absent else []
    if not facts.compares_with_england:
        return present.paragraphs([*said, facts.england_left_out])
    placed = funnel_trusts(facts.context.indicators, facts.year, FUNNEL_INDICATOR, TREND_MEASURE)
    if placed < MIN_FUNNEL_TRUSTS:
        return present.paragraphs([*said, funnel_left_out(placed)])
    fitted = facts.context.fits.funnel(facts.year)
    fig = charts.funnel_chart(
        fitted.limits,
        fitted.positions,
        highlight=facts.code,
        kind=fitted.kind,
        title=f"Appointment from shortlisting (indicator 2), all trusts, {facts.year}",
        subtitle=(
            "BME appointments against those expected at each trust's White rate (below "
            "England is adverse); 95% and 99.8% limits around England"
        ),
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
        x_label="BME appointments expected at the White rate (log scale)",
        y_label="Observed / expected",  # longer, it would overrun the axis
    )
    mine = fitted.positions[fitted.positions["code"] == facts.code]
    if mine.empty:
        where = "not placed on the funnel: its figure rests on too few applicants"
    else:
        position = str(mine.iloc[0]["position"])
        reason = str(mine.iloc[0]["note"]) or "its figure cannot be calculated"
        where = POSITION_WORDS.get(position, f"not placed on the funnel: {reason}")
    return present.Fragment(
        present.chart(fig, _funnel_alt(facts, fitted.positions, where), _funnel_table(fitted))
        + present.paragraphs([f"{facts.short_name} is {where}.", f"Our addition: {fitted.method}."])
    )


def _funnel_alt(facts: TrustFacts, positions: pd.DataFrame, where: str) -> str:
    """The funnel's message with its figures: how many trusts sit below the limits, and this
    trust's observed over expected and where it is."""
    placed = positions[positions["position"].isin(POSITION_LABELS)]
    below = int(placed["position"].isin(["below_95", "below_998"]).sum())
    alt = (
        f"Funnel plot of appointment from shortlisting (indicator 2) across {len(placed)} "
        f"trusts, {facts.year}: {below} below the 95% limit"
    )
    mine = placed[placed["code"] == facts.code]
    if mine.empty:
        return f"{alt}; {facts.short_name} is {where}."
    figure = narrative.ratio_figure(float(mine.iloc[0]["y"]))
    return f"{alt}; {facts.short_name} at {figure} observed over expected is {where}."


def _funnel_table(fitted: Funnel) -> present.Fragment:
    """The funnel's figures: how many trusts sit in each band of the limits."""
    counts = fitted.positions["position"].value_counts()
    frame = pd.DataFrame(
        {
            "Position": [*POSITION_LABELS.values(), "Not placed"],
            "Trusts": [str(int(counts.get(p, 0))) for p in POSITION_LABELS]
            + [str(int(counts[~counts.index.isin(POSITION_LABELS)].sum()))],
        }
    )
    return present.table(
        frame,
        caption="Trusts by position on the funnel of indicator 2 (below is adverse)",
        numeric=("Trusts",),
    )
