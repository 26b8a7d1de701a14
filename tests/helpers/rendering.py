"""Render briefings of the bundled sample, as ``wres brief`` does, for the rendering tests."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.paths import SAMPLE
from wres_lib.data.dataset import load_dataset
from wres_lib.data.synthetic.stories import STORY_ORGS
from wres_lib.render.briefing import render_briefing
from wres_lib.render.build import record_briefing
from wres_lib.render.plan import briefing_for

YEAR = 2025
RUN_DATE = "2025-06-30"
BRIEFINGS = {
    "trust": ("trust", "ZT015"),
    "tiny_numbers_trust": ("trust", STORY_ORGS["three_bme_shortlisted_none_appointed"]),
    "system": ("icb", STORY_ORGS["diverse_system_no_bme_executives"]),
    "region": ("region", "Y56"),
    "national": ("national", None),
}


def render(level: str, code: str | None, out: Path, formats=("html",)) -> dict[str, Path]:
    """Render one briefing of the sample into ``out`` and record it in the index."""
    dataset = load_dataset(SAMPLE)
    briefing = briefing_for(dataset, level, code, YEAR, SAMPLE)
    briefing.parameters["run_date"] = RUN_DATE
    written = render_briefing(briefing, out, formats)
    record_briefing(dataset, out, briefing, written, 1.0)  # as `wres brief` does
    return written


def render_all(out: Path) -> dict[str, dict[str, Path]]:
    """Every briefing in :data:`BRIEFINGS`, the trust ones as PDF too."""
    return {
        name: render(level, code, out, ("html", "pdf") if "trust" in name else ("html",))
        for name, (level, code) in BRIEFINGS.items()
    }
