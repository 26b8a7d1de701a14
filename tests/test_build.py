"""The annual build: parallel workers, incremental re-rendering, a manifest, an index, and
failures reported without stopping the rest."""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tests.helpers.paths import SAMPLE
from wres_lib.render.briefing import NOTEBOOKS_DIR, Briefing
from wres_lib.render.build import build, input_hash
from wres_lib.render.worker import RenderSettings, render_one

pytestmark = pytest.mark.slow  # every test builds briefings of the sample


@pytest.fixture(scope="module")
def dataset(sample_dataset):
    return sample_dataset


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
    settings = RenderSettings(tmp_path, ("html",), str(tmp_path))
    outcome = render_one(broken, "hash", ("html",), settings)
    assert outcome.status == "failed" and "parameter 'year' must be int" in outcome.error
    assert not any(tmp_path.iterdir())


def files_of(root: Path) -> dict[str, bytes]:
    """Every briefing page and PDF under ``root``, by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.suffix in {".html", ".pdf"}
    }


def test_parallel_serial_and_dask_builds_write_the_same_bytes(dataset, tmp_path: Path) -> None:
    options = {"levels": ("region", "trust"), "only": ("Y56", "ZT015", "ZT020")}
    serial = build(dataset, SAMPLE, tmp_path / "serial", 2025, jobs=1, **options)
    parallel = build(dataset, SAMPLE, tmp_path / "parallel", 2025, jobs=2, **options)
    dask = build(dataset, SAMPLE, tmp_path / "dask", 2025, jobs=2, scheduler="local", **options)
    for outcomes in (serial, parallel, dask):
        assert [o.status for o in outcomes] == ["ok", "ok", "ok"], outcomes
    expected = files_of(tmp_path / "serial")
    assert len(expected) == 3 * 2 + 1  # three briefings in HTML and PDF, and the index
    assert files_of(tmp_path / "parallel") == expected
    assert files_of(tmp_path / "dask") == expected


def test_a_killed_build_leaves_no_partial_file_and_the_next_one_finishes(
    dataset, tmp_path: Path
) -> None:
    codes = ("ZT015", "ZT020", "ZT030", "ZT040")
    command = [sys.executable, "-c", "from wres_lib.cli import main; main()", "build"]
    command += ["--levels", "trust", "--jobs", "1", "--data", str(SAMPLE), "--out", str(tmp_path)]
    command += [arg for code in codes for arg in ("--only", code)]
    trust_dir = tmp_path / "2025" / "trust"
    manifest = tmp_path / "2025" / "manifest.json"  # rewritten as each briefing is finished
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 240
        while not manifest.exists() and time.monotonic() < deadline:
            assert process.poll() is None, "the build ended before it could be killed"
            time.sleep(0.05)
        assert manifest.exists(), "no briefing was finished within four minutes"
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the build, its workers and their kernels
        process.wait(timeout=30)

    finished = [p for p in trust_dir.iterdir() if not p.name.startswith(".")]
    assert 1 <= len(finished) < 2 * len(codes)
    for page in trust_dir.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    for pdf in trust_dir.glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
    done = {entry["code"] for entry in json.loads(manifest.read_text())["briefings"]}
    assert 1 <= len(done) < len(codes)

    resumed = build(dataset, SAMPLE, tmp_path, 2025, levels=("trust",), only=codes, jobs=1)
    assert {o.code: o.status for o in resumed} == {
        code: "skipped" if code in done else "ok" for code in codes
    }
    assert sorted(p.name for p in trust_dir.iterdir()) == sorted(
        f"{code}.{fmt}" for code in codes for fmt in ("html", "pdf")
    )  # every briefing, and no temporary file left behind


def test_a_planted_failure_is_reported_and_the_rest_are_written(dataset, tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    system = notebooks / "system_briefing.ipynb"
    saved = nbformat.read(system, as_version=4)
    saved.cells.insert(
        3, nbformat.v4.new_code_cell('if code == "Y58":\n    raise ValueError("planted failure")')
    )
    nbformat.write(saved, system)
    out = tmp_path / "out"
    outcomes = build(
        dataset,
        SAMPLE,
        out,
        2025,
        levels=("region",),
        only=("Y56", "Y58", "Y59"),
        formats=("html",),
        jobs=2,
        notebooks_dir=notebooks,
    )
    assert statuses(outcomes) == [
        ("region", "Y56", "ok"),
        ("region", "Y58", "failed"),
        ("region", "Y59", "ok"),
    ]
    failed = outcomes[1]
    assert "in cell 3" in failed.error and "ValueError: planted failure" in failed.error
    year = out / "2025"
    assert sorted(p.name for p in (year / "region").iterdir()) == ["Y56.html", "Y59.html"]
    manifest = json.loads((year / "manifest.json").read_text())
    entries = {entry["code"]: entry for entry in manifest["briefings"]}
    assert entries["Y58"]["status"] == "failed" and entries["Y58"]["files"] == {}
    assert "complete" not in manifest  # so the next build tries Y58 again
    assert entries["Y56"]["title"] == "London: WRES briefing 2025"
    index = (year / "index.html").read_text()
    headline = entries["Y56"]["headline"]  # the page's h1, recorded for the index
    assert "London" in headline and entries["Y58"].get("headline") is None
    assert f'<a href="region/Y56.html">{html.escape(headline)}</a>' in index
    assert "not rendered: see manifest.json" in index and 'href="region/Y58.html"' not in index
