"""Systems held to account: the shared systems table, every region naming its systems, each
ICB's ranks, and the system and region headlines, recounted from the raw rows."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from wres_lib.analysis.findings import SYSTEM_BOTTLENECK_RATIO, Finding
from wres_lib.analysis.findings.system import system_findings
from wres_lib.analysis.systems import system_table
from wres_lib.briefings.system import SystemBriefing
from wres_lib.briefings.system.header import headline, standfirst
from wres_lib.briefings.systems_table import systems_table
from wres_lib.data.schema import UNKNOWN, WHITE
from wres_lib.present import fragments as present
from wres_lib.present import narrative

YEAR = 2025
ROW = re.compile(r'<th scope="row">(.*?)</th>')


@pytest.fixture(scope="module")
def systems(sample_context) -> pd.DataFrame:
    return system_table(sample_context, YEAR, "icb")


@pytest.fixture(scope="module")
def raw(sample_dataset) -> dict[str, pd.DataFrame]:
    """This year's raw rows, each with the trust's ICB and region."""
    organisations = sample_dataset.organisations.set_index("org_code")
    tables = {}
    for name in ("board", "workforce", "recruitment"):
        rows = getattr(sample_dataset, name)
        rows = rows[rows["year"] == YEAR]
        tables[name] = rows.assign(
            icb=rows["org_code"].map(organisations["icb_code"]),
            region=rows["org_code"].map(organisations["region_code"]),
        )
    return tables


def bme(rows: pd.DataFrame) -> pd.Series:
    return ~rows["ethnicity"].isin([WHITE, UNKNOWN])


def board_gap(raw: dict[str, pd.DataFrame], column: str) -> pd.Series:
    """Each system's (``column`` "icb") or region's board gap recounted from the raw rows: the
    BME share of voting members of known ethnicity minus that of staff of known ethnicity."""
    board = raw["board"][raw["board"]["voting"].astype(str) == "True"]
    workforce = raw["workforce"]
    shares = []
    for rows, count in ((board, "members"), (workforce, "headcount")):
        known = rows[rows["ethnicity"] != UNKNOWN]
        shares.append(
            100
            * known[bme(known)].groupby(column)[count].sum()
            / known.groupby(column)[count].sum()
        )
    return shares[0] - shares[1]


def without_bme_executive(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each trust reporting executives this year, and whether none of them is BME."""
    executives = raw["board"][raw["board"]["role"] == "executive"]
    per_trust = executives.groupby(["org_code", "icb", "region"])
    members = per_trust["members"].sum()
    bme_members = executives[bme(executives)].groupby(["org_code", "icb", "region"])["members"]
    frame = pd.DataFrame({"members": members, "bme": bme_members.sum()}).fillna(0)
    frame = frame[frame["members"] > 0].reset_index()
    return frame.assign(none=frame["bme"] == 0)


# -- the shared table ----------------------------------------------------------------------
def test_region_table_names_its_systems_worst_board_gap_first(sample_context, raw) -> None:
    fragment = systems_table(sample_context, YEAR, "Y60")
    names = [html.unescape(name) for name in ROW.findall(fragment)]
    organisations = sample_context.dataset.organisations
    midlands = organisations[organisations["region_code"] == "Y60"]
    expected = board_gap(raw, "icb").loc[sorted(midlands["icb_code"].unique())].sort_values()
    icb_names = midlands.drop_duplicates("icb_code").set_index("icb_code")["icb_name"]
    assert names == [icb_names[code].removesuffix(" (synthetic)") for code in expected.index]
    assert "ranked worst first on the board gap" in fragment
    assert "<caption>The 11 systems in the Midlands, 2025," in fragment
    assert fragment.count('scope="col"') == 9 and "Region</th>" not in fragment


def test_national_table_ranks_every_system(sample_context, systems) -> None:
    fragment = systems_table(sample_context, YEAR)
    assert len(ROW.findall(fragment)) == len(systems) == 42
    assert "Region</th>" in fragment and "<caption>All 42 systems, 2025" in fragment
    first = systems.sort_values("rank_board_gap_points_national").iloc[0]
    assert ROW.findall(fragment)[0] == html.escape(first["name"])
    assert "<td class=num>1 of 42</td>" in fragment


def test_row_finding_reads_as_one_sentence() -> None:
    assert narrative.row_finding(5, 5, -29.8, 2, "in the Midlands") == (
        "None of its five trusts has a BME executive director; voting boards 29.8 percentage "
        "points less BME than the staff."
    )
    widest = narrative.row_finding(0, 4, -33.3, 1, "in the Midlands", 1, 1.834)
    assert widest == (
        "The widest board gap in the Midlands, 33.3 percentage points; the highest relative "
        "likelihood of appointment in the Midlands, 1.83."
    )


@pytest.mark.parametrize("region", ["Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"])
def test_every_region_briefing_names_each_of_its_systems(sample_context, region) -> None:
    briefing = SystemBriefing(sample_context, "region", region, YEAR)
    section = briefing.held_to_account()
    organisations = sample_context.dataset.organisations
    members = organisations[organisations["region_code"] == region]
    expected = {name.removesuffix(" (synthetic)") for name in members["icb_name"]}
    assert {html.unescape(name) for name in ROW.findall(section)} == expected


# -- an ICB's ranks -----------------------------------------------------------------------
@pytest.mark.parametrize("code", ["ZQ01", "ZQ28", "ZQ12"])
def test_icb_ranks_in_prose_match_the_table_and_a_recount(sample_context, systems, raw, code):
    briefing = SystemBriefing(sample_context, "icb", code, YEAR)
    text = html.unescape(str(briefing.held_to_account()))
    row = systems.set_index("code").loc[code]
    gaps = board_gap(raw, "icb")
    region_codes = systems.loc[systems["region_code"] == row["region_code"], "code"]
    in_region = int((gaps[region_codes] < gaps[code]).sum()) + 1
    nationally = int((gaps < gaps[code]).sum()) + 1
    assert (in_region, nationally) == (
        row["rank_board_gap_points_region"],
        row["rank_board_gap_points_national"],
    )
    region = narrative.place_name(str(row["region_name"]))
    size = narrative.number_word(len(region_codes))
    first = "the widest" if in_region == 1 else f"the {narrative.ordinal(in_region)} widest"
    second = "the widest" if nationally == 1 else f"the {narrative.ordinal(nationally)} widest"
    assert (
        f"{briefing.name} has {first} board gap of the {size} systems in {region} and "
        f"{second} of the 42 systems nationally."
    ) in text
    assert f"{in_region} of {len(region_codes)}" in text and f"{nationally} of 42" in text


def test_icb_lede_names_its_region_and_says_what_it_is(sample_context) -> None:
    briefing = SystemBriefing(sample_context, "icb", "ZQ28", YEAR)
    header = html.unescape(str(briefing.header()))
    assert f"{briefing.name} is an integrated care system in the Midlands" in header
    assert "NHS England system" not in header
    region = SystemBriefing(sample_context, "region", "Y56", YEAR)
    assert "London is an NHS England region" in html.unescape(str(region.header()))


def test_icb_briefing_has_trends_survey_and_ladder(sample_context) -> None:
    briefing = SystemBriefing(sample_context, "icb", "ZQ01", YEAR)
    trends = str(briefing.trends())
    assert "<svg" in trends and "Appointment (2)" in trends
    assert "Staff survey indicators 5–8, Brindlemere and Fennickwick ICS" in briefing.survey()
    assert "The progression ladder" in briefing.disparity()


# -- findings and headlines ---------------------------------------------------------------
def test_headline_of_a_system_without_bme_executives_recounts(sample_context, raw) -> None:
    briefing = SystemBriefing(sample_context, "icb", "ZQ28", YEAR)
    lead = briefing.findings[0]
    trusts = without_bme_executive(raw)
    mine = trusts[trusts["icb"] == "ZQ28"]
    assert lead.kind == "system_no_bme_executive"
    assert (lead.figures["without"], lead.figures["reporting"]) == (mine["none"].sum(), len(mine))
    assert lead.figures["codes"] == ";".join(sorted(mine.loc[mine["none"], "org_code"]))
    assert briefing.headline() == lead.sentence
    assert lead.sentence.startswith(f"None of the five trusts in {briefing.name} has a BME")


def test_region_headline_rank_recounts_from_raw_recruitment(sample_context, raw) -> None:
    briefing = SystemBriefing(sample_context, "region", "Y60", YEAR)
    lead = briefing.findings[0]
    assert lead.kind == "system_rank" and lead.figures["measure"] == "rl_appointment"
    recruitment = raw["recruitment"][raw["recruitment"]["ethnicity"] != UNKNOWN]
    group = recruitment.assign(bme=bme(recruitment)).groupby(["region", "bme"])
    rate = group["appointed"].sum() / group["shortlisted"].sum()
    ratio = rate.xs(False, level="bme") / rate.xs(True, level="bme")
    assert lead.figures["value"] == pytest.approx(ratio["Y60"])
    assert lead.figures["rank"] == 1 and ratio.idxmax() == "Y60"
    assert lead.figures["of"] == len(ratio) == 7
    assert lead.sentence.startswith(
        f"White applicants in the Midlands were {narrative.ratio_figure(ratio['Y60'])} times"
    )
    assert lead.sentence.endswith("the highest of the seven regions")


@pytest.mark.parametrize("code", ["ZQ01", "ZQ07"])
def test_board_gap_findings_recount(sample_context, raw, code) -> None:
    found = {f.kind: f for f in system_findings(sample_context, "icb", code, YEAR)}
    gap = found["board_gap"].figures["gap"]
    assert gap == pytest.approx(board_gap(raw, "icb")[code])


def test_headline_says_plainly_when_nothing_stands_out(sample_context) -> None:
    briefing = SystemBriefing(sample_context, "icb", "ZQ01", YEAR)
    briefing.findings = []  # a system whose data support no finding
    assert headline(briefing) == (
        "Brindlemere and Fennickwick ICS in 2025: no WRES figure stands out from other "
        "systems or from the year before"
    )


def test_each_system_leads_with_at_most_one_finding_a_topic(sample_context, systems) -> None:
    for code in ("ZQ01", "ZQ06", "ZQ28"):
        briefing = SystemBriefing(sample_context, "icb", code, YEAR)
        topics = [f.topic for f in briefing.findings]
        assert len(topics) == len(set(topics))
        assert all(narrative.check_sentence(f.sentence) for f in briefing.findings)


def test_system_rank_on_trusts_without_executives_shares_the_executive_topic() -> None:
    rank = Finding("system_rank", 60, "x", {"measure": "trusts_without_bme_executive"})
    assert rank.topic == Finding("system_no_bme_executive", 70, "", {}).topic


def test_region_names_take_the_article_english_wants() -> None:
    assert narrative.in_region("Midlands") == "in the Midlands"
    assert narrative.in_region("London") == "in London"
    assert narrative.place_name("North East and Yorkshire") == "the North East and Yorkshire"
    assert narrative.place_name("the South West") == "the South West"


def test_a_system_bottleneck_is_news_only_when_steep(sample_context, systems) -> None:
    for code in ("ZQ01", "ZQ07", "ZQ08"):
        found = [
            f for f in system_findings(sample_context, "icb", code, YEAR) if f.kind == "bottleneck"
        ]
        ratio = systems.set_index("code").at[code, "bottleneck_ratio"]
        assert len(found) == int(ratio >= SYSTEM_BOTTLENECK_RATIO)


@pytest.mark.slow
def test_no_one_kind_leads_most_system_and_region_headlines(sample_context) -> None:
    leads = []
    for level in ("icb", "region"):
        for code in sorted(sample_context.dataset.organisations[f"{level}_code"].unique()):
            briefing = SystemBriefing(sample_context, level, code, YEAR)
            narrative.check_sentence(briefing.headline())
            narrative.check_sentence(standfirst(briefing))
            lead = briefing.findings[0] if briefing.findings else None
            leads.append("none" if lead is None else f"{lead.kind}:{lead.subject}")
    commonest = max(leads.count(kind) for kind in set(leads))
    assert commonest <= 0.35 * len(leads)


def test_region_table_figures_recount_from_raw_rows(sample_context, raw) -> None:
    fragment = html.unescape(systems_table(sample_context, YEAR, "Y58"))
    gaps, trusts = board_gap(raw, "icb"), without_bme_executive(raw)
    organisations = sample_context.dataset.organisations
    names = organisations.drop_duplicates("icb_code").set_index("icb_code")["icb_name"]
    for code in sorted(organisations.loc[organisations["region_code"] == "Y58", "icb_code"]):
        row = re.search(
            rf'<th scope="row">{re.escape(names[code].removesuffix(" (synthetic)"))}</th>'
            r"(.*?)</tr>",
            fragment,
        )
        assert row is not None
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        mine = trusts[trusts["icb"] == code]
        assert cells[0] == present.publish(gaps[code], "points")
        assert cells[1].startswith(f"{int(mine['none'].sum())} of {len(mine)}")


@pytest.mark.parametrize(
    ("measure", "previous", "value", "news"),
    [
        ("relative_likelihood", 1.08, 1.02, False),  # beyond chance on summed counts, no story
        ("relative_likelihood", 1.58, 1.43, True),  # a tenth lower
        ("relative_likelihood", 0.81, 1.46, True),
        ("bme_share", 35.0, 38.0, True),  # points
        ("bme_share", 15.0, 16.5, False),
    ],
)
def test_a_system_change_must_be_material_to_be_news(measure, previous, value, news) -> None:
    from wres_lib.analysis.findings import Finding
    from wres_lib.analysis.findings.system import material

    figures = {"measure": measure, "value": value, "previous": previous}
    assert material(Finding("change", 50.0, "2", figures)) is news
