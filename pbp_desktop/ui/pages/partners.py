"""UI layer: the Partners screen - the alliance's members, their sectors and alliance roles."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from ...domain.periods import uk_date
from ...domain.records import PARTNER
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..operations import partners as ops_partners
from ..table_model import Column
from ..widgets import Page, RowsTable, button, title_label

COLUMNS = [
    Column("Short name", lambda p: p.short_name or ""),
    Column("Partner", lambda p: ("[archived]  " if p.archived else "") + p.name + ("  (host)" if p.is_host else ""),
           sort=lambda p: p.name.casefold()),
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
        bar.addWidget(button("E&dit…", lambda: self.edit(self.table.current())))
        self.archive_button = button("Ar&chive", lambda: self.archive(self.table.current()))
        bar.addWidget(self.archive_button)
        self.restore_button = button("Res&tore", lambda: self.restore(self.table.current()),
                                     tip="Bring an archived partner back into the register's lists and packs")
        bar.addWidget(self.restore_button)
        bar.addWidget(button("Hi&story…", lambda: self.history(self.table.current())))
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Partners"))
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.table.row_selected.connect(self._on_table_row_selected)
        self._on_table_row_selected(None)

    def reload(self, *, soft: bool = False) -> None:
        rows = self.ops.read(lambda: self.ops.register.queries.partners(
            include_archived=self.show_archived.isChecked()), [])
        self.table.set_rows(rows, soft=soft)
        self._on_table_row_selected(self.table.current())

    def _on_table_row_selected(self, row) -> None:
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.restore_button.setEnabled(bool(row is not None and row.archived))
        self.archive_button.setEnabled(not (row is not None and row.archived))

    def add(self) -> None:
        dialog = FormDialog("Add partner", PARTNER, lambda v: ops_partners.create_partner(self.ops, v, parent=self),
                            parent=self)
        if self.run_dialog(dialog):
            self.table.select_id(dialog.outcome.changes.created_id("partner"))

    def edit(self, row) -> None:
        if row is None:
            return
        dialog = FormDialog(f"Edit {row.name}", PARTNER,
                            lambda v: ops_partners.update_partner(self.ops, row, v, parent=self),
                            initial=initial_from(row, PARTNER), parent=self)
        self.run_dialog(dialog)

    def archive(self, row) -> None:
        if row is None or row.archived:
            return
        if self.ops.confirm("Archive partner", f"Archive {row.name}? It stays in the register's history and "
                                               "can be shown again with 'Show archived', and restored."):
            ops_partners.archive_partner(self.ops, row, parent=self)

    def restore(self, row) -> None:
        """Bring an archived partner back (shown with 'Show archived'); Ctrl+Z archives it again."""
        if row is not None and row.archived:
            ops_partners.restore_partner(self.ops, row, parent=self)

    def history(self, row) -> None:
        if row is not None:
            show_history(self.ops, "partner", row.id, row.name, self)
