"""Findings in words: the sentence of each kind of :class:`~wres_lib.analysis.findings.Finding`.

Every sentence quotes only the finding's ``figures``, so a test can recount them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wres_lib.analysis.findings import Finding
from wres_lib.indicators.catalogue import indicator as catalogue_indicator
from wres_lib.models.targets import MEASURES as TARGET_MEASURES
from wres_lib.present.narrative.checking import check_sentence
from wres_lib.present.narrative.figures import percent, points, ratio_figure
from wres_lib.present.narrative.ladder import rung_words
from wres_lib.present.narrative.phrases import likelihood_phrase
from wres_lib.present.narrative.words import capitalise_first, possessive

_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
# What the BME and White staff of a survey indicator (5-8) said, as a clause.
_SURVEY_CLAUSES = {
    "5": "reported harassment, bullying or abuse from patients, relatives or the public",
    "6": "reported harassment, bullying or abuse from colleagues",
    "7": "believed the trust provides equal opportunities for career progression or promotion",
    "8": "reported discrimination from a manager, team leader or colleague",
}

# The band groups (wres_lib.indicators.disparity_ratios.BandGroups) as a reader names them.
_BAND_GROUP_WORDS = {
    "lower": "Bands 1 to 5",
    "middle": "Bands 6 and 7",
    "upper": "Band 8a and above",
}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd.

    >>> ordinal(1), ordinal(12), ordinal(23)
    ('1st', '12th', '23rd')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def _pct(value: float) -> str:
    return percent(value / 100)


def _likelihood(number: str, value: float, name: str) -> str:
    spec = catalogue_indicator(number).likelihood
    assert spec is not None  # indicators 2-4
    return likelihood_phrase(
        value, subject=f"{spec.first} at {name}", comparison=spec.second, outcome=spec.outcome
    )


def _place(f: dict, end: str) -> str:
    """'the 3rd highest of 207 trusts' or 'the worst of 119 acute trusts'."""
    position = "the" if f["rank"] == 1 else f"the {ordinal(f['rank'])}"
    trusts = "trusts" if f["among"] == "all" else f"{f['org_type']} trusts"
    return f"{position} {end} of {f['of']} {trusts}"


def _all_white(f: Finding, name: str) -> str:
    team = "board is" if f.kind == "all_white_board" else "executive team is"
    return (
        f"{possessive(name)} {team} entirely White, although {_pct(f.figures['bme_share_all'])} "
        "of all its staff are from ethnic minority backgrounds"
    )


def _run(f: Finding, name: str) -> str:
    years = f.figures["years"]
    if f.figures["never"]:
        return (
            f"{name} has had no BME executive director in any of its {years} years of WRES "
            f"data, since {f.figures['since']}"
        )
    return (
        f"{name} has had no BME executive director for {years} years: the last was in post "
        f"in {f.figures['last_year_with_bme_exec']}"
    )


def _bottleneck(f: Finding, name: str) -> str:
    g = f.figures
    return (
        f"The steepest step in {possessive(name)} career ladder is from "
        f"{rung_words(g['step'])}: White staff's odds of making it were "
        f"{ratio_figure(g['ratio'])} times BME staff's (95% interval "
        f"{ratio_figure(g['ci_low'])} to {ratio_figure(g['ci_high'])})"
    )


def _rank(f: Finding, name: str) -> str:
    g = f.figures
    number, value = g["indicator"], g["value"]
    judged = "worst" if g["adverse"] else "best"
    if g["measure"] == "relative_likelihood":
        place = _place(g, g["end"])
        return f"{capitalise_first(_likelihood(number, value, name))}, {place} ranked"
    if number == "9":
        side = "below" if value < 0 else "above"
        return (
            f"{possessive(name)} voting board is {points(abs(value))} {side} its workforce's "
            f"BME share, {_place(g, judged)}"
        )
    return (
        f"At {name}, {_pct(g['pct_bme'])} of BME staff {_SURVEY_CLAUSES[number]}, against "
        f"{_pct(g['pct_white'])} of White staff: {_place(g, judged)} on this measure"
    )


def _change(f: Finding, name: str) -> str:
    g = f.figures
    direction = "up" if g["value"] > g["previous"] else "down"
    if g["measure"] == "bme_share":
        return (
            f"BME staff are {_pct(g['value'])} of those at Band 8a and above at {name} whose "
            f"ethnicity is known, {direction} from {_pct(g['previous'])} a year earlier: a "
            "change larger than chance would explain"
        )
    return (
        f"{capitalise_first(_likelihood(g['indicator'], g['value'], name))}, {direction} from "
        f"{ratio_figure(g['previous'])} a year earlier: a change larger than chance would explain"
    )


def _board_gap(f: Finding, name: str) -> str:
    g = f.figures
    sentence = (
        f"{possessive(name)} voting board is {_pct(g['board_bme_pct'])} BME, against "
        f"{_pct(g['bme_share'])} of its staff whose ethnicity is known: "
        f"{points(abs(g['gap']))} short"
    )
    return with_gap_change(sentence, g["gap"], g["previous_gap"])


def with_gap_change(sentence: str, gap: float, previous: float | None) -> str:
    """``sentence`` on a board gap, with how the gap moved since last year where it did."""
    if previous is None or points(abs(previous)) == points(abs(gap)):
        return sentence
    if gap < previous:
        return f"{sentence}, a gap that widened by {points(previous - gap)} in a year"
    return f"{sentence}, though the gap narrowed by {points(gap - previous)} in a year"


def _model_employer(f: Finding, name: str) -> str:
    g = f.figures
    return (
        f"{name} would need {g['gap']} more BME staff at {g['band']} to be on track for a "
        f"senior workforce as diverse as its staff by {g['target_year']}: "
        f"{_pct(g['actual_share'])} BME there, against {_pct(g['line_share'])} on our "
        "straight-line trajectory"
    )


def _plain_likelihood(f: Finding, name: str) -> str:
    g = f.figures
    return (
        f"{capitalise_first(_likelihood(g['indicator'], g['value'], name))} (95% interval "
        f"{ratio_figure(g['ci_low'])} to {ratio_figure(g['ci_high'])})"
    )


def _target_figure(value: float, units: str) -> str:
    """A target measure's figure: 37.5%, 1.42 or 5 staff."""
    if units == "percent":
        return percent(value / 100, 1)
    return ratio_figure(value) if units == "ratio" else f"{round(value)} staff"


def _target_distance(shortfall: float, units: str) -> str:
    if units == "percent":
        return points(shortfall)
    return f"{shortfall:.2f}" if units == "ratio" else f"{round(shortfall)} staff"


def _target_intro(g: dict) -> str:
    """'its action-plan target for the BME share of staff (clinical staff, Band 8a), at least
    50.0% by 31 December 2024' (its measure and value: never its owner or description)."""
    label = TARGET_MEASURES[g["measure"]].label
    label = label if label.startswith("BME") else label[0].lower() + label[1:]
    parts = [f"{g['staff_group']} staff"] if g["staff_group"] != "all" else []
    parts += [_BAND_GROUP_WORDS.get(g["band"], g["band"])] if g["band"] != "all" else []
    subject = f"the {label}" + (f" ({', '.join(parts)})" if parts else "")
    goal = _target_figure(g["target_value"], g["units"])
    return f"its action-plan target for {subject}, {g['direction']} {goal} by {g['due']:%-d %B %Y}"


def _target_short(g: dict, reference: str) -> str:
    """'the 2025 figure is 37.5%, 12.5 points short of the target (8 more BME staff needed)'."""
    text = (
        f"the {g['latest_year']} figure is {_target_figure(g['value'], g['units'])}, "
        f"{_target_distance(g['shortfall'], g['units'])} short of {reference}"
    )
    if "people" in g and g["units"] != "count":
        more = "more" if g["direction"] == "at least" else "fewer"
        board = g["measure"] in ("board_bme_pct", "executive_bme_pct")
        who = "BME board members" if board else "BME staff"
        text += f" ({g['people']} {more} {who} needed)"
    return text


def _target(f: Finding, name: str) -> str:
    g = f.figures
    if f.kind == "target_missed":
        sentence = f"{name} missed {_target_intro(g)}: {_target_short(g, 'the target')}"
    elif f.kind == "target_off_track":
        sentence = (
            f"{name} is off track for {_target_intro(g)}: "
            f"{_target_short(g, 'the straight path to it')}"
        )
    else:
        sentence = (
            f"{name} has met {_target_intro(g)}: the {g['latest_year']} figure is "
            f"{_target_figure(g['value'], g['units'])}, from "
            f"{_target_figure(g['baseline_value'], g['units'])} in {g['baseline_year']}"
        )
    return check_sentence(sentence)


_WORDING: dict[str, Callable[[Finding, str], str]] = {
    "all_white_board": _all_white,
    "all_white_executive": _all_white,
    "no_bme_executive_run": _run,
    "bottleneck": _bottleneck,
    "rank": _rank,
    "change": _change,
    "board_gap": _board_gap,
    "model_employer": _model_employer,
    "likelihood": _plain_likelihood,
    "target_missed": _target,
    "target_off_track": _target,
    "target_met": _target,
}


def worded(findings: list[Finding], name: str) -> list[Finding]:
    """The findings with their sentences, about the organisation called ``name``."""
    return [replace(f, sentence=_WORDING[f.kind](f, name)) for f in findings]


def nothing_stands_out(name: str, year: int) -> str:
    """The headline when no finding qualifies."""
    return f"{name} in {year}: no WRES figure stands out from other trusts or from the year before"
