"""UI layer: the Partners screen - the alliance's members, their sectors and alliance roles."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from ...domain.periods import uk_date
from ...domain.records import PARTNER
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..table_model import Column
from ..widgets import Page, RowsTable, button, title_label

COLUMNS = [
    Column("Short name", lambda p: p.short_name or ""),
    Column("Partner", lambda p: p.name + ("  (host)" if p.is_host else "")),
    Column("Sector", lambda p: p.sector.label),
    Column("Alliance role", lambda p: p.alliance_role.label if p.alliance_role else ""),
    Column("Agreement", lambda p: (p.agreement_status.label if p.agreement_status else "")
           + (f" {uk_date(p.agreement_date)}" if p.agreement_date else "")),
    Column("Joined", lambda p: uk_date(p.joined_on), sort=lambda p: p.joined_on.toordinal() if p.joined_on else 0),
    Column("Left", lambda p: uk_date(p.left_on), sort=lambda p: p.left_on.toordinal() if p.left_on else 0),
    Column("Representatives", lambda p: ", ".join(p.representatives)),
]


class PartnersPage(Page):
    title = "Partners"
    entities = frozenset({"partner", "person"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.table = RowsTable(COLUMNS, name="partners", stretch=7)
        self.table.row_activated.connect(self.edit)
        self.table.delete_requested.connect(self.archive)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.toggled.connect(lambda _: self.reload())
        bar = QHBoxLayout()
        bar.addWidget(button("&Add partner…", self.add))
        bar.addWidget(button("&Edit…", lambda: self.edit(self.table.current())))
        bar.addWidget(button("Archi&ve", lambda: self.archive(self.table.current())))
        bar.addWidget(button("&History…", lambda: self.history(self.table.current())))
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Partners"))
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def reload(self) -> None:
        rows = self.ops.read(lambda: self.ops.register.queries.partners(
            include_archived=self.show_archived.isChecked()), [])
        self.table.set_rows(rows)

    def add(self) -> None:
        dialog = FormDialog("Add partner", PARTNER, lambda v: self.ops.execute(
            "Add partner", lambda: self.ops.register.partners.create(v), show_errors=False), parent=self)
        if self.run_dialog(dialog):
            self.table.select_id(dialog.outcome.changes.created_id("partner"))

    def edit(self, row) -> None:
        if row is None:
            return
        dialog = FormDialog(f"Edit {row.name}", PARTNER, lambda v: self.ops.execute(
            f"Edit {row.name}", lambda: self.ops.register.partners.update(row.id, v, row.version),
            show_errors=False), initial=initial_from(row, PARTNER), parent=self)
        self.run_dialog(dialog)

    def archive(self, row) -> None:
        if row is None or row.archived:
            return
        if self.ops.confirm("Archive partner", f"Archive {row.name}? It stays in the register's history and "
                                               "can be shown again with 'Show archived'."):
            self.ops.execute(f"Archive {row.name}", lambda: self.ops.register.partners.archive(row.id, row.version))

    def history(self, row) -> None:
        if row is not None:
            show_history(self.ops, "partner", row.id, row.name, self)
