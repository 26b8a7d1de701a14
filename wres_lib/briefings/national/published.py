"""The national figures of a real dataset beside those NHS England has published."""

from __future__ import annotations

import pandas as pd

from wres_lib.present import fragments as present

PUBLISHED_LABELS = {
    "bme_share_all_staff": ("BME share of all staff (1)", "%"),
    "2": ("Appointment from shortlisting, White vs BME (2)", ""),
    "3": ("Entering disciplinary, BME vs White (3)", ""),
    "5": ("BME staff harassed by the public (5)", "%"),
    "7": ("BME staff believing in equal opportunities (7)", "%"),
}


def published_table(compared: pd.DataFrame) -> present.Fragment:
    """The comparison table, and a sentence naming the figures that differ beyond rounding."""
    records, differing = [], []
    for row in compared.itertuples():
        label, unit = PUBLISHED_LABELS.get(row.measure) or PUBLISHED_LABELS[str(row.indicator)]
        ours = "–" if pd.isna(row.ours) else f"{row.ours:.{row.decimals}f}{unit}"
        records.append(
            {"Year": str(row.year), "Figure": label, "Published": f"{row.value:.{row.decimals}f}"
             f"{unit}", "This dataset": ours, "Source": row.source}
        )  # fmt: skip
        if row.beyond_rounding:
            differing.append(f"{label.rsplit(' (', 1)[0]} in {row.year} ({ours} against "
                             f"{row.value:.{row.decimals}f}{unit})")  # fmt: skip
    sentence = (
        f"{len(differing)} of the {len(compared)} figures differ from the published ones by more "
        f"than rounding: {'; '.join(differing)}."
        if differing
        else "Every figure matches the published one to its rounding."
    )
    return present.Fragment(
        present.paragraphs([sentence])
        + present.table(
            pd.DataFrame.from_records(records),
            caption="National figures beside those NHS England has published",
            note="NHS England gives the BME share of all staff, Unknown included in the total.",
            numeric=("Published", "This dataset"),
        )
    )
