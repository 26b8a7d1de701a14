"""A non-editable install renders a briefing from any folder: the notebooks and templates travel
inside the wheel, and nothing is read from the source tree."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers.paths import REPO, SAMPLE
from wres_lib.render.parameters import NOTEBOOKS


def run(command: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False, **kwargs
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def build_wheel(tmp_path: Path) -> Path:
    """A wheel of a copy of the project (building in place would leave build/ in the tree)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "wres_lib", source / "wres_lib", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source])
    (wheel,) = wheels.glob("*.whl")
    return wheel


def environment_with_dependencies(folder: Path) -> tuple[Path, Path]:
    """A venv that sees the running interpreter's packages (the dependencies) through a .pth
    file, which adds their folder without running the .pth files in it: an editable install of
    the project there stays inactive. Returns the venv's python and its site-packages."""
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    purelib = Path(sysconfig.get_path("purelib", vars={"base": folder, "platbase": folder}))
    (purelib / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python, purelib.resolve()


@pytest.mark.slow
def test_installed_wheel_renders_a_trust_briefing_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    shipped = zipfile.ZipFile(wheel).namelist()
    assert {f"wres_lib/notebooks/{name}" for name in NOTEBOOKS.values()} <= set(shipped)

    python, purelib = environment_with_dependencies(tmp_path / "venv")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "install", "--no-deps"]
    run([*pip, "--no-index", "--ignore-installed", wheel])  # never uninstall the editable copy

    # The kernel runs the venv's interpreter, whatever kernels this machine has installed.
    kernels = tmp_path / "jupyter"
    spec = kernels / "kernels" / "python3" / "kernel.json"
    spec.parent.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.write_text(json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}))
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"PYTHONPATH", "WRES_CONTEXT_CACHE"}
    }
    # nbconvert's own templates are data files under the dependencies' prefix.
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(kernels), str(Path(sys.prefix) / "share" / "jupyter")]
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    where = "import wres_lib.render.briefing as b; print(b.__file__); print(b.NOTEBOOKS_DIR)"
    module, notebooks = run([python, "-c", where], cwd=elsewhere, env=env).stdout.split()
    assert Path(module).is_relative_to(purelib)
    assert Path(notebooks).is_relative_to(purelib)
    assert not Path(module).is_relative_to(REPO)

    out = elsewhere / "out"
    wres = [python.parent / "wres", "brief", "trust", "ZT015", "--year", "2025"]
    run([*wres, "--data", SAMPLE, "--out", out, "--formats", "html"], cwd=elsewhere, env=env)
    html = (out / "2025" / "trust" / "ZT015.html").read_text(encoding="utf-8")
    assert "Kestleley and District Hospitals" in html
    assert "Traceback" not in html
