"""``wres build --publish DIR``: only publishable files are copied, tables compressed, the same
bytes every time, and never into the output folder or over files it did not publish."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from wres_lib.render.publish import publish


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output folder as a build leaves it, locks and an interrupted write included."""
    year = tmp_path / "out" / "2025"
    files = {
        "index.html": "<html>index</html>",
        "manifest.json": "{}",
        ".build.lock": "",
        ".manifest.lock": "",
        "trust/ZT001.html": "<html>trust</html>",
        "trust/ZT001.pdf": "%PDF-1.7",
        "trust/.ZT002.html.x1.tmp": "half",
        "national/ENG.html": "<html>nation</html>",
        "tables/indicators_trust.csv": "year,code\n2025,ZT001\n" * 50,
        "tables/provenance.json": "{}",
    }
    for name, text in files.items():
        (year / name).parent.mkdir(parents=True, exist_ok=True)
        (year / name).write_text(text)
    return tmp_path / "out"


def test_only_publishable_files_are_copied_and_tables_compressed(out: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    written = publish(out, 2025, site)
    names = sorted(str(path.relative_to(site / "2025")) for path in written)
    assert names == [
        "index.html", "manifest.json", "national/ENG.html",
        "tables/indicators_trust.csv.gz", "tables/provenance.json",
        "trust/ZT001.html", "trust/ZT001.pdf",
    ]  # fmt: skip
    table = out / "2025" / "tables" / "indicators_trust.csv"
    packed = site / "2025" / "tables" / "indicators_trust.csv.gz"
    assert gzip.decompress(packed.read_bytes()) == table.read_bytes()
    assert packed.stat().st_size < table.stat().st_size
    first = {path: path.read_bytes() for path in written}
    (site / "2025" / "trust" / "ZT999.html").write_text("no longer built")
    again = publish(out, 2025, site)
    assert {path: path.read_bytes() for path in again} == first  # same bytes, old page gone
    assert not (site / "2025" / "trust" / "ZT999.html").exists()


def test_the_output_folder_and_unknown_folders_are_never_overwritten(
    out: Path, tmp_path: Path
) -> None:
    for inside in (out, out / "2025" / "copy"):
        with pytest.raises(ValueError, match="outside"):
            publish(out, 2025, inside)
    other = tmp_path / "site" / "2025"
    other.mkdir(parents=True)
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not a published year"):
        publish(out, 2025, tmp_path / "site")
    assert (other / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("link", ["trust/ZT001.html", "tables/provenance.json", "national"])
def test_a_symbolic_link_is_never_published(out: Path, tmp_path: Path, link: str) -> None:
    secret = tmp_path / "elsewhere"
    (secret / "inner").mkdir(parents=True)
    (secret / "inner" / "ENG.html").write_text("not for the site")
    (secret / "key.html").write_text("not for the site")
    linked = out / "2025" / link
    if linked.is_dir():
        for child in linked.iterdir():
            child.unlink()
        linked.rmdir()
        linked.symlink_to(secret / "inner", target_is_directory=True)
    else:
        linked.unlink()
        linked.symlink_to(secret / "key.html")
    site = tmp_path / "site"
    (site / "2025").mkdir(parents=True)
    (site / "2025" / "manifest.json").write_text("{}")  # published before: left as it was
    with pytest.raises(ValueError, match="symbolic link"):
        publish(out, 2025, site)
    assert sorted(p.name for p in (site / "2025").iterdir()) == ["manifest.json"]
    assert "not for the site" not in "".join(p.read_text() for p in site.rglob("*") if p.is_file())


def test_a_linked_year_folder_is_never_published(out: Path, tmp_path: Path) -> None:
    """The year's folder itself a link (to a folder laid out like a year's) stops publishing
    too: the build writes that folder, never a link to one."""
    elsewhere = tmp_path / "elsewhere"
    (out / "2025").rename(elsewhere)
    (out / "2025").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="symbolic link"):
        publish(out, 2025, tmp_path / "site")
    assert not (tmp_path / "site" / "2025").exists()


def test_a_linked_year_folder_in_the_target_is_not_replaced(out: Path, tmp_path: Path) -> None:
    """A year in the target that is a link (here to the year before, published) is refused, and
    the folder it points to is left as it was."""
    site = tmp_path / "site"
    (site / "2024" / "trust").mkdir(parents=True)
    (site / "2024" / "manifest.json").write_text('{"year": 2024}')
    (site / "2024" / "trust" / "ZT001.html").write_text("2024's page")
    (site / "2025").symlink_to(site / "2024", target_is_directory=True)
    with pytest.raises(ValueError, match="not a published year"):
        publish(out, 2025, site)
    assert (site / "2024" / "manifest.json").read_text() == '{"year": 2024}'
    assert (site / "2024" / "trust" / "ZT001.html").read_text() == "2024's page"
