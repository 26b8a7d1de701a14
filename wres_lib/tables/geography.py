"""Where each organisation of a press table sits: the five columns a journalist filters and
joins on, the same set in the same place in every organisation-level table.

A trust carries its own type, system (ICB) and region from ``organisations.csv``; an ICB row
has type "icb", its own code and name and its region; a region row has type "region", empty
system columns and its own region. Names are shown as the tables show organisation names
(without the "(synthetic)" tag), so a system's ``icb_name`` in a trust table matches its
``name`` in ``system-summary``.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.analysis.context import BriefingContext, display_name

JOIN_COLUMNS = ("org_type", "icb_code", "icb_name", "region_code", "region_name")
# The code and name columns a press table may use, in order of preference.
CODE_COLUMNS = ("code", "org_code")
NAME_COLUMNS = ("name", "org_name")
JOIN_NOTE = (
    "org_type, icb_code, icb_name, region_code, region_name: where the organisation sits, "
    "from organisations.csv (a system's own row has type 'icb', a region's type 'region' and "
    "no system), the same columns in every table, to filter on or join with another table."
)


def geography(context: BriefingContext, level: str) -> pd.DataFrame:
    """The :data:`JOIN_COLUMNS` of every organisation at ``level`` ("trust", "icb" or
    "region") listed in the dataset's organisations, indexed by code, as text."""
    columns = ["org_code", *JOIN_COLUMNS]
    organisations = context.dataset.organisations[columns].fillna("").astype(str)
    if level == "trust":
        rows = organisations.drop_duplicates("org_code").set_index("org_code")
        frame = rows[list(JOIN_COLUMNS)].copy()
    elif level in ("icb", "region"):
        parent = f"{level}_code"
        rows = organisations.drop_duplicates(parent).set_index(parent, drop=False)
        frame = pd.DataFrame({"org_type": level}, index=rows.index)
        own = level == "icb"
        frame["icb_code"] = rows["icb_code"] if own else ""
        frame["icb_name"] = rows["icb_name"] if own else ""
        frame["region_code"] = rows["region_code"]
        frame["region_name"] = rows["region_name"]
    else:
        raise ValueError(f"no organisations at level {level!r}; use trust, icb or region")
    frame["icb_name"] = frame["icb_name"].map(display_name)
    frame["region_name"] = frame["region_name"].map(display_name)
    return frame.rename_axis("code")


def with_geography(context: BriefingContext, level: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the :data:`JOIN_COLUMNS` of each row's organisation inserted after its
    name column (or its code column if it has none); empty for a code not listed."""
    code = next(c for c in CODE_COLUMNS if c in frame.columns)
    joined = frame.drop(columns=[c for c in JOIN_COLUMNS if c in frame.columns])
    after = next((c for c in NAME_COLUMNS if c in joined.columns), code)
    place = joined.columns.get_loc(after) + 1
    found = geography(context, level)
    codes = frame[code].astype(str)
    for offset, column in enumerate(JOIN_COLUMNS):
        values = codes.map(found[column]).fillna("").astype(object)
        joined.insert(place + offset, column, values)
    return joined
