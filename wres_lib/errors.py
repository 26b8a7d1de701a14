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
    """A dataset broke one or more rules; ``violations`` lists every one of them.

    ``subject`` names what was checked in the message (an importer says "input").
    """

    def __init__(self, path: str, violations: list[Violation], subject: str = "dataset"):
        self.path = path
        self.violations = list(violations)
        count = len(self.violations)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {v}" for v in self.violations[:20])
        more = f"\n  ... and {count - 20} more" if count > 20 else ""
        super().__init__(f"{subject} {path} has {count} {noun}:\n{lines}{more}")


class ParameterError(WresError):
    """Briefing parameters did not match the notebook's declared schema; nothing was run."""


class BriefingError(WresError):
    """A briefing failed to render; names the notebook cell and the error when execution failed."""

    def __init__(
        self,
        briefing: str,
        message: str,
        cell_index: int | None = None,
        error_name: str | None = None,
    ):
        self.briefing = briefing
        self.cell_index = cell_index
        self.error_name = error_name
        where = f" in cell {cell_index}" if cell_index is not None else ""
        super().__init__(f"{briefing} failed{where}: {message}")
