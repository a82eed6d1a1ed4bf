"""UI: the main window - navigation, menus, shortcuts, remembered layout and registers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from pbp_desktop.ui.main_window import PAGES
from pbp_desktop.ui.pages.actions import ActionsPage
from pbp_desktop.ui.pages.dashboard import DashboardPage
from pbp_desktop.ui.pages.partners import PartnersPage

pytestmark = pytest.mark.ui


def test_navigation_has_every_screen_and_keyboard_shortcuts(window, qtbot):
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Dashboard", "Partners", "People & boards", "Outcomes & objectives", "Risks", "Actions",
        "Programmes", "Meetings", "Interests", "Packs"]
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().title == "Programmes"
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # the tenth screen
    assert window.current_page().title == "Packs"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), ActionsPage)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.current_page().table.search
    assert window.act_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.act_open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert QKeySequence("Ctrl+Shift+Z") in window.act_redo.shortcuts()


def test_dashboard_shows_rag_letters_overdue_and_what_is_missing(window, demo):
    page = window.show_page(DashboardPage)
    model = page.view.outcomes
    laa = next(r for r in range(model.rowCount()) if model.row_at(r).reference == "LAA")
    cell = model.index(laa, 1)
    assert model.data(cell) == "3 R"  # the letter as well as the colour
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).name().upper() == "#D5281B"
    overdue = demo.queries.summary().overdue_actions
    assert page.view.actions_title.text() == f"Overdue actions ({len(overdue)})"
    assert "risk review(s) overdue" in page.view.missing.text()
    assert window.windowTitle() == "Sandwell Integrated Care Alliance - PBP Desktop"


def test_dashboard_marks_confidential_and_private_actions_and_risks(window, demo):
    """As the Risks screen does: a confidential risk or action leads with [confidential], an
    action raised at private business with [private] (issue 17: they had no marker)."""
    page = window.show_page(DashboardPage)
    records = demo.privacy.records()

    def texts(model):
        return {model.row_at(r).id: model.data(model.index(r, 1)) for r in range(model.rowCount())}
    actions, risks = texts(page.view.actions), texts(page.view.risks)
    summary = demo.queries.summary()
    for a in summary.overdue_actions:
        expected = "[confidential]  " if a.confidential else "[private]  " if records.row_private(a) else ""
        assert actions[a.id] == expected + a.description
    assert any(t.startswith("[private]  ") for t in actions.values())
    assert any(t.startswith("[confidential]  ") for t in actions.values())
    confidential = [r for r in summary.extreme_risks if r.confidential]
    assert confidential and all(risks[r.id] == f"[confidential]  {r.title}" for r in confidential)
    assert all(risks[r.id] == r.title for r in summary.extreme_risks if not records.row_private(r))


def test_window_layout_page_and_register_are_remembered(window, settings, demo_path, qtbot):
    window.show_page(PartnersPage)
    window.resize(700, 480)  # within the offscreen screen, so restoring it is not clamped
    qtbot.waitUntil(lambda: window.size().width() == 700)
    window.close()
    assert settings.value("register/last") == str(demo_path)
    assert settings.value("register/recent")[0] == str(demo_path)
    from pbp_desktop.ui.main_window import MainWindow
    again = MainWindow(window.register, settings=settings)
    qtbot.addWidget(again)
    assert again.nav.currentRow() == PAGES.index(PartnersPage)
    assert settings.value("window/geometry") is not None
    assert (again.size().width(), again.size().height()) == (700, 480)  # the layout came back


@pytest.mark.app_clock  # File > New and the demo open through the app, whose clock is pinned
def test_new_register_then_back_to_the_demo_from_recent(window, tmp_path, dialogs, demo_path):
    target = tmp_path / "ours.sqlite"
    dialogs.then(dialogs.fill_and_save(name="Our Partnership", place="Oldbury"))
    assert window.new_register(str(target))
    assert window.register.path == target and target.exists()
    assert window.windowTitle() == "Our Partnership - PBP Desktop"
    assert window.pages[0].view.outcomes.rowCount() == 0
    actions = [a.text() for a in window.recent_menu.actions()]
    assert actions[:2] == [str(target), str(demo_path)]
    window.recent_menu.actions()[1].trigger()
    assert window.register.path == demo_path


def test_a_file_that_is_not_a_register_is_refused_and_the_current_one_kept(window, tmp_path, demo_path):
    junk = tmp_path / "minutes.docx"
    junk.write_bytes(b"PK\x03\x04 not a register")
    assert not window.open_file(str(junk))
    assert "is not a PBP Desktop register" in window.ops.messages[-1]
    assert window.register.path == demo_path
    assert junk.read_bytes() == b"PK\x03\x04 not a register"


def test_back_up_a_copy(window, tmp_path):
    written = window.backup_copy(str(tmp_path / "copy.sqlite"))
    assert written is not None and written.exists()
    assert "was written to" in window.statusBar().currentMessage()
    assert window.backup_copy(str(tmp_path / "copy.sqlite")) is None  # never over a file
    assert "already exists" in window.ops.messages[-1]


def test_demo_banner_offers_new_register(window, monkeypatch, demo_path):
    from pbp_desktop import config
    monkeypatch.setattr(config, "demo_register_path", lambda: demo_path)
    import pbp_desktop.ui.main_window as mw
    monkeypatch.setattr(mw, "demo_register_path", lambda: demo_path)
    window._update_banner()
    assert window.banner.isVisibleTo(window) and "demo register" in window.banner_text.text()


def test_pages_reload_only_when_a_command_touched_them(window, demo):
    dashboard, partners, actions = (window.show_page(c) for c in (DashboardPage, PartnersPage, ActionsPage))
    window.show_page(PartnersPage)
    before = (dashboard.reload_count, partners.reload_count, actions.reload_count)
    row = partners.table.rows_shown()[0]
    window.ops.execute("Edit", lambda: demo.partners.update(row.id, {"notes": "updated"}, row.version))
    assert partners.reload_count == before[1] + 1      # visible and touched: at once
    assert actions.reload_count == before[2]           # not touched: left alone
    assert dashboard.reload_count == before[0]         # touched but hidden: when next shown
    window.show_page(DashboardPage)
    assert dashboard.reload_count == before[0] + 1


@pytest.mark.app_clock
def test_back_up_now_and_restore_from_the_file_menu(window, demo):
    written = window.backup_now()
    assert written is not None and written.exists() and written.parent.name.endswith("-backups")
    p = demo.queries.partners()[0]
    demo.partners.update(p.id, {"notes": "after the backup"}, p.version)
    assert window.restore_backup_dialog(choice=0)
    assert window.register.queries.partners()[0].notes is None
    assert "Restored from" in window.statusBar().currentMessage()
