"""UI tests: the Programmes screen - programmes, projects and milestones added through its
dialogs; a forecast moved beyond the contingency turns the milestone red, keeps its reason in
the forecast history, and Edit > Undo puts both back; the gateway stage shown by its name and
undone; a confidential programme marked; the timeline painted with no milestones and with several."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from pbp_desktop.ui.pages.programmes import ChooseDialog, ProgrammesPage
from pbp_desktop.ui.programme_tree import COL_NAME, COL_RAG, COL_STAGE, ProgrammeTreeModel

pytestmark = pytest.mark.ui


def _programme(reg, **values) -> int:
    changes = reg.programmes.create_programme({"reference": "P1", "title": "Care closer to home",
                                               "contingency_months": 3, **values})
    return changes.created_id("programme")


def _milestone(reg, programme_id: int, title: str, baseline: date, forecast: date | None = None) -> int:
    changes = reg.programmes.create_milestone({"programme_id": programme_id, "title": title,
                                               "baseline_date": baseline, "forecast_date": forecast})
    return changes.created_id("milestone")


def _page(window) -> ProgrammesPage:
    page = window.show_page(ProgrammesPage)
    page.reload()
    QApplication.processEvents()
    return page


def _text(page: ProgrammesPage, key: tuple[str, int], col: int) -> str:
    return page.model.find(key).siblingAtColumn(col).data()


def test_the_tree_model_passes_the_model_tester(qtmodeltester, register, demo):
    pid = _programme(register)
    project = register.programmes.create_programme({"parent_id": pid, "reference": "P1.1", "title": "Knowle centre"})
    _milestone(register, pid, "Alliance agreement approved", date(2026, 4, 30), date(2026, 4, 30))
    _milestone(register, project.created_id("programme"), "Knowle opens", date(2026, 7, 1), date(2026, 9, 1))
    model = ProgrammeTreeModel()
    model.set_programmes(register.queries.programmes())
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.rowCount(model.index(0, 0)) == 2
    model.set_programmes(demo.queries.programmes(include_archived=True))  # the demo's own plans
    qtmodeltester.check(model)
    assert model.rowCount() > 1


def test_add_a_programme_a_project_and_a_milestone_through_the_dialogs(window, dialogs):
    page = _page(window)
    dialogs.then(dialogs.fill_and_save(reference="PRIME", title="PRIME: primary care", contingency_months="3"))
    page.add_programme()
    node = page.current_node()
    assert node is not None and node.kind == "programme" and node.row.reference == "PRIME"
    dialogs.then(dialogs.fill_and_save(reference="PRIME.1", title="Practice based commissioning"))
    page.add_project()
    node = page.current_node()
    assert node.kind == "project" and node.row.parent_id is not None
    dialogs.then(dialogs.fill_and_save(title="Pilot evaluated", baseline_date="31/03/2027"))
    page.add_milestone()
    node = page.current_node()
    assert node.kind == "milestone" and node.row.title == "Pilot evaluated"
    assert _text(page, node.key, COL_RAG) == "G Green"
    assert not window.ops.messages


def test_a_forecast_beyond_the_contingency_turns_red_and_undo_restores_it(window, dialogs, demo):
    pid = _programme(demo)  # contingency: 3 months
    mid = _milestone(demo, pid, "Neighbourhood teams in each town", date(2027, 9, 30), date(2027, 11, 30))
    page = _page(window)
    assert page.select(("milestone", mid))
    assert _text(page, ("milestone", mid), COL_RAG) == "A Amber"  # late, within the contingency

    def refuse_then_give_reason(dialog):
        dialogs.fill(dialog, forecast_date="31/03/2028")
        dialogs.save(dialog)  # no reason: refused beside the forecast
        assert dialog.isVisible() or dialog.result() == 0
        assert "say why" in dialog.widgets["forecast_date"].error.text()
        dialogs.qtbot.keyClicks(dialog.findChild(QLineEdit, "reason"), "Estates delay at the Tipton site")
        dialogs.save(dialog)
    dialogs.then(refuse_then_give_reason)
    page.edit_milestone()
    assert _text(page, ("milestone", mid), COL_RAG) == "R Red"
    reasons = [f.reason for f in page.forecasts.rows_shown()]
    assert reasons[0] == "Estates delay at the Tipton site"
    assert page.timeline.milestones and page.timeline.milestones[0].rag.value == "red"

    window.act_undo.trigger()  # Edit > Undo
    QApplication.processEvents()
    assert _text(page, ("milestone", mid), COL_RAG) == "A Amber"
    page.select(("milestone", mid))
    assert "Estates delay at the Tipton site" not in [f.reason for f in page.forecasts.rows_shown()]


def test_the_gateway_stage_shows_by_name_and_undo_restores_it(window, dialogs, demo):
    pid = _programme(demo, gateway_stage=2)
    page = _page(window)
    page.select(("programme", pid))
    assert _text(page, ("programme", pid), COL_STAGE) == "2 Business case"

    def choose_pilot(dialog: ChooseDialog):
        dialog.choose(3)
        dialog.accept()
    dialogs.then(choose_pilot)
    page.set_stage()
    assert _text(page, ("programme", pid), COL_STAGE) == "3 Pilot"
    window.act_undo.trigger()
    QApplication.processEvents()
    assert _text(page, ("programme", pid), COL_STAGE) == "2 Business case"


def test_a_confidential_programme_is_marked(window, demo):
    pid = _programme(demo, confidential=True)
    page = _page(window)
    assert _text(page, ("programme", pid), COL_NAME).startswith("[confidential]")
    page.select(("programme", pid))
    assert "Confidential" in page.detail.text()


def test_the_timeline_paints_with_no_milestones_and_with_several(window, demo):
    empty = _programme(demo, reference="P0", title="Nothing planned yet")
    several = _programme(demo, reference="P2", title="Discharge")
    _milestone(demo, several, "Discharge hub opens", date(2026, 6, 1), date(2026, 6, 1))
    _milestone(demo, several, "Discharge to assess", date(2026, 9, 1), date(2026, 12, 1))
    done = _milestone(demo, several, "Alliance agreement", date(2026, 4, 1))
    demo.programmes.update_milestone(done, {"actual_date": date(2026, 4, 20), "status": "complete"}, None)
    _milestone(demo, several, "Hubs in every town", date(2026, 12, 31), date(2027, 6, 30))
    page = _page(window)
    for pid, rows in ((empty, 0), (several, 4)):
        page.select(("programme", pid))
        assert len(page.timeline.milestones) == rows
        image = page.timeline.grab()
        assert not image.isNull() and image.height() > 40
    assert "beyond the contingency" in page.timeline.accessibleDescription()
