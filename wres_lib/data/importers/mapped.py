"""Files laid out another way (CSV, XLSX or ODS), read through a mapping file (YAML).

A mapping says which table the file holds and how to read it::

    table: workforce               # the canonical table (required)
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

The table's rows start below the header and end at the first blank row (or ``stop_at``), so
notes above and below it are ignored. Canonical column names in the header need no mapping.
In a wide layout each named group of ``pattern`` gives a column's value ("measure" chooses
which figure the cell is), and empty cells are left out with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from wres_lib.data.importers.grid import Grid, column_label, read_grid
from wres_lib.data.importers.recodes import SUPPRESSION_MARKERS
from wres_lib.data.importers.sourced import NOT_IN_FILE, Cleaning, Record, SourcedTable, clean
from wres_lib.data.schema import TABLES, TableSpec
from wres_lib.errors import DataValidationError, Violation, WresError

MAPPING_KEYS = (
    "table", "sheet", "header_row", "columns", "constants", "year_from_filename", "recodes",
    "drop", "suppressed", "sum_duplicates", "percent_as_fraction", "stop_at", "wide",
)  # fmt: skip
WIDE_KEYS = ("pattern", "measures", "value")
MEASURE = "measure"
FILE_NAME = "the file name"


class MappingError(WresError):
    """A mapping file is not as described in :mod:`wres_lib.data.importers.mapped`."""


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
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise MappingError(f"{path.name}: expected a readable YAML file ({error})") from error
    if not isinstance(raw, dict):
        raise MappingError(f"{path.name}: expected a mapping of keys (table, columns, ...)")
    unknown = sorted(set(raw) - set(MAPPING_KEYS))
    if unknown:
        raise MappingError(
            f"{path.name}: unknown key {unknown[0]!r}; expected some of {', '.join(MAPPING_KEYS)}"
        )
    try:
        return _parse(raw)
    except (MappingError, re.error, TypeError, ValueError, AttributeError) as error:
        raise MappingError(f"{path.name}: {error}") from error


def read_mapped(path: Path, mapping: Mapping) -> SourcedTable:
    """The table in the file at ``path``, read through ``mapping`` and cleaned.

    Raises :class:`~wres_lib.errors.DataValidationError` naming the file, sheet, row and
    column of a missing or repeated header, or a file name without a year.
    """
    grid = read_grid(path, mapping.sheet)
    headers = _headers(grid, mapping.header_rows)
    violations: list[Violation] = []
    sources = _sources(grid, headers, mapping, violations)
    wide = _wide_columns(grid, headers, mapping, violations)
    year = _year_from_filename(path, mapping, violations)
    if violations:
        raise DataValidationError(grid.label, violations, subject="input")
    fixed = {
        name: (value, f"{name} (set in the mapping)") for name, value in mapping.constants.items()
    }
    if year is not None:
        fixed["year"] = (year, FILE_NAME)
    records: list[Record] = []
    blank = 0
    for row in _data_rows(grid, mapping):
        base = {
            name: (grid.cell(row, column), column_label(column, headers[column - 1]))
            for name, column in sources.items()
        } | fixed
        if wide is None:
            found = [_complete(mapping.spec, row, base)]
        else:
            found, empty = _reshape(grid, row, base, wide, mapping.spec)
            blank += empty
        records.extend(r for r in found if not _dropped(r, mapping.drop))
    notes = [f"{grid.label}: {blank} empty cells of the wide columns left out"] if blank else []
    how = Cleaning(
        mapping.recodes, mapping.suppressed, mapping.percent_as_fraction, mapping.sum_duplicates
    )
    return clean(SourcedTable(mapping.table, grid.label, records, notes), how)


def _parse(raw: dict[str, Any]) -> Mapping:
    table = raw.get("table")
    if table not in TABLES:
        raise MappingError(f"'table': expected one of {', '.join(TABLES)}; found {table!r}")
    spec = TABLES[table]
    header = raw.get("header_row", 1)
    header_rows = tuple(header) if isinstance(header, list) else (header,)
    if not header_rows or not all(isinstance(r, int) and r >= 1 for r in header_rows):
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
    sum_duplicates = bool(raw.get("sum_duplicates", False))
    if sum_duplicates and any(c.kind == "percent" for c in spec.columns):
        raise MappingError(f"'sum_duplicates': {table} holds percentages, which cannot be added")
    return Mapping(
        table=table,
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
        percent_as_fraction=bool(raw.get("percent_as_fraction", False)),
        stop_at=re.compile(raw["stop_at"], re.IGNORECASE) if raw.get("stop_at") else None,
        wide=wide,
    )


def _column(spec: TableSpec, name: object, key: str) -> str:
    if name not in spec.column_names:
        raise MappingError(
            f"'{key}': {name!r} is not a column of {spec.name} ({', '.join(spec.column_names)})"
        )
    return str(name)


def _wide(spec: TableSpec, raw: Any) -> Wide:
    if not isinstance(raw, dict) or "pattern" not in raw or set(raw) - set(WIDE_KEYS):
        raise MappingError(f"'wide': expected the keys {', '.join(WIDE_KEYS)} (pattern required)")
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


def _headers(grid: Grid, header_rows: tuple[int, ...]) -> list[str]:
    """Each column's header; several header rows are joined with "_" in the order given, and
    a blank cell in a row above the last takes the label to its left (a merged group label)."""
    bottom = max(header_rows)
    filled: dict[int, list[str]] = {}
    for row in header_rows:
        cells = [grid.cell(row, c).strip() for c in range(1, grid.width + 1)]
        if row != bottom:
            for index in range(1, len(cells)):
                cells[index] = cells[index] or cells[index - 1]
        filled[row] = cells
    return [
        "_".join(filled[row][index] for row in header_rows if filled[row][index])
        for index in range(grid.width)
    ]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _sources(
    grid: Grid, headers: list[str], mapping: Mapping, violations: list[Violation]
) -> dict[str, int]:
    """For each canonical column read from the file, its column number (from 1)."""
    bottom = max(mapping.header_rows)
    wide = mapping.wide.pattern if mapping.wide else None
    by_name: dict[str, list[int]] = {}
    for index, header in enumerate(headers, start=1):
        if header and not (wide and wide.fullmatch(header)):
            by_name.setdefault(_norm(header), []).append(index)
    found = ", ".join(f"'{h}'" for h in headers if h) or "no headers"
    sources: dict[str, int] = {}
    wanted = dict(mapping.columns)
    given = {*mapping.columns.values(), *mapping.constants}
    given |= mapping.wide.columns if mapping.wide else set()
    given |= {"year"} if mapping.year_from_filename else set()
    for column in mapping.spec.column_names:
        if column not in given and _norm(column) in by_name:
            wanted[column] = column
    for source, target in wanted.items():
        hits = by_name.get(_norm(source), [])
        if len(hits) == 1:
            sources[target] = hits[0]
        elif hits:
            letters = " and ".join(column_label(h) for h in hits)
            violations.append(
                Violation(grid.label, bottom, source, None, f"one column so headed, not {letters}")
            )
        else:
            violations.append(
                Violation(grid.label, bottom, source, None, f"a column so headed (found {found})")
            )
    for column in mapping.spec.columns:
        if column.name not in sources and column.name not in given and not column.nullable:
            if column.name in mapping.columns.values():
                continue  # reported above as a missing header
            violations.append(
                Violation(
                    grid.label,
                    bottom,
                    column.name,
                    None,
                    "a column for it: name its header in the mapping's 'columns', or set it "
                    f"in 'constants' (found {found})",
                )
            )
    return sources


@dataclass(frozen=True)
class _WideColumn:
    column: int
    label: str
    fields: tuple[tuple[str, str], ...]
    target: str


def _wide_columns(
    grid: Grid, headers: list[str], mapping: Mapping, violations: list[Violation]
) -> list[_WideColumn] | None:
    if mapping.wide is None:
        return None
    wide = mapping.wide
    bottom = max(mapping.header_rows)
    columns = []
    for index, header in enumerate(headers, start=1):
        match = wide.pattern.fullmatch(header)
        if not match:
            continue
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        measure = groups.pop(MEASURE, None)
        target = wide.value if measure is None else wide.measures.get(measure)
        label = column_label(index, header)
        if target is None:
            violations.append(
                Violation(
                    grid.label,
                    bottom,
                    label,
                    measure,
                    f"a measure among {', '.join(wide.measures)} (the mapping's 'measures')",
                )
            )
            continue
        columns.append(_WideColumn(index, label, tuple(sorted(groups.items())), target))
    if not columns:
        violations.append(
            Violation(
                grid.label,
                bottom,
                None,
                None,
                f"headers matching the wide pattern {wide.pattern.pattern!r}",
            )
        )
    return columns


def _year_from_filename(path: Path, mapping: Mapping, violations: list[Violation]) -> str | None:
    if mapping.year_from_filename is None:
        return None
    match = mapping.year_from_filename.search(path.name)
    if match is None:
        violations.append(
            Violation(
                path.name,
                None,
                None,
                path.name,
                f"a file name matching '{mapping.year_from_filename.pattern}' (the year)",
            )
        )
        return None
    return match.group(1) if match.groups() else match.group(0)


def _data_rows(grid: Grid, mapping: Mapping) -> list[int]:
    rows = []
    for row in range(max(mapping.header_rows) + 1, len(grid.rows) + 1):
        if grid.is_blank(row):
            break
        first = next(c.strip() for c in grid.rows[row - 1] if c.strip())
        if mapping.stop_at and mapping.stop_at.search(first):
            break
        rows.append(row)
    return rows


def _complete(spec: TableSpec, row: int, cells: dict[str, tuple[str, str]]) -> Record:
    """A record with every column of ``spec``; a column not given is empty."""
    return Record(row, {c: cells.get(c, ("", NOT_IN_FILE)) for c in spec.column_names})


def _reshape(
    grid: Grid,
    row: int,
    base: dict[str, tuple[str, str]],
    wide: list[_WideColumn],
    spec: TableSpec,
) -> tuple[list[Record], int]:
    """One record per combination of the wide columns' groups; how many empty cells were left
    out (a record whose every figure is empty is left out too)."""
    records: dict[tuple[tuple[str, str], ...], dict[str, tuple[str, str]]] = {}
    empty = 0
    for column in wide:
        text = grid.cell(row, column.column)
        if not text.strip():
            empty += 1
            continue
        cells = records.setdefault(
            column.fields, {**base, **{k: (v, column.label) for k, v in column.fields}}
        )
        cells[column.target] = (text, column.label)
    return [_complete(spec, row, cells) for cells in records.values()], empty


def _dropped(record: Record, drop: dict[str, frozenset[str]]) -> bool:
    return any(record.text(column).strip().casefold() in values for column, values in drop.items())
