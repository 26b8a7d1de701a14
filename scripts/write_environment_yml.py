"""Rewrite environment.yml from requirements.lock so the two never disagree.

Run by `make lock`; tests/test_environment.py fails when the two files disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker

PYTHON_SERIES = "3.11"
# Marker environments that stand for "any Python 3.11 on any common platform".
_ENVIRONMENTS = [
    {"python_version": PYTHON_SERIES, "python_full_version": full, "sys_platform": platform,
     "platform_python_implementation": "CPython", "implementation_name": "cpython"}
    for full in ("3.11.0", "3.11.99")
    for platform in ("linux", "darwin", "win32")
]  # fmt: skip
_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$"
)


@dataclass(frozen=True, order=True)
class Pin:
    """One pinned package, with the environment marker that limits where it applies."""

    name: str
    version: str
    marker: str | None = None

    def requirement(self) -> str:
        base = f"{self.name}=={self.version}"
        return f"{base} ; {self.marker}" if self.marker else base


def read_lock_pins(lock_file: Path) -> list[Pin]:
    """Every pin in the lock file that can apply to Python 3.11, sorted by name."""
    pins = []
    for line in lock_file.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if not match:
            continue
        marker = match["marker"]
        if marker and not any(Marker(marker).evaluate(env) for env in _ENVIRONMENTS):
            continue
        pins.append(Pin(match["name"].lower(), match["version"], marker))
    return sorted(pins)


def environment_yml(pins: list[Pin]) -> str:
    """The text of ``environment.yml``: Python 3.11 from conda, every pin through pip."""
    lines = [
        "# Generated from requirements.lock by `make lock`; do not edit.",
        "# conda users: conda env create -f environment.yml && conda activate wres-briefings",
        "# && pip install --no-deps -e .",
        "name: wres-briefings",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={PYTHON_SERIES}",
        "  - pip",
        "  - pip:",
    ]
    lines += [f'      - "{pin.requirement()}"' for pin in pins]
    return "\n".join(lines) + "\n"


ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    lock_pins = read_lock_pins(ROOT / "requirements.lock")
    (ROOT / "environment.yml").write_text(environment_yml(lock_pins), encoding="utf-8")
    print(f"environment.yml: {len(lock_pins)} pins")
