"""wres fetch, against a local HTTP server on 127.0.0.1: no test touches the internet."""

from __future__ import annotations

import hashlib
import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from wres_lib.cli import main
from wres_lib.data.fetch import (
    RECORD,
    FetchError,
    Source,
    default_config,
    fetch_source,
    load_sources,
)

STALL_SECONDS = 2.0
TIMEOUT = 0.3
YEAR = 2024
PATH = f"/{YEAR}/data-{YEAR}.bin"


class Site(ThreadingHTTPServer):
    """Serves the files under ``root``, behaving as ``mode`` says; logs each request."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.root = root
        self.mode = "range"
        self.requests: list[dict[str, str | int | None]] = []
        self.release = threading.Event()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def put(self, path: str, data: bytes) -> None:
        target = self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class Handler(BaseHTTPRequestHandler):
    """Modes: ``range`` honours Range and If-Range; ``plain`` ignores Range; ``cut`` closes
    the connection half way; ``stall-headers`` and ``stall-body`` go quiet for a while;
    ``busy`` answers 503."""

    server: Site

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        mode = self.server.mode
        entry: dict[str, str | int | None] = {
            "path": self.path,
            "range": self.headers.get("Range"),
            "if_range": self.headers.get("If-Range"),
        }
        self.server.requests.append(entry)
        file = self.server.root / self.path.lstrip("/")
        if mode == "busy":
            entry["status"] = 503
            self.send_error(503)
            return
        if not file.is_file():
            entry["status"] = 404
            self.send_error(404)
            return
        data = file.read_bytes()
        etag = f'"{hashlib.sha256(data).hexdigest()[:16]}"'
        if mode == "stall-headers":
            self.server.release.wait(STALL_SECONDS)
        start = self._range_start(entry["range"], entry["if_range"], etag)
        if mode == "range" and start is not None and start < len(data):
            entry["status"] = 206
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            start = 0
            entry["status"] = 200
            self.send_response(200)
        self.send_header("Content-Length", str(len(data) - start))
        self.send_header("ETag", etag)
        self.end_headers()
        if mode in ("cut", "stall-body"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if mode == "stall-body":
                self.server.release.wait(STALL_SECONDS)
            self.close_connection = True
            return
        self.wfile.write(data[start:])

    @staticmethod
    def _range_start(header: object, if_range: object, etag: str) -> int | None:
        if not isinstance(header, str) or not header.startswith("bytes="):
            return None
        if if_range is not None and if_range != etag:
            return None
        return int(header.removeprefix("bytes=").split("-")[0])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    server = Site(tmp_path / "site")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def payload(seed: int = 0, size: int = 300_000) -> bytes:
    """Bytes spanning several read chunks."""
    return random.Random(seed).randbytes(size)


def demo(site_or_url: Site | str, **settings: object) -> Source:
    base = site_or_url.base if isinstance(site_or_url, Site) else site_or_url
    return Source(
        name="demo", url=f"{base}/{{year}}/data-{{year}}.bin", config="test.yaml", **settings
    )


def cached(cache: Path) -> Path:
    return cache / "demo" / str(YEAR) / f"data-{YEAR}.bin"


def test_download_writes_the_file_and_records_its_sha256(site: Site, tmp_path: Path) -> None:
    data = payload()
    site.put(PATH, data)
    cache = tmp_path / "cache"
    fetched = fetch_source(demo(site), YEAR, cache, timeout=5)

    target = cached(cache)
    assert fetched.status == "downloaded" and fetched.path == target
    assert target.read_bytes() == data
    record = json.loads((target.parent / RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(data).hexdigest() == fetched.sha256
    assert record["bytes"] == len(data) == fetched.bytes
    assert record["url"] == f"{site.base}{PATH}" and record["filename"] == target.name
    assert record["by_hand"] is False
    assert datetime.fromisoformat(record["fetched_at"]).tzinfo is not None
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, RECORD])
    assert site.requests[0]["range"] is None


def test_an_interrupted_download_is_not_complete_and_resumes_with_range(
    site: Site, tmp_path: Path
) -> None:
    data = payload()
    site.put(PATH, data)
    cache = tmp_path / "cache"
    site.mode = "cut"
    with pytest.raises(FetchError, match="run the same command again to resume"):
        fetch_source(demo(site), YEAR, cache, timeout=5)
    target = cached(cache)
    part = target.with_name(target.name + ".part")
    assert not target.exists() and not (target.parent / RECORD).exists()
    assert part.stat().st_size == len(data) // 2

    site.mode = "range"
    fetched = fetch_source(demo(site), YEAR, cache, timeout=5)
    assert fetched.status == "resumed"
    last = site.requests[-1]
    assert last["range"] == f"bytes={len(data) // 2}-" and last["status"] == 206
    assert last["if_range"] is not None
    assert target.read_bytes() == data
    assert fetched.sha256 == hashlib.sha256(data).hexdigest()
    assert not part.exists()


def test_a_server_ignoring_range_gives_a_full_download(site: Site, tmp_path: Path) -> None:
    data = payload()
    site.put(PATH, data)
    cache = tmp_path / "cache"
    site.mode = "cut"
    with pytest.raises(FetchError):
        fetch_source(demo(site), YEAR, cache, timeout=5)

    site.mode = "plain"
    fetched = fetch_source(demo(site), YEAR, cache, timeout=5)
    assert site.requests[-1]["range"] == f"bytes={len(data) // 2}-"
    assert site.requests[-1]["status"] == 200
    assert fetched.status == "downloaded"
    assert cached(cache).read_bytes() == data


def test_a_file_replaced_on_the_server_is_downloaded_again_not_spliced(
    site: Site, tmp_path: Path
) -> None:
    site.put(PATH, payload(seed=1))
    cache = tmp_path / "cache"
    site.mode = "cut"
    with pytest.raises(FetchError):
        fetch_source(demo(site), YEAR, cache, timeout=5)

    replacement = payload(seed=2)
    site.put(PATH, replacement)
    site.mode = "range"
    fetched = fetch_source(demo(site), YEAR, cache, timeout=5)
    assert site.requests[-1]["range"] is not None and site.requests[-1]["status"] == 200
    assert fetched.status == "downloaded"
    assert cached(cache).read_bytes() == replacement


@pytest.mark.parametrize("mode", ["stall-headers", "stall-body"])
def test_a_silent_server_times_out_with_advice(site: Site, tmp_path: Path, mode: str) -> None:
    site.put(PATH, payload())
    site.mode = mode
    started = time.monotonic()
    with pytest.raises(FetchError) as raised:
        fetch_source(demo(site), YEAR, tmp_path / "cache", timeout=TIMEOUT)
    assert time.monotonic() - started < STALL_SECONDS - 0.5
    message = str(raised.value)
    assert f"sent nothing for {TIMEOUT:g} seconds" in message
    assert "demo" in message and f"{site.base}{PATH}" in message and "--timeout" in message
    assert "\n" not in message
    assert not cached(tmp_path / "cache").exists()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_says_what_to_do(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(FetchError) as raised:
        fetch_source(demo(base), YEAR, tmp_path / "cache", timeout=5)
    message = str(raised.value)
    assert message.startswith("demo: cannot reach ") and f"{base}{PATH}" in message
    assert "refused" in message.lower()
    assert f"copy it by hand to {cached(tmp_path / 'cache')}" in message
    assert "\n" not in message


def test_a_name_that_does_not_resolve_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match=r"cannot reach .*\(Name or service not known\)"):
        fetch_source(demo("http://wres.invalid"), YEAR, tmp_path / "cache", timeout=5)


def test_http_404_names_the_address_and_keeps_nothing(site: Site, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(FetchError) as raised:
        fetch_source(demo(site), YEAR, cache, timeout=5)
    message = str(raised.value)
    assert "HTTP 404" in message and f"{site.base}{PATH}" in message and "test.yaml" in message
    assert site.requests[-1]["status"] == 404
    folder = cached(cache).parent
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_server_error_suggests_trying_later(site: Site, tmp_path: Path) -> None:
    site.put(PATH, payload())
    site.mode = "busy"
    with pytest.raises(FetchError, match=r"HTTP 503 .*; try again later, or download"):
        fetch_source(demo(site), YEAR, tmp_path / "cache", timeout=5)


def test_a_pinned_sha256_accepts_the_right_file_and_discards_a_wrong_one(
    site: Site, tmp_path: Path
) -> None:
    data = payload()
    site.put(PATH, data)
    right = hashlib.sha256(data).hexdigest()
    wrong = hashlib.sha256(b"something else").hexdigest()

    with pytest.raises(FetchError) as raised:
        fetch_source(demo(site, sha256={YEAR: wrong}), YEAR, tmp_path / "bad", timeout=5)
    message = str(raised.value)
    assert right in message and wrong in message and "discarded" in message
    folder = cached(tmp_path / "bad").parent
    assert list(folder.iterdir()) == []

    fetched = fetch_source(demo(site, sha256={YEAR: right}), YEAR, tmp_path / "good", timeout=5)
    assert fetched.sha256 == right and cached(tmp_path / "good").read_bytes() == data


def test_a_complete_file_is_not_fetched_again_unless_refreshed(site: Site, tmp_path: Path) -> None:
    site.put(PATH, payload(seed=1))
    cache = tmp_path / "cache"
    first = fetch_source(demo(site), YEAR, cache, timeout=5)
    again = fetch_source(demo(site), YEAR, cache, timeout=5)
    assert again.status == "cached" and len(site.requests) == 1
    assert again.sha256 == first.sha256 and again.fetched_at == first.fetched_at

    cached(cache).write_bytes(b"edited by hand")
    with pytest.raises(FetchError, match=r"has changed since it was fetched.*--refresh"):
        fetch_source(demo(site), YEAR, cache, timeout=5)

    site.put(PATH, payload(seed=2))
    refreshed = fetch_source(demo(site), YEAR, cache, timeout=5, refresh=True)
    assert refreshed.status == "downloaded" and len(site.requests) == 2
    assert cached(cache).read_bytes() == payload(seed=2)
    record = json.loads((cached(cache).parent / RECORD).read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(payload(seed=2)).hexdigest()


def test_a_file_copied_in_by_hand_is_recorded_without_a_download(
    site: Site, tmp_path: Path
) -> None:
    data = payload()
    cache = tmp_path / "cache"
    cached(cache).parent.mkdir(parents=True)
    cached(cache).write_bytes(data)
    fetched = fetch_source(demo(site), YEAR, cache, timeout=5)
    assert fetched.status == "recorded" and fetched.url is None and site.requests == []
    record = json.loads((cached(cache).parent / RECORD).read_text(encoding="utf-8"))
    assert record["by_hand"] is True and record["sha256"] == hashlib.sha256(data).hexdigest()

    other = tmp_path / "other"
    cached(other).parent.mkdir(parents=True)
    cached(other).write_bytes(b"not the file")
    pinned = demo(site, sha256={YEAR: hashlib.sha256(data).hexdigest()})
    with pytest.raises(FetchError, match="replace it with the right file"):
        fetch_source(pinned, YEAR, other, timeout=5)
    assert not (cached(other).parent / RECORD).exists()


def test_the_packaged_sources_name_the_publishers_pages() -> None:
    text = default_config().read_text(encoding="utf-8")
    assert "LANDING PAGE ONLY" in text
    sources = load_sources(workdir=default_config().parent)
    assert {"ods-trusts", "wres-trusts", "staff-survey-benchmark"} <= set(sources)
    for source in sources.values():
        assert source.description and source.landing.startswith("https://")
    assert sources["ods-trusts"].url_for(YEAR).startswith("https://")
    assert sources["ods-trusts"].filename_for(YEAR) == "etr.zip"
    assert str(YEAR) in sources["wres-trusts"].landing.format(year=YEAR)
    assert sources["wres-trusts"].filename_for(YEAR) == f"wres-trusts-{YEAR}.xlsx"
    assert not sources["wres-trusts"].has_address(YEAR)
    assert not sources["staff-survey-benchmark"].has_address(YEAR)


def test_a_landing_page_only_source_says_where_to_download_by_hand(tmp_path: Path) -> None:
    sources = load_sources(workdir=default_config().parent)
    with pytest.raises(FetchError) as raised:
        fetch_source(sources["wres-trusts"], 2022, tmp_path, timeout=5)
    message = str(raised.value)
    assert "wres-trusts: the publisher gives no stable address for the file, only a page" in message
    assert "wres2022-data-analysis-report-for-nhs-trusts" in message
    assert str(tmp_path / "wres-trusts" / "2022" / "wres-trusts-2022.xlsx") in message
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_a_failed_download_prints_the_landing_page(tmp_path: Path) -> None:
    source = demo("http://127.0.0.1:9", landing="https://e.org/page-{year}")
    with pytest.raises(FetchError, match=r"cannot reach .*from https://e.org/page-2024 and copy"):
        fetch_source(source, YEAR, tmp_path, timeout=5)


def write_config(path: Path, sources: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    return path


def test_a_user_config_overrides_and_adds_sources(tmp_path: Path) -> None:
    write_config(
        tmp_path / "wres-sources.yaml",
        {
            "ods-trusts": {"url": "https://example.org/etr-{year}.zip"},
            "extra": {
                "url": "https://example.org/x.csv",
                "urls": {2023: "https://example.org/old/x.csv"},
                "sha256": {2023: "A" * 64},
            },
        },
    )
    sources = load_sources(workdir=tmp_path)
    assert sources["ods-trusts"].url_for(YEAR) == f"https://example.org/etr-{YEAR}.zip"
    assert sources["ods-trusts"].config == str(tmp_path / "wres-sources.yaml")
    assert "england.nhs.uk" in sources["wres-trusts"].landing
    assert sources["extra"].url_for(2023) == "https://example.org/old/x.csv"
    assert sources["extra"].url_for(YEAR) == "https://example.org/x.csv"
    assert sources["extra"].sha256 == {2023: "a" * 64}

    chosen = write_config(tmp_path / "chosen.yaml", {"ods-trusts": {"url": "https://c.org/e"}})
    assert load_sources(chosen, workdir=tmp_path)["ods-trusts"].url == "https://c.org/e"
    assert "extra" not in load_sources(chosen, workdir=tmp_path)
    with pytest.raises(FetchError, match="does not exist"):
        load_sources(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ({"url": "https://e.org/a", "sha265": {2024: "0" * 64}}, "unknown setting 'sha265'"),
        ({"url": "https://e.org/a", "sha256": {2024: "abc"}}, "is not a sha256"),
        ({"url": "https://e.org/{yr}/a"}, "the only placeholder is {year}"),
        ({"url": "file:///etc/passwd"}, "not an http or https address"),
        ({"description": "no address"}, "needs a url"),
        ({"url": "https://e.org/a", "urls": {"latest": "https://e.org/b"}}, "map years"),
    ],
)
def test_config_mistakes_are_named(
    tmp_path: Path, entry: dict[str, object], complaint: str
) -> None:
    config = write_config(tmp_path / "bad.yaml", {"broken": entry})
    with pytest.raises(FetchError) as raised:
        load_sources(config)
    assert complaint in str(raised.value) and "'broken'" in str(raised.value)


@pytest.mark.parametrize("filename", ["../escape.csv", "a/b.csv", ".hidden", RECORD, "x.part"])
def test_unsafe_filenames_are_refused(filename: str) -> None:
    source = Source(name="demo", url="https://e.org/f", config="test.yaml", filename=filename)
    with pytest.raises(FetchError, match="cannot save"):
        source.filename_for(YEAR)


def test_a_year_without_an_address_is_named() -> None:
    source = Source(name="demo", url=None, config="t.yaml", urls={2023: "https://e.org/a"})
    with pytest.raises(FetchError, match=r"no address for 2024 \(only for 2023"):
        source.url_for(YEAR)


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, ["fetch", *args])


def test_cli_fetches_and_then_skips(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = payload()
    site.put(PATH, data)
    write_config(
        tmp_path / "wres-sources.yaml", {"demo": {"url": f"{site.base}/{{year}}/data-{{year}}.bin"}}
    )
    result = cli("demo", "--year", str(YEAR), "--cache", "cache", "--timeout", "5")
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(data).hexdigest()
    assert "downloaded" in result.output and digest in result.output
    assert (tmp_path / "cache" / "demo" / str(YEAR) / f"data-{YEAR}.bin").read_bytes() == data

    again = cli("demo", "--year", str(YEAR), "--cache", "cache")
    assert again.exit_code == 0 and "already fetched" in again.output
    assert len(site.requests) == 1


def test_cli_offline_error_is_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"http://127.0.0.1:{closed_port()}/{{year}}/f.csv"
    config = write_config(tmp_path / "mine.yaml", {"demo": {"url": url}})
    result = cli("demo", "--year", str(YEAR), "--config", str(config))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: demo: cannot reach")
    assert "copy it by hand" in lines[0] and "Traceback" not in result.output


def test_cli_lists_sources_and_checks_its_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    listed = cli("--list")
    assert listed.exit_code == 0
    for name in ("ods-trusts", "wres-trusts", "staff-survey-benchmark"):
        assert name in listed.output
    assert "{year}" in listed.output and "check them" in listed.output

    assert cli("ods-trusts").exit_code == 2
    unknown = cli("nope", "--year", str(YEAR))
    assert unknown.exit_code == 2 and "unknown source 'nope'" in unknown.output


PAGE = b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head><body></body></html>"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".zip"])
def test_a_web_page_served_for_a_spreadsheet_is_refused_and_discarded(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.chdir(tmp_path)
    site.put(f"/{YEAR}/wres{suffix}", PAGE)
    url = f"{site.base}/{{year}}/wres{suffix}"
    config = write_config(tmp_path / "mine.yaml", {"demo": {"url": url}})
    result = cli("demo", "--year", str(YEAR), "--config", str(config), "--cache", "cache")
    assert result.exit_code == 1 and "Traceback" not in result.output
    kind = {".xlsx": "an Excel workbook", ".ods": "an ODS spreadsheet", ".zip": "a ZIP archive"}
    assert f"sent a web page (HTML), not {kind[suffix]} as the name wres{suffix} says" in (
        result.output
    )
    assert "the download was discarded" in result.output and "copy it by hand" in result.output
    folder = tmp_path / "cache" / "demo" / str(YEAR)
    assert not folder.exists() or sorted(p.name for p in folder.iterdir()) == []


def test_a_real_workbook_and_a_csv_pass_the_content_check(site: Site, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["org_code"])
    book.save(tmp_path / "real.xlsx")
    site.put(f"/{YEAR}/real.xlsx", (tmp_path / "real.xlsx").read_bytes())
    site.put(f"/{YEAR}/etr.csv", b"RAL,ROYAL FREE\n")
    for name in ("real.xlsx", "etr.csv"):
        source = Source(name="demo", url=f"{site.base}/{{year}}/{name}", config="test.yaml")
        assert fetch_source(source, YEAR, tmp_path / "cache", timeout=5).status == "downloaded"


def test_a_web_page_copied_in_by_hand_as_a_workbook_is_refused(tmp_path: Path) -> None:
    source = Source(name="demo", url="https://example.org/{year}/wres.xlsx", config="test.yaml")
    target = tmp_path / "cache" / "demo" / str(YEAR) / "wres.xlsx"
    target.parent.mkdir(parents=True)
    target.write_bytes(PAGE)
    with pytest.raises(FetchError, match=r"copied by hand\) is a web page \(HTML\), not an Excel"):
        fetch_source(source, YEAR, tmp_path / "cache")
    assert not (target.parent / RECORD).exists()
