"""A year's set of briefings recorded as complete, so a build asked for again with nothing
changed ends at once, without reading the data or starting a worker.

A build in which no briefing failed records, in its manifest, a hash of the request (the
dataset's content, the library's code, the rendering packages and fonts, the notebooks, the run
date, the year, the levels, codes and formats asked for, the data folder as given and
resolved) and a hash of the entries it left, once the index is written. The same request later
is up to date while the manifest still holds exactly those entries and every file they list is
in the year's folder with its recorded size: nothing can have changed that a build would render
again. Anything else (another ``wres brief``, a file deleted or edited, a changed input, a
damaged or forged manifest) misses, and the build plans every briefing as usual. Nothing here
imports pandas, and nothing outside the year's folder is looked at because the manifest names it.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from wres_lib.data.metadata import sha256_of
from wres_lib.data.provenance import library_hash
from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.fingerprint import renderer_fingerprint
from wres_lib.render.parameters import NOTEBOOKS, default_run_date

COMPLETE_KEY = "complete"
DONE_STATUSES = ("ok", "skipped")


def request_hash(
    dataset_hash: str,
    data_dir: Path,
    year: int,
    levels: Iterable[str],
    only: Iterable[str],
    formats: Iterable[str],
    notebooks_dir: Path = NOTEBOOKS_DIR,
) -> str:
    """One hash of everything a build's set of briefings depends on, and of what was asked."""
    parts = {
        "dataset": dataset_hash,
        "data_dir": [str(data_dir), str(data_dir.resolve())],  # the page prints it as given
        "library": library_hash(),
        "renderer": renderer_fingerprint(),
        "notebooks": [sha256_of(notebooks_dir / name) for name in sorted(NOTEBOOKS.values())],
        "run_date": default_run_date(),
        "year": year,
        "levels": sorted(levels),
        "only": sorted(only),
        "formats": sorted(formats),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def entries_hash(entries: Iterable[dict[str, Any]]) -> str:
    """A hash of the manifest entries that say what each briefing is: level, code, input hash,
    status and files (not the durations or leads)."""
    kept = sorted(
        (e["level"], e["code"], e.get("input_hash", ""), e["status"], sorted(e["files"]))
        for e in entries
    )
    return hashlib.sha256(json.dumps(kept).encode()).hexdigest()


def complete_record(request: str, entries: list[dict[str, Any]], planned: int) -> dict[str, Any]:
    """What the manifest keeps of a build of ``planned`` briefings, every one rendered or
    unchanged."""
    return {"request": request, "entries": entries_hash(entries), "briefings": planned}


def unchanged_count(out_dir: Path, year: int, request: str) -> int | None:
    """How many briefings the build of ``request`` planned if the year's manifest records it as
    complete and still holds the entries it left, each done and with its files present at their
    recorded sizes; None otherwise (a damaged or forged manifest included: nothing is read
    because of it)."""
    year_dir = out_dir / str(year)
    try:
        manifest = json.loads((year_dir / "manifest.json").read_text(encoding="utf-8"))
        record, entries = manifest[COMPLETE_KEY], manifest["briefings"]
        if record["request"] != request or record["entries"] != entries_hash(entries):
            return None
        planned = record["briefings"]
        done = type(planned) is int and 0 <= planned <= len(entries)
        done = done and all(e["status"] in DONE_STATUSES for e in entries)
        files = [e["files"].items() for e in entries]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    present = (year_dir / "index.html").is_file() and all(
        _kept(out_dir, str(year), name, size) for listed in files for name, size in listed
    )
    return planned if done and present else None


def _kept(out_dir: Path, year: str, name: object, size: object) -> bool:
    """True if ``name`` is a file of the ``year`` folder under ``out_dir`` (no ``..``) and is
    there with ``size`` bytes."""
    path = PurePosixPath(name) if isinstance(name, str) else None
    if path is None or path.parts[:1] != (year,) or ".." in path.parts or type(size) is not int:
        return False
    try:
        found = (out_dir / path).lstat()  # a link to a file elsewhere is not a page we wrote
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(found.st_mode) and found.st_size == size
