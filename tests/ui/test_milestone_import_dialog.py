"""UI test: File > Import milestones over the demo register - a file with a bad row shows every
row, names the bad one by row and column and imports nothing; a good file moves a forecast with
its reason, as one change that Edit > Undo takes back."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.importing import RowAction
from pbp_desktop.ui.milestone_import import MilestoneImportDialog

pytestmark = pytest.mark.ui

HEAD = "Programme,Milestone,Baseline date,Forecast date,Actual date,Status,Reason for the change\r\n"


def _next_year_plan(reg):
    sandwell = next(p for p in reg.queries.programmes() if p.reference == "SAN-TP")
    return sandwell, next(m for m in sandwell.milestones if m.actual_date is None)


def test_a_bad_row_imports_nothing_and_a_good_file_moves_a_forecast_undone_as_one(window, tmp_path):
    reg = window.ops.register
    programme, milestone = _next_year_plan(reg)
    moved = milestone.baseline_date.replace(year=milestone.baseline_date.year + 1)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + f"{programme.reference},{milestone.title},{milestone.baseline_date:%d/%m/%Y},"
                   f"{moved:%d/%m/%Y},,planned,estates works slipped\r\n"
                   "NO-SUCH,A milestone of a programme nobody has,31/02/2022,,,planned,\r\n", encoding="utf-8")
    dialog = MilestoneImportDialog(window.ops, window)
    assert dialog.choose_file(str(bad))
    assert not dialog.import_button.isEnabled()
    assert "Nothing can be imported" in dialog.summary.text()
    errors = [r for r in dialog.plan.rows if r.action is RowAction.ERROR]
    assert [r.row for r in errors] == [3] and errors[0].column
    assert dialog.rows.proxy.rowCount() == 1  # the problems shown, each with its row and column
    assert not dialog.do_import()
    assert _next_year_plan(reg)[1].forecast_date == milestone.forecast_date

    good = tmp_path / "good.csv"
    good.write_text(HEAD.replace("\r\n", ",Reasn\r\n") + f"{programme.reference},{milestone.title},{milestone.baseline_date:%d/%m/%Y},"
                    f"{moved:%d/%m/%Y},,planned,estates works slipped,typo\r\n", encoding="utf-8")
    assert dialog.choose_file(str(good)) and dialog.import_button.isEnabled()
    assert "Columns not read: Reasn." in dialog.summary.text()
    assert dialog.do_import()
    after = _next_year_plan(reg)[1]
    assert after.forecast_date == moved and after.forecasts[-1].reason == "estates works slipped"
    assert "Edit > Undo" in dialog.summary.text()
    window.ops.undo_stack.undo()
    back = _next_year_plan(reg)[1]
    assert back.forecast_date == milestone.forecast_date and len(back.forecasts) == len(milestone.forecasts)


def test_a_file_that_is_not_a_milestone_file_is_refused_in_words(window, tmp_path):
    other = tmp_path / "actuals.csv"
    other.write_text("Indicator,Period,Value\r\nNI 123,2008/09,12\r\n", encoding="utf-8")
    dialog = MilestoneImportDialog(window.ops, window)
    assert not dialog.choose_file(str(other))  # no milestone columns at all
    assert "is not a milestone file" in dialog.summary.text() and not dialog.import_button.isEnabled()
