"""Each briefing chart: house style, source line, synthetic mark, missing values, determinism."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from wres_lib.models.model_employer import BANDS as MODEL_EMPLOYER_BANDS
from wres_lib.present import charts
from wres_lib.present.style import ETHNICITY_COLOURS, SOURCE_GID, SYNTHETIC_MARK_GID, figure_bytes
from wres_lib.stats.small_numbers import TOO_FEW_TO_REPORT

SOURCE = "test-data, vintage 2025, WRES year 2025"
COMMON = {"source": SOURCE, "synthetic": True}


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def gids(fig: Figure) -> set[str]:
    return {t.get_gid() for t in fig.texts}


BAND_ROWS = pd.DataFrame(
    {
        "band": ["Band 5", "Band 6", "Band 9", "VSM"],
        "value": [40.0, 30.0, np.nan, 10.0],
        "ci_low": [35.0, 25.0, np.nan, 2.0],
        "ci_high": [45.0, 35.0, np.nan, 30.0],
    }
)
SERIES = pd.DataFrame(
    {
        "year": [2023, 2024, 2025, 2023, 2024, 2025],
        "label": ["Appointment (2)"] * 3 + ["Disciplinary (3)"] * 3,
        "value": [1.6, 1.5, np.nan, 1.2, 1.1, 1.0],
        "ci_low": [1.3, 1.2, np.nan, 0.8, 0.7, 0.6],
        "ci_high": [1.9, 1.8, np.nan, 1.8, 1.7, 1.6],
    }
)
MODEL_EMPLOYER = pd.DataFrame(
    {
        "band": ["Band 8a"] * 3 + ["Board"] * 3,
        "year": [2018, 2019, 2020] * 2,
        "line_share": [0.1, 0.15, 0.2, 0.0, 0.1, 0.2],
        "actual_share": [0.1, 0.12, 0.25, 0.0, np.nan, 0.1],
        "target_share": [0.3] * 6,
    }
)
LIMITS = pd.DataFrame(
    {
        "x": [10.0, 100.0],
        "lower_998": [0.5, 0.8],
        "lower_95": [0.7, 0.9],
        "reference": [1.0, 1.0],
        "upper_95": [1.4, 1.1],
        "upper_998": [2.0, 1.25],
    }
)
POSITIONS = pd.DataFrame(
    {
        "code": ["A", "B", "C"],
        "x": [20.0, 50.0, np.nan],
        "y": [1.2, 0.9, np.nan],
        "position": ["within", "within", "not plotted"],
    }
)


def all_charts(synthetic: bool) -> dict[str, Figure]:
    common = {"source": SOURCE, "synthetic": synthetic}
    return {
        "band": charts.band_share_chart(BAND_ROWS, 33.0, title="Band chart", **common),
        "trend": charts.trend_chart(SERIES, title="Trend chart", **common),
        "model_employer": charts.model_employer_chart(MODEL_EMPLOYER, title="ME chart", **common),
        "funnel": charts.funnel_chart(
            LIMITS,
            POSITIONS,
            highlight="B",
            kind="standardised_ratio",
            title="Funnel chart",
            **common,
        ),
        "board": charts.board_comparison_chart(
            {
                "Executive directors": 0.0,
                "Voting board": 12.5,
                "Workforce": 21.0,
                "Population served (system)": None,
            },
            title="Board chart",
            **common,
        ),
        "distribution": charts.distribution_chart(
            pd.Series([1.1, 1.5, np.nan, 2.0, 0.9]),
            reference=1.5,
            reference_label="England",
            is_ratio=True,
            title="Distribution chart",
            **common,
        ),
        "ranked": charts.ranked_bar_chart(
            pd.DataFrame({"name": ["A", "B", "C"], "gap": [-10.0, np.nan, 5.0]}),
            label_column="name",
            value_column="gap",
            reference=0.0,
            value_format="points",
            highlight="A",
            title="Ranked chart",
            **common,
        ),
    }


@pytest.fixture(scope="module")
def synthetic_charts() -> dict[str, Figure]:
    return all_charts(synthetic=True)


@pytest.mark.parametrize(
    "name", ["band", "trend", "model_employer", "funnel", "board", "distribution", "ranked"]
)
def test_every_chart_has_title_source_and_synthetic_mark(synthetic_charts, name: str) -> None:
    fig = synthetic_charts[name]
    assert isinstance(fig, Figure)
    assert any(text.endswith("chart") for text in texts(fig))
    assert SOURCE_GID in gids(fig) and SYNTHETIC_MARK_GID in gids(fig)
    assert any(SOURCE in text for text in texts(fig))


def test_real_data_charts_carry_no_synthetic_mark() -> None:
    for fig in all_charts(synthetic=False).values():
        assert SYNTHETIC_MARK_GID not in gids(fig)
        assert SOURCE_GID in gids(fig)


def test_band_chart_bars_match_values_and_missing_reads_too_few(synthetic_charts) -> None:
    ax = synthetic_charts["band"].axes[0]
    heights = [patch.get_height() for patch in ax.patches]
    assert heights == [40.0, 30.0, 10.0]  # one bar per reported band
    assert charts.TOO_FEW in texts(synthetic_charts["band"])
    assert any(line.get_ydata()[0] == 33.0 for line in ax.get_lines())  # whole-workforce line


def test_trend_chart_is_on_a_log_scale(synthetic_charts) -> None:
    assert synthetic_charts["trend"].axes[0].get_yscale() == "log"


def test_funnel_chart_highlights_only_the_given_code(synthetic_charts) -> None:
    ax = synthetic_charts["funnel"].axes[0]
    sizes = [collection.get_offsets().shape[0] for collection in ax.collections]
    assert sizes == [1, 1]  # one other trust plotted (C has no figure), one highlighted


def test_board_chart_labels_zero_and_missing(synthetic_charts) -> None:
    labels = texts(synthetic_charts["board"])
    assert "0%" in labels and charts.NO_DATA in labels


def test_ranked_chart_says_too_few_for_missing(synthetic_charts) -> None:
    assert " too few to report" in texts(synthetic_charts["ranked"])


def test_model_employer_chart_has_a_panel_per_band(synthetic_charts) -> None:
    titles = [ax.get_title(loc="left") for ax in synthetic_charts["model_employer"].axes]
    assert titles == ["8a", "Board"]


def test_charts_save_byte_identically() -> None:
    first, second = all_charts(True), all_charts(True)
    for name in first:
        assert figure_bytes(first[name]) == figure_bytes(second[name]), name


def _overlaps(fig: Figure, first, second) -> bool:
    renderer = FigureCanvasAgg(fig).get_renderer()
    return first.get_window_extent(renderer).overlaps(second.get_window_extent(renderer))


@pytest.mark.parametrize("bands", [["Band 8a"], ["Band 8a", "Board"], list(MODEL_EMPLOYER_BANDS)])
def test_model_employer_legend_clears_the_source_line(bands: list[str]) -> None:
    rows = pd.concat(
        [MODEL_EMPLOYER[MODEL_EMPLOYER["band"] == "Band 8a"].assign(band=band) for band in bands]
    )
    fig = charts.model_employer_chart(rows, title="ME chart", source=SOURCE, synthetic=True)
    figure_bytes(fig)  # lays the figure out, as publishing does
    (legend,) = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    for text in fig.texts:
        assert not _overlaps(fig, legend, text), text.get_text()
    panels = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title(loc="left") for ax in panels] == [b.replace("Band ", "") for b in bands]
    assert len({round(ax.get_position().y0, 3) for ax in panels}) == (2 if len(bands) > 4 else 1)


def test_model_employer_band_without_staff_says_so() -> None:
    rows = MODEL_EMPLOYER.assign(
        actual_share=MODEL_EMPLOYER["actual_share"].where(MODEL_EMPLOYER["band"] != "Board")
    )
    fig = charts.model_employer_chart(rows, title="ME chart", source=SOURCE, synthetic=False)
    assert texts(fig).count(charts.NO_STAFF) == 1


def test_trend_lines_never_take_the_white_or_bme_colour(synthetic_charts) -> None:
    ax = synthetic_charts["trend"].axes[0]
    colours = {
        to_hex(line.get_color()).upper() for line in ax.get_lines() if line.get_label()[0] != "_"
    }
    assert colours and not colours & {ETHNICITY_COLOURS["White"], ETHNICITY_COLOURS["BME"]}


def test_trend_chart_refuses_more_lines_than_it_has_colours() -> None:
    many = pd.DataFrame(
        {"year": 2025, "label": list("ABCDE"), "value": 1.0, "ci_low": 0.9, "ci_high": 1.1}
    )
    with pytest.raises(ValueError, match="at most 4 lines"):
        charts.trend_chart(many, title="Trend chart", source=SOURCE, synthetic=True)


def test_funnel_labels_the_highlight_or_says_it_is_not_plotted(synthetic_charts) -> None:
    assert "B" in texts(synthetic_charts["funnel"])
    fig = charts.funnel_chart(
        LIMITS,
        POSITIONS,
        highlight="C",
        kind="standardised_ratio",
        title="Funnel chart",
        source=SOURCE,
        synthetic=True,
    )
    assert f"C: {charts.NOT_PLOTTED}" in texts(fig)
    named = POSITIONS.assign(name=["Alpha Trust", "Beta Trust", "Gamma Trust"])
    fig = charts.funnel_chart(
        LIMITS,
        named,
        highlight="B",
        kind="standardised_ratio",
        title="Funnel chart",
        source=SOURCE,
        synthetic=True,
    )
    assert "Beta Trust" in texts(fig)


def test_funnel_chart_draws_a_zero_observed_count() -> None:
    zero = POSITIONS.assign(y=[0.0, 0.9, np.nan])  # A: no events at all, still placed
    fig = charts.funnel_chart(
        LIMITS,
        zero,
        highlight="A",
        kind="standardised_ratio",
        title="Funnel chart",
        source=SOURCE,
        synthetic=True,
        y_label="Observed / expected",
    )
    ax = fig.axes[0]
    highlighted = ax.collections[-1].get_offsets()
    assert highlighted.shape[0] == 1 and highlighted[0][1] == 0.0
    assert ax.get_ylim()[0] <= 0.0 and ax.get_ylabel() == "Observed / expected"


def tick_labels(fig: Figure) -> list[str]:
    """Every tick label a reader sees once the figure is laid out (major and minor)."""
    figure_bytes(fig)
    return [
        label.get_text()
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for label in [*axis.get_ticklabels(), *axis.get_ticklabels(minor=True)]
        if label.get_visible() and label.get_text()
    ]


@pytest.mark.parametrize("name", ["trend", "funnel", "distribution"])
def test_log_axes_are_ticked_in_plain_numbers(name: str) -> None:
    """No power of ten (matplotlib's default on a log axis): plain numbers like 0.5, 20, 1,000."""
    labels = tick_labels(all_charts(True)[name])
    assert labels
    for label in labels:
        assert re.fullmatch(r"[\d,]+(?:\.\d+)?%?", label), label


def test_funnel_on_counts_from_one_to_thousands_has_few_round_ticks() -> None:
    wide = LIMITS.assign(x=[0.7, 4000.0])
    fig = charts.funnel_chart(
        wide, POSITIONS, highlight="B", kind="standardised_ratio", title="Funnel", **COMMON
    )
    ax = fig.axes[0]
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert ticks == [1.0, 10.0, 100.0, 1000.0]
    assert tick_labels(fig)[: len(ticks)] == ["1", "10", "100", "1,000"]


def test_funnel_names_the_trust_clear_of_the_limit_lines() -> None:
    """The highlighted trust is named in the legend beside the plot, never over the lines."""
    named = POSITIONS.assign(name=["Alpha Trust", "Beta and Gamma Hospitals Trust", "C"])
    fig = charts.funnel_chart(
        LIMITS, named, highlight="B", kind="standardised_ratio", title="Funnel", **COMMON
    )
    figure_bytes(fig)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert "Beta and Gamma Hospitals\nTrust" in [t.get_text() for t in legend.get_texts()]
    renderer = FigureCanvasAgg(fig).get_renderer()
    plot_area = ax.get_window_extent(renderer)
    assert not legend.get_window_extent(renderer).overlaps(plot_area)
    assert [t for t in ax.texts] == []  # no floating label inside the plot


def test_model_employer_band_with_too_few_staff_says_so_not_no_staff() -> None:
    hidden = MODEL_EMPLOYER.assign(
        actual_share=MODEL_EMPLOYER["actual_share"].where(MODEL_EMPLOYER["band"] != "Band 8a"),
        too_few=MODEL_EMPLOYER["band"] == "Band 8a",
    )
    labels = texts(charts.model_employer_chart(hidden, title="ME", **COMMON))
    assert TOO_FEW_TO_REPORT in labels and charts.NO_STAFF not in labels
