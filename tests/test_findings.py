"""Findings: the scoring table, the order, the variety of headlines and their figures recounted
from the bundled dataset's files."""

from __future__ import annotations

import collections
import math
import re

import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import load_context
from wres_lib.analysis.findings import KINDS, SCORES, Finding, ranked, score
from wres_lib.briefings.trust.briefing import TrustBriefing
from wres_lib.present.narrative import percent, ratio_figure

YEAR = 2025
MAX_PATTERN_SHARE = 0.35


@pytest.fixture(scope="module")
def briefings() -> list[TrustBriefing]:
    context = load_context(SAMPLE)
    table = context.indicators
    codes = sorted(table[(table["level"] == "trust") & (table["year"] == YEAR)]["code"].unique())
    return [TrustBriefing(context, str(code), YEAR) for code in codes]


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    names = ("workforce", "board", "recruitment", "disciplinary", "training")
    return {name: pd.read_csv(SAMPLE / f"{name}.csv") for name in names}


def test_the_scoring_table_in_the_docstring_is_the_one_used() -> None:
    import wres_lib.analysis.findings as findings

    table = findings.__doc__
    for kind, (base, cap) in SCORES.items():
        line = next(line for line in table.splitlines() if line.startswith(kind + " "))
        assert line.split()[1] == str(base) and line.split()[-1] == str(cap)
    assert score("rank", 0) == 45 and score("rank", 100) == 75 and score("rank", -3) == 45


def test_ties_are_broken_by_kind_then_subject() -> None:
    a = Finding("change", 50.0, "3", {"indicator": "3"})
    b = Finding("rank", 50.0, "2", {"indicator": "2"})
    c = Finding("rank", 50.0, "1", {"indicator": "1"})
    top = Finding("likelihood", 51.0, "4", {"indicator": "4"})
    assert ranked([a, b, c, top]) == [top, c, b, a]
    same_topic = Finding("rank", 49.0, "2", {"indicator": "2"})
    assert (
        ranked([same_topic, Finding("change", 60.0, "2", {"indicator": "2"})])[0].kind == "change"
    )
    assert len(ranked([same_topic, Finding("change", 60.0, "2", {"indicator": "2"})])) == 1
    assert KINDS.index("rank") < KINDS.index("change")


def test_no_headline_pattern_leads_more_than_35_percent(briefings) -> None:
    patterns = collections.Counter()
    for briefing in briefings:
        text = briefing.headline().replace(briefing.short_name, "NAME")
        patterns[re.sub(r"\d+(\.\d+)?(st|nd|rd|th)?", "N", text)] += 1
    pattern, count = patterns.most_common(1)[0]
    assert count / len(briefings) <= MAX_PATTERN_SHARE, pattern
    assert len({b.findings[0].kind for b in briefings if b.findings}) >= 5


def test_the_headline_is_the_first_finding_and_the_standfirst_the_next_two(briefings) -> None:
    briefing = briefings[0]
    first, second, third = briefing.findings[:3]
    assert briefing.headline() == first.sentence
    assert briefing.standfirst().startswith(f"{second.sentence}. {third.sentence}.")
    assert first.score >= second.score >= third.score


def test_when_nothing_qualifies_the_headline_says_so(briefings) -> None:
    briefing = TrustBriefing(briefings[0].context, briefings[0].code, YEAR)
    briefing.__dict__["findings"] = []
    assert briefing.headline() == (
        f"{briefing.short_name} in {YEAR}: no WRES figure stands out from other trusts or from "
        "the year before"
    )


def _bme(frame: pd.DataFrame) -> pd.Series:
    return ~frame["ethnicity"].isin(["White", "Unknown"])


def _recount_all_white(f: Finding, code: str, files) -> None:
    workforce = files["workforce"]
    mine = workforce[(workforce["org_code"] == code) & (workforce["year"] == YEAR)]
    share = 100 * mine.loc[_bme(mine), "headcount"].sum() / mine["headcount"].sum()
    assert f.figures["bme_share_all"] == pytest.approx(share)
    assert f"{percent(share / 100)} of all its staff" in f.sentence
    board = files["board"]
    execs = board[(board["org_code"] == code) & (board["year"] == YEAR)]
    execs = execs[execs["role"] == "executive"]
    assert execs.loc[_bme(execs), "members"].sum() == 0 and execs["members"].sum() > 0


def _recount_run(f: Finding, code: str, files) -> None:
    board = files["board"]
    mine = board[(board["org_code"] == code) & (board["role"] == "executive")]
    years = sorted(mine.loc[mine["year"] <= YEAR, "year"].unique())
    with_bme = set(mine.loc[_bme(mine) & (mine["members"] > 0), "year"])
    run = 0
    for year in reversed(years):
        if year in with_bme:
            break
        run += 1
    assert f.figures["years"] == run and f"{run} years" in f.sentence


RATES = {
    "2": ("recruitment", "appointed", "shortlisted", True),
    "3": ("disciplinary", "entered", "headcount", False),
    "4": ("training", "accessed", "headcount", True),
}


def _recount_likelihood(f: Finding, code: str, files) -> None:
    table, events, total, white_first = RATES[f.figures["indicator"]]
    rows = files[table]
    mine = rows[(rows["org_code"] == code) & (rows["year"] == YEAR)]
    white = mine[mine["ethnicity"] == "White"][[events, total]].sum()
    bme = mine[_bme(mine)][[events, total]].sum()
    assert min(white[events], bme[events]) >= 5  # a ranked ratio rests on enough events
    rate_white, rate_bme = white[events] / white[total], bme[events] / bme[total]
    ratio = rate_white / rate_bme if white_first else rate_bme / rate_white
    assert f.figures["value"] == pytest.approx(ratio)
    assert ratio_figure(ratio) in f.sentence


def test_headline_figures_recount_from_the_raw_rows(briefings, files) -> None:
    checked = collections.Counter()
    recounts = {
        "all_white_board": _recount_all_white,
        "all_white_executive": _recount_all_white,
        "no_bme_executive_run": _recount_run,
    }
    for briefing in briefings:
        for f in briefing.findings[:3]:
            check = recounts.get(f.kind)
            if f.kind in ("rank", "change", "likelihood") and f.figures.get("measure", "") in (
                "relative_likelihood",
                "",
            ):
                check = _recount_likelihood
            if check is None or checked[f.kind] >= 4:
                continue
            check(f, briefing.code, files)
            checked[f.kind] += 1
    assert {"all_white_executive", "no_bme_executive_run", "rank", "change"} <= set(checked)


def test_a_change_finding_has_an_interval_excluding_no_change(briefings) -> None:
    changes = [f for b in briefings for f in b.findings if f.kind == "change"]
    assert changes
    for f in changes:
        low, high = f.figures["change_low"], f.figures["change_high"]
        assert low > 0 or high < 0
        log = f.figures["measure"] == "relative_likelihood"
        moved = (
            math.log(f.figures["value"] / f.figures["previous"])
            if log
            else (f.figures["value"] - f.figures["previous"])
        )
        assert low <= moved <= high
