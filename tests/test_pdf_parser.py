"""The HTML parser under WeasyPrint keeps the character patterns it builds (see render.pdf)."""

from __future__ import annotations

import re

from tinyhtml5 import inputstream

from wres_lib.render.pdf import html_to_pdf

PAGE = '<html lang="en"><title>A page</title><p class="a" id="b">Text &amp; more</p></html>'


def test_each_pattern_is_built_once_and_kept_under_its_characters() -> None:
    first = html_to_pdf(PAGE)
    kept = dict(inputstream.characters_until_regex)
    assert kept and not [chars for chars, _opposite in kept if isinstance(chars, re.Pattern)]
    assert html_to_pdf(PAGE) == first
    assert all(inputstream.characters_until_regex[key] is kept[key] for key in kept)


def test_the_patterns_read_up_to_their_characters_or_over_them() -> None:
    patterns = inputstream.characters_until_regex
    assert patterns[(("&", "<"), False)].match("ab&c")[0] == "ab"
    assert patterns[(frozenset(" \t"), True)].match(" \t x")[0] == " \t "
