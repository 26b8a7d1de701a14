"""Each briefing notebook executes on the bundled dataset and renders to HTML and PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.rendering import BRIEFINGS, YEAR, render

pytestmark = pytest.mark.slow  # executes and renders five briefing notebooks

TRUST_SECTIONS = (
    "What changed since last year",
    "The nine indicators",
    "Representation by pay band",
    "The board",
    "The Model Employer trajectory",
    "Trends",
    "Among all trusts",
    "Data quality",
    "Methods and sources",
    "Run card",
)
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("name", list(BRIEFINGS))
def test_briefing_html_is_clean_and_labelled(rendered, name: str) -> None:
    html = rendered[name]["html"].read_text(encoding="utf-8")
    assert "<h1>" in html and "Run card" in html
    assert 'class="synthetic-banner"' in html and "SYNTHETIC DATA" in html
    assert "briefing.build" not in html and "import " not in html  # no code cells
    assert "data_dir =" not in html  # no parameter cells
    assert not EXTERNAL.search(html), "the page loads something from outside the file"
    assert "<script" not in html
    for leak in (r">nan<", r"\bnan\b", r"\bNone\b(?! of)", r"\b1 trusts\b", "Traceback"):
        assert not re.search(leak, html), leak
    assert html.count("<svg ") >= (1 if name != "trust" else 5)  # charts as inline vectors
    assert html.count("<svg ") == html.count('role="img"') and "data:image/png" not in html


def test_trust_briefing_has_every_section(rendered) -> None:
    html = rendered["trust"]["html"].read_text(encoding="utf-8")
    for section in TRUST_SECTIONS:
        assert section in html, section


def test_tiny_numbers_trust_says_too_few_to_report(rendered) -> None:
    html = rendered["tiny_numbers_trust"]["html"].read_text(encoding="utf-8")
    assert "too few to report" in html


def test_system_briefing_names_its_finding(rendered) -> None:
    html = rendered["system"]["html"].read_text(encoding="utf-8")
    assert "None of the five trusts in" in html


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run"
)
@pytest.mark.parametrize("name", ["trust", "tiny_numbers_trust"])
def test_pdf_has_pages_text_and_a_header_on_every_page(rendered, name: str) -> None:
    pdf = rendered[name]["pdf"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    # Seven pages at most (the sample trusts' take five: the charts' figures as tables are
    # on the web page only, so the PDF has room to grow).
    assert 2 <= pages <= 7
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        header = " ".join(text.splitlines()[:2])  # the running header may wrap onto two lines
        assert "(synthetic): WRES" in header, page
        assert f"briefing {YEAR}" in header, f"no running header on page {page}"
        assert "SYNTHETIC DATA" in text and f"Page {page} of {pages}" in text
    every_page = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the charts' words are text in the PDF, not pixels (the source line may wrap)
    assert "Chart: WRES briefings" in " ".join(every_page.split())


def test_rendering_twice_gives_identical_html(rendered, tmp_path: Path) -> None:
    again = render("trust", "ZT015", tmp_path)
    assert again["html"].read_bytes() == rendered["trust"]["html"].read_bytes()


def test_index_links_every_briefing(rendered) -> None:
    index = (rendered["trust"]["html"].parents[1] / "index.html").read_text(encoding="utf-8")
    for pages in rendered.values():
        path = pages["html"]
        assert f'href="{path.parent.name}/{path.name}"' in index
    assert 'id="filter"' in index and "SYNTHETIC DATA" in index
