"""UI layer: the Packs screen - every assurance pack printed from this register, previewed as
printed, saved again byte for byte, or sent to a printer; and the Print pack dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import PbpError
from ..pack_dialog import PrintPackDialog
from ..pdf_view import PdfPreview, print_pdf
from ..table_model import Column
from ..widgets import Page, RowsTable, button, title_label

COLUMNS = [
    Column("Reference", lambda p: p.reference),
    Column("Meeting", lambda p: p.meeting_label or ""),
    Column("Session", lambda p: p.session.label + (" (draft)" if p.draft else "")),
    Column("Printed (UTC)", lambda p: p.printed_at.strftime("%d/%m/%Y %H:%M"), sort=lambda p: p.printed_at.timestamp()),
    Column("By", lambda p: p.printed_by),
    Column("Size", lambda p: f"{p.size / 1024:,.0f} KB", sort=lambda p: p.size),
    Column("SHA-256", lambda p: p.sha256[:16] + "…", tooltip=lambda p: p.sha256),
]


class PacksPage(Page):
    title = "Packs"
    entities = frozenset({"pack"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.table = RowsTable(COLUMNS, name="packs", stretch=1)
        self.table.row_selected.connect(self._on_table_row_selected)
        self.note = QLabel(objectName="note")
        self.note.setWordWrap(True)
        self.preview = PdfPreview()
        bar = QHBoxLayout()
        bar.addWidget(button("&Print a pack…", self.print_pack))
        bar.addWidget(button("&Save a copy…", lambda: self.save_copy(self.table.current())))
        bar.addWidget(button("Send to p&rinter…", lambda: self.reprint(self.table.current())))
        bar.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(bar)
        ll.addWidget(self.note)
        ll.addWidget(self.table)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setSizes([620, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Assurance packs"))
        layout.addWidget(split, 1)

    def reload(self, *, soft: bool = False) -> None:
        rows = self.ops.read(self.ops.register.queries.packs, [])
        self.table.set_rows(rows, soft=soft)
        self.note.setText("Every pack printed from this register is kept exactly as printed, with its SHA-256 "
                          "and the data it showed." if rows else "No pack has been printed from this register yet.")

    def _bytes(self, row) -> bytes | None:
        try:
            return self.ops.register.packs.pdf(row.reference)
        except PbpError as exc:
            self.ops.warn("Packs", str(exc))
            return None

    def _on_table_row_selected(self, row) -> None:
        if row is None:
            self.preview.show_message("Choose a pack to see it as it was printed.")
            return
        pdf = self._bytes(row)
        if pdf is not None:
            self.preview.set_pdf(pdf)

    def print_pack(self) -> None:
        self.run_dialog(PrintPackDialog(self.ops, self))

    def save_copy(self, row, path: str | None = None) -> Path | None:
        if row is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, f"Save pack {row.reference}",
                                                  str(Path.home() / f"{row.reference}.pdf"), "PDF (*.pdf)")
            if not path:
                return None
        pdf = self._bytes(row)
        if pdf is None:
            return None
        from ...services.exporting import write_private
        target = Path(path)
        try:
            write_private(target, pdf)
        except OSError as exc:  # a full disk, a read-only folder, a folder chosen: said, nothing left behind
            self.ops.explain(exc, f"saving pack {row.reference}", title="Save a copy", file=str(target))
            return None
        return target

    def reprint(self, row, printer: QPrinter | None = None) -> int:
        if row is None:
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return 0
        pdf = self._bytes(row)
        if pdf is None:
            return 0
        try:
            return print_pdf(pdf, printer)
        except OSError as exc:
            self.ops.explain(exc, f"printing pack {row.reference}", title="Send to printer")
            return 0
