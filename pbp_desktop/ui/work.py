"""UI layer: long work off the window's thread (printing a pack, importing, exporting, opening a
register). The work runs on a worker thread with a Progress (domain/progress.py) to report to and
to hear Cancel from; a window-modal progress dialog shows how far it has gone, with Cancel; the
result or the error comes back on the window's thread. After Anki's taskman / CollectionOp.

Two ways to wait: start() calls back when the work is done (the window's start-up uses it);
run() turns the window's event loop until it is done and then returns (the dialogs use it, so
that `print_to_file` still returns what it printed): either way the window repaints, its timers
fire and Cancel answers, while the progress dialog keeps the user's hands off the window.
The work itself opens its own database connections (each service call opens a session of its
own, and a register's SQLite engine opens a connection per session), so none crosses threads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.progress import Cancelled, Progress

if TYPE_CHECKING:
    from ..readmodels import Changes
    from .ops import Ops, Outcome

T = TypeVar("T")
log = logging.getLogger(__name__)
RUNNING: set[Job] = set()  # work under way, so that the app can cancel it and wait when it ends


class _Relay(QObject):
    """The one QObject the work talks through, living on the window's thread: a worker's reports,
    its end, and a call it needs made on the window's thread are queued to it. A Job is a plain
    object, so that however it is dropped, on whichever thread the collector runs, no QObject is
    ever destroyed on a worker's thread."""

    progressed = Signal(object, int, int, str)  # the job, done, total, what now
    finished = Signal(object)  # the job
    call = Signal(object)  # {"fn": ...}, run on the window's thread while the worker waits
    instance: _Relay | None = None

    @classmethod
    def get(cls) -> _Relay:  # made on the window's thread, before any work starts
        if cls.instance is None:
            relay = cls.instance = cls()
            relay.progressed.connect(relay._on_progressed, Qt.ConnectionType.QueuedConnection)
            relay.finished.connect(relay._on_finished, Qt.ConnectionType.QueuedConnection)
            relay.call.connect(relay._on_call, Qt.ConnectionType.BlockingQueuedConnection)
        return cls.instance

    @Slot(object, int, int, str)
    def _on_progressed(self, job: Job, done: int, total: int, note: str) -> None:
        job._on_progressed(done, total, note)

    @Slot(object)
    def _on_finished(self, job: Job) -> None:
        job._on_finished()

    @Slot(object)
    def _on_call(self, box: dict) -> None:
        try:
            box["result"] = box["fn"]()
        except BaseException as exc:  # noqa: BLE001 - raised again on the worker's side
            box["error"] = exc


class Job(Generic[T]):
    """One piece of long work on its own thread. `value()` on the window's thread gives its
    result or raises its error (Cancelled when the user cancelled it)."""

    show_after_ms = 400  # quick work shows no dialog at all; tests set 0

    def __init__(self, title: str, fn: Callable[[Progress], T], parent: QWidget | None = None, *,
                 cancellable: bool = True):
        self.cancellable = cancellable
        self.title = title
        self._fn = fn
        self.parent_widget = parent
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = False
        self._then: list[Callable[[Job[T]], None]] = []
        self._cancel = threading.Event()
        self._relay = _Relay.get()
        self.progress = Progress(self._report, self._cancel.is_set)
        self.dialog: QProgressDialog | None = None
        self._loops: list[QEventLoop] = []
        self.worker = threading.Thread(target=self._run, name=f"work: {title}", daemon=True)

    # ------------------------------------------------------------------ on the worker thread

    def _run(self) -> None:
        try:
            self.result = self._fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread, which says what it is
            self.error = exc
        self._relay.finished.emit(self)

    def _report(self, done: int, total: int, note: str) -> None:
        self._relay.progressed.emit(self, done, total, note)

    # ------------------------------------------------------------------ on the window's thread

    def start(self) -> Job[T]:
        RUNNING.add(self)
        if self.parent_widget is not None:
            # no end known until the work first reports (opening a register never does): a busy bar
            self.dialog = QProgressDialog(self.title, "&Cancel", 0, 0, self.parent_widget)
            self.dialog.setObjectName("workProgress")
            self.dialog.setWindowTitle(self.title.rstrip("…"))
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setMinimumDuration(2**30)  # shown by the timer below, not by setValue
            self.dialog.setMinimumWidth(420)
            if self.cancellable:
                self.dialog.canceled.connect(self.cancel)
            else:  # opening a register: an upgrade is never cut off mid-write
                self.dialog.setCancelButton(None)
            self.dialog.reset()  # QProgressDialog shows itself on construction otherwise
            QTimer.singleShot(self.show_after_ms, self._show_dialog)
        self.worker.start()
        return self

    def _show_dialog(self) -> None:
        if not self.done and self.dialog is not None:
            self.dialog.show()

    def _on_progressed(self, done: int, total: int, note: str) -> None:
        if self.dialog is None or self.done:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if not self._cancel.is_set():
            self.dialog.setLabelText(f"{self.title}\n{note}" if note else self.title)

    def cancel(self) -> None:
        """Ask the work to stop where it next checks; it rolls back or removes what it wrote."""
        self._cancel.set()
        if self.dialog is not None and not self.done:
            self.dialog.setLabelText(f"{self.title}\nCancelling…")

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)

    def _on_finished(self) -> None:
        self.worker.join()  # it has only to return now
        self.done = True
        RUNNING.discard(self)
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        for loop in self._loops:
            loop.quit()  # wait() returns once this (and what follows) is done
        then, self._then = self._then, []
        for fn in then:
            fn(self)

    def wait(self) -> Job[T]:
        """Turn the event loop until the work is done (the window repaints and answers meanwhile)."""
        if not self.done:  # _on_finished (queued to this thread) has not run yet: it ends the loop
            loop = QEventLoop()
            self._loops.append(loop)
            try:
                loop.exec()
            finally:
                self._loops.remove(loop)
        return self

    def join(self) -> None:
        """Wait for the thread itself, without turning the event loop (the app is ending)."""
        self.worker.join()

    def value(self) -> T:
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


def in_window_thread(fn: Callable[[], T]) -> T:
    """From long work: run `fn` on the window's thread and wait for it (a printer is driven from
    there, not from a worker)."""
    if threading.current_thread() is threading.main_thread() or _Relay.instance is None:
        return fn()
    box: dict[str, Any] = {"fn": fn}
    _Relay.instance.call.emit(box)  # returns once the window's thread has run it
    if box.get("error") is not None:
        raise box["error"]
    return box["result"]


def start(parent: QWidget | None, title: str, fn: Callable[[Progress], T],
          then: Callable[[Job[T]], None] | None = None, *, cancellable: bool = True) -> Job[T]:
    """Start `fn(progress)` on a worker thread; `then(job)` runs on the window's thread after.
    With a parent, a progress dialog shows it (with Cancel, unless the work cannot be cancelled)."""
    job: Job[T] = Job(title, fn, parent, cancellable=cancellable)
    if then is not None:
        job._then.append(then)
    return job.start()


def run(parent: QWidget | None, title: str, fn: Callable[[Progress], T], *, cancellable: bool = True) -> Job[T]:
    """Run `fn(progress)` on a worker thread with a progress dialog, the event loop turning
    until it is done; then the job (its value() or its error)."""
    return start(parent, title, fn, cancellable=cancellable).wait()


def run_command(ops: Ops, text: str, fn: Callable[[Progress], Changes], *, show_errors: bool = True,
                title: str | None = None) -> Outcome:
    """A long service command through the one mutation path: run off the window's thread with
    progress and Cancel, then handed to Ops.execute on the window's thread (the undo stack, the
    views told what changed, a failure said in one plain sentence). Cancelled, nothing was
    written and nothing is said but that."""
    from .ops import Outcome
    job = run(ops.parent_widget, title or f"{text}…", fn)
    if job.cancelled:
        ops.messages.append(f"{text}: cancelled; nothing was written.")
        return Outcome(cancelled=True)
    return ops.execute(text, job.value, show_errors=show_errors)


def cancel_all() -> None:
    for job in list(RUNNING):
        job.cancel()


def wait_all() -> None:
    """When the app ends: cancel what is running and let it stop (a transaction is rolled back,
    a file being written is removed), never cut off mid-write."""
    cancel_all()
    for job in list(RUNNING):
        job.join()
