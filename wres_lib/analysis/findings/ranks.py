"""Where each trust stands among all trusts, and among trusts of its type, on the measures the
``rank`` findings rank (scored as :mod:`wres_lib.analysis.findings` documents).

The ranks of a year are computed once, for every trust at a time
(:meth:`~wres_lib.analysis.context.BriefingContext.ranks` keeps them), so a trust's rank
findings are a lookup.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wres_lib.analysis.findings import EXTREME_FRACTION, MIN_RANKED, score
from wres_lib.data.schema import BME
from wres_lib.indicators.flags import FEW_EVENTS, SMALL_NUMBERS, has_flag

# (indicator, measure, band, adverse when high) ranked among trusts.
RANKED_CELLS = (
    ("2", "relative_likelihood", "all", True),
    ("3", "relative_likelihood", "all", True),
    ("4", "relative_likelihood", "all", True),
    ("5", "gap_points", "all", True),
    ("6", "gap_points", "all", True),
    ("7", "gap_points", "all", False),
    ("8", "gap_points", "all", True),
    ("9", "board_gap_points", "all", False),
)
RANK_COLUMNS = ("cell", "rank", "end", "of", "among", "adverse", "score")


def rank_table(peers: pd.DataFrame) -> pd.DataFrame:
    """Each trust in the top or bottom tenth of a ranked cell, at its best rank.

    ``peers`` is one year's peer comparison (:func:`~wres_lib.models.peers.peer_comparison`).
    A cell ranks the trusts' BME figures for all staff that are published and rest on enough
    events, when at least :data:`~wres_lib.analysis.findings.MIN_RANKED` trusts have one; rank 1
    is the highest figure, equal figures in order of trust code. A trust is ranked among all
    trusts and among the trusts of its type, and keeps the rank that scores higher (among all
    trusts when the two tie).

    Returns the rows of ``peers`` at an extreme with :data:`RANK_COLUMNS` added: ``cell`` (the
    position in :data:`RANKED_CELLS`), ``rank`` (counted from its ``end``, "highest" or
    "lowest"), ``of`` (how many were ranked), ``among`` ("all" or "type"), ``adverse`` and the
    finding's ``score``; in the order of the cells, then trust code.
    """
    chosen = peers[(peers["staff_group"] == "all") & (peers["group"] == BME)]
    candidates = []
    for number, (indicator, measure, band, adverse_high) in enumerate(RANKED_CELLS):
        cell = chosen[
            (chosen["indicator"] == indicator)
            & (chosen["measure"] == measure)
            & (chosen["band"] == band)
            & chosen["value"].notna()
        ]
        cell = cell[_rankable(cell["flag"]).to_numpy()].assign(cell=number)
        order = cell.sort_values(["value", "code"], ascending=[False, True])
        candidates.append(_extremes(order, "all", adverse_high))
        for _, of_type in order.groupby("org_type", sort=True):
            candidates.append(_extremes(of_type, "type", adverse_high))
    found = [frame for frame in candidates if not frame.empty]
    if not found:
        return pd.DataFrame(columns=[*peers.columns, *RANK_COLUMNS])
    table = pd.concat(found, ignore_index=True)
    best_first = table.sort_values(["score", "among"], ascending=[False, True], kind="stable")
    best = best_first.drop_duplicates(["code", "cell"])
    return best.sort_values(["cell", "code"], kind="stable").reset_index(drop=True)


def _rankable(flags: pd.Series) -> pd.Series:
    text = flags.astype(str)
    return ~text.map(lambda f: has_flag(f, SMALL_NUMBERS) or has_flag(f, FEW_EVENTS)).astype(bool)


def _extremes(order: pd.DataFrame, among: str, adverse_high: bool) -> pd.DataFrame:
    """The rows of ``order`` (sorted, highest first) in its top or bottom tenth, ranked."""
    size = len(order)
    if size < MIN_RANKED:
        return order.iloc[:0]
    tenth = max(1, math.floor(size * EXTREME_FRACTION))
    position = np.arange(size)
    highest, lowest = position < tenth, position >= size - tenth
    at_end = highest | lowest
    rank = np.where(highest, position + 1, size - position)[at_end]
    adverse = (highest[at_end] == adverse_high).tolist()
    closeness = 1 - (rank - 1) / tenth
    scaled = [
        15 * near + (5 if among == "all" else 0) + (5 if bad else 0)
        for near, bad in zip(closeness.tolist(), adverse, strict=True)
    ]
    return order[at_end].assign(
        rank=rank,
        end=np.where(highest[at_end], "highest", "lowest"),
        of=size,
        among=among,
        adverse=adverse,
        score=[score("rank", s) for s in scaled],
    )
