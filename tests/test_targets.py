"""Action-plan targets: validated, read against the data, and shown in tables and briefings."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import tiny_tables, write_tiny_dataset
from tests.helpers.import_fixtures import run, snapshot
from tests.test_import_workbook import fill
from wres_lib.analysis.context import BriefingContext
from wres_lib.briefings.system import SystemBriefing
from wres_lib.briefings.trust.briefing import TrustBriefing
from wres_lib.cli.common import cached_facts, recorded_problems
from wres_lib.data.dataset import load_dataset
from wres_lib.data.importers import (
    ImportOptions,
    read_filled_workbook,
    write_import,
    write_template,
)
from wres_lib.data.schema import TABLES, TARGET_MEASURES
from wres_lib.errors import DataValidationError
from wres_lib.models.targets import MEASURES
from wres_lib.tables.registry import press_table
from wres_lib.tables.stories import _clearly_short, _targets_missed

TRUST, OTHER, SYSTEM = "ZT901", "ZT902", "ZQ90"
COLUMNS = list(TABLES["targets"].column_names)
# Band 8a, clinical: (White, Asian) staff in 2024 and 2025; the BME share rises 23.1% -> 37.5%.
BAND_8A = {2024: (40, 12), 2025: (40, 24)}


def target(code: str, target_id: str, value: float, due: str, baseline: int = 2024, **more):
    row = {
        "org_code": code,
        "target_id": target_id,
        "description": f"Target {target_id}",
        "measure": "bme_share",
        "staff_group": "clinical",
        "band": "Band 8a",
        "baseline_year": baseline,
        "target_value": value,
        "direction": "at least",
        "horizon": "L",
        "due": due,
        "owner": "Chief People Officer",
    }
    return row | more


# One target of each status for ZT901 in 2025 (recounted in expected_status below).
ONE_OF_EACH = [
    target(TRUST, "MET", 30, "2026-03-31"),
    target(TRUST, "ON", 45, "2026-03-31"),
    target(TRUST, "OFF", 60, "2026-03-31"),
    target(TRUST, "LATE", 50, "2024-12-31", horizon="M"),
    target(TRUST, "NEW", 45, "2026-03-31", baseline=2025),
]


def tables_with(targets: list[dict]) -> dict[str, pd.DataFrame]:
    tables = tiny_tables()
    workforce = tables["workforce"]
    for year, (white, asian) in BAND_8A.items():
        band = (workforce["year"] == year) & (workforce["band"] == "Band 8a")
        workforce.loc[band & (workforce["ethnicity"] == "White"), "headcount"] = white
        workforce.loc[band & (workforce["ethnicity"] == "Asian"), "headcount"] = asian
    tables["targets"] = pd.DataFrame(targets, columns=COLUMNS)
    return tables


def expected_status(row: dict, year: int = 2025) -> tuple[str, int | None]:
    """The status and people short of one target, recounted from the raw Band 8a counts."""
    share = {y: 100 * a / (w + a) for y, (w, a) in BAND_8A.items()}
    base_year = row["baseline_year"]
    later = [y for y in share if base_year < y <= year]
    if not later:
        return "not yet measurable", None
    latest = max(later)
    value, goal = share[latest], row["target_value"]
    if value >= goal:
        return "met", None
    start, due = pd.Timestamp(f"{base_year}-03-31"), pd.Timestamp(row["due"])
    when = pd.Timestamp(f"{latest}-03-31")
    staff = sum(BAND_8A[latest])
    if pd.Timestamp(f"{year}-03-31") >= due:
        return "due date passed, not met", math.ceil(goal / 100 * staff - BAND_8A[latest][1])
    path = share[base_year] + (goal - share[base_year]) * (when - start).days / (due - start).days
    if value >= path:
        return "on track", None
    return "off track", math.ceil(path / 100 * staff - BAND_8A[latest][1])


@pytest.fixture
def one_of_each(tmp_path: Path) -> BriefingContext:
    folder = write_tiny_dataset(tmp_path / "plans", tables_with(ONE_OF_EACH))
    return BriefingContext(load_dataset(folder))


def test_the_measures_are_the_schemas_and_read_the_catalogue() -> None:
    assert tuple(MEASURES) == TARGET_MEASURES


def test_one_target_of_each_status_in_the_table(one_of_each: BriefingContext) -> None:
    table = press_table("targets", one_of_each, 2025, "trust").frame
    found = dict(zip(table["target_id"], table["status"], strict=True))
    expected = {row["target_id"]: expected_status(row)[0] for row in ONE_OF_EACH}
    assert found == expected
    assert sorted(found.values()) == sorted(
        ["met", "on track", "off track", "due date passed, not met", "not yet measurable"]
    )
    published = dict(zip(table["target_id"], table["shortfall_people"], strict=True))
    status = one_of_each.targets
    raw = status[status["year"] == 2025].set_index("target_id")["shortfall_people"]
    for row in ONE_OF_EACH:
        short = expected_status(row)[1]
        if short is not None:
            assert raw[row["target_id"]] == short
            assert published[row["target_id"]] == (short if short >= 5 else "<5")


def test_one_target_of_each_status_in_the_trust_briefing(one_of_each: BriefingContext) -> None:
    section = TrustBriefing(one_of_each, TRUST, 2025).action_plan()
    rows = re.findall(r"<tr><td>([^<]*)</td>.*?<td>([^<]*)</td></tr>", section)
    statuses = {label.split(":")[0]: re.split(r"[:(]", status)[0].strip() for label, status in rows}
    assert statuses == {row["target_id"]: expected_status(row)[0] for row in ONE_OF_EACH}
    assert "The most overdue target, “Target LATE”" in section
    assert "1 is met, 1 is on track, 1 is off track, 1 is past due and not met" in section


def test_a_trust_without_targets_and_a_dataset_without_the_table(
    one_of_each: BriefingContext, tiny_dataset: Path
) -> None:
    assert "has no targets" in TrustBriefing(one_of_each, OTHER, 2025).action_plan()
    plain = BriefingContext(load_dataset(tiny_dataset))
    assert "no action-plan targets table" in TrustBriefing(plain, TRUST, 2025).action_plan()
    assert press_table("targets", plain, 2025, "trust").frame.empty


def test_icb_briefing_counts_trusts_with_targets_and_on_track(tmp_path: Path) -> None:
    system_target = target(SYSTEM, "S1", 60, "2027-03-31", staff_group="all", owner="ICB lead")
    folder = write_tiny_dataset(tmp_path / "icb", tables_with([*ONE_OF_EACH, system_target]))
    context = BriefingContext(load_dataset(folder))
    section = SystemBriefing(context, "icb", SYSTEM, 2025).action_plans()
    assert "One of the two trusts in Testshire ICS has set action-plan targets." in section
    assert "Of their 5 targets, 2 are met or on track" in section
    assert "No targets recorded: Mockford Care." in section
    assert "S1: Target S1" in section  # the system's own target
    icb = press_table("targets", context, 2025, "icb").frame
    assert list(icb["code"]) == [SYSTEM]
    by_horizon = press_table("targets", context, 2025, "trust", horizon="M").frame
    assert by_horizon["target_id"].tolist() == ["LATE"]


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("measure", "bme_rate", "one of bme_share"),
        ("org_code", "ZQ99", "a trust, ICB or region code"),
        ("horizon", "X", "one of S, M, L"),
        ("due", "2023-06-30", "a date after 31 March of the baseline_year"),
        ("band", "", "the progression step"),
    ],
)
def test_a_bad_target_row_is_named(tmp_path: Path, column: str, value: str, expected: str) -> None:
    row = target(TRUST, "T1", 45, "2026-03-31")
    if column == "band":
        row["measure"] = "progression_step_ratio"
        row["staff_group"] = ""
    row[column] = value
    folder = write_tiny_dataset(tmp_path / "bad", tables_with([row]))
    with pytest.raises(DataValidationError) as raised:
        load_dataset(folder)
    [violation] = raised.value.violations
    assert (violation.file, violation.row, violation.column) == ("targets.csv", 2, column)
    assert expected in violation.expected


def test_a_target_the_baseline_already_meets_is_an_error(tmp_path: Path) -> None:
    rows = [target(TRUST, "T1", 45, "2026-03-31"), target(TRUST, "T2", 20, "2026-03-31")]
    folder = write_tiny_dataset(tmp_path / "met", tables_with(rows))
    context = BriefingContext(load_dataset(folder))
    with pytest.raises(DataValidationError) as raised:
        _ = context.targets
    [violation] = raised.value.violations
    assert (violation.file, violation.row, violation.column) == ("targets.csv", 3, "target_value")
    assert "already at least the target" in violation.expected
    result = run("table", "targets", "--data", str(folder))
    assert result.exit_code != 0 and "row 3, column 'target_value'" in result.output


def test_validate_names_a_target_the_baseline_already_meets(tmp_path: Path) -> None:
    rows = [target(TRUST, "T1", 45, "2026-03-31"), target(TRUST, "T2", 20, "2026-03-31")]
    folder = write_tiny_dataset(tmp_path / "met", tables_with(rows))
    result = run("validate", str(folder))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"{folder}: 1 problem found"
    [problem] = lines[1:]
    assert "targets.csv" in problem and "row 3, column 'target_value'" in problem
    assert "already at least the target" in problem
    fine = write_tiny_dataset(tmp_path / "fine", tables_with(rows[:1]))
    result = run("validate", str(fine))
    assert result.exit_code == 0 and ": valid (synthetic data)" in result.output


def test_a_cache_made_by_any_command_keeps_the_target_check(tmp_path: Path) -> None:
    """The cache a ``wres table`` leaves records the targets its baseline already meets, so
    ``wres validate`` and ``wres build`` after it still refuse the data."""
    rows = [target(TRUST, "T1", 45, "2026-03-31"), target(TRUST, "T2", 20, "2026-03-31")]
    folder = write_tiny_dataset(tmp_path / "met", tables_with(rows))
    cache = str(tmp_path / "cache")
    assert run("table", "board-gap", "--data", str(folder), "--cache-dir", cache).exit_code == 0
    for command in (
        ["validate", str(folder)],
        ["build", "--data", str(folder), "--out", str(tmp_path / "out"), "--levels", "trust"],
    ):
        result = run(*command, "--cache-dir", cache)
        assert result.exit_code == 1, result.output
        assert "targets.csv, row 3, column 'target_value'" in result.output
    assert not (tmp_path / "out" / "2025" / "trust").exists()  # nothing rendered


def test_a_template_filled_with_a_target_imports_and_shows(tmp_path: Path) -> None:
    tables = tables_with([target(TRUST, "T1", 45, "2026-03-31", description="Senior BME staff")])
    del tables["population"]
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    out = tmp_path / "imported"
    result = write_import(read_filled_workbook(filled), [filled], out, ImportOptions(vintage="1"))
    assert result.rows["targets"] == 1
    context = BriefingContext(load_dataset(out))
    section = TrustBriefing(context, TRUST, 2025).action_plan()
    assert "T1: Senior BME staff" in section and "on track" in section


def test_a_bad_target_in_the_template_is_named_and_nothing_written(tmp_path: Path) -> None:
    tables = tables_with([target(TRUST, "T1", 45, "2026-03-31", measure="bme_rate")])
    del tables["population"]
    filled = fill(write_template(tmp_path / "t.xlsx"), tmp_path / "filled.xlsx", tables)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(out)
    result = run("import", "workbook", str(filled), "--out", str(out))
    assert result.exit_code != 0
    assert "sheet 'targets', row 2, column 'D (measure)': found 'bme_rate'" in result.output
    assert "1 problem:" in result.output
    assert snapshot(out) == before


def test_the_template_offers_measures_horizons_and_directions(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(write_template(tmp_path / "t.xlsx"))
    lists = book["Lists"]
    header = [cell.value for cell in lists[1]]
    for name in ("measure", "direction", "horizon"):
        column = lists[chr(ord("A") + header.index(name))]
        assert {c.value for c in column[1:] if c.value} == set(
            next(c.allowed for c in TABLES["targets"].columns if c.name == name)
        )


def test_targets_missed_stories_keep_their_claim_floors(one_of_each: BriefingContext) -> None:
    # One trust's missed target is under the floor of three organisations: no story.
    assert _targets_missed(one_of_each, 2025, "trust") == []
    row = {"ci_low": 30.0, "ci_high": 45.0, "direction": "at least", "target_value": 50.0}
    assert _clearly_short(pd.Series(row))
    assert not _clearly_short(pd.Series(row | {"ci_high": 52.0}))  # the interval reaches it
    assert _clearly_short(pd.Series(row | {"ci_low": "not available"}))  # no interval


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "targets.csv",
        {"file": "targets.csv"},
        [{"file": "targets.csv"}],
        [{"file": 3, "row": 2, "column": None, "value": None, "expected": "less"}],
        [{"file": "targets.csv", "row": "2", "column": 4, "value": None, "expected": "less"}],
        [{"file": "targets.csv", "row": True, "column": None, "value": [1], "expected": 2}],
    ],
)
def test_a_damaged_target_check_in_the_cache_counts_as_not_cached(
    tmp_path: Path, forged: object
) -> None:
    """Facts whose target problems are not as ``wres`` records them are not trusted: the data
    is validated again (here, valid), not reported with a traceback or forged problems."""
    check_damaged_facts(tmp_path, "target_problems", forged)


@pytest.mark.parametrize(
    ("name", "forged"),
    [("rows", "many"), ("present", None), ("present", 2.5), ("years", "2025"), ("years", [None])],
)
def test_damaged_counts_or_years_in_the_cache_count_as_not_cached(
    tmp_path: Path, name: str, forged: object
) -> None:
    check_damaged_facts(tmp_path, name, forged)


def check_damaged_facts(tmp_path: Path, name: str, forged: object) -> None:
    """The cache a ``wres table`` leaves, its fact ``name`` forged: ``wres validate`` says the
    data is valid, as it is, rather than failing or repeating the forged fact."""
    folder = write_tiny_dataset(tmp_path / "tiny")
    cache = tmp_path / "cache"
    made = run("table", "board-gap", "--data", str(folder), "--cache-dir", str(cache))
    assert made.exit_code == 0, made.output
    (index,) = cache.rglob("context.json")
    recorded = json.loads(index.read_text(encoding="utf-8"))
    recorded["facts"][name] = forged
    index.write_text(json.dumps(recorded), encoding="utf-8")
    result = run("validate", str(folder), "--cache-dir", str(cache))
    assert result.exit_code == 0, result.output
    assert ": valid" in result.output and result.exception is None
    assert "8 of 9 tables, 98 rows, years 2024-2025" in result.output


def test_the_target_check_recorded_by_a_command_reads_back_as_recorded(tmp_path: Path) -> None:
    rows = [target(TRUST, "T1", 45, "2026-03-31"), target(TRUST, "T2", 20, "2026-03-31")]
    folder = write_tiny_dataset(tmp_path / "met", tables_with(rows))
    cache = tmp_path / "cache"
    assert (
        run("table", "board-gap", "--data", str(folder), "--cache-dir", str(cache)).exit_code == 0
    )
    (index,) = cache.rglob("context.json")
    facts = json.loads(index.read_text(encoding="utf-8"))["facts"]
    (problem,) = recorded_problems(facts)
    assert (problem.file, problem.row, problem.column) == ("targets.csv", 3, "target_value")
    assert cached_facts(folder, cache, False) is not None  # its facts read as recorded
