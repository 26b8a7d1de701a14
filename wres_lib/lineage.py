"""Organisations that merge or change code: who preceded whom, and trend series continued.

The organisations table records both with ``successor_code``: an organisation that closed names
the organisation that took over its work. A code change is a successor with a single
predecessor; a merger, a successor with several. Chains resolve: if A became B and B became C,
C's predecessors are A and B, and A's final successor is C. A chain that comes back on itself
is an error (:class:`LineageError` names the codes; ``wres validate`` reports it with the
rows of ``organisations``).

A *continued* series gives a successor the trust-level figures of the organisations that make
it up: in every year the counts of the successor and of each predecessor are summed under the
successor's code and the indicators computed from the sums by
:func:`~wres_lib.indicators.compute_indicators` (counts are summed, never rates averaged, as
for systems and regions). A row whose counts include a predecessor's has the flag
``predecessors`` and lists those predecessors in ``combined_from`` ("ZT037;ZT038"); a row of the
successor's own counts alone is exactly its row of the ordinary indicator table, with
``combined_from`` empty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache

import pandas as pd

from wres_lib.dataset import Dataset
from wres_lib.disparity import DEFAULT_BAND_GROUPS, BandGroups
from wres_lib.errors import WresError
from wres_lib.indicators import compute_indicators
from wres_lib.small_numbers import DEFAULT_RULE, SmallNumberRule
from wres_lib.tidy import COLUMNS as TIDY_COLUMNS

PREDECESSORS = "predecessors"
"""The flag of a figure whose counts include a predecessor's."""
COLUMNS = (
    "org_code", "predecessor_code", "predecessor_name", "successor_code", "closed",
    "merged_year",
)  # fmt: skip
"""The lineage table: ``org_code`` is a successor, directly or through a chain;
``successor_code`` the predecessor's own (immediate) successor; ``closed`` the predecessor's
valid_to (NaT if not given); ``merged_year`` the first WRES year whose briefing of ``org_code``
combines the predecessor (the year after the one it closed in, along the whole chain)."""
# The tables behind each indicator: a figure combines a predecessor if one of them has its rows.
SOURCES: dict[str, tuple[str, ...]] = {
    "1": ("workforce",),
    "2": ("recruitment",),
    "3": ("disciplinary",),
    "4": ("training",),
    **{str(i): ("staff_survey",) for i in range(5, 9)},
    "9": ("board", "workforce"),
    "disparity": ("workforce",),
}
TWO_YEAR_MEASURE = "relative_likelihood_2yr"  # counts of the year and the year before
SEPARATOR = ";"


class LineageError(WresError, ValueError):
    """The successor codes of the organisations table go round in a cycle."""


def wres_year(date: pd.Timestamp) -> int:
    """The WRES year a date falls in: 1 April Y-1 to 31 March Y is year Y."""
    return date.year + 1 if date.month >= 4 else date.year


def _successors(organisations: pd.DataFrame) -> dict[str, str]:
    """Each organisation's immediate successor, for those that name one."""
    orgs = organisations.drop_duplicates("org_code")
    successor = orgs["successor_code"]
    chosen = orgs[(successor.notna() & (successor.astype(str).str.strip() != "")).to_numpy()]
    codes = chosen["org_code"].astype(str)
    return dict(zip(codes, chosen["successor_code"].astype(str).str.strip(), strict=True))


def successor_cycles(organisations: pd.DataFrame) -> list[tuple[str, ...]]:
    """Every cycle of successor codes, each as its codes in order (empty when there is none)."""
    after = _successors(organisations)
    cycles: list[tuple[str, ...]] = []
    walked: set[str] = set()
    for start in sorted(after):
        path: list[str] = []
        code = start
        while code in after and code not in walked and code not in path:
            path.append(code)
            code = after[code]
        if code in path:
            cycles.append(tuple(path[path.index(code) :]))
        walked.update(path)
    return cycles


def cycle_text(cycle: tuple[str, ...]) -> str:
    """A cycle of :func:`successor_cycles` as it reads round: ("A", "B") is "A -> B -> A"."""
    return " -> ".join((*cycle, cycle[0]))


def _check_no_cycles(organisations: pd.DataFrame) -> None:
    cycles = successor_cycles(organisations)
    if cycles:
        loops = "; ".join(cycle_text(cycle) for cycle in cycles)
        raise LineageError(f"successor_code goes round in a cycle: {loops}")


def final_successors(organisations: pd.DataFrame) -> dict[str, str]:
    """For each organisation with a successor, the last one along its chain (A->B->C gives C).

    Raises:
        LineageError: the successor codes form a cycle; the message names its codes.
    """
    _check_no_cycles(organisations)
    after = _successors(organisations)
    final = {}
    for code in after:
        end = after[code]
        while end in after:
            end = after[end]
        final[code] = end
    return final


def lineage(organisations: pd.DataFrame) -> pd.DataFrame:
    """Every organisation's predecessors, direct or through a chain: the :data:`COLUMNS` table.

    Raises:
        LineageError: the successor codes form a cycle; the message names its codes.

    >>> lineage(load_dataset("data/sample").organisations)  # doctest: +SKIP
    """
    _check_no_cycles(organisations)
    after = _successors(organisations)
    orgs = organisations.drop_duplicates("org_code").set_index("org_code")
    rows = []
    for predecessor in sorted(after):
        code, merged_year = predecessor, 0
        while code in after:
            merged_year = max(merged_year, _merged_year(orgs, code, after[code]))
            code = after[code]
            rows.append(
                {
                    "org_code": code,
                    "predecessor_code": predecessor,
                    "predecessor_name": str(orgs.at[predecessor, "org_name"]),
                    "successor_code": after[predecessor],
                    "closed": orgs.at[predecessor, "valid_to"],
                    "merged_year": merged_year,
                }
            )
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table = table.astype({"closed": "datetime64[ns]", "merged_year": "int64"})
    return table.sort_values(["org_code", "merged_year", "predecessor_code"], ignore_index=True)


def _merged_year(orgs: pd.DataFrame, code: str, successor: str) -> int:
    """The first WRES year after ``code`` closed; if its closing date is not given, the first
    year of ``successor``."""
    closed = orgs.at[code, "valid_to"]
    if pd.isna(closed):
        return wres_year(pd.Timestamp(orgs.at[successor, "valid_from"]))
    return wres_year(pd.Timestamp(closed) + pd.Timedelta(days=1))


def predecessors_of(table: pd.DataFrame, code: str, as_of: int | None = None) -> list[str]:
    """The predecessors of ``code`` in a :func:`lineage` table, sorted; with ``as_of``, only
    those merged into it by that WRES year."""
    mine = table[table["org_code"] == code]
    if as_of is not None:
        mine = mine[mine["merged_year"] <= as_of]
    return sorted(mine["predecessor_code"])


def continued_indicators(
    dataset: Dataset,
    codes: Iterable[str] | None = None,
    *,
    as_of: int | None = None,
    conf: float = 0.95,
    rule: SmallNumberRule = DEFAULT_RULE,
    band_groups: BandGroups = DEFAULT_BAND_GROUPS,
) -> pd.DataFrame:
    """Trust-level indicators of successor organisations, their predecessors' counts summed in.

    Args:
        dataset: a loaded :class:`~wres_lib.dataset.Dataset`.
        codes: the successors to continue; ``None`` for every organisation with a predecessor.
            A code without predecessors gives no rows.
        as_of: combine only the predecessors merged by this WRES year (as its briefing does);
            ``None`` for all of them.
        conf, rule, band_groups: as for :func:`~wres_lib.indicators.compute_indicators`.

    Returns:
        The tidy indicator table of :mod:`wres_lib.indicators` at level trust, one series per
        successor over every year of it or its predecessors, plus ``combined_from``: the
        predecessors whose counts a row includes, separated by ";" ("" for none). Those rows
        also carry the :data:`PREDECESSORS` flag.

    Raises:
        KeyError: a code is not in the organisations table.
        LineageError: the successor codes form a cycle.
    """
    table = lineage(dataset.organisations)
    known = set(dataset.organisations["org_code"])
    wanted = sorted(table["org_code"].unique()) if codes is None else list(codes)
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise KeyError(f"not in the organisations table: {', '.join(unknown)}")
    frames = []
    for code in wanted:
        members = predecessors_of(table, code, as_of)
        if members:
            settings = {"conf": conf, "rule": rule, "band_groups": band_groups}
            frames.append(_continued(dataset, code, members, settings))
    if not frames:
        return pd.DataFrame(columns=[*TIDY_COLUMNS, "combined_from"])
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _continued(
    dataset: Dataset, code: str, members: list[str], settings: dict[str, object]
) -> pd.DataFrame:
    """``code``'s indicator rows computed from its counts and those of ``members``."""
    recode = dict.fromkeys([code, *members], code)
    tables: dict[str, pd.DataFrame] = {}
    contributed: dict[tuple[str, int], set[str]] = {}
    for name in dict.fromkeys(t for names in SOURCES.values() for t in names):
        frame = dataset.table(name)
        mine = frame[frame["org_code"].isin(list(recode)).to_numpy()]
        theirs = mine.loc[mine["org_code"] != code, ["year", "org_code"]].drop_duplicates()
        for year, predecessor in theirs.itertuples(index=False):
            contributed.setdefault((name, int(year)), set()).add(str(predecessor))
        recoded = mine.assign(org_code=mine["org_code"].map(recode))
        tables[name] = recoded.reset_index(drop=True)
    organisations = dataset.organisations[(dataset.organisations["org_code"] == code).to_numpy()]
    recoded_dataset = dataclasses.replace(dataset, organisations=organisations, **tables)
    rows = compute_indicators(recoded_dataset, level="trust", **settings)

    @cache
    def combined_from(indicator: str, measure: str, year: int) -> str:
        years = (year, year - 1) if measure == TWO_YEAR_MEASURE else (year,)
        found = {
            predecessor
            for name in SOURCES[indicator]
            for y in years
            for predecessor in contributed.get((name, y), ())
        }
        return SEPARATOR.join(sorted(found))

    indicator, measure = rows["indicator"].astype(str), rows["measure"].astype(str)
    keys = zip(indicator, measure, rows["year"], strict=True)
    combined = pd.Series([combined_from(*key) for key in keys], index=rows.index)
    marked = combined != ""
    flag, note = rows["flag"].astype(str), rows["note"].astype(str)
    flag = flag.where(~marked, (flag + SEPARATOR + PREDECESSORS).str.lstrip(SEPARATOR))
    words = "counts of " + combined.str.replace(SEPARATOR, ", ") + f" summed under {code}"
    note = note.where(~marked | (note != ""), words)
    return rows.assign(
        flag=flag.astype("category"),
        note=note.astype("category"),
        combined_from=combined.astype("category"),
    )
