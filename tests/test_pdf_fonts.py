"""Every PDF a process makes shares one font configuration (see render.pdf), which changes none
of their bytes."""

from __future__ import annotations

import weasyprint

from wres_lib.render import pdf

PAGES = [
    '<html lang="en"><title>One</title><p>Plain text, <b>bold</b> and <i>italic</i>.</p></html>',
    '<html lang="en"><title>Two</title><h1 style="font-family: serif">A heading</h1>'
    '<p style="font-family: monospace">0.82 (0.80 to 0.85)</p><svg width="40" height="20">'
    '<text x="0" y="15" font-family="sans-serif">Chart</text></svg></html>',
]


def test_pdfs_share_one_font_configuration_and_draw_the_same_bytes() -> None:
    shared = [pdf.html_to_pdf(page) for page in PAGES]
    assert pdf._fonts() is pdf._fonts()
    own = [weasyprint.HTML(string=p).write_pdf(pdf_variant=pdf.PDF_VARIANT) for p in PAGES]
    assert shared == own
    assert [pdf.html_to_pdf(page) for page in reversed(PAGES)] == shared[::-1]
