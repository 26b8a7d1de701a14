"""Print-quality A4 PDF from a briefing's HTML, with WeasyPrint."""

from __future__ import annotations

import weasyprint

# Tagged PDF for screen readers (PDF/UA-1): structure tree in page order, the document's title
# and language from the page's <title> and lang, and bookmarks from its headings.
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str) -> bytes:
    """The tagged PDF of ``html``: A4, page numbers and running header from the print CSS."""
    return weasyprint.HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
