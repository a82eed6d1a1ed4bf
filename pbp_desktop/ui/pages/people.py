"""UI layer: the People & boards screen - people, the boards and bodies with their reporting
lines, and who sits on each."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...domain.periods import uk_date
from ...domain.records import BODY, MEMBERSHIP, PERSON
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..table_model import Column
from ..widgets import Page, RowsTable, button, section_label, title_label

PEOPLE = [
    Column("Name", lambda p: p.name),
    Column("Role or title", lambda p: p.title or ""),
    Column("Organisation", lambda p: p.partner_name or ""),
    Column("Boards", lambda p: ", ".join(p.bodies)),
    Column("Email", lambda p: p.email or ""),
]
BODIES = [
    Column("Body", lambda b: b.name),
    Column("Short name", lambda b: b.short_name or ""),
    Column("Reports to", lambda b: b.reports_to_name or ""),
    Column("Members", lambda b: str(b.member_count), sort=lambda b: b.member_count, align_right=True),
]
MEMBERS = [
    Column("Member", lambda m: m.person_name),
    Column("Role", lambda m: m.role or ""),
    Column("Voting", lambda m: "Yes" if m.voting else "No"),
    Column("From", lambda m: uk_date(m.start_on)),
    Column("Until", lambda m: uk_date(m.end_on)),
]


class PeoplePage(Page):
    title = "People & boards"
    entities = frozenset({"person", "body", "membership", "partner"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.people = RowsTable(PEOPLE, name="people", stretch=1)
        self.people.row_activated.connect(self.edit_person)
        self.people.delete_requested.connect(self.archive_person)
        self.bodies = RowsTable(BODIES, name="boards and bodies", stretch=0)
        self.bodies.row_activated.connect(self.edit_body)
        self.bodies.row_selected.connect(lambda _: self._load_members())
        self.members = RowsTable(MEMBERS, name="members", stretch=0)
        self.members.delete_requested.connect(self.remove_member)

        people_tab = QWidget()
        pl = QVBoxLayout(people_tab)
        bar = QHBoxLayout()
        bar.addWidget(button("&Add person…", self.add_person))
        bar.addWidget(button("&Edit…", lambda: self.edit_person(self.people.current())))
        bar.addWidget(button("Archi&ve", lambda: self.archive_person(self.people.current())))
        bar.addWidget(button("&History…", lambda: self._history("person", self.people.current())))
        bar.addStretch(1)
        pl.addLayout(bar)
        pl.addWidget(self.people)

        bodies_tab = QWidget()
        bl = QVBoxLayout(bodies_tab)
        bar = QHBoxLayout()
        bar.addWidget(button("Add &body…", self.add_body))
        bar.addWidget(button("Edit body…", lambda: self.edit_body(self.bodies.current())))
        bar.addWidget(button("Add &member…", self.add_member))
        bar.addWidget(button("&Remove member", lambda: self.remove_member(self.members.current())))
        bar.addStretch(1)
        bl.addLayout(bar)
        split = QSplitter()
        split.addWidget(self.bodies)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.members_title = section_label("Members")
        rl.addWidget(self.members_title)
        rl.addWidget(self.members)
        split.addWidget(right)
        bl.addWidget(split)

        self.tabs = QTabWidget()
        self.tabs.addTab(people_tab, "&People")
        self.tabs.addTab(bodies_tab, "Boards and &bodies")
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("People & boards"))
        layout.addWidget(self.tabs)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        q = self.ops.register.queries
        self.people.set_rows(self.ops.read(q.people, []))
        self.bodies.set_rows(self.ops.read(q.bodies, []))
        self._load_members()

    def _load_members(self) -> None:
        body = self.bodies.current()
        self.members_title.setText(f"Members of {body.name}" if body else "Members (choose a body)")
        rows = self.ops.read(lambda: self.ops.register.queries.memberships(body_id=body.id), []) if body else []
        self.members.set_rows(rows)

    def _choices(self):
        q = self.ops.register.queries
        return {
            "partner_id": [(p.id, p.name) for p in self.ops.read(q.partners, [])],
            "reports_to_id": [(b.id, b.name) for b in self.ops.read(q.bodies, [])],
            "person_id": [(p.id, p.name) for p in self.ops.read(q.people, [])],
            "body_id": [(b.id, b.name) for b in self.ops.read(q.bodies, [])],
        }

    # ------------------------------------------------------------------ people

    def add_person(self) -> None:
        self.run_dialog(FormDialog("Add person", PERSON, lambda v: self.ops.execute(
            "Add person", lambda: self.ops.register.people.create_person(v), show_errors=False),
            choices=self._choices(), parent=self))

    def edit_person(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit {row.name}", PERSON, lambda v: self.ops.execute(
            f"Edit {row.name}", lambda: self.ops.register.people.update_person(row.id, v, row.version),
            show_errors=False), initial=initial_from(row, PERSON), choices=self._choices(), parent=self))

    def archive_person(self, row) -> None:
        if row is not None and self.ops.confirm("Archive person", f"Archive {row.name}?"):
            self.ops.execute(f"Archive {row.name}", lambda: self.ops.register.people.archive_person(row.id, row.version))

    # ------------------------------------------------------------------ bodies and members

    def add_body(self) -> None:
        self.run_dialog(FormDialog("Add board or body", BODY, lambda v: self.ops.execute(
            "Add body", lambda: self.ops.register.people.create_body(v), show_errors=False),
            choices=self._choices(), parent=self))

    def edit_body(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit {row.name}", BODY, lambda v: self.ops.execute(
            f"Edit {row.name}", lambda: self.ops.register.people.update_body(row.id, v, row.version),
            show_errors=False), initial=initial_from(row, BODY), choices=self._choices(), parent=self))

    def add_member(self) -> None:
        body = self.bodies.current()
        fields = [f for f in MEMBERSHIP if f.name != "body_id"] if body else list(MEMBERSHIP)
        title = f"Add a member of {body.name}" if body else "Add a member"

        def submit(v):
            values = {**v, "body_id": body.id} if body else v
            return self.ops.execute(title, lambda: self.ops.register.people.add_member(values), show_errors=False)
        self.run_dialog(FormDialog(title, fields, submit, choices=self._choices(), parent=self))

    def remove_member(self, row) -> None:
        if row is not None and self.ops.confirm("Remove member", f"Remove {row.person_name} from {row.body_name}?"):
            self.ops.execute(f"Remove {row.person_name}",
                             lambda: self.ops.register.people.remove_member(row.id, row.version))

    def _history(self, entity: str, row) -> None:
        if row is not None:
            show_history(self.ops, entity, row.id, row.name, self)
