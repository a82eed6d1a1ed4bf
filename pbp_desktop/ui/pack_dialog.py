"""UI layer: the Print pack dialog - meeting, session, sections and cover sheet; a preview of
the PDF inside the app; then print it to a file or a printer (either way it is recorded)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PbpError, ValidationFailed, plain_message
from ..domain.periods import uk_date
from ..domain.records import COVER
from ..readmodels.pack import SECTION_TITLES, SECTIONS
from .forms import FieldWidget
from .ops import Ops
from .pdf_view import PdfPreview, print_pdf
from .widgets import button


class PrintPackDialog(QDialog):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Print the assurance pack")
        self.printed: tuple[str, bytes] | None = None
        packs = ops.register.packs
        self.meeting = QComboBox(accessibleName="Meeting")
        self.meeting.addItem("Not for a meeting", None)
        meetings = ops.read(ops.register.queries.meetings, [])
        for m in meetings:
            self.meeting.addItem(f"{uk_date(m.meets_on)}  {m.body_name}", m.id)
        nxt = ops.read(lambda: packs.resolve_meeting("next"), None) if meetings else None
        if nxt is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(nxt.id))
        self.public = QRadioButton("P&ublic session")
        self.private = QRadioButton("P&rivate session (marked PRIVATE - NOT FOR PUBLICATION)")
        self.public.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.public)
        group.addButton(self.private)
        self.sections = {key: QCheckBox(SECTION_TITLES[key]) for key in SECTIONS}
        for box in self.sections.values():
            box.setChecked(True)
        cover = ops.read(packs.cover_draft, None)
        self.cover_widgets = {f.name: FieldWidget(f) for f in COVER}
        if cover is not None:
            for name, fw in self.cover_widgets.items():
                fw.set(getattr(cover, name))
        self.message = QLabel(objectName="fieldError")
        self.message.setStyleSheet("color: #D5281B;")
        self.message.setWordWrap(True)
        self.preview = PdfPreview()

        options = QWidget()
        ol = QVBoxLayout(options)
        form = QFormLayout()
        form.addRow("Meeting", self.meeting)
        ol.addLayout(form)
        box = QGroupBox("Session")
        bl = QVBoxLayout(box)
        bl.addWidget(self.public)
        bl.addWidget(self.private)
        ol.addWidget(box)
        box = QGroupBox("Sections")
        bl = QVBoxLayout(box)
        for cb in self.sections.values():
            bl.addWidget(cb)
        ol.addWidget(box)
        box = QGroupBox("Cover sheet (remembered for the next pack)")
        cf = QFormLayout(box)
        for f in COVER:
            fw = self.cover_widgets[f.name]
            cell = QWidget()
            cl = QVBoxLayout(cell)
            cl.setContentsMargins(0, 0, 0, 0)
            cl.addWidget(fw.widget)
            cl.addWidget(fw.error)
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setWordWrap(True)
            label.setBuddy(fw.widget)
            cf.addRow(label, cell)
        ol.addWidget(box)
        ol.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(options)
        buttons = QHBoxLayout()
        buttons.addWidget(button("Pre&view", self.show_preview))
        buttons.addStretch(1)
        buttons.addWidget(button("Print to &PDF file…", lambda: self.print_to_file()))
        buttons.addWidget(button("Send to &printer…", lambda: self.print_to_printer()))
        buttons.addWidget(button("Close", self.reject))
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(self.preview)
        split.setSizes([430, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1120, 800)

    # ------------------------------------------------------------------ options

    def options(self) -> dict:
        meeting_id = self.meeting.currentData()
        meeting = next((m for m in self.ops.register.queries.meetings() if m.id == meeting_id), None)
        return {
            "meeting": meeting,
            "session": "private" if self.private.isChecked() else "public",
            "sections": [k for k, cb in self.sections.items() if cb.isChecked()],
            "cover_values": {name: fw.get() for name, fw in self.cover_widgets.items()},
        }

    def _refused(self, exc: Exception) -> None:
        for fw in self.cover_widgets.values():
            fw.show_error(None)
        if isinstance(exc, ValidationFailed):
            for e in exc.errors:
                fw = self.cover_widgets.get(e.field)
                if fw is not None:
                    fw.show_error(e.message)
            self.message.setText("The cover sheet has problems; see the fields marked.")
        else:
            self.message.setText(str(exc))

    # ------------------------------------------------------------------ commands

    def show_preview(self) -> bytes | None:
        self.message.setText("")
        try:
            pdf = self.ops.register.packs.preview(**self.options())
        except PbpError as exc:
            self._refused(exc)
            return None
        self.preview.set_pdf(pdf)
        return pdf

    def _print(self, write: Callable[[bytes], None], target: str) -> tuple[str, bytes] | None:
        """Print and record the pack. `write` (to the file, or to the printer) runs inside the
        pack's transaction: a pack whose file could not be written, or that the printer did not
        take, is not recorded. A printed pack is part of the record: it is not undone."""
        self.message.setStyleSheet("color: #D5281B;")
        self.message.setText("")
        try:
            self.printed = self.ops.register.packs.print_pack(**self.options(), write=write)
        except PbpError as exc:
            self._refused(exc)
            return None
        except OSError as exc:  # a full disk, a read-only folder, a folder chosen, a printer that failed
            said = plain_message(exc, target) or str(exc)
            said = said[:1].lower() + said[1:] if said[1:2].islower() else said
            self.message.setText(f"The pack was not printed, and not recorded: {said}")
            self.ops.messages.append(self.message.text())
            return None
        self.ops.notify("pack", "register_setting")
        return self.printed

    def print_to_file(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save the pack", str(Path.home() / "assurance-pack.pdf"),
                                                  "PDF (*.pdf)")
            if not path:
                return None
        from ..services.exporting import write_private
        target = Path(path)
        printed = self._print(lambda pdf: write_private(target, pdf), str(target))
        if printed is None:
            return None
        reference, pdf = printed
        self.preview.set_pdf(pdf)
        self.message.setStyleSheet("color: #007F3B;")
        self.message.setText(f"Printed pack {reference} to {target}.")
        return target

    def print_to_printer(self, printer: QPrinter | None = None) -> int:
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return 0
        sent: list[int] = []
        printed = self._print(lambda pdf: sent.append(print_pdf(pdf, printer)), "the printer")
        if printed is None:
            return 0
        reference, _pdf = printed
        pages = sent[0]
        self.message.setStyleSheet("color: #007F3B;")
        self.message.setText(f"Sent pack {reference} ({pages} pages) to the printer.")
        return pages
