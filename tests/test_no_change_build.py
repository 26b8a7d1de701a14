"""A build asked for again with nothing changed ends at once: the manifest records the request
of a build in which nothing failed, and anything that changed since (a file, an entry, an
input, an argument) sends the build back to planning every briefing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

import pytest

from wres_lib.render.briefing import NOTEBOOKS_DIR
from wres_lib.render.manifest import Manifest, Outcome, read_entries
from wres_lib.render.up_to_date import complete_record, request_hash, unchanged_count

YEAR = 2025
DATASET = SimpleNamespace(metadata=SimpleNamespace(name="n", content_hash="h", synthetic=True))


def request(data: Path, **changed) -> str:
    arguments = {
        "dataset_hash": "h",
        "data_dir": data,
        "year": YEAR,
        "levels": ["trust", "icb"],
        "only": [],
        "formats": ["html", "pdf"],
    }
    return request_hash(**(arguments | changed))


def test_the_request_follows_every_input_and_argument(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    base = request(tmp_path)
    assert request(tmp_path, levels=["icb", "trust"]) == base  # the order asked in is not news
    changed = [
        request(tmp_path, dataset_hash="other"),
        request(tmp_path / "elsewhere"),
        request(tmp_path, year=YEAR - 1),
        request(tmp_path, levels=["trust"]),
        request(tmp_path, only=["ZT010"]),
        request(tmp_path, formats=["html"]),
    ]
    assert base not in changed and len(set(changed)) == len(changed)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751328000")  # another run date
    assert request(tmp_path) != base
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    assert request(tmp_path, notebooks_dir=notebooks) == base
    page = notebooks / "trust_briefing.ipynb"
    page.write_text(page.read_text(encoding="utf-8").replace("## Trends", "## Over time"))
    assert request(tmp_path, notebooks_dir=notebooks) != base


def written_year(out: Path, complete: str) -> Manifest:
    """A year of two trust briefings, its manifest written with ``complete``."""
    manifest = Manifest(out, YEAR, DATASET, {})
    for code in ("ZT001", "ZT002"):
        page = out / str(YEAR) / "trust" / f"{code}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<h1>{code}</h1>", encoding="utf-8")
        files = (str(page.relative_to(out)),)
        manifest.add(Outcome("trust", code, "ok", 1.0, files, input_hash=code * 4))
    (out / str(YEAR) / "index.html").write_text("<h1>index</h1>", encoding="utf-8")
    manifest.write(complete=complete, planned=2)
    return manifest


def test_a_complete_year_is_unchanged_until_anything_changes(tmp_path: Path) -> None:
    written_year(tmp_path, "asked")
    assert unchanged_count(tmp_path, YEAR, "asked") == 2
    assert unchanged_count(tmp_path, YEAR, "asked for something else") is None
    assert unchanged_count(tmp_path, YEAR - 1, "asked") is None

    page = tmp_path / str(YEAR) / "trust" / "ZT002.html"
    kept = page.read_bytes()
    page.unlink()
    assert unchanged_count(tmp_path, YEAR, "asked") is None  # a file deleted since
    page.write_bytes(kept)
    (tmp_path / str(YEAR) / "index.html").unlink()
    assert unchanged_count(tmp_path, YEAR, "asked") is None  # the index deleted since
    written_year(tmp_path, "asked")

    path = tmp_path / str(YEAR) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["briefings"][0]["input_hash"] = "rendered from other inputs"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert unchanged_count(tmp_path, YEAR, "asked") is None  # another entry (wres brief)
    path.write_text("{ damaged", encoding="utf-8")
    assert unchanged_count(tmp_path, YEAR, "asked") is None


def test_the_count_is_of_the_briefings_the_build_planned(tmp_path: Path) -> None:
    """A build of some codes leaves the other entries in the manifest; its no-change run says
    how many briefings it was asked for, as the build that recorded it did."""
    manifest = written_year(tmp_path, "")
    manifest.write(complete="only ZT001", planned=1)
    assert unchanged_count(tmp_path, YEAR, "only ZT001") == 1
    manifest.write(complete="forged", planned=3)  # more than the manifest lists
    assert unchanged_count(tmp_path, YEAR, "forged") is None


def test_a_build_that_is_not_complete_records_no_request(tmp_path: Path) -> None:
    written_year(tmp_path, "")
    manifest = json.loads((tmp_path / str(YEAR) / "manifest.json").read_text(encoding="utf-8"))
    assert "complete" not in manifest
    assert unchanged_count(tmp_path, YEAR, "") is None


NO_PANDAS_RUN = """
import sys
from wres_lib.cli import main
main(sys.argv[1:], standalone_mode=False)
print("pandas imported:", "pandas" in sys.modules)
"""


@pytest.mark.slow
def test_a_build_with_nothing_changed_ends_without_reading_the_data(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = os.environ | {
        "WRES_CACHE_DIR": str(tmp_path / "cache"),
        "SOURCE_DATE_EPOCH": "1751241600",
    }
    arguments = ["build", "--levels", "trust", "--only", "ZT901", "--formats", "html"]
    arguments += ["--data", str(tiny_dataset), "--out", str(out), "--jobs", "1"]

    def wres() -> str:
        done = subprocess.run(
            [sys.executable, "-c", NO_PANDAS_RUN, *arguments],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = wres()
    assert "1 of 1 briefings written" in first and "wrote 5 indicator tables" in first
    page = out / str(YEAR) / "trust" / "ZT901.html"
    written = page.read_bytes()

    again = wres()
    assert "0 of 1 briefings written, 1 unchanged" in again
    assert "unchanged:" in again and ": valid (synthetic data)" in again
    assert "pandas imported: False" in again  # neither the data nor a table was read
    assert page.read_bytes() == written

    page.unlink()
    rendered = wres()
    assert "1 of 1 briefings written" in rendered and "pandas imported: True" in rendered
    assert page.read_bytes() == written


def test_the_request_follows_the_data_folder_as_typed(tmp_path: Path) -> None:
    """A briefing's run card prints ``data_dir`` as given, so the same folder named another
    way is another request (the briefings' input hashes differ too)."""
    assert request(tmp_path / "sub" / "..") != request(tmp_path)


def forged(out: Path, files: object) -> None:
    """The manifest of :func:`written_year` with its first entry's files set to ``files`` and
    the complete record recomputed, as a hand (or a tool) could."""
    path = out / str(YEAR) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["briefings"][0]["files"] = files
    manifest["complete"] = complete_record("asked", manifest["briefings"], 2)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "files",
    [
        {f"{YEAR}/trust/{'a' * 5000}.html": 1},  # a name too long for the file system
        {"../outside.html": 9},  # outside the output folder
        {"OUTSIDE": 9},  # an absolute path (filled in below)
        {f"{YEAR}/trust/ZT001.html": "14"},  # a size that is not a number
        {f"{YEAR}/trust/ZT001.html": 10**6},  # not the size of the file there
        [f"{YEAR}/trust/ZT001.html"],  # a list, not files with their sizes
    ],
)
def test_a_forged_manifest_is_not_up_to_date_and_stops_nothing(tmp_path: Path, files) -> None:
    out = tmp_path / "out"
    written_year(out, "asked")
    outside = tmp_path / "outside.html"
    outside.write_text("x" * 9, encoding="utf-8")
    if "OUTSIDE" in files:
        files = {str(outside): 9}
    forged(out, files)
    assert unchanged_count(out, YEAR, "asked") is None


def test_a_listed_file_must_keep_its_size(tmp_path: Path) -> None:
    written_year(tmp_path, "asked")
    page = tmp_path / str(YEAR) / "trust" / "ZT001.html"
    page.write_text("<h1>ZT001, edited by hand</h1>", encoding="utf-8")
    assert unchanged_count(tmp_path, YEAR, "asked") is None


@pytest.mark.parametrize(
    "text",
    [
        '{"briefings": [{"files": {"x": ' + "9" * 5000 + "}}]}",  # an int Python will not read
        '{"briefings": ' + "[" * 100_000 + "]" * 100_000 + "}",  # nested past the recursion limit
    ],
)
def test_a_damaged_manifest_is_started_afresh_not_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / str(YEAR) / "manifest.json"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    assert unchanged_count(tmp_path, YEAR, "asked") is None
    entries, problem = read_entries(path)
    assert entries == {} and problem.startswith("unreadable")


def test_a_build_stopped_before_its_index_is_written_is_not_complete(
    monkeypatch, tmp_path: Path
) -> None:
    """The index is made from the manifest after the build: were the request recorded first,
    a build killed in between would leave an old index that the next build never rewrites."""
    from wres_lib.render import build as build_module

    written_year(tmp_path, "")  # the entries, their files and an index of an earlier build

    def killed(*arguments: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "write_index", killed)
    settings = build_module.RenderSettings(tmp_path, ("html",), "")
    dataset = SimpleNamespace(**vars(DATASET), organisations=None)
    with pytest.raises(KeyboardInterrupt):
        build_module._build_locked(
            [], dataset, tmp_path, tmp_path / str(YEAR), settings, nullcontext(None),
            lambda *arguments: None, "asked",
        )  # fmt: skip
    assert unchanged_count(tmp_path, YEAR, "asked") is None


def test_an_output_replaced_by_a_folder_is_rendered_again(tmp_path: Path) -> None:
    """A folder where a page should be is not the page: the briefing is stale, not skipped and
    recorded (with the folder's size) as complete."""
    from wres_lib.render.briefing import Briefing
    from wres_lib.render.build import RenderSettings

    parameters = {"org_code": "ZT001", "year": YEAR, "data_dir": "x"}
    briefing = Briefing("trust", "trust", "ZT001", "t", parameters)
    briefing.output_path(tmp_path, "html").mkdir(parents=True)
    briefing.output_path(tmp_path, "pdf").write_bytes(b"%PDF-")
    settings = RenderSettings(tmp_path, ("html", "pdf"), "")
    assert settings.missing(briefing, "same", {"input_hash": "same"}) == ("html",)


def test_an_output_replaced_by_a_link_is_rendered_again(tmp_path: Path) -> None:
    """A link where a page should be (to a file anywhere) is not a page the build wrote: the
    briefing is stale, and the year is not up to date (so ``--publish`` never meets it)."""
    from wres_lib.render.briefing import Briefing
    from wres_lib.render.build import RenderSettings

    written_year(tmp_path, "asked")
    assert unchanged_count(tmp_path, YEAR, "asked") is not None
    page = tmp_path / str(YEAR) / "trust" / "ZT001.html"
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(page.read_bytes())  # the same size: only the link gives it away
    page.unlink()
    page.symlink_to(elsewhere)
    assert unchanged_count(tmp_path, YEAR, "asked") is None
    parameters = {"org_code": "ZT001", "year": YEAR, "data_dir": "x"}
    briefing = Briefing("trust", "trust", "ZT001", "t", parameters)
    settings = RenderSettings(tmp_path, ("html",), "")
    assert settings.missing(briefing, "same", {"input_hash": "same"}) == ("html",)


METADATA = SimpleNamespace(
    name="n", vintage="", source="", licence="", synthetic=True, content_hash="h"
)


def tables_recorded(out: Path, tables: dict[str, str]) -> Path:
    """A ``provenance.json`` for YEAR's tables under ``out`` recording ``tables``."""
    from wres_lib.indicators.output import PROVENANCE, _facts

    folder = out / str(YEAR) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    record = {**_facts(METADATA, YEAR), "tables": tables}
    (folder / PROVENANCE).write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_the_indicator_tables_are_only_those_written_and_only_inside(tmp_path: Path) -> None:
    """The no-change check of the tables hashes the files ``provenance.json`` names: a name
    outside the tables folder is not read, and is not an unchanged table."""
    from wres_lib.data.metadata import sha256_of
    from wres_lib.data.schema import LEVELS
    from wres_lib.indicators.output import indicator_table_path, indicator_tables_unchanged

    out = tmp_path / "out"
    outside = tmp_path / "secret.csv"
    outside.write_text("not a table", encoding="utf-8")
    tables_recorded(out, {"../../../secret.csv": sha256_of(outside)})
    assert not indicator_tables_unchanged(METADATA, out, YEAR)
    tables_recorded(out, {})  # no table at all
    assert not indicator_tables_unchanged(METADATA, out, YEAR)

    paths = [indicator_table_path(out, YEAR, level) for level in LEVELS]
    for path in paths:
        path.write_text("level\n", encoding="utf-8")
    tables_recorded(out, {path.name: sha256_of(path) for path in paths})
    assert indicator_tables_unchanged(METADATA, out, YEAR)
    folder = tables_recorded(out, {})
    (folder / "provenance.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert not indicator_tables_unchanged(METADATA, out, YEAR)  # damaged: written again
