"""Render one briefing: check parameters, execute the notebook, write HTML and PDF atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wres_lib.data.location import find_data_dir
from wres_lib.data.metadata import DatasetMetadata, read_metadata
from wres_lib.data.provenance import provenance
from wres_lib.errors import BriefingError
from wres_lib.files import write_bytes_atomically, write_text_atomically
from wres_lib.render.parameters import NOTEBOOKS, validate_parameters

if TYPE_CHECKING:  # the kernel, nbconvert and WeasyPrint are imported to render, not to plan
    from wres_lib.render.kernels import WarmKernel

FORMATS = ("html", "pdf")
# The briefing notebooks ship inside the package (package data), so an installed copy finds them.
NOTEBOOKS_DIR = Path(str(resources.files("wres_lib") / "notebooks"))
METHODS_NOTE = (
    "Confidence intervals, significance tests, trend models and funnel limits are additions "
    "by WRES briefings, not part of the WRES standard."
)


@dataclass(frozen=True)
class Briefing:
    """One briefing to render: which notebook, for which organisation and year."""

    notebook: str  # a key of NOTEBOOKS: trust, system or national
    level: str  # trust, icb, region or national: the output folder
    code: str
    title: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.level} {self.code} {self.parameters.get('year', '')}".strip()

    def output_path(self, out_dir: Path, extension: str) -> Path:
        """``<out_dir>/<year>/<level>/<code>.<extension>``."""
        return out_dir / str(self.parameters["year"]) / self.level / f"{self.code}.{extension}"


def run_card(briefing: Briefing, parameters: dict[str, Any], metadata: DatasetMetadata) -> dict:
    """What the page says about how it was made: parameters, data, code and date."""
    facts = provenance(metadata)
    shown = ", ".join(f"{k}={v}" for k, v in parameters.items() if k != "run_date")
    rows = [
        ("Briefing", f"{briefing.notebook} ({NOTEBOOKS[briefing.notebook]})"),
        ("Parameters", shown),
        ("Dataset", facts["dataset"] + (" (synthetic)" if facts["synthetic"] else "")),
        ("Vintage", facts["vintage"] or "not stated"),
        ("Source", facts["source"] or "not stated"),
        ("Dataset checksum (sha256)", facts["dataset_sha256"]),
        ("wres_lib version", facts["wres_lib_version"]),
        ("Git commit", facts["git_commit"]),
        ("Run date", parameters["run_date"]),
        ("Methods", METHODS_NOTE),
    ]
    return {
        "title": briefing.title,
        "running_header": briefing.title,
        "synthetic": facts["synthetic"],
        "data_label": facts["data_label"],
        "wres_lib_version": facts["wres_lib_version"],
        "run_card": rows,
    }


def render_briefing(
    briefing: Briefing,
    out_dir: Path,
    formats: tuple[str, ...] = ("html",),
    notebooks_dir: Path = NOTEBOOKS_DIR,
    kernel: WarmKernel | None = None,
) -> dict[str, Path]:
    """Render ``briefing`` in each of ``formats``; return the path written for each.

    Parameters are checked before any kernel starts. The notebook runs in ``kernel`` (a warm
    one, kept running afterwards) or else in a new kernel stopped afterwards. Files are written
    atomically, so a failure leaves no partial file; a failing cell raises
    :class:`BriefingError`.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise BriefingError(briefing.label, f"unknown format {unknown[0]!r}; expected html, pdf")
    from wres_lib.render.html import notebook_to_html
    from wres_lib.render.kernels import WarmKernel
    from wres_lib.render.pdf import html_to_pdf

    parameters = validate_parameters(briefing.notebook, briefing.parameters)
    metadata = read_metadata(find_data_dir(parameters["data_dir"]))
    runner = kernel or WarmKernel()
    try:
        notebook = runner.run(
            notebooks_dir / NOTEBOOKS[briefing.notebook], parameters, briefing.label
        )
    finally:
        if kernel is None:
            runner.shutdown()
    notebook.metadata["wres"] = run_card(briefing, parameters, metadata)
    html = notebook_to_html(notebook)
    written: dict[str, Path] = {}
    if "html" in formats:
        written["html"] = briefing.output_path(out_dir, "html")
        write_text_atomically(written["html"], html)
    if "pdf" in formats:
        written["pdf"] = briefing.output_path(out_dir, "pdf")
        write_bytes_atomically(written["pdf"], html_to_pdf(html))
    return written
