"""Writing files so that a reader never sees a half-written one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
