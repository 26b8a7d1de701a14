"""The year's stories in words: a headline with a figure, a quotable lead sentence, and two to
four sentences of prose for each :class:`~wres_lib.analysis.stories.StoryFacts`.

One precision everywhere a story gives a share: whole percentages, one decimal under 10%
(:func:`story_percent`); percentage points the same way (:func:`story_points`); ratios with two
decimals. Counts use the definitions of :mod:`wres_lib.analysis.stories`.
"""

from __future__ import annotations

from collections.abc import Callable

from wres_lib.analysis.stories import StoryFacts
from wres_lib.present.narrative.checking import check_sentence
from wres_lib.present.narrative.figures import percent, points, ratio_figure
from wres_lib.present.narrative.ladder import bottleneck_sentence, rung_words
from wres_lib.present.narrative.words import (
    capitalise_first,
    count_of,
    list_phrase,
    number_word,
    plural,
)

NOUNS = {"trust": "trust", "icb": "ICB", "region": "region"}
SYSTEM_NOUNS = {"icb": "system", "region": "region"}
MAX_NAMED = 5  # a longer list of names is left to the table the story cites
MAX_DESCRIBED = 3  # systems described one sentence each (more: the table describes them)
PRECISE_BELOW = 10.0  # percentages (and points) under this keep one decimal in prose
# What each measure of the biggest-changes table is, in words, and whether it is a ratio.
CHANGE_WORDS = {
    "rl_appointment": ("the relative likelihood of White applicants being appointed, against "
                       "BME applicants (indicator 2)", True),
    "rl_disciplinary": ("the relative likelihood of BME staff entering the formal disciplinary "
                        "process, against White staff (indicator 3)", True),
    "rl_training": ("the relative likelihood of White staff accessing non-mandatory training, "
                    "against BME staff (indicator 4)", True),
    "harassment_public_bme_pct": ("the share of BME staff harassed by the public "
                                  "(indicator 5)", False),
    "harassment_staff_bme_pct": ("the share of BME staff harassed by colleagues "
                                 "(indicator 6)", False),
    "equal_opportunities_bme_pct": ("the share of BME staff believing in equal opportunities "
                                    "(indicator 7)", False),
    "discrimination_bme_pct": ("the share of BME staff reporting discrimination at work "
                               "(indicator 8)", False),
}  # fmt: skip


def story_percent(pct: float) -> str:
    """A percentage (0-100) as stories give it: "22%", but "7.3%" under 10%.

    >>> story_percent(21.94), story_percent(7.26)
    ('22%', '7.3%')
    """
    return percent(pct / 100, 0 if abs(pct) >= PRECISE_BELOW else 1)


def story_points(diff: float) -> str:
    """Percentage points as stories give them: "44 percentage points", but "7.3" under 10.

    >>> story_points(-43.5), story_points(7.26)
    ('-44 percentage points', '7.3 percentage points')
    """
    return points(diff, 0 if abs(diff) >= PRECISE_BELOW else 1)


def _count(n: int, noun: str) -> str:
    """ "70 trusts", "two systems": a count and its noun, spelt out to ten."""
    return plural(n, noun, spell_out=True)


def _steps(step: str) -> tuple[str, str]:
    lower, _, upper = step.partition(" to ")
    return lower, upper


def _between(step: str) -> str:
    lower, upper = _steps(step)
    return f"between {rung_words(lower)} and {rung_words(upper)}"


# The all-White executive teams (trusts with more than a fifth of staff BME).


def _white_headline(f: StoryFacts) -> str:
    n = f.figures["trusts"]
    return (
        f"{capitalise_first(_count(n, 'trust'))} with more than a fifth BME staff "
        f"{'has' if n == 1 else 'have'} an all-White executive team"
    )


def _white_lead(f: StoryFacts) -> str:
    n, of = f.figures["trusts"], f.figures["reporting"]
    return (
        f"{capitalise_first(count_of(n, of, 'trust', 'the'))} that reported executive directors "
        f"{'has' if n == 1 else 'have'} an all-White executive team although more than a fifth "
        "of their staff are BME."
    )


def _white_prose(f: StoryFacts) -> list[str]:
    g = f.figures
    whole = g["whole_board_white"]
    sentences = [
        f"Of the {g['reporting']} trusts that reported executive directors, "
        f"{number_word(g['without_bme_executive'])} have no BME executive director. At "
        f"{number_word(g['trusts'])} of them more than a fifth of staff of known ethnicity are "
        "BME, and every executive director is recorded as White.",
        f"The highest BME share among them is at {g['highest_name']}: "
        f"{story_percent(g['highest_bme_workforce_pct'])} of staff of known ethnicity.",
    ]
    if whole:
        sentences.append(
            f"At {number_word(whole)} of the {number_word(g['trusts'])} the whole board, "
            "non-executive directors included, is White."
        )
    return sentences


# Systems (or regions) in which no trust has a BME executive director.


def _system_noun(f: StoryFacts) -> str:
    return SYSTEM_NOUNS[f.level]


def _systems_headline(f: StoryFacts) -> str:
    n = f.figures["systems"]
    return (
        f"{capitalise_first(_count(n, _system_noun(f)))} where no trust has a BME executive "
        "director"
    )


def _systems_lead(f: StoryFacts) -> str:
    g = f.figures
    where = count_of(g["systems"], g["of"], NOUNS[f.level], "the")
    names = [str(name) for name in f.detail["name"]]
    named = f" ({list_phrase(names)})" if len(names) <= MAX_NAMED else ""
    return (
        f"In {where}{named}, no trust that reported executive directors has a BME "
        f"executive director: {_count(g['trusts_in_all'], 'trust')} in all."
    )


def _systems_prose(f: StoryFacts) -> list[str]:
    sentences = [_systems_lead(f)]
    if len(f.detail) > MAX_DESCRIBED:
        return [*sentences, "The table lists them, those with the most BME staff first."]
    for row in f.detail.itertuples(index=False):
        n = int(row.trusts_reporting_executives)
        trusts = (
            "its only trust that reported executive directors has none"
            if n == 1
            else f"none of its {number_word(n)} trusts that reported executive directors has one"
        )
        population = (
            f", against {story_percent(row.population_bme_pct)} of the population it serves"
            if row.population_bme_pct == row.population_bme_pct  # not NaN
            else ""
        )
        where = f" ({row.region_name})" if f.level == "icb" else ""
        sentences.append(
            f"In {row.name}{where}, {trusts}; "
            f"{story_percent(row.workforce_bme_pct)} of its staff of known ethnicity are "
            f"BME{population}."
        )
    return sentences


# Where BME staff fall away: the ladder's bottleneck.


def _bottleneck_headline(f: StoryFacts) -> str:
    g = f.figures
    return (
        f"BME staff fall away most {_between(g['step'])} at "
        f"{_count(g['organisations'], NOUNS[f.level])}"
    )


def _bottleneck_lead(f: StoryFacts) -> str:
    g = f.figures
    where = count_of(g["organisations"], g["of"], NOUNS[f.level], "the")
    rest = (
        f"; at {number_word(g['no_bottleneck'])} no single step stands out"
        if g["no_bottleneck"]
        else ""
    )
    at = "At" if f.level == "trust" else "In"
    return (
        f"{at} {where} with a progression ladder, BME staff fall away most {_between(g['step'])}"
        f"{rest}."
    )


def _bottleneck_prose(f: StoryFacts) -> list[str]:
    g = f.figures
    sentences = []
    if "national_step" in g:
        lower, upper = _steps(g["national_step"])
        sentences.append(
            "Nationally, "
            + bottleneck_sentence(
                lower, upper, g["national_ratio"], g["national_ci_low"], g["national_ci_high"]
            )
        )
    sentences.append(_bottleneck_lead(f))
    sentences.append(
        f"The {NOUNS[f.level]}s' bottlenecks fall at {number_word(g['steps_named'])} different "
        "steps, so each board has its own step to act on."
    )
    return sentences


# The year's significant changes.


def _change_headline(f: StoryFacts) -> str:
    g = f.figures
    return (
        f"{capitalise_first(_count(g['changes'], 'change'))} beyond chance since last year, "
        f"{number_word(g['worse'])} for the worse"
    )


def _change_lead(f: StoryFacts) -> str:
    g = f.figures
    return (
        f"Of {g['tested']:,} comparisons of indicators 2 to 8 with last year, "
        f"{number_word(g['changes'])} moved beyond chance (p under 0.05), at "
        f"{_count(g['organisations'], NOUNS[f.level])}: {number_word(g['worse'])} for the worse "
        f"for BME staff and {number_word(g['better'])} for the better."
    )


def _change_prose(f: StoryFacts) -> list[str]:
    g = f.figures
    words, is_ratio = CHANGE_WORDS[g["measure"]]
    shown = ratio_figure if is_ratio else story_percent
    expected = round(g["tested"] / 20)
    return [
        _change_lead(f),
        f"About {number_word(expected)} would pass that test by chance alone, so a single "
        "change is a question to ask rather than a finding.",
        f"The largest relative change is at {g['name']}, where {words} went from "
        f"{shown(g['previous'])} to {shown(g['current'])}.",
    ]


# The regions.


def _region_headline(f: StoryFacts) -> str:
    g = f.figures
    return (
        f"{_in(g['region'])}, {number_word(g['without_bme_executive'])} of "
        f"{number_word(g['reporting'])} trusts have no BME executive director"
    )


def _the(region: str) -> str:
    """ "London", but "the South West"."""
    return region if region == "London" else f"the {region}"


def _in(region: str) -> str:
    return f"In {_the(region)}"


def _region_lead(f: StoryFacts) -> str:
    g = f.figures
    share = story_percent(100 * g["without_bme_executive"] / g["reporting"])
    counted = count_of(g["without_bme_executive"], g["reporting"], "trust", "the")
    return (
        f"{_in(g['region'])}, {counted} "
        f"that reported executive directors have no BME executive director ({share}), the "
        f"largest share of any of the {number_word(g['regions'])} regions."
    )


def _region_prose(f: StoryFacts) -> list[str]:
    g = f.figures
    lowest = (
        f.detail.assign(
            _share=f.detail["trusts_without_bme_executive"]
            / f.detail["trusts_reporting_executives"]
        )
        .sort_values(["_share", "code"])
        .iloc[0]
    )
    return [
        _region_lead(f),
        f"Of its staff of known ethnicity, {story_percent(g['bme_workforce_pct'])} are BME.",
        f"The smallest share is in {_the(str(lowest['name']))}: "
        f"{number_word(int(lowest['trusts_without_bme_executive']))} of its "
        f"{number_word(int(lowest['trusts_reporting_executives']))} trusts.",
    ]


def _board_headline(f: StoryFacts) -> str:
    n = f.figures["trusts"]
    return (
        f"{capitalise_first(_count(n, 'trust'))} with more than a fifth BME staff "
        f"{'has' if n == 1 else 'have'} an all-White board"
    )


def _board_lead(f: StoryFacts) -> str:
    n = f.figures["trusts"]
    return (
        f"{capitalise_first(_count(n, 'trust'))} with more than a fifth of staff BME and an "
        f"all-White executive team {'has' if n == 1 else 'have'} an all-White board, "
        "non-executive directors included."
    )


WORDING: dict[str, tuple[Callable[[StoryFacts], str], ...]] = {
    "all_white_executive": (_white_headline, _white_lead, _white_prose),
    "all_white_board": (_board_headline, _board_lead, lambda f: [_board_lead(f)]),
    "no_bme_executive_system": (_systems_headline, _systems_lead, _systems_prose),
    "bottleneck": (_bottleneck_headline, _bottleneck_lead, _bottleneck_prose),
    "change": (_change_headline, _change_lead, _change_prose),
    "region": (_region_headline, _region_lead, _region_prose),
}  # type: ignore[dict-item]


def run_in(headline: str) -> str:
    """A headline as part of a sentence: "Two systems ..." becomes "two systems ...", while
    "BME staff ..." keeps its capitals.

    >>> run_in("Two systems where no trust has one"), run_in("BME staff fall away")
    ('two systems where no trust has one', 'BME staff fall away')
    """
    first = headline.split(" ", 1)[0]
    return headline[0].lower() + headline[1:] if first[1:].islower() else headline


def story_headline(facts: StoryFacts) -> str:
    """The story's headline, with its figure: "70 trusts with more than a fifth BME staff..."."""
    return check_sentence(WORDING[facts.kind][0](facts))


def story_lead(facts: StoryFacts) -> str:
    """One quotable sentence of the story (what ``wres stories`` prints)."""
    return check_sentence(WORDING[facts.kind][1](facts))


def story_prose(facts: StoryFacts) -> list[str]:
    """Two to four sentences telling the story, each checked."""
    return [check_sentence(sentence) for sentence in WORDING[facts.kind][2](facts)]
