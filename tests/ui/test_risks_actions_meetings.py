"""UI: the risk register and heat map, the action log, and meetings raising actions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from pbp_desktop.ui.pages.actions import OVERDUE_BG, ActionsPage
from pbp_desktop.ui.pages.meetings import MeetingsPage
from pbp_desktop.ui.pages.risks import RisksPage

pytestmark = pytest.mark.ui


def _click_cell(qtbot, matrix, consequence, likelihood):
    rect = matrix._cell_rect(consequence, likelihood)
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))


def test_add_a_risk_scored_on_the_matrix_and_see_the_heat_map_move(window, dialogs, demo, qtbot):
    page = window.show_page(RisksPage)
    assert page.heatmap.counts.get((5, 5), 0) == 0

    def handler(dialog):
        dialogs.fill(dialog, reference="PBP5", title="Neighbourhood teams not functioning by September",
                     category="deliverability")
        for kind, (c, lk) in {"inherent": (5, 5), "current": (5, 5), "target": (3, 2)}.items():
            _click_cell(qtbot, dialog.pickers[kind].matrix, c, lk)
        assert "= <b>25</b> Extreme" in dialog.pickers["current"].label.text()  # computed, never typed
        dialogs.save(dialog)
    dialogs.then(handler)
    page.add()
    assert page.heatmap.counts[(5, 5)] == 1
    risk = page.table.current()
    assert (risk.reference, risk.current_score, risk.target_score) == ("PBP5", 25, 6)
    from pbp_desktop.ui.pages.dashboard import DashboardPage
    assert window.show_page(DashboardPage).view.risks.rowCount() == 3  # on the 15-or-more list


def test_clicking_a_heat_map_cell_filters_the_register(window, qtbot):
    page = window.show_page(RisksPage)
    _click_cell(qtbot, page.heatmap, 4, 2)
    assert {r.reference for r in page.table.rows_shown()} == {"SR4", "SR5", "SR6"}
    assert "consequence 4 x likelihood 2 = 8" in page.filter_label.text()
    _click_cell(qtbot, page.heatmap, 4, 2)  # again: the filter goes
    assert len(page.table.rows_shown()) == 10


def test_the_heat_map_works_from_the_keyboard(window, qtbot):
    page = window.show_page(RisksPage)
    page.heatmap.setFocus()
    page.heatmap.focus_cell = (5, 3)  # consequence 5, likelihood 3
    qtbot.keyClick(page.heatmap, Qt.Key.Key_Right)  # likelihood 4
    qtbot.keyClick(page.heatmap, Qt.Key.Key_Space)
    assert [r.reference for r in page.table.rows_shown()] == ["PBP4"]


def test_rescore_appends_history_and_shows_movement(window, dialogs, qtbot):
    page = window.show_page(RisksPage)
    page.table.select_id(next(r.id for r in page.table.rows_shown() if r.reference == "SR1"))

    def handler(dialog):
        _click_cell(qtbot, dialog.picker.matrix, 4, 4)
        dialog.note.setText("Programme slippage")
        dialog.accept()
    dialogs.then(handler)
    page.rescore(page.table.current())
    sr1 = page.table.current()
    assert (sr1.current_score, sr1.movement) == (16, 4)
    assert page.history_table.rows_shown()[0].note == "Programme slippage"


def test_overdue_actions_are_marked_in_words_and_colour(window):
    page = window.show_page(ActionsPage)
    model = page.table.model
    rows = {model.row_at(r).reference: r for r in range(model.rowCount())}
    overdue, done = rows["A0004"], rows["14/19.1"]
    status_col = 4
    assert model.index(overdue, status_col).data().startswith("⚠ OVERDUE (")
    assert model.index(overdue, 0).data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BG
    assert model.index(done, status_col).data() == "Complete"
    assert model.index(done, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    days = (date(2026, 11, 23) - date(2019, 12, 31)).days  # "today" is fixed by the test register
    assert f"({days:,} days)" in model.index(overdue, status_col).data()


def test_action_filters_and_quick_complete_and_update(window, dialogs):
    page = window.show_page(ActionsPage)
    page.overdue_only.setChecked(True)
    overdue = page.table.rows_shown()
    assert overdue and all(a.overdue for a in overdue)
    page.owner.setCurrentIndex(page.owner.findText("Lisa McNally"))
    assert {a.reference for a in page.table.rows_shown()} == {"16/19.1", "A0005"}
    page.table.select_id(next(a.id for a in page.table.rows_shown() if a.reference == "A0005"))
    dialogs.then(dialogs.fill_and_save(text="Evidence review drafted"))
    page.add_update(page.table.current())
    assert page.updates.rows_shown()[0].text == "Evidence review drafted"
    update = page.updates.rows_shown()[0]  # corrected, then removed and put back
    page.updates.select_id(update.id)
    dialogs.then(dialogs.fill_and_save(text="Evidence review drafted and circulated"))
    page.edit_update(page.updates.current())
    assert page.updates.rows_shown()[0].text == "Evidence review drafted and circulated"
    page.updates.select_id(update.id)
    page.remove_update(page.updates.current())  # confirmed automatically in the tests
    assert not any(u.id == update.id for u in page.updates.rows_shown())
    window.ops.undo_stack.undo()
    page._show_updates(page.table.current())
    assert page.updates.rows_shown()[0].text == "Evidence review drafted and circulated"
    dialogs.then(dialogs.save)  # today, no note
    page.complete(page.table.current())
    assert [a.reference for a in page.table.rows_shown()] == ["16/19.1"]  # no longer overdue
    page.overdue_only.setChecked(False)
    page.status.setCurrentIndex(page.status.findData("complete"))
    assert "A0005" in {a.reference for a in page.table.rows_shown()}


def test_raise_an_action_from_a_meeting_item_and_find_it_in_the_log(window, dialogs, demo):
    page = window.show_page(MeetingsPage)
    meeting = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 10, 7))
    page.meetings.select_id(meeting.id)
    item = next(i for i in page.items.rows_shown() if i.title == "Sandwell Integrated Care Alliance")
    page.items.select_id(item.id)
    owner = next(p.id for p in demo.queries.people() if p.name == "Christine Anne Guest")
    dialogs.then(dialogs.fill_and_save(description="Circulate the alliance response plan to the Board",
                                       owner_id=owner, due_on="18/11/2019"))
    page.raise_action(page.items.current())
    assert page.items.current().action_ids
    log = window.show_page(ActionsPage)
    log.table.search.setText("response plan to the Board")
    [action] = log.table.rows_shown()
    assert action.agenda_item_label == "6 Sandwell Integrated Care Alliance"  # item 4 is the action log
    assert action.meeting_label == "Health and Adult Social Care Scrutiny Board, 07/10/2019"


def test_minutes_are_written_per_item(window, demo, qtbot):
    page = window.show_page(MeetingsPage)
    meeting = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 10, 7))
    page.meetings.select_id(meeting.id)
    page.items.select_id(next(i.id for i in page.items.rows_shown() if i.number == "4"))
    page.minutes.setFocus()
    qtbot.keyClicks(page.minutes, "The Board considered the draft Long Term Plan.")
    page.minutes_confidential.setChecked(True)
    page.save_minutes()
    item = next(i for i in demo.queries.meeting(meeting.id).items if i.number == "4")
    assert item.minutes == "The Board considered the draft Long Term Plan." and item.minutes_confidential
    assert page.items.current().minutes == item.minutes
