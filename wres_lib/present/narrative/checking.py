"""The checks on every generated line.

:func:`check_sentence` is the last check a briefing makes before it prints a line: no leaked
"nan", no "1 trusts", no "-0". :func:`style_problems` is the house style a test holds every
sentence of the bundled set to (:data:`STYLE_RULES`): "White" and "BME" capitalised, one bracketed
aside at a time, no list of more than five names, suppressed figures read "too few to report",
a ratio below 1 said in the direction it favours, ratios to two decimals, "the" before the
regions that take it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wres_lib.errors import WresError
from wres_lib.present.narrative.places import REGIONS_WITH_THE


class SentenceError(WresError, ValueError):
    """A generated sentence breaks a house rule; ``problems`` lists every rule it breaks."""

    def __init__(self, text: str, problems: list[str]):
        self.text = text
        self.problems = list(problems)
        super().__init__(f"{text!r}: {'; '.join(self.problems)}")


_LEAKED_VALUES = re.compile(r"\b(?:nan|inf|infinity)\b", re.IGNORECASE)
_LEAKED_PANDAS_VALUES = re.compile(r"\bNaT\b|<NA>")
_NONE = re.compile(r"\bNone\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?(\n\"'\u2018\u201c]\s*)$")
_ONE_PLURAL = re.compile(r"(?<![\d.,])1 ([A-Za-z]+s)\b")
_ONE_PLURAL_COMPOUND = re.compile(
    r"(?<![\d.,])1 (?:board|executive|percentage|staff|team) [a-z]+s\b", re.IGNORECASE
)
SINGULAR_WORDS_ENDING_IN_S = frozenset({"does", "gas", "has", "means", "news", "series", "was"})
"""Words after "1" that end in s but are not plural nouns (besides -ss, -us and -is words)."""
_NEGATIVE_ZERO = re.compile(r"(?<!\w)-0(?:\.0+)?(?![.\d])")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[,.;:!?)%]")


def _is_plural_after_one(word: str) -> bool:
    return word not in SINGULAR_WORDS_ENDING_IN_S and not word.endswith(("ss", "us", "is"))


def check_sentence(text: str) -> str:
    """Refuse a generated line that breaks a house rule; return it unchanged otherwise.

    The rules: no leaked "nan", "inf", "NaT", "<NA>" or "None" (a capitalised "None" is
    allowed only where a sentence starts); no "1 trusts"; no "-0"; no double spaces; no space
    before punctuation; not empty.

    Raises:
        SentenceError: (a ValueError) listing every rule the line breaks.

    >>> check_sentence("None of its five trusts had an all-White board.")
    'None of its five trusts had an all-White board.'
    >>> check_sentence("1 trusts reported nan")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wres_lib.present.narrative.checking.SentenceError: '1 trusts reported nan': a missing ...
    """
    problems = []
    if not text.strip():
        problems.append("the line is empty")
    problems += [
        f"a missing or infinite value leaked: {match.group()!r}"
        for pattern in (_LEAKED_VALUES, _LEAKED_PANDAS_VALUES)
        for match in pattern.finditer(text)
    ]
    problems += [
        "'None' in the middle of a sentence"
        for match in _NONE.finditer(text)
        if not _SENTENCE_START.search(text[: match.start()])
    ]
    problems += [
        f"a singular count with a plural noun: {match.group()!r}"
        for match in _ONE_PLURAL.finditer(text)
        if _is_plural_after_one(match.group(1).lower())
    ]
    problems += [
        f"a singular count with a plural noun: {match.group()!r}"
        for match in _ONE_PLURAL_COMPOUND.finditer(text)
    ]
    if _NEGATIVE_ZERO.search(text):
        problems.append("a negative zero")
    if "  " in text:
        problems.append("a double space")
    problems += [
        f"a space before punctuation: {match.group()!r}"
        for match in _SPACE_BEFORE_PUNCTUATION.finditer(text)
    ]
    if problems:
        raise SentenceError(text, problems)
    return text


@dataclass(frozen=True)
class StyleRule:
    """One house-style rule: its name and what it finds wrong in a line (empty if nothing)."""

    name: str
    find: Callable[[str], list[str]]


MAX_NAMES_IN_A_SENTENCE = 5
"""A sentence names at most five organisations; a longer list points to the table instead."""

_SLUG = re.compile(r"`[^`]*`|\b[a-z0-9]+(?:-[a-z0-9]+){2,}(?:\.[a-z]+)?\b")
_LOWER_WHITE = re.compile(r"\bwhite\b")
_LOWER_BME = re.compile(r"\b(?:bme|Bme)\b")
_DOUBLED_BRACKETS = re.compile(r"\([^()]*\)\s*\([^()]*\)")
_NAME = r"[A-Z][\w'\u2019.&-]*(?:\s+(?:(?:and|of|the|upon|on|in|for)\s+)*[A-Z(][\w'\u2019.&()-]*)*"
_LONG_LIST = re.compile(
    rf"{_NAME}(?:,\s+{_NAME}){{{MAX_NAMES_IN_A_SENTENCE},}}"
    rf"|{_NAME}(?:,\s+{_NAME}){{{MAX_NAMES_IN_A_SENTENCE - 1},}},?\s+and\s+{_NAME}"
)
_NO_STAFF = re.compile(r"\bno staff\b(?!\s+(?:recorded|of|at|in|on)\b)", re.IGNORECASE)
"""A bare "no staff" (a band's label, as a suppressed figure was once shown); "no staff at this
band" and "no staff recorded here" say what they mean."""
_AWAY_FROM_PARITY = re.compile(r"\baway from parity\b", re.IGNORECASE)
_FAVOURS = re.compile(r"\bfavou?r", re.IGNORECASE)
_MANY_DECIMALS = re.compile(r"(?<![\w.])\d+\.\d{4,}(?!\w|\.\d)")
_THREE_DECIMALS = re.compile(r"(?<![\w.])\d+\.\d{3}(?!\w|\.\d)")
_RATIO_WORDS = re.compile(r"(?:ratio|factor|likel\w*|parity)\D{0,20}$", re.IGNORECASE)
_ZERO_TIMES = re.compile(r"(?<![\d.])0(?:\.0+)? times\b")
_REGION_WITHOUT_THE = re.compile(
    rf"\b(?!(?i:the|east|west)\b)(?i:[a-z]+)\s+({'|'.join(map(re.escape, REGIONS_WITH_THE))})\b"
)


def _outside_code(text: str) -> str:
    """``text`` without code spans and file-name slugs ("all-white-executives.csv")."""
    return _SLUG.sub(" ", text)


def _ethnic_group_capitals(text: str) -> list[str]:
    prose = _outside_code(text)
    return [
        f"an ethnic group in lower case: {m.group()!r} (write 'White', 'BME')"
        for pattern in (_LOWER_WHITE, _LOWER_BME)
        for m in pattern.finditer(prose)
    ]


def _doubled_brackets(text: str) -> list[str]:
    return [
        f"two bracketed asides in a row: {m.group()!r}" for m in _DOUBLED_BRACKETS.finditer(text)
    ]


def _long_lists(text: str) -> list[str]:
    return [
        f"more than {MAX_NAMES_IN_A_SENTENCE} names in one sentence (point to the table): "
        f"{m.group()[:60]!r}..."
        for m in _LONG_LIST.finditer(text)
    ]


def _no_staff(text: str) -> list[str]:
    return [
        "a bare 'no staff': a suppressed figure reads 'too few to report', an empty band "
        "'no staff at this band'"
        for _ in _NO_STAFF.finditer(text)
    ]


def _direction_of_parity(text: str) -> list[str]:
    if _AWAY_FROM_PARITY.search(text) and not _FAVOURS.search(text):
        return ["'away from parity' without saying which group the ratio favours"]
    return []


def _decimals(text: str) -> list[str]:
    problems = [
        f"a number with four or more decimals: {m.group()!r}" for m in _MANY_DECIMALS.finditer(text)
    ]
    problems += [
        f"a ratio with three decimals (two in prose): {m.group()!r}"
        for m in _THREE_DECIMALS.finditer(text)
        if _RATIO_WORDS.search(text[: m.start()]) or text[m.end() :].startswith(" times")
    ]
    problems += [f"a ratio of zero: {m.group()!r}" for m in _ZERO_TIMES.finditer(text)]
    return problems


def _regions_take_the(text: str) -> list[str]:
    return [
        f"a region without 'the': {m.group()!r} (write 'the {m.group(1)}')"
        for m in _REGION_WITHOUT_THE.finditer(text)
    ]


STYLE_RULES = (
    StyleRule("ethnic-group-capitals", _ethnic_group_capitals),
    StyleRule("doubled-brackets", _doubled_brackets),
    StyleRule("long-list-of-names", _long_lists),
    StyleRule("too-few-to-report", _no_staff),
    StyleRule("direction-of-parity", _direction_of_parity),
    StyleRule("ratio-decimals", _decimals),
    StyleRule("regions-take-the", _regions_take_the),
)
"""The house style of generated English, beyond what :func:`check_sentence` refuses."""


def style_problems(text: str) -> list[tuple[str, str]]:
    """Every house-style rule ``text`` breaks, as ``(rule name, what is wrong)`` pairs.

    >>> style_problems("In the Midlands, White staff were 1.52 times as likely.")
    []
    >>> [name for name, _ in style_problems("In Midlands, white staff: ratio of 1.517.")]
    ['ethnic-group-capitals', 'ratio-decimals', 'regions-take-the']
    """
    return [(rule.name, problem) for rule in STYLE_RULES for problem in rule.find(text)]
