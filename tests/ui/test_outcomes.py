"""UI: outcomes, objectives and indicators - a recorded actual changes the RAG at once in the
tree, the chart and the dashboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pbp_desktop.domain.enums import Rag
from pbp_desktop.ui.pages.dashboard import DashboardPage
from pbp_desktop.ui.pages.outcomes import OutcomesPage
from pbp_desktop.ui.periods_model import COL_ACTUAL, COL_PLANNED, COL_RAG
from pbp_desktop.ui.tree_model import COL_RAG as TREE_RAG

pytestmark = pytest.mark.ui


def _tree_rag(page, key) -> str:
    return page.model.index(page.model.find(key).row(), TREE_RAG, page.model.find(key).parent()).data()


def test_add_outcome_objective_indicator_record_actual_and_see_the_rag_everywhere(empty_window, dialogs, register):
    window = empty_window
    page = window.show_page(OutcomesPage)
    dialogs.then(dialogs.fill_and_save(reference="PO1", title="Best Start in Life"))
    page.add_outcome()
    outcome = page.current_node().row
    dialogs.then(dialogs.fill_and_save(reference="PO1.1", title="Reduce smoking at time of delivery"))
    page.add_objective(outcome)
    objective = page.current_node().row
    dialogs.then(dialogs.fill_and_save(
        code="SATOD", name="Smoking at time of delivery", unit="%", polarity="lower", frequency="annual_fy",
        baseline_value="9.8", baseline_period="2018/19", target_value="3.3", target_date="31/03/2025"))
    page.add_indicator(objective)
    node = page.current_node()
    assert node.kind == "indicator" and node.row.code == "SATOD"
    key = node.key
    panel = page.indicator_panel
    assert page.stack.currentWidget() is panel
    assert _tree_rag(page, key) == "ND  No data"
    window.show_page(DashboardPage)
    assert window.pages[0].view.outcomes.row_at(0).counts[Rag.GREY] == 1
    window.show_page(OutcomesPage)

    # record 2019/20 in the grid: the plan there is 9.8 - 6.5/6 = 8.72; 9.5 is 9% behind: red
    grid = panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2019/20")
    assert grid.index(row, COL_PLANNED).data() == "8.7%"
    assert grid.setData(grid.index(row, COL_ACTUAL), "9.5")
    assert _tree_rag(page, key) == "R  Red"
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2019/20")
    assert grid.index(row, COL_RAG).data() == "R  Red"
    spec = panel.chart.spec
    assert [(p.label, p.value, p.rag) for p in spec.actuals] == [("2019/20", 9.5, Rag.RED)]
    drawn = _drawn(panel.chart)
    assert drawn[panel.chart.actual_dots] == 1 and drawn[panel.chart.plan] == len(spec.plan) + 1  # and the baseline
    assert [t.toPlainText() for t in panel.chart.letters if t.isVisible()] == ["R"]
    window.show_page(DashboardPage)
    assert window.pages[0].view.outcomes.row_at(0).counts[Rag.RED] == 1

    # correct it to 8.5 (ahead of plan): green everywhere
    window.show_page(OutcomesPage)
    page.select(key)
    assert grid.setData(grid.index(row, COL_ACTUAL), "8.5")
    assert _tree_rag(page, key) == "G  Green"
    assert panel.chart.spec.actuals[0].rag is Rag.GREEN
    window.show_page(DashboardPage)
    assert window.pages[0].view.outcomes.row_at(0).counts[Rag.GREEN] == 1


def test_the_grid_refuses_text_for_a_number_and_says_why(window, demo):
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "GLD")
    page.select(("indicator", ind.id))
    grid = page.indicator_panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2019/20")
    before = len(demo.queries.change_log())
    assert not grid.setData(grid.index(row, COL_ACTUAL), "about sixty")
    error = page.indicator_panel.grid_error
    assert error.isVisibleTo(page) and "2019/20: Value: 'about sixty' is not a number" in error.text()
    assert len(demo.queries.change_log()) == before


def test_editing_a_planned_value_steps_the_plan(window, demo):
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "SATOD")
    page.select(("indicator", ind.id))
    grid = page.indicator_panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2020/21")
    assert grid.setData(grid.index(row, COL_PLANNED), "9.0")
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2020/21")
    assert grid.index(row, COL_PLANNED).data() == "9.0% (edited)"
    assert grid.index(row, COL_RAG).data() == "G  Green"  # 8.6 is now ahead of a 9.0 plan
    assert grid.setData(grid.index(row, COL_PLANNED), "8.0")  # a second edit names the version it replaces
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2020/21")
    assert grid.index(row, COL_PLANNED).data() == "8.0% (edited)"
    assert grid.setData(grid.index(row, COL_PLANNED), "")  # emptied: back to the linear plan
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2020/21")
    assert "(edited)" not in grid.index(row, COL_PLANNED).data()
    assert grid.index(row, COL_RAG).data() != "G  Green"  # 8.6 is behind the linear plan again
    window.ops.undo_stack.undo()
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "2020/21")
    assert grid.index(row, COL_PLANNED).data() == "8.0% (edited)"


def test_provisional_is_a_checkbox_in_the_grid(window, demo):
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "NI 123")
    page.select(("indicator", ind.id))
    grid = page.indicator_panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, 0).data() == "Q2 2008/09")
    assert grid.index(row, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert grid.setData(grid.index(row, 3), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert _tree_rag(page, ("indicator", ind.id)) == "R  Red"  # validated, 288 is far behind 507.5


def _drawn(chart) -> dict:
    """What the chart's plot holds and shows: item -> number of points."""
    return {item: len(item.getData()[0]) if hasattr(item, "getData") and item.getData()[0] is not None else 1
            for item in chart.plotItem.items if item.isVisible()}


def test_spc_view_icons_and_a_rebase_from_the_indicator_page(window, dialogs, demo):
    page = window.show_page(OutcomesPage)
    tree = demo.queries.outcome_tree(with_periods=True)
    without = next(i for o in tree for j in o.objectives for i in j.indicators if i.spc is None)
    page.select(("indicator", without.id))  # a chart with nothing to show first: its items are kept for the next
    page.indicator_panel.charts.setCurrentIndex(1)  # the SPC tab: its chart is drawn when shown
    assert _drawn(page.indicator_panel.spc_chart) == {}
    ind = next(i for o in tree for j in o.objectives for i in j.indicators if i.code == "DTOC-SAN")
    page.select(("indicator", ind.id))
    panel = page.indicator_panel
    assert panel.spc_chart.result is not None and len(panel.spc_chart.result.groups) == 3
    drawn = _drawn(panel.spc_chart)
    assert drawn[panel.spc_chart.line] == 105 and drawn[panel.spc_chart.dots] == 105  # every point is drawn
    assert "105 points" in panel.spc_text.text() and not panel.spc_icons.pixmap().isNull()
    idx = page.model.find(("indicator", ind.id))
    assert page.model.index(idx.row(), 1, idx.parent()).data(Qt.ItemDataRole.DecorationRole) is not None
    dialogs.then(dialogs.fill_and_save(period="Apr 2019", reason="A new discharge model"))
    panel.add_rebase()
    assert len(panel.spc_chart.result.groups) == 4 and "Apr 2019 (A new discharge model)" in panel.rebases.text()
    window.act_undo.trigger()
    assert len(panel.spc_chart.result.groups) == 3
    from pbp_desktop.ui.pages.dashboard import DashboardPage
    dash = window.show_page(DashboardPage).view
    assert dash.mdc.rowCount() == 1 and dash.mdc.data(dash.mdc.index(0, 1), Qt.ItemDataRole.DecorationRole) is not None


def test_the_spc_chart_waits_for_its_tab(window, demo):
    page = window.show_page(OutcomesPage)
    tree = demo.queries.outcome_tree(with_periods=True)
    ind = next(i for o in tree for j in o.objectives for i in j.indicators if i.code == "DTOC-SAN")
    panel = page.indicator_panel
    panel.charts.setCurrentIndex(0)
    page.select(("indicator", ind.id))
    assert panel.spc_chart.result is None and "105 points" in panel.spc_text.text()  # the words at once
    panel.charts.setCurrentIndex(1)
    assert panel.spc_chart.result is not None and _drawn(panel.spc_chart)[panel.spc_chart.dots] == 105


def test_delete_an_actual_from_the_grid_and_undo_it(window, demo, qtbot):
    """The grid's own advice ("use Delete actual") leads somewhere: the button, or the Delete key."""
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators
               if i.code == "GLD")
    page.select(("indicator", ind.id))
    panel = page.indicator_panel
    grid = panel.periods
    row = next(r for r in range(grid.rowCount()) if grid.index(r, COL_ACTUAL).data())
    label = grid.index(row, 0).data()
    panel.grid.setCurrentIndex(grid.index(row, 0))
    panel.delete_actual()  # confirmed automatically in the tests
    period = next(p for p in demo.queries.indicator(ind.id).periods if p.period == label)
    assert period.actual is None
    window.ops.undo_stack.undo()
    period = next(p for p in demo.queries.indicator(ind.id).periods if p.period == label)
    assert period.actual is not None
    empty = next(r for r in range(grid.rowCount()) if not grid.index(r, COL_ACTUAL).data())
    panel.grid.setCurrentIndex(grid.index(empty, 0))
    panel.delete_actual()
    assert "a period that has an actual" in panel.grid_error.text()


def _tick(lw, *names) -> None:
    for i in range(lw.count()):
        if lw.item(i).text() in names:
            lw.item(i).setCheckState(Qt.CheckState.Checked)


def test_a_framework_as_written_entered_through_the_outcome_dialogs(empty_window, dialogs, register, qtbot):
    """Issue 19: an outcome's sponsors, lead partners and lead officers (several of each, a team and a
    role among them), an objective's team and role leads, a relative target with a target year, and
    a measure directly under the outcome, all through the screen's dialogs; undone from the stack."""
    from PySide6.QtWidgets import QDialogButtonBox

    from pbp_desktop.domain.enums import LeadCapacity, TargetChange
    window = empty_window
    for name in ("Riverside Borough Council", "NHS Riverside ICB"):
        register.partners.create({"name": name, "sector": "local_authority"})
    register.people.create_person({"name": "Dr Sam Lee"})
    page = window.show_page(OutcomesPage)
    dialogs.then(dialogs.fill_and_save(reference="1", title="Every child has the best start in life"))
    page.add_outcome()
    outcome = page.current_node().row

    def leads(dialog) -> None:
        sponsor, partner, officer = (dialog.panels[c] for c in LeadCapacity)
        sponsor.roles.setPlainText("Health and Wellbeing Board")
        _tick(partner.partners, "Riverside Borough Council", "NHS Riverside ICB")
        _tick(officer.people, "Dr Sam Lee")
        officer.teams.setPlainText("Public Health service\n")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    dialogs.then(leads)
    page.set_outcome_leads(outcome)
    outcome = register.queries.outcome_tree()[0]
    assert outcome.names(LeadCapacity.SPONSOR) == ("Health and Wellbeing Board",)
    assert outcome.names(LeadCapacity.LEAD_PARTNER) == ("NHS Riverside ICB", "Riverside Borough Council")  # as listed
    assert outcome.names(LeadCapacity.LEAD_OFFICER) == ("Dr Sam Lee", "Public Health service")
    summary = page.summary_panel
    assert page.stack.currentWidget() is summary
    shown = " ".join(w.text() for w in summary.findChildren(type(summary.heading)))
    assert "NHS Riverside ICB; Riverside Borough Council" in shown and "Public Health service (team)" in shown

    dialogs.then(dialogs.fill_and_save(reference="1.1", title="Reduce smoking in pregnancy"))
    page.add_objective(outcome)
    objective = page.current_node().row

    def objective_leads(dialog) -> None:
        dialog.panel.teams.setPlainText("Stop Smoking service")
        dialog.panel.roles.setPlainText("Children's Trust Board")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    dialogs.then(objective_leads)
    page.set_leads(objective)
    objective = register.queries.outcome_tree()[0].objectives[0]
    assert objective.lead_teams == ("Stop Smoking service",) and objective.lead_roles == ("Children's Trust Board",)

    # a relative target with its year: refused with the reason first, then saved
    def relative(dialog) -> None:
        dialogs.fill(dialog, code="SATOD", name="Smoking at time of delivery", unit="%", polarity="lower",
                     frequency="annual_cy", baseline_value="14.2", baseline_period="2013",
                     target_change="reduce_pct", target_period="2016")
        dialogs.save(dialog)
        assert "give the percentage or amount" in dialog.widgets["target_amount"].error.text()
        dialogs.fill(dialog, target_amount="20")
        dialogs.save(dialog)
    dialogs.then(relative)
    page.add_indicator(objective)
    satod = page.current_node().row
    assert satod.target_change is TargetChange.REDUCE_PCT and round(satod.target_value, 2) == 11.36
    assert satod.target_text == "reduce by 20% from 14.2% (2013) \u2014 11.4% \u2014 by 2016"

    # a measure of the outcome as a whole, from the outcome's panel
    dialogs.then(dialogs.fill_and_save(code="IMR", name="Infant mortality", unit="per 1,000", polarity="lower",
                                       frequency="annual_cy"))
    page.add_indicator(register.queries.outcome_tree()[0])
    node = page.current_node()
    assert node.kind == "indicator" and node.parent.kind == "outcome" and node.row.objective_id is None

    # undo from the stack takes the measure away
    window.ops.undo_stack.undo()
    assert register.queries.outcome_tree()[0].indicators == ()


def test_an_indicator_under_an_objective_is_edited_without_naming_its_outcome(window, demo, dialogs):
    """The edit form of an indicator under an objective leaves 'Priority outcome' empty (naming both
    is refused), and saves a change as before."""
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree() for j in o.objectives for i in j.indicators if i.code == "GLD")
    page.select(("indicator", ind.id))

    def edit(dialog) -> None:
        assert dialog.widgets["outcome_id"].get() is None
        dialogs.fill(dialog, target_period="2025/26")
        dialogs.save(dialog)
    dialogs.then(edit)
    page.edit_indicator(page.current_node().row)
    again = demo.queries.indicator(ind.id)
    assert again.target_period == "2025/26" and again.objective_id == ind.objective_id
