"""UI layer: File > Import actuals - choose a file; for a table that is neither the template nor
a Fingertips download, say which columns hold the period and the value and which filter the
rows (saved as a named profile); see every row with what will happen to it; then import all of
it as one change (Edit > Undo takes it back), or nothing if any row has a problem."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..domain.errors import PbpError
from ..domain.importing import Format, Profile, RowAction
from ..domain.progress import Cancelled
from ..services.importing import ImportPlan, read_table
from .operations import outcomes as outcome_ops
from .operations import register as register_ops
from .ops import Ops
from .table_model import Column
from .widgets import RowsTable, button, fit_small_screen

ACTION_COLOUR = {RowAction.ERROR: QColor("#FDE8E6"), RowAction.NEW: QColor("#E6F3EA"),
                 RowAction.CHANGED: QColor("#FFF4D6")}
COLUMNS = [
    Column("Row", lambda r: str(r.row), sort=lambda r: r.row),
    Column("Indicator", lambda r: r.indicator_code),
    Column("Period", lambda r: r.period),
    Column("What will happen", lambda r: r.describe(), background=lambda r: ACTION_COLOUR.get(r.action)),
    Column("Column", lambda r: r.column if r.action in (RowAction.ERROR, RowAction.SKIPPED) else ""),
]


class ImportDialog(QDialog):
    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("Import actuals")
        self.plan: ImportPlan | None = None
        self.path: Path | None = None
        self.headers: list[str] = []
        self.imported_batch: str | None = None
        self.needs_mapping = False
        self.file_label = QLabel("No file chosen", objectName="note")
        self.file_label.setWordWrap(True)
        # the mapping step, for tables that are neither the template nor a Fingertips download
        self.mapping = QGroupBox("Which columns hold what (for this kind of table)")
        self.profile = QComboBox(accessibleName="Saved import profile")
        self.profile.currentIndexChanged.connect(self._on_profile_chosen)
        self.profile_name = QLineEdit(placeholderText="name it to reuse next month", accessibleName="Profile name")
        self.indicator = QComboBox(accessibleName="Indicator the values are for")
        self.period_column = QComboBox(accessibleName="Period column")
        self.value_column = QComboBox(accessibleName="Value column")
        self.wide = QCheckBox("Wide table: each period is a column")
        self.filter_column = QComboBox(accessibleName="Filter column")
        self.filter_value = QLineEdit(placeholderText="e.g. E08000028 or Sandwell", accessibleName="Filter value")
        # two columns, so that the mapping leaves the rows table room on a small screen
        for combo in (self.profile, self.indicator, self.period_column, self.value_column, self.filter_column):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        columns = QHBoxLayout(self.mapping)
        form = QFormLayout()
        form.addRow("Saved profile", self.profile)
        form.addRow("Indicator", self.indicator)
        form.addRow("Save as profile", self.profile_name)
        columns.addLayout(form, 1)
        form = QFormLayout()
        form.addRow("Period column", self.period_column)
        form.addRow("Value column", self.value_column)
        row = QHBoxLayout()
        row.addWidget(self.filter_column)
        row.addWidget(QLabel("="))
        row.addWidget(self.filter_value)
        form.addRow("Only rows where", row)
        form.addRow("", self.wide)
        columns.addLayout(form, 1)
        self.mapping.hide()
        self.summary = QLabel(objectName="subTitle")
        self.summary.setWordWrap(True)
        self.rows = RowsTable(COLUMNS, name="rows of the file", stretch=3)
        self.import_button = button("&Import", self.do_import)
        self.import_button.setEnabled(False)
        bottom = QHBoxLayout()  # one row of buttons, with the file chosen: room for the rows on a small screen
        bottom.addWidget(button("&Choose file…", lambda: self.choose_file()))
        bottom.addWidget(self.file_label, 1)
        bottom.addWidget(button("&Preview", self.preview))
        bottom.addWidget(self.import_button)
        bottom.addWidget(button("Close", self.reject))
        layout = QVBoxLayout(self)
        layout.addWidget(self.mapping)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addLayout(bottom)
        fit_small_screen(self, 980, 720)

    # ------------------------------------------------------------------ choosing

    def choose_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import actuals", str(Path.home()),
                                                  "Tables (*.csv *.xlsx);;All files (*)")
            if not path:
                return False
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        try:
            self.headers, _ = read_table(self.path)
        except PbpError as exc:
            self._show_refusal(str(exc))
            return False
        from ..domain.importing import detect
        self.needs_mapping = detect(self.headers) is Format.MAPPED
        self.mapping.setVisible(self.needs_mapping)
        if self.needs_mapping:
            self._fill_mapping()
        self.preview()
        return True

    def _fill_mapping(self) -> None:
        q = self.ops.register.queries
        self.indicator.clear()
        for o in self.ops.read(q.outcome_tree, []):
            for j in o.objectives:
                for i in j.indicators:
                    if i.code:
                        self.indicator.addItem(f"{i.code}  {i.name}", i.code)
        for combo in (self.period_column, self.value_column, self.filter_column):
            combo.clear()
        self.filter_column.addItem("(no filter)", "")
        for h in self.headers:
            self.period_column.addItem(h, h)
            self.value_column.addItem(h, h)
            self.filter_column.addItem(h, h)
        for combo, guesses in ((self.period_column, ("period", "time period", "date", "month")),
                               (self.value_column, ("value", "total", "count", "rate"))):
            for i, h in enumerate(self.headers):
                if h.strip().lower() in guesses:
                    combo.setCurrentIndex(i)
                    break
        self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItem("(none)", None)
        for p in self.ops.read(self.ops.register.imports.profiles, []):
            self.profile.addItem(p.name, p)
        self.profile.blockSignals(False)

    def _on_profile_chosen(self, _index: int) -> None:
        p: Profile | None = self.profile.currentData()
        if p is None:
            return
        self.indicator.setCurrentIndex(max(self.indicator.findData(p.indicator_code), 0))
        self.period_column.setCurrentIndex(max(self.period_column.findData(p.period_column), 0))
        self.value_column.setCurrentIndex(max(self.value_column.findData(p.value_column), 0))
        self.wide.setChecked(p.wide)
        column, value = next(iter(p.filters.items()), ("", ""))
        self.filter_column.setCurrentIndex(max(self.filter_column.findData(column), 0))
        self.filter_value.setText(value)
        self.profile_name.setText(p.name)

    def current_profile(self) -> Profile | None:
        if not self.needs_mapping:
            return None
        column = self.filter_column.currentData()
        filters = {column: self.filter_value.text().strip()} if column else {}
        return Profile(self.profile_name.text().strip() or "unsaved", self.indicator.currentData() or "",
                       value_column=self.value_column.currentData() or "",
                       period_column=self.period_column.currentData() or "", wide=self.wide.isChecked(),
                       filters=filters)

    # ------------------------------------------------------------------ preview and import

    def _show_refusal(self, text: str) -> None:
        self.plan = None
        self.rows.set_rows([])
        self.summary.setStyleSheet("color: #D5281B;")
        self.summary.setText(text)
        self.import_button.setEnabled(False)

    def preview(self) -> ImportPlan | None:
        if self.path is None:
            return None
        try:  # a file of a whole system's figures takes seconds: off the window's thread, with Cancel
            plan = outcome_ops.plan_import(self.ops, self, self.path, self.current_profile())
        except Cancelled:
            self._show_refusal("The preview was cancelled; nothing was read in.")
            return None
        except PbpError as exc:
            self._show_refusal(str(exc))
            return None
        self.plan = plan
        show_plan(plan, self.summary, self.rows, self.import_button, f"{plan.source} ({plan.format.value})")
        return plan

    def do_import(self) -> bool:
        if self.plan is None or self.plan.errors or not self.plan.writes:
            return False
        profile = self.current_profile()
        plan = self.plan
        outcome = outcome_ops.import_actuals(self.ops, plan)
        if not outcome.ok:
            if outcome.cancelled:  # nothing was written
                self.summary.setStyleSheet("")
                self.summary.setText("The import was cancelled; nothing was written.")
            elif outcome.errors:
                self._show_refusal("; ".join(e.message for e in outcome.errors))
            return False
        self.imported_batch = outcome.changes.batch
        if profile is not None and self.profile_name.text().strip():
            self.ops.read(partial(self.ops.register.imports.save_profile, profile), None)
        self.summary.setStyleSheet("color: #007F3B;")
        self.summary.setText(f"Imported {len(plan.writes):,} actual(s) from {plan.source} as one change: "
                             "Edit > Undo takes all of it back.")
        self.import_button.setEnabled(False)
        return True


def show_plan(plan, summary: QLabel, rows: RowsTable, import_button, source: str) -> None:
    """An import's plan on its dialog (actuals or milestones): every row, or only the rows with a
    problem and why nothing can be imported; the Import button on only when there is something to
    write and no problem."""
    rows.set_rows(plan.rows)
    if plan.errors:
        summary.setStyleSheet("color: #D5281B;")
        n = len(plan.errors)
        summary.setText(f"{plan.source}: {plan.summary()}. Nothing can be imported while "
                        + ("a row has a problem; it is listed below with its row, column and reason."
                           if n == 1 else f"{n:,} rows have problems; each is listed below with its row, "
                           "column and reason."))
        rows.proxy.set_predicate(lambda r: r.action is RowAction.ERROR)
    else:
        summary.setStyleSheet("")
        nothing = plan.nothing_to_import()
        summary.setText(f"Nothing to import: {nothing}" if nothing else
                        f"{source}: {plan.summary()}. Nothing is written until you press Import.")
        rows.proxy.set_predicate(None)
    import_button.setEnabled(bool(plan.writes) and not plan.errors)


# ---------------------------------------------------------------------- named operations


def ask_export(parent, ops: Ops) -> Path | None:
    path, chosen = QFileDialog.getSaveFileName(parent, "Export the register", str(Path.home() / "register.xlsx"),
                                               "Excel workbook (*.xlsx);;JSON, the whole register (*.json);;"
                                               "CSV files, a folder (*)")
    if not path:
        return None
    return register_ops.export_to(ops, Path(path), "json" if chosen.startswith("JSON") else "csv" if chosen.startswith("CSV") else "xlsx")
