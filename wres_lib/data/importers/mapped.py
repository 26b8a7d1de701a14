"""Files laid out another way (CSV, XLSX or ODS), read through a mapping file.

The mapping (:mod:`wres_lib.data.importers.mapping`) names the table, the sheet, the header
row(s) and how columns map to the data model.

The table's rows start below the header and end at the first blank row (or ``stop_at``), so
notes above and below it are ignored. Canonical column names in the header need no mapping.
In a wide layout each named group of ``pattern`` gives a column's value ("measure" chooses
which figure the cell is), and empty cells are left out with a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wres_lib.data.importers.grid import Grid, column_label, read_grid
from wres_lib.data.importers.mapping import MEASURE, Mapping
from wres_lib.data.importers.sourced import NOT_IN_FILE, Cleaning, Record, SourcedTable, clean
from wres_lib.data.schema import TableSpec
from wres_lib.errors import DataValidationError, Violation

FILE_NAME = "the file name"


def read_mapped(path: Path, mapping: Mapping) -> SourcedTable:
    """The table in the file at ``path``, read through ``mapping`` and cleaned.

    Raises :class:`~wres_lib.errors.DataValidationError` naming the file, sheet, row and
    column of a missing or repeated header, or a file name without a year.
    """
    grid = read_grid(path, mapping.sheet, mapping.member)
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
