"""A rendered briefing's lead, read back from its page: the headline (its ``<h1>``), the
standfirst below it and, for the national edition, the headings of its stories (class
``story-headline``), as plain text for the index page.

The page is read with an HTML parser, never by pattern, and only as far as the first section
heading that is not a story's (the lead sits near the top, so a page of charts is not parsed
whole). The text comes back
unescaped: whoever writes it into a page escapes it there.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

CHUNK_CHARACTERS = 16_384
STORY_CLASS = "story-headline"


class _LeadParser(HTMLParser):
    """Collects the text of the first ``<h1>``, of the first element of class ``standfirst``
    and of every element of class ``story-headline``; ``done`` at the first ``<h2>`` that is
    not a story's headline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"headline": [], "standfirst": []}
        self.stories: list[list[str]] = []
        self.collecting: str | None = None  # the part being read, if any
        self.tag = ""  # the tag that opened it, and how deep in its own kind we are
        self.depth = 0
        self.in_anchor = False  # inside a heading's "¶" link, which is not its text
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.collecting:
            self.depth += tag == self.tag
            if tag in ("p", "br", "li"):  # paragraphs of one part are separate sentences
                self._target().append(" ")
            self.in_anchor = self.in_anchor or "anchor-link" in classes
            return
        if tag == "h1" and not self.parts["headline"]:
            self.collecting, self.tag, self.depth = "headline", tag, 1
        elif "standfirst" in classes and not self.parts["standfirst"]:
            self.collecting, self.tag, self.depth = "standfirst", tag, 1
        elif STORY_CLASS in classes:
            self.stories.append([])
            self.collecting, self.tag, self.depth = STORY_CLASS, tag, 1
        elif tag == "h2":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.in_anchor = False
        if self.collecting and tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                self.collecting = None

    def handle_data(self, data: str) -> None:
        if self.collecting and not self.in_anchor:
            self._target().append(data)

    def _target(self) -> list[str]:
        """Where the text being read goes: the last story's headline or a part."""
        return self.stories[-1] if self.collecting == STORY_CLASS else self.parts[self.collecting]

    def text(self, part: str) -> str:
        return " ".join("".join(self.parts[part]).split())


def read_lead(html: str) -> dict[str, str | list[str]]:
    """``{"headline": ..., "standfirst": ...}`` of a briefing page (``""`` for one it lacks),
    with ``"stories"`` (their headlines, in order) for a page that tells stories."""
    parser = _LeadParser()
    for start in range(0, len(html), CHUNK_CHARACTERS):
        parser.feed(html[start : start + CHUNK_CHARACTERS])
        if parser.done:
            break
    lead: dict[str, str | list[str]] = {
        "headline": parser.text("headline"),
        "standfirst": parser.text("standfirst"),
    }
    stories = [" ".join("".join(parts).split()) for parts in parser.stories]
    if any(stories):
        lead["stories"] = [story for story in stories if story]
    return lead


def read_lead_of_file(page: Path) -> dict[str, str | list[str]]:
    """The lead of the page at ``page``; empty texts if it cannot be read."""
    try:
        return read_lead(page.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {"headline": "", "standfirst": ""}
