"""What outside wres_lib's own code shapes a rendered briefing: the versions of the packages
that execute, draw and print it, and the font files the PDF renderer picks.

It goes into every briefing's input hash, so upgrading nbconvert or WeasyPrint, or a font
changing on the machine, renders the briefings again instead of leaving stale ones.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import metadata
from pathlib import Path

from wres_lib.render.html import TEMPLATE_NAME, templates_dir

RENDERING_PACKAGES = (
    "papermill", "nbclient", "nbconvert", "nbformat", "ipykernel",
    "weasyprint", "pydyf", "fonttools",
    "matplotlib", "seaborn", "pandas", "numpy", "scipy", "statsmodels",
)  # fmt: skip
FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)")
FC_MATCH_TIMEOUT_SECONDS = 10
STYLES = ("", ":bold", ":italic", ":bold:italic")


def package_versions() -> dict[str, str]:
    """The installed version of each rendering package ('absent' if it is not installed)."""
    versions = {}
    for name in RENDERING_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def font_families() -> list[str]:
    """Every font family the briefing stylesheets name, in order of first mention."""
    families: list[str] = []
    for stylesheet in sorted((templates_dir() / TEMPLATE_NAME).glob("*.css")):
        for declaration in FONT_FAMILY.findall(stylesheet.read_text(encoding="utf-8")):
            for family in declaration.split(","):
                name = family.strip().strip("\"'")
                if name and name not in families:
                    families.append(name)
    return families


def font_file(family: str) -> str:
    """The file fontconfig (which WeasyPrint uses) picks for ``family``, with its sha256."""
    command = shutil.which("fc-match")
    if command is None:
        return "fc-match not available"
    try:
        found = subprocess.run(
            [command, "--format=%{file}", family],
            capture_output=True,
            text=True,
            timeout=FC_MATCH_TIMEOUT_SECONDS,
            check=False,
        ).stdout.strip()
        digest = hashlib.sha256(Path(found).read_bytes()).hexdigest() if found else "no file"
    except (OSError, subprocess.SubprocessError) as error:
        return f"unreadable: {error}"
    return f"{found} {digest}"


@cache
def renderer_fingerprint() -> str:
    """One hash of the rendering packages' versions and the fonts' files (once per process;
    the font lookups run side by side)."""
    parts = [f"{name}=={version}" for name, version in package_versions().items()]
    patterns = [family + style for family in font_families() for style in STYLES]
    with ThreadPoolExecutor(max_workers=len(patterns) or 1) as pool:  # fc-match runs at once
        files = pool.map(font_file, patterns)
        parts += [f"{pattern}: {file}" for pattern, file in zip(patterns, files, strict=True)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
