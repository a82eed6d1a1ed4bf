"""UI layer: the Register of interests screen - members' declared interests (NHS England, "Managing
Conflicts of Interest in the NHS"): whose, of which category, in which organisation or matter, and
from and to when. An interest withheld from the public register is marked so here and left out of
its public version."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout

from ...domain.periods import uk_date
from ...domain.records import INTEREST
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..operations import interests as ops_interests
from ..table_model import Column
from ..widgets import Page, RowsTable, button, title_label

COLUMNS = [
    Column("Person", lambda i: i.person_name, sort=lambda i: i.person_name.casefold()),
    Column("Category", lambda i: i.category.label),
    Column("Organisation or matter", lambda i: ("[withheld]  " if i.confidential else "") + i.organisation,
           sort=lambda i: i.organisation.casefold()),
    Column("Nature", lambda i: i.description or "", tooltip=lambda i: i.description or ""),
    Column("From", lambda i: uk_date(i.from_on), sort=lambda i: i.from_on.toordinal() if i.from_on else 0),
    Column("To", lambda i: uk_date(i.to_on), sort=lambda i: i.to_on.toordinal() if i.to_on else 0),
]


class InterestsPage(Page):
    title = "Interests"
    entities = frozenset({"interest", "person", "partner"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.table = RowsTable(COLUMNS, name="interests", stretch=2)
        self.table.row_activated.connect(self.edit)
        self.table.delete_requested.connect(self.delete)
        self.current_only = QCheckBox("Current interests only")
        self.current_only.toggled.connect(lambda _: self.reload())
        bar = QHBoxLayout()
        bar.addWidget(button("&Add interest…", self.add))
        bar.addWidget(button("E&dit…", lambda: self.edit(self.table.current())))
        bar.addWidget(button("De&lete…", lambda: self.delete(self.table.current())))
        bar.addWidget(button("Hi&story…", lambda: self.history(self.table.current())))
        bar.addWidget(button("&Print the register…", self.print_register,
                             tip="The register of interests as a paper: the public version leaves out those withheld"))
        bar.addStretch(1)
        bar.addWidget(self.current_only)
        note = QLabel("Interests marked [withheld] stay out of the public register of interests. Declarations "
                      "made at a meeting are recorded on the Meetings screen, against the item.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Register of interests"))
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def reload(self, *, soft: bool = False) -> None:
        rows = self.ops.read(self.ops.register.queries.interests, [])
        if self.current_only.isChecked():
            today = self.ops.register.queries.today()
            rows = [r for r in rows if r.current_on(today)]
        self.table.set_rows(rows, soft=soft)

    def _choices(self) -> dict:
        q = self.ops.register.queries
        return {"person_id": [(p.id, p.name) for p in self.ops.read(q.people, [])],
                "partner_id": [(p.id, p.name) for p in self.ops.read(q.partners, [])]}

    def add(self) -> None:
        dialog = FormDialog("Add a declared interest", INTEREST,
                            lambda v: ops_interests.add_interest(self.ops, v, parent=self),
                            choices=self._choices(), send_all=True, parent=self)
        if self.run_dialog(dialog) and dialog.outcome and dialog.outcome.ok and dialog.outcome.changes:
            self.table.select_id(dialog.outcome.changes.created_id("interest"))

    def edit(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit the interest of {row.person_name}", INTEREST,
                                   lambda v: ops_interests.update_interest(self.ops, row, v, parent=self),
                                   initial=initial_from(row, INTEREST), choices=self._choices(), parent=self))

    def delete(self, row) -> None:
        if row is not None and self.ops.confirm(
                "Delete interest", f"Delete the interest of {row.person_name} in {row.organisation}? "
                                   "Edit > Undo brings it back."):
            ops_interests.delete_interest(self.ops, row, parent=self)

    def print_register(self) -> None:
        from ...domain.enums import FileFormat, Paper, Session
        from ..papers_dialog import PapersDialog
        dialog = PapersDialog(self.ops, None, self, paper=Paper.INTERESTS)
        dialog.choose(Paper.INTERESTS, Session.PUBLIC, FileFormat.PDF)
        self.run_dialog(dialog)

    def history(self, row) -> None:
        if row is not None:
            show_history(self.ops, "interest", row.id, f"{row.person_name}: {row.organisation}", self)
