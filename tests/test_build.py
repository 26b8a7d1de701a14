"""The annual build: parallel workers, incremental re-rendering, a manifest, an index, and
failures reported without stopping the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE

from wres_lib.dataset import load_dataset
from wres_lib.render.briefing import NOTEBOOKS_DIR, Briefing
from wres_lib.render.build import _render_one, build, input_hash


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(SAMPLE)


def statuses(outcomes) -> list[tuple[str, str, str]]:
    return [(o.level, o.code, o.status) for o in outcomes]


def test_build_is_parallel_incremental_and_adds_missing_formats(dataset, tmp_path: Path) -> None:
    options = {"levels": ("region", "trust"), "only": ("ZT015", "Y56"), "jobs": 2}
    first = build(dataset, SAMPLE, tmp_path, 2025, formats=("html",), **options)
    assert statuses(first) == [("region", "Y56", "ok"), ("trust", "ZT015", "ok")]
    year = tmp_path / "2025"
    page = year / "trust" / "ZT015.html"
    written = page.read_bytes()

    again = build(dataset, SAMPLE, tmp_path, 2025, formats=("html",), **options)
    assert [o.status for o in again] == ["skipped", "skipped"]
    assert page.read_bytes() == written

    with_pdf = build(dataset, SAMPLE, tmp_path, 2025, formats=("html", "pdf"), **options)
    assert [o.status for o in with_pdf] == ["ok", "ok"]
    assert (year / "trust" / "ZT015.pdf").read_bytes().startswith(b"%PDF-")
    assert page.read_bytes() == written  # only the missing format was made

    forced = build(dataset, SAMPLE, tmp_path, 2025, formats=("html",), force=True, **options)
    assert [o.status for o in forced] == ["ok", "ok"]

    manifest = json.loads((year / "manifest.json").read_text())
    assert manifest["synthetic"] is True
    entries = {entry["code"]: entry for entry in manifest["briefings"]}
    assert set(entries) == {"Y56", "ZT015"}
    assert entries["ZT015"]["files"]["2025/trust/ZT015.html"] == page.stat().st_size
    assert len(entries["ZT015"]["input_hash"]) == 64
    index = (year / "index.html").read_text()
    assert 'href="trust/ZT015.html"' in index and 'href="region/Y56.html"' in index


def test_input_hash_follows_the_notebook_and_the_parameters(dataset, tmp_path: Path) -> None:
    shutil.copytree(NOTEBOOKS_DIR, tmp_path / "nb")
    trust = Briefing("trust", "trust", "ZT015", "t", {"org_code": "ZT015", "year": 2025})
    base = input_hash(trust, "data", tmp_path / "nb")
    assert input_hash(trust, "data", tmp_path / "nb") == base
    assert input_hash(trust, "other data", tmp_path / "nb") != base
    other = Briefing("trust", "trust", "ZT001", "t", {"org_code": "ZT001", "year": 2025})
    assert input_hash(other, "data", tmp_path / "nb") != base
    notebook = tmp_path / "nb" / "trust_briefing.ipynb"
    notebook.write_text(notebook.read_text().replace("## Trends", "## Trends over time"))
    assert input_hash(trust, "data", tmp_path / "nb") != base
    national = Briefing("national", "national", "ENG", "t", {"year": 2025})
    assert input_hash(national, "data", tmp_path / "nb") == input_hash(
        national, "data", NOTEBOOKS_DIR
    )  # editing the trust notebook leaves the other briefings' hashes alone


def test_a_failing_briefing_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    broken = Briefing(
        "trust", "trust", "ZT015", "t", {"org_code": "ZT015", "year": "2025", "data_dir": "x"}
    )
    outcome = _render_one(broken, tmp_path, ("html",), "hash", None, False)
    assert outcome.status == "failed" and "parameter 'year' must be int" in outcome.error
    assert not any(tmp_path.iterdir())
