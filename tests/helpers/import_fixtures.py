"""Helpers shared by the importer tests (tests/test_import_*.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from wres_lib.cli import main


def run(*args: str):
    """``wres`` with ``args``, as the command line would run it."""
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Each file's bytes by name, to show that a failed import changed nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """UTF-8 with a byte-order mark and Windows line endings, as Excel saves CSV."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path
