"""The sentences a briefing says in place of what its dataset cannot support: a table with no
figures for the year, or too few trusts to compare with (:mod:`wres_lib.analysis.coverage`)."""

from __future__ import annotations

from collections.abc import Sequence

from wres_lib.analysis.coverage import MIN_ENGLAND_TRUSTS, MIN_FUNNEL_TRUSTS, MIN_PEER_TRUSTS
from wres_lib.present import narrative

TABLE_WORDS = {
    "workforce": "workforce",
    "recruitment": "recruitment",
    "disciplinary": "disciplinary",
    "training": "training",
    "staff_survey": "staff survey",
    "board": "board",
}


def no_figures(tables: Sequence[str], year: int, who: str = "") -> str:
    """ "No recruitment or training figures for 2025 in this dataset." (``who``: "for X in")."""
    words = [TABLE_WORDS[table] for table in tables]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    when = f"for {who} in {year}" if who else f"for {year}"
    return f"No {listed} figures {when} in this dataset."


def england_left_out(trusts: int) -> str:
    """Why comparisons with England are left out of a dataset with few trusts."""
    return (
        f"Comparisons with England are left out: this dataset holds "
        f"{narrative.plural(trusts, 'trust')}, fewer than the {MIN_ENGLAND_TRUSTS} needed for "
        "their sum to stand for England."
    )


def peers_left_out(org_type: str, trusts: int) -> str:
    """Why the median of a trust's peers is left out."""
    return (
        f"The median {org_type} trust is left out: this dataset holds "
        f"{narrative.plural(trusts, f'{org_type} trust')}, fewer than the {MIN_PEER_TRUSTS} "
        "needed for a median of peers."
    )


def funnel_left_out(placed: int) -> str:
    """Why the funnel plot is left out when too few trusts have a figure to place on it."""
    return (
        f"The funnel plot is left out: {narrative.plural(placed, 'trust')} "
        f"{'has' if placed == 1 else 'have'} a figure to place on it this year, fewer than "
        f"the {MIN_FUNNEL_TRUSTS} a funnel needs."
    )
