"""The story finder: every sentence clean and traceable to a press table row."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.cli import main
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
        frame = press_table(story.table, context, year, level, **options).frame
        rows = frame.drop(columns=SYNTHETIC_COLUMN).to_dict("records")
        assert story.row in rows
        for key, value in story.figures.items():
            if key in story.row:
                assert story.row[key] == value
                if isinstance(value, float):
                    assert f"{value:g}" in story.sentence or f"{abs(value):g}" in story.sentence


def test_the_headline_story_counts_the_table_rows(context) -> None:
    stories = find_stories(context, 2025)
    first = stories[0]
    table = press_table(
        "all-white-executives", context, 2025, min_workforce_share=MIN_WORKFORCE_SHARE
    )
    assert first.table == "all-white-executives"
    assert first.figures["trusts"] == len(table.frame)
    assert first.sentence.startswith(f"{len(table.frame)} trusts where more than a fifth")
    assert first.sentence.endswith("have an all-White executive team.")


def test_stories_command_prints_sentences_with_sources() -> None:
    result = CliRunner().invoke(main, ["stories", "--year", "2025", "--data", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Table: `board-gap`" in result.output and "SYNTHETIC DATA" in result.output


def test_stories_as_a_frame(context) -> None:
    from wres_lib.tables.stories import frame_of

    stories = find_stories(context, 2025, "icb")
    frame = frame_of(stories)
    assert list(frame.columns) == ["sentence", "table", "code", "figures"]
    assert frame["sentence"].tolist() == [s.sentence for s in stories]
