"""Reports layer: the page furniture of every pack page - header, session marking, footer with
the pack reference and date - and "Page X of Y", kept in this one module: the total is a form
drawn on every page and defined at the end, when it is known; so is each page number a contents
page gives, from the page its section's bookmark was laid out on."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..domain.progress import NO_PROGRESS, Progress
from .theme import BOLD, FONT, MID_GREY, NHS_BLUE, PRIVATE_RED, TEXT

MARGIN = 16 * mm
LANG = "en-GB"  # the documents' language, for screen readers and spell checkers
HEADER_H = 12 * mm
FOOTER_H = 11 * mm


class Furniture:
    """What every page carries; set by the pack builder before the build."""

    def __init__(self, left: str, reference: str, date_text: str, private: bool, *, draft: bool = False):
        self.draft = draft
        self.left = left
        self.reference = reference
        self.date_text = date_text
        self.private = private

    @property
    def marking(self) -> str:
        marking = "PRIVATE - NOT FOR PUBLICATION" if self.private else "PUBLIC SESSION"
        return f"DRAFT · {marking}" if self.draft else marking

    def draw(self, canv: Canvas, _doc) -> None:
        w, h = canv._pagesize
        canv.saveState()
        # header: partnership and pack on the left, the session marking on the right
        canv.setFillColor(NHS_BLUE)
        canv.rect(0, h - 4 * mm, w, 4 * mm, stroke=0, fill=1)
        canv.setFont(FONT, 8)
        canv.setFillColor(TEXT)
        canv.drawString(MARGIN, h - 10 * mm, self.left)
        canv.setFont(BOLD, 8.5)
        canv.setFillColor(PRIVATE_RED if self.private else NHS_BLUE)
        canv.drawRightString(w - MARGIN, h - 10 * mm, self.marking)
        canv.setStrokeColor(MID_GREY)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, h - 12 * mm, w - MARGIN, h - 12 * mm)
        # footer: reference and date; the marking again; the page number is added at the end
        canv.line(MARGIN, FOOTER_H, w - MARGIN, FOOTER_H)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(TEXT)
        canv.drawString(MARGIN, FOOTER_H - 4.5 * mm, f"{self.reference} · {self.date_text}")
        canv.setFont(BOLD, 7.5)
        canv.setFillColor(PRIVATE_RED if self.private else MID_GREY)
        canv.drawCentredString(w / 2, FOOTER_H - 4.5 * mm, self.marking)
        if self.draft:  # across the page, faint: a draft is never mistaken for the pack the board read
            canv.saveState()
            canv.setFillColor(PRIVATE_RED)
            canv.setFillAlpha(0.12)
            canv.setFont(BOLD, 110)
            canv.translate(w / 2, h / 2)
            canv.rotate(35)
            canv.drawCentredString(0, -35, "DRAFT")
            canv.restoreState()
        canv.restoreState()

    def draw_section(self, canv: Canvas, _doc) -> None:
        """After a page is laid out: the section it belongs to, beside the pack's name in the
        header, so a page torn from the pack (a scorecard's third page) says what it is."""
        section = getattr(canv, "pbp_section", "")
        if not section:
            return
        w, h = canv._pagesize
        start = MARGIN + stringWidth(self.left, FONT, 8)
        room = w - MARGIN - stringWidth(self.marking, BOLD, 8.5) - 6 * mm - start
        text = f" · {section}"
        if stringWidth(text, FONT, 8) > room:  # never under the session marking: cut, with an ellipsis
            while len(text) > 4 and stringWidth(text + "…", FONT, 8) > room:
                text = text[:-1]
            text = text.rstrip() + "…"
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(TEXT)
        canv.drawString(start, h - 10 * mm, text)
        canv.restoreState()


class NumberedCanvas(Canvas):
    """Writes "Page X of Y" on every page as it goes: Y is a form (a PDF XObject) drawn on each
    page and defined once, at the end, when the total is known. Pages are not held back, so the
    bookmarks and links made while a page is laid out point at that page."""

    TOTAL = "pbp-page-total"

    def __init__(self, *args: Any, progress: Progress = NO_PROGRESS, **kwargs: Any) -> None:
        self._progress = progress
        # no unembedded Helvetica on the pages (the document template passes None explicitly)
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self._pages = 0
        self.bookmark_pages: dict[str, int] = {}  # a bookmark's key -> the page it was laid out on
        # a bookmark's key -> the form a contents line draws, and the font it is drawn in
        self._page_forms: dict[str, tuple[str, str, float]] = {}

    def note_bookmark(self, key: str) -> None:
        """A section's bookmark is on this page (the contents page's number for it)."""
        self.bookmark_pages.setdefault(key, self.getPageNumber())

    def draw_page_number_of(self, key: str, size: float, font: str = FONT) -> None:
        """Draw, right-aligned at the origin, the number of the page `key`'s bookmark is on: a form
        defined at the end, since a contents page is laid out before the pages it names."""
        name, _font, _size = self._page_forms.setdefault(key, (f"pbp-toc-{len(self._page_forms)}", font, size))
        self.doForm(name)

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages += 1
        w, _h = self._pagesize
        room = stringWidth("0000", FONT, 7.5)  # the total, left-aligned in the room of four digits
        x = w - MARGIN - room
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(TEXT)
        self.drawRightString(x, FOOTER_H - 4.5 * mm, f"Page {self._pageNumber} of ")
        self.translate(x, FOOTER_H - 4.5 * mm)
        self.doForm(self.TOTAL)
        self.restoreState()
        super().showPage()

    def save(self) -> None:
        self._progress(0, 1, f"Numbering {self._pages} pages")
        self.beginForm(self.TOTAL)
        self.setFont(FONT, 7.5)
        self.setFillColor(TEXT)
        self.drawString(0, 0, str(self._pages))
        self.endForm()
        for key, (name, font, size) in self._page_forms.items():
            page = self.bookmark_pages.get(key)
            # right-aligned at the origin: the form's box reaches left of it (a form clips to its box)
            self.beginForm(name, lowerx=-60, lowery=-10, upperx=10, uppery=30)
            self.setFont(font, size)
            self.setFillColor(TEXT)
            self.drawRightString(0, 0, str(page) if page is not None else "")
            self.endForm()
        super().save()
