"""What happened to one briefing of a build: the record a worker returns and the manifest keeps."""

from __future__ import annotations

from dataclasses import dataclass

from wres_lib.render.briefing import Briefing


@dataclass(frozen=True)
class Outcome:
    """What happened to one briefing."""

    level: str
    code: str
    status: str  # "ok", "skipped" (unchanged) or "failed"
    seconds: float
    files: tuple[str, ...] = ()  # relative to the output folder
    error: str = ""
    input_hash: str = ""
    title: str = ""

    @classmethod
    def of(
        cls,
        briefing: Briefing,
        status: str,
        seconds: float,
        files: tuple[str, ...] = (),
        *,
        error: str = "",
        input_hash: str = "",
    ) -> Outcome:
        """The outcome of ``briefing``, its level, code and title filled in."""
        return cls(
            briefing.level, briefing.code, status, seconds, files, error, input_hash, briefing.title
        )
