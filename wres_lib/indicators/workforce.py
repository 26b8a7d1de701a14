"""Indicator 1 (representation by band and staff group) and the racial disparity ratios.

Both come from workforce headcounts summed to the level. Cells are every (staff_group, band)
in the data, each band group of :class:`~wres_lib.indicators.disparity_ratios.BandGroups` and
``"all"`` bands, for each staff group and for ``"all"`` staff groups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_lib.data.schema import (
    BANDS,
    BME,
    DETAILED_BME_GROUPS,
    FIRST_YEAR,
    STAFF_GROUPS,
    UNKNOWN,
    WHITE,
)
from wres_lib.indicators.aggregate import GROUPS, align, group_counts, sum_by, year_code_key
from wres_lib.indicators.disparity_ratios import (
    BAND_GROUP_NAMES,
    COUNT_COLUMNS,
    RATIOS,
    ratios_from_counts,
)
from wres_lib.indicators.flags import ADVERSE, FEW_EVENTS, SMALL_NUMBERS, UNDEFINED
from wres_lib.indicators.tidy import (
    ALL,
    Block,
    Settings,
    block,
    flag_column,
    note_column,
    ratio_flags,
)
from wres_lib.stats.intervals import percent, percent_with_interval

NO_KNOWN_STAFF = "no staff of known ethnicity (White or BME) here"
NO_STAFF = "no staff recorded here"


STAFF_GROUP_CELLS = (*STAFF_GROUPS, ALL)
BAND_CELLS = (*BANDS, *BAND_GROUP_NAMES, ALL)


def workforce_cells(workforce: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Headcounts by ethnic group for every cell, sorted, with staff_group and band categorical.

    Each (staff_group, band) row of the workforce counts towards six cells: its own, its band
    group's and all bands', for its staff group and for all staff groups. All six are summed in
    one pass over integer cell keys. The cell with staff_group and band ``"all"`` is the whole
    workforce.
    """
    lmap = settings.lmap
    wide = group_counts(workforce, lmap, ["staff_group", "band"], ["headcount"])
    staff = pd.Categorical(wide["staff_group"], categories=STAFF_GROUP_CELLS).codes
    band = pd.Categorical(wide["band"], categories=BAND_CELLS).codes
    group_of = settings.band_groups.group_of
    band_group = np.array([BAND_CELLS.index(group_of.get(b, ALL)) for b in BAND_CELLS])[band]
    all_staff, all_bands = len(STAFF_GROUPS), len(BAND_CELLS) - 1
    in_group = band_group != all_bands
    pairs = [
        (staff, band, None),
        (staff, band_group, in_group),
        (staff, all_bands, None),
        (all_staff, band, None),
        (all_staff, band_group, in_group),
        (all_staff, all_bands, None),
    ]
    year_code = year_code_key(wide["year"], wide["code"].cat.codes, lmap)
    keys, rows = [], []
    for staff_cell, band_cell, mask in pairs:
        key = (year_code * len(STAFF_GROUP_CELLS) + staff_cell) * len(BAND_CELLS) + band_cell
        row = np.arange(len(wide))
        keys.append(key if mask is None else key[mask])
        rows.append(row if mask is None else row[mask])
    cell_keys, cell = np.unique(np.concatenate(keys), return_inverse=True)
    row = np.concatenate(rows)
    year_code, rest = np.divmod(cell_keys, len(STAFF_GROUP_CELLS) * len(BAND_CELLS))
    staff_cell, band_cell = np.divmod(rest, len(BAND_CELLS))
    year, code = np.divmod(year_code, len(lmap.codes))
    cells = pd.DataFrame(
        {
            "year": year + FIRST_YEAR,
            "code": lmap.categorical(code),
            "staff_group": pd.Categorical.from_codes(staff_cell, categories=STAFF_GROUP_CELLS),
            "band": pd.Categorical.from_codes(band_cell, categories=BAND_CELLS),
        }
    )
    for column in (*GROUPS, "detailed"):
        weights = wide[f"headcount_{column}" if column in GROUPS else column].to_numpy()[row]
        sums = np.bincount(cell, weights.astype(np.float64), minlength=len(cells))
        cells[column] = sums.astype(np.int64) if column in GROUPS else sums > 0
    return cells


def whole_workforce(cells: pd.DataFrame) -> pd.DataFrame:
    """The whole-workforce cell of each year and code."""
    whole = (cells["staff_group"] == ALL) & (cells["band"] == ALL)
    return cells[whole.to_numpy()].reset_index(drop=True)


def indicator_1(cells: pd.DataFrame, settings: Settings) -> list[Block]:
    """Blocks of bme_share (of staff of known ethnicity), bme_share_all (of all staff, as
    published), group_share, representation_ratio and unknown_pct."""
    whole = align(whole_workforce(cells), cells, GROUPS, settings.lmap)
    cells = cells.assign(**{f"whole_{g}": whole[g].to_numpy() for g in GROUPS})
    blocks = []
    for group in (BME, *DETAILED_BME_GROUPS):
        subset = cells if group == BME else cells[cells["detailed"].to_numpy()]
        blocks += _share_blocks(subset, group, settings)
    blocks.append(_unknown_block(cells, settings))
    return blocks


def _share_blocks(cells: pd.DataFrame, group: str, settings: Settings) -> list[Block]:
    """The share of ``group`` among staff of known ethnicity and, for BME, its representation
    ratio (a detailed group's follows from its shares, so is left out to keep the table small)."""
    rule, size = settings.rule, len(cells)
    known = (cells[WHITE] + cells[BME]).to_numpy()
    count = cells[group].to_numpy()
    value, low, high = percent_with_interval(count, known, settings.conf)
    whole_share = percent(cells[f"whole_{group}"], cells[f"whole_{WHITE}"] + cells[f"whole_{BME}"])
    small = rule.too_few(known)
    common = {
        "indicator": "1",
        "staff_group": cells["staff_group"].array,
        "band": cells["band"].array,
        "group": group,
        "numerator": count,
        "denominator": known,
    }
    share_notes = [(known == 0, NO_KNOWN_STAFF), (small, rule.too_few_note("staff"))]
    share = block(
        cells,
        measure="bme_share" if group == BME else "group_share",
        value=value,
        ci_low=low,
        ci_high=high,
        flag=flag_column({UNDEFINED: known == 0, SMALL_NUMBERS: small}, size),
        note=note_column(share_notes, size),
        **common,
    )
    if group != BME:
        return [share]
    share_of_all = _share_of_all_block(cells, settings, common)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(whole_share > 0, value / whole_share, np.nan)
    senior = cells["band"].isin([*settings.band_groups.upper, "upper"]).to_numpy()
    flags = ratio_flags(ratio) | {SMALL_NUMBERS: small, ADVERSE: senior & (ratio < 1)}
    no_group = f"no {group} staff in the whole workforce, so the ratio cannot be calculated"
    ratio_notes = [share_notes[0], (~(whole_share > 0), no_group), share_notes[1]]
    representation = block(
        cells,
        measure="representation_ratio",
        value=ratio,
        flag=flag_column(flags, size),
        note=note_column(ratio_notes, size),
        **common,
    )
    return [share, share_of_all, representation]


def _share_of_all_block(cells: pd.DataFrame, settings: Settings, common: dict) -> Block:
    """The BME share of all staff, Unknown in the denominator: the share NHS England
    publishes (``bme_share`` leaves Unknown out, as comparisons need)."""
    total = (cells[WHITE] + cells[BME] + cells[UNKNOWN]).to_numpy()
    value, low, high = percent_with_interval(cells[BME].to_numpy(), total, settings.conf)
    small = settings.rule.too_few(total)
    notes = [(total == 0, NO_STAFF), (small, settings.rule.too_few_note("staff"))]
    return block(
        cells,
        measure="bme_share_all",
        value=value,
        ci_low=low,
        ci_high=high,
        flag=flag_column({UNDEFINED: total == 0, SMALL_NUMBERS: small}, len(cells)),
        note=note_column(notes, len(cells)),
        **{**common, "denominator": total},
    )


def _unknown_block(cells: pd.DataFrame, settings: Settings) -> Block:
    """The percentage of staff whose ethnicity is unknown: a data-quality measure."""
    total = (cells[WHITE] + cells[BME] + cells[UNKNOWN]).to_numpy()
    value, low, high = percent_with_interval(cells[UNKNOWN], total, settings.conf)
    small = settings.rule.too_few(total)
    return block(
        cells,
        indicator="1",
        measure="unknown_pct",
        staff_group=cells["staff_group"].array,
        band=cells["band"].array,
        group=UNKNOWN,
        value=value,
        ci_low=low,
        ci_high=high,
        numerator=cells[UNKNOWN].to_numpy(),
        denominator=total,
        flag=flag_column({UNDEFINED: total == 0, SMALL_NUMBERS: small}, len(cells)),
        note=note_column(
            [(total == 0, NO_STAFF), (small, settings.rule.too_few_note("staff"))], len(cells)
        ),
    )


def disparity(cells: pd.DataFrame, settings: Settings) -> list[Block]:
    """Blocks of the three disparity ratios, per staff group and overall (the bottleneck is
    the progression ladder's: :mod:`wres_lib.indicators.progression`)."""
    grouped = cells[cells["band"].isin(BAND_GROUP_NAMES).to_numpy()]
    band = grouped["band"].to_numpy()
    counts = {}
    for side, group in (("white", WHITE), ("bme", BME)):
        for name in BAND_GROUP_NAMES:
            counts[f"{side}_{name}"] = np.where(band == name, grouped[group].to_numpy(), 0)
    keys = ["year", "code", "staff_group"]
    summed = sum_by(grouped[keys].assign(**counts), keys, COUNT_COLUMNS)
    ratios = ratios_from_counts(summed, settings.conf)
    size, rule = len(ratios), settings.rule
    common = {"indicator": "disparity", "staff_group": ratios["staff_group"].array, "group": BME}
    blocks = []
    for ratio, (lo, hi) in RATIOS.items():
        value = ratios[ratio].to_numpy()
        low, high = ratios[f"{ratio}_ci_low"].to_numpy(), ratios[f"{ratio}_ci_high"].to_numpy()
        white = ratios[f"white_{lo}"] + ratios[f"white_{hi}"]
        bme = ratios[f"bme_{lo}"] + ratios[f"bme_{hi}"]
        small = rule.too_few(np.minimum(white, bme))
        cells = [ratios[f"{side}_{g}"].to_numpy() for side in ("white", "bme") for g in (lo, hi)]
        few = rule.too_few_events(np.minimum.reduce(cells))
        flags = ratio_flags(value, low, high) | {
            SMALL_NUMBERS: small,
            FEW_EVENTS: few,
            ADVERSE: value > 1,
        }
        why = ratios[f"{ratio}_note"]
        notes = [
            (why != "", why),
            (small, rule.too_few_note("White or BME staff in these bands")),
            (few, f"fewer than {rule.min_events} staff in a cell: too few to rank"),
        ]
        blocks.append(
            block(
                ratios,
                measure=ratio,
                value=value,
                ci_low=low,
                ci_high=high,
                flag=flag_column(flags, size),
                note=note_column(notes, size),
                **common,
            )
        )
    return blocks
