"""A small annual build: parallel workers, a manifest, an index, failures reported not fatal."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE

from wres_lib.dataset import load_dataset
from wres_lib.render.briefing import Briefing
from wres_lib.render.build import _render_one, build


def test_small_build_writes_pages_manifest_and_index(tmp_path: Path) -> None:
    dataset = load_dataset(SAMPLE)
    outcomes = build(
        dataset,
        SAMPLE,
        tmp_path,
        2025,
        levels=("region", "trust"),
        only=("ZT015", "Y56"),
        formats=("html",),
        jobs=2,
    )
    assert [(o.level, o.code, o.status) for o in outcomes] == [
        ("region", "Y56", "ok"),
        ("trust", "ZT015", "ok"),
    ]
    year = tmp_path / "2025"
    assert (year / "trust" / "ZT015.html").exists() and (year / "region" / "Y56.html").exists()
    manifest = json.loads((year / "manifest.json").read_text())
    assert manifest["synthetic"] is True
    assert {b["code"] for b in manifest["briefings"]} == {"Y56", "ZT015"}
    index = (year / "index.html").read_text()
    assert 'href="trust/ZT015.html"' in index and 'href="region/Y56.html"' in index


def test_a_failing_briefing_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    broken = Briefing(
        "trust",
        "trust",
        "ZT015",
        "t",
        {"org_code": "ZT015", "year": "2025", "data_dir": str(SAMPLE)},
    )
    outcome = _render_one(broken, tmp_path, ("html",))
    assert outcome.status == "failed" and "parameter 'year' must be int" in outcome.error
    assert not any(tmp_path.iterdir())
