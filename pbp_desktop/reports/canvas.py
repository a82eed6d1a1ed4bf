"""Reports layer: the page furniture of every pack page - header, session marking, footer with
the pack reference and date - and the "Page X of Y" trick, kept in this one module: the canvas
holds every page back until the end, when the total is known."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.progress import NO_PROGRESS, Progress
from .theme import BOLD, FONT, MID_GREY, NHS_BLUE, PRIVATE_RED, TEXT

MARGIN = 16 * mm
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


class NumberedCanvas(Canvas):
    """Defers each page until save(), then writes "Page X of Y" on all of them."""

    def __init__(self, *args: Any, progress: Progress = NO_PROGRESS, **kwargs: Any) -> None:
        self._progress = progress
        # no unembedded Helvetica on the pages (the document template passes None explicitly)
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for n, state in enumerate(self._saved_pages):
            self._progress(n, total, f"Numbering page {n + 1} of {total}")
            self.__dict__.update(state)
            w, _h = self._pagesize
            self.setFont(FONT, 7.5)
            self.setFillColor(TEXT)
            self.drawRightString(w - MARGIN, FOOTER_H - 4.5 * mm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()
