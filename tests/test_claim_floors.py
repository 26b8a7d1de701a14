"""Claim floors: no ranked or 'significant' claim rests on fewer than five events in a group,
and a group with no event is said in words, never as '0.00 times as likely'."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import load_context
from wres_lib.analysis.figures import Figure
from wres_lib.briefings.trust.briefing import TrustBriefing
from wres_lib.present.narrative import no_events_sentence
from wres_lib.tables.registry import press_table
from wres_lib.tables.stories import find_stories

YEAR = 2025
RATES = {
    "2": ("recruitment", "appointed"),
    "3": ("disciplinary", "entered"),
    "4": ("training", "accessed"),
}


@pytest.fixture(scope="module")
def context():
    return load_context(SAMPLE)


def events(code: str, number: str) -> tuple[int, int]:
    table, column = RATES[number]
    rows = pd.read_csv(SAMPLE / f"{table}.csv")
    mine = rows[(rows["org_code"] == code) & (rows["year"] == YEAR)]
    white = mine.loc[mine["ethnicity"] == "White", column].sum()
    bme = mine.loc[~mine["ethnicity"].isin(["White", "Unknown"]), column].sum()
    return int(white), int(bme)


def few_event_codes(context, number: str) -> set[str]:
    table = context.indicators
    rows = table[
        (table["level"] == "trust")
        & (table["year"] == YEAR)
        & (table["indicator"] == number)
        & (table["measure"] == "relative_likelihood")
        & (table["group"] == "BME")
    ]
    return set(rows.loc[rows["flag"].astype(str).str.contains("few_events"), "code"].astype(str))


def test_the_few_events_flag_matches_a_recount(context) -> None:
    flagged = few_event_codes(context, "3")
    assert flagged
    for code in sorted(flagged)[:5]:
        assert min(events(code, "3")) < 5


def test_a_few_events_figure_is_never_significant() -> None:
    figure = Figure(
        value=8.44, ci_low=1.09, ci_high=65.3, flag="above_1.25;few_events;ci_excludes_1"
    )
    assert not figure.significant and not figure.rankable
    assert Figure(value=1.5, ci_low=1.1, ci_high=2.0, flag="ci_excludes_1").significant


def test_no_zero_times_and_zero_events_said_in_words(context) -> None:
    zero = [c for c in sorted(few_event_codes(context, "3")) if events(c, "3")[1] == 0]
    assert zero, "the sample should hold a trust where no BME member of staff was disciplined"
    for code in zero[:3]:
        briefing = TrustBriefing(context, code, YEAR)
        text = briefing.changes() + briefing.header()
        assert "0.00 times" not in text
        white, _ = events(code, "3")
        assert no_events_sentence("3", "BME", "White", white) in text


def test_no_ranked_claim_rests_on_few_events(context) -> None:
    for level in ("trust",):
        for story in find_stories(context, YEAR, level):
            assert "0.00 times" not in story.sentence
            code = story.row.get("code", story.row.get("org_code"))
            if "highest of any" in story.sentence and "likely" in story.sentence:
                number = "2" if "appointed" in story.sentence else "3"
                assert min(events(code, number)) >= 5
    table = press_table("relative-likelihoods", context, YEAR, "trust").frame
    few = few_event_codes(context, "2")
    ranked_codes = table.loc[table["rl_appointment_assessment"] != "too few events to rank", "code"]
    assert not few & set(ranked_codes.head(len(ranked_codes) - len(few)))
    unranked = table[table["code"].isin(few)]
    unrankable = (
        "too few events to rank",
        "too few to report",
        "not defined (no events in a group)",
    )
    assert unranked["rl_appointment_assessment"].isin(unrankable).all()
    # the ranked rows come first, then the unranked in code order
    positions = table.index[table["code"].isin(few)]
    assert positions.min() > table.index[~table["code"].isin(few)].min()


def test_trust_headlines_never_rank_on_few_events(context) -> None:
    few = {n: few_event_codes(context, n) for n in RATES}
    table = context.indicators
    codes = sorted(table[(table["level"] == "trust") & (table["year"] == YEAR)]["code"].unique())
    for code in codes[:60]:
        for f in TrustBriefing(context, str(code), YEAR).findings:
            number = f.figures.get("indicator")
            if f.kind in ("rank", "likelihood") and number in few:
                assert str(code) not in few[number], f.sentence
