"""The shared tables computed from a dataset, kept on disk as data, never as code: Parquet files
and a small JSON index, in a folder named by a key (the dataset's content hash and the library's
hash), under a per-user cache folder (:func:`default_cache_dir`).

The cache may be shared, so what is read back is checked: the index must name the expected key
and format, and every file must have the sha256 the index records. A cache that fails a check
raises :class:`DamagedCacheError` (the caller computes the tables again). Parquet and JSON are
data: nothing read from the cache can run code. The checksums catch damage, not forgery: whoever
can write the cache folder can change the pages built from it anyway.

Tables are read when first asked for (:class:`CachedTables`), from memory-mapped files, and a
table can be read in part (some years, one organisation): the indicator table is written in
small row groups in its (level, year, code) order, so Parquet skips the groups a filter excludes.
They are read on one thread, decoding one row group at a time (Arrow's threads would decode many
at once, for a peak twice the size and no gain on tables this small), and the memory Arrow freed
on the way is given back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wres_lib.data.metadata import DatasetMetadata, read_metadata, sha256_of, table_files
from wres_lib.data.provenance import library_hash

if TYPE_CHECKING:  # pandas is imported when a table is read: `wres validate` needs none
    import pandas as pd

log = logging.getLogger(__name__)
FORMAT = 2
INDEX = "context.json"
PREFIX = "context-"
CACHE_DIR_ENV = "WRES_CACHE_DIR"
APP_FOLDER = "wres-briefings"
ROW_GROUP_ROWS = 16_384
# The tables a briefing context computes (besides the dataset's own): a cache has them all.
COMPUTED_TABLES = ("indicators", "model_employer", "lineage")


class DamagedCacheError(Exception):
    """A cache folder exists but fails a check; the message says which and why."""


def default_cache_dir() -> Path:
    """The per-user cache folder: ``$WRES_CACHE_DIR`` if set, else
    ``$XDG_CACHE_HOME/wres-briefings``, else ``~/.cache/wres-briefings``."""
    if chosen := os.environ.get(CACHE_DIR_ENV):
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / APP_FOLDER


def cache_folder(cache_dir: Path, key: str) -> Path:
    """The folder of ``key``'s tables under ``cache_dir``."""
    return Path(cache_dir) / f"{PREFIX}{key}"


def file_digest(path: Path) -> str:
    """The sha256 of the file at ``path``, read in chunks."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def files_unchanged(folder: Path, metadata: DatasetMetadata) -> bool:
    """True if the table files in ``folder`` are those ``dataset.yaml`` records, byte for byte."""
    present = {path.name for paths in table_files(folder).values() for path in paths}
    return present == set(metadata.files) and all(
        sha256_of(folder / name) == digest for name, digest in metadata.files.items()
    )


def cache_key(folder: Path, metadata: DatasetMetadata) -> str:
    """The cache key of the dataset in ``folder``: where it is, its content and the library."""
    place = hashlib.sha256(str(folder).encode()).hexdigest()[:8]
    return f"{place}-{metadata.content_hash[:16]}-{library_hash()}"


def save_tables(
    cache_dir: Path,
    key: str,
    tables: dict[str, pd.DataFrame],
    *,
    stale_prefix: str = "",
    facts: dict[str, Any] | None = None,
) -> Path:
    """Write ``tables`` and their index under ``cache_dir`` for ``key``; return the folder.

    The folder is written under a temporary name and renamed into place, so a reader sees all of
    it or none. Folders of other keys starting with ``stale_prefix`` (earlier data or code of the
    same dataset) and pickle files of older versions are removed. ``facts`` (plain JSON) are
    kept in the index for readers that need no table (:attr:`CachedTables.facts`).
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_folder(cache_dir, key)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=cache_dir))
    try:
        recorded = {}
        for name, frame in tables.items():
            path = temporary / f"{name}.parquet"
            frame.to_parquet(path, row_group_size=ROW_GROUP_ROWS)
            recorded[name] = file_digest(path)
        index = {"format": FORMAT, "key": key, "tables": recorded, "facts": facts or {}}
        (temporary / INDEX).write_text(json.dumps(index, indent=2, sort_keys=True) + "\n")
        try:
            os.rename(temporary, target)
        except OSError:  # another process wrote the same key first: its files are as good
            shutil.rmtree(temporary, ignore_errors=True)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    for stale in [
        *cache_dir.glob(f"{PREFIX}{stale_prefix}*"),
        *cache_dir.glob(f"{PREFIX}*.pickle"),
    ]:
        if stale != target:
            remove(stale)
    return target


class CachedTables:
    """The checked tables of one cache folder, each read from disk when asked for."""

    def __init__(self, folder: Path, digests: dict[str, str], facts: dict[str, Any]) -> None:
        self.folder = folder
        self.names = frozenset(digests)
        self.facts = facts

    def read(
        self,
        name: str,
        filters: list[tuple[str, str, Any]] | None = None,
        columns: list[str] | None = None,
    ) -> pd.DataFrame:
        """Table ``name``, or its rows matching ``filters`` (``[(column, op, value)]``), or only
        its ``columns``."""
        import pyarrow.parquet as pq

        path = self.folder / f"{name}.parquet"
        try:
            table = pq.read_table(
                path, columns=columns, memory_map=True, filters=filters, use_threads=False
            )
        except Exception as error:  # checked on opening: only a change since then gets here
            raise DamagedCacheError(f"{path} is unreadable ({error})") from error
        return _released(table.to_pandas(self_destruct=True))

    def read_scattered(self, name: str, filters: list[tuple[str, str, Any]]) -> pd.DataFrame:
        """Table ``name``'s rows matching ``filters``, for a filter the row groups' statistics
        cannot narrow (some organisations in every year): read one row group at a time,
        keeping only its matching rows, so the peak is one group rather than the whole table."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.folder / f"{name}.parquet"
        try:
            parquet = pq.ParquetFile(path)
            matching = pq.filters_to_expression(filters)
            table = pa.concat_tables(
                parquet.read_row_group(group, use_threads=False).filter(matching)
                for group in range(parquet.metadata.num_row_groups)
            )
        except Exception as error:  # checked on opening: only a change since then gets here
            raise DamagedCacheError(f"{path} is unreadable ({error})") from error
        return _released(table.to_pandas(self_destruct=True))

    def read_where(self, name: str, **equal: str) -> pd.DataFrame:
        """The rows of table ``name`` whose columns have the ``equal`` values, in order. Only the
        row groups whose statistics allow a match are read (a table is written sorted by the
        columns asked for, so these are few)."""
        import pyarrow.parquet as pq

        path = self.folder / f"{name}.parquet"
        try:
            parquet = pq.ParquetFile(path, memory_map=True)
            metadata = parquet.metadata
            index = {metadata.schema.column(i).name: i for i in range(metadata.num_columns)}
            groups = [
                group
                for group in range(metadata.num_row_groups)
                if all(
                    _may_hold(metadata.row_group(group).column(index[column]).statistics, value)
                    for column, value in equal.items()
                )
            ]
            table = parquet.read_row_groups(groups, use_threads=False)
            frame = _released(table.to_pandas(self_destruct=True))
        except Exception as error:  # checked on opening: only a change since then gets here
            raise DamagedCacheError(f"{path} is unreadable ({error})") from error
        for column, value in equal.items():
            frame = frame[frame[column] == value]
        return frame.reset_index(drop=True)


def _released(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``, after giving the memory Arrow freed while reading it back to the system (its
    allocator keeps freed memory for reuse; a kernel reads each table once)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    return frame


def _may_hold(statistics: Any, value: str) -> bool:
    """Whether a row group with these Parquet ``statistics`` may hold ``value``."""
    if statistics is None or not statistics.has_min_max:
        return True
    return statistics.min <= value <= statistics.max


def load_tables(cache_dir: Path, key: str) -> CachedTables | None:
    """The tables saved for ``key``, every file checked against the index; None if none.

    Raises :class:`DamagedCacheError` if the folder exists but anything in it is wrong.
    """
    folder = cache_folder(cache_dir, key)
    if not folder.exists():
        return None
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if index.get("format") != FORMAT or index.get("key") != key:
            raise DamagedCacheError(f"{folder / INDEX} is for another format or key")
        for name, digest in index["tables"].items():
            if file_digest(folder / f"{name}.parquet") != digest:
                raise DamagedCacheError(f"{folder / name}.parquet does not match its checksum")
    except DamagedCacheError:
        raise
    except Exception as error:  # unreadable: a missing file, bad JSON
        reason = f"{type(error).__name__}: {error}"
        raise DamagedCacheError(f"{folder} is unreadable ({reason})") from error
    return CachedTables(folder, index["tables"], index.get("facts", {}))


def open_cache(
    folder: Path, cache_dir: Path, required: Iterable[str] = COMPUTED_TABLES
) -> CachedTables | None:
    """The checked cache of the dataset in ``folder`` under ``cache_dir`` if it has the
    ``required`` tables and the data files are still those that were validated; else None.
    A damaged cache is removed with a one-line warning (the caller computes it again)."""
    metadata = read_metadata(folder)
    key = cache_key(folder, metadata)
    try:
        store = load_tables(cache_dir, key)
    except DamagedCacheError as error:
        log.warning("warning: damaged cache: %s; computing the shared tables again", error)
        remove(cache_folder(cache_dir, key))
        return None
    if store is None or not set(required) <= store.names:
        return None
    return store if files_unchanged(folder, metadata) else None


def checked_cache(data: Path, cache_dir: Path | None) -> CachedTables | None:
    """:func:`open_cache` for the dataset in ``data``, read without pandas; None instead of an
    error when there is no cache (``cache_dir`` None), no such folder, or it cannot be read."""
    from wres_lib.errors import WresError

    if cache_dir is None or not data.is_dir():
        return None
    try:
        return open_cache(data.resolve(), cache_dir)
    except (OSError, WresError):
        return None


def remove(path: Path) -> None:
    """Delete a cache folder or file, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
