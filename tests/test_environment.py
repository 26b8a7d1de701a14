"""environment.yml (for conda users) and requirements.lock pin the same versions."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib

import yaml

from tests.helpers.paths import REPO

_spec = importlib.util.spec_from_file_location(
    "write_environment_yml", REPO / "scripts" / "write_environment_yml.py"
)
pins_module = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = pins_module
_spec.loader.exec_module(pins_module)


def environment_pins() -> list[str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    dependencies = environment["dependencies"]
    assert "python=3.11" in dependencies
    (pip_section,) = [d for d in dependencies if isinstance(d, dict)]
    return sorted(pip_section["pip"])


def test_environment_yml_pins_exactly_the_lock_file() -> None:
    lock = [pin.requirement() for pin in pins_module.read_lock_pins(REPO / "requirements.lock")]
    assert environment_pins() == sorted(lock)


def test_every_direct_dependency_is_pinned_in_both() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    direct = project["dependencies"] + project["optional-dependencies"]["dev"]
    lock_text = (REPO / "requirements.lock").read_text()
    environment = "\n".join(environment_pins())
    for name in direct:
        pattern = rf"^{re.escape(name.lower())}==(\S+)"
        locked = re.search(pattern, lock_text, re.MULTILINE)
        assert locked, f"{name} is not pinned in requirements.lock"
        assert re.search(pattern.replace(r"\S+", re.escape(locked[1])), environment, re.M), name


def test_lock_file_pins_hashes_for_every_package() -> None:
    blocks = re.split(r"\n(?=[a-z0-9])", (REPO / "requirements.lock").read_text())
    packages = [b for b in blocks if "==" in b.split("\n")[0]]
    assert len(packages) > 50
    assert all("--hash=sha256:" in block for block in packages)


def test_environment_check_detects_a_disagreement() -> None:
    lock = pins_module.read_lock_pins(REPO / "requirements.lock")
    changed = [
        pins_module.Pin(p.name, "0.0.1", p.marker) if p.name == "pandas" else p for p in lock
    ]
    text = pins_module.environment_yml(changed)
    assert text != (REPO / "environment.yml").read_text()
