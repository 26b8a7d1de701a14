"""Render a whole set of briefings: in parallel, incrementally, one failure never stopping
the others.

Each briefing has an input hash of everything it reads (its notebook, its parameters, the
dataset's content, wres_lib's code and templates); a briefing whose hash and files are
unchanged is skipped, and a format missing from an otherwise fresh briefing is added without
running the notebook again. The shared tables (indicators, models) are computed once, cached
on disk for the build, and loaded by every notebook kernel; each briefing is rendered by a
worker process, and the end state is recorded in ``<out>/<year>/manifest.json`` and
``index.html``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from wres_lib.briefings.context import CACHE_ENV, load_context
from wres_lib.dataset import Dataset, sha256_of
from wres_lib.errors import WresError
from wres_lib.files import write_bytes_atomically, write_text_atomically
from wres_lib.provenance import library_hash
from wres_lib.render.briefing import NOTEBOOKS_DIR, Briefing, render_briefing
from wres_lib.render.index import write_index
from wres_lib.render.parameters import NOTEBOOKS, default_run_date
from wres_lib.render.pdf import html_to_pdf
from wres_lib.render.plan import briefing_for

LEVELS = ("national", "region", "icb", "trust")


@dataclass(frozen=True)
class Outcome:
    """What happened to one briefing."""

    level: str
    code: str
    status: str  # "ok", "skipped" (unchanged) or "failed"
    seconds: float
    files: tuple[str, ...] = ()
    error: str = ""
    input_hash: str = ""


def plan(
    dataset: Dataset, year: int, levels: Iterable[str], data_dir: Path, only: Iterable[str] = ()
) -> list[Briefing]:
    """Every briefing of ``levels`` for ``year`` (or just the codes in ``only``)."""
    organisations = dataset.organisations
    active = set(dataset.workforce.loc[dataset.workforce["year"] == year, "org_code"])
    codes = {
        "national": [None],
        "region": sorted(organisations["region_code"].unique()),
        "icb": sorted(organisations["icb_code"].unique()),
        "trust": sorted(active),
    }
    wanted = set(only)
    return [
        briefing_for(dataset, level, code, year, data_dir)
        for level in LEVELS
        if level in levels
        for code in codes[level]
        if not wanted or (code or "ENG") in wanted
    ]


def input_hash(briefing: Briefing, dataset_hash: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """A hash of everything ``briefing`` reads: notebook, parameters, data, code and templates."""
    parameters = {"run_date": default_run_date(), **briefing.parameters}
    parts = (
        sha256_of(notebooks_dir / NOTEBOOKS[briefing.notebook]),
        json.dumps(parameters, sort_keys=True, default=str),
        briefing.title,
        dataset_hash,
        library_hash(),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _render_one(
    briefing: Briefing,
    out_dir: Path,
    formats: tuple[str, ...],
    digest: str,
    previous: dict | None,
    force: bool,
) -> Outcome:
    started = time.perf_counter()
    paths = {fmt: briefing.output_path(out_dir, fmt) for fmt in formats}
    fresh = not force and previous is not None and previous.get("input_hash") == digest
    done = {fmt for fmt, path in paths.items() if fresh and path.exists()}
    missing = tuple(fmt for fmt in formats if fmt not in done)
    try:
        if missing == ("pdf",) and briefing.output_path(out_dir, "html").exists() and fresh:
            html = briefing.output_path(out_dir, "html").read_text(encoding="utf-8")
            write_bytes_atomically(paths["pdf"], html_to_pdf(html))  # no need to run it again
        elif missing:
            render_briefing(briefing, out_dir, missing)
    except (WresError, KeyError, OSError, ValueError) as error:
        seconds = time.perf_counter() - started
        return Outcome(
            briefing.level, briefing.code, "failed", seconds, error=str(error), input_hash=digest
        )
    files = tuple(str(path.relative_to(out_dir)) for path in paths.values())
    status = "ok" if missing else "skipped"
    return Outcome(
        briefing.level,
        briefing.code,
        status,
        time.perf_counter() - started,
        files,
        input_hash=digest,
    )


def _run(
    jobs: list[tuple[Briefing, str, dict | None]],
    out_dir: Path,
    formats: tuple[str, ...],
    workers: int,
    force: bool,
    report: Callable[[Outcome, int, int], None],
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_render_one, briefing, out_dir, formats, digest, previous, force)
            for briefing, digest, previous in jobs
        ]
        for future in as_completed(futures):
            outcomes.append(future.result())
            report(outcomes[-1], len(outcomes), len(jobs))
    return outcomes


def _previous_manifest(path: Path) -> dict[tuple[str, str], dict]:
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8")).get("briefings", [])
    except (json.JSONDecodeError, AttributeError):
        return {}  # an unreadable manifest only means everything is rendered again
    return {(entry["level"], entry["code"]): entry for entry in entries}


def build(
    dataset: Dataset,
    data_dir: Path,
    out_dir: Path,
    year: int,
    *,
    levels: Iterable[str] = LEVELS,
    only: Iterable[str] = (),
    formats: tuple[str, ...] = ("html", "pdf"),
    jobs: int | None = None,
    force: bool = False,
    report: Callable[[Outcome, int, int], None] = lambda outcome, done, total: None,
) -> list[Outcome]:
    """Render every planned briefing with ``jobs`` worker processes; return each outcome.

    Unchanged briefings are skipped unless ``force``. Writes ``manifest.json`` (every
    briefing's input hash, status, duration and files with their sizes) and ``index.html``
    under ``out_dir/<year>``.
    """
    briefings = plan(dataset, year, levels, data_dir, only)
    year_dir = out_dir / str(year)
    manifest_path = year_dir / "manifest.json"
    previous = _previous_manifest(manifest_path)
    dataset_hash = dataset.metadata.content_hash
    planned = [(b, input_hash(b, dataset_hash), previous.get((b.level, b.code))) for b in briefings]
    stale = [
        briefing
        for briefing, digest, entry in planned
        if force
        or entry is None
        or entry.get("input_hash") != digest
        or not all(briefing.output_path(out_dir, fmt).exists() for fmt in formats)
    ]
    cache = year_dir / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    saved = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache.resolve())  # read by the kernels the workers start
    try:
        if stale:
            load_context(data_dir)  # compute the shared tables once, before the workers start
        outcomes = _run(planned, out_dir, formats, jobs or os.cpu_count() or 1, force, report)
    finally:
        if saved is None:
            del os.environ[CACHE_ENV]
        else:
            os.environ[CACHE_ENV] = saved
    entries = dict(previous)
    for outcome in outcomes:
        entry = asdict(outcome) | {"seconds": round(outcome.seconds, 2)}
        entry["files"] = {f: (out_dir / f).stat().st_size for f in outcome.files}
        entries[(outcome.level, outcome.code)] = entry
    ordered = sorted(entries.values(), key=lambda e: (LEVELS.index(e["level"]), e["code"]))
    manifest = {
        "year": year,
        "dataset": dataset.metadata.name,
        "dataset_sha256": dataset_hash,
        "synthetic": dataset.metadata.synthetic,
        "briefings": ordered,
    }
    write_text_atomically(manifest_path, json.dumps(manifest, indent=2) + "\n")
    write_index(year_dir, dataset.metadata.synthetic)
    outcomes.sort(key=lambda o: (LEVELS.index(o.level), o.code))
    return outcomes
