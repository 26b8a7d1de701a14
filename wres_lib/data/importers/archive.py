"""A table inside a ``.zip`` download (such as the ODS ``etr.zip``), read without unzipping by hand.

The member read is the one a mapping names (``member:``), or else the only CSV, XLSX or ODS file
in the archive. Names inside an archive are untrusted: the member is copied into a temporary folder
under its base name with only letters, digits, ".", "-" and "_" kept (so errors name it), never
extracted to a path the archive chooses, and a member larger than
``MAX_MEMBER_BYTES`` once uncompressed is refused.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from wres_lib.errors import WresError

ARCHIVE_SUFFIXES = (".zip",)
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".ods")
MAX_MEMBER_BYTES = 500 * 1024 * 1024


class ArchiveError(WresError):
    """A ``.zip`` file could not be read, or holds no single table to read."""


def is_archive(path: Path) -> bool:
    """Whether ``path`` is named as a zip archive."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def choose_member(path: Path, names: list[str], member: str | None) -> str:
    """The member of the archive ``path`` to read: ``member`` when given, else its only table."""
    if member is not None:
        if member not in names:
            raise ArchiveError(f"{path.name}: expected a member named {member!r} (found {names})")
        return member
    tables = [
        name
        for name in names
        if PurePosixPath(name).suffix.lower() in TABLE_SUFFIXES and not name.endswith("/")
    ]
    if len(tables) != 1:
        found = ", ".join(tables) if tables else "none"
        raise ArchiveError(
            f"{path.name}: expected exactly one CSV, XLSX or ODS file inside (found {found}); "
            "name the one to read with `member:` in a mapping file"
        )
    return tables[0]


@contextmanager
def extracted_member(path: Path, member: str | None = None) -> Iterator[tuple[str, Path]]:
    """Yield the chosen member's name and a temporary copy of it (removed afterwards)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"{path.name}: expected a zip archive ({error})") from error
    with archive, tempfile.TemporaryDirectory(prefix="wres-zip-") as scratch:
        name = choose_member(path, archive.namelist(), member)
        info = archive.getinfo(name)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ArchiveError(
                f"{path.name}: {name} is {info.file_size} bytes uncompressed; "
                f"expected at most {MAX_MEMBER_BYTES}"
            )
        copy = Path(scratch) / _safe_file_name(name)
        try:
            with archive.open(info) as source, copy.open("wb") as target:
                shutil.copyfileobj(source, target)
        except (OSError, zipfile.BadZipFile, RuntimeError) as error:  # RuntimeError: encrypted
            raise ArchiveError(f"{path.name}: could not read {name} ({error})") from error
        yield name, copy


def _safe_file_name(member: str) -> str:
    """The member's base name reduced to safe characters, with its suffix kept."""
    path = PurePosixPath(member.replace("\\", "/"))
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", path.stem).strip("_") or "member"
    return f"{stem}{path.suffix.lower()}"
