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
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from wres_lib.briefings.context import CACHE_ENV, load_context
from wres_lib.dataset import Dataset, sha256_of
from wres_lib.errors import WresError
from wres_lib.files import write_bytes_atomically, write_text_atomically
from wres_lib.provenance import library_hash
from wres_lib.render.briefing import NOTEBOOKS_DIR, Briefing, render_briefing
from wres_lib.render.index import write_index
from wres_lib.render.kernels import thread_kernel
from wres_lib.render.parameters import NOTEBOOKS, default_run_date
from wres_lib.render.pdf import html_to_pdf
from wres_lib.render.plan import briefing_for

LEVELS = ("national", "region", "icb", "trust")
SCHEDULER_TIMEOUT_SECONDS = 30


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


def _missing_formats(
    briefing: Briefing,
    out_dir: Path,
    formats: tuple[str, ...],
    digest: str,
    previous: dict | None,
    force: bool,
) -> tuple[str, ...]:
    """The formats of ``briefing`` to render: all of them unless its input hash is the one
    recorded last time, else those whose file is missing."""
    fresh = not force and previous is not None and previous.get("input_hash") == digest
    return tuple(f for f in formats if not (fresh and briefing.output_path(out_dir, f).exists()))


def _render_one(
    briefing: Briefing,
    out_dir: Path,
    formats: tuple[str, ...],
    digest: str,
    previous: dict | None,
    force: bool,
    cache: str,
) -> Outcome:
    started = time.perf_counter()
    paths = {fmt: briefing.output_path(out_dir, fmt) for fmt in formats}
    missing = _missing_formats(briefing, out_dir, formats, digest, previous, force)
    try:
        if missing == ("pdf",) and briefing.output_path(out_dir, "html").exists():
            html = briefing.output_path(out_dir, "html").read_text(encoding="utf-8")
            write_bytes_atomically(paths["pdf"], html_to_pdf(html))  # no need to run it again
        elif missing:
            render_briefing(briefing, out_dir, missing, kernel=thread_kernel({CACHE_ENV: cache}))
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


@contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[Executor]:
    """A pool of ``workers`` processes, or a Dask cluster: ``"local"`` starts one here, any
    other address (``tcp://host:port``) joins a running scheduler."""
    if scheduler is None:
        # New interpreters, not forks: a worker does not inherit the tables this process holds.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
            yield pool
        return
    from distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:
            yield client.get_executor(pure=False)
        return
    with Client(scheduler, timeout=SCHEDULER_TIMEOUT_SECONDS) as client:
        yield client.get_executor(pure=False)


def _run(
    jobs: list[tuple[Briefing, str, dict | None]],
    out_dir: Path,
    formats: tuple[str, ...],
    executor: Executor,
    force: bool,
    cache: str,
    record: Callable[[Outcome], None],
) -> list[Outcome]:
    futures = [
        executor.submit(_render_one, briefing, out_dir, formats, digest, previous, force, cache)
        for briefing, digest, previous in jobs
    ]
    outcomes: list[Outcome] = []
    for future in as_completed(futures):
        outcomes.append(future.result())
        record(outcomes[-1])
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
    scheduler: str | None = None,
    force: bool = False,
    report: Callable[[Outcome, int, int], None] = lambda outcome, done, total: None,
) -> list[Outcome]:
    """Render every planned briefing with ``jobs`` workers; return each outcome.

    Workers are local processes, or with ``scheduler`` a Dask cluster (``"local"`` or a
    scheduler's address); each keeps one notebook kernel warm between its briefings. Unchanged
    briefings are skipped unless ``force``. Writes ``manifest.json`` (every briefing's input
    hash, status, duration and files with their sizes) and ``index.html`` under
    ``out_dir/<year>``.
    """
    run_date = default_run_date()  # fixed here, so workers elsewhere print the same date
    briefings = [
        replace(b, parameters={"run_date": run_date, **b.parameters})
        for b in plan(dataset, year, levels, data_dir, only)
    ]
    year_dir = out_dir / str(year)
    _remove_interrupted_writes(year_dir)
    manifest_path = year_dir / "manifest.json"
    previous = _previous_manifest(manifest_path)
    dataset_hash = dataset.metadata.content_hash
    planned = [(b, input_hash(b, dataset_hash), previous.get((b.level, b.code))) for b in briefings]
    stale, unchanged = [], []
    for job in planned:
        missing = _missing_formats(job[0], out_dir, formats, *job[1:], force)
        (stale if missing else unchanged).append(job)
    cache = (year_dir / ".cache").resolve()
    cache.mkdir(parents=True, exist_ok=True)
    if stale:
        _compute_shared_tables(data_dir, cache)
    manifest = _Manifest(manifest_path, year, dataset, previous, out_dir)

    def record(outcome: Outcome) -> None:
        manifest.add(outcome)  # written after each briefing, so a killed build can resume
        report(outcome, len(manifest.added), len(planned))

    outcomes = []
    for briefing, digest, _ in unchanged:  # recorded here: no worker needed
        files = tuple(str(briefing.output_path(Path(), fmt)) for fmt in formats)
        outcomes.append(Outcome(briefing.level, briefing.code, "skipped", 0.0, files, "", digest))
        record(outcomes[-1])
    if stale:
        with _executor(jobs or os.cpu_count() or 1, scheduler) as executor:
            outcomes += _run(stale, out_dir, formats, executor, force, str(cache), record)
    manifest.write()
    write_index(year_dir, dataset.metadata.synthetic)
    outcomes.sort(key=lambda o: (LEVELS.index(o.level), o.code))
    return outcomes


class _Manifest:
    """``manifest.json``: each briefing's input hash, status, duration and file sizes."""

    def __init__(
        self, path: Path, year: int, dataset: Dataset, previous: dict, out_dir: Path
    ) -> None:
        self.path = path
        self.out_dir = out_dir
        self.header = {
            "year": year,
            "dataset": dataset.metadata.name,
            "dataset_sha256": dataset.metadata.content_hash,
            "synthetic": dataset.metadata.synthetic,
        }
        self.entries = dict(previous)
        self.added: list[Outcome] = []

    def add(self, outcome: Outcome) -> None:
        """Record ``outcome``; write the file if something was rendered or failed."""
        entry = asdict(outcome) | {"seconds": round(outcome.seconds, 2)}
        entry["files"] = {f: (self.out_dir / f).stat().st_size for f in outcome.files}
        self.entries[(outcome.level, outcome.code)] = entry
        self.added.append(outcome)
        if outcome.status != "skipped":
            self.write()

    def write(self) -> None:
        """Rewrite the file atomically."""
        ordered = sorted(self.entries.values(), key=lambda e: (LEVELS.index(e["level"]), e["code"]))
        text = json.dumps(self.header | {"briefings": ordered}, indent=2) + "\n"
        write_text_atomically(self.path, text)


def _compute_shared_tables(data_dir: Path, cache: Path) -> None:
    """Compute the indicator and model tables once, into ``cache``, before the workers start."""
    saved = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache)
    try:
        load_context(data_dir)
    finally:
        if saved is None:
            del os.environ[CACHE_ENV]
        else:
            os.environ[CACHE_ENV] = saved


def _remove_interrupted_writes(year_dir: Path) -> None:
    """Delete temporary files an interrupted build left (their names start with a dot)."""
    if year_dir.exists():
        for temporary in year_dir.rglob(".*.tmp"):
            temporary.unlink(missing_ok=True)
