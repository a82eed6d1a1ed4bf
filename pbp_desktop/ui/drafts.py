"""UI layer: drafts - what is typed into a free-text editor is kept, a moment after each change,
in a JSON file in the user's data folder, so that it survives a crash; it is removed when the
text is saved or deliberately discarded. One mechanism serves every editor (the minutes, the
text fields of every form, an action's update, a closing note)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit, QWidget

from ..config import data_dir

log = logging.getLogger(__name__)

DELAY_MS = 1000  # a draft is written this long after the last change (typing does not wait on disk)
FILE_NAME = "drafts.json"
FORMAT = 1


def drafts_file() -> Path:
    """Where drafts are kept: in the user's own data folder, not beside the register (which may
    be on a shared drive), since a draft may hold confidential minutes."""
    return data_dir() / FILE_NAME


# ---------------------------------------------------------------------------- the file

@dataclass(frozen=True)
class Draft:
    text: str
    cursor: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)
    kept_at: datetime | None = None  # when the drafts file holding it was last written

    def kept(self) -> str:
        """'14:02 on 23/11/2026', or '' when the time is not known."""
        return f"{self.kept_at:%H:%M} on {self.kept_at:%d/%m/%Y}" if self.kept_at else ""


class DraftStore:
    """One register's drafts in the drafts file. The file is shared by every register the user
    opens (each keeps its drafts under its own name) and by every copy of the app, so it is read
    again just before each write and replaced atomically: written to a temporary file beside
    it, flushed to disk, then renamed over it."""

    def __init__(self, path: Path, register: str):
        self.path = Path(path)
        self.register = register
        self.problem: str | None = None  # why drafts cannot be kept, once a write failed

    # ------------------------------------------------------------------ reading

    def _load(self) -> tuple[dict[str, Any], datetime | None]:
        try:
            raw = self.path.read_text(encoding="utf-8")
            kept_at = datetime.fromtimestamp(self.path.stat().st_mtime)
        except FileNotFoundError:
            return {"format": FORMAT, "registers": {}}, None
        except OSError as exc:
            log.warning("cannot read the drafts file %s: %s", self.path, exc)
            return {"format": FORMAT, "registers": {}}, None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("registers"), dict):
                raise ValueError("not a drafts file")
        except ValueError:
            self._set_aside()
            return {"format": FORMAT, "registers": {}}, None
        return data, kept_at

    def _set_aside(self) -> None:
        """A drafts file that cannot be read is kept under another name (it may still hold
        someone's words), never overwritten."""
        for n in range(1, 1000):
            target = self.path.with_name(f"{self.path.stem}-unreadable-{n}{self.path.suffix}")
            if not target.exists():
                with contextlib.suppress(OSError):
                    os.replace(self.path, target)
                    log.warning("the drafts file %s could not be read; it was kept as %s", self.path, target)
                return

    def _mine(self, data: dict[str, Any]) -> dict[str, Any]:
        mine = data["registers"].get(self.register)
        return mine if isinstance(mine, dict) else {}

    def get(self, key: str) -> Draft | None:
        data, kept_at = self._load()
        entry = self._mine(data).get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            return None
        cursor = entry.get("cursor")
        extra = entry.get("extra")
        return Draft(entry["text"], cursor if isinstance(cursor, int) else len(entry["text"]),
                     extra if isinstance(extra, dict) else {}, kept_at)

    def keys(self, prefix: str = "") -> list[str]:
        data, _ = self._load()
        return sorted(k for k in self._mine(data) if k.startswith(prefix))

    # ------------------------------------------------------------------ writing

    def put(self, key: str, text: str, cursor: int = 0, extra: Mapping[str, Any] | None = None) -> bool:
        return self._change(lambda mine: mine.__setitem__(key, {"text": text, "cursor": cursor,
                                                                "extra": dict(extra or {})}))

    def remove(self, *keys: str) -> bool:
        data, _ = self._load()
        if not any(k in self._mine(data) for k in keys):
            return True
        return self._change(lambda mine: [mine.pop(k, None) for k in keys])

    def _change(self, edit: Callable[[dict[str, Any]], object]) -> bool:
        data, _ = self._load()
        registers = data["registers"]
        mine = registers.setdefault(self.register, {})
        if not isinstance(mine, dict):
            mine = registers[self.register] = {}
        edit(mine)
        if not mine:
            registers.pop(self.register)
        try:
            self._write(data)
        except OSError as exc:
            self.problem = (f"Unsaved text cannot be kept as a draft in {self.path} ({exc.strerror or exc}); "
                            "save your work now.")
            log.warning("cannot write the drafts file %s: %s", self.path, exc)
            return False
        self.problem = None
        return True

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp: readable by this user only
                json.dump(data, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        with contextlib.suppress(OSError, AttributeError):  # the rename itself, on POSIX
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def store_for(ops: Any) -> DraftStore:
    """The drafts of the register `ops` works on (made once per Ops)."""
    store = getattr(ops, "_draft_store", None)
    if store is None:
        store = DraftStore(drafts_file(), ops.where())
        ops._draft_store = store
    return store


def find_ops(widget: QWidget | None) -> Any:
    """The Ops of the page or window a dialog was opened from (None outside the app)."""
    while widget is not None:
        ops = getattr(widget, "ops", None)
        if ops is not None and hasattr(ops, "where"):
            return ops
        widget = widget.parentWidget()
    return None


# ---------------------------------------------------------------------------- editors

def is_text_editor(widget: Any) -> bool:
    return isinstance(widget, (QPlainTextEdit, QTextEdit, QLineEdit))


def editor_text(widget: Any) -> str:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    return widget.text()


def editor_cursor(widget: Any) -> int:
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textCursor().position()
    return widget.cursorPosition()


def set_editor_cursor(widget: Any, position: int) -> None:
    position = max(0, min(position, len(editor_text(widget))))
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        cursor = widget.textCursor()
        cursor.setPosition(position, QTextCursor.MoveMode.MoveAnchor)
        widget.setTextCursor(cursor)
    else:
        widget.setCursorPosition(position)


def set_editor_text(widget: Any, text: str, cursor: int | None = None) -> None:
    """Show `text`. When it is already what the editor holds nothing is touched (the cursor,
    the selection, the scroll position and the editor's own undo stay as they are); otherwise
    the cursor goes back where it was (or to `cursor`), within the new text."""
    if editor_text(widget) == text:
        if cursor is not None:
            set_editor_cursor(widget, cursor)
        return
    at = editor_cursor(widget) if cursor is None else cursor
    bar = widget.verticalScrollBar().value() if isinstance(widget, (QPlainTextEdit, QTextEdit)) else None
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setPlainText(text)
    else:
        widget.setText(text)
    set_editor_cursor(widget, at)
    if bar is not None:
        widget.verticalScrollBar().setValue(bar)


class EditorDraft(QObject):
    """Keeps one editor's text as the draft of the record it shows. bind() says which record
    that is and what its saved text is (and returns the draft left from before, if any); a
    moment after each change the text is written under that key, or the draft removed when the
    text is back to what is saved; saved() and discard() remove it. `failed` says why a draft
    could not be written."""

    failed = Signal(str)

    def __init__(self, editor: QWidget, store: Callable[[], DraftStore | None], *,
                 extra: Callable[[], Mapping[str, Any]] | None = None, delay_ms: int = DELAY_MS,
                 parent: QObject | None = None):
        super().__init__(parent if parent is not None else editor)
        self.editor = editor
        self._store = store
        self._extra = extra or dict
        self.key: str | None = None
        self.saved_text = ""
        self.saved_extra: dict[str, Any] = {}
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.write)
        editor.textChanged.connect(self._on_editor_text_changed)

    def store(self) -> DraftStore | None:
        return self._store()

    def bind(self, key: str | None, saved_text: str, saved_extra: Mapping[str, Any] | None = None
             ) -> Draft | None:
        """The editor now edits `key`'s record, saved as `saved_text`. Writes what is pending for
        the record shown before. Returns the draft kept for this one when it differs from what
        is saved (a draft that says what is saved already is removed)."""
        self.flush()
        self.key, self.saved_text, self.saved_extra = key, saved_text, dict(saved_extra or {})
        store = self.store()
        if key is None or store is None:
            return None
        draft = store.get(key)
        if draft is None:
            return None
        if draft.text == saved_text and {k: v for k, v in draft.extra.items() if k in self.saved_extra} == \
                self.saved_extra:
            store.remove(key)
            return None
        return draft

    def load(self, text: str, cursor: int | None = None) -> None:
        """Put text into the editor from the program (not typed: no draft is written for it)."""
        with self.loading():
            set_editor_text(self.editor, text, cursor)

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        """Changes made meanwhile come from the program, not the user: no draft for them."""
        before, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = before

    def _on_editor_text_changed(self, *_: Any) -> None:
        self.touch()

    def touch(self) -> None:
        """Something the draft holds changed: write it a moment from now."""
        if self.key is not None and not self._loading:
            self.timer.start()

    def pending(self) -> bool:
        return self.timer.isActive()

    def differs(self) -> bool:
        extra = dict(self._extra())
        return editor_text(self.editor) != self.saved_text or any(
            self.saved_extra.get(k) != v for k, v in extra.items() if k in self.saved_extra)

    def flush(self) -> None:
        """Write the draft now, if a change is waiting for the timer."""
        if not self.timer.isActive():
            return
        self.timer.stop()
        self.write()

    def write(self) -> None:
        store = self.store()
        if self.key is None or store is None:
            return
        if self.differs():
            ok = store.put(self.key, editor_text(self.editor), editor_cursor(self.editor), self._extra())
        else:
            ok = store.remove(self.key)
        if not ok and store.problem:
            self.failed.emit(store.problem)

    def unbind(self) -> str | None:
        """Stop keeping drafts for the record shown (writing what is pending first); its key."""
        self.flush()
        key, self.key = self.key, None
        return key

    def saved(self) -> None:
        """The text was saved: the draft goes."""
        self.timer.stop()
        store = self.store()
        if self.key is not None and store is not None:
            store.remove(self.key)

    discard = saved  # deliberately thrown away: the draft goes too


class FieldDrafts:
    """Drafts for the free-text fields of a form (FieldWidgets by name), under `scope` (the
    record: "action:12:update", "form:Add risk"). restore() puts back what a crash left;
    saved() / discard() remove the drafts; differs() says whether any text was changed."""

    def __init__(self, ops: Any, scope: str, widgets: Mapping[str, Any], *, delay_ms: int = DELAY_MS):
        self.scope = scope
        self.drafts: dict[str, EditorDraft] = {}
        store = (lambda: store_for(ops)) if ops is not None else (lambda: None)
        for name, fw in widgets.items():
            widget = getattr(fw, "widget", fw)
            if fw.field.kind == "text" and is_text_editor(widget):
                self.drafts[name] = EditorDraft(widget, store, delay_ms=delay_ms)
        self.failed = [d.failed for d in self.drafts.values()]  # signals: why a draft could not be kept
        self.labels = {name: fw.field.label for name, fw in widgets.items()}

    def restore(self) -> str | None:
        """Bind each field to its draft key and put back any draft kept for it; a sentence for
        the user naming what was restored, or None."""
        restored, when = [], ""
        for name, d in self.drafts.items():
            draft = d.bind(f"{self.scope}:{name}", editor_text(d.editor))
            if draft is not None:
                set_editor_text(d.editor, draft.text, draft.cursor)  # typed before: kept as a draft
                d.timer.stop()
                restored.append(self.labels[name])
                when = when or draft.kept()
        if not restored:
            return None
        return (f"Restored unsaved text{' kept at ' + when if when else ''} in {', '.join(restored)}. "
                "Save keeps it; Cancel offers to discard it.")

    def rebind(self, scope: str) -> str | None:
        """The same fields now edit another record (the cover sheet of another meeting or
        session): what is pending is written under the old scope first."""
        self.flush()
        self.scope = scope
        return self.restore()

    def differs(self) -> bool:
        return any(d.differs() for d in self.drafts.values())

    def flush(self) -> None:
        for d in self.drafts.values():
            d.flush()

    def saved(self) -> None:
        for d in self.drafts.values():
            d.saved()

    discard = saved


# ---------------------------------------------------------------------------- asking

RESTORED_STYLE = "background: #FFF4D6; border: 1px solid #FFB81C; padding: 4px; color: #212B32;"


def restored_label() -> QLabel:
    """Where an editor says that it shows a restored draft (hidden until then)."""
    label = QLabel(objectName="draftRestored")
    label.setWordWrap(True)
    label.setStyleSheet(RESTORED_STYLE)
    label.hide()
    return label


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QWidget | None, title: str, question: str) -> str:
    """Save / Discard / Cancel, asked before unsaved text is left. (Tests replace this.)"""
    box = QMessageBox(QMessageBox.Icon.Question, title, question,
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
        QMessageBox.StandardButton(answer), CANCEL)
