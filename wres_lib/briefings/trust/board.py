"""A trust briefing's board section: board, workforce and population, and executive history."""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.figures import population_bme_share
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present


def board(facts: TrustFacts) -> present.Fragment:
    """The BME share of the board's memberships against the workforce and population."""
    if absent := facts.missing_tables("9"):
        return present.paragraphs([facts.no_figures(absent)])
    population = population_bme_share(facts.context.dataset.population, facts.icb_code, facts.year)
    values = {
        "Executive directors": facts.board_share("executive").value,
        "Non-executive directors": facts.board_share("non_executive").value,
        "Voting board": facts.board_share("board").value,
        "Workforce": facts.workforce_share.value,
        "Population served (system)": population,
    }
    title = f"BME share of the board, the workforce and the population, {facts.year}"
    fig = charts.board_comparison_chart(
        values,
        title=title,
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
    )
    return present.Fragment(
        present.paragraphs([executive_history(facts)])
        + present.chart(fig, _board_alt(values, facts.year), _board_table(values, title))
    )


def _board_alt(values: dict[str, float | None], year: int) -> str:
    """The board chart's message with its figures: each group's BME share."""
    shares = "; ".join(
        f"{label.lower()} {present.publish(value, 'percent')}" for label, value in values.items()
    )
    return f"Bar chart of the BME share of the board, workforce and population, {year}: {shares}."


def _board_table(values: dict[str, float | None], caption: str) -> present.Fragment:
    """The board chart's figures: the BME share of each group."""
    frame = pd.DataFrame(
        {
            "Group": list(values),
            "BME share": [present.publish(value, "percent") for value in values.values()],
        }
    )
    return present.table(frame, caption=caption, numeric=("BME share",))


def executive_history(facts: TrustFacts) -> str:
    """When the trust last had a BME executive director, up to the briefing's year
    (:func:`~wres_lib.models.board_history.board_history`)."""
    now = facts.get("9", "executive_bme_pct")
    if now.numerator:
        directors = narrative.plural(now.numerator, "BME executive director", spell_out=True)
        return f"{facts.short_name} has {directors} in {facts.year}."
    history = facts.context.board_history(facts.year)
    per_org = None if history is None else history.per_org.set_index("code")
    if per_org is None or facts.code not in per_org.index:
        first, last = facts.year, pd.NA
    else:
        row = per_org.loc[facts.code]
        first, last = int(row["first_year"]), row["last_year_with_bme_exec"]
    if pd.isna(last):
        return (
            f"{facts.short_name} has had no BME executive director in any year from "
            f"{first} to {facts.year}."
        )
    return f"{facts.short_name} last had a BME executive director in {int(last)}."
