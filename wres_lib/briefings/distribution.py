"""The national distribution chart's words and figures: its alternative text and the count of
trusts in each range of indicator 2, for readers who cannot see the histogram."""

from __future__ import annotations

import itertools

import pandas as pd

from wres_lib.present import fragments as present
from wres_lib.present import narrative

# Ranges of the relative likelihood of appointment around the four-fifths rule's 0.80-1.25.
EDGES = (0.8, 1.0, 1.25, 1.5, 2.0)


def distribution_alt(values: pd.Series, england: float | None, year: int) -> str:
    """The histogram's message: how many trusts, their median, England's figure and how many
    are above 1.25."""
    alt = f"Histogram of the relative likelihood of appointment (indicator 2) across trusts, {year}"
    if values.empty:
        return f"{alt}: no trust has a figure to show."
    above = int((values > EDGES[2]).sum())
    england_words = f", England {narrative.ratio_figure(england)}" if england is not None else ""
    return (
        f"{alt}: {len(values)} trusts, median {narrative.ratio_figure(float(values.median()))}"
        f"{england_words}; {above} trusts above 1.25."
    )


def distribution_table(values: pd.Series, year: int) -> present.Fragment:
    """The histogram's figures: the number of trusts in each range of indicator 2."""
    figures = [narrative.ratio_figure(edge) for edge in EDGES]
    labels = [f"Below {figures[0]}"]
    labels += [f"{low} to below {high}" for low, high in itertools.pairwise(figures)]
    labels += [f"{figures[-1]} and above"]
    bins = pd.cut(values, [-float("inf"), *EDGES, float("inf")], labels=labels, right=False)
    counts = bins.value_counts().reindex(labels, fill_value=0)
    frame = pd.DataFrame({"Relative likelihood (2)": labels, "Trusts": counts.astype(str)})
    return present.table(
        frame,
        caption=f"Trusts by relative likelihood of appointment (indicator 2), {year}",
        note="1 is parity; above 1, White applicants are more likely to be appointed.",
        numeric=("Trusts",),
    )
