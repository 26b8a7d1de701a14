"""Copy a year's publishable files out of the output folder, ready for a static site.

What is copied: the index page, the manifest, every briefing (HTML and PDF) and the indicator
tables, the CSV files compressed with gzip (a tenth of the size; nothing links to them, and
spreadsheet tools and ``gunzip`` open them). What is left: lock files, temporary files and
anything else whose name starts with a dot. Compression is deterministic (no time or name in
the gzip header), so the same build publishes the same bytes. A build writes files, never
links: a symbolic link among them (which could point anywhere on the machine) stops the
publishing before anything is copied.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from wres_lib.files import write_bytes_atomically
from wres_lib.render.levels import LEVELS
from wres_lib.render.paths import check_output_folder

BRIEFING_SUFFIXES = (".html", ".pdf")
YEAR_FILES = ("index.html", "manifest.json")


def publishable(year_dir: Path) -> list[Path]:
    """The publishable files of ``year_dir``, relative to it, in a fixed order."""
    files = [Path(name) for name in YEAR_FILES if (year_dir / name).is_file()]
    for level in LEVELS:
        files += sorted(
            path.relative_to(year_dir)
            for path in (year_dir / level).glob("*")
            if path.suffix in BRIEFING_SUFFIXES and not path.name.startswith(".")
        )
    tables = year_dir / "tables"
    files += sorted(p.relative_to(year_dir) for p in tables.glob("[!.]*") if p.is_file())
    return files


def linked(year_dir: Path, files: list[Path]) -> list[Path]:
    """Those of ``files`` (relative to ``year_dir``) that are symbolic links or lie in a
    linked folder."""
    return [
        relative
        for relative in files
        if any((year_dir / part).is_symlink() for part in (relative, *relative.parents[:-1]))
    ]


def publish(out_dir: Path, year: int, target: Path) -> list[Path]:
    """Copy the publishable files of ``out_dir/<year>`` to ``target/<year>``; return them.

    The year's folder in ``target``, if it was published before (it has a manifest), is
    replaced, so a briefing no longer built is not left behind. Raises
    :class:`~wres_lib.render.paths.OutputFolderError` if ``target`` cannot be written, and
    ``ValueError`` if it is the output folder itself or inside it, if its year folder holds
    files that were not published by this command, or if the year's folder (in either) or a
    publishable file is a symbolic link.
    """
    if (out_dir / str(year)).is_symlink():
        raise ValueError(f"{out_dir / str(year)} is a symbolic link, not the folder a build wrote")
    source = (out_dir / str(year)).resolve()
    destination = (target / str(year)).resolve()
    if destination == source or source in destination.parents:
        raise ValueError(f"publish to a folder outside {out_dir}, not {target}")
    files = publishable(source)
    if links := linked(source, files):
        raise ValueError(
            f"{source / links[0]} is a symbolic link, not a file a build wrote; remove it and "
            "build again before publishing"
        )
    if destination.exists():
        linked_year = (target / str(year)).is_symlink()  # replacing it would empty its target
        if linked_year or not (destination / "manifest.json").is_file():
            raise ValueError(
                f"{target / str(year)} exists and is not a published year; not replacing it"
            )
        shutil.rmtree(destination)
    check_output_folder(target)
    written = []
    for relative in files:
        content = (source / relative).read_bytes()
        if relative.suffix == ".csv":
            relative = relative.with_name(relative.name + ".gz")
            content = gzip.compress(content, compresslevel=9, mtime=0)
        write_bytes_atomically(destination / relative, content)
        written.append(destination / relative)
    return written
