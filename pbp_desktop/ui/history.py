"""UI layer: the change history of one record, or of the whole register, filterable."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from ..domain.registers import field_label, label
from ..readmodels import ChangeRow
from .table_model import Column
from .widgets import RowsTable, fit_small_screen

COLUMNS = [
    Column("When (UTC)", lambda c: c.at.strftime("%d/%m/%Y %H:%M:%S"), sort=lambda c: c.id),
    Column("Who", lambda c: c.user),
    Column("Command", lambda c: c.command.replace("_", " ")),
    Column("Record", lambda c: f"{label(c.entity)} {c.entity_id}"),
    Column("Change", lambda c: c.change.label),
    Column("Field", lambda c: field_label(c.entity, c.field)),
    Column("Old value", lambda c: c.old_value or ""),
    Column("New value", lambda c: c.new_value or ""),
]


class HistoryDialog(QDialog):
    def __init__(self, rows: list[ChangeRow], title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table = RowsTable(COLUMNS, name="changes", stretch=7)
        self.table.set_rows(rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_small_screen(self, 980, 520)


def show_history(ops, entity: str | None, entity_id: int | None, name: str, parent=None) -> HistoryDialog:
    rows = ops.read(lambda: ops.register.queries.change_log(entity=entity, entity_id=entity_id), [])
    dialog = HistoryDialog(rows, f"History of {name}", parent)
    dialog.open()
    return dialog
