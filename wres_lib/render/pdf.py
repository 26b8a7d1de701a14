"""Print-quality A4 PDF from a briefing's HTML, with WeasyPrint."""

from __future__ import annotations

import weasyprint


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html``: A4, page numbers and running header from the page's print CSS."""
    return weasyprint.HTML(string=html).write_pdf()
