"""Export an executed briefing notebook to one self-contained HTML page (our template)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbconvert is imported when a page is exported, not to plan a build
    import nbformat
    from nbconvert import HTMLExporter

TEMPLATE_NAME = "briefing"
HIDDEN_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell")


def templates_dir() -> Path:
    """The folder holding the nbconvert templates shipped with wres_lib."""
    return Path(str(resources.files("wres_lib") / "templates"))


@cache
def _stylesheet() -> str:
    return (templates_dir() / TEMPLATE_NAME / "briefing.css").read_text(encoding="utf-8")


def _exporter() -> HTMLExporter:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(templates_dir())],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    remover = TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_CELL_TAGS), enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
    return exporter


def notebook_to_html(notebook: nbformat.NotebookNode) -> str:
    """The briefing page: no code, no parameter cells, a run card, print CSS, inline figures.

    The run card, title and banner come from ``notebook.metadata["wres"]``.
    """
    body, _ = _exporter().from_notebook_node(notebook, resources={"wres_css": _stylesheet()})
    return body
