"""The system briefing of an ICB or a region (:class:`SystemBriefing`)."""

from wres_lib.briefings.system.briefing import LEVEL_WORDS, SystemBriefing, build

__all__ = ["LEVEL_WORDS", "SystemBriefing", "build"]
