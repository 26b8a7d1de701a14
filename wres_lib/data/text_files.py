"""Reading untrusted input files safely: regular files only, UTF-8 text, commas between cells.

Shared by validation (dataset tables) and the importers, so that both say the same thing
about a folder where a file should be, a named pipe (which would make a read wait forever),
a file saved in a Windows or Latin-1 encoding, or a CSV file separated by semicolons.
"""

from __future__ import annotations

import stat
from pathlib import Path

# Separators that spreadsheet programs use instead of commas in some locales, and their names.
OTHER_DELIMITERS = {";": "semicolons (;)", "\t": "tabs"}
SAVE_AS_CSV = "save it from the spreadsheet program as 'CSV UTF-8 (Comma delimited)'"


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file ("a folder", ...), else None.

    Checked before opening, so that a named pipe is refused rather than waited on.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"an unreadable path ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    return "a device or socket"


def decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """``data`` as UTF-8 text (a byte-order mark dropped), or None and what is wrong: the line
    of the first byte that is not UTF-8 and what to do about it."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        return None, (
            f"text in UTF-8, but row {line} has the byte 0x{byte}, which is not UTF-8 (the "
            f"file was probably saved as Windows-1252 or Latin-1); {SAVE_AS_CSV}"
        )


def delimiter_problem(header: list[str]) -> str | None:
    """What to say when a CSV header row is one cell holding another separator, else None."""
    if len(header) != 1:
        return None
    for delimiter, name in OTHER_DELIMITERS.items():
        if delimiter in header[0]:
            return (
                f"cells separated by commas, but the header row is separated by {name}; "
                f"{SAVE_AS_CSV}"
            )
    return None
