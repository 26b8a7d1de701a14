"""A build's bookkeeping under stress: a failed briefing leaves no older file behind, the input
hash follows the renderer and fonts, builds into one folder take turns, and manifests merge."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from wres_lib.data.dataset import load_dataset
from wres_lib.render import build as build_module
from wres_lib.render import fingerprint
from wres_lib.render.briefing import Briefing
from wres_lib.render.build import input_hash
from wres_lib.render.lock import LOCK_NAME, exclusive
from wres_lib.render.manifest import Manifest, Outcome
from wres_lib.render.worker import RenderSettings, render_one

TRUST = Briefing("trust", "trust", "ZT901", "t", {"org_code": "ZT901", "year": 2025})


def test_a_failed_rerender_removes_the_older_files(tmp_path: Path) -> None:
    broken = Briefing(
        "trust", "trust", "ZT015", "t", {"org_code": "ZT015", "year": "2025", "data_dir": "x"}
    )
    old = {fmt: broken.output_path(tmp_path, fmt) for fmt in ("html", "pdf")}
    for path in old.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("last year's inputs")
    settings = RenderSettings(tmp_path, ("html",), str(tmp_path))
    outcome = render_one(broken, "hash", ("html",), settings)
    assert outcome.status == "failed" and outcome.files == ()
    assert not any(path.exists() for path in old.values())  # the index says "not rendered"


def test_the_input_hash_follows_the_renderer_and_its_fonts(monkeypatch) -> None:
    base = input_hash(TRUST, "data")
    monkeypatch.setattr(build_module, "renderer_fingerprint", lambda: "another weasyprint")
    assert input_hash(TRUST, "data") != base

    compute = fingerprint.renderer_fingerprint.__wrapped__  # uncached
    first = compute()
    versions = fingerprint.package_versions() | {"weasyprint": "0.0"}
    monkeypatch.setattr(fingerprint, "package_versions", lambda: versions)
    assert compute() != first
    monkeypatch.undo()
    monkeypatch.setattr(fingerprint, "font_file", lambda family: f"{family} another file")
    assert compute() != first
    assert "DejaVu Sans" in fingerprint.font_families()


HOLD = """
import sys, time
from pathlib import Path
from wres_lib.render.lock import exclusive
with exclusive(Path(sys.argv[1]), print):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_build_waits_for_the_first(monkeypatch, tiny_dataset: Path, tmp_path: Path):
    year_dir = tmp_path / "out" / "2025"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(year_dir), "3"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        entered = []

        def locked(*args):
            entered.append(time.monotonic())
            return []

        monkeypatch.setattr(build_module, "_build_locked", locked)
        messages: list[str] = []
        started = time.monotonic()
        build_module.build(
            load_dataset(tiny_dataset),
            tiny_dataset,
            tmp_path / "out",
            2025,
            levels=("national",),
            waiting=messages.append,
        )
        assert messages == [
            f"another wres build is writing to {year_dir}; waiting for it to finish"
        ]
        assert holder.wait(timeout=10) == 0
        assert entered and entered[0] - started > 1  # it ran only once the first had finished
    finally:
        holder.kill()
    assert (year_dir / LOCK_NAME).exists()
    with exclusive(year_dir, messages.append):  # released: taken at once, no message
        assert len(messages) == 1


def test_manifests_written_by_two_processes_merge(tiny_dataset: Path, tmp_path: Path) -> None:
    dataset = load_dataset(tiny_dataset)
    first = Manifest.open(tmp_path, 2025, dataset)
    second = Manifest.open(tmp_path, 2025, dataset)  # e.g. wres brief during a build
    first.add(Outcome("trust", "ZT901", "ok", 1.0, (), input_hash="a"))
    second.add(Outcome("trust", "ZT902", "ok", 1.0, (), input_hash="b"))
    first.add(Outcome("region", "Y56", "failed", 1.0, (), error="x"))
    written = json.loads((tmp_path / "2025" / "manifest.json").read_text())
    assert {(e["level"], e["code"]) for e in written["briefings"]} == {
        ("trust", "ZT901"),
        ("trust", "ZT902"),
        ("region", "Y56"),
    }
