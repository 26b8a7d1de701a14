"""Which briefings to render: codes checked against the data, titles and parameters set, and
every output path checked to stay inside the output folder."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from wres_lib.analysis.context import unknown_code_message
from wres_lib.data.dataset import Dataset
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.render.briefing import Briefing
from wres_lib.render.levels import LEVELS, SelectionError, check_levels
from wres_lib.render.paths import check_code

LEVEL_NOUNS = {"trust": "trust", "icb": "system (ICB)", "region": "region"}


def briefing_for(
    dataset: Dataset, level: str, code: str | None, year: int, data_dir: Path
) -> Briefing:
    """The :class:`Briefing` of ``code`` at ``level`` ('trust', 'icb', 'region', 'national').

    Raises KeyError with the closest known codes when ``code`` is not in the data, and
    :class:`~wres_lib.render.paths.UnsafeOutputError` when the code cannot name a file.
    """
    parameters = {"year": year, "data_dir": str(data_dir)}
    if level == "national":
        return Briefing(
            "national", "national", NATIONAL_CODE, f"England: WRES briefing {year}", parameters
        )
    if code is None:
        raise KeyError(f"a {LEVEL_NOUNS[level]} code is needed")
    organisations = dataset.organisations
    if level == "trust":
        names = dict(zip(organisations["org_code"], organisations["org_name"], strict=True))
        if code not in names:
            raise KeyError(unknown_code_message(code, sorted(names), "trust"))
        return Briefing(
            "trust",
            "trust",
            check_code(code, "trust code"),
            f"{names[code]}: WRES briefing {year}",
            {"org_code": code, **parameters},
        )
    names = dict(zip(organisations[f"{level}_code"], organisations[f"{level}_name"], strict=False))
    if code not in names:
        raise KeyError(unknown_code_message(code, sorted(names), LEVEL_NOUNS[level]))
    return Briefing(
        "system",
        level,
        check_code(code, f"{level} code"),
        f"{names[code]}: WRES briefing {year}",
        {"level": level, "code": code, **parameters},
    )


def codes_by_level(dataset: Dataset, year: int) -> dict[str, list[str]]:
    """Every code with a briefing in ``year``: the nation, regions, systems, active trusts."""
    organisations = dataset.organisations
    active = set(dataset.workforce.loc[dataset.workforce["year"] == year, "org_code"])
    return {
        "national": [NATIONAL_CODE],
        "region": sorted(organisations["region_code"].unique()),
        "icb": sorted(organisations["icb_code"].unique()),
        "trust": sorted(active),
    }


def check_only(dataset: Dataset, year: int, levels: Iterable[str], only: Iterable[str]) -> set[str]:
    """The codes of ``only``, each of which must have a briefing at one of ``levels`` in
    ``year``; else :class:`SelectionError` naming the first unknown one and close codes."""
    wanted = set(only)
    chosen = list(levels)
    codes = codes_by_level(dataset, year)
    known = {code for level in chosen for code in codes[level]}
    for code in sorted(wanted - known):
        elsewhere = [level for level in LEVELS if level not in chosen and code in codes[level]]
        if elsewhere:
            raise SelectionError(
                f"{code!r} is a {elsewhere[0]} code, not among --levels {','.join(chosen)}"
            )
        close = difflib.get_close_matches(code, sorted(known), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise SelectionError(
            f"no briefing for {code!r} at levels {','.join(chosen)} in {year}{hint}"
        )
    return wanted


def plan(
    dataset: Dataset, year: int, levels: Iterable[str], data_dir: Path, only: Iterable[str] = ()
) -> list[Briefing]:
    """Every briefing of ``levels`` for ``year`` (or just the codes in ``only``).

    Raises :class:`SelectionError` for an unknown level or code in ``only``, and
    :class:`~wres_lib.render.paths.UnsafeOutputError` if a code cannot name a file.
    """
    chosen = check_levels(levels)
    wanted = check_only(dataset, year, chosen, only)
    codes = codes_by_level(dataset, year)
    return [
        briefing_for(dataset, level, None if level == "national" else code, year, data_dir)
        for level in LEVELS
        if level in chosen
        for code in codes[level]
        if not wanted or code in wanted
    ]
