"""``<out>/<year>/manifest.json``: what each briefing of a year's set is, and what happened to it.

One entry per briefing: level, code, title, status, duration, input hash, error, its files
with their sizes, and the headline and standfirst of its page (for the index). ``wres build``
rewrites it as each briefing finishes, so a build that is stopped can resume; ``wres brief``
adds its one briefing; the index page is made from it.
Writing merges with what is on disk (under a short lock), so a ``wres brief`` run during a
build keeps its entry. A damaged manifest is reported in one line and started afresh: every
briefing is then rendered again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path

from wres_lib.data.dataset import Dataset
from wres_lib.files import write_text_atomically
from wres_lib.render.lead import read_lead_of_file
from wres_lib.render.levels import LEVELS
from wres_lib.render.lock import exclusive
from wres_lib.render.outcome import Outcome
from wres_lib.render.up_to_date import COMPLETE_KEY, complete_record

STATUSES = ("ok", "skipped", "failed")
WRITE_LOCK = ".manifest.lock"
log = logging.getLogger(__name__)


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
        """The manifest under ``out_dir/<year>`` with its entries so far (none if it is missing,
        or damaged, which is reported: then every briefing is rendered again)."""
        path = out_dir / str(year) / "manifest.json"
        entries, problem = read_entries(path)
        if problem:
            log.warning(
                "warning: %s is damaged (%s); starting it afresh, so every briefing is "
                "rendered again",
                path,
                problem,
            )
        return cls(out_dir, year, dataset, entries)

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
        """Record ``outcome`` with its page's lead; write the file if something was rendered or
        failed."""
        entry = asdict(outcome) | {"seconds": round(outcome.seconds, 2)}
        entry["files"] = {f: (self.out_dir / f).stat().st_size for f in outcome.files}
        pages = [f for f in outcome.files if f.endswith(".html")]
        entry |= read_lead_of_file(self.out_dir / pages[0]) if pages else {}
        self.entries[(outcome.level, outcome.code)] = entry
        self.added.append(outcome)
        if outcome.status != "skipped":
            self.write()

    def write(self, complete: str = "", planned: int = 0) -> None:
        """Rewrite the file atomically, keeping entries another process wrote since it was
        read (this process's own outcomes win); with ``complete``, record that build request,
        of ``planned`` briefings, as complete with the entries written
        (:mod:`wres_lib.render.up_to_date`)."""
        with exclusive(self.path.parent, lambda message: None, WRITE_LOCK):
            on_disk, _ = read_entries(self.path)
            ours = {(o.level, o.code) for o in self.added}
            merged = dict(on_disk)
            for key, entry in self.entries.items():
                if key in ours or key not in merged:
                    merged[key] = entry
            self.entries = merged
            briefings = self.briefings()
            done = {COMPLETE_KEY: complete_record(complete, briefings, planned)} if complete else {}
            text = json.dumps(self.header | done | {"briefings": briefings}, indent=2) + "\n"
            write_text_atomically(self.path, text)


def read_entries(path: Path) -> tuple[dict[tuple[str, str], dict], str]:
    """The entries of the manifest at ``path`` by (level, code), and what is wrong with it
    ('' if nothing; a missing file is not a fault)."""
    try:
        briefings = json.loads(path.read_text(encoding="utf-8"))["briefings"]
    except FileNotFoundError:
        return {}, ""
    except (OSError, ValueError, RecursionError) as error:  # bad UTF-8 or JSON, a huge number
        return {}, f"unreadable: {error}"
    except (KeyError, TypeError):
        return {}, "no list of briefings"
    if not isinstance(briefings, list):
        return {}, "no list of briefings"
    entries = {}
    for number, entry in enumerate(briefings, start=1):
        problem = entry_problem(entry)
        if problem:
            return {}, f"briefing {number} {problem}"
        entries[(entry["level"], entry["code"])] = entry
    return entries, ""


def entry_problem(entry: object) -> str:
    """What is wrong with one manifest entry ('' if nothing)."""
    if not isinstance(entry, dict):
        return "is not a record"
    if entry.get("level") not in LEVELS:
        return f"has no valid level (found {entry.get('level')!r})"
    if not isinstance(entry.get("code"), str):
        return "has no code"
    if entry.get("status") not in STATUSES:
        return f"has no valid status (found {entry.get('status')!r})"
    files = entry.get("files")
    if not isinstance(files, dict) or not all(isinstance(f, str) for f in files):
        return "has no list of files"
    return ""
