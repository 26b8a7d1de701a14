"""Systems (ICBs) and regions in words: their findings, their ranks, and the one-line finding of
each row of the systems table.

Every sentence quotes only the figures it is given, so a test can recount them.
"""

from __future__ import annotations

from dataclasses import replace

from wres_lib.analysis.findings import EXECUTIVE_MEASURE, Finding
from wres_lib.present.narrative.checking import check_sentence
from wres_lib.present.narrative.figures import percent, points, ratio_figure
from wres_lib.present.narrative.findings import _likelihood, ordinal, with_gap_change, worded
from wres_lib.present.narrative.ladder import rung_words
from wres_lib.present.narrative.places import in_region
from wres_lib.present.narrative.words import capitalise_first, count_of, number_word

# Measure -> (superlative at the worst end, at the best end, what is ranked).
_RANK_WORDS = {
    "board_gap_points": ("widest", "narrowest", "board gap"),
    EXECUTIVE_MEASURE: ("most", "fewest", "trusts without a BME executive director"),
    "rl_appointment": (
        "highest",
        "lowest",
        "relative likelihood of White applicants being appointed rather than BME applicants",
    ),
}
_LEVEL_NOUNS = {"icb": "system", "region": "region"}


def _place_words(rank: int, tied: bool, superlative: str) -> str:
    """ "the widest", "the joint 3rd widest", "the 9th most".

    >>> _place_words(1, False, "widest"), _place_words(3, True, "widest")
    ('the widest', 'the joint 3rd widest')
    """
    joint = "joint " if tied else ""
    position = "" if rank == 1 else f"{ordinal(rank)} "
    return f"the {joint}{position}{superlative}"


def _among_words(size: int, level: str, scope: str, region_name: str = "") -> str:
    """ "of the 11 systems in the Midlands", "of the 42 systems nationally", "of the seven
    regions"."""
    noun = _LEVEL_NOUNS[level] + ("s" if size != 1 else "")
    if level == "region":
        return f"of the {number_word(size)} {noun}"
    where = in_region(region_name) if scope == "region" else "nationally"
    return f"of the {number_word(size)} {noun} {where}"


def rank_sentence(
    name: str,
    measure: str,
    region: tuple[int, int, bool] | None,
    national: tuple[int, int, bool],
    region_name: str,
    level: str = "icb",
) -> str:
    """ "X has the 3rd widest board gap of the 11 systems in the Midlands and the 9th widest of
    the 42 systems nationally." Each of ``region`` and ``national`` is (rank, of, tied), 1 the
    worst; ``region`` is None for a region."""
    worst, _, noun = _RANK_WORDS[measure]
    rank, size, tied = national
    nationally = f"{_place_words(rank, tied, worst)} {_among_words(size, level, 'national')}"
    if region is None:
        said = f"{_place_words(rank, tied, worst)} {noun} {_among_words(size, level, 'national')}"
    else:
        r_rank, r_size, r_tied = region
        said = (
            f"{_place_words(r_rank, r_tied, worst)} {noun} "
            f"{_among_words(r_size, level, 'region', region_name)} and {nationally}"
        )
    return check_sentence(f"{capitalise_first(name)} has {said}.")


def _no_executive(f: Finding, name: str) -> str:
    g = f.figures
    sentence = _without_executive(g["without"], g["reporting"], f"the trusts in {name}")
    population = g["population_bme_pct"]
    if population is None:
        return sentence
    return (
        f"{sentence}, although {percent(population / 100)} of the population they serve is from "
        "ethnic minority backgrounds"
    )


def _without_executive(without: int, reporting: int, whose: str = "its trusts") -> str:
    """ "None of its five trusts has a BME executive director", "Two of the six trusts in X
    have no BME executive director" (``whose``: "its trusts" or "the trusts in X")."""
    owner, _, where = whose.partition(" trusts")
    if without == reporting and reporting > 1:
        return (
            f"None of {owner} {number_word(reporting)} trusts{where} has a BME executive director"
        )
    trusts = count_of(without, reporting, "trust", possessive=owner)
    verb = "has" if without == 1 else "have"
    return f"{capitalise_first(trusts)}{where} {verb} no BME executive director"


def _rank(f: Finding, name: str) -> str:
    g = f.figures
    worst, best, _ = _RANK_WORDS[g["measure"]]
    superlative = worst if g["end"] == "worst" else best
    place = _place_words(g["rank"], g["tied"], superlative)
    among = _among_words(g["of"], g["level"], g["among"], g["region_name"])
    if g["measure"] == "board_gap_points":
        side = "below" if g["value"] < 0 else "above"
        return (
            f"{capitalise_first(name)} has {place} board gap {among}: its trusts' voting boards "
            f"are {points(abs(g['value']))} {side} their staff's BME share"
        )
    if g["measure"] == EXECUTIVE_MEASURE:
        said = _without_executive(int(g["value"]), g["reporting"], f"the trusts in {name}")
        return f"{said}: {place} {among}"
    likelihood = capitalise_first(_likelihood("2", g["value"], name))
    return f"{likelihood}, {place} {among}"


def _board_gap(f: Finding, name: str) -> str:
    g = f.figures
    sentence = (
        f"The voting boards of the trusts in {name} are {percent(g['board_bme_pct'] / 100)} "
        f"BME, against {percent(g['bme_share'] / 100)} of their staff whose ethnicity is known: "
        f"{points(abs(g['gap']))} short"
    )
    return with_gap_change(sentence, g["gap"], g["previous_gap"])


def _bottleneck(f: Finding, name: str) -> str:
    g = f.figures
    return (
        f"The steepest step on the career ladder {'across' if name.startswith('the ') else 'in'} "
        f"{name} is from {rung_words(g['step'])}: White staff's odds of making it were "
        f"{ratio_figure(g['ratio'])} times BME staff's (95% interval {ratio_figure(g['ci_low'])} "
        f"to {ratio_figure(g['ci_high'])})"
    )


_SYSTEM_WORDING = {
    "bottleneck": _bottleneck,
    "system_no_bme_executive": _no_executive,
    "system_rank": _rank,
    "board_gap": _board_gap,
}


def worded_system(findings: list[Finding], name: str) -> list[Finding]:
    """The findings of a system or region with their sentences, about ``name`` ("Tarrow ICS",
    "the Midlands"); the kinds a trust also has are worded as a trust's, but "in" the system
    where a trust's say "at" it."""
    done = []
    for f in findings:
        wording = _SYSTEM_WORDING.get(f.kind)
        sentence = wording(f, name) if wording else worded([f], name)[0].sentence
        sentence = sentence.replace(f" at {name}", f" in {name}")
        done.append(replace(f, sentence=check_sentence(capitalise_first(sentence))))
    return done


def nothing_stands_out_system(name: str, year: int, level: str) -> str:
    """The headline of a system or region when no finding qualifies."""
    others = "other systems" if level == "icb" else "other regions"
    return check_sentence(
        f"{capitalise_first(name)} in {year}: no WRES figure stands out from {others} or from "
        "the year before"
    )


def row_finding(
    without: int,
    reporting: int,
    gap: float | None,
    board_rank: int | None,
    scope_words: str,
    appointment_rank: int | None = None,
    appointment: float | None = None,
) -> str:
    """The one-line finding of a row of the systems table, its two strongest clauses of: at
    least half its trusts without a BME executive director; the widest board gap of
    ``scope_words`` ("in the Midlands"); the highest appointment ratio there; else its board gap.
    (Where BME staff fall away has a column of its own.)"""
    clauses = []
    if reporting >= 2 and 2 * without >= reporting:
        clauses.append(_without_executive(without, reporting))
    if gap is not None and board_rank == 1:
        clauses.append(f"the widest board gap {scope_words}, {points(abs(gap))}")
    if appointment is not None and appointment_rank == 1:
        clauses.append(
            f"the highest relative likelihood of appointment {scope_words}, "
            f"{ratio_figure(appointment)}"
        )
    if len(clauses) < 2 and gap is not None and board_rank != 1:
        side = "less" if gap < 0 else "more"
        clauses.append(f"voting boards {points(abs(gap))} {side} BME than the staff")
    if not clauses:
        clauses.append("no board figures to compare")
    return check_sentence(capitalise_first("; ".join(clauses[:2])) + ".")
