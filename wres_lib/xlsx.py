"""XLSX workbooks saved byte-identically from run to run (no save-time stamps)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from openpyxl import Workbook

# Workbooks carry no date of their own: the data's dates are in the data or the notes.
FIXED_TIMESTAMP = datetime(2000, 1, 1)
ZIP_DATE_TIME = (2000, 1, 1, 0, 0, 0)
CORE_PROPERTIES = "docProps/core.xml"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def workbook_bytes(book: Workbook) -> bytes:
    """``book`` saved as XLSX bytes, every date stamp fixed, so equal books give equal bytes."""
    book.properties.created = book.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    fixed_buffer = io.BytesIO()
    with zipfile.ZipFile(fixed_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(entry.filename)
            if entry.filename == CORE_PROPERTIES:  # openpyxl stamps the save time here
                content = MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return fixed_buffer.getvalue()
