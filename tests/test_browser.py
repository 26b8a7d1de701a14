"""A real browser (Debian's headless Chromium) opens the index page and a briefing offline.

Chromium's network log records every request the page makes; its console log records errors.
A screenshot of each page is kept in ``tests/artifacts/`` (not committed).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers.browser import CHROMIUM, needs_chromium

ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--window-size=1000,1400",
    "--enable-logging=stderr",
    "--v=0",
)

# Slow: the pages are rendered first. Skipped only on a developer machine without Chromium;
# in CI (.ci/run installs it) it must run.
pytestmark = [pytest.mark.slow, needs_chromium]


def open_in_chromium(page: Path, screenshot: Path, workdir: Path) -> tuple[list[str], list[str]]:
    """Open ``page``; return the URLs the page requested and the console messages it logged.

    Chromium itself also calls home (updates, accounts); only requests made for the page, whose
    network isolation key is the file's, are returned.
    """
    net_log = workdir / f"{page.stem}-net.json"
    result = subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={workdir / 'profile'}",
            f"--log-net-log={net_log}",
            f"--screenshot={screenshot}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert screenshot.exists(), result.stderr[-2000:]
    log = json.loads(net_log.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = sorted(
        {
            event["params"]["url"]
            for event in log["events"]
            if event["type"] == start_job
            and str(event["params"].get("network_isolation_key", "")).startswith("file://")
        }
    )
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return urls, console


@pytest.mark.parametrize("which", ["index", "trust"])
def test_page_opens_offline_without_errors(rendered, which: str, tmp_path: Path) -> None:
    trust_page = rendered["trust"]["html"]
    page = trust_page.parents[1] / "index.html" if which == "index" else trust_page
    ARTIFACTS.mkdir(exist_ok=True)
    urls, console = open_in_chromium(page, ARTIFACTS / f"{which}.png", tmp_path)
    outside = [url for url in urls if not url.startswith(("file://", "data:"))]
    assert outside == [], f"requests outside the file: {outside}"
    assert not [line for line in console if "rror" in line], console
    assert (ARTIFACTS / f"{which}.png").stat().st_size > 10_000
    assert all(url.startswith(("file://", "data:")) for url in urls)


def test_the_check_sees_a_page_that_loads_from_outside(tmp_path: Path) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<html><body><img src="https://example.invalid/x.png"><p>x</p></body></html>')
    urls, _ = open_in_chromium(page, tmp_path / "leaky.png", tmp_path)
    assert urls == ["https://example.invalid/x.png"]
