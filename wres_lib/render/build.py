"""Render a whole set of briefings: in parallel, incrementally, one failure never stopping
the others.

Each briefing has an input hash of everything it reads (its notebook, its parameters, the
dataset's content, wres_lib's code and templates); a briefing whose hash and files are
unchanged is skipped, and a format missing from an otherwise fresh briefing is added without
running the notebook again. The shared tables (indicators, models) are computed once, cached
as Parquet in the per-user cache folder (outside the output folder, which can be published as
it is), and each notebook kernel reads the slice of them its year needs; each briefing is
rendered by a worker process, and the end state is recorded in ``<out>/<year>/manifest.json`` and
``index.html``. One build at a time writes to a year's folder (a lock file); a briefing that
fails has its older files removed, so the index and the files agree.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path

from wres_lib.analysis.context import load_context
from wres_lib.data.dataset import Dataset
from wres_lib.data.metadata import sha256_of
from wres_lib.data.provenance import library_hash
from wres_lib.errors import WresError
from wres_lib.render.briefing import NOTEBOOKS_DIR, Briefing
from wres_lib.render.fingerprint import renderer_fingerprint
from wres_lib.render.index import write_index
from wres_lib.render.lock import exclusive
from wres_lib.render.manifest import LEVELS, Manifest
from wres_lib.render.outcome import Outcome
from wres_lib.render.parameters import NOTEBOOKS, default_run_date
from wres_lib.render.paths import check_briefing_outputs, check_output_folder
from wres_lib.render.plan import plan
from wres_lib.render.pool import LocalWorkers, check_reachable, kernel_cache, workers
from wres_lib.render.worker import RenderSettings, render_one

log = logging.getLogger(__name__)


def input_hash(briefing: Briefing, dataset_hash: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """A hash of everything ``briefing`` reads: notebook, parameters, data, code and templates,
    and the rendering packages and fonts (see :mod:`wres_lib.render.fingerprint`)."""
    parameters = {"run_date": default_run_date(), **briefing.parameters}
    parts = (
        sha256_of(notebooks_dir / NOTEBOOKS[briefing.notebook]),
        json.dumps(parameters, sort_keys=True, default=str),
        briefing.title,
        dataset_hash,
        library_hash(),
        renderer_fingerprint(),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _run(
    jobs: list[tuple[Briefing, str, tuple[str, ...]]],
    executor: Executor,
    settings: RenderSettings,
    record: Callable[[Outcome], None],
) -> list[Outcome]:
    """Each job's outcome, recorded as it comes. Local workers are given a few jobs ahead of
    them (:attr:`~wres_lib.render.pool.LocalWorkers.ahead`), so the fresh workers that replace
    spent ones start on time; a Dask cluster is given them all at once."""
    ahead = executor.ahead if isinstance(executor, LocalWorkers) else len(jobs)
    waiting = iter(jobs)
    running: set[Future[Outcome]] = set()
    outcomes: list[Outcome] = []
    try:
        while True:
            for job in waiting:
                running.add(executor.submit(render_one, *job, settings))
                if len(running) >= ahead:
                    break
            if not running:
                return outcomes
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                outcomes.append(future.result())
                record(outcomes[-1])
    except BaseException:  # interrupted, or a worker lost: what has not started never will
        for future in running:
            future.cancel()
        raise


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
    cache: Path | str | None = None,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    request: str = "",
    executor: Executor | None = None,
    report: Callable[[Outcome, int, int], None] = lambda outcome, done, total: None,
    waiting: Callable[[str], None] = lambda message: None,
) -> list[Outcome]:
    """Render every planned briefing with ``jobs`` workers; return each outcome.

    Workers are local processes, or with ``scheduler`` a Dask cluster (``"local"`` or a
    scheduler's address); each keeps one notebook kernel warm between its briefings. A caller
    that started them already (:func:`~wres_lib.render.pool.workers`) passes ``executor``. The
    notebooks come from ``notebooks_dir``. The shared tables are cached under ``cache`` (default:
    :func:`~wres_lib.analysis.context_cache.default_cache_dir`; ``""``: no cache, every kernel
    computes them). Unchanged briefings are skipped unless ``force``.
    Writes ``manifest.json`` (every briefing's input hash, status, duration and files with their
    sizes) and ``index.html``, made from it, under ``out_dir/<year>``. When no briefing failed,
    the manifest records ``request`` (:func:`~wres_lib.render.up_to_date.request_hash` of this
    build's inputs and arguments) as complete.

    Before anything is rendered, raises :class:`~wres_lib.render.paths.OutputFolderError` if
    ``out_dir`` cannot be written, :class:`~wres_lib.render.levels.SelectionError` for an unknown
    level or code, :class:`~wres_lib.render.paths.UnsafeOutputError` if a code cannot name a
    file inside ``out_dir``. If another build holds the year's lock, ``waiting`` is told and
    this one waits for it.
    """
    check_output_folder(out_dir)
    if scheduler not in (None, "local"):
        check_reachable(scheduler)  # in seconds, not after the shared tables are computed
    run_date = default_run_date()  # fixed here, so workers elsewhere print the same date
    briefings = [
        replace(
            check_briefing_outputs(b, out_dir), parameters={"run_date": run_date, **b.parameters}
        )
        for b in plan(dataset, year, levels, data_dir, only)
    ]
    year_dir = out_dir / str(year)
    settings = RenderSettings(out_dir, formats, kernel_cache(cache), notebooks_dir, force)
    if executor is None:
        started = workers(jobs, scheduler, cache=settings.cache, levels=levels)
    else:
        started = nullcontext(executor)
    with exclusive(year_dir, waiting):
        outcomes = _build_locked(
            briefings, dataset, data_dir, year_dir, settings, started, report, request
        )
    outcomes.sort(key=lambda o: (LEVELS.index(o.level), o.code))
    return outcomes


def _build_locked(
    briefings: list[Briefing],
    dataset: Dataset,
    data_dir: Path,
    year_dir: Path,
    settings: RenderSettings,
    started: AbstractContextManager[Executor],
    report: Callable[[Outcome, int, int], None],
    request: str,
) -> list[Outcome]:
    """The build proper, run while this process holds the year's lock."""
    _remove_interrupted_writes(year_dir)
    manifest = Manifest.open(settings.out_dir, int(year_dir.name), dataset)
    dataset_hash = dataset.metadata.content_hash
    stale, unchanged = [], []
    for briefing in briefings:
        digest = input_hash(briefing, dataset_hash, settings.notebooks_dir)
        previous = manifest.entry(briefing.level, briefing.code)
        missing = settings.missing(briefing, digest, previous)
        (stale if missing else unchanged).append((briefing, digest, missing))
    if stale and settings.cache:  # the shared tables, computed once before the workers start
        load_context(data_dir, settings.cache)

    def record(outcome: Outcome) -> None:
        manifest.add(outcome)  # written after each briefing, so a killed build can resume
        report(outcome, len(manifest.added), len(briefings))

    outcomes = []
    for briefing, digest, _ in unchanged:  # recorded here: no worker needed
        files = tuple(str(briefing.output_path(Path(), fmt)) for fmt in settings.formats)
        outcomes.append(Outcome.of(briefing, "skipped", 0.0, files, input_hash=digest))
        record(outcomes[-1])
    if stale:
        keeping = _keep_printed_meanwhile(data_dir, settings.cache, int(year_dir.name))
        with started as executor:
            outcomes += _run(stale, executor, settings, record)
        if keeping is not None:
            keeping.join()
    manifest.write()
    write_index(year_dir, manifest, dataset.organisations)
    if request and not any(outcome.status == "failed" for outcome in outcomes):
        # Last: a build stopped before this is not complete (its index may be older).
        manifest.write(complete=request, planned=len(outcomes))
    return outcomes


def _keep_printed_meanwhile(data_dir: Path, cache: str, year: int) -> threading.Thread | None:
    """Start keeping what ``wres table NAME`` and ``wres stories`` print for ``year``
    (:func:`~wres_lib.tables.printed.keep_printed`) in a thread of this process, which only
    waits while the workers render; None without a cache. Failing, it keeps nothing and says
    so: the commands compute their text when run."""
    if not cache:
        return None
    from wres_lib.tables.printed import keep_printed

    def keep() -> None:
        try:
            keep_printed(data_dir, Path(cache), year)
        except (WresError, OSError, ValueError, KeyError) as error:
            log.warning("warning: the journalist commands' output was not kept: %s", error)

    thread = threading.Thread(target=keep, name="keep-printed", daemon=True)
    thread.start()
    return thread


def _remove_interrupted_writes(year_dir: Path) -> None:
    """Delete temporary files an interrupted build left (their names start with a dot), and the
    cache folder older versions kept inside the output folder (the cache is per user now)."""
    if year_dir.exists():
        for temporary in year_dir.rglob(".*.tmp"):
            temporary.unlink(missing_ok=True)
        old_cache = year_dir / ".cache"
        if old_cache.is_dir() and not old_cache.is_symlink():
            shutil.rmtree(old_cache, ignore_errors=True)


def record_briefing(
    dataset: Dataset, out_dir: Path, briefing: Briefing, written: dict[str, Path], seconds: float
) -> Path:
    """Add a briefing rendered on its own (``wres brief``) to its year's manifest and index.

    Files of other formats it already had are kept if they were made from the same inputs.
    Returns the index page.
    """
    year = briefing.parameters["year"]
    check_briefing_outputs(briefing, out_dir)
    manifest = Manifest.open(out_dir, year, dataset)
    digest = input_hash(briefing, dataset.metadata.content_hash)
    previous = manifest.entry(briefing.level, briefing.code) or {}
    kept = previous.get("files", {}) if previous.get("input_hash") == digest else {}
    files = {str(path.relative_to(out_dir)) for path in written.values()}
    files |= {f for f in kept if (out_dir / f).exists()}
    manifest.add(Outcome.of(briefing, "ok", seconds, tuple(sorted(files)), input_hash=digest))
    return write_index(out_dir / str(year), manifest, dataset.organisations)
