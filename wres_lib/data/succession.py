"""Organisations that merge or change code: who preceded whom.

The organisations table records both with ``successor_code``: an organisation that closed names
the organisation that took over its work. A code change is a successor with a single
predecessor; a merger, a successor with several. Chains resolve: if A became B and B became C,
C's predecessors are A and B, and A's final successor is C. A chain that comes back on itself
is an error (:class:`LineageError` names the codes; ``wres validate`` reports it with the
rows of ``organisations``). Pure pandas: the indicator series continued across a merger are in
:mod:`wres_lib.analysis.continued`.
"""

from __future__ import annotations

import pandas as pd

from wres_lib.errors import WresError

COLUMNS = (
    "org_code", "predecessor_code", "predecessor_name", "successor_code", "closed",
    "merged_year",
)  # fmt: skip
"""The lineage table: ``org_code`` is a successor, directly or through a chain;
``successor_code`` the predecessor's own (immediate) successor; ``closed`` the predecessor's
valid_to (NaT if not given); ``merged_year`` the first WRES year whose briefing of ``org_code``
combines the predecessor (the year after the one it closed in, along the whole chain)."""


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
