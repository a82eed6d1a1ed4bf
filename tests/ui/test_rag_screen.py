"""UI: the RAG convention chosen on the Outcomes screen (logged and undoable; every indicator
rated again), the lead's assessed RAG entered for a period in the grid, and out of date, target
date passed and the Making Data Count trend shown on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from pbp_desktop.ui.pages.outcomes import OutcomesPage
from pbp_desktop.ui.periods_model import COL_LEAD, COL_RAG
from pbp_desktop.ui.table_model import ROW_ROLE
from pbp_desktop.ui.tree_model import COL_LATEST
from pbp_desktop.ui.tree_model import COL_RAG as TREE_RAG

pytestmark = pytest.mark.ui


def _ind(demo, code):
    return next(i for o in demo.queries.outcome_tree() for j in o.objectives for i in j.indicators if i.code == code)


def _indicator_nodes(page):
    index = page.model.index(0, 0)
    while index.isValid():
        node = index.data(ROW_ROLE)
        if node.kind == "indicator" and node.row.latest is not None:
            yield node
        index = page.tree.indexBelow(index)


def _cell(page, key, col) -> str:
    idx = page.model.find(key)
    return page.model.index(idx.row(), col, idx.parent()).data()


def _choose(qtbot, title):
    def handler(dialog):
        next(b for b in dialog.buttons.values() if b.text() == title).setChecked(True)
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    return handler


def test_the_convention_is_chosen_on_the_outcomes_screen_and_undone(window, demo, dialogs, qtbot):
    page = window.show_page(OutcomesPage)
    satod = ("indicator", _ind(demo, "SATOD").id)
    assert _cell(page, satod, TREE_RAG) == "A  Amber"  # the seed's convention: provisional counts as amber
    dialogs.then(_choose(qtbot, "Rated on the figure"))
    page.choose_convention()
    assert demo.queries.rag_convention() == "on_the_figure"
    assert _cell(page, satod, TREE_RAG) == "R  Red"
    window.ops.undo_stack.undo()
    assert demo.queries.rag_convention() == "provisional_amber"
    assert _cell(page, satod, TREE_RAG) == "A  Amber"


def test_a_leads_rag_is_entered_in_the_grid_beside_the_computed_one(window, demo, dialogs):
    page = window.show_page(OutcomesPage)
    ni123 = _ind(demo, "NI 123")
    page.select(("indicator", ni123.id))
    panel = page.indicator_panel
    grid = panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "Q2 2008/09")
    assert grid.index(row, COL_RAG).data() == "A  Amber (on the figure: R)"
    panel.grid.setCurrentIndex(grid.index(row, 0))
    dialogs.then(dialogs.fill_and_save(assessed_rag="green"))  # no reason: refused, the form stays open
    page.indicator_panel.assess()
    refused = dialogs.seen[-1]
    assert refused.result() != 1 and "reason" in refused.widgets["assessed_reason"].error.text().lower()
    dialogs.then(dialogs.fill_and_save(assessed_rag="green", assessed_reason="in line with previous years"))
    page.indicator_panel.assess()
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "Q2 2008/09")
    assert grid.index(row, COL_LEAD).data() == "G  in line with previous years"
    assert grid.index(row, COL_RAG).data().startswith("A  Amber")  # the computed RAG stands
    assert _cell(page, ("indicator", ni123.id), TREE_RAG) == "A  Amber (lead: G)"
    lead = panel.details.findChild(QLabel, "Lead's assessment").text()
    assert lead.startswith("G \u2014 in line with previous years") and "differs from the computed A" in lead
    window.ops.undo_stack.undo()
    assert _cell(page, ("indicator", ni123.id), TREE_RAG) == "A  Amber"


def test_out_of_date_target_passed_and_trend_on_screen(window, demo):
    page = window.show_page(OutcomesPage)
    ni123 = ("indicator", _ind(demo, "NI 123").id)
    idx = page.model.find(ni123)
    latest = page.model.index(idx.row(), COL_LATEST, idx.parent())
    assert "out of date" not in latest.data()  # a clock says it, the words are in its tooltip
    assert latest.data(Qt.ItemDataRole.AccessibleTextRole).endswith("\u2014 out of date")
    assert latest.data(Qt.ItemDataRole.DecorationRole) is not None and latest.data(Qt.ItemDataRole.FontRole).italic()
    assert "Out of date: the latest figure is for Q2 2008/09" in latest.data(Qt.ItemDataRole.ToolTipRole)
    clocks, index = {}, page.model.index(0, 0)
    while index.isValid():
        node = index.data(ROW_ROLE)
        if node.kind == "indicator" and node.row.latest is not None:
            clocks[node.row.label] = index.siblingAtColumn(COL_LATEST).data(Qt.ItemDataRole.DecorationRole) is not None
        index = page.tree.indexBelow(index)
    assert clocks == {label: row.out_of_date(page.as_at()) for label, row in
                      ((n.row.label, n.row) for n in _indicator_nodes(page))} and not all(clocks.values())
    page.select(ni123)
    details = page.indicator_panel.details
    assert details.findChild(QLabel, "Age").text().startswith("OUT OF DATE")
    # its Q2 figure is not the year-end figure its target is for: the target is not judged by it
    assert details.findChild(QLabel, "At the target date").text() == "target date passed: no figure to judge it by"
    assert details.findChild(QLabel, "Trend").text() == "too few points for a trend"
    page.select(("indicator", _ind(demo, "DTOC-SAN").id))
    assert details.findChild(QLabel, "Trend").text() == "improving (special cause)"
