"""UI: starting the app as `pbp-desktop FILE` does - the window is on screen first and answers
while the register is opened on a worker thread; a register that cannot be opened is said so."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from pbp_desktop import app, config
from pbp_desktop.ui.pages.dashboard import DashboardPage

pytestmark = [pytest.mark.ui, pytest.mark.app_clock]  # the app's start reads the pinned clock


@pytest.fixture
def start(qtbot, tmp_path, settings, quiet, monkeypatch):
    """launch() with the user's folders in tmp_path, and every message box recorded."""
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path / "data")
    monkeypatch.setattr(app, "_setup_logging", lambda: None)
    monkeypatch.delenv("PBP_DB_URL", raising=False)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(("critical", text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(("warning", text)))
    windows = []

    def run(argv):
        _qapp, window = app.launch(argv, settings=settings)
        qtbot.addWidget(window)
        windows.append(window)
        return window
    run.said = said
    yield run
    for w in windows:
        w.wait_for_opening()
        if w.register is not None:
            w.register.close()


def opened(window) -> bool:
    return window.register is not None and not window.opening()


def test_the_window_is_shown_first_and_answers_while_the_register_opens(start, demo_path, qtbot, monkeypatch):
    gate = threading.Event()
    real = app.open_register_for_app

    def slow_open(*args, **kwargs):  # the register is held back until the test has looked
        assert gate.wait(10)
        return real(*args, **kwargs)
    monkeypatch.setattr(app, "open_register_for_app", slow_open)
    window = start([str(demo_path)])
    assert window.isVisible() and window.register is None and window.opening()
    assert "demo.sqlite" in window.opening_label.text()
    assert not window.nav.isEnabled() and not window.menuBar().isEnabled()  # nothing to act on yet
    window.resize(900, 700)
    qtbot.wait(50)  # the window's thread is free: it lays out and paints meanwhile
    assert window.size().width() == 900 and window.opening()
    gate.set()
    qtbot.waitUntil(lambda: opened(window), timeout=20000)
    assert window.windowTitle() == "Sandwell Integrated Care Alliance - PBP Desktop"
    assert window.nav.isEnabled() and window.menuBar().isEnabled()
    assert isinstance(window.current_page(), DashboardPage)
    qtbot.waitUntil(lambda: "Sandwell" in window.current_page().view.title.text())
    assert [b.reason for b in window.register.backups()] == ["daily"]  # taken off the window's thread


def test_the_screen_last_shown_is_shown_once_the_register_is_open(start, demo_path, settings, qtbot):
    settings.setValue("window/page", 4)
    window = start([str(demo_path)])
    assert window.nav.currentRow() == 4
    qtbot.waitUntil(lambda: opened(window), timeout=20000)
    assert window.stack.currentIndex() == 4 and window.current_page().title == "Risks"


def test_a_named_file_that_is_not_a_register_is_refused_with_the_reason(start, tmp_path, qtbot):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00" * 100)
    window = start([str(junk)])
    qtbot.waitUntil(lambda: bool(start.said), timeout=20000)
    (kind, text), = start.said
    assert kind == "critical" and "junk.sqlite" in text and "Traceback" not in text
    assert window.register is None and not window.isVisible() and window.open_failed
    assert junk.read_bytes() == b"\x00" * 100  # nothing written to it


def test_when_the_last_register_cannot_be_opened_the_demo_is_opened_instead(start, tmp_path, settings,
                                                                            demo_template, qtbot):
    (tmp_path / "data").mkdir()
    shutil.copyfile(demo_template, tmp_path / "data" / "demo-register.sqlite")
    settings.setValue("register/last", str(tmp_path / "gone.sqlite"))
    (tmp_path / "gone.sqlite").write_bytes(b"not a register")
    window = start([])
    qtbot.waitUntil(lambda: opened(window) and window.register.path.name == "demo-register.sqlite",
                    timeout=20000)
    (kind, text), = start.said
    assert kind == "warning" and "gone.sqlite" in text and "demo register is opened instead" in text
    assert window.banner.isVisibleTo(window)  # the demo says it is the demo


def test_a_damaged_register_opens_the_demo_and_offers_its_backup(start, damaged_demo_path, tmp_path,
                                                                demo_template, qtbot):
    demo_path = damaged_demo_path
    (tmp_path / "data").mkdir()
    shutil.copyfile(demo_template, tmp_path / "data" / "demo-register.sqlite")
    window = start([str(demo_path)])  # the restore is confirmed (quiet answers yes)
    qtbot.waitUntil(lambda: opened(window) and window.register.path == demo_path, timeout=30000)
    assert "Restored from" in window.statusBar().currentMessage()
    assert window.register.queries.action(1).owner_id != 4242  # the backup's link, not the broken one


def test_start_up_and_file_open_take_the_one_opening_path(start, demo_path, tmp_path, qtbot, monkeypatch):
    """One opening path (ui/lifecycle.py): the app's start-up and File > Open both open, back up
    and warm the register through RegisterLifecycle.prepare, on a worker thread."""
    from pbp_desktop.ui.lifecycle import RegisterLifecycle
    on_main_thread = []
    real = RegisterLifecycle.prepare

    def spy(self, open_fn, keep=None):
        on_main_thread.append(threading.current_thread() is threading.main_thread())
        return real(self, open_fn, keep)
    monkeypatch.setattr(RegisterLifecycle, "prepare", spy)
    window = start([str(demo_path)])
    qtbot.waitUntil(lambda: opened(window), timeout=20000)
    assert on_main_thread == [False]
    other = tmp_path / "other.sqlite"
    shutil.copyfile(demo_path, other)
    assert window.open_file(str(other))
    assert window.register.path == other and on_main_thread == [False, False]
    assert [b.reason for b in window.register.backups()] == ["daily"]  # the same steps as at start-up
