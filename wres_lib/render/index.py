"""The index page of a year's outputs: a link to every briefing rendered, with a filter box.

Titles and codes come from data files: every one is escaped for where it goes (element text,
attribute value, or a URL path whose segments are percent-encoded).
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from wres_lib.files import write_text_atomically
from wres_lib.render.manifest import LEVELS, Manifest

LEVEL_NAMES = {
    "national": "Nation",
    "region": "Regions",
    "icb": "Systems (ICBs)",
    "trust": "Trusts",
}

_FILTER_SCRIPT = """
const box = document.getElementById("filter");
box.addEventListener("input", () => {
  const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
  for (const item of document.querySelectorAll("li[data-search]")) {
    const text = item.dataset.search;
    item.hidden = !words.every((word) => text.includes(word));
  }
});
"""


def write_index(year_dir: Path, manifest: Manifest) -> Path:
    """Write ``<year_dir>/index.html`` from ``manifest``: a link to every briefing's page and
    PDF, and the briefings that failed, named so."""
    sections = []
    for level in LEVELS:
        entries = [e for e in manifest.briefings() if e["level"] == level]
        if entries:
            items = "".join(_item(entry, year_dir.name) for entry in entries)
            sections.append(
                f"<section><h2>{LEVEL_NAMES[level]} ({len(entries)})</h2><ul>{items}</ul></section>"
            )
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
<title>WRES briefings {year_dir.name}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1d1d1b; }}
main {{ max-width: 46rem; margin: 0 auto; padding: 1rem; }}
.synthetic-banner {{ background: #fff3cd; color: #6b4e00; text-align: center; font-weight: bold;
  padding: 0.35rem; border-bottom: 2px solid #e69f00; }}
input {{ font-size: 1rem; padding: 0.3rem; width: 100%; box-sizing: border-box; }}
ul {{ list-style: none; padding: 0; }} li {{ padding: 0.15rem 0; }}
.code {{ color: #5f5f5f; font-size: 0.85rem; }}
</style>
</head>
<body>
{banner}
<main>
<h1>WRES briefings {year_dir.name}</h1>
<label for="filter">Filter by name or code</label>
<input id="filter" type="search" placeholder="e.g. London, ZT015, mental health">
{"".join(sections)}
</main>
<script>{_FILTER_SCRIPT}</script>
</body>
</html>
"""
    target = year_dir / "index.html"
    write_text_atomically(target, page)
    return target


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


def _item(entry: dict, year: str) -> str:
    """One briefing's line: its title linked to its page, its code, a link to its PDF."""
    title = html.escape(entry.get("title") or entry["code"])
    search = html.escape(f"{entry.get('title', '')} {entry['code']} {entry['level']}".lower())
    code = f'<span class="code">{html.escape(entry["code"])}</span>'
    links = _links(entry["files"], year)
    if entry["status"] == "failed" or ".html" not in links:
        return f'<li data-search="{search}">{title} {code} · not rendered: see manifest.json</li>'
    pdf = f' · <a href="{links[".pdf"]}">PDF</a>' if ".pdf" in links else ""
    return f'<li data-search="{search}"><a href="{links[".html"]}">{title}</a> {code}{pdf}</li>'
