"""UI: the main window over a real register shows the dashboard a board secretary expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pbp_desktop.domain.enums import Rag
from pbp_desktop.ui.dashboard import OUTCOME_COLUMNS
from pbp_desktop.ui.main_window import MainWindow
from pbp_desktop.ui.ops import Ops
from pbp_desktop.ui.table_model import ROW_ROLE, SORT_ROLE, RowsTableModel

pytestmark = pytest.mark.ui


def test_dashboard_shows_rag_words_overdue_and_extreme(qtbot, demo):
    window = MainWindow(Ops(demo))
    qtbot.addWidget(window)
    window.show()
    dash = window.dashboard
    assert window.windowTitle() == "Sandwell Integrated Care Alliance - PBP Desktop"
    model = dash.outcomes
    laa = next(r for r in range(model.rowCount()) if model.row_at(r).reference == "LAA")
    red_col = 1
    cell = model.index(laa, red_col)
    assert model.data(cell) == "3 R"  # the letter as well as the colour
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).name().upper() == "#D5281B"
    assert dash.actions_title.text() == f"Overdue actions ({len(demo.queries.summary().overdue_actions)})"
    assert dash.risks.rowCount() == 2
    texts = {dash.actions.data(dash.actions.index(r, 4)) for r in range(dash.actions.rowCount())}
    assert all(t.startswith("OVERDUE ") for t in texts)
    assert "illustrative" in dash.illustrative.text()


def test_recording_an_actual_shows_on_refresh(qtbot, demo):
    window = MainWindow(Ops(demo))
    qtbot.addWidget(window)
    gld = next(i for o in demo.queries.outcome_tree() for obj in o.objectives for i in obj.indicators
               if i.code == "EOL-3ADM")
    demo.indicators.update(gld.id, {"baseline_value": 412, "baseline_period": "2018/19", "target_value": 300,
                                    "target_date": "31/03/2025"}, gld.version)
    demo.indicators.record_actual({"indicator_id": gld.id, "period": "2019/20", "value": 380})
    window.refresh()
    model = window.dashboard.outcomes
    po2 = next(r for r in range(model.rowCount()) if model.row_at(r).reference == "PO2")
    assert model.row_at(po2).counts[Rag.GREY] == 0


def test_rows_table_model_passes_qt_model_checks(qtmodeltester, demo):
    model = RowsTableModel(OUTCOME_COLUMNS, demo.queries.summary().outcomes)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), ROW_ROLE).reference == "PO1"
    assert isinstance(model.data(model.index(0, 1), SORT_ROLE), float)
