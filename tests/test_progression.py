"""The progression ladder: step ratios and the located bottleneck against a plain-pandas recount
of the bundled workforce rows, Woolf intervals against statsmodels, variety in the sample."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import Table2x2

from tests.helpers.paths import SAMPLE
from wres_lib import compute_indicators, load_dataset
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.analysis.pipeline import pipeline
from wres_lib.briefings.system import build as build_system
from wres_lib.briefings.trust.bands import pipeline_sentences
from wres_lib.indicators.disparity_ratios import Rungs
from wres_lib.present.narrative import check_sentence
from wres_lib.stats.intervals import woolf_interval
from wres_lib.stats.small_numbers import SmallNumberRule
from wres_lib.tables import press_table

YEAR = 2025
RUNG_OF = {f"Band {b}": "Bands 1-4" for b in range(1, 5)} | {
    "Band 5": "Band 5",
    "Band 6": "Band 6",
    "Band 7": "Band 7",
    "Band 8a": "Bands 8a-8b",
    "Band 8b": "Bands 8a-8b",
    "Band 8c": "Bands 8c-VSM",
    "Band 8d": "Bands 8c-VSM",
    "Band 9": "Bands 8c-VSM",
    "VSM": "Bands 8c-VSM",
}
RUNGS = ["Bands 1-4", "Band 5", "Band 6", "Band 7", "Bands 8a-8b", "Bands 8c-VSM"]
STEPS = [f"{lo} to {hi}" for lo, hi in pairwise(RUNGS)]


def recount(workforce: pd.DataFrame) -> pd.DataFrame:
    """Per trust and step: the four counts, the odds ratio, its 95% Woolf interval and whether it
    is the bottleneck, from the raw rows with plain pandas."""
    rows = workforce[(workforce["year"] == YEAR) & workforce["band"].isin(list(RUNG_OF))]
    rows = rows[rows["ethnicity"] != "Unknown"]
    rows = rows.assign(
        rung=rows["band"].map(RUNG_OF),
        side=np.where(rows["ethnicity"] == "White", "white", "bme"),
    )
    counts = rows.pivot_table(
        index="org_code", columns=["side", "rung"], values="headcount", aggfunc="sum"
    ).fillna(0)
    records = []
    for code, row in counts.iterrows():
        for lower, upper in pairwise(RUNGS):
            cells = {
                "white_upper": row.get(("white", upper), 0),
                "white_lower": row.get(("white", lower), 0),
                "bme_upper": row.get(("bme", upper), 0),
                "bme_lower": row.get(("bme", lower), 0),
            }
            ratio = low = np.nan
            if cells["white_lower"] and cells["bme_upper"]:
                ratio = (cells["white_upper"] / cells["white_lower"]) / (
                    cells["bme_upper"] / cells["bme_lower"]
                )
            if min(cells.values()) > 0:
                se = np.sqrt(sum(1 / v for v in cells.values()))
                low = np.exp(np.log(ratio) - 1.959964 * se)
            eligible = min(cells.values()) >= 5 and low > 1
            step = f"{lower} to {upper}"
            records.append({"code": code, "step": step, "ratio": ratio, **cells, "ok": eligible})
    frame = pd.DataFrame(records)
    best = frame[frame["ok"]].sort_values("ratio").groupby("code")["step"].last()
    frame["bottleneck"] = frame["step"] == frame["code"].map(best)
    return frame


@pytest.fixture(scope="module")
def context() -> BriefingContext:
    return load_context(SAMPLE)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return recount(pd.read_csv(SAMPLE / "workforce.csv"))


def test_woolf_interval_agrees_with_statsmodels() -> None:
    cells = np.array([[48, 112], [17, 95]])  # [[W_up, W_low], [B_up, B_low]]
    reference = Table2x2(cells)
    value, low, high = woolf_interval(48, 112, 17, 95)
    assert float(value[()]) == pytest.approx(reference.oddsratio, rel=1e-12)
    assert (float(low[()]), float(high[()])) == pytest.approx(
        reference.oddsratio_confint(alpha=0.05), rel=1e-9
    )
    # by hand: OR = 48*95/(112*17) = 2.3950; SE = sqrt(1/48+1/112+1/17+1/95) = 0.3149
    assert float(value[()]) == pytest.approx(2.3950, abs=1e-4)
    assert float(low[()]) == pytest.approx(2.3950 * np.exp(-1.959964 * 0.31494), rel=1e-3)


def test_press_table_matches_a_recount_for_every_trust(
    context: BriefingContext, expected: pd.DataFrame
) -> None:
    frame = press_table("progression", context, YEAR).frame
    assert list(frame["step"].unique()) == STEPS
    merged = frame.merge(
        expected, left_on=["org_code", "step"], right_on=["code", "step"], suffixes=("", "_re")
    )
    assert len(merged) == len(frame) == len(expected)
    for column in ("white_upper", "white_lower", "bme_upper", "bme_lower"):
        shown = pd.to_numeric(merged[column], errors="coerce")
        hidden = merged[column] == "<5"
        assert (shown[~hidden] == merged[f"{column}_re"][~hidden]).all(), column
        assert merged.loc[hidden, f"{column}_re"].between(1, 4).all()
    ratios = pd.to_numeric(merged["ratio"], errors="coerce")
    assert ratios.notna().sum() > 0.9 * len(merged)
    assert np.allclose(ratios.dropna(), merged.loc[ratios.notna(), "ratio_re"], atol=0.0051)
    assert (merged["bottleneck"] == merged["bottleneck_re"]).all()


def test_tidy_bottleneck_flag_matches_the_recount(expected: pd.DataFrame) -> None:
    table = compute_indicators(load_dataset(SAMPLE), YEAR, "trust")
    rows = table[table["measure"] == "step_ratio"]
    flagged = rows["flag"].astype(str).str.split(";").map(lambda f: "bottleneck" in f)
    chosen = rows[flagged.to_numpy()]
    named = dict(zip(chosen["code"].astype(str), chosen["band"].astype(str), strict=True))
    recounted = expected[expected["bottleneck"]].set_index("code")["step"].to_dict()
    assert named == recounted
    assert (rows["group"] == "BME").all() and (rows["staff_group"] == "all").all()


def test_bundled_trusts_have_varied_bottlenecks_and_some_none(expected: pd.DataFrame) -> None:
    located = expected[expected["bottleneck"]].groupby("code")["step"].first()
    assert located.nunique() >= 4
    assert expected["code"].nunique() - len(located) >= 5  # trusts where no step stands out


@pytest.mark.parametrize("level", ["trust", "icb", "region", "national"])
def test_at_most_one_bottleneck_per_organisation_year(level: str) -> None:
    table = compute_indicators(load_dataset(SAMPLE), level=level)
    rows = table[table["indicator"] == "progression"]
    flagged = rows[rows["flag"].astype(str).str.split(";").map(lambda f: "bottleneck" in f)]
    assert (flagged["measure"] == "step_ratio").all()
    assert flagged.groupby(["year", "code"], observed=True).size().max() == 1
    assert (flagged["ci_low"] > 1).all()
    assert (flagged[["numerator", "denominator"]] >= 5).all().all()


def test_press_table_has_at_most_one_bottleneck_per_organisation(context) -> None:
    for level in ("trust", "icb", "region"):
        frame = press_table("progression", context, YEAR, level).frame
        assert frame.groupby("org_code")["bottleneck"].sum().max() <= 1


def test_min_events_rule_decides_eligibility() -> None:
    dataset = load_dataset(SAMPLE)
    strict = compute_indicators(dataset, YEAR, "trust", rule=SmallNumberRule(min_events=10**6))
    flags = strict.loc[strict["measure"] == "step_ratio", "flag"].astype(str)
    assert not flags.str.contains("bottleneck").any()
    with pytest.raises(ValueError, match="min_events"):
        SmallNumberRule(min_events=0)


def test_rungs_are_configurable_and_checked() -> None:
    rungs = Rungs(
        (
            ("Bands 1-6", ("Band 1", "Band 2", "Band 3", "Band 4", "Band 5", "Band 6")),
            ("Band 7+", ("Band 7", "Band 8a", "Band 8b", "Band 8c", "Band 8d", "VSM")),
        )
    )
    table = compute_indicators(load_dataset(SAMPLE), YEAR, "national", rungs=rungs)
    steps = table.loc[table["measure"] == "step_ratio", "band"].astype(str).tolist()
    assert steps == ["Bands 1-6 to Band 7+"]
    with pytest.raises(ValueError, match="Agenda for Change"):
        Rungs((("a", ("Band 1",)), ("b", ("Consultant",))))


def test_briefing_sentences_name_the_bottleneck_or_none(
    context: BriefingContext, expected: pd.DataFrame
) -> None:
    located = expected[expected["bottleneck"]].set_index("code")["step"]
    none = sorted(set(expected["code"]) - set(located.index))
    for code in [*located.index[:5], *none[:3]]:
        rows = context.slice("trust", code)
        sentences = pipeline_sentences(pipeline(rows, YEAR))
        for sentence in sentences:
            assert check_sentence(sentence) == sentence
        if code in located.index:
            lower, upper = located[code].replace("-", "–").split(" to ")
            assert sentences[0].startswith(f"BME staff fall away most between {lower} and {upper}")
        else:
            assert sentences[0].startswith("No single step stands out")
        assert sentences[1].startswith("At the entry")
        assert sentences[2].startswith("At the top")


def test_region_briefing_names_its_bottleneck(context: BriefingContext) -> None:
    sentence = build_system(SAMPLE, "region", "Y62", YEAR).bottleneck_sentence()
    assert check_sentence(sentence).startswith("BME staff fall away most between")
