"""`wres import` reads a .zip download directly, and a dataset imported from a file `wres fetch`
downloaded records the address, sha256 and date from the fetched.json beside it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.helpers.import_fixtures import run, write_csv
from tests.test_import_ods import ROWS, organisations_only
from wres_lib.data.importers.archive import ArchiveError, extracted_member
from wres_lib.data.importers.grid import read_grid
from wres_lib.data.metadata import MetadataError, read_metadata, sha256_of


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_wres_import_ods_reads_etr_zip(tmp_path: Path) -> None:
    etr_csv = write_csv(tmp_path / "etr.csv", ROWS)
    etr_zip = zipped(tmp_path / "etr.zip", {"etr.csv": etr_csv.read_bytes()})
    out_zip, out_csv = tmp_path / "from_zip", tmp_path / "from_csv"
    result = run("import", "ods", str(etr_zip), "--out", str(out_zip), "--vintage", "2025")
    assert result.exit_code == 0, result.output
    assert (
        run("import", "ods", str(etr_csv), "--out", str(out_csv), "--vintage", "2025").exit_code
        == 0
    )
    from_zip, from_csv = organisations_only(out_zip), organisations_only(out_csv)
    assert list(from_zip["org_code"]) == ["RAL", "RQ3", "RRP", "RX9", "RYX"]
    assert from_zip.equals(from_csv)


def test_the_only_table_in_the_archive_is_read_and_errors_name_both(tmp_path: Path) -> None:
    archive = zipped(
        tmp_path / "download.zip",
        {"readme.txt.pdf": b"%PDF-", "data/Table 1.csv": b"code,name\nRAL,Royal Free\n"},
    )
    grid = read_grid(archive)
    assert grid.rows == (("code", "name"), ("RAL", "Royal Free"))
    assert grid.label == "download.zip: data/Table 1.csv"


def test_a_mapping_names_the_member_when_there_are_several(tmp_path: Path) -> None:
    archive = zipped(tmp_path / "two.zip", {"a.csv": b"x\n1\n", "b.csv": b"y\n2\n"})
    with pytest.raises(ArchiveError, match=r"two.zip: expected exactly one .*a.csv, b.csv.*member"):
        read_grid(archive)
    assert read_grid(archive, member="b.csv").rows == (("y",), ("2",))
    with pytest.raises(ArchiveError, match=r"expected a member named 'c.csv'"):
        read_grid(archive, member="c.csv")


def test_member_names_never_choose_where_the_copy_goes(tmp_path: Path) -> None:
    archive = zipped(tmp_path / "evil.zip", {"../../escape.csv": b"a\n1\n"})
    with extracted_member(archive) as (name, copy):
        assert name == "../../escape.csv"
        assert copy.name == "escape.csv" and copy.parent.name.startswith("wres-zip-")
    assert not (tmp_path.parent / "escape.csv").exists()


def test_a_file_that_is_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "etr.zip"
    fake.write_text("<html>not found</html>")
    with pytest.raises(ArchiveError, match=r"etr.zip: expected a zip archive"):
        read_grid(fake)


def fetched_download(tmp_path: Path) -> Path:
    """etr.zip in a fetch cache folder with the fetched.json `wres fetch` writes beside it."""
    folder = tmp_path / "cache" / "ods_trusts" / "2025"
    folder.mkdir(parents=True)
    etr_csv = write_csv(tmp_path / "etr.csv", ROWS)
    etr_zip = zipped(folder / "etr.zip", {"etr.csv": etr_csv.read_bytes()})
    record = {
        "source": "ods_trusts",
        "year": 2025,
        "filename": "etr.zip",
        "url": "https://files.example.org/ods/etr.zip",
        "sha256": sha256_of(etr_zip),
        "bytes": etr_zip.stat().st_size,
        "fetched_at": "2025-05-01T09:30:00+00:00",
        "by_hand": False,
    }
    (folder / "fetched.json").write_text(json.dumps(record))
    return etr_zip


def test_an_import_from_a_fetched_file_records_its_address_and_checksum(tmp_path: Path) -> None:
    etr_zip = fetched_download(tmp_path)
    out = tmp_path / "orgs"
    assert run("import", "ods", str(etr_zip), "--out", str(out)).exit_code == 0
    (entry,) = read_metadata(out).fetched
    assert entry == {
        "file": "etr.zip",
        "url": "https://files.example.org/ods/etr.zip",
        "sha256": sha256_of(etr_zip),
        "fetched_at": "2025-05-01T09:30:00+00:00",
    }
    written = yaml.safe_load((out / "dataset.yaml").read_text())
    assert written["fetched"] == [entry]


def test_a_file_changed_since_it_was_fetched_is_not_credited_to_the_address(
    tmp_path: Path,
) -> None:
    etr_zip = fetched_download(tmp_path)
    with zipfile.ZipFile(etr_zip, "a") as archive:
        archive.writestr("notes.md", "edited by hand")
    out = tmp_path / "orgs"
    assert run("import", "ods", str(etr_zip), "--out", str(out)).exit_code == 0
    assert read_metadata(out).fetched == ()


def test_dataset_yaml_fetched_entries_are_checked(tmp_path: Path) -> None:
    (tmp_path / "dataset.yaml").write_text("name: x\nfetched:\n  - file: etr.zip\n")
    with pytest.raises(MetadataError, match=r"'fetched' to list files, each with the keys"):
        read_metadata(tmp_path)
