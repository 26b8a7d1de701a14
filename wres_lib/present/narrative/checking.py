"""The last check on every generated line: no leaked "nan", no "1 trusts", no "-0"."""

from __future__ import annotations

import re

from wres_lib.errors import WresError


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
