"""UI layer: printing a meeting's papers - its agenda, its minutes, the body's action log, the
register of interests - public or private, to PDF or to Word (DOCX, for drafts circulated for
comment). A printed paper is recorded as a pack is (reference, SHA-256, bytes); a public one is
searched for anything private first, and public text quoting a private record is named, to be
reworded or confirmed public (with a reason, logged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from ..domain.enums import FileFormat, Paper, Session
from ..domain.errors import PbpError, plain_message
from ..domain.periods import uk_date
from .widgets import button, fit_small_screen

PAPERS = (Paper.AGENDA, Paper.MINUTES, Paper.ACTION_LOG, Paper.INTERESTS)


CSV = "csv"  # the action log exported as a table (not a printed paper: nothing is recorded)


class PapersDialog(QDialog):
    """`meeting`: the meeting whose papers to print; or `action_filter` (no meeting): the action
    log as the Actions screen filters it, printed or exported to CSV."""

    def __init__(self, ops, meeting, parent=None, *, action_filter=None, described: str = "",
                 paper: Paper = Paper.ACTION_LOG):
        super().__init__(parent)
        self.ops = ops
        self.meeting = meeting
        self.action_filter = action_filter
        self.setWindowTitle("Print papers" if meeting is not None else "Print the register of interests"
                            if paper is Paper.INTERESTS else "Print or export the action log")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper")
        if meeting is None and paper is Paper.INTERESTS:
            self.paper.addItem("Register of interests", Paper.INTERESTS)
        elif meeting is None:
            self.paper.addItem(f"Action log{': ' + described if described else ''}", Paper.ACTION_LOG)
        for p in PAPERS if meeting is not None else ():
            label = {Paper.AGENDA: "Agenda", Paper.MINUTES: "Minutes" + (" (draft)" if not meeting.locked else ""),
                     Paper.ACTION_LOG: f"Action log of {meeting.body_name}",
                     Paper.INTERESTS: "Register of interests"}[p]
            self.paper.addItem(label, p)
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        for s in Session:
            self.session.addItem(f"{s.label} (for publication)" if s is Session.PUBLIC
                                 else f"{s.label} (marked PRIVATE - NOT FOR PUBLICATION)", s)
        self.session.setCurrentIndex(0 if meeting is None or meeting.session is Session.PUBLIC else 1)
        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for f in FileFormat:
            self.format.addItem(f.label, f)
        if meeting is None and paper is Paper.ACTION_LOG:
            self.format.addItem("CSV (a table, for a spreadsheet)", CSV)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("note")
        form = QFormLayout()
        form.addRow("&Paper", self.paper)
        form.addRow("&Session", self.session)
        form.addRow("F&ormat", self.format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(button("Save &as…", lambda: self.print_to_file()), QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{meeting.body_name}, {uk_date(meeting.meets_on)}" if meeting is not None
                         else "Members' declared interests, by person" if paper is Paper.INTERESTS
                         else "The action log, by owner, with overdue ageing")
        heading.setObjectName("subTitle")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        fit_small_screen(self, 560, 300)
        self.printed: tuple[str, Path] | None = None

    def choose(self, paper: Paper, session: Session, file_format: FileFormat | str) -> None:
        self.paper.setCurrentIndex(self.paper.findData(paper))
        self.session.setCurrentIndex(self.session.findData(session))
        self.format.setCurrentIndex(self.format.findData(file_format))

    def _target(self):
        paper = Paper(self.paper.currentData())
        if paper in (Paper.AGENDA, Paper.MINUTES):
            return self.meeting.id
        if paper is Paper.ACTION_LOG:
            from ..readmodels.papers import ActionLogFilter
            return self.action_filter or ActionLogFilter(body_id=self.meeting.body_id)
        return None

    def _format(self):
        data = self.format.currentData()
        return CSV if data == CSV else FileFormat(data)

    def default_name(self) -> str:
        paper, session, fmt = Paper(self.paper.currentData()), Session(self.session.currentData()), self._format()
        day = self.meeting.meets_on if self.meeting is not None else self.ops.register.queries.today()
        return f"{paper.value.replace('_', '-')}-{day:%Y-%m-%d}-{session.value}.{fmt if fmt == CSV else fmt.value}"

    def print_to_file(self, path: str | None = None) -> Path | None:
        fmt = self._format()
        if path is None:
            kinds = {FileFormat.PDF: "PDF (*.pdf)", FileFormat.DOCX: "Word (*.docx)", CSV: "CSV (*.csv)"}
            path, _ = QFileDialog.getSaveFileName(self, "Save the paper", str(Path.home() / self.default_name()),
                                                  kinds[fmt])
            if not path:
                return None
        from ..services.exporting import write_private
        from ..services.privacy import QuotesPrivate
        target = Path(path)
        self.message.setStyleSheet("color: #D5281B;")
        try:
            if fmt == CSV:
                papers = self.ops.register.papers
                table = papers.action_log_csv(papers.checked(Paper.ACTION_LOG, self._target(),
                                                             Session(self.session.currentData())))
                write_private(target, table)
                self.message.setStyleSheet("color: #007F3B;")
                self.message.setText(f"Exported the action log to {target}.")
                return target
            printed = self.ops.register.papers.print_paper(
                Paper(self.paper.currentData()), self._target(), Session(self.session.currentData()), fmt,
                write=lambda content: write_private(target, content))
        except QuotesPrivate as exc:
            if self.confirm_quotations(exc):
                return self.print_to_file(str(target))
            self.message.setText(f"The paper was not printed: {exc}")
            return None
        except PbpError as exc:
            self.message.setText(f"The paper was not printed: {exc}")
            self.ops.messages.append(self.message.text())
            return None
        except OSError as exc:
            said = plain_message(exc, str(target)) or str(exc)
            self.message.setText(f"The paper was not printed, and not recorded: {said}")
            self.ops.messages.append(self.message.text())
            return None
        self.ops.notify("pack")
        self.printed = (printed.reference, target)
        self.message.setStyleSheet("color: #007F3B;")
        self.message.setText(f"Printed {printed.reference} to {target}.")
        return target

    def confirm_quotations(self, exc) -> bool:
        places = "\n".join(f"• {q.describe()}" for q in exc.quotations[:20])
        box = QMessageBox(QMessageBox.Icon.Warning, "Public text quotes private records",
                          f"The public paper was not printed. These places quote a private record:\n\n{places}\n\n"
                          "Reword them, or confirm that they may be published.", parent=self)
        confirm = box.addButton("Confirm public…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Reword first", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not confirm:
            return False
        reason, ok = QInputDialog.getText(self, "Confirm public", "Why may these be published? (kept in the log)")
        if not ok or not reason.strip():
            return False
        for q in exc.quotations:
            self.ops.register.privacy.confirm(q, reason)
        self.ops.notify("disclosure")
        return True
