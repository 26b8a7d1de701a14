"""Briefings of a dataset holding only a few trusts' own figures, or with tables left empty
(issue "Hardening", item 15): every section renders from what is there and says what is not."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tests.helpers.dataset_factory import ORGS, tiny_tables, write_tiny_dataset
from tests.helpers.paths import SAMPLE
from tests.helpers.sentences import notebook_sections
from wres_lib.analysis.context import BriefingContext
from wres_lib.briefings import national, system
from wres_lib.briefings.trust import TrustBriefing
from wres_lib.cli import main
from wres_lib.data.dataset import load_dataset, write_dataset
from wres_lib.data.metadata import DatasetMetadata

# The trust briefing's sections, in the order the notebook calls them.
TRUST_SECTIONS = [
    "header",
    "key_figures",
    "changes",
    "indicator_table",
    "survey_table",
    "band_chart",
    "disparity",
    "board",
    "model_employer",
    "trends",
    "funnel",
    "data_quality",
    "methods",
]
# Every section the system and national notebooks show, so a new section is built here too.
SYSTEM_SECTIONS = notebook_sections("system_briefing")
NATIONAL_SECTIONS = notebook_sections("national_briefing")
OPTIONAL = ("recruitment", "disciplinary", "training", "staff_survey", "board")
WORDS = {"staff_survey": "staff survey"}
EMPTY_CELLS = {"not available", "–", "too few to report"}
TRUST = "ZT015"  # Kestleley and District Hospitals, ICB ZQ03, region Y56
NEIGHBOUR = "ZT016"


def sample_subset(folder: Path, codes: list[str], empty: tuple[str, ...] = ()) -> Path:
    """The sample's rows of trusts ``codes`` (and the population of their ICBs and regions),
    with the tables ``empty`` header only, written with correct checksums."""
    dataset = load_dataset(SAMPLE)
    organisations = dataset.organisations[dataset.organisations["org_code"].isin(codes)]
    areas = set(organisations["icb_code"]) | set(organisations["region_code"])
    tables = {"organisations": organisations}
    for name in ("workforce", *OPTIONAL):
        frame = dataset.table(name)
        tables[name] = frame[frame["org_code"].isin(codes)].iloc[: 0 if name in empty else None]
    assert dataset.population is not None
    tables["population"] = dataset.population[dataset.population["area_code"].isin(areas)]
    write_dataset(tables, folder, DatasetMetadata(name="partial", source="tests", synthetic=True))
    return folder


def check_html(html: str) -> None:
    """No "nan" in the text, and no table without figures."""
    text = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    assert not re.search(r"\bnan\b", re.sub(r"<[^>]+>", " ", text), re.I), text
    for body in re.findall(r"<tbody>(.*?)</tbody>", text, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
        assert rows, f"an empty table: {text}"
        cells = {cell for row in rows for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)[1:]}
        assert cells - EMPTY_CELLS, f"a table without figures: {body}"


def trust_sections(folder: Path, code: str, year: int = 2025) -> dict[str, str]:
    briefing = TrustBriefing(BriefingContext(load_dataset(folder)), code, year)
    sections = {name: str(getattr(briefing, name)()) for name in TRUST_SECTIONS}
    for html in sections.values():
        check_html(html)
    return sections


@pytest.mark.parametrize("table", OPTIONAL)
def test_a_trust_briefing_says_which_table_has_no_figures(tmp_path: Path, table: str) -> None:
    tables = tiny_tables()
    tables[table] = tables[table].iloc[:0]
    sections = trust_sections(write_tiny_dataset(tmp_path / "tiny", tables), ORGS[0])
    said = f"No {WORDS.get(table, table)} figures for 2025 in this dataset."
    where = {
        "recruitment": ["changes", "indicator_table", "trends"],
        "disciplinary": ["changes", "indicator_table", "trends"],
        "training": ["changes", "indicator_table", "trends"],
        "staff_survey": ["indicator_table", "survey_table"],
        "board": ["changes", "indicator_table", "board", "model_employer"],
    }[table]
    for name in where:
        assert said in sections[name], name
    if table == "staff_survey":
        assert "<table" not in sections["survey_table"]
    if table == "board":
        assert "<svg" not in sections["board"]
        assert "executive director" not in sections["board"]  # no claim about executives


def test_a_trust_briefing_leaves_out_peers_england_and_funnel_with_few_trusts(
    tmp_path: Path,
) -> None:
    sections = trust_sections(write_tiny_dataset(tmp_path / "tiny"), ORGS[0])
    table = sections["indicator_table"]
    assert "England</th>" not in table and "Median acute trust" not in table
    assert "fewer than the 5 needed for a median of peers" in table
    assert "this dataset holds 2 trusts, fewer than the 100 needed" in table
    assert "<svg" not in sections["funnel"]
    assert "Comparisons with England are left out" in sections["funnel"]


@pytest.mark.slow
def test_the_issue_dataset_briefs_every_section(tmp_path: Path) -> None:
    """Workforce and disciplinary filled in; recruitment, training, staff survey and board
    header only; one trust (the issue's case)."""
    empty = ("recruitment", "training", "staff_survey", "board")
    folder = sample_subset(tmp_path / "issue", [TRUST], empty)
    sections = trust_sections(folder, TRUST)
    assert (
        "No recruitment, training, staff survey or board figures for 2025 in this dataset."
        in (sections["indicator_table"])
    )
    assert "No staff survey figures for 2025" in sections["survey_table"]
    assert "No board figures for 2025" in sections["board"]
    assert "Disciplinary (3)" in sections["trends"] and "<svg" in sections["trends"]
    # Indicator 3 is there: its figure recounted from the raw disciplinary rows.
    rows = pd.read_csv(SAMPLE / "disciplinary.csv")
    rows = rows[(rows["org_code"] == TRUST) & (rows["year"] == 2025)]
    white = rows[rows["ethnicity"] == "White"]
    bme = rows[~rows["ethnicity"].isin(["White", "Unknown"])]
    ratio = (bme["entered"].sum() / bme["headcount"].sum()) / (
        white["entered"].sum() / white["headcount"].sum()
    )
    assert f"{ratio:.2f}" in sections["key_figures"]
    assert "not available" not in sections["key_figures"]


@pytest.mark.slow
@pytest.mark.parametrize("codes", [[TRUST], [TRUST, NEIGHBOUR]], ids=["one", "two"])
def test_one_or_two_trusts_brief_at_every_level(tmp_path: Path, codes: list[str]) -> None:
    folder = sample_subset(tmp_path / "subset", codes)
    for code in codes:
        sections = trust_sections(folder, code)
        assert "Comparisons with England are left out" in sections["indicator_table"]
        assert "The funnel plot" in sections["funnel"] or "England" in sections["funnel"]
        assert "<svg" not in sections["funnel"]
    organisation = load_dataset(folder).organisations.iloc[0]
    for level in ("icb", "region"):
        briefing = system.build(folder, level, organisation[f"{level}_code"], 2025)
        for name in SYSTEM_SECTIONS:
            check_html(str(getattr(briefing, name)()))
    briefing = national.build(folder, 2025)
    header = str(briefing.header())
    assert "Comparisons with England are left out" in header
    for name in NATIONAL_SECTIONS:
        check_html(str(getattr(briefing, name)()))


def test_a_system_briefing_without_board_figures_claims_nothing_of_boards(tmp_path: Path) -> None:
    tables = tiny_tables()
    tables["board"] = tables["board"].iloc[:0]
    folder = write_tiny_dataset(tmp_path / "tiny", tables)
    briefing = system.build(folder, "icb", "ZQ90", 2025)
    findings = str(briefing.findings_list())
    assert "No board figures for 2025 in this dataset." in findings
    assert "at least one BME executive director" not in findings
    assert "executive" not in briefing.headline()
    assert "<svg" not in str(briefing.board_gap_chart())
    national_briefing = national.build(folder, 2025)
    assert "No board figures" in str(national_briefing.unbalanced_boards_table())
    assert "executive" not in national_briefing.headline()


@pytest.mark.slow
@pytest.mark.parametrize("case", ["one trust", "issue"])
def test_wres_brief_renders_a_one_trust_dataset(tmp_path: Path, case: str) -> None:
    empty = ("recruitment", "training", "staff_survey", "board") if case == "issue" else ()
    folder = sample_subset(tmp_path / "data", [TRUST], empty)
    out = tmp_path / "out"
    args = ["brief", "trust", TRUST, "--formats", "html", "--data", str(folder), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = (out / "2025" / "trust" / f"{TRUST}.html").read_text(encoding="utf-8")
    assert "Comparisons with England are left out" in html
    if case == "issue":
        assert "No recruitment figures for 2025 in this dataset." in html
    text = re.sub(r"<(svg|style|script).*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\bnan\b", re.sub(r"<[^>]+>", " ", text), re.I)
