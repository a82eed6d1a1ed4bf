"""UI layer: the one place the screens call services and show their errors. Every command goes
through execute() (called by the named operations in ui/operations/): on success it joins the
undo stack and `executed` tells the views what it touched and which view started it; a refusal
is returned (for forms to show beside their fields) or shown plainly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import (
    ConflictError,
    PbpError,
    ValidationError,
    ValidationFailed,
    plain_message,
)
from ..readmodels import Changes

if TYPE_CHECKING:
    from ..services import Register

T = TypeVar("T")
D = TypeVar("D")  # what a read gives when it fails (an empty list, None)
log = logging.getLogger(__name__)

UNEXPECTED = ("Something went wrong and nothing was changed. The details were written to the "
              "log file (Help > About says where).")


@dataclass(frozen=True)
class Outcome:
    """What a command came to: the changes it made, or the field errors that stopped it."""

    changes: Changes | None = None
    errors: tuple[ValidationError, ...] = ()
    refused: str | None = None  # a refusal that is not about one field (conflict, missing record)
    cancelled: bool = False  # long work the user cancelled: nothing was written

    @property
    def ok(self) -> bool:
        return self.changes is not None


class BatchCommand(QUndoCommand):
    """One service command on the undo stack, undone and redone through the change log."""

    def __init__(self, ops: Ops, text: str, batch: str):
        super().__init__(text)
        self._ops = ops
        self._batch = batch
        self._undo_batch: str | None = None
        self._first = True

    def redo(self) -> None:
        if self._first:  # pushed after the command ran: nothing to do the first time
            self._first = False
            return
        assert self._undo_batch is not None
        changes = self._ops._history(lambda: self._ops.register.history.redo(self._undo_batch), self.text())
        if changes is None:
            self.setObsolete(True)
        else:
            self._batch = changes.batch

    def undo(self) -> None:
        changes = self._ops._history(lambda: self._ops.register.history.undo(self._batch), self.text())
        if changes is None:
            self.setObsolete(True)
        else:
            self._undo_batch = changes.batch


class Ops(QObject):
    """Runs commands and tells the views. Two signals say the same thing: `executed` carries
    (changes, initiator), the view that started the command (None for undo, redo and other
    writers), so that view refreshes softly, keeping its selection, scroll and editor (Anki's
    operation_did_execute(changes, handler)); `changed` carries the changes alone, for listeners
    that do not care who started it."""

    changed = Signal(object)  # Changes
    executed = Signal(object, object)  # Changes, initiator (a widget, or None)

    def __init__(self, register: Register, parent_widget: QWidget | None = None):
        super().__init__()
        self.register = register
        self.parent_widget = parent_widget
        self.undo_stack = QUndoStack(self)
        self.messages: list[str] = []  # every message shown, newest last (tests read it)
        self._seen = self._latest_change_id()

    def where(self) -> str:
        return str(self.register.path or self.register.opened.url)

    # ------------------------------------------------------------------ commands

    def execute(self, text: str, fn: Callable[[], Changes], *, show_errors: bool = True,
                initiator: object | None = None) -> Outcome:
        """Run a service command. With show_errors=False a field-level refusal is only returned
        (a form shows it beside its fields); anything else is always shown to the user.
        `initiator` is the view that started it: told so with the changes, it keeps its place."""
        try:
            changes = fn()
        except ValidationFailed as exc:
            if show_errors:
                self.warn(text, "\n".join(str(e) for e in exc.errors))
            return Outcome(errors=exc.errors)
        except ConflictError as exc:
            self.warn(text, str(exc))
            return Outcome(refused=str(exc))
        except PbpError as exc:
            self.warn(text, str(exc))
            return Outcome(refused=str(exc))
        except Exception as exc:  # noqa: BLE001 - the user gets a sentence, the log gets the details
            said = self.explain(exc, f"in {text}")
            return Outcome(refused=said)
        if not isinstance(changes, Changes):  # every command says what it changed
            raise TypeError(f"{text}: the command returned {type(changes).__name__}, not Changes")
        if not changes.empty:
            self.undo_stack.push(BatchCommand(self, text, changes.batch))
            self._catch_up(own=True)
            self._emit(changes, initiator)
        return Outcome(changes=changes)

    def _emit(self, changes: Changes, initiator: object | None = None) -> None:
        self.changed.emit(changes)
        self.executed.emit(changes, initiator)

    # ------------------------------------------------------------------ other writers

    def _latest_change_id(self) -> int:
        try:
            return self.register.queries.latest_change_id()
        except Exception:  # noqa: BLE001 - a register that cannot be read is reported elsewhere
            return 0

    def _catch_up(self, *, own: bool) -> Changes | None:
        """What others wrote since we last looked (our own commands are skipped past)."""
        latest = self._latest_change_id()
        if latest <= self._seen:
            return None
        if own:
            self._seen = latest
            return None
        rows = self.register.queries.change_log(after_id=self._seen)
        self._seen = latest
        created, updated, deleted = set(), set(), set()
        for r in rows:
            key = (r.entity, r.entity_id)
            {"create": created, "update": updated, "delete": deleted}[r.change.value].add(key)
        return Changes(batch="", created=frozenset(created), updated=frozenset(updated), deleted=frozenset(deleted))

    def poll(self) -> Changes | None:
        """Notice changes made by another copy of the app or another user; tell the views."""
        try:
            changes = self._catch_up(own=False)
        except Exception:  # noqa: BLE001
            log.exception("polling the register for other writers' changes")
            return None
        if changes is not None and not changes.empty:
            self._emit(changes)
        return changes

    def notify(self, *entities: str) -> None:
        """Tell the views that records of these kinds changed, for a command that is not undone."""
        self._catch_up(own=True)
        self._emit(Changes(created=frozenset((e, 0) for e in entities)))

    def _history(self, fn: Callable[[], Changes], text: str) -> Changes | None:
        try:
            changes = fn()
        except (ValidationFailed, PbpError) as exc:
            self.warn("Undo / Redo",
                      f"'{text}' could not be reversed: {exc}. It was taken off the undo list; "
                      "nothing was changed.")
            return None
        except Exception as exc:  # noqa: BLE001
            self.explain(exc, f"undoing {text}", title="Undo / Redo")
            return None
        self._catch_up(own=True)
        self._emit(changes)
        return changes

    def read(self, fn: Callable[[], T], default: D) -> T | D:
        """Run a query; on an unexpected failure show a plain message and return `default`."""
        try:
            return fn()
        except PbpError as exc:
            self.warn("PBP Desktop", str(exc))
        except Exception as exc:  # noqa: BLE001
            self.explain(exc, "reading the register", title="PBP Desktop")
        return default

    def explain(self, exc: BaseException, doing: str, *, title: str | None = None, file: str | None = None) -> str:
        """Show what went wrong in one sentence and return it: an ordinary condition (a full
        disk, a folder where a file was expected, permission denied, a file that is not UTF-8,
        a register another program holds locked) as what it is; anything else as unexpected,
        with the details in the log."""
        said = plain_message(exc, file)
        if said is not None:
            log.info("%s: %s", doing, said)
            self.warn(title or "PBP Desktop", said)
            return said
        log.error("unexpected error %s", doing, exc_info=(type(exc), exc, exc.__traceback__))
        self.warn(title or "PBP Desktop", UNEXPECTED, critical=True)
        return UNEXPECTED

    # ------------------------------------------------------------------ messages

    def warn(self, title: str, message: str, *, critical: bool = False) -> None:
        self.messages.append(message)
        box = QMessageBox(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning,
                          title, message, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("opsMessage")
        box.open() if self._non_blocking else box.exec()

    _non_blocking = False  # tests set this so a message never waits for a click

    def confirm(self, title: str, question: str) -> bool:
        if self._non_blocking:
            return self._auto_confirm
        answer = QMessageBox.question(self.parent_widget, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    _auto_confirm = True
