"""Render a whole set of briefings: in parallel, one failure never stopping the others.

The shared tables (indicators, models) are computed once, cached on disk for the build, and
loaded by every notebook kernel; each briefing is rendered by a worker process, and the end
state is recorded in ``<out>/<year>/manifest.json`` and ``index.html``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from wres_lib.briefings.context import CACHE_ENV, load_context
from wres_lib.dataset import Dataset
from wres_lib.errors import WresError
from wres_lib.files import write_text_atomically
from wres_lib.render.briefing import Briefing, render_briefing
from wres_lib.render.index import write_index
from wres_lib.render.plan import briefing_for

LEVELS = ("national", "region", "icb", "trust")


@dataclass(frozen=True)
class Outcome:
    """What happened to one briefing."""

    level: str
    code: str
    status: str  # "ok" or "failed"
    seconds: float
    files: tuple[str, ...] = ()
    error: str = ""


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


def _render_one(briefing: Briefing, out_dir: Path, formats: tuple[str, ...]) -> Outcome:
    started = time.perf_counter()
    try:
        written = render_briefing(briefing, out_dir, formats)
    except (WresError, KeyError, OSError, ValueError) as error:
        return Outcome(
            briefing.level, briefing.code, "failed", time.perf_counter() - started, error=str(error)
        )
    files = tuple(str(path.relative_to(out_dir)) for path in written.values())
    return Outcome(briefing.level, briefing.code, "ok", time.perf_counter() - started, files)


def _run(
    briefings: list[Briefing],
    out_dir: Path,
    formats: tuple[str, ...],
    workers: int,
    report: Callable[[Outcome, int, int], None],
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_render_one, b, out_dir, formats) for b in briefings]
        for future in as_completed(futures):
            outcomes.append(future.result())
            report(outcomes[-1], len(outcomes), len(briefings))
    return outcomes


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
    report: Callable[[Outcome, int, int], None] = lambda outcome, done, total: None,
) -> list[Outcome]:
    """Render every planned briefing with ``jobs`` worker processes; return each outcome.

    Writes ``manifest.json`` and ``index.html`` under ``out_dir/<year>``.
    """
    briefings = plan(dataset, year, levels, data_dir, only)
    year_dir = out_dir / str(year)
    cache = year_dir / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache.resolve())  # read by the kernels the workers start
    try:
        load_context(data_dir)  # compute the shared tables once, before the workers start
        outcomes = _run(briefings, out_dir, formats, jobs or os.cpu_count() or 1, report)
    finally:
        if previous is None:
            del os.environ[CACHE_ENV]
        else:
            os.environ[CACHE_ENV] = previous
    outcomes.sort(key=lambda o: (LEVELS.index(o.level), o.code))
    manifest = {
        "year": year,
        "dataset": dataset.metadata.name,
        "dataset_sha256": dataset.metadata.content_hash,
        "synthetic": dataset.metadata.synthetic,
        "briefings": [asdict(o) | {"seconds": round(o.seconds, 2)} for o in outcomes],
    }
    write_text_atomically(year_dir / "manifest.json", json.dumps(manifest, indent=2) + "\n")
    write_index(year_dir, dataset.metadata.synthetic)
    return outcomes
