"""Every chart of a trust, ICB, region and national briefing states its message with figures in
its label and gives its data as a table (issue 16: publishable by a public body).

The briefings are built through their objects from the sample's context, calling each section
the notebook calls, so a new section's chart is checked without rendering. The small-numbers
trust is the one with action-plan targets.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers.paths import REPO
from tests.helpers.rendering import BRIEFINGS, YEAR
from wres_lib.analysis.context import BriefingContext
from wres_lib.briefings.national import NationalBriefing
from wres_lib.briefings.system import SystemBriefing
from wres_lib.briefings.trust.briefing import TrustBriefing

NOTEBOOKS = REPO / "wres_lib" / "notebooks"
FIGURE = re.compile(r'<figure class="chart">(.*?)</figure>', re.DOTALL)
LABEL = re.compile(r'<svg\b[^>]*\baria-label="([^"]*)"')
DATA = re.compile(r'<details class="chart-data">.*?<table>.*?</table>.*?</details>', re.DOTALL)
# The charts each sample briefing must show at least (so the check cannot pass on none).
MIN_CHARTS = {"trust": 6, "tiny_numbers_trust": 7, "system": 1, "region": 1, "national": 1}


def sections(notebook: str) -> list[str]:
    """The briefing methods the notebook calls, in order."""
    text = (NOTEBOOKS / notebook).read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r"briefing\.(\w+)\(\)", text)))


def briefing_html(context: BriefingContext, name: str) -> str:
    level, code = BRIEFINGS[name]
    if level == "trust":
        briefing, notebook = TrustBriefing(context, code, YEAR), "trust_briefing.ipynb"
    elif level == "national":
        briefing, notebook = NationalBriefing(context, YEAR), "national_briefing.ipynb"
    else:
        briefing, notebook = SystemBriefing(context, level, code, YEAR), "system_briefing.ipynb"
    return "".join(str(getattr(briefing, section)() or "") for section in sections(notebook))


def chart_problems(page: str) -> tuple[int, list[str]]:
    """How many charts ``page`` has, and what each one lacks."""
    problems, charts = [], list(FIGURE.finditer(page))
    for chart in charts:
        label = LABEL.search(chart.group(1))
        said = label.group(1) if label else ""
        if not re.search(r"\d", said):
            problems.append(f"no figure in the label {said!r}")
        if not DATA.match(page, chart.end()):
            problems.append(f"no data table after the chart labelled {said!r}")
    return len(charts), problems


@pytest.mark.parametrize("name", list(MIN_CHARTS))
def test_every_chart_has_figures_in_its_label_and_a_data_table(
    sample_context: BriefingContext, name: str
) -> None:
    count, problems = chart_problems(briefing_html(sample_context, name))
    assert count >= MIN_CHARTS[name]
    assert problems == []


def test_the_check_finds_a_chart_without_figures_or_data() -> None:
    bare = '<figure class="chart"><svg role="img" aria-label="A bar chart"></svg></figure><p>x</p>'
    assert chart_problems(bare) == (
        1,
        [
            "no figure in the label 'A bar chart'",
            "no data table after the chart labelled 'A bar chart'",
        ],
    )
