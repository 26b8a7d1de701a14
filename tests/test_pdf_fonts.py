"""Every PDF a thread makes shares one font configuration (see render.pdf), which changes none
of their bytes."""

from __future__ import annotations

import threading

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from wres_lib.render import pdf

PAGES = [
    '<html lang="en"><title>One</title><p>Plain text, <b>bold</b> and <i>italic</i>.</p></html>',
    '<html lang="en"><title>Two</title><h1 style="font-family: serif">A heading</h1>'
    '<p style="font-family: monospace">0.82 (0.80 to 0.85)</p><svg width="40" height="20">'
    '<text x="0" y="15" font-family="sans-serif">Chart</text></svg></html>',
]


def counting_font_configurations(monkeypatch) -> list[int]:
    made: list[int] = []
    setting_up = FontConfiguration.__init__

    def counted(self: FontConfiguration) -> None:
        made.append(threading.get_ident())
        setting_up(self)

    monkeypatch.setattr(FontConfiguration, "__init__", counted)
    return made


def test_pdfs_share_one_font_configuration_and_draw_the_same_bytes(monkeypatch) -> None:
    pdf.html_to_pdf(PAGES[0])  # this thread's configuration, if it had none yet
    made = counting_font_configurations(monkeypatch)
    shared = [pdf.html_to_pdf(page) for page in (*PAGES, *PAGES)]
    assert made == []  # no new configuration for any of these four PDFs
    own = [weasyprint.HTML(string=p).write_pdf(pdf_variant=pdf.PDF_VARIANT) for p in PAGES]
    assert len(made) == len(PAGES)  # WeasyPrint makes one for each PDF when not given one
    assert shared == own + own


def test_each_thread_has_its_own_font_configuration(monkeypatch) -> None:
    made = counting_font_configurations(monkeypatch)
    threads = [threading.Thread(target=pdf.html_to_pdf, args=(PAGES[0],)) for _ in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    assert made == [thread.ident for thread in threads]
