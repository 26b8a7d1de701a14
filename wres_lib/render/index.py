"""The index page of a year's outputs: a link to every briefing rendered, with a filter box."""

from __future__ import annotations

import html
import re
from pathlib import Path

from wres_lib.files import write_text_atomically

LEVEL_ORDER = ("national", "region", "icb", "trust")
LEVEL_NAMES = {
    "national": "Nation",
    "region": "Regions",
    "icb": "Systems (ICBs)",
    "trust": "Trusts",
}
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)

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


def _title_of(page: Path) -> str:
    with open(page, encoding="utf-8") as handle:
        match = _TITLE.search(handle.read(4096))
    return html.unescape(match[1].strip()) if match else page.stem


def write_index(year_dir: Path, synthetic: bool) -> Path:
    """Write ``<year_dir>/index.html`` linking every ``<level>/<code>.html`` (and its PDF)."""
    sections = []
    for level in LEVEL_ORDER:
        pages = sorted((year_dir / level).glob("*.html"))
        if not pages:
            continue
        items = []
        for page in pages:
            title = _title_of(page)
            link = f"{level}/{page.name}"
            pdf = page.with_suffix(".pdf")
            pdf_link = f' · <a href="{level}/{pdf.name}">PDF</a>' if pdf.exists() else ""
            search = html.escape(f"{title} {page.stem} {level}".lower(), quote=True)
            items.append(
                f'<li data-search="{search}"><a href="{link}">{html.escape(title)}</a> '
                f'<span class="code">{html.escape(page.stem)}</span>{pdf_link}</li>'
            )
        sections.append(
            f"<section><h2>{LEVEL_NAMES[level]} ({len(pages)})</h2><ul>{''.join(items)}</ul>"
            "</section>"
        )
    banner = (
        '<div class="synthetic-banner">SYNTHETIC DATA: invented organisations and figures, '
        "not real NHS statistics</div>"
        if synthetic
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
