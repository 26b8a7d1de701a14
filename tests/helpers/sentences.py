"""The English a reader sees in a rendered briefing: one line per paragraph, list item, heading,
caption or table cell, with charts, scripts and code left out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib.resources import files

TEXT_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "td", "th", "dt", "dd"}
)
"""Elements whose text is read as one line."""
NOT_PROSE = frozenset({"svg", "script", "style", "code", "pre"})
"""Elements whose text is not generated English (charts, code, the lineage's hashes)."""


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[list[str]] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_PROSE:
            self._skipping += 1
        elif tag in TEXT_BLOCKS:
            self._open.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_PROSE:
            self._skipping -= 1
        elif tag in TEXT_BLOCKS and self._open:
            line = " ".join("".join(self._open.pop()).split())
            if line:
                self.lines.append(line.removesuffix("¶").rstrip())

    def handle_data(self, data: str) -> None:
        if self._open and not self._skipping:
            self._open[-1].append(data)


def text_lines(html: str) -> list[str]:
    """Every paragraph, list item, heading, caption and cell of ``html`` as one line of text
    (an item nested in another is its own line and is not repeated in its parent)."""
    parser = _Lines()
    parser.feed(html)
    parser.close()
    return parser.lines


def notebook_sections(notebook: str) -> list[str]:
    """The methods of ``briefing`` that a packaged notebook (e.g. "trust_briefing") shows, in
    order: the sections a reader sees, whatever they are called."""
    path = files("wres_lib.notebooks") / f"{notebook}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
    return list(dict.fromkeys(re.findall(r"\bbriefing\.(\w+)\(", source)))
