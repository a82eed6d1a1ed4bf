"""UI layer: the Print pack dialog - meeting, session, sections and cover sheet (kept per
meeting and session: a public cover never starts from a private one); a preview of the PDF
inside the app; then print it to a file or a printer (either way it is recorded), as a draft or
final. Public text that quotes a private record is named before a public print, to be reworded
or confirmed public."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
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
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import PbpError, ValidationFailed, plain_message
from ..domain.periods import uk_date
from ..domain.progress import Cancelled, Progress
from ..domain.records import COVER
from ..readmodels.pack import SECTION_TITLES, SECTIONS
from .drafts import FieldDrafts, restored_label
from .forms import DateEdit, FieldWidget
from .operations import packs as pack_ops
from .operations.settings import remember_user_name, user_name
from .ops import Ops
from .pdf_view import PdfPreview, preview_images, print_pdf
from .widgets import button, fit_small_screen
from .work import run


def rendered(parent: QWidget, pdf: bytes) -> tuple[list[QImage], int]:
    """A printed pack's first pages rendered for the preview, off the window's thread; Cancel
    leaves the preview as it was (raises Cancelled)."""
    def rendering(progress: Progress) -> tuple[list[QImage], int]:
        return preview_images(pdf, progress)
    return run(parent, "Drawing the preview…", rendering).value()


class PrintPackDialog(QDialog):
    def __init__(self, ops: Ops, parent=None, settings: QSettings | None = None):
        super().__init__(parent)
        self.ops = ops
        # the user's name (remembered between runs) is the cover's author, never the login
        self.settings = settings or getattr(ops.parent_widget, "settings", None) or QSettings()
        if not ops.register.user_name and user_name(self.settings):
            ops.register.set_user_name(user_name(self.settings))
        self.your_name = QLineEdit(ops.register.user_name)
        self.your_name.setAccessibleName("Your name")
        self.your_name.setPlaceholderText("Your name, as the cover gives its author")
        self.your_name.textEdited.connect(self._on_your_name_edited)
        self.your_name_note = QLabel("Type your name once: it is printed as the report's author and remembered "
                                     "(Edit > Your name changes it).")
        self.your_name_note.setObjectName("note")
        self.your_name_note.setWordWrap(True)
        self.your_name_note.setVisible(not ops.register.user_name)
        self.setWindowTitle("Print the assurance pack")
        self.printed: tuple[str, bytes] | None = None
        packs = ops.register.packs
        self.meeting = QComboBox(accessibleName="Meeting")
        self.meeting.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.meeting.setMinimumContentsLength(20)  # a long body's name does not widen the options pane
        self.meeting.addItem("Not for a meeting", None)
        meetings = ops.read(ops.register.queries.meetings, [])
        for m in meetings:
            self.meeting.addItem(f"{uk_date(m.meets_on)}  {m.body_name}"
                                 + ("  (private meeting)" if m.session.value == "private" else ""), m.id)
        nxt = ops.read(lambda: packs.resolve_meeting("next"), None) if meetings else None
        if nxt is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(nxt.id))
        self.as_at = DateEdit()
        self.as_at.line.setAccessibleName("As at")
        self.as_at.setText(uk_date(ops.register.packs.as_at_date(None)))
        self.as_at.setToolTip("The date the pack is judged at: the latest figures, overdue actions, reviews due "
                              "and every window count from it (default today)")
        self.public = QRadioButton("P&ublic session")
        self.private = QRadioButton("P&rivate session")
        self.private.setToolTip("Every page is marked PRIVATE - NOT FOR PUBLICATION")
        self.public.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.public)
        group.addButton(self.private)
        self.draft = QCheckBox("&Draft (marked DRAFT)")
        self.draft.setToolTip("A draft is recorded like any pack, but no later pack compares its risk movements with it")
        self.sections = {key: QCheckBox(SECTION_TITLES[key]) for key in SECTIONS}
        for box in self.sections.values():
            box.setChecked(True)
        self._meetings = {m.id: m for m in meetings}
        self.cover_widgets = {f.name: FieldWidget(f) for f in COVER}
        self.cover_box = QGroupBox("Cover sheet")
        self.cover_for = QLabel(objectName="note")
        self.cover_for.setWordWrap(True)
        self._typed: dict[tuple, dict] = {}  # what was typed on each meeting's and session's cover in this dialog
        self._cover_for: tuple | None = None
        self.cover_drafts = FieldDrafts(ops, "cover", self.cover_widgets)  # typed text survives a crash
        self.restored = restored_label()
        self._load_cover()
        self.meeting.currentIndexChanged.connect(self._on_choice_changed)
        self.public.toggled.connect(self._on_choice_changed)
        self.message = QLabel(objectName="fieldError")
        self.message.setStyleSheet("color: #D5281B;")
        self.message.setWordWrap(True)
        self.preview = PdfPreview()

        options = QWidget()
        ol = QVBoxLayout(options)
        form = QFormLayout()
        form.addRow("Meeting", self.meeting)
        form.addRow("As at", self.as_at)
        ol.addLayout(form)
        box = QGroupBox("Session")
        bl = QVBoxLayout(box)
        bl.addWidget(self.public)
        bl.addWidget(self.private)
        marked = QLabel("A private pack is marked PRIVATE - NOT FOR PUBLICATION on every page.")
        marked.setObjectName("note")
        marked.setWordWrap(True)
        bl.addWidget(marked)
        bl.addWidget(self.draft)
        ol.addWidget(box)
        box = QGroupBox("Sections")
        bl = QVBoxLayout(box)
        for cb in self.sections.values():
            bl.addWidget(cb)
        ol.addWidget(box)
        box = self.cover_box
        cf = QFormLayout(box)
        cf.addRow(self.cover_for)
        cf.addRow("Your &name", self.your_name)
        cf.addRow(self.your_name_note)
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
        ol.addWidget(self.restored)
        ol.addWidget(box)
        ol.addWidget(self.message)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(options)
        buttons = QHBoxLayout()
        buttons.addWidget(button("Previe&w", self.show_preview))
        buttons.addStretch(1)
        buttons.addWidget(button("Print to &PDF file…", lambda: self.print_to_file()))
        buttons.addWidget(button("&Send to printer…", lambda: self.print_to_printer()))
        buttons.addWidget(button("Close", self.reject))
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(self.preview)
        split.setSizes([400, 453])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        fit_small_screen(self, 1120, 800)
        if not ops.register.user_name:  # asked the first time it is needed: the cursor waits there
            self.your_name.setFocus()

    def _on_your_name_edited(self, _text: str = "") -> None:
        """The user's name, remembered between runs and given to the services; the cover's
        author follows it where it was blank or the name as it was."""
        before = self.ops.register.user_name
        name = " ".join(self.your_name.text().split())
        if name == before:
            return
        remember_user_name(self.settings, name)
        self.ops.register.set_user_name(name)
        author = self.cover_widgets["author"]
        if (author.get() or "") in ("", before):
            author.set(name)
        self.your_name_note.setVisible(not name)

    def done(self, result: int) -> None:
        """Closed (Close, Escape, the window's button) or accepted: what was typed on the cover
        in the last moment is kept as its draft too."""
        self.cover_drafts.flush()
        super().done(result)

    # ------------------------------------------------------------------ options

    def _choice(self) -> tuple[int | None, str]:
        return self.meeting.currentData(), "private" if self.private.isChecked() else "public"

    def _on_choice_changed(self, *_args) -> None:
        meeting = self._meetings.get(self.meeting.currentData())
        private_meeting = meeting is not None and meeting.session.value == "private"
        self.public.setEnabled(not private_meeting)
        self.public.setToolTip("A private meeting has only a private pack." if private_meeting else "")
        if private_meeting and self.public.isChecked():
            self.private.setChecked(True)  # toggling calls back here
            return
        self._load_cover()
        if self.preview.page_count:  # never show one session's pack under the other's choice
            self.preview.show_message("The meeting or session changed: press Preview to see the pack "
                                      "as it will now print.")

    def _load_cover(self) -> None:
        """The cover of the meeting and session chosen: as typed here before, else as saved for
        them, else the last one of the same session. The one left is kept as typed."""
        if self._cover_for is not None:
            self._typed[self._cover_for] = {name: fw.get() for name, fw in self.cover_widgets.items()}
        for d in self.cover_drafts.drafts.values():  # what is pending is kept under the cover it was typed on
            d.unbind()
        key = self._choice()
        meeting_id, session = key
        meeting = self._meetings.get(meeting_id)
        typed = self._typed.get(key)
        cover = None if typed else self.ops.read(lambda: self.ops.register.packs.cover_draft(meeting, session), None)
        for name, fw in self.cover_widgets.items():
            if typed is not None:
                fw.set(typed[name])
            elif cover is not None:
                fw.set(getattr(cover, name))
        self._cover_for = key
        self.cover_drafts.scope = f"cover:{meeting_id if meeting_id is not None else 'none'}:{session}"
        note = self.cover_drafts.restore()
        self.restored.setText(note or "")
        self.restored.setVisible(bool(note))
        what = meeting.label if meeting else "a pack for no meeting"
        self.cover_for.setText(f"The cover of the {session} pack for {what}, kept for it.")

    def options(self) -> dict:
        meeting_id, session = self._choice()
        meeting = next((m for m in self.ops.register.queries.meetings() if m.id == meeting_id), None)
        return {
            "meeting": meeting,
            "session": session,
            "sections": [k for k, cb in self.sections.items() if cb.isChecked()],
            "cover_values": {name: fw.get() for name, fw in self.cover_widgets.items()},
            "draft": self.draft.isChecked(),
            "as_at": self.as_at.text(),
        }

    def _refused(self, exc: Exception) -> None:
        for fw in self.cover_widgets.values():
            fw.show_error(None)
        if isinstance(exc, ValidationFailed) and any(e.field == "as_at" for e in exc.errors):
            self.message.setText(next(e.message for e in exc.errors if e.field == "as_at"))
        elif isinstance(exc, ValidationFailed):
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
        try:  # a large register's pack is drawn for a minute: off the window's thread, with Cancel
            pdf, (images, total) = pack_ops.preview_pack(self.ops, self, self.options())
        except Cancelled:
            self._cancelled("The preview was cancelled.")
            return None
        except PbpError as exc:
            self._refused(exc)
            return None
        self.preview.set_images(images, total)
        return pdf

    def _print(self, write: Callable[[bytes], None], target: str) -> tuple[str, bytes] | None:
        """Print and record the pack. `write` (to the file, or to the printer) runs inside the
        pack's transaction: a pack whose file could not be written, or that the printer did not
        take, is not recorded. A printed pack is part of the record: it is not undone. Public
        text that quotes a private record is named; confirmed public (with a reason, logged),
        the print goes ahead."""
        from ..services.privacy import QuotesPrivate  # the register is open: SQLAlchemy is loaded
        self.message.setStyleSheet("color: #D5281B;")
        self.message.setText("")
        try:  # drawn off the window's thread, with progress and Cancel; cancelled, nothing is written
            changes = pack_ops.print_pack(self.ops, self, self.options(), write)
            reference, pdf = changes.reference, changes.pdf
        except Cancelled:
            self._cancelled("The pack was cancelled: it was not printed, and not recorded.")
            return None
        except QuotesPrivate as exc:
            if not self.confirm_quotations(exc):
                self._refused(exc)
                return None
            return self._print(write, target)
        except PbpError as exc:
            self._refused(exc)
            return None
        except OSError as exc:  # a full disk, a read-only folder, a folder chosen, a printer that failed
            said = plain_message(exc, target) or str(exc)
            said = said[:1].lower() + said[1:] if said[1:2].islower() else said
            self.message.setText(f"The pack was not printed, and not recorded: {said}")
            self.ops.messages.append(self.message.text())
            return None
        self.printed = (reference, pdf)
        # a printed pack is part of the record, not undone: the views are told what it touched
        self.ops.notify(*sorted({kind for kind, _id in changes.created | changes.updated} | {"pack"}))
        self.cover_drafts.saved()  # the cover is kept with the pack now
        return self.printed

    def _cancelled(self, text: str) -> None:
        """Cancelled by the user: not an error; said plainly, in the dialog's own words."""
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.ops.messages.append(text)

    def confirm_quotations(self, exc) -> bool:
        """Name each place; on the user's word, and reason, confirm them all public."""
        places = "\n".join(f"• {q.describe()}" for q in exc.quotations[:20])
        more = f"\n… and {len(exc.quotations) - 20} more" if len(exc.quotations) > 20 else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "Public text quotes private records",
                          "The public pack was not printed. These places in public text quote a private record:\n\n"
                          f"{places}{more}\n\nReword them (the pack is then printed without asking), or confirm "
                          "that they may be published.", parent=self)
        confirm = box.addButton("Confirm public…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Reword first", QMessageBox.ButtonRole.RejectRole)
        if self.ask(box) is not confirm:
            return False
        reason, ok = self.ask_reason()
        if not ok or not reason.strip():
            return False
        for q in exc.quotations:
            self.ops.register.privacy.confirm(q, reason)
        self.ops.notify("disclosure")
        return True

    def ask(self, box: QMessageBox):
        box.exec()
        return box.clickedButton()

    def ask_reason(self) -> tuple[str, bool]:
        return QInputDialog.getText(self, "Confirm public", "Why may these be published? (kept in the register's log)")

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
        try:
            self.preview.set_images(*rendered(self, pdf))
        except Cancelled:  # the pack is printed; only its preview was not drawn
            self.preview.show_message("The preview was not drawn.")
        self.message.setStyleSheet("color: #007F3B;")
        self.message.setText(f"Printed pack {reference} to {target}.")
        return target

    def print_to_printer(self, printer: QPrinter | None = None) -> int:
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return 0
        sent: list[int] = []
        # pages rendered on the worker, drawn on the printer from the window's thread (print_pdf);
        # the pack is recorded only if the printer took it
        printed = self._print(lambda pdf: sent.append(print_pdf(pdf, printer)), "the printer")
        if printed is None:
            return 0
        reference, _pdf = printed
        pages = sent[0]
        self.message.setStyleSheet("color: #007F3B;")
        self.message.setText(f"Sent pack {reference} ({pages} pages) to the printer.")
        return pages
