"""Download a source's file into the local cache: resumable, checked and recorded.

A year's file of a source goes to ``<cache>/<source>/<year>/<filename>``: it is downloaded to
``<filename>.part`` and renamed only once complete, of the kind its name says (by its first
bytes, see :mod:`wres_lib.data.fetch.content`) and matching a pinned sha256, so an interrupted
download or a web page served in its place never looks complete; ``fetched.json`` beside it
records the address, sha256, size and time. An interrupted download resumes with an HTTP Range
request that names the partial file's ETag or Last-Modified date (``If-Range``), so a file
replaced on the server in between is downloaded again in full rather than spliced.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from typing import Any, BinaryIO

from wres_lib.data.fetch.content import content_problem
from wres_lib.data.fetch.sources import PART, PART_INFO, RECORD, FetchError, Source
from wres_lib.data.metadata import sha256_of
from wres_lib.files import write_text_atomically
from wres_lib.version import __version__

DEFAULT_CACHE = Path("data/cache")
DEFAULT_TIMEOUT = 60.0
CHUNK = 1 << 16
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)\Z")


@dataclass(frozen=True)
class Fetched:
    """A file in the cache and what is recorded about it.

    ``status`` is ``downloaded``, ``resumed`` (a partial download completed), ``cached``
    (already complete, its sha256 checked against the record, nothing downloaded) or
    ``recorded`` (a file copied into the cache by hand, now recorded; ``url`` is None).
    """

    source: str
    year: int
    path: Path
    url: str | None
    sha256: str
    bytes: int
    fetched_at: str
    status: str


def fetch_source(
    source: Source,
    year: int,
    cache: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    refresh: bool = False,
) -> Fetched:
    """Download ``source``'s ``year`` file into ``cache`` unless it is already there, complete.

    Resumes a partial download; ``refresh`` downloads the file again whatever is there.
    Raises :class:`FetchError` with a one-line message saying what to do.
    """
    folder = cache / source.name / str(year)
    target = folder / source.filename_for(year)
    if not source.has_address(year) and source.landing and not target.exists():
        raise FetchError(
            f"{source.name}: the publisher gives no stable address for the file, only a page; "
            f"{source.by_hand(year, target)}, then run again"
        )
    url = source.url_for(year)
    part = target.with_name(target.name + PART)
    expected = source.sha256.get(year)
    if refresh:
        _discard(part)
    elif target.exists():
        return _existing(source, year, target, expected)
    folder.mkdir(parents=True, exist_ok=True)
    status = _download(source, url, target, timeout)
    problem = content_problem(part, target.name)
    if problem is not None:
        _discard(part)
        raise FetchError(
            f"{source.name}: {url} sent {problem}; the download was discarded. The address "
            f"probably leads to the publisher's page rather than the file: check it in "
            f"{source.config}, or {source.by_hand(year, target)}"
        )
    digest = sha256_of(part)
    if expected is not None and digest != expected:
        _discard(part)
        raise FetchError(
            f"{source.name}: {url} gave a file with sha256 {digest}, but {source.config} "
            f"expects {expected} for {year}; the download was discarded. If the publisher "
            "replaced the file on purpose, update the sha256 in your config"
        )
    size = part.stat().st_size
    os.replace(part, target)
    _discard(part)
    return _record(source, year, target, url, digest, size, status)


def _existing(source: Source, year: int, target: Path, expected: str | None) -> Fetched:
    digest = sha256_of(target)
    record = _read_json(target.parent / RECORD)
    if record is None or record.get("filename") != target.name:
        problem = content_problem(target, target.name)
        if problem is not None:
            raise FetchError(
                f"{source.name}: {target} (copied by hand) is {problem}; replace it with the "
                "file itself"
            )
        if expected is not None and digest != expected:
            raise FetchError(
                f"{source.name}: {target} has sha256 {digest}, but {source.config} expects "
                f"{expected} for {year}; replace it with the right file, or delete it and "
                "fetch again"
            )
        return _record(source, year, target, None, digest, target.stat().st_size, "recorded")
    if digest != record.get("sha256"):
        raise FetchError(
            f"{source.name}: {target} has changed since it was fetched (sha256 {digest}, "
            f"recorded {record.get('sha256')}); fetch it again with --refresh"
        )
    if expected is not None and digest != expected:
        raise FetchError(
            f"{source.name}: {target} has sha256 {digest}, but {source.config} now expects "
            f"{expected} for {year}; fetch it again with --refresh"
        )
    return Fetched(
        source=source.name,
        year=year,
        path=target,
        url=record.get("url"),
        sha256=digest,
        bytes=target.stat().st_size,
        fetched_at=str(record.get("fetched_at")),
        status="cached",
    )


def _record(
    source: Source, year: int, target: Path, url: str | None, digest: str, size: int, status: str
) -> Fetched:
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    record = {
        "source": source.name,
        "year": year,
        "filename": target.name,
        "url": url,
        "sha256": digest,
        "bytes": size,
        "fetched_at": fetched_at,
        "by_hand": url is None,
    }
    write_text_atomically(target.parent / RECORD, json.dumps(record, indent=2) + "\n")
    return Fetched(source.name, year, target, url, digest, size, fetched_at, status)


def _download(source: Source, url: str, target: Path, timeout: float) -> str:
    """Complete ``target``'s .part file from ``url``; return ``downloaded`` or ``resumed``."""
    part = target.with_name(target.name + PART)
    info_path = target.with_name(target.name + PART_INFO)
    info = _read_json(info_path) if part.exists() else None
    validator = info.get("validator") if info is not None and info.get("url") == url else None
    offset = part.stat().st_size if validator else 0
    headers = {"User-Agent": f"wres-briefings/{__version__}"}
    if offset:
        headers |= {"Range": f"bytes={offset}-", "If-Range": str(validator)}
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 416 and offset:
            _discard(part)
            return _download(source, url, target, timeout)
        advice = (
            "try again later"
            if error.code >= 500
            else f"check the address in {source.config} against the publisher's page"
        )
        raise FetchError(
            f"{source.name}: {url} answered HTTP {error.code} {error.reason}; {advice}, or "
            f"{_by_hand(source, target)}"
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timeout(source, url, target, timeout) from error
        raise _unreachable(source, url, target, error.reason) from error
    except TimeoutError as error:
        raise _timeout(source, url, target, timeout) from error
    except (OSError, HTTPException) as error:
        raise _unreachable(source, url, target, error) from error
    with response:
        start, total = _extent(response)
        if response.status == 206 and start != offset:
            _discard(part)
            raise FetchError(
                f"{source.name}: {url} sent bytes from {start}, not {offset} as asked; the "
                "partial download was discarded, run again to download it in full"
            )
        if response.status != 206:
            offset = 0
            validator = _validator(response)
            write_text_atomically(info_path, json.dumps({"url": url, "validator": validator}))
        with open(part, "ab" if offset else "wb") as out:
            _copy(response, out, source, url, target, timeout)
            out.flush()
            os.fsync(out.fileno())
    size = part.stat().st_size
    if total is not None and size != total:
        raise FetchError(
            f"{source.name}: the download of {url} stopped at {size:,} of {total:,} bytes; run "
            "the same command again to resume it"
        )
    return "resumed" if offset else "downloaded"


def _validator(response: HTTPResponse) -> str | None:
    """What identifies this version of the file for If-Range: a strong ETag, or the date."""
    etag = response.headers.get("ETag")
    if etag and not etag.startswith("W/"):
        return etag
    return response.headers.get("Last-Modified")


def _extent(response: HTTPResponse) -> tuple[int, int | None]:
    """Where the body starts in the file, and the file's full size if the server said."""
    if response.status == 206:
        match = _CONTENT_RANGE.match(response.headers.get("Content-Range", "").strip())
        if match is None:
            return -1, None
        return int(match[1]), None if match[3] == "*" else int(match[3])
    length = response.headers.get("Content-Length")
    return 0, int(length) if length and length.isdigit() else None


def _copy(
    response: HTTPResponse, out: BinaryIO, source: Source, url: str, target: Path, timeout: float
) -> None:
    while True:
        try:
            chunk = response.read(CHUNK)
        except TimeoutError as error:
            raise _timeout(source, url, target, timeout) from error
        except (OSError, HTTPException) as error:
            raise FetchError(
                f"{source.name}: the download of {url} was interrupted ({error!r}); run the "
                "same command again to resume it"
            ) from error
        if not chunk:
            return
        out.write(chunk)


def _timeout(source: Source, url: str, target: Path, timeout: float) -> FetchError:
    return FetchError(
        f"{source.name}: {url} sent nothing for {timeout:g} seconds; run again (a partial "
        f"download resumes), give a longer --timeout, or {_by_hand(source, target)}"
    )


def _unreachable(source: Source, url: str, target: Path, reason: object) -> FetchError:
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return FetchError(
        f"{source.name}: cannot reach {url} ({text}); check your network connection and run "
        f"again, or {_by_hand(source, target)}"
    )


def _by_hand(source: Source, target: Path) -> str:
    """How to get the file by hand; the year is the name of the target's folder."""
    return source.by_hand(int(target.parent.name), target)


def _discard(part: Path) -> None:
    part.unlink(missing_ok=True)
    part.with_name(part.name.removesuffix(PART) + PART_INFO).unlink(missing_ok=True)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
