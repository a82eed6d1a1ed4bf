"""UI tests: the keyboard on the live main window - Tab leaves every table, tree and list (arrow
keys and Ctrl+Tab move inside), and no button's Alt+letter is taken by the menu bar or by
another button on the same screen or dialog. Everything is read from the live window and the
dialogs it opens, so a screen, table or button added later is held to the same rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from pbp_desktop.ui.widgets import MENU_LETTERS, mnemonic, off_the_menus

pytestmark = pytest.mark.ui


def _pages(window) -> Iterator[tuple[int, QWidget]]:
    for i, page in enumerate(window.pages):
        window.nav.setCurrentRow(i)
        QApplication.processEvents()
        yield i, page


def _views(root: QWidget) -> list[QAbstractItemView]:
    """The tables, trees and lists a person works in: not the drop-down lists of combo boxes nor
    the day grids of date pickers, which Qt makes and drives itself."""
    def own(v: QWidget) -> bool:
        p = v.parentWidget()
        while p is not None:
            if isinstance(p, QComboBox | QCalendarWidget):
                return False
            p = p.parentWidget()
        return True
    return [v for v in root.findChildren(QAbstractItemView) if not isinstance(v, QHeaderView) and own(v)]


def _menu_letters(window) -> set[str]:
    return {m for a in window.menuBar().actions() if (m := mnemonic(a.text())) is not None}


# ---------------------------------------------------------------------------------------- Tab


def test_every_view_in_the_window_lets_tab_leave_it(window):
    """Each table, tree and list on every page (and the navigation list) gives Tab back to the
    window, and takes Ctrl+Tab for its cells."""
    trapped = []
    for _i, page in _pages(window):
        for view in _views(page):
            if view.tabKeyNavigation() or not view.property("pbpCellKeys"):
                trapped.append(f"{type(page).__name__}: {view.accessibleName() or type(view).__name__}")
    assert not window.nav.tabKeyNavigation()
    assert not trapped, "made without widgets.keyboard_view (Tab is trapped inside):\n" + "\n".join(trapped)


def test_tab_moves_from_a_table_to_the_next_widget_and_ctrl_tab_between_cells(window, qtbot):
    from pbp_desktop.ui.pages.partners import PartnersPage
    page = window.show_page(PartnersPage)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = page.table.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 1)  # Ctrl+Tab: the next cell
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1  # arrow keys move inside
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 0)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    last = view.model().columnCount() - 1
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, last)  # back to the row above
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()  # Tab left the table
    assert QApplication.focusWidget() is not None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.hasFocus()  # and Shift+Tab came back to it


def test_ctrl_tab_walks_a_tree_line_by_line(window, qtbot):
    from pbp_desktop.ui.pages.outcomes import OutcomesPage
    page = window.show_page(OutcomesPage)
    tree: QTreeView = page.tree
    first = tree.model().index(0, 0)
    tree.setCurrentIndex(first)
    for _ in range(tree.model().columnCount(first.parent())):
        qtbot.keyClick(tree, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tree.currentIndex().column() == 0 and tree.currentIndex() == tree.indexBelow(first).siblingAtColumn(0)


# ---------------------------------------------------------------------------------- mnemonics


def _states(page: QWidget) -> Iterator[str]:
    """The page as shown, then each tab of its tab widgets, each first line of its trees at every
    depth (the outcomes screen shows other buttons for an outcome, an objective and an indicator),
    and each of its check boxes ticked (Show archived brings Restore)."""
    yield "as shown"
    for tabs in page.findChildren(QTabWidget):
        for t in range(tabs.count()):
            tabs.setCurrentIndex(t)
            QApplication.processEvents()
            yield f"tab {tabs.tabText(t)!r}"
        tabs.setCurrentIndex(0)
    for tree in page.findChildren(QTreeView):
        index, depth = tree.model().index(0, 0), 0
        while index.isValid():
            tree.expand(index)
            tree.setCurrentIndex(index)
            QApplication.processEvents()
            yield f"{tree.accessibleName()} at depth {depth}"
            index, depth = tree.model().index(0, 0, index), depth + 1
    for box in page.findChildren(QCheckBox):
        if box.isVisible() and box.isEnabled() and not box.isChecked():
            box.setChecked(True)
            QApplication.processEvents()
            yield f"{box.text()!r} ticked"
            box.setChecked(False)


def _clashes(root: QWidget, taken: set[str], where: str) -> list[str]:
    """Visible buttons whose mnemonic is one of `taken` or another visible button's."""
    shown = [b for b in root.findChildren(QAbstractButton) if b.isVisible()]
    letters = [(m, b.text()) for b in shown if (m := mnemonic(b.text())) is not None]
    found = [f"{where}: {text!r} takes Alt+{m.upper()}, which opens a menu" for m, text in letters if m in taken]
    counts = Counter(m for m, _ in letters)
    found += [f"{where}: Alt+{m.upper()} is on {[t for n, t in letters if n == m]}" for m, c in counts.items() if c > 1]
    return found


def test_no_button_mnemonic_clashes_with_the_menu_bar_or_another_button(window):
    """Every page of the live window in each of its states: the menu bar's letters (read from the
    menu bar itself) plus every visible button's, each letter used once."""
    menus = _menu_letters(window)
    assert menus <= MENU_LETTERS, f"the menu bar uses {sorted(menus - MENU_LETTERS)}: add them to widgets.MENU_LETTERS"
    found: list[str] = []
    seen = 0
    for _i, page in _pages(window):
        for state in _states(page):
            # the window's banner and the page share the window: both count
            found += _clashes(window.centralWidget(), menus, f"{page.title} ({state})")
            seen += 1
    assert seen > len(window.pages)
    assert not found, "\n".join(dict.fromkeys(found))


def test_no_two_buttons_of_a_dialog_share_a_mnemonic(window, qtbot, every_dialog):
    found: list[str] = []
    for name, make in every_dialog:
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        found += _clashes(dialog, set(), name)
        dialog.done(0)
    assert not found, "\n".join(found)


def test_a_menu_letter_given_to_button_is_dropped():
    assert off_the_menus("&Edit…") == "Edit…"
    assert off_the_menus("Archi&ve") == "Archive"
    assert off_the_menus("E&dit…") == "E&dit…"
    assert off_the_menus("Fish && &chips") == "Fish && &chips"
    assert mnemonic("Fish && chips") is None and mnemonic("Fish && &chips") == "c"
    from pbp_desktop.ui.widgets import button
    b = button("&History…", lambda: None)
    assert b.text() == "History…" and b.accessibleName() == "History"


def test_the_clash_check_can_fail(qtbot):
    """Self-check: two buttons with one letter, and one on a menu's letter, are both found."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton
    w = QWidget()
    qtbot.addWidget(w)
    layout = QHBoxLayout(w)
    for text in ("&Add", "&Amend", "&View"):
        layout.addWidget(QPushButton(text))
    w.show()
    qtbot.waitExposed(w)
    found = _clashes(w, set(MENU_LETTERS), "self-check")
    assert any("Alt+A" in f for f in found) and any("'&View'" in f for f in found)
