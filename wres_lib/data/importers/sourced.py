"""Imported rows that remember where each cell came from, cleaned and checked against the model.

Every importer turns its input into a :class:`SourcedTable`: records of text cells, each with
the row and column of the input it was read from. :func:`clean` recodes values, reads numbers
written as text and leaves suppressed figures out (with a note); :func:`check` applies the
validation rules and reports any fault at its place in the input file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from wres_lib.data.importers.recodes import (
    iso_date,
    plain_number,
    plain_percent,
    recoder,
    wres_year,
)
from wres_lib.data.schema import TABLES, Column
from wres_lib.data.validation import check_text_table
from wres_lib.errors import Violation

NOT_IN_FILE = "-"  # the column label of a value the importer set (a constant or a default)


@dataclass(frozen=True)
class Record:
    """One row of a canonical table: for each column, the text and the source column's label."""

    row: int
    cells: dict[str, tuple[str, str]]

    def text(self, column: str) -> str:
        """The text of canonical column ``column``."""
        return self.cells[column][0]

    def with_text(self, column: str, text: str) -> Record:
        """A copy with ``column``'s text replaced, keeping where the cell came from."""
        return Record(self.row, {**self.cells, column: (text, self.cells[column][1])})


@dataclass(frozen=True)
class SourcedTable:
    """Rows for the canonical table ``name`` read from ``source`` (a file, and a sheet)."""

    name: str
    source: str
    records: list[Record]
    notes: list[str] = field(default_factory=list)
    # Rows left out because a figure of theirs (or of their total) was suppressed.
    withheld: list[Record] = field(default_factory=list)


@dataclass(frozen=True)
class Cleaning:
    """How to clean an imported table's values (see :func:`clean`)."""

    recodes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    suppressed: tuple[str, ...] = ()
    percent_as_fraction: bool = False
    sum_duplicates: bool = False


def clean(table: SourcedTable, how: Cleaning) -> SourcedTable:
    """Recode values, read numbers, leave suppressed figures out and optionally sum duplicates.

    A suppressed figure in a column that may be empty becomes empty; elsewhere its row is
    left out. With ``sum_duplicates`` (counts only), rows with the same key after recoding
    (White British and White Irish both White) are added up, and a key with a suppressed part
    is left out whole, as its total is unknown. Each omission is recorded in ``notes``.
    """
    spec = TABLES[table.name]
    converters = {c.name: _converter(c, how) for c in spec.columns}
    markers = {m.casefold() for m in how.suppressed}
    kept: list[Record] = []
    withheld: list[Record] = []
    emptied: list[Record] = []
    seen: set[str] = set()
    for record in table.records:
        cells = dict(record.cells)
        suppressed = False
        for column in spec.columns:
            text, label = cells[column.name]
            if column.kind in ("count", "percent") and text.strip().casefold() in markers:
                seen.add(text.strip())
                suppressed = suppressed or not column.nullable
                cells[column.name] = ("", label)
                if column.nullable:
                    emptied.append(record)
                continue
            cells[column.name] = (converters[column.name](text.strip()), label)
        (withheld if suppressed else kept).append(Record(record.row, cells))
    notes = list(table.notes)
    if withheld:
        notes.append(
            f"{table.source}: {_count(withheld, 'row')} with a suppressed figure "
            f"({_markers(seen)}) left out ({rows_text(withheld)})"
        )
    if emptied:
        notes.append(
            f"{table.source}: {_count(emptied, 'suppressed figure')} in a column that may be "
            f"empty left empty ({rows_text(emptied)})"
        )
    partial: list[Record] = []
    if how.sum_duplicates:
        kept, partial = _sum_duplicates(spec.key, kept, withheld, spec.columns)
        if partial:
            notes.append(
                f"{table.source}: {_count(partial, 'other row')} of a total with a suppressed "
                f"part also left out ({rows_text(partial)})"
            )
    return replace(table, records=kept, notes=notes, withheld=[*withheld, *partial])


def check(
    table: SourcedTable, organisations: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[Violation]]:
    """The typed table, and every rule it breaks, each placed at its row and column in the
    source (with ``organisations``, unknown or closed organisations too)."""
    columns = TABLES[table.name].column_names
    texts = pd.DataFrame({c: [r.cells[c][0] for r in table.records] for c in columns}, dtype=object)
    labels = pd.DataFrame(
        {c: [r.cells[c][1] for r in table.records] for c in columns}, dtype=object
    )
    rows = [r.row for r in table.records]
    return check_text_table(table.name, texts, table.source, rows, labels, organisations)


def _converter(column: Column, how: Cleaning) -> Callable[[str], str]:
    if column.kind == "year":
        return wres_year
    if column.kind in ("count", "indicator", "number"):
        return plain_number
    if column.kind == "percent":
        return _fraction_to_percent if how.percent_as_fraction else plain_percent
    if column.kind == "date":
        return iso_date
    if column.kind == "bool" or column.allowed is not None:
        recode = recoder(column.name, how.recodes.get(column.name))
        cache: dict[str, str] = {}
        return lambda text: cache.setdefault(text, recode(text))
    return str


def _fraction_to_percent(text: str) -> str:
    number = plain_percent(text)
    try:
        return f"{float(number) * 100:.12g}"
    except ValueError:
        return number


def _sum_duplicates(
    key: tuple[str, ...],
    records: list[Record],
    withheld: list[Record],
    columns: tuple[Column, ...],
) -> tuple[list[Record], list[Record]]:
    """Records with one key added up; also those whose key has a withheld part (left out)."""
    incomplete = {tuple(r.text(c) for c in key) for r in withheld}
    groups: dict[tuple[str, ...], list[Record]] = {}
    for record in records:
        groups.setdefault(tuple(record.text(c) for c in key), []).append(record)
    counts = [c.name for c in columns if c.kind == "count"]
    summed: list[Record] = []
    partial: list[Record] = []
    for group_key, group in groups.items():
        if group_key in incomplete:
            partial.extend(group)
            continue
        totals = [_total([r.text(c) for r in group]) for c in counts]
        if len(group) == 1 or any(t is None for t in totals):
            summed.extend(group)  # a value that is not a number is reported by check()
            continue
        first = group[0]
        for column, total in zip(counts, totals, strict=True):
            first = first.with_text(column, str(total))
        summed.append(first)
    return summed, partial


def _total(texts: list[str]) -> int | None:
    try:
        numbers = [float(t) for t in texts]
    except ValueError:
        return None
    if not all(n.is_integer() for n in numbers):
        return None
    return int(sum(numbers))


def _count(records: list[Record], noun: str) -> str:
    return f"{len(records)} {noun}{'' if len(records) == 1 else 's'}"


def _markers(markers: set[str]) -> str:
    return ", ".join(f'"{m}"' for m in sorted(markers))


def rows_text(records: list[Record], shown: int = 10) -> str:
    """The rows of ``records`` as notes name them ("rows 4, 7, ... and 3 more")."""
    rows = sorted({r.row for r in records})
    listed = ", ".join(str(r) for r in rows[:shown])
    more = f" and {len(rows) - shown} more" if len(rows) > shown else ""
    return f"row{'' if len(rows) == 1 else 's'} {listed}{more}"
