"""UI layer: showing and printing a PDF inside the app - pages rendered with pdfium (pypdfium2)
into images for the preview, and at printer resolution onto a QPrinter."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

PREVIEW_PAGES = 120  # a preview shows the first pages; a 1,200-page pack's all would be gigabytes


def render_pages(pdf: bytes, dpi: float = 96, progress=None, first: int | None = None) -> list[QImage]:
    """Every page (or the `first` pages) as an image. Needs no window: long work renders on a
    worker thread, reporting to `progress` (domain Progress) page by page."""
    import pypdfium2 as pdfium  # loaded when a PDF is first shown
    doc = pdfium.PdfDocument(pdf)
    try:
        images = []
        count = len(doc) if first is None else min(first, len(doc))
        for i in range(count):
            if progress is not None:
                progress(i, count, f"Drawing the preview, page {i + 1} of {count}")
            pil = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            images.append(QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888).copy())
        return images
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def preview_images(pdf: bytes, progress=None) -> tuple[list[QImage], int]:
    """The preview's pages (the first PREVIEW_PAGES) and the number of pages in all."""
    return render_pages(pdf, PdfPreview.PREVIEW_DPI, progress, first=PREVIEW_PAGES), page_count(pdf)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page, each scaled to the printable area; returns the number of pages. Page by
    page: each is rendered (on the calling thread: a worker, for a pack being printed) and drawn
    on the printer from the window's thread, so that a thousand-page pack is never held in
    memory as images all at once, and the window answers between pages."""
    import pypdfium2 as pdfium

    from .work import in_window_thread
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not in_window_thread(lambda: painter.begin(printer)):
        raise OSError("the printer could not be opened")
    doc = pdfium.PdfDocument(pdf)
    try:
        count = len(doc)
        for i in range(count):
            pil = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
            image = QImage(pil.tobytes("raw", "RGB"), pil.width, pil.height, 3 * pil.width,
                           QImage.Format.Format_RGB888).copy()
            in_window_thread(partial(_draw_page, painter, printer, image, i))
    finally:
        doc.close()
        in_window_thread(painter.end)
    return count


def _draw_page(painter: QPainter, printer: QPrinter, image: QImage, index: int) -> None:
    if index:
        printer.newPage()
    area = painter.viewport()
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)


class PdfPreview(QScrollArea):
    """The pages of a PDF one under another, as a reader scrolls through them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Pack preview")
        self.inner = QWidget()
        self.inner.setStyleSheet("background: #768692;")
        self.pages_layout = QVBoxLayout(self.inner)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.inner)
        self.page_count = 0
        self.total_pages = 0
        self.show_message("The preview appears here.")

    def _clear(self) -> None:
        while self.pages_layout.count():
            w = self.pages_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    def show_message(self, text: str) -> None:
        self._clear()
        label = QLabel(text)
        label.setStyleSheet("color: white; padding: 20px;")
        self.pages_layout.addWidget(label)
        self.page_count = 0

    PREVIEW_DPI = 80

    def set_pdf(self, pdf: bytes, dpi: float = PREVIEW_DPI) -> None:
        self.set_images(render_pages(pdf, dpi, first=PREVIEW_PAGES), page_count(pdf))

    def set_images(self, images: list[QImage], total: int | None = None) -> None:
        """Show pages rendered already (by preview_images, on a worker for a long pack); of a
        long pack, the first pages, and a note saying so."""
        self._clear()
        total = total or len(images)
        for i, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {i} of {total}")
            self.pages_layout.addWidget(label)
        if total > len(images):
            note = QLabel(f"The preview shows the first {len(images)} of {total:,} pages; the PDF has them all.")
            note.setStyleSheet("color: white; padding: 20px;")
            self.pages_layout.addWidget(note)
        self.page_count = len(images)
        self.total_pages = total
