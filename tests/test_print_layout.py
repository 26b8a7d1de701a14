"""Print layout: no PDF page but the last is near-empty (a heading or a caption alone on it).

Each page is drawn at 30 dpi in grey (``pdftoppm``) and its ink measured: the fraction of its
pixels darker than light grey. The running header, the synthetic-data mark and the page number
alone are about 0.3% of an A4 page; with a lone heading, or a lone caption, under 0.6%; a page
of prose, tables or charts 3% to 13%. A page under 2% (a fifth of the lightest full page) has
room the layout failed to use. The last page may be short.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.paths import SAMPLE
from tests.helpers.rendering import RUN_DATE, YEAR
from wres_lib.data.dataset import load_dataset
from wres_lib.render.briefing import render_briefing
from wres_lib.render.html import templates_dir
from wres_lib.render.plan import briefing_for

DPI = 30
INK_LEVEL = 200  # of 255: darker than this is ink (text, rules, bars; not the pale fills)
NEAR_EMPTY = 0.02
REGIONS = ("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63")
MORE = {  # beyond the session's rendered briefings: every region, three ICBs, three trusts
    **{f"region {code}": ("region", code) for code in REGIONS if code != "Y56"},
    "largest icb": ("icb", "ZQ25"),
    "icb ZQ01": ("icb", "ZQ01"),
    "trust ZT001": ("trust", "ZT001"),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is installed by .ci/run"),
]


def ink_per_page(pdf: Path, workdir: Path) -> list[float]:
    """The fraction of each page's pixels that are ink, page by page."""
    prefix = workdir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True)
    inks = []
    for image in sorted(
        workdir.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.split("-")[-1])
    ):
        with Image.open(image) as page:
            histogram = page.histogram()
            inks.append(sum(histogram[:INK_LEVEL]) / (page.width * page.height))
    return inks


@pytest.fixture(scope="module")
def pdfs(rendered, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The national, every region, three ICB and three trust PDFs of the sample."""
    from wres_lib.render.kernels import WarmKernel
    from wres_lib.render.pdf import html_to_pdf

    out = tmp_path_factory.mktemp("print")
    found = {name: pages["pdf"] for name, pages in rendered.items() if "pdf" in pages}
    for name, pages in rendered.items():
        if "pdf" not in pages:  # rendered as HTML only: print the same page
            found[name] = out / f"{name}.pdf"
            found[name].write_bytes(html_to_pdf(pages["html"].read_text(encoding="utf-8")))
    dataset, kernel = load_dataset(SAMPLE), WarmKernel()
    try:
        for name, (level, code) in MORE.items():
            briefing = briefing_for(dataset, level, code, YEAR, SAMPLE)
            briefing.parameters["run_date"] = RUN_DATE
            found[name] = render_briefing(briefing, out, ("pdf",), kernel=kernel)["pdf"]
    finally:
        kernel.shutdown()
    return found


@pytest.mark.parametrize(
    "name", ["national", "region", "system", "trust", "tiny_numbers_trust", *MORE]
)
def test_no_page_but_the_last_is_near_empty(pdfs, name: str, tmp_path: Path) -> None:
    inks = ink_per_page(pdfs[name], tmp_path)
    assert len(inks) >= 2
    near_empty = [n for n, ink in enumerate(inks[:-1], start=1) if ink < NEAR_EMPTY]
    assert near_empty == [], f"near-empty pages {near_empty} of {[round(i, 3) for i in inks]}"


def test_the_measure_sees_a_page_holding_only_a_heading(tmp_path: Path) -> None:
    from wres_lib.render.pdf import html_to_pdf

    style = (templates_dir() / "briefing" / "briefing.css").read_text(encoding="utf-8")
    prose = (
        "<p>" + "A sentence of the briefing's prose, long enough to fill a line. " * 400 + "</p>"
    )
    page = (
        f'<html lang="en-GB"><head><title>t</title><style>{style}</style></head><body>'
        f'<main class="briefing"><h1>Headline</h1>{prose}'
        f'<h2 style="break-before: page">The trusts</h2>'
        f'<div style="break-before: page">{prose}</div></main></body></html>'
    )
    pdf = tmp_path / "lonely.pdf"
    pdf.write_bytes(html_to_pdf(page))
    inks = ink_per_page(pdf, tmp_path)
    lonely = inks.index(min(inks[:-1]))
    assert inks[lonely] < NEAR_EMPTY and max(inks) > 3 * NEAR_EMPTY, inks
