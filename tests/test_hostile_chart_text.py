"""Organisation names come from data files and end up as chart text: whatever they hold, the
inline SVG carries them as text, escaped, and nothing in them becomes markup."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
import tinyhtml5

from wres_lib.present import fragments
from wres_lib.present.style import finish_figure, new_figure

HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "A <b>&amp; \"Q\" 's' Trust",
    "]]> <!-- comment --> -->",
    "<script>alert(1)</script>",
    "</svg><img src=x onerror=alert(1)>",
    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///secret.txt'>]>&e;",
    "url(#c0000) ; fill: red",
    "Ünïcödé — \u2028 NHS",
    "Trust " * 80,
]
DRAWN = {"svg", "title", "defs", "clipPath", "g", "path", "rect", "text", "tspan", "use"}


def drawn(names: list[str]) -> str:
    """A chart with ``names`` as tick labels, title, note, legend and annotation, on a page."""
    fig, ax = new_figure(names[2], names[0])
    ax.barh(range(len(names)), range(1, len(names) + 1))
    ax.set_yticks(range(len(names)), names)
    ax.annotate(names[3], (1, 1))
    ax.scatter([1, 2], [1, 2], label=names[1])
    ax.legend()
    finish_figure(fig, names[4], note=names[5])
    return fragments.chart(fig, names[3])


@pytest.fixture(scope="module")
def page() -> str:
    return drawn(HOSTILE)


def test_hostile_names_stay_text_and_make_no_markup(page: str) -> None:
    document = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{page}</body></html>")
    (svg,) = document.iter(f"{SVG}svg")
    body = document.find(f"{HTML}body")
    assert [child.tag for child in body] == [f"{HTML}figure"]
    tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert tags <= DRAWN, tags - DRAWN
    attributes = {name for element in svg.iter() for name in element.attrib}
    assert not [name for name in attributes if name.lower().startswith("on")]
    texts = "".join(svg.itertext())
    for name in HOSTILE:
        assert name.strip() in texts, name
    assert svg.get("aria-label") == HOSTILE[3]


def test_a_chart_compacts_to_the_same_bytes_every_time(page: str) -> None:
    assert drawn(HOSTILE) == page


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\ufffe"])
def test_a_character_xml_cannot_hold_is_shown_as_a_replacement(character: str) -> None:
    """Matplotlib writes such a character as it is, which no XML parser reads; the chart shows
    the replacement character in its place rather than failing the briefing."""
    names = [f"Trust{character}name", *HOSTILE[1:]]
    page = drawn(names)
    assert "Trust\ufffdname" in page and character not in page


@pytest.mark.parametrize("name", ["Fund $5m and $2m Trust", "Trust $x^$"])
def test_dollar_signs_in_a_name_are_text_not_mathematics(name: str) -> None:
    """Matplotlib reads text between two dollar signs as mathematics: a name holding them was
    drawn as a formula, or failed the chart when it was not a formula matplotlib can read."""
    page = drawn([name, *HOSTILE[1:]])
    document = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{page}</body></html>")
    (svg,) = document.iter(f"{SVG}svg")
    assert name in "".join(svg.itertext())
