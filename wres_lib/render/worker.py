"""What a build's worker process runs: render the missing formats of one briefing.

A worker is a new interpreter (spawned, not forked) that imports this module to run
:func:`render_one`, so this module imports only rendering code: no pandas and no analysis
(the notebook kernel imports those), which keeps each worker's memory small
(``tests/test_worker.py`` checks it).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wres_lib.analysis.kernel_env import kernel_env
from wres_lib.errors import WresError
from wres_lib.files import write_bytes_atomically
from wres_lib.render.briefing import FORMATS, NOTEBOOKS_DIR, Briefing, render_briefing
from wres_lib.render.outcome import Outcome

# What the notebook of each level imports first, which a worker's kernel can import early.
LEVEL_MODULES = {
    "national": "wres_lib.briefings.national",
    "region": "wres_lib.briefings.system",
    "icb": "wres_lib.briefings.system",
    "trust": "wres_lib.briefings.trust",
}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderSettings:
    """What every briefing of one build shares: where, which formats, and how."""

    out_dir: Path
    formats: tuple[str, ...]
    cache: str  # the folder of the shared tables, for the notebook kernels ("" for none)
    notebooks_dir: Path = NOTEBOOKS_DIR
    force: bool = False

    def missing(self, briefing: Briefing, digest: str, previous: dict | None) -> tuple[str, ...]:
        """The formats of ``briefing`` to render: all of them unless its input hash is the one
        recorded last time, else those whose file is missing (or is not a file, or a link)."""
        fresh = not self.force and previous is not None and previous.get("input_hash") == digest
        paths = {f: briefing.output_path(self.out_dir, f) for f in self.formats}
        written = {f: path.is_file() and not path.is_symlink() for f, path in paths.items()}
        return tuple(f for f in self.formats if not (fresh and written[f]))


def render_one(
    briefing: Briefing, digest: str, missing: tuple[str, ...], settings: RenderSettings
) -> Outcome:
    """Render the ``missing`` formats of ``briefing`` (in a worker); a failure is an outcome."""
    from wres_lib.render.kernels import thread_kernel
    from wres_lib.render.pdf import html_to_pdf

    started = time.perf_counter()
    out_dir = settings.out_dir
    paths = {fmt: briefing.output_path(out_dir, fmt) for fmt in settings.formats}
    try:
        if missing == ("pdf",) and briefing.output_path(out_dir, "html").exists():
            html = briefing.output_path(out_dir, "html").read_text(encoding="utf-8")
            write_bytes_atomically(paths["pdf"], html_to_pdf(html))  # no need to run it again
        else:
            kernel = thread_kernel(kernel_env(settings.cache))
            render_briefing(briefing, out_dir, missing, settings.notebooks_dir, kernel)
    except (WresError, KeyError, OSError, ValueError) as error:
        for fmt in FORMATS:  # an older page would contradict the index's "not rendered"
            briefing.output_path(out_dir, fmt).unlink(missing_ok=True)
        seconds = time.perf_counter() - started
        return Outcome.of(briefing, "failed", seconds, error=str(error), input_hash=digest)
    files = tuple(str(path.relative_to(out_dir)) for path in paths.values())
    return Outcome.of(briefing, "ok", time.perf_counter() - started, files, input_hash=digest)


def warm_up(cache: str, levels: Iterable[str]) -> None:
    """Start this worker's kernel and import the notebooks' modules for ``levels`` in it (a
    process pool's initializer, run while the build computes its shared tables). A failure is
    only logged: the first briefing tries again and reports it."""
    from wres_lib.render.kernels import thread_kernel

    modules = dict.fromkeys(LEVEL_MODULES[level] for level in levels)
    try:
        thread_kernel(kernel_env(cache)).warm(modules)
    except Exception as error:  # an initializer that raises would break the whole pool
        log.warning("warning: a worker's kernel did not warm up: %s", error)
