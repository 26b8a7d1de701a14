"""Synthetic action-plan targets: about a third of open trusts and a few systems set some.

Drawn from their own random stream (the seed and :data:`STREAM`), so other tables' draws
never move them; their values are read from the generated workforce so that no baseline
already meets its target, and some targets are met, some missed and some still running.
Every description ends "(synthetic)".
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wres_lib.data.schema import AFC_BANDS, TABLES, UNKNOWN, WHITE

STREAM = 17  # the targets' own random stream: numpy.random.default_rng([seed, STREAM])
SHARE_OF_TRUSTS = 0.35
SYSTEMS_WITH_TARGETS = 4
BASELINE_YEARS = (2022, 2023, 2024, 2024, 2025)
HORIZON_MONTHS = {"S": (3, 6), "M": (6, 12), "L": (12, 48)}
BANDS = {
    "upper": ("Band 8a and above", AFC_BANDS[7:]),
    "middle": ("Bands 6 and 7", AFC_BANDS[5:7]),
    "Band 8a": ("Band 8a", ("Band 8a",)),
}
TRUST_OWNERS = ("Chief People Officer", "Director of Workforce", "Chief Executive",
                "Director of Nursing", "Board EDI lead")  # fmt: skip
SYSTEM_OWNER = "ICB Chief People Officer"
SYNTHETIC = "(synthetic)"


def build_targets(seed: int, organisations: pd.DataFrame, workforce: pd.DataFrame) -> pd.DataFrame:
    """The targets table of the synthetic dataset (see the module docstring)."""
    rng = np.random.default_rng([seed, STREAM])
    last_year = int(workforce["year"].max())
    open_trusts = organisations[organisations["valid_to"].fillna("") == ""]
    trusts = sorted(open_trusts["org_code"])
    chosen = sorted(rng.choice(trusts, size=round(SHARE_OF_TRUSTS * len(trusts)), replace=False))
    systems = sorted(open_trusts["icb_code"].unique())
    chosen_systems = sorted(rng.choice(systems, size=SYSTEMS_WITH_TARGETS, replace=False))
    icb_of = organisations.set_index("org_code")["icb_code"]
    shares = _shares(workforce, icb_of)
    rows = []
    for code in [*chosen, *chosen_systems]:
        system = code in chosen_systems
        count = 1 if system else int(rng.integers(1, 4))
        bands = rng.choice(list(BANDS), size=count, replace=False)
        for number, band in enumerate(bands, start=1):
            row = _target(rng, shares, code, str(band), last_year, system)
            if row is not None:
                rows.append({**row, "target_id": f"{'S' if system else 'T'}{number}"})
    columns = list(TABLES["targets"].column_names)
    return pd.DataFrame(rows, columns=columns)


def _shares(workforce: pd.DataFrame, icb_of: pd.Series) -> dict[tuple[str, str, int], float]:
    """BME share (%) of staff by (trust or ICB code, band key, year): BME of White and BME."""
    known = workforce[workforce["ethnicity"] != UNKNOWN]
    out: dict[tuple[str, str, int], float] = {}
    for key, (_, bands) in BANDS.items():
        rows = known[known["band"].isin(bands)]
        white = rows["ethnicity"] == WHITE
        frame = rows.assign(
            bme=rows["headcount"].where(~white, 0), icb=rows["org_code"].map(icb_of)
        )
        for column in ("org_code", "icb"):
            totals = frame.groupby([column, "year"])[["bme", "headcount"]].sum()
            totals = totals[totals["headcount"] > 0]
            for (code, year), total in totals.iterrows():
                out[(str(code), key, int(year))] = 100 * total["bme"] / total["headcount"]
    return out


def _target(
    rng: np.random.Generator,
    shares: dict[tuple[str, str, int], float],
    code: str,
    band: str,
    last_year: int,
    system: bool,
) -> dict[str, object] | None:
    """One 'at least' target on the BME share at ``band``; None without a baseline."""
    baseline_year = int(rng.choice(BASELINE_YEARS))
    horizon = str(rng.choice(list(HORIZON_MONTHS)))
    low, high = HORIZON_MONTHS[horizon]
    months = int(rng.integers(low, high + 1))
    plan = rng.random()  # which way this target is aimed: met, missed or stretching
    baseline = shares.get((code, band, baseline_year))
    latest = shares.get((code, band, last_year))
    if baseline is None or latest is None:
        return None
    if plan < 0.3 and latest > baseline + 0.5:  # a target the latest figure has reached
        value = _up(baseline + rng.uniform(0.3, 0.9) * (latest - baseline))
        value = min(value, math.floor(latest * 10) / 10)
    else:  # a stretch the trust may or may not make
        value = _up(baseline + rng.uniform(1.0, 6.0))
    if value <= baseline:
        return None
    due = pd.Timestamp(f"{baseline_year}-03-31") + pd.DateOffset(months=months)
    label, _ = BANDS[band]
    who = "across the system" if system else "of staff"
    return {
        "org_code": code,
        "description": f"Raise the BME share {who} at {label} to {value:.1f}% {SYNTHETIC}",
        "measure": "bme_share",
        "staff_group": "all",
        "band": band,
        "baseline_year": baseline_year,
        "target_value": value,
        "direction": "at least",
        "horizon": horizon,
        "due": due.strftime("%Y-%m-%d"),
        "owner": SYSTEM_OWNER if system else str(rng.choice(TRUST_OWNERS)),
    }


def _up(value: float) -> float:
    """``value`` rounded up to one decimal, as a target is written."""
    return math.ceil(value * 10 + 1e-9) / 10
