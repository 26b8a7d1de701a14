"""Every action-plan target read against the data (:mod:`wres_lib.models.targets`).

Each target's organisation is found at its level (a trust, an ICB or a region code), its
figure read from the indicator table (or the Model Employer table) with the small-number rule
applied once (:mod:`wres_lib.analysis.published`), and its status computed for every year. A
target its baseline already meets is a data error, reported at its file, row and column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.analysis.published import published_figures, too_few_staff
from wres_lib.data.dataset import Dataset
from wres_lib.data.schema import BME
from wres_lib.errors import DataValidationError, Violation
from wres_lib.models.model_employer import model_employer
from wres_lib.models.targets import MEASURES, passes, status_rows

ALL = "all"
FIGURE_COLUMNS = ("value", "ci_low", "ci_high", "numerator", "denominator")
KEY = ["org_code", "target_id"]


def target_status(
    dataset: Dataset, indicators: pd.DataFrame, trust_model_employer: pd.DataFrame
) -> pd.DataFrame | None:
    """Every target's status in every year from its baseline (None without a targets table),
    from the dataset's indicator table and its trusts' Model Employer table.

    Raises :class:`~wres_lib.errors.DataValidationError` naming the row of each target its
    baseline already meets.
    """
    targets = dataset.targets
    if targets is None:
        return None
    placed = place_targets(targets, dataset)
    values = target_values(dataset, indicators, trust_model_employer, placed)
    violations = baseline_violations(placed, values)
    if violations:
        raise DataValidationError(str(dataset.path or "dataset"), violations)
    years = dataset.years
    return status_rows(placed.reset_index(drop=True), values, years)


def indicator_filters(targets: pd.DataFrame) -> list[tuple[str, str, object]]:
    """Which indicator rows :func:`target_status` reads for ``targets``, as Parquet filters: the
    BME rows of the measures they set, of their organisations (every year)."""
    measures = {
        MEASURES[m].tidy_measure for m in set(targets["measure"].astype(str)) if m in MEASURES
    }
    return [
        ("code", "in", sorted(set(targets["org_code"].astype(str)))),
        ("group", "==", BME),
        ("measure", "in", sorted(measures)),
    ]


def reads_workforce(targets: pd.DataFrame, organisations: pd.DataFrame) -> bool:
    """Whether :func:`target_status` computes a Model Employer table from the workforce of every
    year (for a system's Model Employer target) rather than taking the trusts' table."""
    gaps = targets.loc[targets["measure"].astype(str) == "model_employer_gap", "org_code"]
    return not set(gaps.astype(str)) <= set(organisations["org_code"].astype(str))


def target_violations(
    dataset: Dataset, indicators: pd.DataFrame, trust_model_employer: pd.DataFrame
) -> list[Violation]:
    """The targets their baseline already meets, one violation each naming file, row and
    column (none without a targets table): the check ``wres validate`` adds to the data's."""
    if dataset.targets is None:
        return []
    placed = place_targets(dataset.targets, dataset)
    values = target_values(dataset, indicators, trust_model_employer, placed)
    return baseline_violations(placed, values)


def place_targets(targets: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """The targets with each organisation's ``level`` and ``name`` and the figure's keys."""
    organisations = dataset.organisations
    names: dict[str, tuple[str, str]] = {}
    for level in ("region", "icb"):
        pairs = organisations[[f"{level}_code", f"{level}_name"]].drop_duplicates()
        names |= {str(c): (level, str(n)) for c, n in pairs.itertuples(index=False)}
    names |= {
        str(c): ("trust", str(n)) for c, n in organisations[["org_code", "org_name"]].to_numpy()
    }
    placed = targets.copy()
    placed.insert(1, "level", placed["org_code"].map(lambda code: names[code][0]))
    placed.insert(2, "name", placed["org_code"].map(lambda code: names[code][1]))
    placed["staff_group"] = placed["staff_group"].fillna(ALL)
    placed["band"] = placed["band"].fillna(ALL)
    return placed


def target_values(
    dataset: Dataset,
    indicators: pd.DataFrame,
    trust_model_employer: pd.DataFrame,
    placed: pd.DataFrame,
) -> pd.DataFrame:
    """One published figure per target and year: value, interval, numerator, denominator."""
    tidy = placed[placed["measure"] != "model_employer_gap"]
    frames = [_tidy_values(indicators, tidy)]
    for level, mine in placed[placed["measure"] == "model_employer_gap"].groupby("level"):
        table = trust_model_employer if level == "trust" else None
        frames.append(_model_employer_values(dataset, str(level), mine, table))
    return pd.concat(frames, ignore_index=True)


def baseline_violations(placed: pd.DataFrame, values: pd.DataFrame) -> list[Violation]:
    """A violation for each target whose baseline figure already meets its target value."""
    file = placed.attrs.get("file", "targets.csv")
    merged = placed.reset_index().merge(values, on=KEY, how="inner")
    base = merged[(merged["year"] == merged["baseline_year"]) & merged["value"].notna()]
    found = []
    for row in base.itertuples(index=False):
        if passes(row.value, row.target_value, row.direction):
            found.append(
                Violation(
                    file,
                    int(row.row) if pd.notna(row.row) else None,
                    "target_value",
                    f"{row.target_value:g}",
                    f"a target the baseline does not already meet (the {row.baseline_year} "
                    f"figure is {row.value:.4g}, already {row.direction} the target)",
                )
            )
    return found


def _tidy_values(indicators: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    keys = pd.DataFrame(
        {
            "org_code": targets["org_code"].to_numpy(),
            "target_id": targets["target_id"].to_numpy(),
            "level": targets["level"].to_numpy(),
            "code": targets["org_code"].to_numpy(),
            "indicator": targets["measure"].map(lambda m: MEASURES[m].indicator).to_numpy(),
            "measure": targets["measure"].map(lambda m: MEASURES[m].tidy_measure).to_numpy(),
            "staff_group": targets["staff_group"].to_numpy(),
            "band": targets["band"].to_numpy(),
        }
    )
    match = ["level", "code", "indicator", "measure", "staff_group", "band"]
    wanted = indicators["code"].isin(keys["code"]) & indicators["measure"].isin(keys["measure"])
    rows = published_figures(indicators[wanted.to_numpy() & (indicators["group"] == BME)])
    rows = rows[["year", *match, *FIGURE_COLUMNS]].astype(dict.fromkeys(match, str))
    merged = keys.merge(rows, on=match, how="inner")
    return merged[[*KEY, "year", *FIGURE_COLUMNS]].astype({"year": int})


def _model_employer_values(
    dataset: Dataset, level: str, targets: pd.DataFrame, table: pd.DataFrame | None
) -> pd.DataFrame:
    """The Model Employer gap of each target's band: a count, with no interval."""
    if table is None:
        table = model_employer(dataset, level=level)
    rows = table[table["code"].isin(targets["org_code"]) & table["band"].isin(targets["band"])]
    gap = (
        rows["gap"]
        .astype(float)
        .where(rows["status"].isin(["on track", "off track"]) & ~too_few_staff(rows))
    )
    figures = pd.DataFrame(
        {
            "code": rows["code"].astype(str).to_numpy(),
            "band": rows["band"].astype(str).to_numpy(),
            "year": rows["year"].astype(int).to_numpy(),
            "value": gap.to_numpy(),
            "ci_low": np.nan,
            "ci_high": np.nan,
            "numerator": np.nan,
            "denominator": np.nan,
        }
    )
    keys = targets[[*KEY, "band"]].rename(columns={"org_code": "code"})
    merged = keys.merge(figures, on=["code", "band"], how="inner")
    return merged.rename(columns={"code": "org_code"})[[*KEY, "year", *FIGURE_COLUMNS]]
