"""The story finder: every sentence clean and traceable to a press table row."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.cli import main
from wres_lib.present.narrative.stories import story_percent, story_points
from wres_lib.tables import press_table
from wres_lib.tables.press import SYNTHETIC_COLUMN
from wres_lib.tables.stories import MIN_WORKFORCE_SHARE, find_stories

LEAKS = re.compile(r"\b(nan|None|inf|NaN)\b|\b1 (trusts|ICBs|regions)\b")


@pytest.fixture(scope="module")
def context(sample_context):
    return sample_context


@pytest.mark.parametrize("level", ["trust", "icb", "region"])
@pytest.mark.parametrize("year", [2017, 2025])
def test_every_story_is_clean_and_traceable(context, level: str, year: int) -> None:
    stories = find_stories(context, year, level)
    assert len(stories) >= 4
    for story in stories:
        assert not LEAKS.search(story.sentence), story.sentence
        assert story.sentence.endswith(".")
        options = {"min_workforce_share": MIN_WORKFORCE_SHARE}
        if story.table != "all-white-executives":
            options = {}
        table_level = None if story.table == "all-white-executives" else level
        frame = press_table(story.table, context, year, table_level, **options).frame
        rows = frame.drop(columns=SYNTHETIC_COLUMN).to_dict("records")
        key = "org_code" if "org_code" in frame else "code"
        assert set(story.figures.get("codes", [])) <= set(frame[key])
        if not story.row:
            assert story.where, story.sentence  # a count over many rows cites its filter
            continue
        assert story.row in rows
        for name, value in story.figures.items():
            if name in story.row:
                assert story.row[name] == value
                if name.endswith("_pct"):
                    assert story_percent(value) in story.sentence
                elif name.endswith("_pts"):
                    assert story_points(abs(value)) in story.sentence
                elif isinstance(value, float):
                    assert f"{value:.2f}" in story.sentence


def test_the_headline_story_counts_the_table_rows(context) -> None:
    stories = find_stories(context, 2025)
    first = stories[0]
    table = press_table(
        "all-white-executives", context, 2025, min_workforce_share=MIN_WORKFORCE_SHARE
    )
    assert first.table == "all-white-executives"
    assert first.figures["trusts"] == len(table.frame)
    assert first.sentence.startswith(f"{len(table.frame)} of the ")
    assert "have an all-White executive team although more than a fifth" in first.sentence
    assert first.citation == f"rows where bme_workforce_pct > 20 ({len(table.frame)} rows)"


def test_stories_command_prints_sentences_with_sources() -> None:
    result = CliRunner().invoke(main, ["stories", "--year", "2025", "--data", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Table: `board-gap`" in result.output and "SYNTHETIC DATA" in result.output


def test_stories_as_a_frame(context) -> None:
    from wres_lib.tables.stories import frame_of

    stories = find_stories(context, 2025, "icb")
    frame = frame_of(stories)
    assert list(frame.columns) == ["sentence", "table", "code", "cited", "figures"]
    assert frame["sentence"].tolist() == [s.sentence for s in stories]
