"""The national briefing: the year's stories and the reference tables for England."""

from wres_lib.briefings.national.briefing import NationalBriefing, build
from wres_lib.briefings.national.published import PUBLISHED_LABELS, published_table

__all__ = ["PUBLISHED_LABELS", "NationalBriefing", "build", "published_table"]
