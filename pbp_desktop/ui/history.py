"""UI layer: the change history of one record, or of the whole register, filterable."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from ..domain.registers import field_label, kinds, label
from ..readmodels import ChangeRow
from .table_model import Column
from .widgets import RowsTable, fit_small_screen


def shown(entity: str, field: str | None, value: str | None) -> str:
    """A stored value as the screens show it: a date as 31/01/2027, a choice by its label
    ("In progress"), yes or no, a linked record named by its kind ("person 12")."""
    if value is None:
        return ""
    kind = kinds().get(entity)
    spec = next((f for f in kind.fields if f.name == field), None) if kind and field else None
    if spec is None:
        return value
    try:
        if spec.kind == "date":
            return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        if spec.kind == "enum" and spec.enum is not None:
            member = spec.enum(value)
            return getattr(member, "label", value)
        if spec.kind == "bool":
            return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(value.lower(), value)
        if spec.kind == "ref" and spec.ref and value.isdigit():
            return f"{label(spec.ref)} {value}"
    except ValueError:  # a value stored before a rule changed: shown as stored
        return value
    return value


COLUMNS = [
    Column("When (UTC)", lambda c: c.at.strftime("%d/%m/%Y %H:%M:%S"), sort=lambda c: c.id),
    Column("Who", lambda c: c.user),
    Column("Command", lambda c: c.command.replace("_", " ")),
    Column("Record", lambda c: f"{label(c.entity)} {c.entity_id}"),
    Column("Change", lambda c: c.change.label),
    Column("Field", lambda c: field_label(c.entity, c.field)),
    Column("Old value", lambda c: shown(c.entity, c.field, c.old_value)),
    Column("New value", lambda c: shown(c.entity, c.field, c.new_value)),
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
