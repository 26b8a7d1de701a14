"""Counts, nouns and names in words: "three of its five trusts", "2 ICBs", "Ashmere Hospitals'"."""

from __future__ import annotations

import operator
from collections.abc import Sequence

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
IRREGULAR_PLURALS = {
    "analysis": "analyses",
    "child": "children",
    "man": "men",
    "person": "people",
    "woman": "women",
}
"""Plurals that the spelling rules in :func:`plural` would get wrong (last word of a noun)."""
REGIONS_WITH_THE = (
    "Midlands",
    "North West",
    "East of England",
    "South East",
    "South West",
    "North East and Yorkshire",
)
"""NHS England regions that take "the" in a sentence ("in the Midlands"; London takes none)."""


def _as_count(n: int, name: str) -> int:
    """``n`` as a non-negative int; floats and booleans are refused."""
    if isinstance(n, bool):
        raise TypeError(f"{name} must be an integer, got {n!r}")
    count = operator.index(n)
    if count < 0:
        raise ValueError(f"{name} must not be negative, got {count}")
    return count


def number_word(n: int) -> str:
    """A count in house style: zero to ten in words, 11 and above as digits with commas.

    >>> number_word(3), number_word(10), number_word(11), number_word(1234)
    ('three', 'ten', '11', '1,234')
    """
    count = _as_count(n, "n")
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else f"{count:,}"


def _plural_word(word: str) -> str:
    """The plural of one word by English spelling rules and :data:`IRREGULAR_PLURALS`."""
    irregular = IRREGULAR_PLURALS.get(word.lower())
    if irregular is not None:
        return word[0] + irregular[1:]
    if word.isupper() or word[-1].isdigit():
        return word + "s"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2].lower() not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _plural_noun(noun: str) -> str:
    """The plural of a noun phrase: its head word changes ("members of staff", "ICBs")."""
    head, of, rest = noun.partition(" of ")
    before, _, last = head.rpartition(" ")
    plural_head = f"{before} {_plural_word(last)}" if before else _plural_word(last)
    return f"{plural_head}{of}{rest}"


def _noun_form(count: int, noun: str, plural_form: str | None) -> str:
    noun = noun.strip()
    if not noun:
        raise ValueError("noun must not be empty")
    if count == 1:
        return noun
    return plural_form if plural_form is not None else _plural_noun(noun)


def plural(n: int, noun: str, plural_form: str | None = None, *, spell_out: bool = False) -> str:
    """A count and its noun, singular only when the count is 1.

    Args:
        n: the count, an integer of zero or more.
        noun: the singular noun, e.g. "trust", "board member", "ICB".
        plural_form: the plural when the spelling rules get it wrong.
        spell_out: write the count with :func:`number_word` ("three trusts").

    >>> plural(1, "trust"), plural(0, "trust"), plural(2, "ICB"), plural(2, "person")
    ('1 trust', '0 trusts', '2 ICBs', '2 people')
    >>> plural(3, "authority", spell_out=True), plural(2, "member of staff")
    ('three authorities', '2 members of staff')
    """
    count = _as_count(n, "n")
    figure = number_word(count) if spell_out else f"{count:,}"
    return f"{figure} {_noun_form(count, noun, plural_form)}"


def count_of(
    n: int, total: int, noun: str, possessive: str = "its", plural_form: str | None = None
) -> str:
    """How many of a group, in words: "three of its five trusts".

    The special cases: "none of its five trusts", "all five of its trusts", "both of its
    trusts", "neither of its two trusts", and for a group of one "its only trust" or "none of
    its trusts".

    Args:
        n: how many of the group.
        total: the size of the group, at least 1.
        noun: the singular noun.
        possessive: "its", "their", "the", ...
        plural_form: the plural when the spelling rules get it wrong.

    Raises:
        ValueError: ``total`` is under 1 or ``n`` is outside 0 to ``total``.

    >>> count_of(3, 5, "trust"), count_of(1, 5, "trust"), count_of(5, 5, "trust")
    ('three of its five trusts', 'one of its five trusts', 'all five of its trusts')
    >>> count_of(0, 2, "ICB", possessive="the"), count_of(1, 1, "trust")
    ('neither of the two ICBs', 'its only trust')
    """
    count = _as_count(n, "n")
    size = _as_count(total, "total")
    if size < 1:
        raise ValueError("total must be at least 1")
    if count > size:
        raise ValueError(f"n ({count}) must not exceed total ({size})")
    owner = possessive.strip()
    if not owner:
        raise ValueError("possessive must not be empty")
    one, many = _noun_form(1, noun, plural_form), _noun_form(2, noun, plural_form)
    if size == 1:
        return f"{owner} only {one}" if count == 1 else f"none of {owner} {many}"
    if count == size and size == 2:
        return f"both of {owner} {many}"
    if count == size:
        return f"all {number_word(size)} of {owner} {many}"
    group = f"{owner} {number_word(size)} {many}"
    if count == 0:
        return f"{'neither' if size == 2 else 'none'} of {group}"
    return f"{number_word(count)} of {group}"


def capitalise_first(text: str) -> str:
    """``text`` with its first character in upper case and the rest unchanged.

    >>> capitalise_first("three of its five trusts"), capitalise_first("")
    ('Three of its five trusts', '')
    """
    return text[:1].upper() + text[1:]


def place_name(name: str) -> str:
    """A place as a sentence names it: "the Midlands", "the North West", but "London" and
    "Ashmere and Fennick ICS" as they are.

    >>> place_name("Midlands"), place_name("London"), place_name("the South West")
    ('the Midlands', 'London', 'the South West')
    """
    return f"the {name}" if name in REGIONS_WITH_THE else name


def list_phrase(items: Sequence[str]) -> str:
    """Items joined in British style, without the Oxford comma: "A, B and C".

    Raises:
        ValueError: there are no items, or an item is empty.

    >>> list_phrase(["London"]), list_phrase(["Asian", "Black", "Mixed"])
    ('London', 'Asian, Black and Mixed')
    """
    if isinstance(items, str):
        raise TypeError("items must be a sequence of strings, not one string")
    words = [item.strip() for item in items]
    if not words:
        raise ValueError("items must not be empty")
    if not all(words):
        raise ValueError(f"items must not be empty strings, got {list(items)!r}")
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def possessive(name: str) -> str:
    """The possessive of a name: "Northwick Vale's", but "Ashmere Hospitals'".

    >>> possessive("Northwick Vale"), possessive("Ashmere Hospitals")
    ("Northwick Vale's", "Ashmere Hospitals'")
    """
    if not name:
        raise ValueError("name must not be empty")
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def ordinal_year_span(first: int, last: int) -> str:
    """A span of years: "2016 to 2025", or one year alone.

    >>> ordinal_year_span(2016, 2025), ordinal_year_span(2025, 2025)
    ('2016 to 2025', '2025')
    """
    start, end = _as_count(first, "first"), _as_count(last, "last")
    if start > end:
        raise ValueError(f"first ({start}) must not be after last ({end})")
    return str(start) if start == end else f"{start} to {end}"


def year_phrase(n_years: int) -> str:
    """A length of time in whole years: "a year", "two years", "12 years".

    >>> year_phrase(1), year_phrase(2), year_phrase(12)
    ('a year', 'two years', '12 years')
    """
    count = _as_count(n_years, "n_years")
    if count < 1:
        raise ValueError("n_years must be at least 1")
    return "a year" if count == 1 else plural(count, "year", spell_out=True)
