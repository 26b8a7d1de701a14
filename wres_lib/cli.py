"""The ``wres`` command line."""

import click


@click.group()
def main() -> None:
    """WRES briefings: validate data, compute indicators, render briefings."""
