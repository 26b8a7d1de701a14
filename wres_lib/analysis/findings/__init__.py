"""Findings: the candidate stories of a briefing, scored so the most newsworthy leads.

A briefing collects every :class:`Finding` its data supports; :func:`ranked` orders them, and
the first is the headline and the next two the standfirst. A finding records its kind, its
score, the figures and indicator rows it rests on, and (once worded by
:mod:`wres_lib.present.narrative.findings`) its sentence.

The scoring, in one place. Each kind has a base score; what scales it is added, capped at the
kind's ceiling, so no kind can outscore the next tier by size alone:

=======================  ====  ======================================================  =====
kind                     base  what scales it                                          cap
=======================  ====  ======================================================  =====
all_white_board          85    + BME share of all staff (points) / 5                   100
all_white_executive      70    + BME share of all staff (points) / 5                   85
system_no_bme_executive  60    + 15 if no reporting trust has one (else at least half  90
                               lack one); + BME share of the population served / 5
no_bme_executive_run     55    + 4 a year without a BME executive director (3+ years)  85
bottleneck               55    + 10 x log2(step odds ratio)                            75
target_missed            55    + 10 if the latest figure's whole interval (or a        75
                               figure with none) is short of the target; + 5 a full
                               year past the due date
rank                     45    + 15 x closeness to the extreme (1 = first of all);     75
                               + 5 among all trusts rather than peers; + 5 adverse
system_rank              45    + 15 x closeness to the extreme (1 = first of all);     75
                               + 5 among all systems rather than the region's;
                               + 5 adverse
change                   40    + 4 x |z| of the change (interval excludes no change);  70
                               + 5 adverse
board_gap                35    + (|gap| - 10 points) / 2, gap at least 10 points       60
                               below the workforce; + 5 if wider than last year
target_off_track         35    + 10 if the whole interval is short of the path         45
model_employer           30    + BME headcount gap at the furthest band / 2            50
likelihood               25    + 10 x log2(ratio), significant and rankable, >= 1.25   45
target_met               20    + 10 if the whole interval is past the target           30
=======================  ====  ======================================================  =====

Ties are broken by kind (the table's order), then by subject, then by the figures' text, so
the same data always gives the same headline. A ratio flagged ``few_events`` or a figure on
small numbers never makes a finding. The ``system_*`` kinds are a system's or region's
(:mod:`wres_lib.analysis.findings.system`), which also takes the bottleneck, change,
board_gap and likelihood findings from its summed counts as a trust does, except that its
bottleneck must have a ratio of at least ``SYSTEM_BOTTLENECK_RATIO`` (2): summed over many
trusts, nearly every step's interval lies above 1, so a located step alone is not news. For
the same reason a system's change must also be material: a ratio moving by at least
``SYSTEM_CHANGE_RATIO`` (10%) or a share by at least ``SYSTEM_CHANGE_POINTS`` (2 points). The
``target_*`` kinds are a trust's own action-plan targets
(:mod:`wres_lib.analysis.findings.targets`); all of them are one topic, so a briefing leads
with at most one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Kind -> (base score, cap), in tie-breaking order. The docstring table is the reference.
SCORES: dict[str, tuple[float, float]] = {
    "all_white_board": (85, 100),
    "all_white_executive": (70, 85),
    "system_no_bme_executive": (60, 90),
    "no_bme_executive_run": (55, 85),
    "bottleneck": (55, 75),
    "target_missed": (55, 75),
    "rank": (45, 75),
    "system_rank": (45, 75),
    "change": (40, 70),
    "board_gap": (35, 60),
    "target_off_track": (35, 45),
    "model_employer": (30, 50),
    "likelihood": (25, 45),
    "target_met": (20, 30),
}
KINDS = tuple(SCORES)
EXECUTIVE_KINDS = (
    "all_white_board",
    "all_white_executive",
    "no_bme_executive_run",
    "system_no_bme_executive",
)
# The system measure that counts trusts without a BME executive director.
EXECUTIVE_MEASURE = "trusts_without_bme_executive"
# A workforce at least this share BME (of all staff, percent) makes an all-white team news.
NOTABLE_WORKFORCE_SHARE = 20.0
# The shortest run of years without a BME executive director that is a finding.
MIN_RUN_YEARS = 3
# The widest board gap (points below the workforce) that is not yet a finding.
MIN_BOARD_GAP = 10.0
# Top or bottom tenth of trusts.
EXTREME_FRACTION = 0.1
# The smallest step ratio of a system's or region's bottleneck that is a finding.
SYSTEM_BOTTLENECK_RATIO = 2.0
# The smallest change of a system's or region's ratio (as a factor) or share (in points) that
# is a finding: with summed counts, a change of a few hundredths is beyond chance yet no story.
SYSTEM_CHANGE_RATIO = 1.1
SYSTEM_CHANGE_POINTS = 2.0
# The fewest trusts a rank is given among.
MIN_RANKED = 10


@dataclass(frozen=True)
class Finding:
    """One candidate story: what kind, how strong, what it says and what it rests on.

    ``figures`` holds the numbers the sentence quotes (and what a test recounts);
    ``rows`` the indicator (or Model Employer, or board history) rows they come from.
    """

    kind: str
    score: float
    subject: str
    figures: dict[str, Any]
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)
    sentence: str = ""

    @property
    def topic(self) -> str:
        """What the finding is about: two findings on one topic tell one story."""
        if self.kind in EXECUTIVE_KINDS or self.figures.get("measure") == EXECUTIVE_MEASURE:
            return "executive team"
        if self.kind == "board_gap":
            return "indicator 9"
        if self.kind.startswith("target_"):
            return "action plan"
        number = self.figures.get("indicator")
        return f"indicator {number}" if number else self.kind


def score(kind: str, scaled: float = 0.0) -> float:
    """The score of a finding of ``kind`` whose scaling terms add ``scaled`` (see the table)."""
    base, cap = SCORES[kind]
    return round(min(base + max(scaled, 0.0), cap), 6)


def ranked(findings: list[Finding]) -> list[Finding]:
    """Findings, highest score first; ties by kind order, subject, then figures. Of findings on
    one :attr:`~Finding.topic`, only the highest is kept, so the headline and standfirst tell
    different stories."""
    order = sorted(
        findings,
        key=lambda f: (-f.score, KINDS.index(f.kind), f.subject, repr(sorted(f.figures.items()))),
    )
    seen: set[str] = set()
    kept = []
    for finding in order:
        if finding.topic not in seen:
            seen.add(finding.topic)
            kept.append(finding)
    return kept
