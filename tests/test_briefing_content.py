"""Briefing content checked against plain recounts from the bundled dataset's files."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import load_context
from wres_lib.analysis.figures import population_bme_share
from wres_lib.analysis.summary import trust_summary
from wres_lib.briefings import national, system, trust
from wres_lib.data.dataset import refresh_checksums
from wres_lib.data.synthetic.stories import STORY_ORGS
from wres_lib.models.trends import trend
from wres_lib.present import fragments as present
from wres_lib.present.narrative import check_sentence, percent

YEAR = 2025


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    names = ("workforce", "board", "organisations", "population")
    return {name: pd.read_csv(SAMPLE / f"{name}.csv") for name in names}


def bme_share_pct(workforce: pd.DataFrame, code: str) -> float:
    rows = workforce[(workforce["org_code"] == code) & (workforce["year"] == YEAR)]
    white = rows.loc[rows["ethnicity"] == "White", "headcount"].sum()
    bme = rows.loc[~rows["ethnicity"].isin(["White", "Unknown"]), "headcount"].sum()
    return 100 * bme / (white + bme)


@pytest.mark.slow
def test_all_white_board_headline(files: dict[str, pd.DataFrame]) -> None:
    code = STORY_ORGS["all_white_board_fifth_bme_workforce"]
    board = files["board"]
    mine = board[(board["org_code"] == code) & (board["year"] == YEAR)]
    assert mine.loc[mine["ethnicity"] != "White", "members"].sum() == 0
    workforce = files["workforce"]
    staff = workforce[(workforce["org_code"] == code) & (workforce["year"] == YEAR)]
    bme = staff.loc[~staff["ethnicity"].isin(["White", "Unknown"]), "headcount"].sum()
    share = 100 * bme / staff["headcount"].sum()  # of all staff, Unknown included
    headline = trust.build(SAMPLE, code, YEAR).headline()
    assert "board is entirely White, although" in headline
    assert f"{round(share)}% of all its staff" in headline


def test_trust_summary_matches_a_recount(files: dict[str, pd.DataFrame]) -> None:
    summary = trust_summary(load_context(SAMPLE), YEAR).set_index("code")
    board = files["board"][files["board"]["year"] == YEAR]
    executives = board[board["role"] == "executive"]
    bme_exec = executives[~executives["ethnicity"].isin(["White", "Unknown"])]
    recount = bme_exec.groupby("org_code")["members"].sum()
    for code in ("ZT001", "ZT015", "ZT085", "ZT137"):
        assert summary.at[code, "workforce_bme_pct"] == pytest.approx(
            bme_share_pct(files["workforce"], code)
        )
        assert summary.at[code, "bme_executives"] == recount.get(code, 0)


def test_system_with_no_bme_executives(files: dict[str, pd.DataFrame]) -> None:
    code = STORY_ORGS["diverse_system_no_bme_executives"]
    briefing = system.build(SAMPLE, "icb", code, YEAR)
    organisations = files["organisations"]
    members = set(organisations.loc[organisations["icb_code"] == code, "org_code"])
    board = files["board"]
    executives = board[
        board["org_code"].isin(members) & (board["year"] == YEAR) & (board["role"] == "executive")
    ]
    bme = executives[~executives["ethnicity"].isin(["White", "Unknown"])]["members"].sum()
    assert bme == 0 and set(briefing.no_bme_executive["code"]) == members
    assert briefing.headline().startswith(f"None of the five trusts in {briefing.name} has")
    population = files["population"]
    rows = population[(population["area_code"] == code) & (population["year"] == YEAR)]
    white = rows.loc[rows["ethnicity"] == "White", "people"].sum()
    others = rows.loc[~rows["ethnicity"].isin(["White", "Unknown"]), "people"].sum()
    assert briefing.population_share == pytest.approx(100 * others / (white + others))


def test_national_unbalanced_boards_match_a_recount(files: dict[str, pd.DataFrame]) -> None:
    board = files["board"][files["board"]["year"] == YEAR]
    bme_members = board[~board["ethnicity"].isin(["White", "Unknown"])]
    with_bme = set(bme_members.loc[bme_members["members"] > 0, "org_code"])
    expected = {
        code
        for code in set(board["org_code"]) - with_bme
        if bme_share_pct(files["workforce"], code) >= 20
    }
    briefing = national.build(SAMPLE, YEAR)
    assert set(briefing.unbalanced_boards["code"]) == expected
    assert STORY_ORGS["all_white_board_fifth_bme_workforce"] in expected


def test_population_share_uses_the_latest_year_up_to_the_briefing() -> None:
    population = pd.DataFrame(
        {
            "year": [2020, 2020, 2020, 2023, 2023],
            "area_code": ["A"] * 5,
            "ethnicity": ["White", "Asian", "Unknown", "White", "BME"],
            "people": [60, 40, 999, 70, 30],
        }
    )
    assert population_bme_share(population, "A", 2021) == pytest.approx(40.0)
    assert population_bme_share(population, "A", 2025) == pytest.approx(30.0)
    assert population_bme_share(population, "B", 2025) is None
    assert population_bme_share(None, "A", 2025) is None


@pytest.mark.parametrize(
    ("value", "kind", "flag", "expected"),
    [
        (21.4, "percent", "", "21%"),
        (1.5449, "ratio", "", "1.54"),
        (-24.41, "points", "", "−24.4 pts"),
        (6.38, "points", "", "+6.4 pts"),
        (3, "count", "", "<5"),
        (0, "count", "", "0"),
        (12, "count", "small_numbers", "12"),
        (20.0, "percent", "small_numbers", "too few to report"),
        (None, "ratio", "", "not available"),
        (float("nan"), "percent", "", "not available"),
    ],
)
def test_publish(value, kind, flag, expected) -> None:
    assert present.publish(value, kind, flag) == expected


@pytest.mark.slow
def test_every_trust_headline_and_standfirst_read_correctly() -> None:
    context = load_context(SAMPLE)
    codes = sorted(context.indicators.query("level == 'trust' and year == @YEAR")["code"].unique())
    assert len(codes) > 200
    for code in codes:
        briefing = trust.TrustBriefing(context, code, YEAR)
        check_sentence(briefing.headline())
        check_sentence(briefing.standfirst())
        briefing.changes()  # each line passes check_sentence or raises


def test_unknown_trust_suggests_close_codes() -> None:
    with pytest.raises(KeyError, match="did you mean"):
        trust.build(SAMPLE, "ZT0151", YEAR)


def test_a_suppressed_figure_gives_nothing_away() -> None:
    from wres_lib.indicators.flags import flag_words

    assert flag_words("small_numbers;above_1.25;ci_excludes_1") == "small numbers"
    assert flag_words("above_1.25;ci_excludes_1") == "above 1.25; significant"
    assert present.publish(-0.04, "points") == "0.0 pts"


def test_source_lines_name_the_data_once() -> None:
    from wres_lib.present.methods import source_note
    from wres_lib.present.style import source_line

    context = load_context(SAMPLE)
    note = source_note(context, YEAR)
    assert note == "Source: wres-sample (SYNTHETIC DATA), vintage 2025, WRES year 2025"
    chart = source_line(context.source_line(YEAR), synthetic=True)
    assert chart.count("Source:") == 1 and chart.count("SYNTHETIC DATA") == 1


def short_names(files: dict[str, pd.DataFrame]) -> pd.Series:
    """Each organisation's name as prose gives it, by code."""
    names = files["organisations"].set_index("org_code")["org_name"]
    return names.str.removesuffix(" (synthetic)")


def test_merger_successor_trend_continues_across_the_merger(files: dict[str, pd.DataFrame]) -> None:
    code = STORY_ORGS["merger_successor"]
    merged = (STORY_ORGS["merged_trust_a"], STORY_ORGS["merged_trust_b"])
    briefing = trust.TrustBriefing(load_context(SAMPLE), code, YEAR)
    history = briefing.history
    rl = history[
        (history["indicator"] == "2")
        & (history["measure"] == "relative_likelihood")
        & (history["group"] == "BME")
    ].set_index("year")
    assert list(rl.index) == list(range(2016, YEAR + 1))
    assert set(rl.loc[:2021, "combined_from"]) == {";".join(merged)}
    assert set(rl.loc[2022:, "combined_from"]) == {""}
    recruitment = pd.read_csv(SAMPLE / "recruitment.csv")
    rows = recruitment[recruitment["org_code"].isin(merged) & (recruitment["year"] == 2019)]
    white = rows[rows["ethnicity"] == "White"][["shortlisted", "appointed"]].sum()
    bme = rows[~rows["ethnicity"].isin(["White", "Unknown"])][["shortlisted", "appointed"]].sum()
    recount = (white["appointed"] / white["shortlisted"]) / (bme["appointed"] / bme["shortlisted"])
    assert rl.at[2019, "value"] == pytest.approx(recount)
    fitted = trend(history[history["indicator"] == "2"], measures=["relative_likelihood"])
    assert fitted.loc[fitted["group"] == "BME", "first_year"].item() == 2016
    names = short_names(files)
    note = (
        "Figures before 2022 combine its predecessors, which merged in April 2021: "
        f"{names[merged[0]]} ({merged[0]}) and {names[merged[1]]} ({merged[1]})."
    )
    assert briefing.predecessor_note() == check_sentence(note)
    assert html.escape(note) in briefing.trends()
    assert html.escape(note) in briefing.header()


def test_merger_successor_first_year_compares_with_its_predecessors(
    files: dict[str, pd.DataFrame],
) -> None:
    code = STORY_ORGS["merger_successor"]
    merged = (STORY_ORGS["merged_trust_a"], STORY_ORGS["merged_trust_b"])
    briefing = trust.TrustBriefing(load_context(SAMPLE), code, 2022)
    workforce = files["workforce"]
    rows = workforce[workforce["org_code"].isin(merged) & (workforce["year"] == 2021)]
    white = rows.loc[rows["ethnicity"] == "White", "headcount"].sum()
    bme = rows.loc[~rows["ethnicity"].isin(["White", "Unknown"]), "headcount"].sum()
    last_year = percent(bme / (white + bme))
    changes = briefing.changes()
    assert f"from {last_year} last year for its predecessors combined." in changes
    assert changes.count("for its predecessors combined") == 5
    assert "2021 (predecessors combined)" in briefing.indicator_table()
    assert "last year for its predecessors combined" in briefing.standfirst()
    later = trust.TrustBriefing(briefing.context, code, 2023)
    assert "predecessors combined" not in later.changes() + later.indicator_table()


def test_a_closing_trust_names_its_successor_in_its_last_year(
    files: dict[str, pd.DataFrame],
) -> None:
    context = load_context(SAMPLE)
    code, partner = STORY_ORGS["merged_trust_a"], STORY_ORGS["merged_trust_b"]
    successor = STORY_ORGS["merger_successor"]
    names = short_names(files)
    sentence = (
        f"{names[code]} closed on 31 March 2021 and merged with {names[partner]} ({partner}) to "
        f"form {names[successor]} ({successor})."
    )
    last = trust.TrustBriefing(context, code, 2021)
    assert last.successor_note() == check_sentence(sentence)
    assert html.escape(sentence) in last.header()
    assert trust.TrustBriefing(context, code, 2020).successor_note() is None


@pytest.mark.slow
def test_a_trust_closing_after_its_last_data_year_names_its_successor_in_that_year(
    tmp_path: Path,
) -> None:
    code, successor = STORY_ORGS["merged_trust_a"], STORY_ORGS["merger_successor"]
    folder = shutil.copytree(SAMPLE, tmp_path / "data")
    organisations = pd.read_csv(folder / "organisations.csv", dtype=str, keep_default_na=False)
    organisations.loc[organisations["org_code"] == code, "valid_to"] = "2021-09-30"  # WRES 2022
    organisations.to_csv(folder / "organisations.csv", index=False, lineterminator="\n")
    refresh_checksums(folder)
    context = load_context(folder)
    assert context.slice("trust", code)["year"].max() == 2021  # no data for 2022
    note = trust.TrustBriefing(context, code, 2021).successor_note()
    assert note is not None and "closed on 30 September 2021" in note and successor in note
    assert trust.TrustBriefing(context, code, 2020).successor_note() is None


def test_a_trust_without_predecessors_briefs_as_before() -> None:
    briefing = trust.TrustBriefing(load_context(SAMPLE), "ZT001", YEAR)
    assert briefing.history.equals(briefing.rows)
    assert briefing.predecessor_note() is None and briefing.successor_note() is None
    assert "predecessor" not in briefing.header() + briefing.changes() + briefing.trends()
