"""UI layer: named operations around assurance packs: previewing and printing one (long work,
drawn off the window's thread with progress and Cancel), and confirming public a text that
quotes a private record (a deliberate, logged disclosure)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from ...domain.progress import Progress
from ...readmodels import PrintedPack
from ...readmodels.privacy import Quotation
from ..pdf_view import preview_images
from ..work import run as run_work
from . import Ops, Outcome, run


def confirm_public_text(ops: Ops, quotation: Quotation, reason: str, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Confirm public: {quotation.describe()}",
               lambda: ops.register.privacy.confirm(quotation, reason), parent=parent)


def preview_pack(ops: Ops, parent: QWidget, options: dict) -> tuple[bytes, tuple[list[QImage], int]]:
    """The pack as it would print, drawn off the window's thread with progress and Cancel
    (raises Cancelled), with its first pages rendered for the preview there too; nothing is
    recorded. (PDF, (images, pages in all))."""
    def drawing(progress: Progress) -> tuple[bytes, tuple[list[QImage], int]]:
        pdf = ops.register.packs.preview(**options, progress=progress.part(0.0, 0.9))
        return pdf, preview_images(pdf, progress.part(0.9, 1.0))
    return run_work(parent, "Drawing the preview…", drawing).value()


def print_pack(ops: Ops, parent: QWidget, options: dict, write: Callable[[bytes], None]) -> PrintedPack:
    """Print and record a pack, drawn off the window's thread with progress and Cancel: the
    Changes it made, with its reference and PDF (PrintedPack). `write` puts the bytes in the
    user's file or printer inside the pack's transaction; cancelled (Cancelled) or failed, nothing is written
    or recorded. A printed pack is part of the record: the caller tells the views, not the
    undo stack."""
    def printing(progress: Progress) -> PrintedPack:
        return ops.register.packs.print_pack(**options, write=write, progress=progress)
    return run_work(parent, "Printing the pack…", printing).value()
