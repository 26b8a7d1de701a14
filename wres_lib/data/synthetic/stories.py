"""The trade-press situations built into the synthetic sample on purpose.

Each is forced whatever the seed, so tests, notebooks and briefings can rely on them:

- ``diverse_system_no_bme_executives`` (system ``ZQ28``, Midlands): about 40% of the population
  it serves is BME in :data:`STORY_YEAR`, and none of its five trusts
  (:data:`DIVERSE_SYSTEM_TRUSTS`: ``ZT135``, ``ZT136``, ``ZT137``, ``ZT138``, ``ZT139``) has a
  BME executive director in any year.
- :data:`NO_BME_EXECUTIVE_TRUSTS`: trusts with no BME executive director (voting or not) in any
  year: the five trusts above and ``ZT044``, ``ZT080``, ``ZT101``, ``ZT114``, ``ZT165`` and
  ``ZT190`` across the regions.
- ``all_white_board_fifth_bme_workforce`` (``ZT085``): the whole board, executive and
  non-executive, voting and non-voting, is White in every year, while about 21% of its workforce
  is BME in :data:`STORY_YEAR`.
- ``majority_bme_workforce`` (``ZT015``, London): about 52% of its workforce is BME in
  :data:`STORY_YEAR`.
- ``three_bme_shortlisted_none_appointed`` (``ZT066``, a small specialist trust that recruits
  little and reports a BME total only): in :data:`STORY_YEAR` 3 BME applicants were shortlisted
  and none appointed; its other years have small cells too.
- ``no_white_staff_entering_disciplinary`` (``ZT077``): in :data:`STORY_YEAR` no White member of
  staff entered the formal disciplinary process, so indicator 3 is undefined there.
- the merger: ``merged_trust_a`` (``ZT037``) and ``merged_trust_b`` (``ZT038``) close on
  31 March 2021 (data up to WRES year 2021) and ``merger_successor`` (``ZT209``) opens on
  1 April 2021 (data from 2022).
"""

from __future__ import annotations

STORY_YEAR = 2025

STORY_ORGS: dict[str, str] = {
    "diverse_system_no_bme_executives": "ZQ28",
    "all_white_board_fifth_bme_workforce": "ZT085",
    "majority_bme_workforce": "ZT015",
    "three_bme_shortlisted_none_appointed": "ZT066",
    "no_white_staff_entering_disciplinary": "ZT077",
    "merged_trust_a": "ZT037",
    "merged_trust_b": "ZT038",
    "merger_successor": "ZT209",
}

DIVERSE_SYSTEM_TRUSTS = ("ZT135", "ZT136", "ZT137", "ZT138", "ZT139")
NO_BME_EXECUTIVE_TRUSTS = (
    *DIVERSE_SYSTEM_TRUSTS,
    "ZT044",
    "ZT080",
    "ZT101",
    "ZT114",
    "ZT165",
    "ZT190",
)

# Targets the generator solves for in STORY_YEAR.
DIVERSE_SYSTEM_POPULATION_BME_SHARE = 0.40
WORKFORCE_BME_SHARE_TARGETS: dict[str, float] = {
    STORY_ORGS["all_white_board_fifth_bme_workforce"]: 0.21,
    STORY_ORGS["majority_bme_workforce"]: 0.52,
}
TINY_SHORTLIST_BME = 3
TINY_TRUST_SHORTLISTED_PER_STAFF = 0.04  # the tiny trust recruits little in every year
# Headcounts in STORY_YEAR of the two small trusts behind the tiny and zero-event cells.
SMALL_TRUST_SIZES: dict[str, int] = {
    STORY_ORGS["three_bme_shortlisted_none_appointed"]: 1150,
    STORY_ORGS["no_white_staff_entering_disciplinary"]: 1400,
}
