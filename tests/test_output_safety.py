"""Names and codes from data files are untrusted: they never choose a path outside --out, and
never become markup in HTML or Markdown or formulas in spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tests.helpers.dataset_factory import ORGS, tiny_tables, write_tiny_dataset
from wres_lib.cli import main
from wres_lib.data.dataset import load_dataset
from wres_lib.render.index import write_index
from wres_lib.render.manifest import Manifest
from wres_lib.render.paths import UnsafeOutputError, check_briefing_outputs
from wres_lib.render.plan import briefing_for
from wres_lib.tables.escaping import FORMULA_NOTE, markdown_text, spreadsheet_text
from wres_lib.tables.press import PressTable
from wres_lib.tables.stories import Story, stories_markdown
from wres_lib.tables.writers import notes_markdown, to_csv, to_xlsx

FORMULA = '=HYPERLINK("http://evil.example","click")'
COMMAND = "=cmd|' /C calc'!A0"
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)> | *a* _b_ [c](javascript:d) `e`"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def hostile_names(tmp_path: Path) -> Path:
    """The tiny dataset with a formula and markup as the trusts' names."""
    tables = tiny_tables()
    tables["organisations"]["org_name"] = [FORMULA, MARKUP]
    return write_tiny_dataset(tmp_path / "hostile", tables)


def with_code(dataset, old: str, new: str):
    """``dataset`` (in memory, not validated) with trust code ``old`` renamed ``new``."""
    renamed = {}
    for name in ("organisations", "workforce"):
        frame = dataset.table(name).copy()
        column = "org_code"
        frame[column] = frame[column].astype(object).where(frame[column] != old, new)
        renamed[name] = frame
    return replace(dataset, **renamed)


# --- 1. paths -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "brief"])
def test_a_code_that_is_a_path_is_refused_and_nothing_is_written(
    monkeypatch, tiny_dataset: Path, tmp_path: Path, command: str
) -> None:
    import wres_lib.cli.build as cli_build

    escape = tmp_path / "escaped"  # an absolute path: '/…/escaped.html' if joined
    for code in (str(escape), "../../../../" + str(escape).lstrip("/")):
        hostile = with_code(load_dataset(tiny_dataset), ORGS[0], code)
        monkeypatch.setattr(cli_build, "dataset_of", lambda *args, hostile=hostile: hostile)
        out = tmp_path / "out"
        args = ["--levels", "trust", "--only", code] if command == "build" else ["trust", code]
        result = run(command, *args, "--data", str(tiny_dataset), "--out", str(out))
        assert result.exit_code == 1, result.output
        assert f"Error: trust code {code!r} cannot name an output file" in result.output
        assert "nothing was written" in result.output
        assert not list(tmp_path.glob("escaped*"))
        assert not [p for p in out.rglob("*") if p.is_file()]


def test_an_output_path_through_a_link_out_of_the_folder_is_refused(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (out / "2025").mkdir(parents=True)
    elsewhere.mkdir()
    (out / "2025" / "trust").symlink_to(elsewhere)
    briefing = briefing_for(load_dataset(tiny_dataset), "trust", ORGS[0], 2025, tiny_dataset)
    with pytest.raises(UnsafeOutputError, match="would be written outside the output folder"):
        check_briefing_outputs(briefing, out)


# --- 2. index.html --------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_index_escapes_codes_and_titles_by_context(tiny_dataset: Path, tmp_path: Path) -> None:
    code = '"><img src=x onerror=alert(1)><a href="x'
    title = "<script>alert(1)</script> & co"
    entry = {
        "level": "trust",
        "code": code,
        "title": title,
        "status": "ok",
        "files": {f"2025/trust/{code}.html": 10, f"2025/trust/{code}.pdf": 10},
    }
    dataset = load_dataset(tiny_dataset)
    manifest = Manifest(tmp_path, 2025, dataset, {("trust", code): entry})
    page = write_index(tmp_path / "2025", manifest, dataset.organisations).read_text()
    parser = Elements()
    parser.feed(page)
    tags = [tag for tag, _ in parser.tags]
    assert tags.count("script") == 1 and "img" not in tags  # only the filter box's script
    assert tags.count("a") == 2
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    quoted = "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%3Ca%20href%3D%22x"
    assert links == [f"trust/{quoted}.html", f"trust/{quoted}.pdf"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


# --- 3. Markdown ----------------------------------------------------------------------


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_markdown_text_shows_as_typed_and_never_as_markup() -> None:
    html = rendered(f"| name |\n| --- |\n| {markdown_text(MARKUP)} |\n")
    for live in ("<script", "<img", "<a ", "<em>", "<strong>", "<code>"):
        assert live not in html
    assert html.count("<td>") == 1  # the pipe did not split the cell
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "*a* _b_ [c]" in html


def test_markdown_tables_and_stories_escape_names(hostile_names: Path) -> None:
    result = run("table", "board-gap", "--format", "md", "--data", str(hostile_names))
    assert result.exit_code == 0, result.output
    assert MARKUP not in result.output
    html = rendered(result.output)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    story = Story(f"At {MARKUP}, something happened.", {"gap_pts": -3.2}, "board-gap", {})
    text = stories_markdown([story], [f"Source: {MARKUP}"])
    html = rendered(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "gap_pts = -3.2" in text and "Table: `board-gap`" in text


# --- 4. spreadsheets ------------------------------------------------------------------


def press(names: list[str]) -> PressTable:
    frame = pd.DataFrame(
        {"name": names, "gap_pts": [-3.2] * len(names), "staff": [12] * len(names)}
    )
    return PressTable("t", "A title", frame, ["A note."])


def test_csv_quotes_formulas_and_keeps_numbers() -> None:
    table = press([FORMULA, COMMAND, "-3.2", "@SUM(A1)", "\tx", "+1 call", "Mockford"])
    rows = list(csv.reader(io.StringIO(to_csv(table))))
    assert [row[0] for row in rows[1:]] == [
        "'" + FORMULA, "'" + COMMAND, "-3.2", "'@SUM(A1)", "'\tx", "'+1 call", "Mockford"
    ]  # fmt: skip
    assert {row[1] for row in rows[1:]} == {"-3.2"} and {row[2] for row in rows[1:]} == {"12"}
    assert FORMULA_NOTE in notes_markdown(table)
    assert FORMULA_NOTE not in notes_markdown(press(["Mockford"]))
    assert spreadsheet_text(-3.2) == -3.2 and spreadsheet_text("-3.2") == "-3.2"


def test_xlsx_stores_formula_like_names_as_text() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(press([FORMULA, COMMAND]))))
    cells = [cell for row in book["Table"].iter_rows(min_row=2) for cell in row]
    assert [(c.value, c.data_type) for c in cells if c.column == 1] == [
        (FORMULA, "s"),
        (COMMAND, "s"),
    ]
    assert [(c.value, c.data_type) for c in cells if c.column == 2] == [(-3.2, "n")] * 2


def test_table_command_writes_no_formula(hostile_names: Path, tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    result = run(
        "table", "board-gap", "--format", "xlsx", "--out", str(target), "--data", str(hostile_names)
    )
    assert result.exit_code == 0, result.output
    cells = [c for row in openpyxl.load_workbook(target)["Table"].iter_rows() for c in row]
    assert FORMULA in [c.value for c in cells]
    assert not [c for c in cells if c.data_type == "f"]
    result = run("table", "board-gap", "--format", "csv", "--data", str(hostile_names))
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.output))]
    assert "'" + FORMULA in names and FORMULA not in names


@pytest.fixture
def hostile_places(tmp_path: Path) -> Path:
    """The tiny dataset whose system (ICB) name is a formula and region name a command."""
    tables = tiny_tables()
    tables["organisations"]["icb_name"] = FORMULA
    tables["organisations"]["region_name"] = COMMAND
    return write_tiny_dataset(tmp_path / "places", tables)


@pytest.mark.parametrize(
    ("name", "level"),
    [("disparity-ratios", "trust"), ("system-summary", "icb"), ("board-gap", "region")],
)
def test_system_and_region_names_are_written_as_text(
    hostile_places: Path, tmp_path: Path, name: str, level: str
) -> None:
    data = ["--level", level, "--data", str(hostile_places)]
    result = run("table", name, "--format", "csv", *data)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {row["region_name"] for row in rows} == {"'" + COMMAND}
    assert {row["icb_name"] for row in rows} == ({""} if level == "region" else {"'" + FORMULA})
    target = tmp_path / f"{name}.xlsx"
    result = run("table", name, "--format", "xlsx", "--out", str(target), *data)
    assert result.exit_code == 0, result.output
    cells = [c for row in openpyxl.load_workbook(target)["Table"].iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert (COMMAND, "s") in [(c.value, c.data_type) for c in cells]
    assert (level == "region") != ((FORMULA, "s") in [(c.value, c.data_type) for c in cells])


# --- 9. a damaged manifest ------------------------------------------------------------


def test_a_manifest_entry_without_level_is_reported_and_started_afresh(
    tiny_dataset: Path, tmp_path: Path, caplog
) -> None:
    path = tmp_path / "2025" / "manifest.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"briefings": [{"code": "ZT901", "status": "ok", "files": {}}]}))
    dataset = load_dataset(tiny_dataset)
    manifest = Manifest.open(tmp_path, 2025, dataset)
    assert manifest.entries == {}
    assert [r.getMessage() for r in caplog.records] == [
        f"warning: {path} is damaged (briefing 1 has no valid level (found None)); starting "
        "it afresh, so every briefing is rendered again"
    ]
    assert write_index(tmp_path / "2025", manifest, dataset.organisations).exists()
