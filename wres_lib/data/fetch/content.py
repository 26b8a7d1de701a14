"""Is a downloaded file of the kind its name says? Judged by its first bytes, not its name.

A publisher's site that has moved a file often answers its old address with a web page (a
"not found" page, a cookie banner or a sign-in form) and status 200. Such a page saved as
``workforce.xlsx`` would only fail later, in an importer, with a confusing message; it is
refused here instead. Spreadsheets and archives in the Office Open XML and OpenDocument
formats are ZIP files and begin with the bytes ``PK``; the older Excel format begins with
``D0 CF 11 E0``. A CSV or other text file is refused only when it is plainly HTML.
"""

from __future__ import annotations

from pathlib import Path

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP file, or an empty one
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the pre-2007 Office format (.xls)
EXPECTED_START = {
    ".xlsx": ZIP_MAGIC,
    ".xlsm": ZIP_MAGIC,
    ".ods": ZIP_MAGIC,
    ".zip": ZIP_MAGIC,
    ".xls": (OLE_MAGIC,),
}
KINDS = {".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook", ".ods": "an ODS spreadsheet",
         ".zip": "a ZIP archive", ".xls": "an Excel 97-2003 workbook"}  # fmt: skip
HTML_STARTS = (b"<!doctype html", b"<html", b"<head")
SNIFF = 512


def content_problem(path: Path, name: str) -> str | None:
    """Why the file at ``path`` (to be saved as ``name``) is not what its name says, or None."""
    with open(path, "rb") as handle:
        start = handle.read(SNIFF)
    suffix = Path(name).suffix.lower()
    html = _looks_like_html(start)
    expected = EXPECTED_START.get(suffix)
    if expected is not None and not start.startswith(expected):
        found = "a web page (HTML)" if html else f"a file starting {start[:8]!r}"
        return f"{found}, not {KINDS[suffix]} as the name {name} says"
    if expected is None and html and suffix != ".html":
        return f"a web page (HTML), not the {suffix or 'data'} file the name {name} says"
    return None


def _looks_like_html(start: bytes) -> bool:
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml version"):
        return b"<html" in text
    return text.startswith(HTML_STARTS)
