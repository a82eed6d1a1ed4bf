"""UI: named operations - the screen that started a command keeps the user's place (selected
row, current cell, scroll) while it shows the change; archived records are shown on request and
restored (undone by Ctrl+Z); and no screen hands Ops a command of its own making."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel

import pbp_desktop.ui as ui
from pbp_desktop.ui.pages.outcomes import OutcomesPage
from pbp_desktop.ui.pages.partners import PartnersPage
from pbp_desktop.ui.pages.people import PeoplePage
from pbp_desktop.ui.periods_model import COL_NOTE

pytestmark = pytest.mark.ui


def _resets(model) -> list[int]:
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_the_page_that_edits_a_record_keeps_its_selection_and_scroll(window, dialogs, demo, qtbot):
    window.resize(1100, 520)
    page = window.show_page(PeoplePage)
    table = page.people
    qtbot.waitUntil(lambda: table.view.verticalScrollBar().maximum() > 0)
    rows = table.rows_shown()
    target = rows[len(rows) // 2]
    table.select_id(target.id)
    table.view.setCurrentIndex(table.view.currentIndex().siblingAtColumn(2))  # on the Organisation cell
    bar = table.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2 + 1)  # the user scrolled on; the chosen row stays chosen
    where = bar.value()
    resets = _resets(table.model)

    dialogs.then(dialogs.fill_and_save(title="Director of Place (interim)"))
    page.edit_person(table.current())

    assert next(p for p in demo.queries.people() if p.id == target.id).title == "Director of Place (interim)"
    assert table.current().id == target.id and table.current().title == "Director of Place (interim)"
    assert table.view.currentIndex().column() == 2
    assert bar.value() == where
    assert resets == []  # the same records: put in place, not reset


def test_another_writer_s_change_reloads_the_page_fully(window, demo):
    """The soft path is the initiator's only: a change made elsewhere reloads as before."""
    page = window.show_page(PeoplePage)
    resets = _resets(page.people.model)
    person = demo.queries.people()[0]
    demo.people.update_person(person.id, {"title": "Elsewhere"}, person.version)  # another copy of the app
    window.ops.poll()
    assert resets == [1]
    assert next(p for p in page.people.rows_shown() if p.id == person.id).title == "Elsewhere"


def test_the_grid_keeps_its_current_cell_and_scroll_after_an_edit_in_it(window, demo, qtbot):
    window.resize(1100, 600)
    page = window.show_page(OutcomesPage)
    inds = [i for o in demo.queries.outcome_tree() for j in o.objectives for i in j.indicators]
    ind = max(inds, key=lambda i: len(demo.queries.indicator(i.id).periods))
    page.select(("indicator", ind.id))
    panel = page.indicator_panel
    grid, view = panel.periods, panel.grid
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    row = next(r for r in range(grid.rowCount() // 2, grid.rowCount()) if grid.period_at(r).actual_id is not None)
    view.selectionModel().setCurrentIndex(grid.index(row, COL_NOTE), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2 + 1)
    where = view.verticalScrollBar().value()
    resets = _resets(grid)

    assert grid.setData(grid.index(row, COL_NOTE), "checked with the ICB")

    assert grid.index(row, COL_NOTE).data() == "checked with the ICB"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (row, COL_NOTE)
    assert view.verticalScrollBar().value() == where
    assert resets == []


def test_show_archived_and_restore_a_partner_then_undo(window, demo):
    page = window.show_page(PartnersPage)
    scvo = next(p for p in demo.queries.partners() if p.short_name == "SCVO")
    page.archive(scvo)
    assert scvo.id not in {p.id for p in page.table.rows_shown()}
    assert not page.restore_button.isVisible()

    page.show_archived.setChecked(True)
    assert page.restore_button.isVisible()
    assert page.table.select_id(scvo.id)
    archived = page.table.current()
    # the marker leads the name, so a narrow column cannot cut it off
    assert archived.archived and page.table.view.currentIndex().siblingAtColumn(1).data().startswith("[archived]")
    assert page.restore_button.isEnabled() and not page.archive_button.isEnabled()
    page.restore(archived)
    assert not next(p for p in demo.queries.partners(include_archived=True) if p.id == scvo.id).archived
    assert window.act_undo.text().startswith("&Undo Restore Sandwell Council")

    window.act_undo.trigger()  # Ctrl+Z: archived again
    assert scvo.id not in {p.id for p in demo.queries.partners()}
    page.show_archived.setChecked(False)
    assert scvo.id not in {p.id for p in page.table.rows_shown()}


def test_showing_archived_indicators_changes_no_status_count(window, demo):
    """An archived indicator shown (Show archived) is listed, but not counted in its objective's
    and outcome's RAG."""
    from pbp_desktop.ui.pages.outcomes import OutcomesPage
    from pbp_desktop.ui.tree_model import COL_RAG
    page = window.show_page(OutcomesPage)
    tree = demo.queries.outcome_tree(with_periods=True)
    outcome = tree[0]
    objective = outcome.objectives[0]
    indicator = objective.indicators[0]

    def counts() -> tuple[str, str]:
        return tuple(page.model.find(key).siblingAtColumn(COL_RAG).data()
                     for key in (("outcome", outcome.id), ("objective", objective.id)))
    before = counts()
    demo.indicators.archive(indicator.id, indicator.version)
    page.show_archived.setChecked(True)
    assert page.select(("indicator", indicator.id))
    assert page.model.find(("indicator", indicator.id)).data().startswith("[archived]")
    assert not page.archive_button.isEnabled() and page.restore_button.isEnabled()
    shown = counts()
    page.show_archived.setChecked(False)
    assert counts() == shown  # listed or not, the archived indicator is not counted
    assert shown != before  # and it was counted while it was live


# ---------------------------------------------------------------------------- no lambdas into Ops

UI = Path(ui.__file__).parent
SCREENS = sorted([*UI.glob("pages/*.py"), UI / "periods_model.py", UI / "drafts.py", UI / "widgets.py",
                  UI / "forms.py", UI / "table_model.py", UI / "tree_model.py"])


def ops_execute_calls(source: str) -> list[int]:
    """Lines where the code calls `<something>.execute(...)` itself (the named operations do)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "execute"]


def test_screens_call_named_operations_not_ops_execute():
    found = {f"{p.relative_to(UI)}:{line}" for p in SCREENS for line in ops_execute_calls(p.read_text("utf-8"))}
    assert found == set()


def test_the_check_sees_a_lambda_handed_to_ops():
    assert ops_execute_calls("self.ops.execute('Add', lambda: reg.partners.create(v))\n") == [1]


def test_ops_refuses_a_command_that_does_not_say_what_it_changed(window):
    with pytest.raises(TypeError, match="not Changes"):
        window.ops.execute("Print pack", lambda: ("P-2026-11-23-1", b"%PDF"))
