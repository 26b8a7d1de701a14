"""Press tables on the bundled dataset, checked against recounts from its CSV files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from tests.helpers.paths import SAMPLE
from wres_lib.analysis.context import BriefingContext
from wres_lib.cli import main
from wres_lib.tables import TABLES, PressTable, press_table
from wres_lib.tables.writers import to_html, to_markdown, write_table

YEAR = 2025
TOO_FEW = "too few to report"


def bme(frame: pd.DataFrame) -> pd.Series:
    """True for rows of a BME group (every stated group but White)."""
    return ~frame["ethnicity"].isin(["White", "Unknown"])


@pytest.fixture(scope="module")
def context(sample_context: BriefingContext) -> BriefingContext:
    return sample_context


@pytest.fixture(scope="module")
def csv() -> dict[str, pd.DataFrame]:
    names = ("workforce", "board", "recruitment", "disciplinary", "staff_survey", "organisations")
    tables = {name: pd.read_csv(SAMPLE / f"{name}.csv") for name in names}
    return {
        name: (t[t["year"] == YEAR] if "year" in t.columns else t) for name, t in tables.items()
    }


def workforce_share(workforce: pd.DataFrame, by: str = "org_code") -> pd.Series:
    """BME % of staff of known ethnicity, recounted."""
    known = workforce[workforce["ethnicity"] != "Unknown"]
    total = known.groupby(by)["headcount"].sum()
    return 100 * known[bme(known)].groupby(by)["headcount"].sum().reindex(total.index) / total


def numbers(values: pd.Series) -> pd.Series:
    """Published values with text cells as NaN."""
    return pd.to_numeric(values.where(values.map(lambda v: not isinstance(v, str))))


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_is_labelled_synthetic_and_has_a_footnote(
    context: BriefingContext, name: str
) -> None:
    level = "icb" if name == "system-summary" else "trust"
    table = press_table(name, context, YEAR, level)
    assert isinstance(table, PressTable) and len(table.frame) > 0
    assert (table.frame["synthetic_data"] == "SYNTHETIC").all()
    assert table.notes[0].startswith("Source: wres-sample (SYNTHETIC DATA), vintage 2025")
    assert any("31 March 2025" in note for note in table.notes)
    text = table.frame.astype(str)
    assert not text.isin(["nan", "None", "<NA>", "inf"]).any().any()


def test_all_white_executives_matches_a_recount(context: BriefingContext, csv) -> None:
    board = csv["board"]
    executives = board[board["role"] == "executive"]
    total = executives.groupby("org_code")["members"].sum()
    white = executives[executives["ethnicity"] == "White"].groupby("org_code")["members"].sum()
    all_white = set(total[(total > 0) & (white.reindex(total.index) == total)].index)
    share = workforce_share(csv["workforce"])
    expected = {code for code in all_white if share[code] > 20}

    table = press_table("all-white-executives", context, YEAR, min_workforce_share=0.2)
    frame = table.frame
    assert set(frame["org_code"]) == expected and len(expected) > 5
    assert np.allclose(frame["bme_workforce_pct"], share[frame["org_code"]].round(1), atol=0.051)
    assert frame["bme_workforce_pct"].is_monotonic_decreasing
    non_exec = board[board["role"] == "non_executive"]
    bme_non_exec = non_exec[bme(non_exec)].groupby("org_code")["members"].sum()
    for row in frame.itertuples():
        assert row.whole_board_white == ("yes" if bme_non_exec.get(row.org_code, 0) == 0 else "no")
    everyone = press_table("all-white-executives", context, YEAR).frame
    assert set(everyone["org_code"]) == all_white


def test_board_gap_counts_members_unsuppressed_and_ranks_widest_gap_first(
    context: BriefingContext, csv
) -> None:
    voting = csv["board"][csv["board"]["voting"]]
    members = voting.groupby("org_code")["members"].sum()
    bme_members = voting[bme(voting)].groupby("org_code")["members"].sum()
    share = workforce_share(csv["workforce"])
    frame = press_table("board-gap", context, YEAR).frame.set_index("code")
    assert (frame["board_members"] == members[frame.index]).all()
    assert (frame["bme_board_members"] == bme_members[frame.index]).all()
    assert frame["bme_board_members"].isin([1, 2, 3, 4]).any()  # never "<5"
    gap = 100 * bme_members / members - share
    assert np.allclose(frame["board_gap_pts"], gap[frame.index], atol=0.06)
    assert frame["board_gap_pts"].is_monotonic_increasing


def test_relative_likelihoods_match_a_recount_and_suppress_small_groups(
    context: BriefingContext, csv
) -> None:
    recruitment = csv["recruitment"].assign(side=lambda t: np.where(bme(t), "B", "W"))
    recruitment = recruitment[recruitment["ethnicity"] != "Unknown"]
    sums = recruitment.groupby(["org_code", "side"])[["shortlisted", "appointed"]].sum().unstack()
    rate = sums["appointed"] / sums["shortlisted"]
    expected = rate["W"] / rate["B"]
    frame = press_table("relative-likelihoods", context, YEAR).frame.set_index("code")
    published = numbers(frame["rl_appointment"])
    shown = published.dropna()
    assert np.allclose(shown, expected[shown.index], atol=0.0051)
    assert (numbers(frame["rl_appointment_ci_low"])[shown.index] <= shown).all()
    small = sums["shortlisted"].min(axis=1) < 10
    for code in frame.index:
        if small.get(code, False):
            assert frame.at[code, "rl_appointment"] == TOO_FEW
    assert published.dropna().is_monotonic_decreasing

    disciplinary = csv["disciplinary"].assign(side=lambda t: np.where(bme(t), "B", "W"))
    disciplinary = disciplinary[disciplinary["ethnicity"] != "Unknown"]
    sums = disciplinary.groupby(["org_code", "side"])[["headcount", "entered"]].sum().unstack()
    rate = sums["entered"] / sums["headcount"]
    shown = numbers(frame["rl_disciplinary"]).dropna()
    assert np.allclose(shown, (rate["B"] / rate["W"])[shown.index], atol=0.0051)


def test_system_summary_sums_counts_by_system(context: BriefingContext, csv) -> None:
    organisations = csv["organisations"].set_index("org_code")
    workforce = csv["workforce"].assign(icb=lambda t: t["org_code"].map(organisations["icb_code"]))
    share = workforce_share(workforce, by="icb")
    trusts = workforce.groupby("icb")["org_code"].nunique()
    frame = press_table("system-summary", context, YEAR, "icb").frame.set_index("code")
    assert len(frame) == 42
    assert np.allclose(frame["bme_workforce_pct"], share[frame.index].round(1), atol=0.051)
    assert (frame["trusts"] == trusts[frame.index]).all()
    with pytest.raises(ValueError, match="covers icb, region"):
        press_table("system-summary", context, YEAR, "trust")


def test_survey_gaps_match_a_recount(context: BriefingContext, csv) -> None:
    survey = csv["staff_survey"]
    survey = survey[survey["indicator"] == 8].assign(
        said=lambda t: t["percent"] * t["respondents"] / 100
    )
    white = survey[survey["ethnicity"] == "White"].set_index("org_code")["percent"]
    groups = survey[bme(survey) & (survey["ethnicity"] != "BME")]
    totals = survey[survey["ethnicity"] == "BME"]
    either = pd.concat([groups, totals[~totals["org_code"].isin(groups["org_code"])]])
    sums = either.groupby("org_code")[["said", "respondents"]].sum()
    bme_pct = 100 * sums["said"] / sums["respondents"]
    frame = press_table("survey-gaps", context, YEAR).frame.set_index("code")
    shown = numbers(frame["discrimination_bme_pct"]).dropna()
    assert np.allclose(shown, bme_pct[shown.index], atol=0.2)
    assert np.allclose(numbers(frame["discrimination_white_pct"]).dropna(), white[shown.index])
    gap = numbers(frame["discrimination_gap_pts"]).dropna()
    assert np.allclose(gap, (bme_pct - white)[gap.index], atol=0.2)
    assert set(frame["discrimination_significant"]) <= {"yes", "no", TOO_FEW, "not tested"}


def test_disparity_ratios_match_a_recount(context: BriefingContext, csv) -> None:
    workforce = csv["workforce"][csv["workforce"]["ethnicity"] != "Unknown"]
    groups = {f"Band {b}": "lower" for b in range(1, 6)} | {"Band 6": "mid", "Band 7": "mid"}
    groups |= dict.fromkeys(["Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM"], "up")
    workforce = workforce.assign(
        group=workforce["band"].map(groups), side=np.where(bme(workforce), "B", "W")
    ).dropna(subset=["group"])
    counts = workforce.groupby(["org_code", "side", "group"])["headcount"].sum().unstack([1, 2])
    expected = (counts[("W", "up")] / counts[("W", "lower")]) / (
        counts[("B", "up")] / counts[("B", "lower")]
    )
    frame = press_table("disparity-ratios", context, YEAR).frame.set_index("code")
    shown = numbers(frame["lower_to_upper"]).dropna()
    assert np.allclose(shown, expected[shown.index], atol=0.0051)
    ranked = frame["lower_to_upper_assessment"] != "too few events to rank"
    assert numbers(frame.loc[ranked, "lower_to_upper"]).dropna().is_monotonic_decreasing
    few = counts.loc[frame.index[~ranked]].min(axis=1)
    assert (few < 5).all()  # the unranked rest on a cell of fewer than five staff
    steps = set(press_table("progression", context, YEAR).frame["step"])
    assert set(frame["bottleneck"]) <= steps | {"no single step stands out"}


def test_model_employer_shares_and_small_number_rules(context: BriefingContext, csv) -> None:
    workforce = csv["workforce"]
    band = workforce[(workforce["band"] == "Band 8a") & (workforce["ethnicity"] != "Unknown")]
    share = workforce_share(band)
    frame = press_table("model-employer", context, YEAR).frame
    rows = frame[frame["band"] == "Band 8a"].set_index("code")
    shown = numbers(rows["actual_bme_pct"]).dropna()
    assert np.allclose(shown, share[shown.index], atol=0.051)
    senior = frame[frame["band"] != "Board"]
    assert "<5" in set(senior["bme_staff"]) and TOO_FEW in set(senior["actual_bme_pct"])
    assert not numbers(senior["bme_staff"]).between(1, 4).any()
    on_track = frame[frame["status"] == "on track"]
    assert (on_track["headcount_gap"] == 0).all()
    assert TOO_FEW not in set(frame[frame["band"] == "Board"]["actual_bme_pct"])


def test_biggest_changes_are_significant_and_agree_with_the_year_tables(
    context: BriefingContext,
) -> None:
    frame = press_table("biggest-changes", context, YEAR).frame
    assert (frame["p_value"] < 0.05).all() and len(frame) > 0
    assert frame["relative_change_pct"].abs().is_monotonic_decreasing
    now = press_table("relative-likelihoods", context, YEAR).frame.set_index("code")
    before = press_table("relative-likelihoods", context, YEAR - 1).frame.set_index("code")
    for row in frame[frame["measure"] == "rl_appointment"].itertuples():
        assert row.value_2025 == now.at[row.code, "rl_appointment"]
        assert row.value_2024 == before.at[row.code, "rl_appointment"]


def test_xlsx_has_frozen_header_number_formats_widths_and_notes(
    context: BriefingContext, tmp_path: Path
) -> None:
    table = press_table("board-gap", context, YEAR)
    path = tmp_path / "board.xlsx"
    write_table(table, path, "xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Table", "Notes"]
    sheet = book["Table"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == list(table.frame.columns)
    pct = header.index("board_bme_pct") + 1
    assert sheet.cell(row=2, column=pct).number_format == "0.0"
    for i, name in enumerate(header, start=1):
        width = sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        assert width >= len(name)
    notes = [row[0].value for row in book["Notes"].iter_rows()]
    assert notes[0] == table.title and any("SYNTHETIC" in str(n) for n in notes)
    read = pd.read_excel(path, sheet_name="Table")
    assert list(read.columns) == header and len(read) == len(table.frame)
    for column in header:
        for got, want in zip(read[column], table.frame[column], strict=True):
            assert got == want or (isinstance(want, float) and got == pytest.approx(want))


def test_csv_md_and_html(context: BriefingContext, tmp_path: Path) -> None:
    table = press_table("relative-likelihoods", context, YEAR)
    written = write_table(table, tmp_path / "rl.csv", "csv")
    assert [p.name for p in written] == ["rl.csv", "rl.csv.notes.md"]
    read = pd.read_csv(written[0], encoding="utf-8")
    assert list(read.columns) == list(table.frame.columns) and len(read) == len(table.frame)
    assert "SYNTHETIC DATA" in written[1].read_text(encoding="utf-8")
    markdown = to_markdown(table)
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(rows) == len(table.frame) + 2
    assert "- Source: wres-sample (SYNTHETIC DATA)" in markdown
    assert TOO_FEW in markdown or TOO_FEW not in table.frame.to_numpy()
    page = to_html(table)
    assert f"<caption>{table.title}</caption>" in page and "SYNTHETIC DATA" in page


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--data", str(SAMPLE)])


@pytest.mark.slow
def test_cli_lists_tables_and_writes_them(tmp_path: Path) -> None:
    listed = CliRunner().invoke(main, ["table", "--list"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.output.splitlines()] == list(TABLES)
    out = tmp_path / "awe.xlsx"
    result = run(
        "table",
        "all-white-executives",
        "--year",
        "2025",
        "--format",
        "xlsx",
        "--out",
        str(out),
        "--min-workforce-share",
        "0.2",
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
    printed = run("table", "system-summary", "--level", "region", "--format", "md")
    assert printed.exit_code == 0 and "| Y56 | London |" in printed.output
    assert run("table", "board-gap", "--format", "xlsx").exit_code != 0
    assert "no table 'nope'" in run("table", "nope").output


@pytest.mark.slow
def test_xlsx_bytes_do_not_depend_on_when_they_were_written() -> None:
    """openpyxl stamps the save time (to the second) and zip entries carry times (to two
    seconds); both are fixed, so writing the same table later gives the same bytes."""
    import time

    from wres_lib.tables.writers import to_xlsx

    table = press_table("board-gap", SAMPLE, 2025, "trust")
    first = to_xlsx(table)
    time.sleep(2.1)
    assert to_xlsx(table) == first
