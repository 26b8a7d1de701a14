"""The national edition's stories and ``wres stories``: selections recounted from the raw rows,
one count for one thing in the briefing and the stories, and stories that read as stories."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis import leaders
from wres_lib.analysis import stories as selected
from wres_lib.briefings.national import NationalBriefing
from wres_lib.data.schema import UNKNOWN, WHITE
from wres_lib.present.narrative import NUMBER_WORDS
from wres_lib.tables import press_table
from wres_lib.tables.stories import find_stories

YEAR = 2025
SECTION = re.compile(
    r'<section class="story"><h2 class="story-headline">(.*?)</h2>'
    r'<div class="prose">(.*?)</div>(.*?)</section>',
    re.S,
)
FIGURE_WORDS = re.compile(r"\d|\b(" + "|".join(NUMBER_WORDS[1:]) + r")\b", re.I)


@pytest.fixture(scope="module")
def executives(sample_dataset) -> pd.DataFrame:
    """Per trust of YEAR, from the raw board rows: executives, BME and unknown executives."""
    board = sample_dataset.board
    rows = board[(board["year"] == YEAR) & (board["role"] == "executive")]
    rows = rows.assign(
        bme=rows["members"].where(~rows["ethnicity"].isin([WHITE, UNKNOWN]), 0),
        unknown=rows["members"].where(rows["ethnicity"] == UNKNOWN, 0),
    )
    return rows.groupby(rows["org_code"].astype(str))[["members", "bme", "unknown"]].sum()


def known_bme_share(sample_dataset) -> pd.Series:
    workforce = sample_dataset.workforce
    rows = workforce[workforce["year"] == YEAR]
    white = rows[rows["ethnicity"] == WHITE].groupby("org_code")["headcount"].sum()
    bme = rows[~rows["ethnicity"].isin([WHITE, UNKNOWN])].groupby("org_code")["headcount"].sum()
    return (100 * bme / (white + bme)).rename(index=str)


def test_unbalanced_executive_teams_recount_from_raw_rows(
    sample_context, sample_dataset, executives
):
    share = known_bme_share(sample_dataset)
    reported = executives[executives["members"] > 0]
    without = reported[reported["bme"] == 0]
    expected = sorted(c for c in without[without["unknown"] == 0].index if share[c] > 20)
    story = selected.all_white_executive_stories(sample_context, YEAR)[0]
    assert sorted(story.codes) == expected and story.figures["trusts"] == len(expected)
    assert story.figures["reporting"] == len(reported)
    assert story.figures["without_bme_executive"] == len(without)
    table = press_table("all-white-executives", sample_context, YEAR, min_workforce_share=0.2)
    assert sorted(table.frame["org_code"]) == expected


def test_icb_stories_find_the_systems_with_no_bme_executive_in_any_trust(
    sample_context, sample_dataset, executives
):
    icb = sample_dataset.organisations.set_index("org_code")["icb_code"]
    reported = executives[executives["members"] > 0].assign(icb=lambda f: f.index.map(icb))
    any_bme = reported.groupby("icb")["bme"].sum()
    expected = sorted(any_bme[any_bme == 0].index)
    assert expected == ["ZQ15", "ZQ28"]
    stories = find_stories(sample_context, YEAR, "icb")
    story = next(s for s in stories if "no trust" in s.sentence)
    assert sorted(story.figures["codes"]) == expected
    assert story.table == "system-summary" and story.citation == "rows ZQ15 and ZQ28"
    names = sample_dataset.organisations.drop_duplicates("icb_code").set_index("icb_code")
    for code in expected:
        assert names.at[code, "icb_name"].removesuffix(" (synthetic)") in story.sentence
    assert story.figures["trusts_in_all"] == int((reported["icb"].isin(expected)).sum())


def test_the_bottleneck_story_counts_the_progression_table(sample_context):
    story = selected.bottleneck_story(sample_context, YEAR, "trust")[0]
    frame = press_table("progression", sample_context, YEAR, "trust").frame
    flagged = frame[frame["bottleneck"]]
    counts = flagged["step"].value_counts()
    assert story.figures["step"] == counts.idxmax()
    assert story.figures["organisations"] == counts.max()
    assert sorted(story.codes) == sorted(
        flagged.loc[flagged["step"] == counts.idxmax(), "org_code"]
    )
    organisations = frame["org_code"].nunique()
    assert story.figures["no_bottleneck"] == organisations - flagged["org_code"].nunique()
    assert story.figures["steps_named"] == flagged["step"].nunique()


def test_the_region_story_recounts_from_raw_rows(sample_context, sample_dataset, executives):
    region = sample_dataset.organisations.set_index("org_code")["region_code"]
    reported = executives[executives["members"] > 0].assign(region=lambda f: f.index.map(region))
    without = (reported["bme"] == 0).groupby(reported["region"]).agg(["sum", "size"])
    share = (without["sum"] / without["size"]).sort_values(ascending=False)
    story = selected.region_story(sample_context, YEAR)[0]
    assert story.code == share.index[0]
    assert story.figures["without_bme_executive"] == without.at[share.index[0], "sum"]
    assert story.figures["reporting"] == without.at[share.index[0], "size"]


def test_the_changes_story_counts_the_biggest_changes_table(sample_context):
    story = selected.changes_story(sample_context, YEAR, "trust")[0]
    table = press_table("biggest-changes", sample_context, YEAR, "trust").frame
    assert story.figures["changes"] == len(table)
    assert story.code == table["code"].iloc[0]
    assert story.figures["worse"] + story.figures["better"] == len(table)


def test_no_change_rests_on_too_few_events(sample_context):
    frame = press_table("biggest-changes", sample_context, YEAR, "trust").frame
    ratios = frame[frame["measure"].str.startswith("rl_")]
    assert len(ratios)
    for year in (YEAR, YEAR - 1):
        table = press_table("relative-likelihoods", sample_context, year).frame.set_index("code")
        for row in ratios.itertuples():
            assessment = table.at[row.code, f"{row.measure}_assessment"]
            assert assessment != "too few events to rank", (row.code, row.measure, year)


@pytest.fixture(scope="module")
def briefing(sample_context) -> NationalBriefing:
    return NationalBriefing(sample_context, YEAR)


def check_stories(page: str) -> list[str]:
    """The story headlines of ``page``, after checking each story reads as one."""
    sections = SECTION.findall(page)
    assert len(sections) >= 4
    for headline, prose, rest in sections:
        assert FIGURE_WORDS.search(headline), f"no figure in {headline!r}"
        assert 2 <= prose.count("<p>") <= 4, headline
        assert "<table>" in rest, f"no table after {headline!r}"
    return [headline for headline, _, _ in sections]


def test_the_national_briefing_tells_at_least_four_stories(briefing):
    headlines = check_stories(str(briefing.stories()))
    assert str(briefing.headline()) == headlines[0].replace("&#x27;", "'")
    assert "Two systems where no trust has a BME executive director" in headlines


def test_briefing_and_stories_give_the_same_counts(briefing, sample_context):
    figures = str(briefing.key_figures())
    stories = {}
    for story in find_stories(sample_context, YEAR, "trust"):
        stories.setdefault(story.table, story)
    white = stories["all-white-executives"].figures
    assert f"{white['without_bme_executive']}<" in figures
    assert f"of the {white['reporting']} trusts that reported executive directors" in figures
    appointment = stories["relative-likelihoods"].figures
    assert f"{appointment['organisations']}<" in figures
    assert f"of the {appointment['of']} trusts with a figure" in figures


def test_the_national_briefing_states_which_bme_share(briefing):
    header = str(briefing.header())
    share = briefing.get("1", "bme_share_all").value
    assert f"{round(share)}% of all staff are from BME backgrounds" in header


@pytest.mark.parametrize("level", ["trust", "icb", "region"])
def test_stories_use_one_precision_and_cite_filters_for_counts(sample_context, level):
    for story in find_stories(sample_context, YEAR, level):
        for figure in re.findall(r"(\d+\.\d+)(?:%| percentage point)", story.sentence):
            assert float(figure) < 10, story.sentence
        if len(story.figures.get("codes", [])) > 1:
            assert story.citation.startswith("rows"), story.sentence


@pytest.mark.slow
def test_wres_brief_renders_the_stories(tmp_path: Path):
    command = [sys.executable, "-m", "wres_lib.cli", "brief", "national", "--year", str(YEAR),
               "--data", str(SAMPLE), "--out", str(tmp_path)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    page = (tmp_path / str(YEAR) / "national" / "ENG.html").read_text(encoding="utf-8")
    check_stories(page)


@pytest.mark.parametrize("level", ["trust", "icb", "region"])
def test_leaders_are_the_first_rankable_rows_of_their_press_tables(sample_context, level):
    board = press_table("board-gap", sample_context, YEAR, level).frame
    numeric = board[
        board["bme_workforce_pct"].map(lambda v: isinstance(v, float))
        & board["board_gap_pts"].map(lambda v: isinstance(v, float))
    ]
    assert leaders.widest_board_gap(sample_context, YEAR, level) == numeric["code"].iloc[0]
    likelihoods = press_table("relative-likelihoods", sample_context, YEAR, level).frame
    excluded = likelihoods["rl_appointment_assessment"].str.contains("interval excludes 1")
    top = likelihoods[excluded].sort_values(["rl_appointment", "code"], ascending=[False, True])
    assert leaders.highest_ratio(sample_context, YEAR, level, "2") == top["code"].iloc[0]
