"""UI layer: the register's lifecycle for the main window - opening (one path for start-up and
File > Open alike), a new register, the demo, backups, restoring one, the recent registers.
Opening runs on a worker (ui/work.py): checking, upgrading and warming a large register, and
the day's first backup, take seconds; the window answers meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog

from ..config import demo_register_path, to_url
from ..domain.errors import DamagedRegister, PbpError, plain_message
from . import work

if TYPE_CHECKING:
    from ..services import Register
    from .main_window import MainWindow

log = logging.getLogger(__name__)
MAX_RECENT = 8
REGISTER_FILTER = "PBP registers (*.sqlite *.db);;All files (*)"
Failed = Callable[[BaseException], bool]  # says why a register could not be opened; True if it recovered


def open_with_register(url: str, *, create: bool = False) -> Register:
    from ..services import Register  # SQLAlchemy is imported when a register is first opened
    return Register.open(url, create=create)


class Opened:
    """What the worker hands back: the register, ready for its screens, and what to say."""

    def __init__(self, register: Register, backup_problem: str | None = None):
        self.register = register
        self.backup_problem = backup_problem


class RegisterLifecycle(QObject):
    """Opens, creates, backs up and restores the window's register. Every opening - at start-up,
    File > Open, Open recent, New register, the demo, after a restore - goes through open()."""

    def __init__(self, window: MainWindow, settings: QSettings,
                 opener: Callable[..., Register] = open_with_register):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.opener = opener
        self.job: work.Job | None = None  # the opening under way

    @property
    def register(self) -> Register:
        """The register shown (the File menu's commands are enabled only when there is one)."""
        assert self.window.register is not None
        return self.window.register

    # ------------------------------------------------------------------ the one opening path

    def prepare(self, open_fn: Callable[[], Register], keep: int | None = None) -> Opened:
        """On the worker: open the register (checked, upgraded if due), take the day's first
        backup and make what the first screens read. Start-up and File > Open alike."""
        register = open_fn()
        problem = None
        try:
            register.ensure_daily_backup(keep)
        except PbpError as exc:
            log.warning("daily backup: %s", exc)
            problem = f"Today's backup could not be written: {exc}"
        try:
            register.warm()
        except Exception:  # noqa: BLE001 - the screens read again, and say what is wrong
            log.exception("reading the register ahead of its screens")
        return Opened(register, problem)

    def open(self, open_fn: Callable[[], Register], where: str = "", *, failed: Failed | None = None,
             wait: bool = False) -> bool:
        """Open a register off the window's thread and show it. With no register shown yet (at
        start-up) the window says what is being opened; otherwise a progress dialog does, over
        the register still shown. `failed(error)` says why it could not be opened (by default
        File > Open's way: a damaged register offers its backup; the one shown is kept).
        wait=True turns the event loop until it is done and returns whether it opened."""
        failed = failed or self.say_why
        starting = self.window.register is None
        if starting:
            self.window.show_opening(where)
        title = f"Opening {where}…" if where else "Opening the register…"
        result = {"opened": False}

        def done(job: work.Job) -> None:
            if self.job is not job:  # the window was closed meanwhile; wait_for_opening closed it
                return
            self.job = None
            self.window.opening_finished()
            if job.error is not None:
                result["opened"] = failed(job.error)
                return
            opened: Opened = job.value()
            self.window.set_register(opened.register)
            if opened.backup_problem:
                self.window.warn("Daily backup", opened.backup_problem)
            result["opened"] = True
        keep = self.kept_setting()  # read here: the settings are the window thread's
        job = work.start(None if starting else self.window, title, lambda _progress: self.prepare(open_fn, keep), done,
                         cancellable=False)
        self.job = job
        if wait:
            job.wait()  # `done` has run when it returns
        return result["opened"]

    def opening(self) -> bool:
        return self.job is not None

    def wait_for_opening(self) -> None:
        """When the app ends while a register is still being opened: let it finish (a migration is
        never cut off mid-write), then close it."""
        job, self.job = self.job, None
        if job is None:
            return
        job.join()
        if job.error is None and job.result is not None:
            job.result.register.close()

    def say_why(self, error: BaseException) -> bool:
        """Why the register chosen could not be opened, in a sentence; a damaged one offers its
        newest backup. The register shown stays open."""
        if isinstance(error, DamagedRegister):
            return self.offer_restore(error)
        if isinstance(error, PbpError):
            self.window.warn("Open register", str(error))
            return False
        said = plain_message(error)  # a file it cannot read, a register another program holds locked
        if said is None:
            log.error("opening a register", exc_info=(type(error), error, error.__traceback__))
            self.window.warn("Open register", "The register could not be opened; the details are in the log.",
                             critical=True)
        else:
            self.window.warn("Open register", said)
        return False

    def open_url(self, url: str, *, create: bool = False) -> bool:
        return self.open(lambda: self.opener(url, create=create), _name(url), wait=True)

    # ------------------------------------------------------------------ File menu

    def open_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Open register", str(Path.home()), REGISTER_FILTER)
            if not path:
                return False
        return self.open_url(to_url(path))

    def new_register(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, "New register", str(Path.home() / "register.sqlite"),
                                                  REGISTER_FILTER)
            if not path:
                return False
        if Path(path).exists():
            self.window.warn("New register", f"'{path}' already exists; a new register is never written over a file.")
            return False
        return self.open_url(to_url(path), create=True)

    def open_demo(self) -> bool:
        from ..services.demo import open_demo
        return self.open(lambda: open_demo(demo_register_path()), "the demo register", wait=True)

    def kept_setting(self) -> int | None:
        """How many backups to keep, as set; None for the register's own default."""
        try:
            return int(str(self.settings.value("backup/keep", 0) or 0)) or None
        except (TypeError, ValueError):  # a setting edited by hand: the register's own default
            return None

    def keep_backups(self) -> int:
        from ..services.register import DEFAULT_KEEP  # loaded by then: a register is open
        return self.kept_setting() or DEFAULT_KEEP

    def backup_now(self) -> Path | None:
        register, keep = self.register, self.keep_backups()
        try:  # a large register's copy takes a moment: on a worker, the window answering
            written = work.run(self.window, "Backing up the register…",
                               lambda _progress: register.backup_now("manual", keep), cancellable=False).value()
        except PbpError as exc:
            self.window.warn("Back up", str(exc))
            return None
        self.window.statusBar().showMessage(f"Backed up to {written}", 8000)
        return written

    def backup_copy(self, path: str | None = None) -> Path | None:
        register = self.register
        if path is None:
            suggested = (register.path.with_name(register.path.stem + "-copy.sqlite")
                         if register.path else Path.home() / "register-copy.sqlite")
            path, _ = QFileDialog.getSaveFileName(self.window, "Back up a copy", str(suggested), REGISTER_FILTER)
            if not path:
                return None
        target = Path(path)
        try:
            written = work.run(self.window, "Writing a copy of the register…",
                               lambda _progress: register.backup_copy(target), cancellable=False).value()
        except PbpError as exc:
            self.window.warn("Back up a copy", str(exc))
            return None
        self.window.statusBar().showMessage(f"A copy of the register was written to {written}", 8000)
        return written

    # ------------------------------------------------------------------ restoring

    def offer_restore(self, exc: DamagedRegister) -> bool:
        """A damaged register: say so, and offer its newest backup (nothing was written to it)."""
        if not exc.backups:
            self.window.warn("Damaged register", str(exc), critical=True)
            return False
        newest = exc.backups[0]
        if not self.window.confirm("Damaged register", f"{exc}\n\nRestore the backup of "
                                   f"{newest.taken_at:%d/%m/%Y %H:%M} UTC now? The damaged file is kept beside it."):
            return False
        return self.restore_from(Path(str(exc.path)), newest.path)

    def restore_from(self, register_path: Path, backup: Path) -> bool:
        """Replace the register's file with a backup (checked first; the file as it is now is
        backed up first), then open it - through the one opening path."""
        from ..services.register import restore_backup
        current = self.window.register
        same = current is not None and current.path is not None and current.path.resolve() == register_path.resolve()
        if current is not None and same:
            current.close()
        keep = self.keep_backups()
        try:
            saved = restore_backup(register_path, backup, keep)
        except PbpError as exc:
            self.window.warn("Restore", str(exc))
            if same:
                self.window.set_register(self.opener(to_url(register_path)))
            return False
        opened = self.open_url(to_url(register_path))
        if opened:
            where = f" The register as it was is kept in {saved}." if saved else ""
            self.window.statusBar().showMessage(f"Restored from {backup.name}.{where}", 12000)
        return opened

    def restore_backup_dialog(self, choice: int | None = None) -> bool:
        register = self.register
        try:
            backups = register.backups()
        except PbpError as exc:
            self.window.warn("Restore", str(exc))
            return False
        if not backups:
            self.window.warn("Restore", "There are no backups of this register yet (File > Back up now).")
            return False
        labels = [f"{b.taken_at:%d/%m/%Y %H:%M:%S} UTC · {b.reason} · {b.size / 1024:,.0f} KB" for b in backups]
        if choice is None:
            label, ok = QInputDialog.getItem(self.window, "Restore from a backup", "Backup to restore:", labels, 0, False)
            if not ok:
                return False
            choice = labels.index(label)
        chosen = backups[choice]
        if not self.window.confirm("Restore", f"Replace the register with the backup of {labels[choice]}? "
                                              "The register as it is now is backed up first."):
            return False
        return self.restore_from(Path(str(register.path)), chosen.path)

    # ------------------------------------------------------------------ recent registers

    def remember(self, register: Register) -> None:
        where = str(register.path) if register.path else register.opened.url
        self.settings.setValue("register/last", where)
        recent = [r for r in self.recent() if r != where]
        self.settings.setValue("register/recent", [where, *recent][:MAX_RECENT])

    def recent(self) -> list[str]:
        recent = self.settings.value("register/recent", []) or []
        return [str(r) for r in recent] if isinstance(recent, list | tuple) else [str(recent)]


def _name(url: str) -> str:
    """A register as the progress dialog names it: a file's name; a server's database without
    its password."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).name
    from ..services.register import Register
    return Register.shown(url)
