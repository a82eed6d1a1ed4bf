"""UI layer: the Packs screen - every assurance pack printed from this register."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ..table_model import Column
from ..widgets import Page, RowsTable, title_label

COLUMNS = [
    Column("Reference", lambda p: p.reference),
    Column("Meeting", lambda p: p.meeting_label or ""),
    Column("Session", lambda p: p.session.label),
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
        self.table = RowsTable(COLUMNS, name="packs")
        self.note = QLabel(objectName="note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Assurance packs"))
        layout.addWidget(self.note)
        layout.addWidget(self.table)

    def reload(self) -> None:
        rows = self.ops.read(self.ops.register.queries.packs, [])
        self.table.set_rows(rows)
        self.note.setText("Every pack printed from this register is kept, byte for byte, with the data it showed."
                          if rows else "No pack has been printed from this register yet.")
