"""Press tables as CSV (with a Markdown notes sidecar), Markdown, HTML and XLSX.

Names come from data files: each format keeps them inert (see :mod:`wres_lib.tables.escaping`):
HTML- and Markdown-escaped in Markdown, HTML-escaped in HTML, stored as text (never a formula)
in XLSX, and quoted in CSV if a spreadsheet would run them.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pandas.api.types import is_numeric_dtype

from wres_lib.files import workbook_bytes, write_bytes_atomically, write_text_atomically
from wres_lib.tables.escaping import FORMULA_NOTE, markdown_text, needs_quote, spreadsheet_text
from wres_lib.tables.press import PressTable

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written, not for CSV or Markdown
    from openpyxl.worksheet.worksheet import Worksheet

Format = Literal["csv", "md", "html", "xlsx"]
FORMATS: tuple[str, ...] = ("csv", "md", "html", "xlsx")
NOTES_SUFFIX = ".notes.md"
MAX_WIDTH = 60


def _text_columns(table: PressTable) -> list[str]:
    return [c for c in table.frame.columns if not is_numeric_dtype(table.frame[c])]


def has_formula_like_text(table: PressTable) -> bool:
    """Whether a text cell of ``table`` would be quoted in CSV (see :func:`to_csv`)."""
    return any(table.frame[c].map(needs_quote).any() for c in _text_columns(table))


def to_csv(table: PressTable) -> str:
    """The table as UTF-8 CSV text (the notes go to a sidecar: see :func:`notes_markdown`).

    Text a spreadsheet would run as a formula gets a leading single quote; numbers are kept.
    """
    frame = table.frame.copy()
    for column in _text_columns(table):
        frame[column] = frame[column].map(spreadsheet_text)
    return frame.to_csv(index=False, lineterminator="\n")


def notes_markdown(table: PressTable) -> str:
    """The title and notes as Markdown, the sidecar of a CSV file (with a note on quoted
    cells if there are any)."""
    notes = [*table.notes, *([FORMULA_NOTE] if has_formula_like_text(table) else [])]
    lines = [f"# {markdown_text(table.title)}", "", *(f"- {markdown_text(n)}" for n in notes)]
    return "\n".join(lines) + "\n"


def _text(column: str, value: object) -> str:
    """A cell as text: percentages and points to one decimal, other decimals to two."""
    if isinstance(value, float) and column == "p_value":
        return f"{value:.3g}"
    if isinstance(value, float):
        return f"{value:.1f}" if column.endswith(("_pct", "_pts")) else f"{value:.2f}"
    return str(value)


def _cell(column: str, value: object) -> str:
    return markdown_text(_text(column, value))


def _numeric(table: PressTable, column: str) -> bool:
    values = table.frame[column]
    return bool(len(values)) and any(isinstance(v, int | float) for v in values)


def to_markdown(table: PressTable) -> str:
    """A pipe table with its title above and notes below, ready to paste; every text is
    escaped, so names show as typed and never become HTML or Markdown."""
    columns = list(table.frame.columns)
    header = "| " + " | ".join(markdown_text(c) for c in columns) + " |"
    rule = "| " + " | ".join("---:" if _numeric(table, c) else "---" for c in columns) + " |"
    rows = [
        "| " + " | ".join(_cell(c, v) for c, v in zip(columns, row, strict=True)) + " |"
        for row in table.frame.itertuples(index=False)
    ]
    notes = [f"- {markdown_text(note)}" for note in table.notes]
    title = f"**{markdown_text(table.title)}**"
    return "\n".join([title, "", header, rule, *rows, "", *notes]) + "\n"


def to_html(table: PressTable) -> str:
    """A deterministic HTML fragment: the table with a caption, then the notes."""
    numeric = {c for c in table.frame.columns if _numeric(table, c)}
    head = "".join(
        f'<th scope="col"{" class=num" if c in numeric else ""}>{html.escape(str(c))}</th>'
        for c in table.frame.columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if c in numeric else ''}>{html.escape(_text(c, v))}</td>"
            for c, v in zip(table.frame.columns, row, strict=True)
        )
        + "</tr>\n"
        for row in table.frame.itertuples(index=False)
    )
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in table.notes)
    return (
        f'<table class="press-table"><caption>{html.escape(table.title)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"
        f'<ul class="table-notes">{notes}</ul>\n'
    )


def _number_format(column: str, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return "#,##0"
    return "0.0" if column.endswith(("_pct", "_pts")) else "0.00"


def to_xlsx(table: PressTable) -> bytes:
    """A workbook: the table (frozen header, number formats, fitted widths) and a Notes sheet.

    Every text cell is stored as text, so a name such as ``=HYPERLINK(...)`` is never a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Table"
    columns = [str(c) for c in table.frame.columns]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for row in table.frame.itertuples(index=False):
        values = [v.item() if hasattr(v, "item") else v for v in row]
        sheet.append(values)
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            number_format = _number_format(column, value)
            if number_format:
                sheet.cell(row=sheet.max_row, column=i + 1).number_format = number_format
            widths[i] = max(widths[i], len(f"{value:,}" if isinstance(value, int) else str(value)))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("Notes")
    notes.append([table.title])
    notes["A1"].font = Font(bold=True)
    for note in table.notes:
        notes.append([note])
    notes.column_dimensions["A"].width = 120
    for worksheet in (sheet, notes):
        _text_never_formula(worksheet)
    return workbook_bytes(book)


def _text_never_formula(sheet: Worksheet) -> None:
    """Store every text cell of ``sheet`` as a string (openpyxl takes '=...' for a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def render(table: PressTable, fmt: str) -> str:
    """The table as text in a text format (csv, md or html)."""
    renderers = {"csv": to_csv, "md": to_markdown, "html": to_html}
    if fmt not in renderers:
        raise ValueError(f"{fmt!r} is not a text format; choose csv, md or html")
    return renderers[fmt](table)


def write_table(table: PressTable, path: Path, fmt: str) -> list[Path]:
    """Write ``table`` to ``path`` atomically (a CSV also gets ``<path>.notes.md``)."""
    if fmt == "xlsx":
        write_bytes_atomically(path, to_xlsx(table))
        return [path]
    write_text_atomically(path, render(table, fmt))
    if fmt != "csv":
        return [path]
    sidecar = path.with_name(path.name + NOTES_SUFFIX)
    write_text_atomically(sidecar, notes_markdown(table))
    return [path, sidecar]
