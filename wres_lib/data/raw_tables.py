"""A table file (CSV or Parquet) read as text, each record with its row as the file shows it.

In a CSV file a record's row is the physical line it starts on (the header is line 1), so
blank lines are counted as a text editor counts them; in a Parquet file the first record is
row 1. Every problem that stops a file being read is reported as a violation naming the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from wres_lib.data.schema import TableSpec
from wres_lib.data.text_files import decode_utf8, delimiter_problem, not_a_file
from wres_lib.errors import Violation


@dataclass
class RawTable:
    """A table as read from its file: every value as text, with the file's row numbering."""

    spec: TableSpec
    file: str
    frame: pd.DataFrame
    row_numbers: np.ndarray  # each record's row as the file shows it (in CSV the header is 1)
    # Where each cell came from, when the file's columns are not the table's (importers).
    column_labels: pd.DataFrame | None = None

    def rows(self, mask: np.ndarray | pd.Series) -> np.ndarray:
        return self.row_numbers[np.flatnonzero(np.asarray(mask))]

    def column(self, name: str, index: int) -> str:
        """The name to report for column ``name`` of record ``index``."""
        return name if self.column_labels is None else str(self.column_labels[name].iat[index])


def read_raw_table(path: Path, spec: TableSpec, violations: list[Violation]) -> RawTable | None:
    """The table in ``path`` as text, or None with the reason added to ``violations``."""
    what = not_a_file(path)
    if what is not None:
        violations.append(Violation(path.name, None, None, None, f"a file, not {what}"))
        return None
    if path.suffix == ".csv":
        read = _read_csv(path, violations)
        if read is None:
            return None
        frame, rows = read
    else:
        try:
            frame = pd.read_parquet(path)
        except (ValueError, OSError) as error:
            violations.append(
                Violation(path.name, None, None, None, f"a readable Parquet file ({error})")
            )
            return None
        frame = frame.astype(object).where(frame.notna(), "").astype(str)
        rows = np.arange(len(frame)) + 1
    frame.columns = [str(c).strip() for c in frame.columns]
    twice = sorted({c for c in spec.column_names if list(frame.columns).count(c) > 1})
    for column in twice:
        violations.append(Violation(path.name, 1, column, None, f"one column named '{column}'"))
    if twice:
        return None
    missing = [c for c in spec.column_names if c not in frame.columns]
    for column in missing:
        violations.append(Violation(path.name, 1, column, None, f"a column named '{column}'"))
    if missing:
        return None
    frame = frame.loc[:, list(spec.column_names)].apply(lambda s: s.str.strip())
    return RawTable(spec, path.name, frame.reset_index(drop=True), rows)


def _read_csv(path: Path, violations: list[Violation]) -> tuple[pd.DataFrame, np.ndarray] | None:
    """The records of a CSV file as text and the line each starts on; blank lines skipped."""
    text, problem = decode_utf8(path.read_bytes())
    if text is None:
        violations.append(Violation(path.name, None, None, None, str(problem)))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = record
                continue
            records.append(record)
            lines.append(start)
    except csv.Error as error:
        violations.append(
            Violation(path.name, reader.line_num, None, None, f"a readable CSV file ({error})")
        )
        return None
    if header is None:
        violations.append(Violation(path.name, 1, None, None, "a header row naming the columns"))
        return None
    problem = delimiter_problem(header)
    if problem is not None:
        violations.append(Violation(path.name, 1, None, None, problem))
        return None
    width = len(header)
    for record, line in zip(records, lines, strict=True):
        if len(record) > width:
            violations.append(
                Violation(
                    path.name,
                    line,
                    None,
                    None,
                    f"at most {width} cells, as in the header (found {len(record)})",
                )
            )
            return None
    padded = [record + [""] * (width - len(record)) for record in records]
    frame = pd.DataFrame(padded, columns=header, dtype=object).astype(str)
    return frame, np.asarray(lines, dtype=int)
