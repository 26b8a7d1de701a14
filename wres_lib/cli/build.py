"""Briefing commands: ``wres brief`` renders one, ``wres build`` renders a year's set."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from wres_lib.cli.common import (
    cache_options,
    chosen_cache,
    chosen_formats,
    chosen_year,
    data_option,
    dataset_of,
    out_option,
    year_option,
)

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
    kernel = WarmKernel(kernel_env(cache, briefing.parameters["year"]))
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
    """Render every briefing of a year, skipping unchanged ones; failures are listed and the
    exit status is 1."""
    from wres_lib.render.build import build as build_all
    from wres_lib.render.paths import check_output_folder
    from wres_lib.render.plan import check_levels
    from wres_lib.render.progress import build_progress

    if more_codes and not only:
        raise click.UsageError(
            f"unexpected argument {more_codes[0]!r}; to render only some codes, give --only "
            f"{' '.join(more_codes)}"
        )
    only = only + split_codes(more_codes)
    chosen_levels = check_levels(level.strip() for level in levels.split(",") if level.strip())
    chosen = chosen_formats(formats)
    check_output_folder(out)
    dataset = dataset_of(data, cache_dir, no_cache)
    wres_year = chosen_year(dataset, year)

    stdout = sys.stdout
    with build_progress(stdout, interactive=stdout.isatty()) as report:
        outcomes = build_all(
            dataset,
            data,
            out,
            wres_year,
            levels=chosen_levels,
            only=only,
            formats=chosen,
            jobs=jobs,
            scheduler=scheduler,
            force=force,
            cache=chosen_cache(cache_dir, no_cache) or "",
            report=report,
            waiting=lambda message: click.echo(message, err=True),
        )
    failed = [o for o in outcomes if o.status == "failed"]
    skipped = sum(o.status == "skipped" for o in outcomes)
    written = len(outcomes) - len(failed) - skipped
    click.echo(
        f"{written} of {len(outcomes)} briefings written, {skipped} unchanged, to "
        f"{out / str(wres_year)} (index.html, manifest.json)"
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
