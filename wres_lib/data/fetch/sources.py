"""The sources ``wres fetch`` downloads: read from YAML and checked.

The packaged ``templates/fetch/sources.yaml`` is overridden source by source by a user file
(``--config FILE``, or ``wres-sources.yaml`` in the working directory). Each source has a
``url`` (with ``{year}``) or ``urls`` by year, and may pin a ``filename`` and a ``sha256`` per
year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from wres_lib.errors import WresError

USER_CONFIG = "wres-sources.yaml"
RECORD = "fetched.json"
PART = ".part"
PART_INFO = ".part.json"
SOURCE_KEYS = {"description", "url", "urls", "landing", "filename", "sha256"}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


class FetchError(WresError):
    """A source file could not be fetched or failed its check; the message says what to do."""


@dataclass(frozen=True)
class Source:
    """One downloadable file, per year: where it is published and how to check it."""

    name: str
    url: str | None
    config: str
    description: str = ""
    filename: str | None = None
    urls: dict[int, str] = field(default_factory=dict)
    sha256: dict[int, str] = field(default_factory=dict)
    # The publisher's page to download the file from by hand ({year} allowed), when known.
    landing: str | None = None

    def has_address(self, year: int) -> bool:
        """Whether the ``year`` file has an address ``wres fetch`` can download."""
        return self.urls.get(year, self.url) is not None

    def by_hand(self, year: int, target: Path) -> str:
        """How to get the ``year`` file by hand: the landing page to download it from, if known,
        and where to copy it."""
        page = f"from {self.landing.format(year=year)} " if self.landing else ""
        return f"download the {year} file in a browser {page}and copy it by hand to {target}"

    def url_for(self, year: int) -> str:
        """The address of the ``year`` file."""
        template = self.urls.get(year, self.url)
        if template is None:
            known = ", ".join(str(y) for y in sorted(self.urls))
            raise FetchError(
                f"{self.name}: no address for {year} (only for {known}); add it under urls "
                f"in {self.config}"
            )
        return template.format(year=year)

    def filename_for(self, year: int) -> str:
        """The name the ``year`` file is saved under in the cache."""
        if self.filename is not None:
            name = self.filename.format(year=year)
        else:
            name = unquote(urlsplit(self.url_for(year)).path.rsplit("/", 1)[-1])
        if not _NAME.match(name) or name == RECORD or name.endswith((PART, PART_INFO)):
            raise FetchError(
                f"{self.name}: cannot save the {year} file as {name!r}; give a plain "
                f"filename for it in {self.config}"
            )
        return name


def default_config() -> Path:
    """The packaged sources.yaml."""
    return Path(str(resources.files("wres_lib") / "templates" / "fetch" / "sources.yaml"))


def load_sources(config: Path | None = None, workdir: Path | None = None) -> dict[str, Source]:
    """The configured sources: the packaged ones, replaced or added to by the user's file.

    The user's file is ``config`` if given, else ``wres-sources.yaml`` in ``workdir`` (default:
    the working directory) if there is one.
    """
    sources = _read_config(
        default_config(), f"the packaged sources.yaml (override it in ./{USER_CONFIG})"
    )
    if config is None:
        candidate = (Path.cwd() if workdir is None else workdir) / USER_CONFIG
        config = candidate if candidate.is_file() else None
    elif not config.is_file():
        raise FetchError(f"config {config} does not exist")
    if config is not None:
        sources |= _read_config(config, str(config))
    return sources


def _read_config(path: Path, label: str) -> dict[str, Source]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FetchError(f"{label}: not valid YAML: {error}") from error
    entries = document.get("sources") if isinstance(document, dict) else None
    if not isinstance(entries, dict):
        raise FetchError(f"{label}: expected a mapping 'sources:' of source names to settings")
    return {str(name): _source(str(name), entry, label) for name, entry in entries.items()}


def _source(name: str, entry: Any, label: str) -> Source:
    where = f"{label}, source {name!r}"
    if not _NAME.match(name):
        raise FetchError(f"{where}: a name has only letters, digits, '-', '_' and '.'")
    if not isinstance(entry, dict):
        raise FetchError(f"{where}: expected a mapping of {', '.join(sorted(SOURCE_KEYS))}")
    unknown = sorted(set(entry) - SOURCE_KEYS)
    if unknown:
        raise FetchError(f"{where}: unknown setting {unknown[0]!r}")
    url = entry.get("url")
    urls = _by_year(entry.get("urls") or {}, where, "urls")
    landing = entry.get("landing")
    if url is None and not urls and landing is None:
        raise FetchError(f"{where}: needs a url (or urls by year, or a landing page)")
    if url is None and not urls and entry.get("filename") is None:
        raise FetchError(f"{where}: a source with only a landing page needs a filename")
    for template in [url, landing, *urls.values()]:
        if template is not None:
            _check_url(template, where)
    pins = _by_year(entry.get("sha256") or {}, where, "sha256")
    digests = {year: digest.lower() for year, digest in pins.items()}
    bad = [digest for digest in digests.values() if not _SHA256.match(digest)]
    if bad:
        raise FetchError(f"{where}: {bad[0]!r} is not a sha256 (64 hexadecimal digits)")
    filename = entry.get("filename")
    return Source(
        name=name,
        url=None if url is None else str(url),
        config=label,
        description=" ".join(str(entry.get("description", "")).split()),
        filename=None if filename is None else str(filename),
        urls=urls,
        sha256=digests,
        landing=None if landing is None else str(landing),
    )


def _by_year(value: Any, where: str, key: str) -> dict[int, str]:
    if not isinstance(value, dict) or not all(isinstance(year, int) for year in value):
        raise FetchError(f"{where}: {key} should map years (such as 2024) to values")
    return {year: str(text) for year, text in value.items()}


def _check_url(template: Any, where: str) -> None:
    try:
        url = str(template).format(year=2000)
    except (KeyError, IndexError, ValueError) as error:
        raise FetchError(f"{where}: {template!r}: the only placeholder is {{year}}") from error
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{where}: {template!r} is not an http or https address")
