"""Charts as inline SVG: labelled for screen readers, ids unique on a page, text kept as text."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import pytest
from weasyprint import LOGGER

from tests.test_charts import all_charts
from wres_lib.present import fragments
from wres_lib.present.inline_svg import inline_svg
from wres_lib.present.style import figure_bytes, finish_figure, new_figure
from wres_lib.render.pdf import html_to_pdf

ALT = 'Bar chart of "BME" shares <by band> & more'
IDS = re.compile(r'\sid="([^"]+)"')
REFERENCES = re.compile(r'href="#([^"]+)"|url\(#([^)]+)\)')
LONG_DECIMALS = re.compile(r"\d\.\d{3,}")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Each test chart as the fragment a briefing shows."""
    return {name: fragments.chart(fig, f"{name}: {ALT}") for name, fig in all_charts(True).items()}


def svg_of(fragment: str) -> ET.Element:
    match = re.fullmatch(r'<figure class="chart">(<svg .*</svg>)</figure>', fragment, re.DOTALL)
    assert match, fragment[:200]
    return ET.fromstring(match[1])


def test_each_chart_is_one_labelled_svg_element(pages: dict[str, str]) -> None:
    for name, fragment in pages.items():
        assert fragment.count("<svg") == 1 and "<?xml" not in fragment and "DOCTYPE" not in fragment
        assert "<img" not in fragment and "base64" not in fragment
        root = svg_of(fragment)
        assert root.get("role") == "img"
        assert root.get("aria-label") == f"{name}: {ALT}"
        assert root[0].tag == "{http://www.w3.org/2000/svg}title"
        assert root[0].text == f"{name}: {ALT}"


def test_text_stays_text(pages: dict[str, str]) -> None:
    for fragment in pages.values():
        texts = [
            element.text for element in svg_of(fragment).iter() if element.tag.endswith("text")
        ]
        assert any(text.startswith("Source: test-data, vintage 2025") for text in texts)
        assert "SYNTHETIC DATA" in texts
        assert "DejaVuSans-" not in fragment  # no glyphs drawn as paths


def test_ids_are_unique_on_a_page_and_every_reference_resolves(pages: dict[str, str]) -> None:
    page = "".join(pages.values())
    ids = IDS.findall(page)
    assert ids and len(ids) == len(set(ids))
    references = {first or second for first, second in REFERENCES.findall(page)}
    assert references and references <= set(ids)
    assert "xlink:" not in page


def test_coordinates_are_rounded_but_labels_are_not() -> None:
    fig, ax = new_figure("A label with 1.23456 in it")
    ax.plot([0.123456, 1.987654], [0.333333, 0.666666])
    finish_figure(fig, "test-data")
    document = figure_bytes(fig, "svg")
    assert LONG_DECIMALS.search(document.decode())  # matplotlib writes six decimals
    svg = inline_svg(document, label="A line")
    root = ET.fromstring(svg)
    for element in root.iter():
        for name in ("d", "x", "y", "width", "height", "transform"):
            assert not LONG_DECIMALS.search(element.get(name, "")), element.get(name)
    assert "A label with 1.23456 in it" in [element.text for element in root.iter()]


def test_markup_in_names_stays_text() -> None:
    fig, _ = new_figure('<script>alert("x")</script> NHS Trust')
    finish_figure(fig, "test-data")
    fragment = fragments.chart(fig, 'Chart of <script>alert("x")</script>')
    assert "<script" not in fragment
    assert '<script>alert("x")</script> NHS Trust' in [t.text for t in svg_of(fragment).iter()]


def test_the_same_chart_gives_the_same_text() -> None:
    first, second = all_charts(True)["funnel"], all_charts(True)["funnel"]
    assert fragments.chart(first, ALT) == fragments.chart(second, ALT)


def test_empty_alt_text_or_other_documents_are_refused() -> None:
    fig, _ = new_figure("A chart")
    finish_figure(fig, "test-data")
    with pytest.raises(ValueError, match="alternative text"):
        inline_svg(figure_bytes(fig, "svg"), label=" ")
    with pytest.raises(ValueError, match="SVG"):
        inline_svg(b"<html></html>", label="A chart")


def test_styles_are_attributes_and_definitions_come_first(pages: dict[str, str]) -> None:
    for fragment in pages.values():
        root = svg_of(fragment)
        assert "style=" not in fragment and "<style" not in fragment
        assert "<use" not in fragment  # each marker a path, or a run of markers one
        assert (root.get("stroke-linejoin"), root.get("stroke-linecap")) == ("round", "butt")
        definitions = [element for element in root.iter() if element.tag.endswith("}defs")]
        assert len(definitions) <= 1 and all(definition is root[1] for definition in definitions)
        assert all(shape.get("id") for definition in definitions for shape in definition)
        texts = [element for element in root.iter() if element.tag.endswith("}text")]
        assert all(text.get("font-size") and text.get("fill") for text in texts)


def test_weasyprint_draws_the_charts_without_a_warning(pages: dict[str, str]) -> None:
    warnings = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    LOGGER.addHandler(handler)
    try:
        html_to_pdf(f'<html lang="en"><title>Charts</title>{"".join(pages.values())}</html>')
    finally:
        LOGGER.removeHandler(handler)
    assert warnings == []  # matplotlib's style attributes read as page CSS warned on each


def test_a_shown_chart_is_left_as_drawn() -> None:
    fig = all_charts(True)["band"]
    shown = fragments.chart(fig, ALT)
    assert fig.axes and shown == fragments.chart(fig, ALT)  # not cleared, nor laid out again


def test_styles_stay_styles_under_a_style_sheet_of_other_rules() -> None:
    document = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>path{fill: red}</style>'
        b'<path d="M 0 0 L 1 1" style="fill: blue"/></svg>'
    )
    root = ET.fromstring(inline_svg(document, label="A chart"))
    (path,) = [element for element in root.iter() if element.tag.endswith("}path")]
    assert path.get("style") == "fill: blue" and path.get("fill") is None


def test_a_style_sheet_in_defs_is_kept_with_the_styles_under_it() -> None:
    """Where matplotlib puts its sheet: one of other rules is left, in the gathered defs."""
    document = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs><style>path{fill: red}</style></defs>'
        b'<path d="M 0 0 L 1 1" style="fill: blue"/></svg>'
    )
    root = ET.fromstring(inline_svg(document, label="A chart"))
    (sheet,) = [element for element in root.iter() if element.tag.endswith("}style")]
    assert sheet.text == "path{fill: red}"
    (path,) = [element for element in root.iter() if element.tag.endswith("}path")]
    assert path.get("style") == "fill: blue"
