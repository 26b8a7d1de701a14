"""Debian's Chromium for the tests that open pages in a real browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Skipped only on a developer machine without Chromium; in CI (.ci/run installs it) it must run.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium is installed by .ci/run"
)


def launched_chromium() -> Iterator[Any]:
    """Chromium driven by Playwright (its own browser download is never used), closed after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()
