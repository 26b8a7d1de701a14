"""Writing files so that a reader never sees a half-written one, and workbooks whose bytes
depend only on their content (no save-time stamps)."""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is imported by whoever makes a workbook, not by every command
    from openpyxl import Workbook


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


# The mode a plain open(..., "w") gives a new file; read once, as changing the umask is global.
FILE_MODE = 0o666 & ~_read_umask()


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomically(target: Path, text: str) -> None:
    """Write UTF-8 ``text`` with ``\\n`` line endings atomically (see write_bytes_atomically)."""
    write_bytes_atomically(target, text.encode("utf-8"))


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
