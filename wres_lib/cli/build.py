"""Briefing commands: ``wres brief`` renders one, ``wres build`` renders a year's set."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wres_lib.cli.common import (
    cache_options,
    cached_facts,
    checked_data,
    chosen_cache,
    chosen_formats,
    chosen_year,
    context_of,
    data_option,
    dataset_of,
    out_option,
    year_of,
    year_option,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import pandas as pd

    from wres_lib.data.dataset import Dataset
    from wres_lib.render.outcome import Outcome

LEVEL_CHOICES = ("trust", "icb", "region", "national")


@click.command()
@click.argument("level", type=click.Choice(LEVEL_CHOICES))
@click.argument("code", required=False)
@year_option
@click.option("--formats", default="html", show_default=True, help="Comma-separated: html,pdf.")
@data_option
@out_option
@cache_options
def brief(
    level: str,
    code: str | None,
    year: int | None,
    formats: str,
    data: Path,
    out: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Render the briefing of one trust, ICB or region CODE, or of the nation."""
    from wres_lib.analysis.kernel_env import kernel_env
    from wres_lib.render.briefing import render_briefing
    from wres_lib.render.build import record_briefing
    from wres_lib.render.kernels import WarmKernel
    from wres_lib.render.paths import check_briefing_outputs, check_output_folder
    from wres_lib.render.plan import briefing_for

    chosen = chosen_formats(formats)
    dataset = dataset_of(data, cache_dir, no_cache)
    try:
        briefing = briefing_for(dataset, level, code, chosen_year(dataset, year), data)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="CODE") from error
    check_output_folder(out)
    check_briefing_outputs(briefing, out)
    started = time.perf_counter()
    cache = chosen_cache(cache_dir, no_cache)
    kernel = WarmKernel(kernel_env(cache))
    try:
        written = render_briefing(briefing, out, chosen, kernel=kernel)
    finally:
        kernel.shutdown()
    for path in written.values():
        click.echo(f"wrote {path}")
    seconds = time.perf_counter() - started
    click.echo(f"wrote {record_briefing(dataset, out, briefing, written, seconds)}")


def split_codes(values: tuple[str, ...]) -> list[str]:
    """('ZT010', 'ZT011,ZT012') -> ['ZT010', 'ZT011', 'ZT012']."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@click.command()
@click.argument("more_codes", nargs=-1, metavar="[CODES]...")
@year_option
@click.option("--levels", default="national,region,icb,trust", show_default=True)
@click.option(
    "--only",
    multiple=True,
    callback=lambda ctx, param, values: split_codes(values),
    help="Render only these codes: --only ZT010 --only ZT011, --only ZT010,ZT011 or "
    "--only ZT010 ZT011.",
)
@click.option("--formats", default="html,pdf", show_default=True, help="Comma-separated: html,pdf.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the cores).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run on a Dask cluster: 'local' starts one here, tcp://host:port joins a running one.",
)
@click.option("--force", is_flag=True, help="Render again even what is unchanged.")
@click.option(
    "--publish",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Then copy the year's publishable files to DIR/<year> (briefings, index, manifest, "
    "tables as .csv.gz), leaving out lock and temporary files.",
)
@data_option
@out_option
@cache_options
def build(
    more_codes: tuple[str, ...],
    year: int | None,
    levels: str,
    only: list[str],
    formats: str,
    jobs: int | None,
    scheduler: str | None,
    force: bool,
    publish: Path | None,
    data: Path,
    out: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """The year's main job: validate the data, write the indicator tables and render every
    briefing, each step skipping what is unchanged; failures are listed and the exit status is
    1. With nothing changed since the last complete build, it ends without reading the data."""
    from wres_lib.cli.data import valid_line
    from wres_lib.indicators.output import indicator_tables_unchanged
    from wres_lib.render.levels import check_levels
    from wres_lib.render.paths import check_output_folder
    from wres_lib.render.up_to_date import request_hash, unchanged_count

    if more_codes and not only:
        raise click.UsageError(
            f"unexpected argument {more_codes[0]!r}; to render only some codes, give --only "
            f"{' '.join(more_codes)}"
        )
    only = only + split_codes(more_codes)
    chosen_levels = check_levels(level.strip() for level in levels.split(",") if level.strip())
    chosen = chosen_formats(formats)
    check_output_folder(out)
    cache = chosen_cache(cache_dir, no_cache)
    cached = cached_facts(data, cache_dir, no_cache)  # read once: the no-change path is short
    with _workers_while_computing(
        cached is None, cache, jobs, scheduler, chosen_levels
    ) as executor:
        metadata, facts = checked_data(data, cache_dir, no_cache, cached)
        wres_year = year_of(facts["years"], year, data)
        click.echo(valid_line(data, metadata, facts))
        request = request_hash(metadata.content_hash, data, wres_year, chosen_levels, only, chosen)
        tables_unchanged = indicator_tables_unchanged(metadata, out, wres_year)
        if tables_unchanged:
            click.echo(f"unchanged: {out / str(wres_year) / 'tables'} (same data and code)")
        fresh = tables_unchanged and not force
        unchanged = unchanged_count(out, wres_year, request) if fresh else None
        outcomes: list[Outcome] = []
        if unchanged is None:
            from wres_lib.render.paths import check_briefing_outputs
            from wres_lib.render.plan import plan

            dataset = dataset_of(data, cache_dir, no_cache)
            for briefing in plan(dataset, wres_year, chosen_levels, data, only):
                check_briefing_outputs(briefing, out)  # an unknown or unsafe code: nothing written
            if not tables_unchanged:
                computed = context_of(data, cache_dir, no_cache).indicators  # held since validated
                _write_tables(dataset, out, wres_year, computed)
            outcomes = _render_set(
                dataset, data, out, wres_year, chosen_levels, only, chosen, jobs, scheduler,
                force, request, cache, executor,
            )  # fmt: skip
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = sum(o.status == "skipped" for o in outcomes) + (unchanged or 0)
    total = len(outcomes) + (unchanged or 0)
    click.echo(
        f"{total - len(failed) - skipped} of {total} briefings written, {skipped} unchanged, "
        f"to {out / str(wres_year)} (index.html, manifest.json)"
    )
    if publish is not None:
        from wres_lib.render.publish import publish as publish_year

        try:
            copied = publish_year(out, wres_year, publish)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--publish") from error
        size = sum(path.stat().st_size for path in copied) / 1024**2
        click.echo(f"published {len(copied)} files ({size:.1f} MB) to {publish / str(wres_year)}")
    if failed:
        click.echo(f"{len(failed)} failed:", err=True)
        for outcome in failed:
            click.echo(f"  - {outcome.level} {outcome.code}: {outcome.error}", err=True)
        sys.exit(1)


def _write_tables(dataset: Dataset, out: Path, year: int, computed: pd.DataFrame) -> None:
    """Write the year's indicator tables, as ``wres indicators`` does, from the ``computed``
    indicators, and say so."""
    from wres_lib.indicators.output import write_indicator_tables

    written = write_indicator_tables(dataset, out, year, computed)
    click.echo(f"wrote {len(written)} indicator tables to {out / str(year) / 'tables'}")


@contextmanager
def _workers_while_computing(
    computing: bool, cache: Path | None, jobs: int | None, scheduler: str | None, levels: list[str]
) -> Iterator[Executor | None]:
    """Local workers started now, when the dataset is not in the cache (``computing``): their
    kernels warm up while this process validates it and computes the shared tables. Else None
    (the build starts its workers when it knows it has something to render)."""
    if scheduler is not None or cache is None or not computing:
        yield None
        return
    from wres_lib.render.pool import kernel_cache, workers

    with workers(jobs, cache=kernel_cache(cache), levels=levels) as executor:
        yield executor


def _render_set(
    dataset: Dataset,
    data: Path,
    out: Path,
    year: int,
    levels: tuple[str, ...],
    only: list[str],
    formats: tuple[str, ...],
    jobs: int | None,
    scheduler: str | None,
    force: bool,
    request: str,
    cache: Path | None,
    executor: Executor | None,
) -> list[Outcome]:
    """Plan and render the year's briefings with a progress line; every outcome."""
    from wres_lib.render.build import build as build_all
    from wres_lib.render.progress import build_progress

    with build_progress(sys.stdout, interactive=sys.stdout.isatty()) as report:
        return build_all(
            dataset,
            data,
            out,
            year,
            levels=levels,
            only=only,
            formats=formats,
            jobs=jobs,
            scheduler=scheduler,
            force=force,
            cache=cache or "",
            request=request,
            executor=executor,
            report=report,
            waiting=lambda message: click.echo(message, err=True),
        )
