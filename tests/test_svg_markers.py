"""Markers in an inline chart: one path per run of like markers (dots for round ones), at the
points matplotlib placed them, and markers that could look different together kept apart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from tests.test_charts import LIMITS
from wres_lib.present.charts import funnel_chart
from wres_lib.present.inline_svg import inline_svg
from wres_lib.present.style import figure_bytes, finish_figure, new_figure

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
DOT = re.compile(r"M (-?[\d.]+) (-?[\d.]+) h 0")
SEED = 11


def funnel(count: int):
    """A funnel of ``count`` trusts over the same ranges (so the same axes) for any count."""
    y = np.random.default_rng(SEED).uniform(0.6, 1.4, count)
    y[:2] = 0.6, 1.4
    positions = pd.DataFrame(
        {"code": [f"T{i:03d}" for i in range(count)], "x": np.linspace(10, 100, count), "y": y}
    )
    return funnel_chart(
        LIMITS,
        positions,
        highlight="T000",
        kind="standardised_ratio",
        title="Funnel chart",
        source="test-data",
        synthetic=True,
    )


def tags(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if element.tag == f"{SVG}{name}"]


def drawn(fig) -> tuple[ET.Element, ET.Element]:
    """Matplotlib's SVG of ``fig`` and the inline SVG made from it."""
    document = figure_bytes(fig, "svg")
    return ET.fromstring(document), ET.fromstring(inline_svg(document, label="A chart"))


def matplotlib_markers(raw: ET.Element) -> dict[str, list[tuple[float, float]]]:
    """Where matplotlib put each marker shape (by id), in drawing order."""
    found: dict[str, list[tuple[float, float]]] = {}
    for use in tags(raw, "use"):
        found.setdefault(use.get(XLINK_HREF, "")[1:], []).append(
            (round(float(use.get("x")), 2), round(float(use.get("y")), 2))
        )
    return found


def test_a_funnels_points_are_one_path_however_many_trusts() -> None:
    few, many = drawn(funnel(20))[1], drawn(funnel(200))[1]
    assert len(list(many.iter())) == len(list(few.iter()))
    dots = [len(DOT.findall(path.get("d", ""))) for path in tags(many, "path")]
    assert sorted(dot for dot in dots if dot) == [1, 199]  # the legend's, every other trust
    assert tags(many, "use") == []  # tick marks and the highlight: a path each
    assert "Funnel chart" in [text.text for text in tags(many, "text")]


def test_dots_are_where_matplotlib_put_the_markers_and_as_wide() -> None:
    raw, inline = drawn(funnel(50))
    placed = max(matplotlib_markers(raw).items(), key=lambda item: len(item[1]))
    shape = next(path for path in tags(raw, "path") if path.get("id") == placed[0])
    radius = abs(float(shape.get("d").split()[2]))  # matplotlib's circle starts at (0, r)
    dots = max(tags(inline, "path"), key=lambda path: len(DOT.findall(path.get("d", ""))))
    centres = [(float(x), float(y)) for x, y in DOT.findall(dots.get("d"))]
    assert centres == placed[1][: len(centres)] and len(centres) == len(placed[1]) - 1
    assert float(dots.get("stroke-width")) == pytest.approx(2 * radius + 1)  # and its outline
    assert (dots.get("fill"), dots.get("stroke-linecap")) == ("none", "round")
    assert dots.get("stroke") == "#bbbbbb"


def round_markers(root: ET.Element, href: str) -> list[ET.Element]:
    """The ``<use>`` elements that draw a curved shape (a round marker)."""
    curved = {path.get("id") for path in tags(root, "path") if "C" in path.get("d", "")}
    return [use for use in tags(root, "use") if use.get(href, "")[1:] in curved]


def scatter(marker: str, **style) -> tuple[ET.Element, ET.Element]:
    fig, ax = new_figure("Markers")
    ax.scatter([1, 2, 3, 4], [1, 3, 2, 4], marker=marker, **style)
    finish_figure(fig, "test-data")
    return drawn(fig)


def test_square_markers_become_one_outline_per_point() -> None:
    raw, inline = scatter("s", color="#0072b2")
    ((shape_id, placed),) = [
        (key, points) for key, points in matplotlib_markers(raw).items() if len(points) == 4
    ]
    shape = next(path for path in tags(raw, "path") if path.get("id") == shape_id)
    start = [float(number) for number in shape.get("d").split()[1:3]]
    (merged,) = [path for path in tags(inline, "path") if path.get("d", "").count("M") == 4]
    starts = re.findall(r"M (-?[\d.]+) (-?[\d.]+)", merged.get("d"))
    for (x, y), (found_x, found_y) in zip(placed, starts, strict=True):
        assert float(found_x) == pytest.approx(x + start[0], abs=0.011)
        assert float(found_y) == pytest.approx(y + start[1], abs=0.011)
    assert merged.get("fill") == merged.get("stroke") == "#0072b2"
    assert not [use for use in tags(inline, "use") if use.get("x") in {"1", "2"}]


@pytest.mark.parametrize(
    "style",
    [
        {"color": "#e69f00", "edgecolor": "white", "linewidth": 0.8},  # overlaps would differ
        {"color": "#e69f00", "alpha": 0.5},  # overlaps would be darker one by one
    ],
)
def test_markers_that_could_look_different_together_are_drawn_one_by_one(style: dict) -> None:
    raw, inline = scatter("o", **style)
    assert len(round_markers(raw, XLINK_HREF)) == 4
    circles = [path for path in tags(inline, "path") if " c " in path.get("d", "")]
    assert [circle.get("d").count("M") for circle in circles] == [1, 1, 1, 1]
    assert not [path for path in tags(inline, "path") if DOT.search(path.get("d", ""))]
    assert tags(inline, "use") == []


def test_hollow_round_markers_stay_rings() -> None:
    raw, inline = scatter("o", facecolors="none", edgecolors="#0072b2")
    assert len(round_markers(raw, XLINK_HREF)) == 4
    (merged,) = [path for path in tags(inline, "path") if path.get("d", "").count("M") == 4]
    assert "h 0" not in merged.get("d")
    assert merged.get("d").count(" c ") == 4 * 8  # matplotlib's circle: eight curves
    assert (merged.get("fill"), merged.get("stroke")) == ("none", "#0072b2")
