"""A press table's workbook and the data-entry workbook read the same in LibreOffice Calc as in
pandas (openpyxl): every sheet, converted to CSV by headless LibreOffice, holds the values pandas
reads. Skipped only where LibreOffice (``soffice``) is not installed.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from wres_lib.analysis.context import BriefingContext
from wres_lib.data.importers.template import write_template
from wres_lib.tables import press_table
from wres_lib.tables.writers import write_table

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
# CSV filter options: comma, double quotes, UTF-8, from line 1, no cell formats, raw values
# (not as shown), every sheet to its own file (LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_sheets(workbook: Path, out: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of ``workbook`` as LibreOffice exports it to CSV, as text."""
    profile = (out / "profile").resolve().as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    prefix = f"{workbook.stem}-"
    return {
        path.stem.removeprefix(prefix): pd.read_csv(
            path, header=None, dtype=str, keep_default_na=False, skip_blank_lines=False
        ).fillna("")
        for path in out.glob(f"{prefix}*.csv")
    }


def differences(pandas_sheet: pd.DataFrame, calc_sheet: pd.DataFrame) -> list[str]:
    """Cells where LibreOffice's text differs from pandas' value (numbers to 1e-9)."""
    found = []
    for (row, column), value in pandas_sheet.stack(future_stack=True).items():
        inside = row < calc_sheet.shape[0] and column < calc_sheet.shape[1]
        seen = calc_sheet.iat[row, column] if inside else ""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            same = seen == ""
        elif isinstance(value, bool):
            same = seen.upper() == str(value).upper()
        elif isinstance(value, int | float):
            same = seen != "" and math.isclose(float(seen), value, rel_tol=1e-9, abs_tol=1e-12)
        else:
            same = seen == str(value)
        if not same:
            found.append(f"row {row + 1}, column {column + 1}: {value!r} read as {seen!r}")
    return found


def compare(workbook: Path, out: Path) -> dict[str, list[str]]:
    calc = libreoffice_sheets(workbook, out)
    read = pd.read_excel(workbook, sheet_name=None, header=None, dtype=object)
    assert sorted(calc) == sorted(read)
    return {name: differences(sheet, calc[name]) for name, sheet in read.items()}


@needs_libreoffice
def test_a_press_table_reads_the_same_in_libreoffice(
    sample_context: BriefingContext, tmp_path: Path
) -> None:
    workbook = tmp_path / "board_gap.xlsx"
    table = press_table("board-gap", sample_context, 2025)
    write_table(table, workbook, "xlsx")
    assert compare(workbook, tmp_path) == {"Table": [], "Notes": []}
    assert len(table.frame) > 10


@needs_libreoffice
def test_the_data_entry_template_reads_the_same_in_libreoffice(tmp_path: Path) -> None:
    workbook = write_template(tmp_path / "template.xlsx")
    problems = compare(workbook, tmp_path)
    assert len(problems) > 3 and all(found == [] for found in problems.values()), problems


def test_the_comparison_sees_a_changed_value() -> None:
    pandas_sheet = pd.DataFrame([["code", "share"], ["RJ1", 12.5], ["RJ2", None]], dtype=object)
    calc_sheet = pd.DataFrame([["code", "share"], ["RJ1", "12.6"], ["RJ2", ""]])
    assert differences(pandas_sheet, calc_sheet) == ["row 2, column 2: 12.5 read as '12.6'"]
