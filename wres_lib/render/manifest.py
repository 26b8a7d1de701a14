"""``<out>/<year>/manifest.json``: what each briefing of a year's set is, and what happened to it.

One entry per briefing: level, code, title, status, duration, input hash, error, and its files
with their sizes. ``wres build`` rewrites it as each briefing finishes, so a build that is
stopped can resume; ``wres brief`` adds its one briefing; the index page is made from it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from wres_lib.data import schema
from wres_lib.data.dataset import Dataset
from wres_lib.files import write_text_atomically
from wres_lib.render.briefing import Briefing

# Briefings in build and index order: the nation first, trusts last.
LEVELS = tuple(reversed(schema.LEVELS))


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


class Manifest:
    """The manifest of one year's outputs, read once and updated briefing by briefing."""

    def __init__(self, out_dir: Path, year: int, dataset: Dataset, entries: dict) -> None:
        self.out_dir = out_dir
        self.path = out_dir / str(year) / "manifest.json"
        self.header = {
            "year": year,
            "dataset": dataset.metadata.name,
            "dataset_sha256": dataset.metadata.content_hash,
            "synthetic": dataset.metadata.synthetic,
        }
        self.entries = entries
        self.added: list[Outcome] = []

    @classmethod
    def open(cls, out_dir: Path, year: int, dataset: Dataset) -> Manifest:
        """The manifest under ``out_dir/<year>`` with its entries so far (none if it is missing
        or unreadable: then every briefing is rendered again)."""
        path = out_dir / str(year) / "manifest.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8")).get("briefings", [])
        except (OSError, json.JSONDecodeError, AttributeError):
            entries = []
        return cls(out_dir, year, dataset, {(e["level"], e["code"]): e for e in entries})

    @property
    def synthetic(self) -> bool:
        return bool(self.header["synthetic"])

    def entry(self, level: str, code: str) -> dict | None:
        """The recorded entry of one briefing, if any."""
        return self.entries.get((level, code))

    def briefings(self) -> list[dict]:
        """Every entry, national first, then regions, systems and trusts, each by code."""
        return sorted(self.entries.values(), key=lambda e: (LEVELS.index(e["level"]), e["code"]))

    def add(self, outcome: Outcome) -> None:
        """Record ``outcome``; write the file if something was rendered or failed."""
        entry = asdict(outcome) | {"seconds": round(outcome.seconds, 2)}
        entry["files"] = {f: (self.out_dir / f).stat().st_size for f in outcome.files}
        self.entries[(outcome.level, outcome.code)] = entry
        self.added.append(outcome)
        if outcome.status != "skipped":
            self.write()

    def write(self) -> None:
        """Rewrite the file atomically."""
        text = json.dumps(self.header | {"briefings": self.briefings()}, indent=2) + "\n"
        write_text_atomically(self.path, text)
