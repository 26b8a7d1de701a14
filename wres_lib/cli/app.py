"""The ``wres`` group: every command registered, and every expected error turned into one
line for the user instead of a traceback."""

from __future__ import annotations

import errno
import os
from typing import Any

import click

from wres_lib.cli import build, data, imports, tables
from wres_lib.errors import WresError

DEBUG_ENV = "WRES_DEBUG"


def describe_os_error(error: OSError) -> str:
    """One sentence for a file system error: which path, and what is wrong with it."""
    path = error.filename or "a file"
    if error.errno == errno.EEXIST:
        return f"{path} is a file; a folder was expected there"
    if error.errno == errno.ENOTDIR:
        return f"cannot write {path}: part of that path is a file, not a folder"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: permission denied or read-only"
    return f"cannot use {path}: {error.strerror or error}"


def one_headline(message: str) -> str:
    """``message`` with every line after the first indented: one headline, then details."""
    first, *rest = str(message).splitlines() or [""]
    return "\n".join([first, *(line if line.startswith(" ") else f"  {line}" for line in rest)])


class WresGroup(click.Group):
    """A click group whose commands never show a traceback: a library error, a file system
    error or an unexpected one is printed as one line and the exit status is 1 (set
    ``WRES_DEBUG=1`` to see the traceback of an unexpected error)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            error.message = one_headline(error.message)
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except WresError as error:
            raise click.ClickException(one_headline(str(error))) from error
        except OSError as error:
            raise click.ClickException(describe_os_error(error)) from error
        except Exception as error:
            if os.environ.get(DEBUG_ENV):
                raise
            raise click.ClickException(
                f"unexpected error: {type(error).__name__}: {error} "
                f"(run again with {DEBUG_ENV}=1 to see where, and please report it)"
            ) from error


@click.group(cls=WresGroup)
@click.version_option(package_name="wres-briefings")
def main() -> None:
    """WRES briefings: validate data, compute indicators, render briefings."""


for command in (
    data.validate,
    data.checksums,
    data.template,
    data.generate_sample,
    data.indicators,
    imports.import_group,
    imports.fetch,
    build.brief,
    build.build,
    tables.table,
    tables.stories,
):
    main.add_command(command)
