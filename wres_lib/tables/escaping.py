"""Text from data files made inert where it is published: in Markdown (no live HTML, no
Markdown syntax) and in spreadsheets (no formulas).

Names of organisations come from data files, which are untrusted. In a Markdown document a
name is HTML-escaped and Markdown's own special characters are backslash-escaped, so a
CommonMark renderer shows it as typed. In a CSV file a text cell that a spreadsheet would run
as a formula (it begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with a single quote, as OWASP recommends; numbers, negative ones included, stay
numbers.
"""

from __future__ import annotations

import html
import re

# Characters with a meaning in CommonMark or GitHub tables anywhere in a line. '#', '+', '-'
# and digits only matter at the start of a line, where these texts never stand.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
FORMULA_NOTE = (
    "Text cells beginning with =, +, -, @, a tab or a carriage return are prefixed with a "
    "single quote (') so that spreadsheets show them as text instead of running them as "
    "formulas."
)


def markdown_text(value: object) -> str:
    """``value`` as Markdown inline text that renders exactly as the characters given."""
    flat = " ".join(str(value).splitlines())
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def needs_quote(value: object) -> bool:
    """Whether a spreadsheet would take text ``value`` for a formula (numbers never are)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    )


def spreadsheet_text(value: object) -> object:
    """``value``, with a single quote in front if a spreadsheet would run it as a formula."""
    return f"'{value}" if needs_quote(value) else value
