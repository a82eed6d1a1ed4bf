"""UI layer: the Meetings screen - meetings by body and date, and the chosen meeting's
attendance, declarations, agenda, minutes per item, resolutions, and actions raised from items.
Minutes are saved when their item is left (another item or meeting, another screen, the window
closed) and kept as a draft meanwhile, so that a crash loses nothing."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.periods import uk_date
from ...domain.records import ACTION, AGENDA_ITEM, MEETING, RESOLUTION
from ..drafts import EditorDraft, restored_label, set_editor_cursor, store_for
from ..forms import FormDialog, initial_from
from ..meeting_tabs import AttendancePanel, CarriedForwardPanel, DeclarationsPanel
from ..operations import meetings as ops_meetings
from ..table_model import ROW_ROLE, Column
from ..widgets import Page, RowsTable, button, section_label, title_label

MEETINGS = [
    Column("Date", lambda m: uk_date(m.meets_on), sort=lambda m: m.meets_on),
    Column("Body", lambda m: m.body_name),
    Column("Session", lambda m: m.session.label),
    Column("Minutes", lambda m: m.minutes_status.label),
]
ITEMS = [
    Column("No.", lambda i: i.number, sort=lambda i: (i.confidential, i.sort_order)),
    Column("Item", lambda i: i.title, tooltip=lambda i: i.description or i.title),
    Column("Part", lambda i: "Part 2 (private)" if i.confidential else "Public"),
    Column("Purpose", lambda i: i.purpose.label if i.purpose else "",
           tooltip=lambda i: i.recommendation.label if i.recommendation else ""),
    Column("Presenter", lambda i: i.presenter or "", tooltip=lambda i: i.presenter or ""),
    Column("Minute", lambda i: i.minute_ref or ""),
    Column("Minutes", lambda i: "written" if i.minutes else ""),
    Column("Actions", lambda i: str(len(i.action_ids)) if i.action_ids else "", sort=lambda i: len(i.action_ids)),
]
RESOLUTIONS = [
    Column("No.", lambda r: str(r.number), sort=lambda r: r.number),
    Column("Resolved", lambda r: r.text, tooltip=lambda r: r.text),
]


class MeetingsPage(Page):
    title = "Meetings"
    entities = frozenset({"meeting", "attendance", "declaration", "agenda_item", "minute", "resolution",
                          "minute_amendment", "action", "body", "person", "membership", "interest"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.detail = None
        self.meetings = RowsTable(MEETINGS, name="meetings")
        self.meetings.row_selected.connect(lambda _: self._load_meeting())
        self.meetings.row_activated.connect(self.edit_meeting)
        self.heading = QLabel(objectName="subTitle")
        self.heading.setWordWrap(True)
        self.attendance = AttendancePanel(self)
        self.declarations = DeclarationsPanel(self)
        self.carried = CarriedForwardPanel(self)
        self.items = RowsTable(ITEMS, name="agenda items")
        self.items.row_selected.connect(lambda _: self._load_item())
        self.items.row_activated.connect(self.edit_item)
        self.items.view.installEventFilter(self)  # Ctrl+Up and Ctrl+Down move the item in the agenda
        self.items.view.viewport().installEventFilter(self)  # and so does dragging it to another row
        self._dragged = None  # (the item pressed on, where the press was)
        self.minutes = QPlainTextEdit()
        self.minutes.setAccessibleName("Minutes of the item")
        self.minutes.setTabChangesFocus(True)
        self.minutes_confidential = QCheckBox("Minutes &confidential (left out of public packs)")
        self._editing = None  # the item whose minutes the editor holds, as it was read
        self._editing_meeting = None
        self.minutes_draft = EditorDraft(self.minutes, lambda: store_for(self.ops),
                                         extra=self._draft_extra)
        self.minutes_confidential.toggled.connect(lambda _: self.minutes_draft.touch())
        self.minutes_note = restored_label()
        self.minutes_draft.failed.connect(self._on_minutes_draft_failed)
        self.resolutions = RowsTable(RESOLUTIONS, name="resolutions")

        top = QHBoxLayout()
        top.addWidget(button("&New meeting…", self.add_meeting))
        self.meeting_buttons = [
            button("Edit…", lambda: self.edit_meeting(self.meetings.current()),
                   tip="Edit the meeting: body, date, time, place, session, chair, when it ended, "
                       "the resolution to exclude the public"),
            button("Delete…", lambda: self.delete_meeting(self.meetings.current()),
                   tip="Delete the meeting with its agenda, minutes, attendance and declarations")]
        for b in self.meeting_buttons:
            top.addWidget(b)
        top.addStretch(1)

        agenda_tab = QWidget()
        gl = QVBoxLayout(agenda_tab)
        bar = QHBoxLayout()
        bar.addWidget(button("Add &item…", self.add_item))
        bar.addWidget(button("Edit item…", lambda: self.edit_item(self.items.current())))
        bar.addWidget(button("Move up", lambda: self.move_item(self.items.current(), -1),
                             tip="Move the item up the agenda (Ctrl+Up in the agenda)"))
        bar.addWidget(button("Move down", lambda: self.move_item(self.items.current(), 1),
                             tip="Move the item down the agenda (Ctrl+Down in the agenda)"))
        bar.addWidget(button("Remove item…", lambda: self.delete_item(self.items.current())))
        bar.addStretch(1)
        gl.addLayout(bar)
        bar = QHBoxLayout()
        bar.addWidget(button("&Raise action…", lambda: self.raise_action(self.items.current())))
        bar.addWidget(button("Num&ber minutes", self.number_minutes,
                             tip="Give each item a minute reference (14/19, 15/19...) following the body's last"))
        self.approve_button = button("Appr&ove last minutes…", lambda: self.approve_minutes(self.items.current()),
                                     tip="At this item, approve the minutes of the body's last meeting (they are "
                                         "then locked)")
        bar.addWidget(self.approve_button)
        self.amend_button = button("A&mend minutes…", lambda: self.amend_minutes(self.items.current()),
                                   tip="Approved minutes change only by a logged amendment")
        bar.addWidget(self.amend_button)
        bar.addStretch(1)
        gl.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.items)
        item_box = QWidget()
        il = QVBoxLayout(item_box)
        il.setContentsMargins(0, 0, 0, 0)
        self.item_title = section_label("Minutes")
        il.addWidget(self.item_title)
        il.addWidget(self.minutes_note)
        il.addWidget(self.minutes, 2)
        mbar = QHBoxLayout()
        mbar.addWidget(self.minutes_confidential)
        mbar.addStretch(1)
        mbar.addWidget(button("Revert", self.revert_minutes,
                              tip="Throw away the changes to these minutes since they were last saved"))
        mbar.addWidget(button("&Save minutes", self.save_minutes, shortcut="Ctrl+S",
                              tip="Minutes are also saved when you choose another item or leave the screen"))
        il.addLayout(mbar)
        il.addWidget(section_label("Resolutions"))
        rbar = QHBoxLayout()
        rbar.addWidget(button("Add resol&ution…", self.add_resolution))
        rbar.addWidget(button("Edit resolution…", lambda: self.edit_resolution(self.resolutions.current())))
        rbar.addWidget(button("Remove resolution…", lambda: self.delete_resolution(self.resolutions.current())))
        rbar.addStretch(1)
        il.addLayout(rbar)
        il.addWidget(self.resolutions, 1)
        split.addWidget(item_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.items.setMinimumHeight(220)  # seven or so items in view even at 1280x720
        self.minutes.setMinimumHeight(70)
        self.resolutions.setMinimumHeight(90)
        self.item_title.setWordWrap(True)
        gl.addWidget(split)

        # what approved minutes lock: these are disabled on a locked meeting (Raise action stays:
        # an action lives on after its meeting; Amend minutes is the way approved minutes change)
        kept = {self.approve_button, self.amend_button}
        self._locking = [b for b in agenda_tab.findChildren(QPushButton)
                         if b not in kept and not b.text().replace("&", "").startswith("Raise")]
        self._locking.append(self.minutes_confidential)
        self.tabs = QTabWidget()
        self.tabs.addTab(agenda_tab, "A&genda and minutes")
        self.tabs.addTab(self.attendance, "A&ttendance")
        self.tabs.addTab(self.declarations, "Declarations")
        self.tabs.addTab(self.carried, "Actions carried forward")
        self.tabs.currentChanged.connect(lambda _: self._load_tab())
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(button("&Print papers…", self.print_papers,
                              tip="The agenda, the minutes or the action log of this meeting, public or private, "
                                  "as PDF or Word"))
        rl.addLayout(head)
        rl.addWidget(self.tabs, 1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.meetings)
        outer = QSplitter()
        outer.addWidget(left)
        outer.addWidget(right)
        outer.setSizes([300, 980])
        outer.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Meetings"))
        layout.addWidget(outer, 1)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """In the agenda, Ctrl+Up and Ctrl+Down move the chosen item (the table would otherwise
        take them as moves of its cursor), and an item dragged onto another row moves there."""
        if watched is self.items.view.viewport() and self._drag(event):
            return True
        if watched is self.items.view and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            key, mods = event.key(), event.modifiers()
            if mods == Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.move_item(self.items.current(), -1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def _drag(self, event) -> bool:
        """Press on an item, drag it (the cursor says so) and let go over the row it should take."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            row = self._row_at(event.position().toPoint())
            self._dragged = (row, event.position().toPoint()) if row is not None else None
        elif kind == QEvent.Type.MouseMove and self._dragged is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (event.position().toPoint() - self._dragged[1]).manhattanLength() >= QApplication.startDragDistance():
                self.items.view.viewport().setCursor(Qt.CursorShape.DragMoveCursor)
        elif kind == QEvent.Type.MouseButtonRelease and self._dragged is not None:
            source, _at = self._dragged
            self._dragged = None
            self.items.view.viewport().unsetCursor()
            target = self._row_at(event.position().toPoint())
            if target is None or target.id == source.id:
                return False
            if target.confidential != source.confidential:
                self.ops.warn("Move item", "An item moves within its part of the agenda (public, or Part 2). To take "
                                           "it into the other part, edit it and change its Part 2 box.")
                return True
            order = [i.id for i in self.detail.items] if self.detail else []  # the agenda's order, however sorted
            self.move_item(source, order.index(target.id) - order.index(source.id))
            return True
        return False

    def _row_at(self, point):
        index = self.items.view.indexAt(point)
        return index.data(ROW_ROLE) if index.isValid() else None

    # ------------------------------------------------------------------ loading

    def reload(self, *, soft: bool = False) -> None:
        self.meetings.set_rows(self.ops.read(self.ops.register.queries.meetings, []), soft=soft)
        if self.meetings.current() is None and self.meetings.proxy.rowCount():
            self.meetings.view.selectRow(0)
        self._load_meeting(soft=soft)

    def _load_meeting(self, *, soft: bool = False) -> None:
        m = self.meetings.current()
        if self._editing is not None and (m is None or m.id != self._editing_meeting):
            self._leave_item()  # another meeting chosen: the minutes being written are saved
            m = self.meetings.current()
        self.detail = self.ops.read(lambda: self.ops.register.queries.meeting(m.id), None) if m else None
        d = self.detail
        self._load_tab()
        if d is None:
            self.heading.setText("Choose a meeting")
            self.items.set_rows([])
            self._load_item()
            return
        mt = d.meeting
        where = ", ".join(x for x in (mt.start_time, mt.location) if x)
        state = (f"minutes approved {uk_date(mt.minutes_approved_on)} (locked)" if mt.locked
                 else "minutes: draft")
        chair = f" · chair {mt.chair_name}" if mt.chair_name else ""
        self.heading.setText(f"{mt.body_name}, {uk_date(mt.meets_on)}{' · ' + where if where else ''} · "
                             f"{mt.session.label} session{chair} · {state}")
        self.items.set_rows(d.items, soft=soft)
        self._load_item()

    def _load_tab(self) -> None:
        """The tab shown is filled from the meeting chosen (the others when they are shown)."""
        panel = self.tabs.currentWidget()
        if isinstance(panel, AttendancePanel | DeclarationsPanel | CarriedForwardPanel):
            panel.load(self.detail)

    def _load_item(self) -> None:
        item = self.items.current()
        if self._editing is not None and (item is None or item.id != self._editing.id):
            self._leave_item()  # another item chosen: the minutes being written are saved
            item = self.items.current()
        self._show_item(item)

    def _show_item(self, item) -> None:
        locked = bool(self.detail is not None and self.detail.meeting.locked)
        self.approve_button.setEnabled(item is not None and item.kind.value == "previous_minutes"
                                       and self.detail is not None and self.detail.previous is not None
                                       and not self.detail.previous.approved_here)
        self.amend_button.setEnabled(item is not None and locked)
        for b in self.meeting_buttons:  # an approved meeting's record is locked
            b.setEnabled(not locked)
        for widget in self._locking:
            widget.setEnabled(not locked)
        self.minutes.setReadOnly(locked)
        if item is None:
            self.minutes_draft.unbind()
            self._editing = None
            self.item_title.setText("Minutes (choose an item)")
            self.minutes_draft.load("")
            self.minutes.setEnabled(False)
            self.minutes_confidential.blockSignals(True)
            self.minutes_confidential.setChecked(False)
            self.minutes_confidential.blockSignals(False)
            self.minutes_note.hide()
            self.resolutions.set_rows([])
            return
        self.minutes.setEnabled(True)
        self.item_title.setText(f"Minutes of {item.minute_ref or item.number} {item.title}")
        self.resolutions.set_rows(item.resolutions)
        saved = (item.minutes or "", item.minutes_confidential)
        if self._editing is not None and self._editing.id == item.id:
            # the same item read again (after a save, or a change elsewhere): what is being typed
            # stays, with its cursor; the stored minutes are taken up only where nothing differs
            # from them or from what the editor started from
            shown = (self.minutes.toPlainText(), self.minutes_confidential.isChecked())
            if shown not in (saved, (self._editing.minutes or "", self._editing.minutes_confidential)):
                return  # unsaved changes: kept, against the version they were begun on
            self._editing = item
            self.minutes_draft.bind(self._draft_key(item), *self._saved_state(item))
            self._set_minutes(*saved)
            return
        self._editing = item
        self._editing_meeting = self.detail.meeting.id if self.detail else None
        draft = self.minutes_draft.bind(self._draft_key(item), *self._saved_state(item))
        if draft is None:
            self._set_minutes(*saved, cursor=len(saved[0]))  # ready to go on writing
            self.minutes_note.hide()
            return
        confidential = bool(draft.extra.get("confidential", item.minutes_confidential))
        self._set_minutes(draft.text, confidential, cursor=draft.cursor)
        changed = draft.extra.get("base", item.minutes or "") != (item.minutes or "")
        self.minutes_note.setText(
            f"Restored unsaved minutes{' kept at ' + draft.kept() if draft.kept() else ''}. They are saved "
            "when you save or leave the item; Revert throws them away."
            + (" The saved minutes of this item have changed since: compare them before saving." if changed else ""))
        self.minutes_note.show()

    def _on_minutes_draft_failed(self, problem: str) -> None:
        self.minutes_note.setText(problem)
        self.minutes_note.show()

    def _draft_extra(self) -> dict:
        """Kept with the text: the confidential box (minutes restored after a crash must not come
        back public) and the minutes the draft was begun from."""
        return {"confidential": self.minutes_confidential.isChecked(),
                "base": (self._editing.minutes or "") if self._editing is not None else ""}

    @staticmethod
    def _draft_key(item) -> str:
        return f"agenda_item:{item.id}:minutes"

    def _saved_state(self, item) -> tuple[str, dict]:
        return item.minutes or "", {"confidential": item.minutes_confidential}

    def _set_minutes(self, text: str, confidential: bool, *, cursor: int | None = None) -> None:
        with self.minutes_draft.loading():
            self.minutes_confidential.setChecked(confidential)
            self.minutes_draft.load(text, cursor)

    def _choices(self) -> dict:
        q = self.ops.register.queries
        tree = self.ops.read(q.outcome_tree, [])
        return {
            "body_id": [(b.id, b.name) for b in self.ops.read(q.bodies, [])],
            "person_id": [(p.id, p.name) for p in self.ops.read(q.people, [])],
            "owner_id": [(p.id, p.name) for p in self.ops.read(q.people, [])],
            "owner_partner_id": [(p.id, p.name) for p in self.ops.read(q.partners, [])],
            "agenda_item_id": [(i.id, f"{i.minute_ref or i.number} {i.title}") for i in (self.detail.items if self.detail else ())],
            "risk_id": [(r.id, f"{r.reference} {r.title}") for r in self.ops.read(q.risks, [])],
            "objective_id": [(j.id, f"{j.reference} {j.title}") for o in tree for j in o.objectives],
        }

    # ------------------------------------------------------------------ meetings

    def add_meeting(self) -> None:
        # the time, place and session left empty come from the body's rules
        fields = [dataclasses.replace(f, required=False, label=f"{f.label} (empty: the body's usual)")
                  if f.name in ("session", "start_time", "location") else f
                  for f in MEETING if f.name not in ("chair_id", "ended_at", "exclusion")]
        dialog = FormDialog("New meeting", fields, self._create_meeting,
                            choices=self._choices(), send_all=True, parent=self)
        if self.run_dialog(dialog) and dialog.outcome and dialog.outcome.ok:
            self.meetings.select_id(dialog.outcome.changes.created_id("meeting"))

    def _create_meeting(self, values):
        """Create the meeting; a second one of the body at the same date and time is asked about."""
        from ...domain.fields import clean
        cleaned, errors = clean(MEETING, values, partial=True)
        allow = False
        if not errors and cleaned.get("body_id") and cleaned.get("meets_on"):
            clash = self.ops.read(lambda: self.ops.register.queries.meeting_clashes(
                cleaned["body_id"], cleaned["meets_on"], cleaned.get("start_time")), [])
            if clash:
                allow = self.ops.confirm(
                    "A second meeting?", f"{clash[0].body_name} already has a meeting on {uk_date(clash[0].meets_on)}"
                    f"{' at ' + clash[0].start_time if clash[0].start_time else ''}. Create a second meeting "
                    "at the same date and time?")
                if not allow:
                    return None
        return ops_meetings.create_meeting(self.ops, values, allow_clash=allow, parent=self)

    def delete_meeting(self, row) -> None:
        if row is None:
            return
        if self.ops.confirm("Delete meeting", f"Delete the meeting of {row.body_name} on {uk_date(row.meets_on)} "
                                              "with its agenda, minutes, attendance and declarations? Edit > Undo "
                                              "brings it all back."):
            ops_meetings.delete_meeting(self.ops, row, parent=self)

    def move_item(self, row, steps: int) -> None:
        if row is not None:
            ops_meetings.move_item(self.ops, row, steps, parent=self)
            self.items.select_id(row.id)

    def delete_item(self, row) -> None:
        if row is None:
            return
        if self.ops.confirm("Remove item", f"Remove item {row.number} ({row.title}) with its minutes, resolutions "
                                           "and declarations? Edit > Undo brings it back."):
            ops_meetings.delete_item(self.ops, row, parent=self)

    def number_minutes(self) -> None:
        if self.detail is not None:
            ops_meetings.number_minutes(self.ops, self.detail.meeting, parent=self)

    def approve_minutes(self, item) -> None:
        if item is None or self.detail is None or self.detail.previous is None:
            return
        from PySide6.QtWidgets import QInputDialog
        before = self.detail.previous.meeting
        earlier = self.ops.read(lambda: self.ops.register.queries.meeting(before.id), None)
        private = bool(earlier and any(i.confidential or i.minutes_confidential for i in earlier.items))
        warning = ("\n\nThose minutes include private business. The amendments written here are printed in "
                   "this meeting's public minutes: word them without private detail, and amend a Part 2 or "
                   "confidential minute itself with Amend minutes… once approved.") if private and not item.confidential \
            else ""
        text, ok = QInputDialog.getMultiLineText(
            self, "Approve the minutes", f"Approve the minutes of {before.body_name} of {uk_date(before.meets_on)} as "
            f"a correct record. Amendments made at this meeting (leave empty for none):{warning}")
        if ok:
            ops_meetings.approve_minutes(self.ops, item, text.strip() or None, parent=self)

    def amend_minutes(self, item) -> None:
        if item is None:
            return
        from PySide6.QtWidgets import QInputDialog
        text, ok = QInputDialog.getMultiLineText(self, "Amend approved minutes",
                                                 f"The minutes of {item.minute_ref or item.number} as amended:",
                                                 item.minutes or "")
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, "Amend approved minutes", "Why are they amended?")
        if ok:
            ops_meetings.amend_minutes(self.ops, item, text, reason, parent=self)

    def edit_meeting(self, row) -> None:
        if row is None:
            return
        self.run_dialog(FormDialog(f"Edit meeting of {uk_date(row.meets_on)}", MEETING,
                                   lambda v: ops_meetings.update_meeting(self.ops, row, v, parent=self),
                                   initial=initial_from(row, MEETING), choices=self._choices(), parent=self))

    # ------------------------------------------------------------------ attendance, declarations

    def _meeting_form(self, title: str, fields, operation) -> None:
        """A form adding a record to the meeting shown: operation(ops, meeting_id, values, parent=)."""
        if self.detail is None:
            return
        mid = self.detail.meeting.id
        fields = [f for f in fields if f.name != "meeting_id"]
        self.run_dialog(FormDialog(title, fields, lambda v: operation(self.ops, mid, v, parent=self),
                                   choices=self._choices(), parent=self))

    # ------------------------------------------------------------------ agenda, minutes, resolutions

    def add_item(self) -> None:
        self._meeting_form("Add agenda item", [f for f in AGENDA_ITEM if f.name != "sort_order"],
                           ops_meetings.add_item)

    def edit_item(self, row) -> None:
        if row is None:
            return
        fields = [f for f in AGENDA_ITEM if f.name not in ("meeting_id", "sort_order")]
        self.run_dialog(FormDialog(f"Edit item {row.number}", fields,
                                   lambda v: ops_meetings.update_item(self.ops, row, v, parent=self),
                                   initial=initial_from(row, fields), parent=self))

    def _unsaved(self) -> bool:
        e = self._editing
        return e is not None and (self.minutes.toPlainText(), self.minutes_confidential.isChecked()) != (
            e.minutes or "", e.minutes_confidential)

    def save_minutes(self) -> bool:
        """Ctrl+S: save the minutes in the editor. The editor keeps its text and cursor."""
        item = self._editing
        if item is None or not self._unsaved():
            return True
        self.minutes_draft.flush()
        return self._commit_minutes(item, self.minutes_draft.key, self.minutes.toPlainText(),
                                    self.minutes_confidential.isChecked())

    def _commit_minutes(self, item, key: str | None, text: str, confidential: bool) -> bool:
        """Save (or, when emptied, delete) an item's minutes; the draft goes once they are saved
        and stays, for next time, when they are not."""
        if not text.strip():
            if item.minute_id is None:
                outcome = None  # nothing was written, and nothing is stored
            elif self.ops.confirm("Delete minutes", f"Delete the minutes of item {item.number}?"):
                outcome = ops_meetings.delete_minutes(self.ops, item, parent=self)
            else:
                outcome = None  # the stored minutes stand
        else:
            outcome = ops_meetings.record_minutes(self.ops, item, text, confidential=confidential, parent=self)
        if outcome is not None and not outcome.ok:
            return False
        store = self.minutes_draft.store()
        if key is not None and store is not None:
            store.remove(key)
        if outcome is None and self._editing is not None and self._editing.id == item.id:
            self._set_minutes(item.minutes or "", item.minutes_confidential)
        if self._editing is not None and self._editing.id == item.id:
            self.minutes_note.hide()
        return True

    def _leave_item(self) -> None:
        """The item in the editor is left: its minutes are saved (a secretary expects that);
        if they cannot be, the draft keeps them and the reason is shown."""
        item = self._editing
        if item is None:
            return
        unsaved = self._unsaved()
        text, confidential = self.minutes.toPlainText(), self.minutes_confidential.isChecked()
        key = self.minutes_draft.unbind()  # what is pending is written first
        self._editing = None
        if unsaved:
            self._commit_minutes(item, key, text, confidential)

    def leave(self) -> None:
        """The screen is left (another screen, the window closed): the minutes are saved; the
        editor then holds the item again as the register has it, cursor where it was."""
        left, at = self._editing, self.minutes.textCursor().position()
        self._leave_item()
        if self._dirty:
            self.refresh_if_needed()
        elif left is not None and self.detail is not None:
            self._show_item(self.items.current())
        if left is not None and self._editing is not None and self._editing.id == left.id:
            set_editor_cursor(self.minutes, at)

    def revert_minutes(self) -> None:
        item = self._editing
        if item is None or not self._unsaved():
            return
        if self.ops.confirm("Revert minutes", f"Throw away the changes to the minutes of item {item.number} "
                                              "made since they were last saved?"):
            self.minutes_draft.discard()
            self._set_minutes(item.minutes or "", item.minutes_confidential, cursor=0)
            self.minutes_note.hide()

    def add_resolution(self) -> None:
        item = self.items.current()
        if item is None:
            return
        fields = [f for f in RESOLUTION if f.name not in ("agenda_item_id", "number")]
        self.run_dialog(FormDialog(f"Resolution on {item.minute_ref or item.number}", fields,
                                   lambda v: ops_meetings.add_resolution(self.ops, item, v, parent=self), parent=self))

    def edit_resolution(self, row) -> None:
        if row is None:
            return
        fields = [f for f in RESOLUTION if f.name != "agenda_item_id"]
        self.run_dialog(FormDialog(f"Edit resolution {row.number}", fields,
                                   lambda v: ops_meetings.update_resolution(self.ops, row, v, parent=self),
                                   initial=initial_from(row, fields), parent=self))

    def delete_resolution(self, row) -> None:
        if row is not None and self.ops.confirm("Remove resolution", f"Remove resolution {row.number}? Edit > Undo "
                                                                     "brings it back."):
            ops_meetings.delete_resolution(self.ops, row, parent=self)

    def print_papers(self) -> None:
        from ..papers_dialog import PapersDialog
        if self.detail is not None:
            self.run_dialog(PapersDialog(self.ops, self.detail.meeting, parent=self))

    def raise_action(self, item) -> None:
        if item is None:
            return
        fields = [f for f in ACTION if f.name not in ("meeting_id", "agenda_item_id", "status", "completed_on")]
        dialog = FormDialog(f"Raise an action from {item.minute_ref or item.number} {item.title}", fields,
                            lambda v: ops_meetings.raise_action(self.ops, item, v, parent=self),
                            choices=self._choices(), send_all=True, parent=self)
        self.run_dialog(dialog)
