"""The shared tables of a build kept on disk as data, never as code: Parquet files and a small
JSON index, in a folder named by a key (the dataset's content hash and the library's hash).

The output folder may be shared or published, so what is read back is checked: the index must
name the expected key and format, and every file must have the sha256 the index records. A
cache that fails a check raises :class:`DamagedCacheError` (the caller computes the tables
again). Parquet and JSON are data: nothing read from the cache can run code. The checksums
catch damage, not forgery: whoever can write the output folder can change its pages anyway.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

FORMAT = 1
INDEX = "context.json"
PREFIX = "context-"


class DamagedCacheError(Exception):
    """A cache folder exists but fails a check; the message says which and why."""


def cache_folder(cache_dir: Path, key: str) -> Path:
    """The folder of ``key``'s tables under ``cache_dir``."""
    return Path(cache_dir) / f"{PREFIX}{key}"


def save_tables(cache_dir: Path, key: str, tables: dict[str, pd.DataFrame]) -> Path:
    """Write ``tables`` and their index under ``cache_dir`` for ``key``; return the folder.

    The folder is written under a temporary name and renamed into place, so a reader sees all of
    it or none. Folders of other keys (earlier data or code) and old pickle files are removed.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_folder(cache_dir, key)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=cache_dir))
    try:
        recorded = {}
        for name, frame in tables.items():
            path = temporary / f"{name}.parquet"
            frame.to_parquet(path)
            recorded[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        index = {"format": FORMAT, "key": key, "tables": recorded}
        (temporary / INDEX).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
        try:
            os.rename(temporary, target)
        except OSError:  # another process wrote the same key first: its files are as good
            shutil.rmtree(temporary, ignore_errors=True)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    for stale in cache_dir.glob(f"{PREFIX}*"):
        if stale != target:
            remove(stale)
    return target


def load_tables(cache_dir: Path, key: str) -> dict[str, pd.DataFrame] | None:
    """The tables saved for ``key``, each checked against the index; None if there are none.

    Raises :class:`DamagedCacheError` if the folder exists but anything in it is wrong.
    """
    folder = cache_folder(cache_dir, key)
    if not folder.exists():
        return None
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if index.get("format") != FORMAT or index.get("key") != key:
            raise DamagedCacheError(f"{folder / INDEX} is for another format or key")
        tables = {}
        for name, digest in index["tables"].items():
            content = (folder / f"{name}.parquet").read_bytes()
            if hashlib.sha256(content).hexdigest() != digest:
                raise DamagedCacheError(f"{folder / name}.parquet does not match its checksum")
            tables[name] = pd.read_parquet(io.BytesIO(content))
    except DamagedCacheError:
        raise
    except Exception as error:  # unreadable: a missing file, bad JSON, a broken Parquet file
        reason = f"{type(error).__name__}: {error}"
        raise DamagedCacheError(f"{folder} is unreadable ({reason})") from error
    return tables


def remove(path: Path) -> None:
    """Delete a cache folder or file, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
