"""Where outputs may be written: only inside the output folder, under names made from codes
that are plain identifiers.

Codes come from data files, which are untrusted: a code such as ``../../x`` or ``/tmp/x`` must never
choose where a file goes. Every output path is built from a code matching
:data:`~wres_lib.data.schema.CODE_PATTERN` (the rule input validation applies too) and checked, once
resolved, to lie inside the output folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from wres_lib.data.schema import CODE_PATTERN, CODE_RULE
from wres_lib.errors import WresError
from wres_lib.render.briefing import FORMATS, Briefing


class UnsafeOutputError(WresError):
    """An output path would be built from an unsafe code or lie outside the output folder."""


class OutputFolderError(WresError):
    """The output folder is not a folder, or cannot be written to."""


def check_code(code: str, what: str = "code") -> str:
    """``code`` if it is safe to use in a file name, else :class:`UnsafeOutputError`."""
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise UnsafeOutputError(
            f"{what} {code!r} cannot name an output file: expected {CODE_RULE}; nothing was written"
        )
    return code


def inside(out_dir: Path, path: Path) -> Path:
    """``path`` if, resolved, it lies inside ``out_dir``, else :class:`UnsafeOutputError`."""
    root = Path(out_dir).resolve()
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(root):
        raise UnsafeOutputError(
            f"{path} would be written outside the output folder {out_dir}; nothing was written"
        )
    return path


def check_briefing_outputs(briefing: Briefing, out_dir: Path) -> Briefing:
    """``briefing`` if its code is safe and each of its files would lie inside ``out_dir``."""
    check_code(briefing.code, f"{briefing.level} code")
    for fmt in FORMATS:
        inside(out_dir, briefing.output_path(out_dir, fmt))
    return briefing


def check_output_folder(out_dir: Path) -> None:
    """Make ``out_dir`` if needed and check a file can be written in it, before any rendering.

    Raises :class:`OutputFolderError` saying why not (a file, read-only, missing parent...).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"the output folder {out_dir} is a file; give a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir, prefix=".wres-probe-"):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputFolderError(f"cannot write to the output folder {out_dir}: {reason}") from error
