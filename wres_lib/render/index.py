"""The index page of a year's outputs: every briefing's headline, linked to its page and PDF,
the nation and regions first, then each region's systems with their trusts under them; the
national briefing's lead at the top; and a filter box.

Names, codes and headlines come from data files: every one is escaped for where it goes
(element text, attribute value, or a URL path whose segments are percent-encoded). The page
loads nothing from outside and, written from the same manifest and organisations, is the same
bytes.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import pandas as pd

from wres_lib.files import write_text_atomically
from wres_lib.indicators.aggregate import NATIONAL_CODE
from wres_lib.render.manifest import Manifest

NATION_NAME = "England"
TOP_LEVELS = ("national", "region")  # listed first, before the systems and their trusts
OTHER_GROUP = "Other briefings"


@dataclass(frozen=True)
class Places:
    """The organisations' names by (level, code), and each trust's system and each system's
    region."""

    names: dict[tuple[str, str], str]
    parents: dict[tuple[str, str], str]

    @classmethod
    def of(cls, organisations: pd.DataFrame) -> Places:
        names = {("national", NATIONAL_CODE): NATION_NAME}
        parents = {}
        for row in organisations.itertuples(index=False):
            names[("trust", row.org_code)] = row.org_name
            names[("icb", row.icb_code)] = row.icb_name
            names[("region", row.region_code)] = row.region_name
            parents[("trust", row.org_code)] = row.icb_code
            parents[("icb", row.icb_code)] = row.region_code
        return cls(names, parents)

    def name(self, level: str, code: str, fallback: str = "") -> str:
        return self.names.get((level, code)) or fallback or code


_FILTER_SCRIPT = """
const box = document.getElementById("filter");
const count = document.getElementById("filter-count");
const items = [...document.querySelectorAll("li[data-search]")];
const total = items.filter((item) => !item.classList.contains("no-briefing")).length;
function narrow() {
  const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
  const hits = new Set(items.filter((item) => words.every((w) => item.dataset.search.includes(w))));
  for (const item of items) {
    const parent = item.parentElement.closest("li[data-search]");
    const child = [...item.querySelectorAll("li[data-search]")].some((c) => hits.has(c));
    item.hidden = !(hits.has(item) || hits.has(parent) || child);
  }
  for (const group of document.querySelectorAll("[data-group]")) {
    group.hidden = !group.querySelector("li[data-search]:not([hidden])");
  }
  const shown = [...hits].filter((item) => !item.classList.contains("no-briefing")).length;
  count.textContent = words.length
    ? `${shown} of ${total} briefings match.` : `${total} briefings.`;
}
box.addEventListener("input", narrow);
document.getElementById("filter-box").hidden = false;
narrow();
"""

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1d1d1b; line-height: 1.4; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
a { color: #005a8c; }
.synthetic-banner { background: #fff3cd; color: #6b4e00; text-align: center; font-weight: bold;
  padding: 0.35rem; border-bottom: 2px solid #e69f00; }
.lead { border-top: 3px solid #0072b2; padding: 0.2rem 0 0.5rem; }
.lead .headline { font-size: 1.25rem; font-weight: bold; margin: 0.3rem 0; }
label { font-weight: bold; display: block; margin-top: 1rem; }
input { font-size: 1rem; padding: 0.3rem; width: 100%; box-sizing: border-box; }
input:focus { outline: 3px solid #e69f00; outline-offset: 1px; }
#filter-count { color: #5f5f5f; margin: 0.3rem 0; }
h2 { border-bottom: 1px solid #d0d0d0; margin-top: 1.5rem; }
ul { list-style: none; padding: 0; } li { padding: 0.25rem 0; }
li ul { padding-left: 1.25rem; border-left: 2px solid #d0d0d0; margin: 0.25rem 0 0.25rem 0.2rem; }
.place { color: #5f5f5f; font-size: 0.85rem; }
.system-name, li.system > .place { font-weight: bold; color: #1d1d1b; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""


def write_index(year_dir: Path, manifest: Manifest, organisations: pd.DataFrame) -> Path:
    """Write ``<year_dir>/index.html`` from ``manifest``: every briefing's headline linked to its
    page and PDF (a failed briefing named so), grouped by the ``organisations`` it belongs to."""
    year = year_dir.name
    places = Places.of(organisations)
    entries = {(e["level"], e["code"]): e for e in manifest.briefings()}
    banner = (
        '<div class="synthetic-banner">SYNTHETIC DATA: invented organisations and figures, '
        "not real NHS statistics</div>"
        if manifest.synthetic
        else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WRES briefings {html.escape(year)}</title>
<style>{_STYLE}</style>
</head>
<body>
{banner}
<main>
<h1>WRES briefings {html.escape(year)}</h1>
{_lead(entries.get(("national", NATIONAL_CODE)), year)}
<div id="filter-box" hidden>
<label for="filter">Filter by name, code or headline</label>
<input id="filter" type="search" aria-describedby="filter-count"
 placeholder="e.g. London, ZT015, executive">
<p id="filter-count" role="status" aria-live="polite"></p>
</div>
{_sections(entries, places, year)}
</main>
<script>{_FILTER_SCRIPT}</script>
</body>
</html>
"""
    target = year_dir / "index.html"
    write_text_atomically(target, page)
    return target


def _lead(national: dict | None, year: str) -> str:
    """The national briefing's headline and standfirst, linked to it, and the headlines of its
    stories ('' if it has no headline)."""
    headline = _text(national, "headline") if national else ""
    links = _links(national["files"], year) if national else {}
    if not headline or ".html" not in links:
        return ""
    standfirst = _text(national, "standfirst")
    stories = national.get("stories")
    told = (
        [story for story in stories if isinstance(story, str)] if isinstance(stories, list) else []
    )
    listed = "".join(f"<li>{html.escape(story)}</li>" for story in told)
    return (
        '<section class="lead" aria-labelledby="lead-heading">'
        '<h2 id="lead-heading">The year in brief</h2>'
        f'<p class="headline"><a href="{links[".html"]}">{html.escape(headline)}</a></p>'
        + (f"<p>{html.escape(standfirst)}</p>" if standfirst else "")
        + (f'<p>The stories of the year:</p><ul class="stories">{listed}</ul>' if told else "")
        + "</section>"
    )


def _sections(entries: dict[tuple[str, str], dict], places: Places, year: str) -> str:
    """The nation and regions; then each region's systems, each with its trusts; then any
    briefing the organisations do not place."""
    tops = [entry for key, entry in entries.items() if key[0] in TOP_LEVELS]
    placed = {key for key in entries if key[0] in TOP_LEVELS}
    trusts_of: dict[str, list[dict]] = defaultdict(list)
    systems_of: dict[str, set[str]] = defaultdict(set)
    for (level, code), entry in entries.items():
        if level == "trust" and ("trust", code) in places.parents:
            system = places.parents[("trust", code)]
            trusts_of[system].append(entry)
            systems_of[places.parents[("icb", system)]].add(system)
            placed.add((level, code))
        elif level == "icb" and ("icb", code) in places.parents:
            systems_of[places.parents[("icb", code)]].add(code)
            placed.add((level, code))
    sections = []
    if tops:
        items = "".join(_item(e, places, year) for e in _by_name(tops, places))
        sections.append(
            _section("nation", "England and its regions", f'<ul class="briefings">{items}</ul>')
        )
    groups = []
    for region in sorted(systems_of, key=lambda r: (places.name("region", r), r)):
        region_name = places.name("region", region)
        systems = sorted(systems_of[region], key=lambda s: (places.name("icb", s), s))
        items = "".join(
            _system(s, entries.get(("icb", s)), trusts_of[s], places, year, region_name)
            for s in systems
        )
        groups.append(
            f'<section data-group aria-label="{html.escape(region_name, quote=True)}">'
            f'<h3>{html.escape(region_name)}</h3><ul class="briefings">{items}</ul></section>'
        )
    if groups:
        sections.append(_section("systems", "Systems and their trusts, by region", "".join(groups)))
    others = [e for key, e in entries.items() if key not in placed]
    if others:
        items = "".join(_item(e, places, year) for e in others)
        sections.append(_section("others", OTHER_GROUP, f'<ul class="briefings">{items}</ul>'))
    return "\n".join(sections)


def _section(anchor: str, heading: str, body: str) -> str:
    return (
        f'<section data-group aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>'
        f"{body}</section>"
    )


def _by_name(entries: list[dict], places: Places) -> list[dict]:
    """The nation first, then by name."""
    return sorted(
        entries,
        key=lambda e: (
            e["level"] != "national",
            places.name(e["level"], e["code"], _text(e, "title")),
            e["code"],
        ),
    )


def _system(
    code: str, entry: dict | None, trusts: list[dict], places: Places, year: str, region: str
) -> str:
    """A system's line (its briefing, or its name if it has none here), its trusts under it;
    each searchable by the names of the places it is in."""
    name = places.name("icb", code)
    nested = "".join(_item(t, places, year, f"{name} {region}") for t in _by_name(trusts, places))
    nested = f"<ul>{nested}</ul>" if nested else ""
    if entry is not None:
        return _item(entry, places, year, region, within=nested, css_class="system")
    search = html.escape(f"{name} {code} icb {region}".lower(), quote=True)
    return (
        f'<li class="system no-briefing" data-search="{search}">'
        f'<span class="system-name">{html.escape(name)}</span> '
        f'<span class="place">{html.escape(code)} · no briefing</span>{nested}</li>'
    )


def _text(entry: dict, key: str) -> str:
    """A text field of a manifest entry ('' if missing or not text: the file may be edited)."""
    value = entry.get(key)
    return value if isinstance(value, str) else ""


def _href(path: PurePosixPath) -> str:
    """A relative link to ``path`` for an ``href`` attribute: each segment percent-encoded."""
    return html.escape("/".join(quote(part, safe="") for part in path.parts), quote=True)


def _links(files: dict, year: str) -> dict[str, str]:
    """The links of a briefing's files under ``year``, by suffix ('.html', '.pdf')."""
    links = {}
    for name in files:
        path = PurePosixPath(name)
        if path.parts[:1] == (year,) and ".." not in path.parts:
            links[path.suffix] = _href(path.relative_to(year))
    return links


def _item(
    entry: dict,
    places: Places,
    year: str,
    context: str = "",
    *,
    within: str = "",
    css_class: str = "",
) -> str:
    """One briefing's line: its headline linked to its page, its organisation's name and code,
    a link to its PDF; ``context`` (e.g. the trust's system) is searched too, ``within`` nested
    below."""
    level, code = entry["level"], entry["code"]
    name = places.name(level, code, _text(entry, "title"))
    headline = _text(entry, "headline") or _text(entry, "title") or name
    search = html.escape(f"{headline} {name} {code} {level} {context}".lower(), quote=True)
    named = "" if name == headline else f"{html.escape(name)} · "  # said once is enough
    place = f'<span class="place">{named}{html.escape(code)}</span>'
    attributes = f' class="{css_class}"' if css_class else ""
    links = _links(entry["files"], year)
    if entry["status"] == "failed" or ".html" not in links:
        line = f"{html.escape(headline)} {place} · not rendered: see manifest.json"
    else:
        pdf = (
            f' · <a href="{links[".pdf"]}">PDF<span class="visually-hidden"> of '
            f"{html.escape(name)}</span></a>"
            if ".pdf" in links
            else ""
        )
        line = f'<a href="{links[".html"]}">{html.escape(headline)}</a><br>{place}{pdf}'
    return f'<li{attributes} data-search="{search}">{line}{within}</li>'
