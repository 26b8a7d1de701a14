"""Mergers and code changes: predecessors, chains, cycles and series continued across them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers.dataset_factory import tiny_tables, write_tiny_dataset
from wres_lib.analysis.context import BriefingContext
from wres_lib.analysis.continued import PREDECESSORS, continued_indicators
from wres_lib.briefings.trust import TrustBriefing
from wres_lib.data.dataset import Dataset, load_dataset
from wres_lib.data.succession import (
    LineageError,
    final_successors,
    lineage,
    predecessors_of,
    successor_cycles,
    wres_year,
)
from wres_lib.indicators.compute import compute_indicators
from wres_lib.present.narrative import check_sentence

SUCCESSOR = "ZT903"
MERGED = ("ZT901", "ZT902")


def merger_tables(predecessors: tuple[str, ...] = MERGED) -> dict[str, pd.DataFrame]:
    """The tiny dataset where ``predecessors`` close on 31 March 2024 (data for 2024 only) and
    ZT903 opens the next day (data for 2025). ZT902 recruits differently from ZT901, so summed
    counts and averaged ratios disagree."""
    tables = tiny_tables()
    orgs = tables["organisations"]
    closing = orgs["org_code"].isin(predecessors)
    orgs.loc[closing, "valid_to"] = "2024-03-31"
    orgs.loc[closing, "successor_code"] = SUCCESSOR
    successor = orgs.iloc[[0]].assign(
        org_code=SUCCESSOR,
        org_name="Mergeton University Hospitals (synthetic)",
        valid_from="2024-04-01",
        valid_to="",
        successor_code="",
    )
    tables["organisations"] = pd.concat([orgs, successor], ignore_index=True)
    recruitment = tables["recruitment"].set_index(["org_code", "ethnicity"])
    recruitment.loc[("ZT902", "White"), ["shortlisted", "appointed"]] = [40, 20]
    recruitment.loc[("ZT902", "BME"), ["shortlisted", "appointed"]] = [60, 6]
    tables["recruitment"] = recruitment.reset_index()
    for name in ("workforce", "recruitment", "disciplinary", "training", "staff_survey", "board"):
        frame = tables[name]
        keep = ~(frame["org_code"].isin(predecessors) & (frame["year"] == 2025))
        later = frame[(frame["org_code"] == "ZT901") & (frame["year"] == 2025)]
        tables[name] = pd.concat([frame[keep], later.assign(org_code=SUCCESSOR)], ignore_index=True)
    return tables


@pytest.fixture
def merger(tmp_path: Path) -> Path:
    return write_tiny_dataset(tmp_path / "merger", merger_tables())


def organisations(successors: dict[str, str], closed: dict[str, str] | None = None) -> pd.DataFrame:
    """A bare organisations table: each code, its successor and closing date."""
    codes = sorted(set(successors) | set(successors.values()))
    closed = closed or {}
    return pd.DataFrame(
        {
            "org_code": codes,
            "org_name": [f"Trust {code}" for code in codes],
            "valid_from": pd.to_datetime(["2000-04-01"] * len(codes)),
            "valid_to": pd.to_datetime([closed.get(code) for code in codes]),
            "successor_code": [successors.get(code) for code in codes],
        }
    )


def test_a_merger_gives_the_successor_both_predecessors(merger: Path) -> None:
    table = lineage(load_dataset(merger).organisations)
    assert list(table["org_code"]) == [SUCCESSOR, SUCCESSOR]
    assert list(table["predecessor_code"]) == list(MERGED)
    assert list(table["merged_year"]) == [2025, 2025]
    assert predecessors_of(table, SUCCESSOR) == list(MERGED)
    assert predecessors_of(table, SUCCESSOR, as_of=2024) == []
    assert predecessors_of(table, "ZT901") == []


def recount_likelihood(path: Path, codes: tuple[str, ...], year: int) -> float:
    """Indicator 2 recounted from the CSV file with plain pandas: counts summed over ``codes``."""
    rows = pd.read_csv(path / "recruitment.csv")
    rows = rows[rows["org_code"].isin(codes) & (rows["year"] == year)]
    white = rows[rows["ethnicity"] == "White"][["shortlisted", "appointed"]].sum()
    bme = rows[~rows["ethnicity"].isin(["White", "Unknown"])][["shortlisted", "appointed"]].sum()
    return (white["appointed"] / white["shortlisted"]) / (bme["appointed"] / bme["shortlisted"])


def pick(rows: pd.DataFrame, year: int, indicator: str, measure: str, **where: str) -> pd.Series:
    match = rows[
        (rows["year"] == year) & (rows["indicator"] == indicator) & (rows["measure"] == measure)
    ]
    for column, value in {"staff_group": "all", "band": "all", "group": "BME", **where}.items():
        match = match[match[column] == value]
    assert len(match) == 1
    return match.iloc[0]


def test_predecessor_counts_are_summed_never_ratios_averaged(merger: Path) -> None:
    table = continued_indicators(load_dataset(merger))
    assert set(table["code"]) == {SUCCESSOR}
    before = pick(table, 2024, "2", "relative_likelihood")
    # By hand: White 30 + 20 of 100 + 40 appointed, BME 8 + 6 of 50 + 60.
    by_hand = (50 / 140) / (14 / 110)
    assert before["value"] == pytest.approx(by_hand)
    assert before["value"] == pytest.approx(recount_likelihood(merger, MERGED, 2024))
    averaged = ((30 / 100) / (8 / 50) + (20 / 40) / (6 / 60)) / 2
    assert abs(before["value"] - averaged) > 0.5
    white = pick(table, 2024, "2", "rate_pct", group="White")
    assert (white["numerator"], white["denominator"]) == (50, 140)
    assert before["combined_from"] == "ZT901;ZT902"
    assert PREDECESSORS in str(before["flag"]).split(";")
    assert "ZT901, ZT902" in str(before["note"])


def test_workforce_share_before_the_merger_is_a_recount(merger: Path) -> None:
    table = continued_indicators(load_dataset(merger))
    workforce = pd.read_csv(merger / "workforce.csv")
    rows = workforce[workforce["org_code"].isin(MERGED) & (workforce["year"] == 2024)]
    bme = rows.loc[~rows["ethnicity"].isin(["White", "Unknown"]), "headcount"].sum()
    known = rows.loc[rows["ethnicity"] != "Unknown", "headcount"].sum()
    share = pick(table, 2024, "1", "bme_share")
    assert (share["numerator"], share["denominator"]) == (bme, known)
    assert share["value"] == pytest.approx(100 * bme / known)


def test_the_successors_own_years_are_its_own_rows(merger: Path) -> None:
    dataset = load_dataset(merger)
    table = continued_indicators(dataset)
    own = compute_indicators(dataset, level="trust")
    own = own[own["code"] == SUCCESSOR].reset_index(drop=True)
    later = table[(table["year"] == 2025) & (table["combined_from"] == "")]
    later = later.drop(columns="combined_from").reset_index(drop=True)
    text = {c: str for c in own.select_dtypes("category").columns}
    pd.testing.assert_frame_equal(later.astype(text), own.astype(text))
    single_years = table[(table["year"] == 2025) & (table["measure"] != "relative_likelihood_2yr")]
    assert set(single_years["combined_from"]) == {""}


def test_a_two_year_figure_spanning_the_merger_is_flagged(merger: Path) -> None:
    table = continued_indicators(load_dataset(merger))
    two_year = pick(table, 2025, "3", "relative_likelihood_2yr")
    assert two_year["combined_from"] == "ZT901;ZT902"
    assert pick(table, 2025, "3", "relative_likelihood")["combined_from"] == ""


def test_a_code_change_continues_the_one_predecessor(tmp_path: Path) -> None:
    path = write_tiny_dataset(tmp_path / "renamed", merger_tables(("ZT901",)))
    dataset = load_dataset(path)
    table = continued_indicators(dataset)
    rl = pick(table, 2024, "2", "relative_likelihood")
    assert rl["value"] == pytest.approx((30 / 100) / (8 / 50))
    assert rl["combined_from"] == "ZT901"
    briefing = TrustBriefing(BriefingContext(dataset), SUCCESSOR, 2025)
    assert briefing.lineage_kind == "code change"
    assert briefing.predecessor_note() == check_sentence(
        "Figures before 2025 are those of its predecessor, Testbridge Hospitals (ZT901), which "
        "became this trust in April 2024."
    )
    assert "under its previous code" in briefing.changes()
    assert TrustBriefing(briefing.context, "ZT901", 2024).successor_note() == (
        "Testbridge Hospitals closed on 31 March 2024; it continues as Mergeton University "
        "Hospitals (ZT903)."
    )


def test_a_trust_that_takes_another_over_adds_its_counts(tmp_path: Path) -> None:
    tables = tiny_tables()
    orgs = tables["organisations"]
    orgs.loc[orgs["org_code"] == "ZT902", ["valid_to", "successor_code"]] = ["2024-03-31", "ZT901"]
    for name in ("workforce", "recruitment", "disciplinary", "training", "staff_survey", "board"):
        frame = tables[name]
        tables[name] = frame[~((frame["org_code"] == "ZT902") & (frame["year"] == 2025))]
    path = write_tiny_dataset(tmp_path / "takeover", tables)
    context = BriefingContext(load_dataset(path))
    table = continued_indicators(context.dataset)
    # Both trusts' counts in 2024: 2 x 20 White and 2 x 3 Asian staff at Band 8a.
    band = pick(table, 2024, "1", "bme_share", band="Band 8a")
    assert (band["numerator"], band["denominator"]) == (6, 46)
    assert band["combined_from"] == "ZT902"
    briefing = TrustBriefing(context, "ZT901", 2025)
    assert briefing.lineage_kind == "takeover"
    assert briefing.predecessor_note() == (
        "Figures before 2025 include the counts of its predecessor, Mockford Care (ZT902), which "
        "merged into it in April 2024."
    )
    assert "last year with its predecessors included" in briefing.changes()
    before = TrustBriefing(context, "ZT901", 2024)
    assert before.history.equals(before.rows) and before.predecessor_note() is None
    assert TrustBriefing(context, "ZT902", 2024).successor_note() == (
        "Mockford Care closed on 31 March 2024 and became part of Testbridge Hospitals (ZT901)."
    )


def test_a_successor_briefing_compares_with_its_predecessors_combined(merger: Path) -> None:
    briefing = TrustBriefing(BriefingContext(load_dataset(merger)), SUCCESSOR, 2025)
    assert briefing.lineage_kind == "merger"
    note = briefing.predecessor_note()
    assert note == check_sentence(
        "Figures before 2025 combine its predecessors, which merged in April 2024: Testbridge "
        "Hospitals (ZT901) and Mockford Care (ZT902)."
    )
    assert note in briefing.header()
    changes = briefing.changes()
    # Last year's figure is the combined one, and the line says so.
    assert ", down from 2.81 last year for its predecessors combined." in changes
    assert "2024 (predecessors combined)" in briefing.indicator_table()
    closing = TrustBriefing(briefing.context, "ZT901", 2024)
    assert closing.successor_note() == (
        "Testbridge Hospitals closed on 31 March 2024 and merged with Mockford Care (ZT902) to "
        "form Mergeton University Hospitals (ZT903)."
    )
    assert closing.predecessor_note() is None


def test_chains_resolve_to_the_final_successor() -> None:
    orgs = organisations(
        {"A": "B", "B": "C", "D": "C", "E": "B"},
        {"A": "2018-03-31", "B": "2021-03-31", "D": "2020-09-30", "E": "2023-03-31"},
    )
    assert final_successors(orgs) == {"A": "C", "B": "C", "D": "C", "E": "C"}
    table = lineage(orgs)
    assert predecessors_of(table, "C") == ["A", "B", "D", "E"]
    assert predecessors_of(table, "B") == ["A", "E"]
    years = table.set_index(["org_code", "predecessor_code"])["merged_year"]
    assert years[("B", "A")] == 2019
    # A's counts reach C only once B has merged into C.
    assert years[("C", "A")] == 2022
    assert years[("C", "D")] == 2021
    # E is recorded as closing into B after B closed: its counts join no earlier than that.
    assert years[("C", "E")] == 2024
    assert predecessors_of(table, "C", as_of=2021) == ["D"]
    assert list(table.loc[table["predecessor_code"] == "A", "successor_code"]) == ["B", "B"]


def test_an_undated_closure_merges_when_the_successor_opens() -> None:
    orgs = organisations({"A": "B"})
    orgs.loc[orgs["org_code"] == "B", "valid_from"] = pd.Timestamp("2019-04-01")
    assert list(lineage(orgs)["merged_year"]) == [2020]


def test_cycles_are_an_error_naming_the_codes() -> None:
    orgs = organisations({"A": "B", "B": "A", "C": "C", "E": "A"})
    assert successor_cycles(orgs) == [("A", "B"), ("C",)]
    with pytest.raises(LineageError, match="A -> B -> A; C -> C"):
        lineage(orgs)
    with pytest.raises(LineageError, match="A -> B -> A"):
        final_successors(orgs)


def test_a_trust_without_predecessors_is_left_alone(merger: Path) -> None:
    dataset = load_dataset(merger)
    assert continued_indicators(dataset, ["ZT901"]).empty
    assert successor_cycles(dataset.organisations) == []
    with pytest.raises(KeyError, match="ZT999"):
        continued_indicators(dataset, ["ZT999"])


def test_no_lineage_at_all(tiny_dataset: Path) -> None:
    dataset: Dataset = load_dataset(tiny_dataset)
    assert lineage(dataset.organisations).empty
    assert continued_indicators(dataset).empty


@pytest.mark.parametrize(
    ("date", "year"), [("2021-03-31", 2021), ("2021-04-01", 2022), ("2020-12-31", 2021)]
)
def test_wres_year(date: str, year: int) -> None:
    assert wres_year(pd.Timestamp(date)) == year
