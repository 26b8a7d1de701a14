"""Where an imported file came from: the address, checksum and date ``wres fetch`` recorded.

``wres fetch`` writes ``fetched.json`` beside each file it downloads. A file imported from
there is listed in the dataset's ``dataset.yaml`` under ``fetched`` with that address, sha256
and date, but only when the file is still the one fetched (its sha256 matches the record): a
file edited since is a different source and is not credited to the address.
"""

from __future__ import annotations

import json
from pathlib import Path

from wres_lib.data.fetch.sources import RECORD
from wres_lib.data.metadata import sha256_of


def fetched_entry(path: Path) -> dict[str, str] | None:
    """``path``'s entry for ``dataset.yaml`` (file, url, sha256, fetched_at), or None when no
    ``fetched.json`` beside it describes this very file."""
    record_path = path.parent / RECORD
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or record.get("filename") != path.name:
        return None
    digest = sha256_of(path)
    if record.get("sha256") != digest:
        return None
    return {
        "file": path.name,
        "url": str(record.get("url") or ""),
        "sha256": digest,
        "fetched_at": str(record.get("fetched_at") or ""),
    }


def fetched_entries(
    inputs: list[Path], earlier: tuple[dict[str, str], ...] = ()
) -> tuple[dict[str, str], ...]:
    """``earlier`` entries followed by those of ``inputs`` that were fetched, without repeats."""
    entries = list(earlier)
    for path in inputs:
        entry = fetched_entry(path)
        if entry is not None and entry not in entries:
            entries.append(entry)
    return tuple(entries)
