"""Tests for wres_lib.present.style: palette, rcParams, titles, source lines, repeatable saves."""

from __future__ import annotations

import doctest
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import is_color_like, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from tests.helpers.module_names import public_names
from wres_lib.data import provenance
from wres_lib.errors import WresError
from wres_lib.present import style
from wres_lib.present.style import (
    ETHNICITY_COLOURS,
    OKABE_ITO,
    ROLE_COLOURS,
    SOURCE_GID,
    SUBTITLE_GID,
    SYNTHETIC_MARK,
    SYNTHETIC_MARK_GID,
    TITLE_GID,
    UnfinishedFigureError,
    apply_house_style,
    axes,
    finish_figure,
    layout,
    new_figure,
    palette,
    save_figure,
    saving,
    settings,
)

# The eight colours as published by Okabe and Ito (2008), pinned here independently.
PUBLISHED_OKABE_ITO = {
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
}
WHITE_BLUE, BME_ORANGE = "#0072B2", "#E69F00"
MIN_LUMINANCE_DIFFERENCE = 0.2
MIN_TEXT_CONTRAST = 7.0  # WCAG AAA for body text
MIN_DELTA_E_WHITE_BME = 60.0
MIN_DELTA_E_ANY_GROUPS = 10.0

# Machado, Oliveira and Fernandes (2009), full dichromacy (severity 1), on linear RGB.
MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
    "typical": np.eye(3),
}
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
D65_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(colour: str) -> np.ndarray:
    channels = np.array(to_rgb(colour))
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    return float(np.dot([0.2126, 0.7152, 0.0722], linear_rgb(colour)))


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear RGB colour."""
    xyz = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / D65_WHITE
    delta = 6 / 29
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(first: str, second: str, vision: str) -> float:
    """CIE76 colour difference between two colours as a viewer with ``vision`` sees them."""
    matrix = MACHADO_2009[vision]
    return float(np.linalg.norm(lab(matrix @ linear_rgb(first)) - lab(matrix @ linear_rgb(second))))


@pytest.fixture(autouse=True)
def restore_rcparams() -> Iterator[None]:
    """Each test starts from and leaves matplotlib's own settings."""
    with mpl.rc_context():
        mpl.rcdefaults()
        yield


def texts_by_gid(fig: Figure) -> dict[str, Text]:
    every = [*fig.texts, *(text for ax in fig.axes for text in ax.texts)]
    return {text.get_gid(): text for text in every if text.get_gid()}


def sample_chart(*, synthetic: bool = True, note: str | None = "Shares exclude unknown.") -> Figure:
    years = list(range(2016, 2026))
    data = pd.DataFrame(
        {
            "year": years * 2,
            "ethnicity": ["BME"] * 10 + ["White"] * 10,
            "share": [0.18 + 0.002 * i for i in range(10)] + [0.3 + 0.005 * i for i in range(10)],
        }
    )
    fig, ax = new_figure(
        "White applicants remain more likely to be appointed from shortlisting than BME "
        "applicants in every region",
        "Share of shortlisted applicants appointed, 2016 to 2025",
    )
    style.lineplot_by_ethnicity(data, x="year", y="share", ax=ax)
    style.reference_line(ax, 0.25, role="target", label="Target")
    style.percent_axis(ax)
    return finish_figure(fig, "wres-sample, 2025", note=note, synthetic=synthetic)


@pytest.mark.parametrize("module", [axes, layout, palette, settings])
def test_doctests_pass(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_package_offers_every_public_name_of_its_modules() -> None:
    modules = (axes, layout, palette, saving, settings)
    defined = set().union(*(public_names(module) for module in modules))
    assert defined == set(style.__all__)
    assert all(hasattr(style, name) for name in style.__all__)


# palette ---------------------------------------------------------------------------------------


def test_okabe_ito_is_the_published_set() -> None:
    assert set(OKABE_ITO.values()) == PUBLISHED_OKABE_ITO


def test_white_and_bme_have_their_fixed_colours() -> None:
    assert ETHNICITY_COLOURS["White"] == WHITE_BLUE
    assert ETHNICITY_COLOURS["BME"] == BME_ORANGE


def test_every_group_has_a_colour_in_the_legend_order() -> None:
    assert list(ETHNICITY_COLOURS) == [
        "White",
        "BME",
        "Asian",
        "Black",
        "Mixed",
        "Other",
        "Unknown",
    ]


@pytest.mark.parametrize("palette", [ETHNICITY_COLOURS, ROLE_COLOURS], ids=["ethnicity", "role"])
def test_palette_colours_are_valid_distinct_okabe_ito_or_the_grey(palette: dict[str, str]) -> None:
    colours = list(palette.values())
    assert all(
        is_color_like(colour) and re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in colours
    )
    assert len(set(colours)) == len(colours)
    assert set(colours) <= PUBLISHED_OKABE_ITO | {style.NEUTRAL_GREY}


def test_role_colours_never_reuse_white_or_bme() -> None:
    assert not {WHITE_BLUE, BME_ORANGE} & set(ROLE_COLOURS.values())
    assert set(ROLE_COLOURS) == {
        "reference",
        "target",
        "trust_highlight",
        "peers",
        "limits_95",
        "limits_998",
    }
    assert set(style.ROLE_LINESTYLES) == set(ROLE_COLOURS)


def test_white_and_bme_differ_in_lightness() -> None:
    difference = abs(relative_luminance(WHITE_BLUE) - relative_luminance(BME_ORANGE))
    assert difference > MIN_LUMINANCE_DIFFERENCE


def test_machado_matrices_are_transcribed_correctly() -> None:
    for matrix in MACHADO_2009.values():
        np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=1e-3)


@pytest.mark.parametrize("vision", list(MACHADO_2009))
def test_white_and_bme_stay_far_apart_with_a_colour_vision_deficiency(vision: str) -> None:
    assert delta_e(WHITE_BLUE, BME_ORANGE, vision) > MIN_DELTA_E_WHITE_BME


@pytest.mark.parametrize("vision", list(MACHADO_2009))
def test_every_pair_of_groups_stays_apart_with_a_colour_vision_deficiency(vision: str) -> None:
    for first, second in itertools.combinations(ETHNICITY_COLOURS.values(), 2):
        assert delta_e(first, second, vision) > MIN_DELTA_E_ANY_GROUPS, (first, second)


def test_source_and_subtitle_text_is_readable() -> None:
    assert contrast_ratio(style.TEXT_GREY, "#FFFFFF") >= MIN_TEXT_CONTRAST


def test_ethnicity_palette_follows_the_house_order_and_refuses_unknown_groups() -> None:
    assert list(style.ethnicity_palette(["Unknown", "BME", "White"])) == ["White", "BME", "Unknown"]
    assert style.ethnicity_palette() == dict(ETHNICITY_COLOURS)
    assert style.ethnicity_colour("White") == WHITE_BLUE
    with pytest.raises(ValueError, match="Chinese"):
        style.ethnicity_palette(["White", "Chinese"])


# rcParams --------------------------------------------------------------------------------------


def test_apply_house_style_sets_the_expected_rcparams() -> None:
    apply_house_style()
    params = mpl.rcParams
    assert params["font.family"] == ["sans-serif"]
    assert params["font.sans-serif"][0] == "DejaVu Sans"
    assert params["axes.spines.top"] is False
    assert params["axes.spines.right"] is False
    assert params["axes.grid"] is True
    assert params["axes.grid.axis"] == "y"
    assert tuple(params["figure.figsize"]) == (6.3, 3.4)
    assert params["figure.dpi"] == style.SCREEN_DPI
    assert params["savefig.dpi"] == 150
    assert params["svg.hashsalt"] == "wres-briefings"
    cycle = [to_hex(colour["color"]).upper() for colour in params["axes.prop_cycle"]]
    assert cycle[:2] == [WHITE_BLUE, BME_ORANGE]


def test_apply_house_style_twice_changes_nothing() -> None:
    apply_house_style()
    first = dict(mpl.rcParams)
    apply_house_style()
    assert dict(mpl.rcParams) == first


def test_the_house_font_ships_with_matplotlib() -> None:
    apply_house_style()
    found = font_manager.findfont(
        font_manager.FontProperties(family=mpl.rcParams["font.sans-serif"][0]),
        fallback_to_default=False,
    )
    assert Path(found).name == "DejaVuSans.ttf"
    assert Path(found).is_relative_to(mpl.get_data_path())


def test_default_colour_cycle_draws_white_then_bme() -> None:
    _, ax = new_figure("Two lines")
    first, second = ax.plot([0, 1]), ax.plot([1, 0])
    assert [to_hex(line.get_color()).upper() for line in (*first, *second)] == [
        WHITE_BLUE,
        BME_ORANGE,
    ]


# titles, source lines and the synthetic mark -------------------------------------------------


def test_a_finished_chart_carries_title_subtitle_note_source_and_mark() -> None:
    texts = texts_by_gid(sample_chart())
    assert texts[TITLE_GID].get_text().startswith("White applicants remain")
    assert texts[TITLE_GID].get_fontweight() == "bold"
    assert texts[TITLE_GID].get_horizontalalignment() == "left"
    assert (
        texts[SUBTITLE_GID].get_text() == "Share of shortlisted applicants appointed, 2016 to 2025"
    )
    assert to_hex(texts[SUBTITLE_GID].get_color()).upper() == style.TEXT_GREY
    assert texts[style.NOTE_GID].get_text() == "Note: Shares exclude unknown."
    source = texts[SOURCE_GID].get_text().replace("\n", " ")
    assert source == "Source: wres-sample, 2025 (SYNTHETIC DATA). Chart: WRES briefings"
    assert texts[SYNTHETIC_MARK_GID].get_text() == SYNTHETIC_MARK


def test_real_data_charts_carry_no_synthetic_mark() -> None:
    texts = texts_by_gid(sample_chart(synthetic=False, note=None))
    assert SYNTHETIC_MARK_GID not in texts
    assert style.NOTE_GID not in texts
    assert SYNTHETIC_MARK not in texts[SOURCE_GID].get_text()


def test_the_synthetic_mark_matches_the_provenance_label() -> None:
    assert provenance.SYNTHETIC_LABEL.startswith(SYNTHETIC_MARK)


def test_long_titles_wrap_and_nothing_overlaps_the_plot() -> None:
    fig = sample_chart()
    texts = texts_by_gid(fig)
    assert "\n" in texts[TITLE_GID].get_text()
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    plot = fig.axes[0].get_tightbbox(renderer)
    for gid in (TITLE_GID, SUBTITLE_GID, style.NOTE_GID, SOURCE_GID, SYNTHETIC_MARK_GID):
        box = texts[gid].get_window_extent(renderer)
        assert not box.overlaps(plot), gid
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1), gid
    assert texts[SOURCE_GID].get_window_extent(renderer).x1 < (
        texts[SYNTHETIC_MARK_GID].get_window_extent(renderer).x0
    )


@pytest.mark.parametrize(
    ("source", "synthetic", "expected"),
    [
        ("NHS England, 2024.", False, "Source: NHS England, 2024. Chart: WRES briefings"),
        ("wres-sample", True, "Source: wres-sample (SYNTHETIC DATA). Chart: WRES briefings"),
        (
            "wres-sample (SYNTHETIC DATA)",
            True,
            "Source: wres-sample (SYNTHETIC DATA). Chart: WRES briefings",
        ),
    ],
)
def test_source_line(source: str, synthetic: bool, expected: str) -> None:
    assert style.source_line(source, synthetic=synthetic) == expected


def test_a_chart_needs_a_title_and_a_source() -> None:
    with pytest.raises(ValueError, match="title"):
        new_figure(" ")
    fig, _ = new_figure("A title")
    with pytest.raises(ValueError, match="source"):
        finish_figure(fig, " ")


def test_finishing_twice_is_refused() -> None:
    fig = sample_chart()
    with pytest.raises(ValueError, match="already"):
        finish_figure(fig, "again")


def test_finish_figure_works_on_a_figure_made_elsewhere() -> None:
    fig = Figure(figsize=(4, 3))
    fig.add_subplot().plot([1, 2])
    finish_figure(fig, "NHS England", synthetic=True)
    engine = fig.get_layout_engine()
    assert isinstance(engine, ConstrainedLayoutEngine)
    assert engine.get()["rect"][1] > 0
    assert SOURCE_GID in texts_by_gid(fig)


# saving ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_saving_is_byte_identical(tmp_path: Path, suffix: str) -> None:
    fig = sample_chart()
    first = save_figure(fig, tmp_path / f"first{suffix}").read_bytes()
    second = save_figure(fig, tmp_path / f"second{suffix}").read_bytes()
    rebuilt = save_figure(sample_chart(), tmp_path / f"rebuilt{suffix}").read_bytes()
    assert first == second == rebuilt
    assert len(first) > 1000


@pytest.mark.parametrize(
    ("suffix", "stamps"),
    [
        (".png", [b"Software"]),
        (".svg", [b"<dc:date>", b"Matplotlib v"]),
        (".pdf", [b"CreationDate", b"Producer", b"Matplotlib v"]),
    ],
)
def test_saved_files_carry_no_version_or_date(
    tmp_path: Path, suffix: str, stamps: list[bytes]
) -> None:
    data = save_figure(sample_chart(), tmp_path / f"chart{suffix}").read_bytes()
    for stamp in stamps:
        assert stamp not in data


def test_saved_svg_keeps_text_as_text_without_metadata(tmp_path: Path) -> None:
    data = save_figure(sample_chart(), tmp_path / "chart.svg").read_text()
    assert ">Source: wres-sample, 2025 (SYNTHETIC DATA). Chart: WRES briefings</text>" in data
    assert "<metadata" not in data and "DejaVuSans-" not in data  # no glyphs as paths


def test_saving_does_not_depend_on_later_rcparams(tmp_path: Path) -> None:
    fig = sample_chart()
    first = save_figure(fig, tmp_path / "first.svg").read_bytes()
    mpl.rcParams["svg.hashsalt"] = None
    assert save_figure(fig, tmp_path / "second.svg").read_bytes() == first


def test_saving_an_unfinished_figure_is_refused(tmp_path: Path) -> None:
    fig, _ = new_figure("No source yet")
    with pytest.raises(UnfinishedFigureError, match="finish_figure") as caught:
        save_figure(fig, tmp_path / "chart.png")
    assert isinstance(caught.value, WresError)
    assert not (tmp_path / "chart.png").exists()


def test_saving_in_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jpg"):
        save_figure(sample_chart(), tmp_path / "chart.jpg")


def test_saved_png_has_the_house_size(tmp_path: Path) -> None:
    data = save_figure(sample_chart(), tmp_path / "chart.png").read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (round(6.3 * 150), round(3.4 * 150))


# helpers use the palette -----------------------------------------------------------------------


def test_lineplot_by_ethnicity_uses_the_house_colours_and_order() -> None:
    data = pd.DataFrame(
        {
            "year": [2024, 2025] * 4,
            "ethnicity": ["Unknown"] * 2 + ["Asian"] * 2 + ["BME"] * 2 + ["White"] * 2,
            "share": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
        }
    )
    _, ax = new_figure("Groups")
    style.lineplot_by_ethnicity(data, x="year", y="share", ax=ax)
    legend = ax.get_legend()
    labels = [text.get_text() for text in legend.get_texts()]
    colours = [to_hex(handle.get_color()).upper() for handle in legend.legend_handles]
    assert labels == ["White", "BME", "Asian", "Unknown"]
    assert legend.get_title().get_text() == ""
    assert colours == [ETHNICITY_COLOURS[label] for label in labels]
    drawn = {to_hex(line.get_color()).upper() for line in ax.get_lines()}
    assert drawn == {ETHNICITY_COLOURS[label] for label in labels}


def test_lineplot_by_ethnicity_refuses_a_group_without_a_colour() -> None:
    data = pd.DataFrame({"year": [2025], "ethnicity": ["Chinese"], "share": [0.1]})
    _, ax = new_figure("Groups")
    with pytest.raises(ValueError, match="Chinese"):
        style.lineplot_by_ethnicity(data, x="year", y="share", ax=ax)


@pytest.mark.parametrize("role", list(ROLE_COLOURS))
def test_reference_line_uses_the_role_colour_and_style(role: str) -> None:
    _, ax = new_figure("Lines")
    style.reference_line(ax, 1.0, role=role, label=role)
    style.reference_line(ax, 2.0, role=role, which="x")
    horizontal, vertical = ax.get_lines()
    for line in (horizontal, vertical):
        assert to_hex(line.get_color()).upper() == ROLE_COLOURS[role]
        assert line.get_linestyle() == style.ROLE_LINESTYLES[role]
    assert list(horizontal.get_ydata()) == [1.0, 1.0]
    assert list(vertical.get_xdata()) == [2.0, 2.0]


@pytest.mark.parametrize(
    ("kwargs", "match"), [({"role": "national"}, "role"), ({"which": "z"}, "which")]
)
def test_reference_line_refuses_bad_arguments(kwargs: dict[str, str], match: str) -> None:
    _, ax = new_figure("Lines")
    with pytest.raises(ValueError, match=match):
        style.reference_line(ax, 1.0, **kwargs)


# axis formatters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.2, "20%"),
        (0.275, "27.5%"),
        (0.0, "0%"),
        (1.0, "100%"),
        (-1e-9, "0%"),
        (-0.1, "\u221210%"),
        (0.35000000000000003, "35%"),
    ],
)
def test_percent_formatter(value: float, expected: str) -> None:
    assert style.percent_formatter()(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0.8, "0.8"), (1.0, "1"), (1.25, "1.25"), (2.0, "2")]
)
def test_ratio_formatter(value: float, expected: str) -> None:
    assert style.ratio_formatter()(value) == expected


def test_percent_axis_labels_round_percentages() -> None:
    fig, ax = new_figure("Shares")
    ax.plot([0, 1], [0.18, 0.35])
    style.percent_axis(ax)
    fig.canvas.draw()
    labels = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert len(labels) >= 3
    assert all(re.fullmatch(r"\d+%", label) for label in labels)
    steps = {int(second[:-1]) - int(first[:-1]) for first, second in itertools.pairwise(labels)}
    assert len(steps) == 1
    assert steps <= {1, 2, 5, 10, 20, 50}


def test_ratio_axis_on_a_log_scale_ticks_either_side_of_parity() -> None:
    fig, ax = new_figure("Ratios")
    ax.plot([0, 1], [0.6, 1.7])
    style.ratio_axis(ax, log=True)
    fig.canvas.draw()
    assert ax.get_yscale() == "log"
    labels = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    assert {"0.8", "1", "1.25", "1.5"} <= set(labels)


def test_axis_helpers_act_on_the_axis_asked_for() -> None:
    _, ax = new_figure("Axes")
    style.percent_axis(ax, which="x")
    style.ratio_axis(ax, which="y")
    assert ax.xaxis.get_major_formatter()(0.5, 0) == "50%"
    assert ax.yaxis.get_major_formatter()(1.5, 0) == "1.5"
    with pytest.raises(ValueError, match="which"):
        style.percent_axis(ax, which="z")
