"""The fixed, fictional organisation structure: 7 real regions, 42 systems, ~210 trusts.

The structure does not depend on the random seed, so organisation codes (and the story
organisations in :mod:`wres_lib.data.synthetic.stories`) are the same for every seed. Codes are
plainly synthetic (trusts ``ZT001``..., systems ``ZQ01``...; real trust codes start R or T and
real ICB codes Q), and every name is built from invented place names and ends in "(synthetic)".
"""

from __future__ import annotations

from itertools import count

import pandas as pd

from wres_lib.data.schema import REGIONS, TABLES

FIRST_YEAR, LAST_YEAR = 2016, 2025
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
DEFAULT_VALID_FROM = "2000-04-01"

TYPE_LETTERS = {
    "A": "acute",
    "M": "mental health",
    "C": "community",
    "S": "specialist",
    "B": "ambulance",
}

# One string per system (ICB), one letter per trust (see TYPE_LETTERS), by region. The number
# of systems per region matches England's: 5, 6, 7, 6, 3, 11 and 4.
LAYOUT: dict[str, tuple[str, ...]] = {
    "Y56": ("AAAMCSSB", "AAAMSS", "AAAAMS", "AAAMC", "AAAMS"),
    "Y59": ("AAAMCB", "AAAMS", "AAMC", "AAAMB", "AAMC", "AAAM"),
    "Y58": ("AAMB", "AAMS", "AAMC", "AAM", "AAMS", "AAM", "AAMC"),
    "Y61": ("AAAMCB", "AAAMS", "AAMC", "AAAM", "AAAM", "AAMS"),
    "Y62": ("AAAAAMCSB", "AAAAMCS", "AAAAAMS"),
    "Y60": (
        "AAAMC", "AAAMCB", "AAMS", "AAM", "AAMC", "AAAM",
        "AAM", "AAMB", "AAM", "AAMC", "AAAMS",
    ),
    "Y63": ("AAAAMCSB", "AAAAAMSB", "AAAAMC", "AAAAAMS"),
}  # fmt: skip

# The merger: these two acute trusts close on 31 March of MERGER_YEAR and their successor (the
# last trust code) opens the next day.
MERGING_TRUSTS = ("ZT037", "ZT038")
MERGER_YEAR = 2021

# Invented place names: every stem joined with every ending gives 288 names.
PLACE_STEMS = (
    "Brindle", "Fennick", "Orrin", "Tarrow", "Velling", "Minnet", "Kestle", "Umber",
    "Ferrow", "Dunnock", "Skelly", "Halder", "Wendle", "Pellam", "Cressel", "Aldern",
    "Thrane", "Ossel", "Gannet", "Quillon", "Sorrel", "Wrenna", "Hobble", "Lanner",
)  # fmt: skip
PLACE_ENDINGS = (
    "mere", "wick", "by", "stow", "combe", "thorpe", "ley", "holm", "ford", "bridge", "haven",
    "dale",
)  # fmt: skip
ENDING_STRIDE = 7  # coprime with len(PLACE_ENDINGS), so place names never repeat

ACUTE_PATTERNS = (
    "{place} Hospitals",
    "University Hospitals of {place}",
    "{place} General Hospital",
    "{place} and District Hospitals",
)
SPECIALITIES = (
    "Children's Hospital",
    "Heart and Lung Centre",
    "Cancer Centre",
    "Orthopaedic Hospital",
    "Eye Hospital",
    "Neurosciences Centre",
    "Women's Hospital",
)
SYNTHETIC = " (synthetic)"
PLACE = "place"  # a working column: the place a trust is named after


def place_name(index: int) -> str:
    """The ``index``-th invented place name."""
    stem = index % len(PLACE_STEMS)
    ending = (index // len(PLACE_STEMS) * ENDING_STRIDE + index) % len(PLACE_ENDINGS)
    return PLACE_STEMS[stem] + PLACE_ENDINGS[ending]


def build_organisations() -> pd.DataFrame:
    """The organisations table: every trust, its system and region, and the one merger."""
    rows: list[dict[str, str]] = []
    places = count()
    icb_numbers = count(1)
    trust_numbers = count(1)
    specialists = count()
    for region_code, region_name in REGIONS:
        for layout in LAYOUT[region_code]:
            icb_code = f"ZQ{next(icb_numbers):02d}"
            names = [place_name(next(places)) for _ in range(max(2, layout.count("A")))]
            pair = f"{names[0]} and {names[1]}"
            icb = {
                "icb_code": icb_code,
                "icb_name": f"{pair} ICS{SYNTHETIC}",
                "region_code": region_code,
                "region_name": region_name,
            }
            acute = count()
            for letter in layout:
                number = next(trust_numbers)
                place = names[0]
                if letter == "A":
                    index = next(acute)
                    place = names[index]
                    pattern = ACUTE_PATTERNS[(number + index) % len(ACUTE_PATTERNS)]
                    name = pattern.format(place=place)
                elif letter == "M":
                    name = f"{pair} Mental Health Partnership"
                elif letter == "C":
                    name = f"{pair} Community Health Services"
                elif letter == "S":
                    name = f"{names[0]} {SPECIALITIES[next(specialists) % len(SPECIALITIES)]}"
                else:
                    name = f"{names[0]} and Districts Ambulance Service"
                org = _org(f"ZT{number:03d}", name + SYNTHETIC, TYPE_LETTERS[letter], icb)
                rows.append({**org, PLACE: place})
    organisations = pd.DataFrame(rows)
    return _add_merger(organisations, f"ZT{next(trust_numbers):03d}")


def _org(code: str, name: str, org_type: str, icb: dict[str, str]) -> dict[str, str]:
    return {
        "org_code": code,
        "org_name": name,
        "org_type": org_type,
        **icb,
        "valid_from": DEFAULT_VALID_FROM,
        "valid_to": "",
        "successor_code": "",
    }


def _add_merger(organisations: pd.DataFrame, successor: str) -> pd.DataFrame:
    merging = organisations["org_code"].isin(MERGING_TRUSTS)
    first, second = organisations.loc[merging].itertuples(index=False)
    organisations.loc[merging, "valid_to"] = f"{MERGER_YEAR}-03-31"
    organisations.loc[merging, "successor_code"] = successor
    icb = {c: getattr(first, c) for c in ("icb_code", "icb_name", "region_code", "region_name")}
    name = f"{getattr(first, PLACE)} and {getattr(second, PLACE)} University Hospitals{SYNTHETIC}"
    successor_row = {**_org(successor, name, "acute", icb), "valid_from": f"{MERGER_YEAR}-04-01"}
    merged = pd.concat([organisations, pd.DataFrame([successor_row])], ignore_index=True)
    return merged.loc[:, list(TABLES["organisations"].column_names)]


def active_years(organisations: pd.DataFrame) -> pd.DataFrame:
    """One row per (org_code, year) when the trust was open for the whole WRES year."""
    frames = []
    for year in YEARS:
        open_from = organisations["valid_from"] <= f"{year - 1}-04-01"
        open_to = (organisations["valid_to"] == "") | (organisations["valid_to"] >= f"{year}-03-31")
        codes = organisations.loc[open_from & open_to, "org_code"]
        frames.append(pd.DataFrame({"org_code": codes.to_numpy(), "year": year}))
    return pd.concat(frames, ignore_index=True)
