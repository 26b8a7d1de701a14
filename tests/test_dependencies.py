"""The locked environment provides every library the project relies on, working."""

from __future__ import annotations

import importlib

import pytest

MODULES = [
    "pandas", "numpy", "scipy", "statsmodels", "matplotlib", "seaborn", "papermill",
    "nbconvert", "nbclient", "nbformat", "ipykernel", "weasyprint", "yaml", "pyarrow",
    "click", "rich", "openpyxl", "odf", "distributed",
]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_module_imports(name: str) -> None:
    assert importlib.import_module(name).__name__ == name


def test_weasyprint_writes_a_pdf() -> None:
    """WeasyPrint needs Pango from the system: .ci/run installs it."""
    import weasyprint

    pdf = weasyprint.HTML(string="<h1>WRES</h1><p>page</p>").write_pdf()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 500
