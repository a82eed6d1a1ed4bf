"""UI layer: the Actions screen - the action log with filters and search, overdue rows marked in
words as well as colour, completion (on a date, with a closing note) and dated updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import ActionStatus
from ...domain.periods import uk_date
from ...domain.records import ACTION
from ...readmodels import ActionFilter
from ..action_dialogs import UPDATE_FIELDS, add_update, complete_action
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..operations import actions as ops_actions
from ..table_model import Column
from ..widgets import Page, RowsTable, button, section_label, title_label

OVERDUE_BG = QColor("#FDE8E6")


def _status(a) -> str:
    if a.overdue:
        return f"⚠ OVERDUE ({a.days_overdue:,} days) · {a.status.label}"
    return a.status.label


COLUMNS = [  # key: how the register sorts the log by the column (it is paged from the register)
    Column("Ref", lambda a: a.reference, background=lambda a: OVERDUE_BG if a.overdue else None, key="reference"),
    Column("Action", lambda a: a.description + ("  [confidential]" if a.confidential else ""),
           tooltip=lambda a: a.description, background=lambda a: OVERDUE_BG if a.overdue else None,
           key="description"),
    Column("Owner", lambda a: a.owner_name, background=lambda a: OVERDUE_BG if a.overdue else None, key="owner"),
    Column("Due", lambda a: uk_date(a.due_on), sort=lambda a: a.due_on,
           background=lambda a: OVERDUE_BG if a.overdue else None, key="due"),
    Column("Status", _status, sort=lambda a: (-a.days_overdue, a.status.value),
           foreground=lambda a: QColor("#D5281B") if a.overdue else None,
           background=lambda a: OVERDUE_BG if a.overdue else None, key="status"),
    Column("Raised at", lambda a: a.meeting_label or "", background=lambda a: OVERDUE_BG if a.overdue else None,
           key="meeting"),
    Column("Completed", lambda a: uk_date(a.completed_on), background=lambda a: OVERDUE_BG if a.overdue else None,
           key="completed"),
]


class _LogSource:
    """The action log as the paged table asks for it: the page's filters plus the search box."""

    def __init__(self, ops, base: ActionFilter):
        self.ops, self.base = ops, base
        self._everything: int | None = None

    def __call__(self, search: str, key: str | None, descending: bool, offset: int, limit: int) -> list:
        f = replace(self.base, search=search)
        return self.ops.read(lambda: self.ops.register.queries.action_page(
            f, sort=key or "due", descending=descending, offset=offset, limit=limit), [])

    def first(self, search: str, key: str | None, descending: bool, limit: int) -> tuple[list, int]:
        f = replace(self.base, search=search)
        return self.ops.read(lambda: self.ops.register.queries.action_first_page(
            f, sort=key or "due", descending=descending, limit=limit), ([], 0))

    def everything(self) -> int:
        if self._everything is None:
            self._everything = self.ops.read(self.ops.register.queries.action_count, 0)
        return self._everything
UPDATES = [
    Column("Date", lambda u: uk_date(u.written_on), sort=lambda u: u.written_on),
    Column("Update", lambda u: u.text, tooltip=lambda u: u.text),
    Column("By", lambda u: u.author or ""),
]


class ActionsPage(Page):
    title = "Actions"
    entities = frozenset({"action", "action_update", "person", "meeting", "agenda_item", "partner", "disclosure"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.owner = QComboBox(accessibleName="Owner filter")
        self.status = QComboBox(accessibleName="Status filter")
        self.status.addItem("Any status", None)
        self.status.addItem("Not complete", "open_any")
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        self.meeting = QComboBox(accessibleName="Meeting filter")
        self.overdue_only = QCheckBox("&Overdue only")
        self.due_soon = QCheckBox("Due in the next 14 days")
        self.due_soon.setToolTip("Actions not complete that fall due within a fortnight (and those overdue)")
        for w in (self.owner, self.status, self.meeting):
            w.currentIndexChanged.connect(lambda _: self._apply_filters())
        self.overdue_only.toggled.connect(lambda _: self._apply_filters())
        self.due_soon.toggled.connect(lambda _: self._apply_filters())
        self.table = RowsTable(COLUMNS, name="actions", paged=True)
        self.table.row_activated.connect(self.edit)
        self.table.row_selected.connect(self._show_updates)
        self.table.delete_requested.connect(self.delete)
        self.updates = RowsTable(UPDATES, name="updates")
        self.updates.row_activated.connect(self.edit_update)
        self.updates.delete_requested.connect(self.remove_update)
        self.updates_title = section_label("Updates")
        self.detail = QLabel(objectName="note")
        self.detail.setWordWrap(True)
        filters = QHBoxLayout()
        for label, w in (("Owner", self.owner), ("Status", self.status), ("Meeting", self.meeting)):
            lab = QLabel(label)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w, 1)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.due_soon)
        bar = QHBoxLayout()
        bar.addWidget(button("&Add action…", self.add))
        bar.addWidget(button("E&dit…", lambda: self.edit(self.table.current())))
        bar.addWidget(button("Mark &complete", lambda: self.complete(self.table.current())))
        bar.addWidget(button("Add &update…", lambda: self.add_update(self.table.current())))
        bar.addWidget(button("De&lete", lambda: self.delete(self.table.current())))
        bar.addWidget(button("Hi&story…", lambda: self.history(self.table.current())))
        bar.addWidget(button("Print or e&xport…", self.print_log,
                             tip="The actions shown (by owner, with overdue ageing) as a paper (PDF or Word, "
                                 "recorded) or a CSV table"))
        self.publish_button = button("&Publish…", lambda: self.publish(self.table.current()))
        self.publish_button.setToolTip("Show an action raised in private in public papers, on purpose (logged)")
        bar.addWidget(self.publish_button)
        bar.addStretch(1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.updates_title)
        bl.addWidget(self.detail)
        bl.addWidget(self.updates)
        ubar = QHBoxLayout()
        ubar.addWidget(button("Edit update…", lambda: self.edit_update(self.updates.current())))
        ubar.addWidget(button("Remove update", lambda: self.remove_update(self.updates.current())))
        ubar.addStretch(1)
        bl.addLayout(ubar)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        split.setSizes([500, 220])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Actions"))
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------------ loading

    def reload(self, *, soft: bool = False) -> None:
        q = self.ops.register.queries
        self._fill(self.owner, "Any owner", self.ops.read(q.action_owners, []))
        self._fill(self.meeting, "Any meeting", [(m.id, m.label) for m in self.ops.read(q.meetings, [])])
        self._apply_filters(soft=soft)

    @staticmethod
    def _fill(combo: QComboBox, any_text: str, items) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, None)
        for ident, text in items:
            combo.addItem(text, ident)
        idx = combo.findData(keep)
        combo.setCurrentIndex(max(idx, 0))
        combo.blockSignals(False)

    def _apply_filters(self, *, soft: bool = False) -> None:
        due_by, status = None, self.status.currentData()
        if self.due_soon.isChecked():
            due_by = self.ops.read(self.ops.register.queries.today, None)
            due_by = due_by + timedelta(days=14) if due_by else None
            status = status or "open_any"
        self.table.set_source(_LogSource(self.ops, ActionFilter(
            owner_id=self.owner.currentData(), status=status, meeting_id=self.meeting.currentData(),
            overdue_only=self.overdue_only.isChecked(), due_by=due_by)), soft=soft)
        self._show_updates(self.table.current(), soft=soft)

    def _show_updates(self, a, *, soft: bool = False) -> None:
        if a is None:
            self.updates_title.setText("Updates")
            self.detail.setText("Choose an action to see its dated updates.")
            self.updates.set_rows([])
            return
        a = self.ops.read(lambda: self.ops.register.queries.action(a.id), None) or a  # with its updates
        self.updates_title.setText(f"Updates on {a.reference}")
        where = f"Raised at {a.meeting_label}" + (f", item {a.agenda_item_label}" if a.agenda_item_label else "") \
            if a.meeting_label else "Not raised at a meeting"
        privacy = self.ops.read(lambda: self.ops.register.privacy.why_private("action", a.id), None)
        published = bool(privacy and privacy.startswith("published on purpose"))
        self.publish_button.setText("Withdraw &publication…" if published else "&Publish…")
        self.publish_button.setEnabled(bool(privacy) and privacy != "marked confidential")
        public = ("Public papers: " + (privacy if published else f"kept out ({privacy})")) if privacy \
            else "Public papers: shown"
        self.detail.setText(f"{a.description}\n{where}. Owner {a.owner_name}"
                            f"{' (' + a.owner_partner_name + ')' if a.owner_partner_name else ''}; due {uk_date(a.due_on)}."
                            f"\n{public}.")
        self.updates.set_rows(list(reversed(a.updates)), soft=soft)

    # ------------------------------------------------------------------ commands

    def _choices(self) -> dict:
        q = self.ops.register.queries
        tree = self.ops.read(q.outcome_tree, [])
        return {
            "owner_id": [(p.id, p.name) for p in self.ops.read(q.people, [])],
            "owner_partner_id": [(p.id, p.name) for p in self.ops.read(q.partners, [])],
            "meeting_id": [(m.id, m.label) for m in self.ops.read(q.meetings, [])],
            "risk_id": [(r.id, f"{r.reference} {r.title}") for r in self.ops.read(q.risks, [])],
            "objective_id": [(j.id, f"{j.reference} {j.title}") for o in tree for j in o.objectives],
        }

    def _fields(self):
        return [f for f in ACTION if f.name != "agenda_item_id"]

    def add(self) -> None:
        dialog = FormDialog("Add action", self._fields(), lambda v: ops_actions.create_action(self.ops, v, parent=self),
                            choices=self._choices(), initial={"status": "open"}, send_all=True,
                            draft_scope="action:new", parent=self)
        if self.run_dialog(dialog) and dialog.outcome and dialog.outcome.ok:
            self.table.select_id(dialog.outcome.changes.created_id("action"))

    def edit(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit action {row.reference}", self._fields(),
                                   lambda v: ops_actions.update_action(self.ops, row, v, parent=self),
                                   initial=initial_from(row, self._fields()), choices=self._choices(),
                                   draft_scope=f"action:{row.id}:edit", parent=self))

    def complete(self, row) -> None:
        complete_action(self, row)

    def add_update(self, row) -> None:
        add_update(self, row)

    def edit_update(self, update) -> None:
        """Correct a dated update (its date or words); logged and undone like any edit."""
        if update is None:
            return
        self.run_dialog(FormDialog(
            f"Edit the update of {uk_date(update.written_on)}", UPDATE_FIELDS,
            lambda v: ops_actions.edit_update(self.ops, update, v, parent=self),
            initial={"written_on": update.written_on, "text": update.text}, send_all=True,
            draft_scope=f"action_update:{update.id}:edit", parent=self))
        self._show_updates(self.table.current(), soft=True)

    def remove_update(self, update) -> None:
        if update is not None and self.ops.confirm(
                "Remove update", f"Remove the update of {uk_date(update.written_on)}? (Ctrl+Z puts it back.)"):
            ops_actions.delete_update(self.ops, update, parent=self)
            self._show_updates(self.table.current(), soft=True)

    def publish(self, row) -> None:
        """Publish an action the rule keeps private only by where it was raised (or withdraw
        that): a deliberate choice with its reason, kept in the register's log."""
        if row is None:
            return
        existing = self.ops.read(lambda: self.ops.register.privacy.disclosure_of("action", row.id), None)
        if existing is not None:
            if self.ops.confirm("Withdraw publication", f"Keep action {row.reference} out of public papers again?"):
                ops_actions.withdraw_publication(self.ops, row, existing, parent=self)
        else:
            reason, ok = self.ask_text("Publish action", f"Action {row.reference} was raised in private business. "
                                       "Why may public papers show it? (kept in the register's log)")
            if ok and reason.strip():
                ops_actions.publish_action(self.ops, row, reason, parent=self)
        self._show_updates(row)

    def ask_text(self, title: str, label: str) -> tuple[str, bool]:
        from PySide6.QtWidgets import QInputDialog
        return QInputDialog.getText(self, title, label)

    def delete(self, row) -> None:
        if row is not None and self.ops.confirm("Delete action", f"Delete action {row.reference}? "
                                                "Consider 'cancelled' instead, which keeps it in the log."):
            ops_actions.delete_action(self.ops, row, parent=self)

    def print_log(self) -> None:
        """The action log as filtered here (owner, overdue, due within 14 days), by owner."""
        from ...readmodels.papers import ActionLogFilter
        from ..papers_dialog import PapersDialog
        f = ActionLogFilter(owner_id=self.owner.currentData(), overdue_only=self.overdue_only.isChecked(),
                            due_within_days=14 if self.due_soon.isChecked() else None)
        said = ", ".join(x for x in (self.owner.currentText() if f.owner_id else "",
                                     "overdue" if f.overdue_only else "",
                                     "due within 14 days" if f.due_within_days else "") if x) or "all open actions"
        self.run_dialog(PapersDialog(self.ops, None, self, action_filter=f, described=said))

    def history(self, row) -> None:
        if row is not None:
            show_history(self.ops, "action", row.id, f"action {row.reference}", self)
