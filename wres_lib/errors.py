"""Named errors. Every error the library raises on purpose derives from :class:`WresError`."""

from __future__ import annotations

from dataclasses import dataclass


class WresError(Exception):
    """Base class for errors raised by wres_lib."""


@dataclass(frozen=True)
class Violation:
    """One broken rule in a dataset: where it is, what was found and what was expected.

    ``row`` counts as a spreadsheet does: in a CSV file the header is row 1, so the
    first record is row 2; in a Parquet file the first record is row 1. ``row`` and
    ``column`` are ``None`` when the fault concerns the whole file or table.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        found = "" if self.value is None else f": found {self.value!r}"
        return f"{where}{found}; expected {self.expected}"


class DataValidationError(WresError):
    """A dataset broke one or more rules; ``violations`` lists every one of them."""

    def __init__(self, path: str, violations: list[Violation]):
        self.path = path
        self.violations = list(violations)
        count = len(self.violations)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {v}" for v in self.violations[:20])
        more = f"\n  ... and {count - 20} more" if count > 20 else ""
        super().__init__(f"dataset {path} has {count} {noun}:\n{lines}{more}")
