"""UI layer: the Meetings screen's tabs beside the agenda. Attendance in one view (every member
of the body on the day, present, apologies or absent, with others in attendance; the chair; the
quorum, with a warning when the meeting is not quorate), declarations of interest with the ones
the register of interests suggests for each item, and the body's actions carried forward, whose
updates and completion land on the actions themselves. Every change is one command, saved as it
is made, so nothing typed waits to be lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import AttendanceRole
from ..domain.periods import uk_date
from ..domain.records import ATTENDANCE, DECLARATION
from .action_dialogs import add_update, complete_action
from .forms import FormDialog, initial_from
from .operations import meetings as ops_meetings
from .table_model import Column
from .widgets import RowsTable, button, keyboard_view, section_label

NOT_RECORDED = "—"
CHOICES = [(None, NOT_RECORDED), (AttendanceRole.PRESENT, "Present"), (AttendanceRole.APOLOGIES, "Apologies"),
           (AttendanceRole.ABSENT, "Absent"), (AttendanceRole.IN_ATTENDANCE, "In attendance")]


class AttendancePanel(QWidget):
    """The attendance sheet: one row a person, a choice and a capacity each, saved as chosen."""

    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        self.sheet = None
        self.meeting = None
        self.quorum = QLabel()
        self.quorum.setObjectName("subTitle")
        self.quorum.setWordWrap(True)
        self.chair = QComboBox()
        self.chair.setAccessibleName("Chair of this meeting")
        self.chair.activated.connect(lambda _: self._set_chair())
        self.table = keyboard_view(QTableWidget(0, 4))
        self.table.setHorizontalHeaderLabels(["Name", "Standing", "Attendance", "Capacity"])
        self.table.setAccessibleName("Attendance sheet")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        bar = QHBoxLayout()
        chair_label = QLabel("C&hair")
        chair_label.setBuddy(self.chair)
        bar.addWidget(chair_label)
        bar.addWidget(self.chair, 1)
        self.buttons = [
            button("Copy from last &meeting", self.copy_last,
                   tip="Start from the last meeting's attendance, then correct it here"),
            button("Add someone el&se…", self.add_other,
                   tip="Someone in attendance who is not a member: a person in the register, or a name"),
            button("Remove from record", self.remove_current)]
        for b in self.buttons:
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        note = QLabel("Each choice is saved as you make it (Edit > Undo takes it back). Members of the body are "
                      "listed whether recorded or not; officers in attendance are not counted in the quorum.")
        note.setWordWrap(True)
        note.setObjectName("note")
        layout.addWidget(note)

    def load(self, detail) -> None:
        self.meeting = detail.meeting if detail else None
        ops = self.page.ops
        before = self.sheet
        self.sheet = ops.read(lambda: ops.register.queries.attendance_sheet(detail.meeting.id), None) if detail else None
        if (before is not None and self.sheet is not None and self.table.rowCount() == len(self.sheet.lines)
                and [(x.person_id, x.name) for x in before.lines] == [(x.person_id, x.name) for x in self.sheet.lines]):
            self._refresh_in_place()  # the same people: the widgets (and the focus) stay
            return
        at = self.table.currentRow()
        self.table.setRowCount(0)
        self.chair.clear()
        if self.sheet is None:
            self.quorum.setText("Choose a meeting")
            return
        locked = self.meeting.locked
        self.chair.addItem("(not recorded)", None)
        for line in self.sheet.lines:
            if line.person_id is not None:
                self.chair.addItem(line.name, line.person_id)
        index = self.chair.findData(self.sheet.chair_id)
        self.chair.setCurrentIndex(max(index, 0))
        self.chair.setEnabled(not locked)
        self.table.setRowCount(len(self.sheet.lines))
        for row, line in enumerate(self.sheet.lines):
            for col, text in ((0, line.name), (1, line.standing.label if line.standing else "Not a member")):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, cell)
            combo = QComboBox()
            combo.setAccessibleName(f"Attendance of {line.name}")
            for value, text in CHOICES:
                combo.addItem(text, value)
            combo.setCurrentIndex(next(i for i, (v, _) in enumerate(CHOICES) if v == line.attendance))
            combo.setEnabled(not locked)
            combo.activated.connect(lambda _i, r=row: self._save(r))
            combo.installEventFilter(self)  # Up and Down move between people; Space or F4 opens the choice
            self.table.setCellWidget(row, 2, combo)
            capacity = QLineEdit(line.capacity or "")
            capacity.setAccessibleName(f"Capacity of {line.name}")
            capacity.setReadOnly(locked)
            capacity.editingFinished.connect(lambda r=row: self._save(r, capacity_only=True))
            self.table.setCellWidget(row, 3, capacity)
        self.table.resizeRowsToContents()
        if 0 <= at < self.table.rowCount():
            self.table.setCurrentCell(at, 2)
        self._say_quorum()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """On the sheet, Up and Down move to the person above or below (a closed drop-down would
        otherwise change, and save, the attendance); the choice is made with Space, F4 or Alt+Down,
        or by typing its first letter."""
        if isinstance(watched, QComboBox) and event.type() == QEvent.Type.Wheel:
            return True  # the wheel scrolls the sheet (its viewport), never chooses
        if isinstance(watched, QComboBox) and event.type() == QEvent.Type.KeyPress and not event.modifiers() \
                and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            return True  # these would jump the choice, and save it: a choice is made by its letter or the list
        if isinstance(watched, QComboBox) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            for row in range(self.table.rowCount()):
                if self.table.cellWidget(row, 2) is watched:
                    to = row + (1 if event.key() == Qt.Key.Key_Down else -1)
                    if 0 <= to < self.table.rowCount():
                        self.table.setCurrentCell(to, 2)
                        self.table.cellWidget(to, 2).setFocus()
                    return True
        return super().eventFilter(watched, event)

    def _refresh_in_place(self) -> None:
        assert self.sheet is not None and self.meeting is not None
        locked = self.meeting.locked
        for row, line in enumerate(self.sheet.lines):
            combo = self.table.cellWidget(row, 2)
            combo.blockSignals(True)
            combo.setCurrentIndex(next(i for i, (v, _) in enumerate(CHOICES) if v == line.attendance))
            combo.setEnabled(not locked)
            combo.blockSignals(False)
            capacity = self.table.cellWidget(row, 3)
            if not capacity.hasFocus():
                capacity.setText(line.capacity or "")
            capacity.setReadOnly(locked)
        self.chair.blockSignals(True)
        self.chair.setCurrentIndex(max(self.chair.findData(self.sheet.chair_id), 0))
        self.chair.setEnabled(not locked)
        self.chair.blockSignals(False)
        self._say_quorum()

    def _say_quorum(self) -> None:
        assert self.sheet is not None and self.meeting is not None
        locked = self.meeting.locked
        for b in self.buttons:
            b.setEnabled(not locked)
        s = self.sheet
        if s.quorum_required is None:
            words = f"{s.members_present} of {s.members} members present (the body has no quorum recorded)."
        elif s.quorate:
            words = f"Quorate: {s.members_present} of {s.members} members present; the quorum is {s.quorum_required}."
        else:
            words = (f"⚠ NOT QUORATE: {s.members_present} of {s.members} members present; the quorum is "
                     f"{s.quorum_required}.")
        if locked:
            words += " The minutes of this meeting are approved: its attendance is locked."
        self.quorum.setText(words)

    def _save(self, row: int, *, capacity_only: bool = False) -> None:
        if self.sheet is None or self.meeting is None or self.meeting.locked:
            return
        line = self.sheet.lines[row]
        combo = self.table.cellWidget(row, 2)
        capacity = self.table.cellWidget(row, 3).text().strip() or None
        data = combo.currentData()  # Qt hands an enum back as its text
        attendance = AttendanceRole(data) if data else None
        if capacity_only and (capacity == (line.capacity or None) or attendance is None):
            return
        if not capacity_only and attendance == line.attendance:
            return
        if attendance is None and line.attendance_id is None:
            return
        entry = {"person_id": line.person_id, "name": None if line.person_id else line.name,
                 "attendance": attendance.value if attendance else None, "capacity": capacity}
        ops_meetings.take_attendance(self.page.ops, self.meeting.id, [entry], self.sheet.chair_id, parent=self.page)

    def _set_chair(self) -> None:
        if self.sheet is None or self.meeting is None or self.chair.currentData() == self.sheet.chair_id:
            return
        ops_meetings.take_attendance(self.page.ops, self.meeting.id, [], self.chair.currentData(), parent=self.page)

    def copy_last(self) -> None:
        if self.meeting is not None:
            ops_meetings.copy_attendance(self.page.ops, self.meeting.id, parent=self.page)

    def add_other(self) -> None:
        if self.meeting is None:
            return
        page = self.page
        fields = [f for f in ATTENDANCE if f.name != "meeting_id"]
        mid = self.meeting.id
        page.run_dialog(FormDialog("Someone else at the meeting", fields,
                                   lambda v: ops_meetings.add_attendance(page.ops, mid, v, parent=page),
                                   initial={"attendance": "in_attendance"}, choices=page._choices(),
                                   send_all=True, parent=page))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if self.sheet is None or not 0 <= row < len(self.sheet.lines):
            return
        line = self.sheet.lines[row]
        if line.attendance_id is None:
            return
        if self.page.ops.confirm("Remove", f"Take {line.name} off this meeting's record?"):
            entry = {"person_id": line.person_id, "name": None if line.person_id else line.name, "attendance": None}
            ops_meetings.take_attendance(self.page.ops, self.meeting.id, [entry], self.sheet.chair_id,
                                         parent=self.page)


DECLARED = [
    Column("Who", lambda d: d.name),
    Column("Item", lambda d: d.item_label),
    Column("Interest", lambda d: d.interest, tooltip=lambda d: d.interest),
    Column("Its nature", lambda d: d.detail or "", tooltip=lambda d: d.detail or ""),
    Column("Action taken", lambda d: d.action_taken or ""),
]
SUGGESTED = [
    Column("Item", lambda s: s.item_label),
    Column("Who", lambda s: s.interest.person_name),
    Column("Interest on the register", lambda s: ("[withheld]  " if s.interest.confidential else "")
           + f"{s.interest.category.label}: {s.interest.organisation}"
           + (f" ({s.interest.description})" if s.interest.description else "")),
    Column("Why suggested", lambda s: s.reason),
    Column("Declared", lambda s: "yes" if s.declared else ""),
]


class _Declared:
    """A declaration as the table shows it: with its item's label."""

    def __init__(self, d, items):
        self.row = d
        self.id = d.id
        self.name = d.name
        self.interest = d.interest
        self.detail = d.detail
        self.action_taken = d.action_taken
        item = next((i for i in items if i.id == d.agenda_item_id), None)
        self.item_label = f"{item.minute_ref or item.number} {item.title}" if item else ""


class DeclarationsPanel(QWidget):
    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        self.detail = None
        self.declared = RowsTable(DECLARED, name="declarations", stretch=2)
        self.declared.row_activated.connect(lambda r: self.edit(r))
        self.declared.delete_requested.connect(lambda r: self.remove(r))
        self.suggested = RowsTable(SUGGESTED, name="suggested declarations", stretch=2)
        self.suggested.row_activated.connect(lambda r: self.declare(r))
        bar = QHBoxLayout()
        self.buttons = [button("Add &declaration…", self.add),
                        button("Edit declaration…", lambda: self.edit(self.declared.current())),
                        button("Remove declaration…", lambda: self.remove(self.declared.current())),
                        button("Record this declaration…", lambda: self.declare(self.suggested.current()),
                               tip="Record the suggested interest as declared on its item, with the action taken")]
        for b in self.buttons[:3]:
            bar.addWidget(b)
        bar.addStretch(1)
        sbar = QHBoxLayout()
        sbar.addWidget(self.buttons[3])
        sbar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(section_label("Declared at this meeting"))
        layout.addLayout(bar)
        layout.addWidget(self.declared, 1)
        layout.addWidget(section_label("Suggested from the register of interests"))
        hint = QLabel("Interests of the body's members and of those attending that an item may touch: the "
                      "organisations it names, and the words of the interest.")
        hint.setWordWrap(True)
        hint.setObjectName("note")
        layout.addWidget(hint)
        layout.addLayout(sbar)
        layout.addWidget(self.suggested, 1)

    def load(self, detail) -> None:
        self.detail = detail
        ops = self.page.ops
        if detail is None:
            self.declared.set_rows([])
            self.suggested.set_rows([])
            return
        for b in self.buttons:  # approved minutes: their declarations are locked
            b.setEnabled(not detail.meeting.locked)
        self.declared.set_rows([_Declared(d, detail.items) for d in detail.declarations], soft=True)
        self.suggested.set_rows(ops.read(lambda: ops.register.queries.interest_suggestions(detail.meeting.id), []),
                                soft=True)

    def _fields(self):
        return [f for f in DECLARATION if f.name != "meeting_id"]

    def add(self) -> None:
        if self.detail is None:
            return
        page, mid = self.page, self.detail.meeting.id
        page.run_dialog(FormDialog("Declare an interest", self._fields(),
                                   lambda v: ops_meetings.add_declaration(page.ops, mid, v, parent=page),
                                   choices=page._choices(), parent=page))

    def edit(self, row) -> None:
        if row is None:
            return
        page, d = self.page, row.row
        page.run_dialog(FormDialog(f"Edit the declaration of {d.name}", self._fields(),
                                   lambda v: ops_meetings.update_declaration(page.ops, d, v, parent=page),
                                   initial=initial_from(d, self._fields()), choices=page._choices(), parent=page))

    def remove(self, row) -> None:
        if row is not None and self.page.ops.confirm(
                "Remove declaration", f"Remove the declaration of {row.name}? Edit > Undo brings it back."):
            ops_meetings.remove_declaration(self.page.ops, row.row, parent=self.page)

    def declare(self, suggestion) -> None:
        if suggestion is None:
            return
        action, ok = QInputDialog.getText(
            self, "Record the declaration",
            f"{suggestion.interest.person_name} declares their interest in {suggestion.interest.organisation} on "
            f"item {suggestion.item_label}.\nAction taken (for example: left the room for the item):")
        if ok:
            ops_meetings.declare_from_register(self.page.ops, suggestion, action.strip() or None, parent=self.page)


CARRIED = [
    Column("Ref", lambda a: a.reference),
    Column("Action", lambda a: a.description, tooltip=lambda a: a.description),
    Column("Owner", lambda a: a.owner_name),
    Column("Due", lambda a: uk_date(a.due_on), sort=lambda a: a.due_on),
    Column("Status", lambda a: (f"⚠ OVERDUE ({a.days_overdue:,} days)" if a.overdue else a.status.label)
           + (f", completed {uk_date(a.completed_on)}" if a.completed_on else "")),
    Column("Latest update", lambda a: a.updates[-1].text if a.updates else "",
           tooltip=lambda a: a.updates[-1].text if a.updates else ""),
]


class CarriedForwardPanel(QWidget):
    """The body's open and overdue actions, and those completed since its last meeting: the
    action-log item of the agenda, with nothing typed."""

    def __init__(self, page, parent=None):
        super().__init__(parent)
        self.page = page
        self.title = section_label("Actions carried forward")
        self.open = RowsTable(CARRIED, name="actions carried forward", stretch=1)
        self.open.row_activated.connect(lambda r: add_update(self.page, r))
        self.done = RowsTable(CARRIED, name="actions completed since the last meeting", stretch=1)
        bar = QHBoxLayout()
        bar.addWidget(button("Add &update…", lambda: add_update(self.page, self.open.current()),
                             tip="A dated update, kept on the action itself"))
        bar.addWidget(button("Mark &complete…", lambda: complete_action(self.page, self.open.current())))
        bar.addStretch(1)
        self.done_title = section_label("Completed since the last meeting")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.open, 2)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done, 1)

    def load(self, detail) -> None:
        ops = self.page.ops
        agenda = ops.read(lambda: ops.register.papers.agenda(detail.meeting.id, "private"), None) if detail else None
        if agenda is None:
            self.open.set_rows([])
            self.done.set_rows([])
            self.title.setText("Actions carried forward")
            return
        self.title.setText(f"Actions carried forward: {len(agenda.carried_forward)} open, "
                           f"{sum(1 for a in agenda.carried_forward if a.overdue)} overdue")
        self.open.set_rows(agenda.carried_forward, soft=True)
        self.done.set_rows(agenda.completed_since, soft=True)
        self.done_title.setText(f"Completed {agenda.completed_label}" if agenda.completed_label
                                else "Completed since the last meeting")

