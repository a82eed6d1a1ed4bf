"""UI layer: File > Import milestones - choose an Excel or CSV file of milestones (programme
reference, milestone, baseline, forecast and actual dates, status, reason for a moved forecast);
see every row with what will happen to it; then import all of it as one change (Edit > Undo
takes it back), or nothing if any row has a problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout

from ..domain.errors import PbpError
from ..domain.importing import RowAction
from ..domain.progress import Cancelled
from ..services.importing import MilestonePlan
from .import_dialog import show_plan
from .operations import programmes as programme_ops
from .ops import Ops
from .table_model import Column
from .widgets import RowsTable, button, fit_small_screen

ACTION_COLOUR = {RowAction.ERROR: QColor("#FDE8E6"), RowAction.NEW: QColor("#E6F3EA"),
                 RowAction.CHANGED: QColor("#FFF4D6")}
COLUMNS = [
    Column("Row", lambda r: str(r.row), sort=lambda r: r.row),
    Column("Programme", lambda r: r.programme),
    Column("Milestone", lambda r: r.title),
    Column("What will happen", lambda r: r.describe(), background=lambda r: ACTION_COLOUR.get(r.action)),
    Column("Column", lambda r: r.column if r.action is RowAction.ERROR else ""),
]


class MilestoneImportDialog(QDialog):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Import milestones")
        self.plan: MilestonePlan | None = None
        self.imported_batch: str | None = None
        self.file_label = QLabel("No file chosen")
        self.file_label.setObjectName("note")
        self.file_label.setWordWrap(True)
        intro = QLabel("An Excel workbook (its Milestones sheet) or a CSV file with the columns Programme, "
                       "Milestone, Baseline date, Forecast date, Actual date, Status and Reason for the change "
                       "(the Milestones sheet of an export reads back). Each row is checked first; nothing is "
                       "written until you press Import, and nothing at all if a row has a problem.")
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("subTitle")
        self.summary.setWordWrap(True)
        self.rows = RowsTable(COLUMNS, name="rows of the file", stretch=3)
        self.import_button = button("&Import", self.do_import)
        self.import_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(button("&Choose file…", lambda: self.choose_file()))
        bottom.addWidget(self.file_label, 1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(button("Close", self.reject))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addLayout(bottom)
        fit_small_screen(self, 900, 640)

    def choose_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import milestones", str(Path.home()),
                                                  "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)")
            if not path:
                return False
        chosen = Path(path)
        self.file_label.setText(str(chosen))
        return self.preview(chosen) is not None

    def _refuse(self, text: str) -> None:
        self.plan = None
        self.rows.set_rows([])
        self.summary.setStyleSheet("color: #D5281B;")
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def preview(self, path: Path) -> MilestonePlan | None:
        try:
            plan = programme_ops.plan_milestone_import(self.ops, self, path)
        except Cancelled:
            self._refuse("The preview was cancelled; nothing was read in.")
            return None
        except PbpError as exc:  # not a milestone file, unreadable, locked: said in words
            self._refuse(str(exc))
            return None
        self.plan = plan
        show_plan(plan, self.summary, self.rows, self.import_button, plan.source)
        if plan.unread:  # a column misspelt is not read: say so, rather than lose it quietly
            self.summary.setText(self.summary.text() + " Columns not read: " + ", ".join(plan.unread) + ".")
        return plan

    def do_import(self) -> bool:
        plan = self.plan
        if plan is None or plan.errors or not plan.writes:
            return False
        outcome = programme_ops.import_milestones(self.ops, plan)
        if not outcome.ok:
            if outcome.cancelled:
                self.summary.setStyleSheet("")
                self.summary.setText("The import was cancelled; nothing was written.")
            else:
                self._refuse("; ".join(e.message for e in outcome.errors) or "The import was refused; nothing was written.")
            return False
        self.imported_batch = outcome.changes.batch if outcome.changes else None
        self.summary.setStyleSheet("color: #007F3B;")
        self.summary.setText(f"Imported {len(plan.writes):,} milestone(s) from {plan.source} as one change: "
                             "Edit > Undo takes all of it back.")
        self.import_button.setEnabled(False)
        return True
