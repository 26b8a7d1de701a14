"""HTML pieces a briefing notebook displays: figures for publication, tables, key figures, charts.

Every piece is a :class:`Fragment`, a string that Jupyter shows as HTML. Output is
deterministic (no random ids, no timestamps), and values go through the publication rules:
a figure flagged as small numbers reads "too few to report", a missing one "not available",
and staff counts of 1 to 4 read "<5".
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from wres_lib.present import narrative
from wres_lib.present.inline_svg import inline_svg
from wres_lib.stats.small_numbers import DEFAULT_RULE, TOO_FEW_TO_REPORT

if TYPE_CHECKING:  # matplotlib is imported by whoever draws a chart, not by a press table
    from matplotlib.figure import Figure

TOO_FEW = TOO_FEW_TO_REPORT
NOT_AVAILABLE = narrative.NOT_AVAILABLE
SMALL_NUMBERS_FLAG = "small_numbers"
ValueKind = Literal["percent", "ratio", "points", "count"]


class Fragment(str):
    """A piece of HTML that Jupyter displays as HTML (and nbconvert embeds as it is)."""

    def _repr_html_(self) -> str:
        return str(self)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def publish(value: object, kind: ValueKind, flag: str = "") -> str:
    """A figure as a reader sees it: '33%', '1.43', '+6.4 points', '<5', or a plain reason.

    ``value`` is in the indicator table's units: percent (0-100) for shares, a ratio, points
    or a count.

    >>> publish(33.2, "percent"), publish(1.4256, "ratio"), publish(3, "count")
    ('33%', '1.43', '<5')
    >>> publish(20.0, "percent", "small_numbers")
    'too few to report'
    """
    if SMALL_NUMBERS_FLAG in str(flag).split(";") and kind != "count":
        return TOO_FEW
    if _missing(value):
        return NOT_AVAILABLE
    number = float(value)  # type: ignore[arg-type]
    if kind == "percent":
        return narrative.percent(number / 100)
    if kind == "ratio":
        return narrative.ratio_figure(number)
    if kind == "points":
        rounded = round(number, 1)
        if rounded == 0:
            return "0.0 pts"
        return f"{'+' if rounded > 0 else '−'}{abs(rounded):.1f} pts"
    count = int(number)
    return str(DEFAULT_RULE.publishable_counts([count]).iloc[0])


@dataclass(frozen=True)
class KeyFigure:
    """One number of the key-figures box and what it means."""

    figure: str
    label: str


def key_figures(items: Iterable[KeyFigure]) -> Fragment:
    """The key-figures box: large numbers with a one-line label each."""
    cells = "".join(
        f'<div class="key-figure"><span class="figure">{html.escape(item.figure)}</span>'
        f'<span class="label">{html.escape(item.label)}</span></div>'
        for item in items
    )
    return Fragment(f'<div class="key-figures">{cells}</div>')


def table(
    frame: pd.DataFrame,
    *,
    caption: str,
    note: str = "",
    numeric: Sequence[str] = (),
    row_header: str = "",
) -> Fragment:
    """A plain, deterministic HTML table of formatted text; ``numeric`` columns align right;
    the cells of column ``row_header``, when given, head their rows (``th scope="row"``)."""
    head = "".join(
        f'<th{" class=num" if column in numeric else ""} scope="col">'
        f"{html.escape(str(column))}</th>"
        for column in frame.columns
    )
    body = []
    for row in frame.itertuples(index=False):
        cells = "".join(
            f'<th scope="row">{html.escape(str(value))}</th>'
            if column == row_header
            else f"<td{' class=num' if column in numeric else ''}>{html.escape(str(value))}</td>"
            for column, value in zip(frame.columns, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    footer = f'<p class="table-note">{html.escape(note)}</p>' if note else ""
    return Fragment(
        f'<div class="table-block"><table><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{footer}</div>"
    )


def chart(fig: Figure, alt: str, data: Fragment | None = None) -> Fragment:
    """A finished figure as inline SVG (vectors, selectable text), labelled with ``alt`` for
    screen readers and, when given, its data as a table (:func:`table`) in a ``<details>``
    below it.

    The figure is left as drawn: clearing it reset every axes first, 5 to 8% of a briefing's
    cells, and the garbage collector frees it like any other object."""
    from wres_lib.present.style import figure_bytes

    svg = inline_svg(figure_bytes(fig, "svg"), label=alt)
    shown = (
        f'<details class="chart-data"><summary>The chart\'s figures as a table</summary>{data}'
        "</details>"
        if data
        else ""
    )
    return Fragment(f'<figure class="chart">{svg}</figure>{shown}')


def paragraphs(sentences: Iterable[str], css_class: str = "prose") -> Fragment:
    """Checked sentences as paragraphs (each passes
    :func:`wres_lib.present.narrative.check_sentence`)."""
    text = "".join(f"<p>{html.escape(narrative.check_sentence(s))}</p>" for s in sentences)
    return Fragment(f'<div class="{css_class}">{text}</div>')


def bullet_list(items: Iterable[str], css_class: str = "") -> Fragment:
    """Checked sentences as a bulleted list."""
    text = "".join(f"<li>{html.escape(narrative.check_sentence(s))}</li>" for s in items)
    attribute = f' class="{css_class}"' if css_class else ""
    return Fragment(f"<ul{attribute}>{text}</ul>")


def heading(text: str, level: int = 1, css_class: str = "") -> Fragment:
    """A heading element (the headline is an h1 built from the data)."""
    attribute = f' class="{css_class}"' if css_class else ""
    return Fragment(
        f"<h{level}{attribute}>{html.escape(narrative.check_sentence(text))}</h{level}>"
    )
