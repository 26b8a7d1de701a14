"""Places in running English: "in the Midlands", "in London"."""

from __future__ import annotations

REGIONS_WITH_THE = (
    "Midlands",
    "North West",
    "East of England",
    "South East",
    "South West",
    "North East and Yorkshire",
)
"""NHS England regions that take "the" in a sentence ("in the Midlands"; London takes none)."""


def place_name(name: str) -> str:
    """A place as a sentence names it: "the Midlands", "the North West", but "London" and
    "Ashmere and Fennick ICS" as they are.

    >>> place_name("Midlands"), place_name("London"), place_name("the South West")
    ('the Midlands', 'London', 'the South West')
    """
    name = name.strip()
    return f"the {name}" if name in REGIONS_WITH_THE else name


def in_region(name: str) -> str:
    """ "in the Midlands", "in London".

    >>> in_region("South West")
    'in the South West'
    """
    return f"in {place_name(name)}"
