"""Findings: the scoring table, the order, the variety of headlines and their figures recounted
from the bundled dataset's files."""

from __future__ import annotations

import collections
import math
import re

import pandas as pd
import pytest

from tests.helpers.dataset_factory import write_tiny_dataset
from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.analysis.findings import KINDS, SCORES, Finding, ranked, score
from wres_lib.analysis.findings.trust import trust_findings
from wres_lib.briefings.trust.briefing import TrustBriefing
from wres_lib.data.dataset import load_dataset
from wres_lib.present.narrative import check_sentence, percent, points, ratio_figure, worded

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
    names = ("workforce", "board", "recruitment", "disciplinary", "training", "staff_survey")
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


def _known_shares(rows: pd.DataFrame, count: str) -> pd.DataFrame:
    """Per trust and year: BME and known (White + BME) totals of ``count`` and the BME percent."""
    known = rows[rows["ethnicity"] != "Unknown"].assign(bme=lambda r: _bme(r) * r[count])
    totals = known.groupby(["org_code", "year"])[[count, "bme"]].sum()
    return totals.assign(pct=100 * totals["bme"] / totals[count])


def _board_gaps(files) -> pd.DataFrame:
    """Each trust's voting board against its workforce (staff of known ethnicity), every year."""
    board = _known_shares(files["board"][files["board"]["voting"]], "members").add_prefix("board_")
    workforce = _known_shares(files["workforce"], "headcount").add_prefix("staff_")
    gaps = board.join(workforce, how="inner")
    return gaps.assign(gap=gaps["board_pct"] - gaps["staff_pct"])


def _survey_gaps(files) -> pd.DataFrame:
    """Each trust's BME and White percentages on indicators 5-8 in 2025 and the gap (BME minus
    White), with whether both groups had the 10 respondents a published figure needs. A group of
    several rows (Asian, Black, ...) counts round(percent x respondents) in each."""
    survey = files["staff_survey"]
    rows = survey[survey["year"] == YEAR].assign(
        group=lambda r: r["ethnicity"].where(r["ethnicity"] == "White", "BME"),
        said=lambda r: (r["percent"] / 100 * r["respondents"]).round(),
    )
    cells = rows.groupby(["org_code", "indicator", "group"]).agg(
        rows=("said", "size"), said=("said", "sum"), respondents=("respondents", "sum"),
        given=("percent", "first"),
    )  # fmt: skip
    pct = cells["given"].where(cells["rows"] == 1, 100 * cells["said"] / cells["respondents"])
    wide = cells.assign(pct=pct)[["pct", "respondents"]].unstack("group")
    return pd.DataFrame(
        {
            "pct_bme": wide[("pct", "BME")],
            "pct_white": wide[("pct", "White")],
            "gap": wide[("pct", "BME")] - wide[("pct", "White")],
            "published": wide["respondents"].min(axis=1) >= 10,
        }
    )


@pytest.fixture(scope="module")
def recounted(files) -> dict[str, pd.DataFrame]:
    """The board and survey gaps of every trust, recounted from the raw rows."""
    types = pd.read_csv(SAMPLE / "organisations.csv").set_index("org_code")["org_type"]
    return {"board": _board_gaps(files), "survey": _survey_gaps(files), "org_type": types}


def _recount_board_gap(f: Finding, code: str, recounted) -> None:
    gaps = recounted["board"]
    now = gaps.loc[(code, YEAR)]
    g = f.figures
    assert g["board_bme_pct"] == pytest.approx(now["board_pct"])
    assert g["bme_share"] == pytest.approx(now["staff_pct"])
    assert g["gap"] == pytest.approx(now["gap"]) and now["gap"] <= -10
    assert (g["board_members"], g["bme_board_members"]) == (now["board_members"], now["board_bme"])
    if (code, YEAR - 1) in gaps.index:  # (none of the trusts checked is a merger's successor)
        assert g["previous_gap"] == pytest.approx(gaps.loc[(code, YEAR - 1), "gap"])
    wider = g["previous_gap"] is not None and now["gap"] < g["previous_gap"]
    assert f.score == pytest.approx(min(35 + (abs(now["gap"]) - 10) / 2 + 5 * wider, 60))
    board, staff = (percent(now[column] / 100) for column in ("board_pct", "staff_pct"))
    assert f"voting board is {board} BME, against {staff} of its staff" in f.sentence
    assert f"{points(abs(now['gap']))} short" in f.sentence


# Whether the highest figure is the adverse end, by indicator (5-8 the survey gaps, 9 the board).
ADVERSE_WHEN_HIGH = {"5": True, "6": True, "7": False, "8": True, "9": False}


def _recount_rank(f: Finding, code: str, recounted) -> None:
    """A survey or board rank: the trust's place recounted among every trust's raw figures."""
    g, number = f.figures, f.figures["indicator"]
    if number == "9":
        values = recounted["board"].xs(YEAR, level="year")["gap"]
    else:
        survey = recounted["survey"].xs(int(number), level="indicator")
        values = survey.loc[survey["published"], "gap"]
        assert f"{percent(survey.at[code, 'pct_bme'] / 100)} of BME staff" in f.sentence
        assert f"against {percent(survey.at[code, 'pct_white'] / 100)} of White" in f.sentence
    if g["among"] == "type":
        types = recounted["org_type"]
        values = values[(types[values.index] == types[code]).to_numpy()]
    order = sorted(values.dropna().items(), key=lambda item: (-item[1], item[0]))
    position = [trust for trust, _ in order].index(code)
    highest = g["end"] == "highest"
    rank = position + 1 if highest else len(order) - position
    tenth = max(1, math.floor(len(order) / 10))
    assert (g["rank"], g["of"], g["value"]) == (rank, len(order), pytest.approx(values[code]))
    assert rank <= tenth and g["adverse"] == (highest == ADVERSE_WHEN_HIGH[number])
    scaled = 15 * (1 - (rank - 1) / tenth) + 5 * (g["among"] == "all") + 5 * g["adverse"]
    assert f.score == pytest.approx(min(45 + scaled, 75))
    assert f" of {len(order)} " in f.sentence


def test_board_gap_and_rank_headlines_recount_from_the_raw_rows(briefings, recounted) -> None:
    checked = collections.Counter()
    for briefing in briefings:
        for f in briefing.findings[:3]:
            if f.kind == "board_gap":
                _recount_board_gap(f, briefing.code, recounted)
            elif f.kind == "rank" and f.figures["indicator"] in ADVERSE_WHEN_HIGH:
                _recount_rank(f, briefing.code, recounted)
            else:
                continue
            checked[(f.kind, f.figures.get("among"), f.figures.get("indicator") == "9")] += 1
    assert checked[("board_gap", None, False)] >= 10
    for among in ("all", "type"):  # survey ranks and board ranks, among all trusts and peers
        assert checked[("rank", among, False)] >= 3 and checked[("rank", among, True)] >= 1, checked


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


def _one_trust_with_targets(tmp_path, targets: list[dict]):
    """The tiny dataset with a diverse board at ZT901 (so no board finding) and its targets."""
    from tests.test_targets import tables_with

    tables = tables_with(targets)
    board = tables["board"]
    rows = [
        (year, "ZT901", role, True, ethnicity, members)
        for year in (2024, 2025)
        for role, ethnicity, members in (
            ("executive", "White", 4),
            ("executive", "BME", 2),
            ("non_executive", "White", 3),
            ("non_executive", "BME", 3),
        )
    ]
    others = board[board["org_code"] != "ZT901"]
    tables["board"] = pd.concat([others, pd.DataFrame(rows, columns=board.columns)])
    folder = write_tiny_dataset(tmp_path / "plans", tables)
    return folder, BriefingContext(load_dataset(folder))


def test_a_missed_target_leads_when_it_is_the_only_story(tmp_path) -> None:
    from tests.test_targets import target

    late = target("ZT901", "LATE", 50, "2024-12-31", horizon="M")
    met = target("ZT901", "MET", 30, "2026-03-31")
    folder, context = _one_trust_with_targets(tmp_path, [late, met])
    briefing = TrustBriefing(context, "ZT901", YEAR)
    assert [f.kind for f in briefing.findings] == ["target_missed"]  # one action-plan story
    found = sorted(f.kind for f in trust_findings(context, "ZT901", YEAR))
    assert found == ["target_met", "target_missed"]
    lead = briefing.findings[0]
    assert briefing.headline() == lead.sentence == check_sentence(lead.sentence)
    assert "Chief People Officer" not in lead.sentence and "Target LATE" not in lead.sentence
    # Recount from the raw rows: the Band 8a clinical BME share in 2025 and the people short.
    workforce = pd.read_csv(folder / "workforce.csv")
    band = workforce[
        (workforce["org_code"] == "ZT901")
        & (workforce["year"] == YEAR)
        & (workforce["band"] == "Band 8a")
        & (workforce["staff_group"] == "clinical")
    ]
    known = band[band["ethnicity"] != "Unknown"]
    bme = known.loc[_bme(known), "headcount"].sum()
    share = 100 * bme / known["headcount"].sum()
    people = math.ceil(50 / 100 * known["headcount"].sum() - bme)
    assert lead.figures["value"] == pytest.approx(share)
    assert lead.figures["shortfall"] == pytest.approx(50 - share)
    assert lead.figures["people"] == people >= 5
    assert f"the {YEAR} figure is {percent(share / 100, 1)}" in lead.sentence
    assert f"({people} more BME staff needed)" in lead.sentence
    assert "at least 50% by 31 December 2024" in lead.sentence
    assert set(lead.rows["year"]) == {2024, 2025} and set(lead.rows["target_id"]) == {"LATE"}


def test_target_findings_rank_and_keep_the_small_number_floor(tmp_path) -> None:
    from tests.test_targets import ONE_OF_EACH

    _, context = _one_trust_with_targets(tmp_path, ONE_OF_EACH)
    found = {f.figures["target_id"]: f for f in trust_findings(context, "ZT901", YEAR)}
    assert {k: f.kind for k, f in found.items()} == {
        "LATE": "target_missed",
        "OFF": "target_off_track",
        "MET": "target_met",
    }
    assert found["LATE"].score >= SCORES["bottleneck"][0] > SCORES["target_met"][1]
    assert found["MET"].score < SCORES["likelihood"][0] + 10
    # OFF is 3 BME staff short of its path: too few to publish, so never quoted.
    raw = context.targets.set_index(["target_id", "year"]).loc[("OFF", YEAR), "shortfall_people"]
    assert raw == 3 and "people" not in found["OFF"].figures
    off = worded([found["OFF"]], "Testbridge")[0].sentence
    assert "needed" not in off and "short of the straight path to it" in off
