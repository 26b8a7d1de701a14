"""The NHS ODS trust reference file (``etr.csv``) as the ``organisations`` table.

The published layout is a CSV file with no header row. By position: 1 organisation code,
2 name, 3 national grouping, 4 high level health geography, 5-9 address lines, 10 postcode,
11 open date, 12 close date (dates as YYYYMMDD), then columns this importer ignores.

What the file does not say, and what is done about it:

- region: the national grouping is the NHS England region's ODS code (Y56 ...); it becomes
  ``region_code``, and ``region_name`` is the region's name (the code itself, with a note,
  for a grouping that is not one of the seven regions).
- system: the high level health geography is the ICB's code; it becomes ``icb_code``. ICB
  names are taken from ``icb_names``, a file in the same ODS layout (code, name, ...: the
  ODS file of ICBs will do); without it ``icb_name`` is the code, with a note.
- type: ``org_type`` is taken from ``org_types``, a CSV file with the header
  ``org_code,org_type``; for a trust it does not list, the type is guessed from the name
  (Ambulance; Mental Health or Partnership; a specialist hospital's word such as Children's,
  Orthopaedic, Cancer or Heart; Community; otherwise acute), with a note counting guesses.
- names are written in capitals in the file; they are given in title case ("Barts Health
  NHS Trust").
- open and close dates become ``valid_from`` and ``valid_to``; ``successor_code`` is left
  empty (successors are published in a separate ODS file).
"""

from __future__ import annotations

import re
from pathlib import Path

from wres_lib.data.importers.grid import Grid, InputError, column_label, read_grid
from wres_lib.data.importers.sourced import NOT_IN_FILE, Cleaning, Record, SourcedTable, clean
from wres_lib.data.schema import REGIONS

CODE, NAME, GROUPING, GEOGRAPHY, OPEN, CLOSE = 1, 2, 3, 4, 11, 12
HEADERS = {
    CODE: "organisation code",
    NAME: "name",
    GROUPING: "national grouping",
    GEOGRAPHY: "high level health geography",
    OPEN: "open date",
    CLOSE: "close date",
}
REGION_NAMES = dict(REGIONS)
LICENCE = "Open Government Licence v3.0"  # ODS data is published under it

# Words in a trust's name that suggest its type, tried in this order (see the module docstring).
TYPE_WORDS = (
    ("ambulance", ("AMBULANCE",)),
    ("mental health", ("MENTAL HEALTH", "PARTNERSHIP", "PSYCHIATRIC", "TAVISTOCK")),
    (
        "specialist",
        (
            "CHILDREN", "WOMEN", "ORTHOPAEDIC", "CANCER", "HEART", "EYE HOSPITAL", "MOORFIELDS",
            "MARSDEN", "CHRISTIE", "CLATTERBRIDGE", "PAPWORTH", "WALTON CENTRE", "NEUROLOGY",
        ),
    ),
    ("community", ("COMMUNITY",)),
)  # fmt: skip
DEFAULT_TYPE = "acute"

_UPPER_WORDS = frozenset({"NHS", "UK", "ICB", "ICS", "CIC", "LLP", "HIV"})
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "at", "with"})


def read_ods_reference(
    path: Path, icb_names: Path | None = None, org_types: Path | None = None
) -> SourcedTable:
    """The organisations in the ODS reference file ``path``, with optional name and type
    lookups (see the module docstring)."""
    grid = read_grid(path)
    names = _icb_names(icb_names) if icb_names else {}
    types = _org_types(org_types) if org_types else {}
    types_label = f"org_type (from {org_types.name})" if org_types else ""
    records: list[Record] = []
    guessed: list[str] = []
    unnamed: set[str] = set()
    unknown_regions: set[str] = set()
    for row in range(1, len(grid.rows) + 1):
        if grid.is_blank(row):
            continue
        if len(grid.rows[row - 1]) < OPEN:
            raise InputError(
                f"{grid.label}, row {row}: expected at least {OPEN} columns (the ODS layout: "
                f"code, name, national grouping, ..., open date in column {OPEN}); "
                f"found {len(grid.rows[row - 1])}"
            )
        code = grid.cell(row, CODE).strip()
        name = grid.cell(row, NAME).strip()
        grouping = grid.cell(row, GROUPING).strip()
        geography = grid.cell(row, GEOGRAPHY).strip()
        if code in types:
            org_type = (types[code], types_label)
        else:
            org_type = (_guess_type(name), _label(NAME))
            guessed.append(code)
        if geography not in names:
            unnamed.add(geography)
        if grouping not in REGION_NAMES:
            unknown_regions.add(grouping)
        cells = {
            "org_code": (code, _label(CODE)),
            "org_name": (tidy_name(name), _label(NAME)),
            "org_type": org_type,
            "icb_code": (geography, _label(GEOGRAPHY)),
            "icb_name": (names.get(geography, geography), _label(GEOGRAPHY)),
            "region_code": (grouping, _label(GROUPING)),
            "region_name": (REGION_NAMES.get(grouping, grouping), _label(GROUPING)),
            "valid_from": (grid.cell(row, OPEN), _label(OPEN)),
            "valid_to": (grid.cell(row, CLOSE), _label(CLOSE)),
            "successor_code": ("", NOT_IN_FILE),
        }
        records.append(Record(row, cells))
    notes = _notes(grid, len(records), guessed, unnamed, unknown_regions)
    return clean(SourcedTable("organisations", grid.label, records, notes), Cleaning())


def tidy_name(name: str) -> str:
    """A name written in capitals, in title case ("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST"
    is "Guy's and St Thomas' NHS Foundation Trust"); other names unchanged."""
    if name != name.upper():
        return name
    words = []
    for index, word in enumerate(name.split()):
        if word in _UPPER_WORDS:
            words.append(word)
        elif index > 0 and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


def _guess_type(name: str) -> str:
    upper = name.upper()
    for org_type, words in TYPE_WORDS:
        if any(re.search(rf"\b{re.escape(word)}", upper) for word in words):
            return org_type
    return DEFAULT_TYPE


def _label(column: int) -> str:
    return column_label(column, HEADERS[column])


def _icb_names(path: Path) -> dict[str, str]:
    grid = read_grid(path)
    return {
        grid.cell(row, CODE).strip(): tidy_name(grid.cell(row, NAME).strip())
        for row in range(1, len(grid.rows) + 1)
        if not grid.is_blank(row)
    }


def _org_types(path: Path) -> dict[str, str]:
    grid = read_grid(path)
    header = [c.strip().casefold() for c in grid.rows[0]] if grid.rows else []
    if "org_code" not in header or "org_type" not in header:
        raise InputError(f"{grid.label}, row 1: expected the header org_code,org_type")
    code, kind = header.index("org_code") + 1, header.index("org_type") + 1
    return {
        grid.cell(row, code).strip(): grid.cell(row, kind).strip()
        for row in range(2, len(grid.rows) + 1)
        if not grid.is_blank(row)
    }


def _notes(
    grid: Grid, count: int, guessed: list[str], unnamed: set[str], unknown_regions: set[str]
) -> list[str]:
    notes = []
    if guessed:
        notes.append(
            f"{grid.label}: org_type guessed from the name for {len(guessed)} of {count} "
            "organisations (give --org-types to set them)"
        )
    if unnamed:
        notes.append(
            f"{grid.label}: icb_name is the ICB code for {len(unnamed)} ICB codes "
            "(give --icb-names with the ODS file of ICBs to name them)"
        )
    if unknown_regions:
        listed = ", ".join(sorted(unknown_regions))
        notes.append(
            f"{grid.label}: national groupings that are not NHS England regions, region_name "
            f"set to the code: {listed}"
        )
    return notes
