"""Places in running English: "in the Midlands", "in London", "an integrated care system"."""

from __future__ import annotations

# Region names that English gives "the": the compass points and the Midlands.
_TAKES_THE = ("North", "South", "East", "West", "Midlands")


def region_phrase(name: str) -> str:
    """A region's name as a sentence needs it: "the Midlands", "the East of England", but
    "London".

    >>> region_phrase("Midlands"), region_phrase("East of England"), region_phrase("London")
    ('the Midlands', 'the East of England', 'London')
    """
    name = name.strip()
    if not name:
        raise ValueError("a region name must not be empty")
    if name.lower().startswith("the ") or name.split()[0] not in _TAKES_THE:
        return name
    return f"the {name}"


def in_region(name: str) -> str:
    """ "in the Midlands", "in London".

    >>> in_region("South West")
    'in the South West'
    """
    return f"in {region_phrase(name)}"
