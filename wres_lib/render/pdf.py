"""Print-quality A4 PDF from a briefing's HTML, with WeasyPrint."""

from __future__ import annotations

import re
import threading

import weasyprint
from tinyhtml5 import inputstream
from weasyprint.text.fonts import FontConfiguration

# Tagged PDF for screen readers (PDF/UA-1): structure tree in page order, the document's title
# and language from the page's <title> and lang, and bookmarks from its headings.
PDF_VARIANT = "pdf/ua-1"
_THIS_THREAD = threading.local()


class CharacterPatterns(dict[tuple[object, bool], re.Pattern[str]]):
    """tinyhtml5's patterns of characters to read up to, each built once, when first looked up.

    tinyhtml5 (WeasyPrint's HTML parser, 2.1) means to keep one compiled pattern for each set of
    characters, but stores it under the pattern instead of the characters
    (``characters = cache[(characters, opposite)] = regex``), so every lookup misses and builds
    the pattern again: some 10,000 times for a briefing, a tenth of the time its PDF takes. Built
    here as tinyhtml5 builds it, a pattern is found on every later lookup.
    """

    def __missing__(self, key: tuple[object, bool]) -> re.Pattern[str]:
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)  # type: ignore[attr-defined]
        pattern = self[key] = re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")
        return pattern


if type(inputstream.characters_until_regex) is dict:  # not yet replaced, nor changed upstream
    inputstream.characters_until_regex = CharacterPatterns()


def _fonts() -> FontConfiguration:
    """One font configuration for every PDF this thread makes. WeasyPrint would otherwise set
    up fonts anew for each, and its native libraries keep about 0.2 MiB of every one; the
    briefings load no web fonts, so they all draw with the same system fonts. (One for each
    thread: Pango's font maps are not to be shared between threads.)"""
    fonts = getattr(_THIS_THREAD, "fonts", None)
    if fonts is None:
        fonts = _THIS_THREAD.fonts = FontConfiguration()
    return fonts


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF of ``html``: A4, page numbers and running header from the print CSS."""
    return weasyprint.HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, font_config=_fonts())
