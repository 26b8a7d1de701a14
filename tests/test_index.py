"""The front page: every briefing's headline, grouped nation and regions first, then each
region's systems with their trusts; the national lead on top; a filter box that narrows the
list in a real browser (Debian's Chromium driven by Playwright, as the accessibility tests do).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.browser import launched_chromium, needs_chromium
from wres_lib.data.dataset import load_dataset
from wres_lib.render.index import write_index
from wres_lib.render.lead import read_lead
from wres_lib.render.manifest import Manifest, Outcome

ORGANISATIONS = pd.DataFrame(
    {
        "org_code": ["ZT1", "ZT2", "ZT3"],
        "org_name": ["Ashford Trust", "Birch <b>Trust</b>", "Cedar Trust"],
        "icb_code": ["ZQ1", "ZQ1", "ZQ2"],
        "icb_name": ["Alpha ICS", "Alpha ICS", "Beta ICS"],
        "region_code": ["Y1", "Y1", "Y2"],
        "region_name": ["North", "North", "South"],
    }
)
HEADLINES = {
    ("national", "ENG"): "Ninety trusts have no BME executive",
    ("region", "Y1"): "The North's boards lag",
    ("region", "Y2"): "The South's ladder",
    ("icb", "ZQ1"): "Alpha's trusts & <their> boards",
    ("trust", "ZT1"): "Ashford's steepest step",
    ("trust", "ZT2"): "Birch's board gap",
    ("trust", "ZT3"): "Cedar's appointments",
}


def page_of(key: tuple[str, str]) -> str:
    """A briefing page as the template writes one: escaped headline, standfirst, a section."""
    from html import escape

    return (
        f"<html><head><style>h1 {{ color: red }}</style></head><body><main>"
        f"<h1>{escape(HEADLINES[key])}</h1><div class='standfirst'><p>About {key[1]}.</p></div>"
        f"<h2>Findings</h2><h1>not the headline</h1></main></body></html>"
    )


@pytest.fixture
def index_page(tiny_dataset: Path, tmp_path: Path) -> Path:
    """An index of seven briefings written as a build records them (ZQ2 has no briefing)."""
    out = tmp_path / "out"
    manifest = Manifest(out, 2025, load_dataset(tiny_dataset), {})
    for level, code in HEADLINES:
        page = out / "2025" / level / f"{code}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(page_of((level, code)), encoding="utf-8")
        files = (f"2025/{level}/{code}.html",)
        manifest.add(Outcome(level, code, "ok", 1.0, files, title=f"{code}: WRES briefing 2025"))
    return write_index(out / "2025", manifest, ORGANISATIONS)


class Outline(HTMLParser):
    """The page's list items as (nesting depth, text), the headings, and its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.items, self.headings, self.tags = 0, [], [], []
        self.texts: list[list[str]] = []
        self.in_heading = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if self.texts:  # a line break or a new element separates words
            self.texts[-1][1] += " "
        if tag == "li":
            self.depth += 1
            self.items.append([self.depth, ""])
            self.texts.append(self.items[-1])
        elif tag in ("h2", "h3"):
            self.headings.append("")
            self.in_heading = True

    def handle_endtag(self, tag: str) -> None:
        self.in_heading = self.in_heading and tag not in ("h2", "h3")
        if tag == "li":
            self.depth -= 1
            self.texts.pop()

    def handle_data(self, data: str) -> None:
        if self.texts:
            self.texts[-1][1] += data
        if self.in_heading:
            self.headings[-1] += data


def outline(page: Path) -> Outline:
    parser = Outline()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_lead_is_the_first_h1_and_the_standfirst_unescaped() -> None:
    lead = read_lead(page_of(("icb", "ZQ1")))
    assert lead == {"headline": "Alpha's trusts & <their> boards", "standfirst": "About ZQ1."}
    assert read_lead("<p>no headline</p>") == {"headline": "", "standfirst": ""}


def test_the_national_stories_are_read_to_the_first_section_and_listed_on_top(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    from html import escape

    stories = ["70 trusts & <their> all-White teams", "Two systems with none"]
    told = "".join(
        f'<section class="story"><h2 class="story-headline">{escape(s)}</h2><p>Prose.</p></section>'
        for s in stories
    )
    page = (
        f"<main><h1>The lead</h1><div class='standfirst'><p>First.</p><p>Then.</p></div>{told}"
        '<h2>Reference tables</h2><h2 class="story-headline">not a story</h2></main>'
    )
    lead = {"headline": "The lead", "standfirst": "First. Then.", "stories": stories}
    assert read_lead(page) == lead
    assert "stories" not in read_lead(page_of(("trust", "ZT1")))
    out = tmp_path / "out"
    manifest = Manifest(out, 2025, load_dataset(tiny_dataset), {})
    path = out / "2025" / "national" / "ENG.html"
    path.parent.mkdir(parents=True)
    path.write_text(page, encoding="utf-8")
    manifest.add(Outcome("national", "ENG", "ok", 1.0, ("2025/national/ENG.html",), title="ENG"))
    text = write_index(out / "2025", manifest, ORGANISATIONS).read_text(encoding="utf-8")
    lead = text[text.index('<section class="lead"') : text.index("</section>")]
    assert (
        "<li>70 trusts &amp; &lt;their&gt; all-White teams</li><li>Two systems with none</li>"
        in lead
    )
    assert "not a story" not in text


def test_the_manifest_records_each_headline(index_page: Path) -> None:
    import json

    entries = json.loads((index_page.parent / "manifest.json").read_text())["briefings"]
    assert {(e["level"], e["code"]): e["headline"] for e in entries} == HEADLINES


def test_every_headline_appears_escaped_and_linked(index_page: Path) -> None:
    text = index_page.read_text(encoding="utf-8")
    assert "Alpha&#x27;s trusts &amp; &lt;their&gt; boards" in text
    assert "Birch &lt;b&gt;Trust&lt;/b&gt;" in text and "<b>" not in text
    items = " ".join(item for _, item in outline(index_page).items)
    for headline in HEADLINES.values():
        assert headline in items


def test_briefings_are_grouped_nation_regions_then_systems_with_their_trusts(
    index_page: Path,
) -> None:
    parsed = outline(index_page)
    lines = [(depth, " ".join(text.split("·")[0].split())) for depth, text in parsed.items]
    assert lines == [
        (1, "Ninety trusts have no BME executive England"),
        (1, "The North's boards lag North"),
        (1, "The South's ladder South"),
        (1, "Alpha's trusts & <their> boards Alpha ICS"),
        (2, "Ashford's steepest step Ashford Trust"),
        (2, "Birch's board gap Birch <b>Trust</b>"),
        (1, "Beta ICS ZQ2"),  # no briefing of its own: its name heads its trusts
        (2, "Cedar's appointments Cedar Trust"),
    ]
    assert [h for h in parsed.headings if h in ("North", "South")] == ["North", "South"]
    assert "The year in brief" in parsed.headings
    assert parsed.tags.count("script") == 1 and "link" not in parsed.tags  # nothing loaded


def test_the_index_is_the_same_bytes_when_written_again(index_page: Path, tiny_dataset) -> None:
    first = index_page.read_bytes()
    manifest = Manifest.open(index_page.parents[1], 2025, load_dataset(tiny_dataset))
    assert write_index(index_page.parent, manifest, ORGANISATIONS).read_bytes() == first


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


@needs_chromium
def test_typing_in_the_filter_narrows_the_list(browser, index_page: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(index_page.resolve().as_uri())
        visible = page.locator("li[data-search]:visible")
        assert visible.count() == 8
        page.keyboard.press("Tab")  # the national lead's link, then the filter box
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "filter"
        page.keyboard.type("cedar")
        texts = visible.all_inner_texts()
        # the trust, and the system it sits in; the other region's group is hidden
        assert len(texts) == 2 and "Cedar's appointments" in texts[1]
        assert not page.get_by_role("heading", name="North").is_visible()
        assert page.locator("#filter-count").inner_text() == "1 of 7 briefings match."
        page.fill("#filter", "alpha ics")  # a system shows with its trusts
        assert len(visible.all_inner_texts()) == 3
        page.fill("#filter", "no such place")
        assert visible.count() == 0
        assert page.locator("#filter-count").inner_text() == "0 of 7 briefings match."
    finally:
        page.close()


@pytest.mark.slow
def test_the_rendered_index_shows_each_briefings_headline(rendered) -> None:
    index = outline(rendered["trust"]["html"].parents[1] / "index.html")
    items = " ".join(text for _, text in index.items)
    for pages in rendered.values():
        headline = read_lead(pages["html"].read_text(encoding="utf-8"))["headline"]
        assert len(headline) > 20 and headline in items


def test_a_briefing_the_organisations_do_not_place_is_listed_apart(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    entry = {"level": "trust", "code": "ZT404", "title": "Gone Trust", "status": "failed"}
    entry["files"] = {}
    manifest = Manifest(tmp_path, 2025, load_dataset(tiny_dataset), {("trust", "ZT404"): entry})
    parsed = outline(write_index(tmp_path / "2025", manifest, ORGANISATIONS))
    assert parsed.headings == ["Other briefings"]
    assert [" ".join(text.split()) for _, text in parsed.items] == [
        "Gone Trust ZT404 · not rendered: see manifest.json"
    ]
