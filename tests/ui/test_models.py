"""UI: every item model passes pytest-qt's model tester; long lists load as they scroll."""

from __future__ import annotations

import pytest

from pbp_desktop.ui.dashboard import ACTION_COLUMNS, OUTCOME_COLUMNS
from pbp_desktop.ui.pages.risks import COLUMNS as RISK_COLUMNS
from pbp_desktop.ui.periods_model import PeriodsTableModel
from pbp_desktop.ui.table_model import RowsTableModel
from pbp_desktop.ui.tree_model import OutcomeTreeModel

pytestmark = pytest.mark.ui


def test_rows_table_models(qtmodeltester, demo):
    for columns, rows in ((OUTCOME_COLUMNS, demo.queries.summary().outcomes),
                          (ACTION_COLUMNS, demo.queries.actions()), (RISK_COLUMNS, demo.queries.risks())):
        qtmodeltester.check(RowsTableModel(columns, rows))


def test_outcome_tree_model(qtmodeltester, demo):
    model = OutcomeTreeModel()
    model.set_outcomes(demo.queries.outcome_tree(with_periods=True))
    qtmodeltester.check(model)
    assert model.rowCount() == 5 and model.find(("outcome", 1)).isValid()


def test_periods_model(qtmodeltester, demo, quiet):
    from pbp_desktop.ui.ops import Ops
    model = PeriodsTableModel(Ops(demo))
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "OHID 93015")
    model.set_indicator(ind)
    qtmodeltester.check(model)


def test_long_lists_are_fetched_as_they_scroll(qtbot):
    from pbp_desktop.ui.table_model import Column
    from pbp_desktop.ui.widgets import RowsTable
    table = RowsTable([Column("n", lambda n: f"row {n}", sort=lambda n: n)], name="rows")
    qtbot.addWidget(table)
    table.set_rows(range(20_000))
    assert table.model.rowCount() == RowsTableModel.CHUNK and table.model.total() == 20_000
    table.model.fetchMore()
    assert table.model.rowCount() == 2 * RowsTableModel.CHUNK
    table.search.setText("row 19999")  # a search looks at every row
    assert [r for r in table.rows_shown()] == [19999]


def test_the_same_records_read_again_are_moved_in_place_not_reset(qtmodeltester, qtbot, demo):
    from pbp_desktop.ui.widgets import RowsTable
    table = RowsTable(RISK_COLUMNS, name="risks")
    qtbot.addWidget(table)
    rows = demo.queries.risks()
    table.set_rows(rows)
    qtmodeltester.check(table.model)
    table.select_id(rows[2].id)
    resets: list[int] = []
    table.model.modelReset.connect(lambda: resets.append(1))
    table.set_rows(list(reversed(rows)), soft=True)  # another order: the selection follows its record
    assert table.current().id == rows[2].id and resets == []
    assert [r.id for r in table.rows_shown()] == [r.id for r in reversed(rows)]
    table.set_rows(rows[:2] + rows[3:] + rows[2:3], soft=True)
    assert table.current().id == rows[2].id and resets == []
    table.set_rows(rows[1:], soft=True)  # a record went: reset, the selection kept
    assert resets == [1] and table.current().id == rows[2].id
