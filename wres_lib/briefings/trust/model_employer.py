"""A trust briefing's Model Employer section: senior bands against the 2028 trajectory."""

from __future__ import annotations

from typing import Any

import pandas as pd

from wres_lib.analysis.published import BOARD_BAND, too_few_staff
from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.models.model_employer import METHOD, NO_STAFF
from wres_lib.present import charts, narrative
from wres_lib.present import fragments as present

# A band's status as the table says it: "no staff" alone reads like a suppressed figure.
STATUS_WORDS = {NO_STAFF: "no staff at this band"}


def model_employer(facts: TrustFacts) -> present.Fragment:
    """The trajectory chart of each senior band and this year's table."""
    board_absent = facts.missing_tables("9")
    rows = facts.model_employer_rows()
    if board_absent:  # no board figures this year: the senior bands only
        rows = rows[rows["band"] != BOARD_BAND]
    too_few = _suppressed(rows)
    shown = rows.assign(actual_share=rows["actual_share"].mask(too_few), too_few=too_few)
    fig = charts.model_employer_chart(
        shown[["band", "year", "line_share", "actual_share", "target_share", "too_few"]],
        title="Model Employer trajectory: BME share at senior bands",
        subtitle="Dashed: our straight-line approximation of the 2028 target",
        source=facts.chart_source,
        synthetic=facts.context.synthetic,
    )
    now = rows[rows["year"] == facts.year]
    records = [
        _record(r, too_few) for r, too_few in zip(now.itertuples(), _suppressed(now), strict=True)
    ]
    absent = present.paragraphs([facts.no_figures(board_absent)]) if board_absent else ""
    return present.Fragment(
        absent
        + present.chart(fig, _trajectory_alt(records, facts.year), _trajectory_table(shown))
        + present.table(
            pd.DataFrame.from_records(records),
            caption=f"Senior bands against the Model Employer line, {facts.year}",
            note=METHOD + " " + facts.source,
            numeric=("On the line", "Actual", "BME staff needed"),
        )
    )


def _suppressed(rows: pd.DataFrame) -> pd.Series:
    """Bands with staff, but too few to publish their share (a band with none is not hidden)."""
    return too_few_staff(rows) & rows["staff"].gt(0)


def _trajectory_alt(records: list[dict[str, str]], year: int) -> str:
    """The trajectory chart's message with this year's figures: each band's share and line."""
    alt = "Line charts of the BME share at each senior band against the Model Employer line"
    bands = "; ".join(
        f"{r['Band']} {r['Actual']} against {r['On the line']} on the line" for r in records
    )
    return f"{alt}, {year}: {bands}." if bands else f"{alt}: no band to show in {year}."


def _trajectory_table(shown: pd.DataFrame) -> present.Fragment:
    """The trajectory chart's figures: each band's share by year, with the line in brackets."""
    cells = shown.assign(
        cell=[
            f"{narrative.percent(a) if pd.notna(a) else present.TOO_FEW} "
            f"({narrative.percent(line)})"
            for a, line in zip(shown["actual_share"], shown["line_share"], strict=True)
        ]
    )
    bands = list(dict.fromkeys(cells["band"]))
    wide = cells.pivot_table(index="year", columns="band", values="cell", aggfunc="first")
    frame = pd.DataFrame(
        {"Year": [str(int(year)) for year in wide.index]}
        | {band: wide[band].fillna("–").tolist() for band in bands}
    )
    return present.table(
        frame,
        caption="BME share at senior bands by year, with the Model Employer line in brackets",
        numeric=tuple(bands),
    )


def _record(r: Any, too_few: bool) -> dict[str, str]:
    """One band's row of the table; a share on too few staff reads 'too few to report'."""
    if too_few:
        actual = status = present.TOO_FEW
    else:
        has_share = pd.notna(r.actual_share)
        actual = narrative.percent(r.actual_share) if has_share else present.NOT_AVAILABLE
        status = STATUS_WORDS.get(r.status, r.status)
    gap = r.gap
    if too_few or pd.isna(gap):
        needed = "–"
    elif r.band == BOARD_BAND:
        needed = str(int(gap))
    else:
        needed = present.publish(gap, "count")
    return {
        "Band": r.band,
        "On the line": narrative.percent(r.line_share),
        "Actual": actual,
        "Status": status,
        "BME staff needed": needed,
    }
