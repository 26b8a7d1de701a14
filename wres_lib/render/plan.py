"""Which briefings to render: codes checked against the data, titles and parameters set."""

from __future__ import annotations

from pathlib import Path

from wres_lib.analysis.context import unknown_code_message
from wres_lib.data.dataset import Dataset
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.render.briefing import Briefing

LEVEL_NOUNS = {"trust": "trust", "icb": "system (ICB)", "region": "region"}


def briefing_for(
    dataset: Dataset, level: str, code: str | None, year: int, data_dir: Path
) -> Briefing:
    """The :class:`Briefing` of ``code`` at ``level`` ('trust', 'icb', 'region', 'national').

    Raises KeyError with the closest known codes when ``code`` is not in the data.
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
            code,
            f"{names[code]}: WRES briefing {year}",
            {"org_code": code, **parameters},
        )
    names = dict(zip(organisations[f"{level}_code"], organisations[f"{level}_name"], strict=False))
    if code not in names:
        raise KeyError(unknown_code_message(code, sorted(names), LEVEL_NOUNS[level]))
    return Briefing(
        "system",
        level,
        code,
        f"{names[code]}: WRES briefing {year}",
        {"level": level, "code": code, **parameters},
    )
