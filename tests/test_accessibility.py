"""axe-core finds no WCAG 2.2 A/AA violation on a trust, system, region and national briefing and
the index page, and every PDF is tagged (PDF/UA) with a title, a language and bookmarks.

axe-core (bundled by ``axe-playwright-python``) runs inside Debian's Chromium, driven by
Playwright through ``executable_path``: no browser is downloaded.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.helpers.browser import launched_chromium, needs_chromium

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ["trust", "system", "region", "national", "index"]


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


def axe_violations(browser, page_path: Path) -> list[str]:
    """The WCAG 2.2 A/AA rules axe-core finds broken on ``page_path``, one line per rule."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        page.goto(page_path.resolve().as_uri())
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        results = Axe().run(page, options=options).response
    finally:
        page.close()
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
    ]


@needs_chromium
@pytest.mark.slow
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_22_aa_violation(rendered, browser, name: str) -> None:
    page = (
        rendered["trust"]["html"].parents[1] / "index.html"
        if name == "index"
        else rendered[name]["html"]
    )
    assert axe_violations(browser, page) == []


@needs_chromium
def test_axe_sees_a_page_with_violations(browser, tmp_path: Path) -> None:
    """The check is live: a page with an unlabelled image and faint text fails it."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><body><img src="x.png"><p style="color:#ccc;background:#fff">faint</p></body></html>'
    )
    found = " ".join(axe_violations(browser, page))
    assert "image-alt" in found and "color-contrast" in found and "html-has-lang" in found


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every compressed stream (object streams included) inflated."""
    raw = pdf.read_bytes()
    parts = [raw]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream[1]))
        except zlib.error:
            continue  # an image or font stream with another filter
    return b"\n".join(parts)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is installed by .ci/run")
@pytest.mark.parametrize("name", ["trust", "tiny_numbers_trust"])
def test_pdf_is_tagged_with_title_language_and_bookmarks(rendered, name: str) -> None:
    pdf = rendered[name]["pdf"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes", info.stdout, re.MULTILINE), info.stdout
    title = re.search(r"^Title:\s+(.+)$", info.stdout, re.MULTILINE)
    assert title and "WRES" in title[1], info.stdout
    objects = pdf_objects(pdf)
    assert b"/Lang (en-GB)" in objects
    assert b"/StructTreeRoot" in objects and b"/Figure" in objects and b"/Alt" in objects
    bookmarks = re.findall(rb"/Title \((.*?)\)", objects)
    assert b"The nine indicators" in bookmarks and b"Run card" in bookmarks, bookmarks
