"""The text a journalist command printed, kept so the same command prints it again at once.

``wres table NAME`` (to standard output) and ``wres stories`` print text that depends only on
the dataset's files, its ``dataset.yaml``, the library's code and the command's arguments. The
cache folder of a dataset (:mod:`wres_lib.analysis.context_cache`) is keyed by the first and the
third, and opened only while the files still match the checksums in ``dataset.yaml``; the text is
kept in it under a hash of ``dataset.yaml`` and the arguments (the year included), with its
sha256. A rerun with all of these unchanged prints the kept text without computing anything or
importing pandas; any change (a data file, ``dataset.yaml``, the library, an argument) misses,
and the command computes its output as usual.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from wres_lib.cli.common import checked_store

OUTPUTS = "outputs"


def served_output(
    data: Path, cache_dir: Path | None, no_cache: bool, command: list[Any], year: int | None
) -> str | None:
    """The text ``command`` printed for ``data`` and ``year`` (the latest in the data when
    None), if it was kept for the data, ``dataset.yaml`` and library as they are now."""
    path = _kept_path(data, cache_dir, no_cache, command, year)
    if path is None:
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record["text"]
        intact = record["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return text if intact and isinstance(text, str) else None


def keep_output(
    data: Path, cache_dir: Path | None, no_cache: bool, command: list[Any], year: int, text: str
) -> None:
    """Keep the ``text`` that ``command`` printed for ``data`` and ``year`` (nothing without a
    cache; a cache that cannot be written is left alone)."""
    from wres_lib.files import write_text_atomically

    path = _kept_path(data, cache_dir, no_cache, command, year)
    if path is None:
        return
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        write_text_atomically(path, json.dumps({"text": text, "sha256": digest}))
    except OSError:
        return


def _kept_path(
    data: Path, cache_dir: Path | None, no_cache: bool, command: list[Any], year: int | None
) -> Path | None:
    """Where ``command``'s text for ``data`` and ``year`` is kept: in the dataset's checked
    cache folder (None when there is none, or ``year`` is not in the data)."""
    from wres_lib.data.metadata import METADATA_FILE

    store = checked_store(data, cache_dir, no_cache)
    years = store.facts.get("years") if store is not None else None
    if not years:
        return None
    try:
        description = (data.resolve() / METADATA_FILE).read_bytes()
    except OSError:
        return None
    chosen = years[-1] if year is None else year
    if chosen not in years:
        return None
    digest = hashlib.sha256(description)
    digest.update(json.dumps([*command, chosen]).encode("utf-8"))
    return store.folder / OUTPUTS / f"{digest.hexdigest()}.json"
