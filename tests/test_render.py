"""The rendering pipeline on small notebooks written by the tests: parameters, errors, HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.notebooks import PARAMETERS, write_notebook
from wres_lib.errors import BriefingError, ParameterError
from wres_lib.render.briefing import Briefing, render_briefing
from wres_lib.render.kernels import WarmKernel
from wres_lib.render.parameters import default_run_date, validate_parameters


def national(**overrides) -> Briefing:
    return Briefing("national", "national", "ENG", "England: test", {**PARAMETERS, **overrides})


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({**PARAMETERS, "colour": "red"}, "unknown parameter 'colour'"),
        ({"data_dir": "x"}, "missing parameter 'year'"),
        ({**PARAMETERS, "year": "2025"}, "parameter 'year' must be int, got str"),
        ({**PARAMETERS, "year": True}, "parameter 'year' must be int, got bool"),
        ({**PARAMETERS, "run_date": "30/06/2025"}, "must be a date as YYYY-MM-DD"),
    ],
)
def test_bad_parameters_are_named(parameters: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=re.escape(message)):
        validate_parameters("national", parameters)


def test_system_level_must_be_icb_or_region() -> None:
    parameters = {**PARAMETERS, "level": "trust", "code": "ZQ01"}
    with pytest.raises(ParameterError, match="must be one of icb, region"):
        validate_parameters("system", parameters)


def test_run_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751241600")  # 2025-06-30 00:00 UTC
    assert default_run_date() == "2025-06-30"
    without = {k: v for k, v in PARAMETERS.items() if k != "run_date"}
    assert validate_parameters("national", without)["run_date"] == "2025-06-30"


def test_bad_parameters_start_no_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(WarmKernel, "run", fail)
    with pytest.raises(ParameterError):
        render_briefing(national(year="2025"), tmp_path / "out", notebooks_dir=tmp_path)
    assert not (tmp_path / "out").exists()


def test_failing_cell_is_named_and_no_file_is_left(tmp_path: Path) -> None:
    notebooks = write_notebook(tmp_path / "nb", "x = 1", "raise ValueError('planted failure')")
    out = tmp_path / "out"
    with pytest.raises(BriefingError) as raised:
        render_briefing(national(), out, ("html", "pdf"), notebooks_dir=notebooks)
    assert raised.value.cell_index == 3 and raised.value.error_name == "ValueError"
    assert "cell 3" in str(raised.value) and "planted failure" in str(raised.value)
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_html_has_no_code_a_run_card_and_the_banner(tmp_path: Path) -> None:
    code = "secret_variable_name = 41\nprint(secret_variable_name + 1)"
    notebooks = write_notebook(tmp_path / "nb", code)
    written = render_briefing(national(), tmp_path / "out", notebooks_dir=notebooks)
    html = written["html"].read_text()
    assert written["html"] == tmp_path / "out" / "2025" / "national" / "ENG.html"
    assert "secret_variable_name" not in html and "42" in html
    assert "data_dir =" not in html  # the parameters cell is gone
    assert "SYNTHETIC DATA" in html and "Run card" in html
    for fact in ("wres-sample (synthetic)", "2025-06-30", "Dataset checksum", "wres_lib version"):
        assert fact in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html
