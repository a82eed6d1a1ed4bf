"""UI layer: the People & boards screen - people, the boards and bodies with their reporting
lines, and who sits on each."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...domain.periods import uk_date
from ...domain.records import BODY, MEMBERSHIP, PERSON, STANDING_ITEM
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..operations import people as ops_people
from ..table_model import Column
from ..widgets import Page, RowsTable, button, section_label, title_label

PEOPLE = [
    Column("Name", lambda p: ("[archived]  " if p.archived else "") + p.name, sort=lambda p: p.name.casefold()),
    Column("Role or title", lambda p: p.title or ""),
    Column("Organisation", lambda p: p.partner_name or ""),
    Column("Boards", lambda p: ", ".join(p.bodies)),
    Column("Email", lambda p: p.email or ""),
]
BODIES = [
    Column("Body", lambda b: ("[archived]  " if b.archived else "") + b.name, sort=lambda b: b.name.casefold()),
    Column("Short name", lambda b: b.short_name or ""),
    Column("Reports to", lambda b: b.reports_to_name or ""),
    Column("Members", lambda b: str(b.member_count), sort=lambda b: b.member_count, align_right=True),
]
TEMPLATE = [
    Column("Item", lambda i: i.title),
    Column("Kind", lambda i: i.kind.label),
    Column("Place", lambda i: "after the business" if i.after_business else "before the business"),
    Column("Purpose", lambda i: i.purpose.label if i.purpose else ""),
]
MEMBERS = [
    Column("Member", lambda m: m.person_name),
    Column("Standing", lambda m: m.standing.label),
    Column("Role", lambda m: m.role or ""),
    Column("Voting", lambda m: "Yes" if m.voting else "No"),
    Column("From", lambda m: uk_date(m.start_on)),
    Column("Until", lambda m: uk_date(m.end_on)),
]


class PeoplePage(Page):
    title = "People & boards"
    entities = frozenset({"person", "body", "membership", "partner", "standing_item"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.people = RowsTable(PEOPLE, name="people", stretch=1)
        self.people.row_activated.connect(self.edit_person)
        self.people.delete_requested.connect(self.archive_person)
        self.bodies = RowsTable(BODIES, name="boards and bodies", stretch=0)
        self.bodies.row_activated.connect(self.edit_body)
        self.bodies.row_selected.connect(lambda _: self._load_members())
        self.bodies.delete_requested.connect(self.archive_body)
        self.people.row_selected.connect(lambda _: self._update_restore())
        self.show_archived_people = QCheckBox("Show archived")
        self.show_archived_people.setAccessibleName("Show archived people")
        self.show_archived_people.toggled.connect(lambda _: self.reload())
        self.show_archived_bodies = QCheckBox("Show archived")
        self.show_archived_bodies.setAccessibleName("Show archived boards and bodies")
        self.show_archived_bodies.toggled.connect(lambda _: self.reload())
        self.members = RowsTable(MEMBERS, name="members", stretch=0)
        self.members.delete_requested.connect(self.remove_member)
        self.template = RowsTable(TEMPLATE, name="agenda template", stretch=1)
        self.template.row_activated.connect(self.edit_standing_item)
        self.template.delete_requested.connect(self.remove_standing_item)

        people_tab = QWidget()
        pl = QVBoxLayout(people_tab)
        bar = QHBoxLayout()
        bar.addWidget(button("&Add person…", self.add_person))
        bar.addWidget(button("E&dit…", lambda: self.edit_person(self.people.current())))
        self.archive_person_button = button("Ar&chive", lambda: self.archive_person(self.people.current()))
        bar.addWidget(self.archive_person_button)
        self.restore_person_button = button("Res&tore", lambda: self.restore_person(self.people.current()),
                                            tip="Bring an archived person back into the register's lists")
        bar.addWidget(self.restore_person_button)
        bar.addWidget(button("Hi&story…", lambda: self._history("person", self.people.current())))
        bar.addStretch(1)
        bar.addWidget(self.show_archived_people)
        pl.addLayout(bar)
        pl.addWidget(self.people)

        bodies_tab = QWidget()
        bl = QVBoxLayout(bodies_tab)
        bar = QHBoxLayout()
        bar.addWidget(button("Add &body…", self.add_body))
        bar.addWidget(button("Edit body…", lambda: self.edit_body(self.bodies.current())))
        self.archive_body_button = button("Archive body", lambda: self.archive_body(self.bodies.current()))
        bar.addWidget(self.archive_body_button)
        self.restore_body_button = button("Restore body", lambda: self.restore_body(self.bodies.current()),
                                          tip="Bring an archived board or body back into the register's lists")
        bar.addWidget(self.restore_body_button)
        bar.addWidget(button("Add &member…", self.add_member))
        bar.addWidget(button("&Remove member", lambda: self.remove_member(self.members.current())))
        bar.addStretch(1)
        bar.addWidget(self.show_archived_bodies)
        bl.addLayout(bar)
        split = QSplitter()
        split.addWidget(self.bodies)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.members_title = section_label("Members")
        rl.addWidget(self.members_title)
        rl.addWidget(self.members, 2)
        self.template_title = section_label("Agenda template")
        rl.addWidget(self.template_title)
        tbar = QHBoxLayout()
        tbar.addWidget(button("Add standing &item…", self.add_standing_item,
                              tip="An item every new agenda of this body starts with"))
        tbar.addWidget(button("Edit item…", lambda: self.edit_standing_item(self.template.current())))
        tbar.addWidget(button("Remove item", lambda: self.remove_standing_item(self.template.current())))
        self.standard_button = button("Use the standard &agenda", self.use_standard_template,
                                      tip="Apologies, declarations, minutes of the last meeting, action log; "
                                          "questions from the public, any other business, date of the next meeting")
        tbar.addWidget(self.standard_button)
        tbar.addStretch(1)
        rl.addLayout(tbar)
        rl.addWidget(self.template, 2)
        split.addWidget(right)
        bl.addWidget(split)

        self.tabs = QTabWidget()
        self.tabs.addTab(people_tab, "&People")
        self.tabs.addTab(bodies_tab, "Boards and &bodies")
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("People & boards"))
        layout.addWidget(self.tabs)

    # ------------------------------------------------------------------ loading

    def reload(self, *, soft: bool = False) -> None:
        q = self.ops.register.queries
        people = self.show_archived_people.isChecked()
        bodies = self.show_archived_bodies.isChecked()
        self.people.set_rows(self.ops.read(lambda: q.people(include_archived=people), []), soft=soft)
        self.bodies.set_rows(self.ops.read(lambda: q.bodies(include_archived=bodies), []), soft=soft)
        self._load_members(soft=soft)

    def _load_members(self, *, soft: bool = False) -> None:
        body = self.bodies.current()
        self.members_title.setText(f"Members of {body.name}" if body else "Members (choose a body)")
        rows = self.ops.read(lambda: self.ops.register.queries.memberships(body_id=body.id), []) if body else []
        self.members.set_rows(rows, soft=soft)
        items = self.ops.read(lambda: self.ops.register.queries.standing_items(body_id=body.id), []) if body else []
        self.template.set_rows(items, soft=soft)
        rules = []
        if body is not None:
            if body.quorum:
                rules.append(f"quorum {body.quorum}")
            if body.frequency:
                rules.append(f"meets {body.frequency.label.lower()}")
            rules.append("in public" if body.meets_in_public else "in private")
        self.template_title.setText(
            f"Agenda template of {body.name}" + (f" ({', '.join(rules)})" if rules else "")
            + ("" if items else ": none yet, so new meetings start from the standard agenda") if body
            else "Agenda template (choose a body)")
        self.standard_button.setEnabled(body is not None and not items)
        self._update_restore()

    def _update_restore(self) -> None:
        """Restore shows with 'Show archived', and works on an archived record; Archive on the others."""
        for restore, archive, box, table in (
                (self.restore_person_button, self.archive_person_button, self.show_archived_people, self.people),
                (self.restore_body_button, self.archive_body_button, self.show_archived_bodies, self.bodies)):
            row = table.current()
            archived = bool(row is not None and row.archived)
            restore.setVisible(box.isChecked())
            restore.setEnabled(archived)
            archive.setEnabled(not archived)

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
        self.run_dialog(FormDialog("Add person", PERSON, lambda v: ops_people.create_person(self.ops, v, parent=self),
                                   choices=self._choices(), parent=self))

    def edit_person(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit {row.name}", PERSON,
                                   lambda v: ops_people.update_person(self.ops, row, v, parent=self),
                                   initial=initial_from(row, PERSON), choices=self._choices(), parent=self))

    def archive_person(self, row) -> None:
        if row is not None and not row.archived and self.ops.confirm(
                "Archive person", f"Archive {row.name}? 'Show archived' shows them again, and Restore brings "
                                  "them back."):
            ops_people.archive_person(self.ops, row, parent=self)

    def restore_person(self, row) -> None:
        if row is not None and row.archived:
            ops_people.restore_person(self.ops, row, parent=self)

    # ------------------------------------------------------------------ bodies and members

    def add_body(self) -> None:
        self.run_dialog(FormDialog("Add board or body", BODY, lambda v: ops_people.create_body(self.ops, v, parent=self),
                                   choices=self._choices(), parent=self))

    def edit_body(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit {row.name}", BODY, lambda v: ops_people.update_body(self.ops, row, v, parent=self),
                                   initial=initial_from(row, BODY), choices=self._choices(), parent=self))

    def archive_body(self, row) -> None:
        if row is not None and not row.archived and self.ops.confirm(
                "Archive body", f"Archive {row.name}? Its meetings and members stay in the register; 'Show "
                                "archived' shows it again, and Restore brings it back."):
            ops_people.archive_body(self.ops, row, parent=self)

    def restore_body(self, row) -> None:
        if row is not None and row.archived:
            ops_people.restore_body(self.ops, row, parent=self)

    def add_member(self) -> None:
        body = self.bodies.current()
        fields = [f for f in MEMBERSHIP if f.name != "body_id"] if body else list(MEMBERSHIP)
        title = f"Add a member of {body.name}" if body else "Add a member"

        def submit(v):
            values = {**v, "body_id": body.id} if body else v
            return ops_people.add_member(self.ops, values, title=title, parent=self)
        self.run_dialog(FormDialog(title, fields, submit, choices=self._choices(), parent=self))

    def remove_member(self, row) -> None:
        if row is not None and self.ops.confirm("Remove member", f"Remove {row.person_name} from {row.body_name}?"):
            ops_people.remove_member(self.ops, row, parent=self)

    def _history(self, entity: str, row) -> None:
        if row is not None:
            show_history(self.ops, entity, row.id, row.name, self)

    # ------------------------------------------------------------------ the agenda template

    def add_standing_item(self) -> None:
        body = self.bodies.current()
        if body is None:
            return
        fields = [f for f in STANDING_ITEM if f.name not in ("body_id", "sort_order")]
        self.run_dialog(FormDialog(f"Standing item of {body.name}", fields,
                                   lambda v: ops_people.add_standing_item(self.ops, {**v, "body_id": body.id},
                                                                          parent=self),
                                   initial={"kind": "business"}, send_all=True, parent=self))

    def edit_standing_item(self, row) -> None:
        if row is None:
            return
        fields = [f for f in STANDING_ITEM if f.name not in ("body_id", "sort_order")]
        self.run_dialog(FormDialog(f"Edit standing item {row.title}", fields,
                                   lambda v: ops_people.update_standing_item(self.ops, row, v, parent=self),
                                   initial=initial_from(row, fields), parent=self))

    def remove_standing_item(self, row) -> None:
        if row is not None and self.ops.confirm(
                "Remove standing item", f"Remove '{row.title}' from the agenda template? Agendas already built "
                                        "keep it; Edit > Undo brings it back."):
            ops_people.delete_standing_item(self.ops, row, parent=self)

    def use_standard_template(self) -> None:
        body = self.bodies.current()
        if body is not None:
            ops_people.use_default_template(self.ops, body, parent=self)
