"""Mapping files (YAML): how to read a file laid out another way as a canonical table.

A mapping says which table the file holds and how to read it (see
:mod:`wres_lib.data.importers.mapped` for how the file is then read)::

    table: workforce               # the canonical table (required)
    member: data/Table 1.csv       # in a .zip download: the file to read (default: the only
                                   # CSV, XLSX or ODS inside)
    sheet: Data                    # XLSX/ODS: a sheet name or number from 1 (default: first)
    header_row: 3                  # the header's row (default 1); rows above are ignored;
                                   # a list, e.g. [4, 3], joins several header rows with "_"
                                   # (merged cells fill their whole range)
    columns: {Org code: org_code}  # source header -> canonical column (matching ignores case)
    constants: {staff_group: clinical}        # a canonical column the file lacks
    year_from_filename: '(\\d{4})'  # the year from the file's name (first group)
    recodes: {ethnicity: {Martian: Other}}    # added to the default recodes
    drop: {ethnicity: [Total, All]}           # leave out rows with these values
    suppressed: ['*', c, '-', '..']           # markers of withheld figures (these by default)
    sum_duplicates: true           # add up counts of rows that share a key after recoding
    percent_as_fraction: true      # percentages written as 0.253 rather than 25.3
    stop_at: '^(Source|Notes?)\\b'  # a row whose first cell matches ends the table
    wide:                          # reshape columns such as q5_white_pct_2024 to rows
      pattern: '^q(?P<indicator>[5-8])_(?P<ethnicity>[a-z]+)_(?P<measure>pct|n)_(?P<year>\\d{4})$'
      measures: {pct: percent, n: respondents}
      value: percent               # the column a header without a measure fills

An unknown key is an error naming the nearest known one; ``sum_duplicates`` and
``percent_as_fraction`` are YAML booleans (true or false, unquoted), as a quoted 'false' would
otherwise read as true.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from wres_lib.data.importers.grid import require_file
from wres_lib.data.importers.recodes import SUPPRESSION_MARKERS
from wres_lib.data.schema import TABLES, TableSpec
from wres_lib.errors import WresError

MAPPING_KEYS = (
    "table", "member", "sheet", "header_row", "columns", "constants", "year_from_filename",
    "recodes", "drop", "suppressed", "sum_duplicates", "percent_as_fraction", "stop_at", "wide",
)  # fmt: skip
WIDE_KEYS = ("pattern", "measures", "value")
MEASURE = "measure"


class MappingError(WresError):
    """A mapping file is not as described in :mod:`wres_lib.data.importers.mapping`."""


@dataclass(frozen=True)
class Wide:
    """How to turn columns such as ``<metric>_<year>`` into rows."""

    pattern: re.Pattern[str]
    measures: dict[str, str]
    value: str | None

    @property
    def columns(self) -> set[str]:
        """Canonical columns the wide headers give (named groups and value columns)."""
        groups = set(self.pattern.groupindex) - {MEASURE}
        return groups | set(self.measures.values()) | ({self.value} if self.value else set())


@dataclass(frozen=True)
class Mapping:
    """A parsed mapping file (see the module docstring)."""

    table: str
    member: str | None = None
    sheet: str | int | None = None
    header_rows: tuple[int, ...] = (1,)
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    year_from_filename: re.Pattern[str] | None = None
    recodes: dict[str, dict[str, str]] = field(default_factory=dict)
    drop: dict[str, frozenset[str]] = field(default_factory=dict)
    suppressed: tuple[str, ...] = SUPPRESSION_MARKERS
    sum_duplicates: bool = False
    percent_as_fraction: bool = False
    stop_at: re.Pattern[str] | None = None
    wide: Wide | None = None

    @property
    def spec(self) -> TableSpec:
        """The canonical table the mapping fills."""
        return TABLES[self.table]


def bundled_mappings() -> dict[str, Path]:
    """The example mappings shipped with wres_lib, by name (the file name without .yaml)."""
    folder = Path(str(resources.files("wres_lib") / "templates" / "mappings"))
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def mapping_path(text: str) -> Path:
    """``text`` as a mapping file: a path, or the name of a bundled example mapping."""
    path = Path(text)
    if path.exists():
        return path
    bundled = bundled_mappings()
    if text in bundled:
        return bundled[text]
    raise MappingError(
        f"{text}: expected a mapping file, or a bundled mapping: {', '.join(bundled)}"
    )


def load_mapping(path: Path) -> Mapping:
    """Read and check the mapping file at ``path``; raises :class:`MappingError`."""
    require_file(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise MappingError(f"{path.name}: expected a readable YAML file ({error})") from error
    if not isinstance(raw, dict):
        raise MappingError(f"{path.name}: expected a mapping of keys (table, columns, ...)")
    try:
        _known_keys(raw, MAPPING_KEYS, "")
        return _parse(raw)
    except (MappingError, re.error, TypeError, ValueError, AttributeError) as error:
        raise MappingError(f"{path.name}: {error}") from error


def _parse(raw: dict[str, Any]) -> Mapping:
    table = raw.get("table")
    if table not in TABLES:
        raise MappingError(f"'table': expected one of {', '.join(TABLES)}; found {table!r}")
    spec = TABLES[table]
    header = raw.get("header_row", 1)
    header_rows = tuple(header) if isinstance(header, list) else (header,)
    whole = [isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in header_rows]
    if not header_rows or not all(whole):
        raise MappingError(
            f"'header_row': expected a row number from 1, or a list; found {header!r}"
        )
    columns = {str(k): _column(spec, v, "columns") for k, v in (raw.get("columns") or {}).items()}
    constants = {
        _column(spec, k, "constants"): str(v) for k, v in (raw.get("constants") or {}).items()
    }
    wide = _wide(spec, raw["wide"]) if raw.get("wide") else None
    given = [*columns.values(), *constants, *(wide.columns if wide else ())]
    year_pattern = raw.get("year_from_filename")
    if year_pattern:
        given.append("year")
    twice = sorted({c for c in given if given.count(c) > 1})
    if twice:
        raise MappingError(f"column {twice[0]!r} is given more than once")
    sum_duplicates = _flag(raw, "sum_duplicates")
    if sum_duplicates and any(c.kind == "percent" for c in spec.columns):
        raise MappingError(f"'sum_duplicates': {table} holds percentages, which cannot be added")
    return Mapping(
        table=table,
        member=str(raw["member"]) if raw.get("member") else None,
        sheet=raw.get("sheet"),
        header_rows=header_rows,
        columns=columns,
        constants=constants,
        year_from_filename=re.compile(year_pattern) if year_pattern else None,
        recodes={
            _column(spec, k, "recodes"): {str(s): str(t) for s, t in v.items()}
            for k, v in (raw.get("recodes") or {}).items()
        },
        drop={
            _column(spec, k, "drop"): frozenset(str(x).strip().casefold() for x in v)
            for k, v in (raw.get("drop") or {}).items()
        },
        suppressed=tuple(str(m) for m in raw.get("suppressed", SUPPRESSION_MARKERS)),
        sum_duplicates=sum_duplicates,
        percent_as_fraction=_flag(raw, "percent_as_fraction"),
        stop_at=re.compile(raw["stop_at"], re.IGNORECASE) if raw.get("stop_at") else None,
        wide=wide,
    )


def _known_keys(raw: dict[Any, Any], known: tuple[str, ...], within: str) -> None:
    """Raise on the first key of ``raw`` not in ``known``, naming the nearest known key."""
    for key in raw:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise MappingError(
                f"{within}unknown key {str(key)!r}{hint}; expected some of {', '.join(known)}"
            )


def _flag(raw: dict[str, Any], key: str) -> bool:
    """The boolean ``key`` (false when absent): true or false unquoted, never text."""
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise MappingError(
            f"'{key}': expected true or false, unquoted (a YAML boolean); found {value!r}"
        )
    return value


def _column(spec: TableSpec, name: object, key: str) -> str:
    if name not in spec.column_names:
        raise MappingError(
            f"'{key}': {name!r} is not a column of {spec.name} ({', '.join(spec.column_names)})"
        )
    return str(name)


def _wide(spec: TableSpec, raw: Any) -> Wide:
    if not isinstance(raw, dict) or "pattern" not in raw:
        raise MappingError(f"'wide': expected the keys {', '.join(WIDE_KEYS)} (pattern required)")
    _known_keys(raw, WIDE_KEYS, "'wide': ")
    pattern = re.compile(str(raw["pattern"]))
    for group in pattern.groupindex:
        if group != MEASURE:
            _column(spec, group, "wide: pattern")
    measures = {
        str(k): _column(spec, v, "wide: measures") for k, v in (raw.get("measures") or {}).items()
    }
    value = _column(spec, raw["value"], "wide: value") if raw.get("value") else None
    if MEASURE in pattern.groupindex and not measures:
        raise MappingError("'wide': a pattern with a 'measure' group needs 'measures'")
    if value is None and MEASURE not in pattern.groupindex:
        raise MappingError("'wide': give 'value', the column each matching cell fills")
    return Wide(pattern, measures, value)
