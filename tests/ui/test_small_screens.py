"""UI tests: small screens - every dialog fits a 1280x720 screen at 150% scaling (853x480
logical pixels), and no column of words on any screen is cut to "…" at a 1280x720 window while
it would fit in a reasonable width."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pbp_desktop.ui.widgets import SMALL_SCREEN

pytestmark = pytest.mark.ui


def test_every_dialog_fits_a_1280x720_screen_at_150_percent(window, qtbot, every_dialog):
    """Its size hint, its minimum size hint and its size once shown: none wider than 853 or taller
    than 480 (no tolerance). Long forms scroll instead of growing."""
    assert (SMALL_SCREEN.width(), SMALL_SCREEN.height()) == (853, 480)
    too_big = []
    for name, make in every_dialog:
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        for what, size in (("size hint", dialog.sizeHint()), ("minimum size hint", dialog.minimumSizeHint()),
                           ("size shown", dialog.size())):
            if size.width() > 853 or size.height() > 480:
                too_big.append(f"{name}: {what} {size.width()}x{size.height()}")
        dialog.done(0)
    assert not too_big, "\n".join(too_big)


def _p95(values: list[int]) -> int:
    values = sorted(values)
    return values[max(math.ceil(0.95 * len(values)) - 1, 0)] if values else 0


def _cell_need(view, index) -> int:
    """The width a cell needs to show its text whole: the delegate's size hint, plus the grid
    line drawn inside the section."""
    return view.sizeHintForIndex(index).width() + (1 if getattr(view, "showGrid", lambda: False)() else 0)


def test_no_column_of_words_is_cut_short_at_1280x720(window, qtbot):
    """The rule, for every RowsTable on every page (each tab shown) of a 1280x720 window over the
    demo register: every visible column is at least as wide as
        min(cap, max(its header's width, the 95th percentile of its cells' widths)),
    the cap being the table's CAP_MAIN (400 px) for its main column and CAP_OTHER (300 px) for the
    others. So a column of names, titles, roles or representatives shows at least 95 cells in a
    hundred whole, up to a cap that keeps one long text from pushing the rest off the screen; a
    table wider than the window scrolls sideways rather than squeeze a column. Any cell still cut
    to "…" (past the cap, or one of the widest 5%) has its full text as its tooltip. The outcomes
    tree: its figures (RAG, latest, target) are never cut, its names never squeezed below
    NAME_FLOOR (the tree scrolls sideways instead), and its header is never cut."""
    from PySide6.QtWidgets import QTabWidget

    from pbp_desktop.ui.pages.outcomes import NAME_FLOOR, OutcomesPage
    from pbp_desktop.ui.tree_model import COL_NAME
    from pbp_desktop.ui.widgets import RowsTable, elided_tip
    window.resize(1280, 720)
    QApplication.processEvents()
    problems: list[str] = []
    checked = 0
    for i, page in enumerate(window.pages):
        window.nav.setCurrentRow(i)
        QApplication.processEvents()
        states = [(tabs, t) for tabs in page.findChildren(QTabWidget) for t in range(tabs.count())] or [(None, 0)]
        for tabs, t in states:
            if tabs is not None:
                tabs.setCurrentIndex(t)
                QApplication.processEvents()
            for table in page.findChildren(RowsTable):
                if not table.isVisible() or not table.proxy.rowCount():
                    continue
                view, header = table.view, table.view.horizontalHeader()
                assert table.CAP_MAIN <= 400 and table.CAP_OTHER <= 300  # "a reasonable width"
                for col in range(table.model.columnCount()):
                    if header.isSectionHidden(col):
                        continue
                    cells = [view.model().index(r, col) for r in range(view.model().rowCount())]
                    cap = table.CAP_MAIN if col == table._stretch else table.CAP_OTHER
                    need = min(cap, max(header.sectionSizeHint(col), _p95([_cell_need(view, c) for c in cells])))
                    title = view.model().headerData(col, Qt.Orientation.Horizontal)
                    where = f"{page.title} / {view.accessibleName()} / {title}"
                    checked += 1
                    if header.sectionSize(col) < need:
                        problems.append(f"{where}: {header.sectionSize(col)} px wide, needs {need}")
                    for c in cells:
                        if _cell_need(view, c) > header.sectionSize(col) and elided_tip(view, c) is None:
                            problems.append(f"{where}: {c.data()!r} is cut with no tooltip")
        if isinstance(page, OutcomesPage):
            tree, header = page.tree, page.tree.header()
            for col in range(page.model.columnCount()):
                if header.sectionSize(col) < header.sectionSizeHint(col):
                    problems.append(f"outcomes tree: header {page.model.headerData(col, Qt.Orientation.Horizontal)!r} cut")
                if col == COL_NAME:
                    # the names: never squeezed below the floor (or their widest, when narrower)
                    need = min(NAME_FLOOR, tree.sizeHintForColumn(col))
                    if header.sectionSize(col) < need:
                        problems.append(f"outcomes tree: names {header.sectionSize(col)} px, need {need}")
                    continue
                index, widest = page.model.index(0, 0), 0
                while index.isValid():
                    widest = max(widest, tree.sizeHintForIndex(index.siblingAtColumn(col)).width())
                    index = tree.indexBelow(index)
                if header.sectionSize(col) < widest:
                    problems.append(f"outcomes tree: column {col} {header.sectionSize(col)} px, needs {widest}")
    assert checked > 40
    assert not problems, "\n".join(problems)
