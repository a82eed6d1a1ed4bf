"""UI layer: the main window - a navigation list of the screens, the File/Edit/View/Help
menus, the undo stack, and what is remembered between runs (layout, last and recent registers)."""

from __future__ import annotations

import gc
import html
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..config import demo_register_path, log_dir
from ..domain.errors import DamagedRegister
from ..domain.records import PARTNERSHIP
from . import work
from .forms import FormDialog, initial_from
from .history import HistoryDialog
from .lifecycle import MAX_RECENT, REGISTER_FILTER, RegisterLifecycle, open_with_register
from .operations import settings as settings_ops
from .operations.settings import remember_user_name, user_name
from .ops import Ops
from .pages.actions import ActionsPage
from .pages.dashboard import DashboardPage
from .pages.interests import InterestsPage
from .pages.meetings import MeetingsPage
from .pages.outcomes import OutcomesPage
from .pages.packs import PacksPage
from .pages.partners import PartnersPage
from .pages.people import PeoplePage
from .pages.programmes import ProgrammesPage
from .pages.risks import RisksPage
from .theme import NHS_BLUE
from .widgets import _discard, button, keyboard_view

if TYPE_CHECKING:
    from ..services import Register

log = logging.getLogger(__name__)
PAGES = (DashboardPage, PartnersPage, PeoplePage, OutcomesPage, RisksPage, ActionsPage, ProgrammesPage, MeetingsPage,
         InterestsPage, PacksPage)
POLL_MS = 5000  # how often to look for changes made by another copy of the app or another user
__all__ = ["MAX_RECENT", "PAGES", "REGISTER_FILTER", "MainWindow", "open_with_register"]


def _settle_collector() -> None:
    """Once a register's screens are built, most of the app's objects live as long as it does
    (modules, widgets, the register's tree): move them out of the collector's way. Its full
    passes over them took 25-70 ms, a stall in the middle of whatever the user did next; what
    a previous register left is collected first."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class MainWindow(QMainWindow):
    register_shown = Signal()  # a register was opened and its screens made
    def __init__(self, register: Register | None, *, settings: QSettings | None = None,
                 opener: Callable[..., Register] = open_with_register):
        """With register=None the window starts empty; open_in_background() fills it."""
        super().__init__()
        self.settings = settings or QSettings()
        self.register: Register | None = None
        self.ops: Ops | None = None
        self.pages: list = []
        self.lifecycle = RegisterLifecycle(self, self.settings, opener)  # open, new, back up, restore
        self.open_failed = False  # the register named could not be opened (the app then ends)
        self.nav = keyboard_view(QListWidget())
        self.nav.setAccessibleName("Screens")
        self.nav.setObjectName("nav")
        self.nav.setMaximumWidth(230)
        for i, cls in enumerate(PAGES, start=1):
            item = QListWidgetItem(cls.title)
            item.setToolTip(f"{cls.title} (Ctrl+{i})")
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.banner = self._make_banner()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.banner)
        rl.addWidget(self.stack, 1)
        split = QSplitter()
        split.addWidget(self.nav)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 1100])
        self.setCentralWidget(split)
        self._make_menus()
        self.statusBar()
        if register is not None:
            self.set_register(register)
        else:
            self.show_opening("")
        self.resize(1280, 820)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.nav.setCurrentRow(int(self.settings.value("window/page", 0) or 0))
        # another copy of the app, or another user of a shared register, may change it too
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self.poll_timer.start()

    # ------------------------------------------------------------------ register

    def set_register(self, register: Register) -> None:
        if self.ops is not None:
            self.ops.undo_stack.indexChanged.disconnect(self._update_undo_actions)
            self.ops.undo_stack.cleanChanged.disconnect(self._update_undo_actions)
            self.ops.changed.disconnect(self._on_ops_changed)
        old = self.register
        self.register = register
        register.set_user_name(user_name(self.settings))  # the papers' author: the user's name, never the login
        self.ops = Ops(register, self)
        self.ops.setParent(self)  # lives as long as the window, unless replaced
        index = self.nav.currentRow()  # the screen chosen, even while the register was opening
        while self.stack.count():
            w = self.stack.widget(0)
            self.stack.removeWidget(w)
            w.deleteLater()
        self.pages = [cls(self.ops) for cls in PAGES]
        for page in self.pages:
            # each screen scrolls when the window is small or the display scaled up (125%, 150%),
            # so no screen forces the window to be bigger than a laptop's
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
        self.stack.setCurrentIndex(max(index, 0))
        self._bind_undo()
        if old is not None and old is not register:
            old.close()
        self._remember(register)
        self._update_title()
        self._update_banner()
        self.register_shown.emit()
        QTimer.singleShot(0, _settle_collector)  # once the first screen has read and shown it

    # ------------------------------------------------------------------ opening on a worker thread

    def show_opening(self, where: str) -> None:
        """The window while a register is being opened: the screens are listed but wait for it,
        the menus wait too, and the page says what is being opened."""
        page = QWidget()
        page.setObjectName("opening")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.opening_label = QLabel(f"Opening the register{f' <b>{html.escape(where)}</b>' if where else ''}…<br>"
                                    "<span style='color:#425563'>It is checked each time it is opened; "
                                    "a large register takes a few seconds.</span>")
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setWordWrap(True)
        layout.addWidget(self.opening_label)
        busy = QProgressBar()
        busy.setRange(0, 0)  # no end known: the bar shows that work goes on
        busy.setTextVisible(False)
        busy.setFixedWidth(280)
        busy.setAccessibleName("Opening the register")
        layout.addWidget(busy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        while self.stack.count():
            w = self.stack.widget(0)
            self.stack.removeWidget(w)
            w.deleteLater()
        self.stack.addWidget(page)
        self.banner.setVisible(False)
        self.nav.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.setWindowTitle("Opening the register - PBP Desktop")

    def open_in_background(self, open_fn: Callable[[], Register],
                           failed: Callable[[BaseException], bool] | None = None, where: str = "") -> None:
        """Open a register on a worker thread while the window stays on screen and answers: the
        one opening path (ui/lifecycle.py), here as the app's start-up takes it."""
        self.lifecycle.open(open_fn, where, failed=failed)

    def opening_finished(self) -> None:
        self.nav.setEnabled(True)
        self.menuBar().setEnabled(True)

    def opening(self) -> bool:
        return self.lifecycle.opening()

    def wait_for_opening(self) -> None:
        self.lifecycle.wait_for_opening()

    def _on_poll_timer_timeout(self) -> None:
        if self.ops is None:
            return
        changes = self.ops.poll()
        if changes is not None and not changes.empty:
            self.statusBar().showMessage("Updated with changes made elsewhere (another copy of the app or user).", 8000)

    def keep_backups(self) -> int:
        return self.lifecycle.keep_backups()

    def _remember(self, register: Register) -> None:
        self.lifecycle.remember(register)
        self._fill_recent()

    def warn(self, title: str, message: str, *, critical: bool = False) -> None:
        """A message over the window: through Ops once a register is open (tests read them there)."""
        if self.ops is not None:
            self.ops.warn(title, message, critical=critical)
        elif critical:
            QMessageBox.critical(self, title, message)
        else:
            QMessageBox.warning(self, title, message)

    def confirm(self, title: str, question: str) -> bool:
        if self.ops is not None:
            return self.ops.confirm(title, question)
        answer = QMessageBox.question(self, title, question, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _update_title(self) -> None:
        p = self.ops.read(self.register.queries.partnership, None)
        name = p.name if p else "New register"
        reason = self.read_only_reason()
        self.setWindowTitle(f"{name}{' (read-only)' if reason else ''} - PBP Desktop")
        if reason:  # opened for reading because it cannot be written: not damaged, and said why
            self.statusBar().showMessage(f"The register is read-only ({reason}): you can read it and preview "
                                         "packs; changes will be refused (printing a pack records it).")

    def read_only_reason(self) -> str | None:
        """Why the register was opened read-only (its disk, folder or file cannot be written)."""
        opened = getattr(self.register, "opened", None)
        return getattr(opened, "readonly_reason", None)

    # ------------------------------------------------------------------ the register's lifecycle (ui/lifecycle.py)

    def open_url(self, url: str, *, create: bool = False) -> bool:
        return self.lifecycle.open_url(url, create=create)

    def offer_restore(self, exc: DamagedRegister) -> bool:
        return self.lifecycle.offer_restore(exc)

    def restore_from(self, register_path: Path, backup: Path) -> bool:
        return self.lifecycle.restore_from(register_path, backup)

    def restore_backup_dialog(self, choice: int | None = None) -> bool:
        return self.lifecycle.restore_backup_dialog(choice)

    def backup_now(self) -> Path | None:
        return self.lifecycle.backup_now()

    def new_register(self, path: str | None = None) -> bool:
        if not self.lifecycle.new_register(path):
            return False
        self.edit_partnership()
        return True

    def open_file(self, path: str | None = None) -> bool:
        return self.lifecycle.open_file(path)

    def open_demo(self) -> bool:
        return self.lifecycle.open_demo()

    def backup_copy(self, path: str | None = None) -> Path | None:
        return self.lifecycle.backup_copy(path)

    def edit_partnership(self) -> None:
        row = self.ops.read(self.register.queries.partnership, None)
        dialog = FormDialog("Partnership", PARTNERSHIP, partial(settings_ops.save_partnership, self.ops, row, parent=self),
            initial=initial_from(row, PARTNERSHIP) if row else {"fy_start_month": 4},
            send_all=row is None, parent=self)
        self.pages[0].run_dialog(dialog)
        self._update_title()

    # ------------------------------------------------------------------ banner

    def _make_banner(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("banner")
        frame.setStyleSheet(f"QFrame#banner {{ background: #E8EDEE; border-left: 4px solid {NHS_BLUE}; }}")
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        layout = QHBoxLayout(frame)
        layout.addWidget(self.banner_text, 1)
        layout.addWidget(button("New re&gister…", lambda: self.new_register()))
        layout.addWidget(button("Open…", lambda: self.open_file()))
        return frame

    def _update_banner(self) -> None:
        is_demo = self.register.path is not None and self.register.path.resolve() == demo_register_path().resolve()
        self.banner.setVisible(is_demo)
        self.banner_text.setText("You are looking at the <b>demo register</b>, built from public board papers of "
                                 "the Sandwell Integrated Care Alliance. Start your own register when you are ready; "
                                 "the demo stays under File > Open demo register.")

    # ------------------------------------------------------------------ menus

    def _action(self, menu, text: str, slot, shortcut=None, name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: _discard(slot()))
        menu.addAction(action)
        if name:
            setattr(self, name, action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        f = bar.addMenu("&File")
        self._action(f, "&New register…", lambda: self.new_register(), QKeySequence.StandardKey.New, "act_new")
        self._action(f, "&Open…", lambda: self.open_file(), QKeySequence.StandardKey.Open, "act_open")
        self.recent_menu = f.addMenu("Open &recent")
        self._action(f, "Open &demo register", self.open_demo, None, "act_demo")
        f.addSeparator()
        self._action(f, "&Partnership details…", self.edit_partnership, None, "act_partnership")
        self._action(f, "&Import actuals…", self.import_actuals, "Ctrl+I", "act_import")
        self._action(f, "Import &milestones…", self.import_milestones, None, "act_import_milestones")
        self._action(f, "&Export…", self.export_register, "Ctrl+E", "act_export")
        self._action(f, "Import &template…", self.save_template, None, "act_template")
        self._action(f, "P&rint pack…", self.print_pack, QKeySequence.StandardKey.Print, "act_print")
        self._action(f, "&Back up now", self.backup_now, "Ctrl+Shift+B", "act_backup_now")
        self._action(f, "Back up a &copy…", lambda: self.backup_copy(), None, "act_backup")
        self._action(f, "Re&store from a backup…", lambda: self.restore_backup_dialog(), None, "act_restore")
        self._action(f, "Register &history…", self.show_register_history, None, "act_history")
        f.addSeparator()
        self._action(f, "&Quit", self.close, QKeySequence.StandardKey.Quit, "act_quit")
        e = bar.addMenu("&Edit")
        self._action(e, "&Undo", lambda: self.ops.undo_stack.undo(), QKeySequence.StandardKey.Undo, "act_undo")
        self.act_redo = QAction("&Redo", self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_redo.triggered.connect(lambda _c=False: self.ops.undo_stack.redo())
        e.addAction(self.act_redo)
        e.addSeparator()
        self._action(e, "&Find", lambda: self.current_page().focus_search(), QKeySequence.StandardKey.Find, "act_find")
        e.addSeparator()
        self._action(e, "Your &name…", lambda: self.ask_user_name(), None, "act_user_name")
        v = bar.addMenu("&View")
        for i, cls in enumerate(PAGES, start=1):
            self._action(v, cls.title, lambda i=i: self.nav.setCurrentRow(i - 1), f"Ctrl+{i % 10}" if i <= 10 else None)
        h = bar.addMenu("&Help")
        self._action(h, "&About PBP Desktop", self.about, None, "act_about")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.lifecycle.recent()
        for where in recent:
            action = self.recent_menu.addAction(where)
            action.triggered.connect(lambda _c=False, w=where: _discard(self.open_file(w)))
        self.recent_menu.setEnabled(bool(recent))

    def _bind_undo(self) -> None:
        self.ops.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.ops.undo_stack.cleanChanged.connect(self._update_undo_actions)
        self.ops.changed.connect(self._on_ops_changed)
        self._update_undo_actions()

    def _update_undo_actions(self, *_: object) -> None:
        stack = self.ops.undo_stack
        self.act_undo.setEnabled(stack.canUndo())
        self.act_undo.setText(f"&Undo {stack.undoText()}" if stack.canUndo() else "&Undo")
        self.act_redo.setEnabled(stack.canRedo())
        self.act_redo.setText(f"&Redo {stack.redoText()}" if stack.canRedo() else "&Redo")

    def _on_ops_changed(self, changes) -> None:
        if changes.touches("partnership"):
            self._update_title()

    # ------------------------------------------------------------------ screens

    def current_page(self):
        return self.pages[self.stack.currentIndex()]

    def show_page(self, cls) -> object:
        index = PAGES.index(cls)
        self.nav.setCurrentRow(index)
        return self.pages[index]

    def _on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)

    def import_actuals(self) -> None:
        from .import_dialog import ImportDialog
        self.pages[0].run_dialog(ImportDialog(self.ops, self))

    def import_milestones(self) -> None:
        from .milestone_import import MilestoneImportDialog
        self.pages[0].run_dialog(MilestoneImportDialog(self.ops, self))

    def export_register(self) -> None:
        from .import_dialog import ask_export
        written = ask_export(self, self.ops)
        if written is not None:
            self.statusBar().showMessage(f"The register was exported to {written}", 8000)

    def save_template(self, path: str | None = None) -> Path | None:
        import csv
        import io
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Import template", str(Path.home() / "actuals-template.csv"),
                                                  "CSV (*.csv)")
            if not path:
                return None
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows(self.register.imports.template_rows())
        from ..services.exporting import write_private
        target = Path(path)
        try:
            write_private(target, buffer.getvalue().encode("utf-8"))
        except OSError as exc:  # a full disk, a read-only folder, a folder chosen: one sentence
            self.ops.explain(exc, "saving the import template", title="Import template", file=str(target))
            return None
        return target

    def print_pack(self) -> None:
        self.show_page(PacksPage).print_pack()

    def show_register_history(self) -> None:
        rows = self.ops.read(lambda: self.register.queries.change_log(limit=20000), [])
        HistoryDialog(rows, "History of the register", self).open()

    def ask_user_name(self, name: str | None = None) -> str | None:
        """Edit > Your name: the name printed as the author of the papers this user prints,
        remembered between runs (the change log keeps the computer's login)."""
        if name is None:
            name, ok = QInputDialog.getText(self, "Your name", "Your name, as the papers you print give their "
                                            "author (the register's log keeps your login):",
                                            text=user_name(self.settings))
            if not ok:
                return None
        remember_user_name(self.settings, name)
        if self.register is not None:
            self.register.set_user_name(name)
        return user_name(self.settings)

    def about(self) -> None:
        where = self.register.path or self.register.opened.url
        QMessageBox.about(self, "About PBP Desktop",
                          f"<b>PBP Desktop</b> {__version__}<br>The register and assurance pack of a place-based "
                          f"health and care partnership.<br><br>This register: {where}<br>Log files: {log_dir()}")

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", self.nav.currentRow())
        self.settings.sync()
        work.cancel_all()  # a pack being drawn, an export: stopped, nothing half written
        super().closeEvent(event)
