"""UI layer: record forms built from the domain's field specifications. Widgets limit input for
comfort; the services validate; every problem is shown beside the field that has it, and the
form stays open (and nothing is saved) until none remain. What is typed into a form's text
fields is kept as a draft until it is saved (ui/drafts.py); leaving a changed form asks first."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..domain.errors import ValidationError
from ..domain.fields import Field
from ..domain.periods import uk_date
from . import drafts
from .ops import Outcome
from .widgets import fit_small_screen

LONG_TEXT = 600  # fields allowed more characters than this get a multi-line editor
Choices = Sequence[tuple[int, str]]


class DateEdit(QWidget):
    """A date typed as 31/03/2025 (or any form the register reads), with a calendar to pick
    from; it may be left empty, which QDateEdit cannot."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QLineEdit(placeholderText="dd/mm/yyyy")
        self.button = QToolButton(text="▾")
        self.button.setAccessibleName("Pick a date")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        self.line.setText(qdate.toString("dd/MM/yyyy"))
        self.button.menu().close()

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - reads like Qt's
        self.line.setText(text)


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return uk_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _combo() -> QComboBox:
    """A drop-down list as wide as the form gives it, not as its longest choice: a partner's
    long name does not push a form past a small screen (the list itself opens wide enough)."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    return combo


class FieldWidget:
    """A field's editor, its error label, and how to read and write it as form text."""

    def __init__(self, field: Field, choices: Choices | None = None, custom: QWidget | None = None):
        self.field = field
        self.error = QLabel(objectName="fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D5281B;")
        self.error.setAccessibleName(f"{field.label} error")
        self.error.hide()
        self.widget = custom or self._make(choices)
        self.widget.setAccessibleName(field.label + (" (required)" if field.required else ""))
        self.widget.setObjectName(f"field_{field.name}")

    def _make(self, choices: Choices | None) -> QWidget:
        f = self.field
        if f.kind == "bool":
            return QCheckBox()
        if f.kind == "enum" and f.enum is not None:
            combo = _combo()
            if not f.required:
                combo.addItem("", None)
            for member in f.enum:  # type: ignore[attr-defined]
                combo.addItem(member.label, member.value)
            return combo
        if f.kind == "ref":
            combo = _combo()
            combo.setEditable(False)
            if not f.required:
                combo.addItem("", None)
            for ident, text in choices or ():
                combo.addItem(text, ident)
            return combo
        if f.kind == "date":
            return DateEdit()
        if f.kind == "text" and f.max_len > LONG_TEXT:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(60)
            return edit
        line = QLineEdit()
        if f.kind == "text":
            line.setMaxLength(f.max_len)
        elif f.kind == "period":
            line.setPlaceholderText("e.g. 2024/25, Q2 2024/25, Mar 2025")
        return line

    def get(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if hasattr(w, "value_for_form"):
            return w.value_for_form()
        return w.text()

    def set(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            data = value.value if isinstance(value, StrEnum) else value
            idx = w.findData(data)
            w.setCurrentIndex(max(idx, 0))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(_display(value))
        elif hasattr(w, "set_from_form"):
            w.set_from_form(value)
        else:
            w.setText(_display(value))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class FormDialog(QDialog):
    """Edit one record. `submit(values)` runs the service command through Ops.execute and
    returns its Outcome; only fields the user changed are sent on an update.

    Its text fields keep drafts under `draft_scope` (the record: "action:12:update"; by default
    the form's title and the values it opened with), restored when the same form is opened
    after a crash. Cancel, Escape or closing a changed form asks Save / Discard / Cancel."""

    def __init__(self, title: str, fields: Sequence[Field], submit: Callable[[dict[str, Any]], Outcome], *,
                 initial: Mapping[str, Any] | None = None, choices: Mapping[str, Choices] | None = None,
                 custom: Mapping[str, QWidget] | None = None, send_all: bool = False,
                 extra: QWidget | None = None, extra_values: Callable[[], dict[str, Any]] | None = None,
                 draft_scope: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("formDialog")
        self._submit = submit
        self._extra_values = extra_values
        self._send_all = send_all or initial is None
        self.outcome: Outcome | None = None
        self.widgets: dict[str, FieldWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in fields:
            fw = FieldWidget(f, (choices or {}).get(f.name), (custom or {}).get(f.name))
            self.widgets[f.name] = fw
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(fw.widget)
            box.addWidget(fw.error)
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setBuddy(fw.widget)
            form.addRow(label, cell)
        self.restored = drafts.restored_label()
        self.general_error = QLabel(objectName="fieldError")
        self.general_error.setStyleSheet("color: #D5281B;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        if extra is not None:
            inner_layout.addWidget(extra)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.restored)
        layout.addWidget(scroll)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._initial: dict[str, Any] = {}
        if initial:
            for name, fw in self.widgets.items():
                if name in initial:
                    fw.set(initial[name])
        self._initial = self.values()
        scope = draft_scope or f"form:{title}:{_digest(self._initial)}"
        self.text_drafts = drafts.FieldDrafts(drafts.find_ops(parent), scope, self.widgets)
        note = self.text_drafts.restore()
        if note:
            self._say(note)
        for failed in self.text_drafts.failed:
            failed.connect(self._say)
        # long forms scroll inside the small screen rather than grow past it
        fit_small_screen(self, 600, 120 + 64 * len(self.widgets))

    def _say(self, note: str) -> None:
        self.restored.setText(note)
        self.restored.show()

    def is_changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self.values() != self._initial

    def values(self) -> dict[str, Any]:
        values = {name: fw.get() for name, fw in self.widgets.items()}
        if self._extra_values is not None:
            values.update(self._extra_values())
        return values

    def changed_values(self) -> dict[str, Any]:
        now = self.values()
        if self._send_all:
            return now
        return {k: v for k, v in now.items() if v != self._initial.get(k)}

    def set_value(self, name: str, value: Any) -> None:
        self.widgets[name].set(value)

    def show_errors(self, errors: Sequence[ValidationError]) -> None:
        general = []
        for fw in self.widgets.values():
            fw.show_error(None)
        for e in errors:
            fw = self.widgets.get(e.field)
            if fw is None:
                general.append(e.message)
            else:
                existing = fw.error.text()
                fw.show_error(f"{existing}\n{e.message}" if existing and fw.error.isVisible() else e.message)
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        first = next((fw for fw in self.widgets.values() if fw.error.isVisible()), None)
        if first is not None:
            first.widget.setFocus()

    def save(self) -> None:
        values = self.changed_values()
        if not values:
            self.text_drafts.discard()
            self.accept()
            return
        outcome = self._submit(values)
        if outcome is None:  # the user thought better of it when asked: the form stays as typed
            return
        self.outcome = outcome
        if outcome.ok:
            self.text_drafts.saved()
            self.accept()
            return
        self.text_drafts.flush()  # not saved: what was typed is kept on disk at once
        if outcome.errors:
            self.show_errors(outcome.errors)
        # a conflict or other refusal was shown as a message; the form keeps what was typed

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: a changed form asks first."""
        if self.result() == QDialog.DialogCode.Accepted or not self.is_changed():
            self.text_drafts.discard()
            super().reject()
            return
        answer = drafts.ask_unsaved(self, self.windowTitle(), "Save the changes made in this form?")
        if answer == drafts.SAVE:
            self.save()  # closes the form when saved; otherwise it stays open, showing why
        elif answer == drafts.DISCARD:
            self.text_drafts.discard()
            super().reject()


def _digest(values: Mapping[str, Any]) -> str:
    """A short name for the values a form opened with: two forms with the same title (Edit
    item 4 of two meetings) keep their drafts apart."""
    text = json.dumps({k: _display(v.value if isinstance(v, StrEnum) else v) for k, v in values.items()},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def initial_from(row: Any, fields: Sequence[Field]) -> dict[str, Any]:
    return {f.name: getattr(row, f.name, None) for f in fields}
