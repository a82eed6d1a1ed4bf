"""Services: programmes, projects and milestones through the one mutation path - a milestone's RAG
as the query judges it after a change, the change log and undo of a gateway move and a forecast
move (its forecast history row with it), the rules of nesting and deleting, confidentiality
inherited by projects and milestones, and a stale edit refused."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import Rag
from pbp_desktop.domain.errors import ConflictError, Refused, ValidationFailed


def _programme(reg, ref="SP5", **values):
    values = {"reference": ref, "title": "Care closer to home", "contingency_months": 3, **values}
    return reg.programmes.create_programme(values).created_id("programme")


def _milestone(reg, programme_id, title="Knowle centre opens", baseline="31/03/2027", **values):
    ch = reg.programmes.create_milestone({"programme_id": programme_id, "title": title, "baseline_date": baseline,
                                          **values})
    return ch.created_id("milestone")


def _only_milestone(reg, programme_id=None):
    row = reg.queries.programme(programme_id) if programme_id else reg.queries.programmes()[0]
    return row.all_milestones()[0]


def test_a_milestone_that_slips_beyond_its_contingency_turns_red(register):
    pid = _programme(register)  # three months' contingency: to 30/06/2027
    mid = _milestone(register, pid)
    m = _only_milestone(register)
    assert m.rag is Rag.GREEN and m.contingency_months == 3
    register.programmes.update_milestone(mid, {"forecast_date": "15/05/2027"}, m.version, reason="Contractor late")
    m = _only_milestone(register)
    assert m.rag is Rag.AMBER and "within the contingency (to 30/06/2027)" in m.slippage.words
    register.programmes.update_milestone(mid, {"forecast_date": "01/08/2027"}, m.version, reason="Slipped again")
    m = _only_milestone(register)
    assert m.rag is Rag.RED and m.slippage.beyond_contingency
    assert [(f.forecast_date, f.reason) for f in m.forecasts] == [
        (date(2027, 3, 31), "First forecast"), (date(2027, 5, 15), "Contractor late"), (date(2027, 8, 1), "Slipped again")]
    assert register.queries.programmes()[0].milestone_counts()[Rag.RED] == 1


def test_a_project_without_its_own_contingency_is_judged_by_its_programmes(register):
    pid = _programme(register, contingency_months=1)
    project = register.programmes.create_programme({"reference": "SP5.1", "title": "Discharge to assess",
                                                    "parent_id": pid}).created_id("programme")
    _milestone(register, project, forecast_date="15/04/2027")
    m = _only_milestone(register, project)
    assert m.contingency_months == 1 and m.rag is Rag.AMBER
    register.programmes.update_programme(pid, {"contingency_months": 0}, 1)
    assert _only_milestone(register, project).rag is Rag.RED


def _logged(reg, batch):
    return [(c.entity, c.field, c.old_value, c.new_value) for c in reg.queries.change_log() if c.batch == batch]


def test_a_gateway_change_and_a_forecast_change_are_logged_and_undone_and_redone(register):
    pid = _programme(register, gateway_stage=2)
    mid = _milestone(register, pid)
    gateway = register.programmes.set_gateway_stage(pid, 3, 1)
    assert ("programme", "gateway_stage", "2", "3") in _logged(register, gateway.batch)
    assert register.queries.programme(pid).gateway_name == "3 Pilot"
    forecast = register.programmes.update_milestone(mid, {"forecast_date": "30/06/2027"}, 1, reason="Estates delay")
    logged = _logged(register, forecast.batch)
    assert ("milestone", "forecast_date", None, "2027-06-30") in logged
    assert any(entity == "milestone_forecast" for entity, *_ in logged)  # the history row, in the same batch
    (fid,) = [i for kind, i in forecast.created if kind == "milestone_forecast"]

    undone = register.history.undo(forecast.batch)
    m = _only_milestone(register)
    assert m.forecast_date is None and [f.reason for f in m.forecasts] == ["First forecast"]
    assert ("milestone_forecast", fid) in undone.deleted
    undone_gateway = register.history.undo(gateway.batch)
    assert register.queries.programme(pid).gateway_stage == 2

    register.history.redo(undone_gateway.batch)
    register.history.redo(undone.batch)
    assert register.queries.programme(pid).gateway_name == "3 Pilot"
    m = _only_milestone(register)
    assert m.forecast_date == date(2027, 6, 30)
    assert [(f.id, f.reason) for f in m.forecasts][-1] == (fid, "Estates delay")


def test_a_project_cannot_nest_under_a_project(register):
    pid = _programme(register)
    project = register.programmes.create_programme({"reference": "SP5.1", "title": "Project",
                                                    "parent_id": pid}).created_id("programme")
    with pytest.raises(ValidationFailed) as refused:
        register.programmes.create_programme({"reference": "SP5.1.1", "title": "Sub-project", "parent_id": project})
    assert "parent_id" in refused.value.fields() and "is itself a project" in str(refused.value)
    other = _programme(register, "SP6")
    with pytest.raises(ValidationFailed, match="has projects of its own"):
        register.programmes.update_programme(pid, {"parent_id": other}, 1)
    assert [p.reference for p in register.queries.programmes()] == ["SP5", "SP6"]


def test_delete_refuses_a_programme_with_milestones_and_takes_one_without(register):
    pid = _programme(register)
    _milestone(register, pid)
    with pytest.raises(Refused, match="1 milestone still refers to it. Archive it instead"):
        register.programmes.delete_programme(pid, 1)
    assert register.queries.programme(pid) is not None
    empty = _programme(register, "SP6")
    register.programmes.set_goals(empty, {"Quality": "Fewer delayed discharges"})
    register.programmes.delete_programme(empty, 1)
    assert register.queries.programme(empty) is None


def test_a_confidential_programme_makes_its_projects_and_milestones_private(register):
    pid = _programme(register, confidential=True)
    project = register.programmes.create_programme({"reference": "SP5.1", "title": "Project",
                                                    "parent_id": pid}).created_id("programme")
    mid = _milestone(register, project)
    public = _programme(register, "SP6")
    open_mid = _milestone(register, public, "Open milestone")
    secret_mid = _milestone(register, public, "Secret milestone", confidential=True)
    records = register.privacy.records()
    assert records.private("programme", pid) and records.private("programme", project)
    assert records.private("milestone", mid)
    forecast = _only_milestone(register, project).forecasts[0].id
    assert records.private("milestone_forecast", forecast)
    assert register.privacy.why_private("programme", project, records) == "belongs to a private programme or project"
    assert not records.private("programme", public) and not records.private("milestone", open_mid)
    assert records.private("milestone", secret_mid)
    # a public reading leaves them out
    shown = register.queries.programmes(include_confidential=False)
    assert [p.reference for p in shown] == ["SP6"]
    assert [m.title for m in shown[0].milestones] == ["Open milestone"]


def test_a_stale_edit_is_refused(register):
    pid = _programme(register)
    mid = _milestone(register, pid)
    register.programmes.update_programme(pid, {"confidence": "amber", "confidence_reason": "Estates"}, 1)
    with pytest.raises(ConflictError):
        register.programmes.update_programme(pid, {"confidence": "green"}, 1)
    with pytest.raises(ConflictError):
        register.programmes.set_gateway_stage(pid, 4, 1)
    register.programmes.update_milestone(mid, {"forecast_date": "30/04/2027"}, 1)
    with pytest.raises(ConflictError):
        register.programmes.update_milestone(mid, {"forecast_date": "31/05/2027"}, 1, reason="Mine")
    m = _only_milestone(register)
    assert m.forecast_date == date(2027, 4, 30) and len(m.forecasts) == 2
    assert register.queries.programme(pid).confidence is Rag.AMBER


def test_a_past_month_shows_its_milestones_as_they_stood_then(tmp_path):
    """A forecast moved later and a date done later are not yet known as at an earlier day: the
    highlight report of a past month shows that month's picture."""
    from pbp_desktop.services import Register
    today = {"d": date(2022, 3, 2)}
    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", create=True, user="t", clock=lambda: today["d"])
    pid = reg.programmes.create_programme({"reference": "P", "title": "Plan", "contingency_months": 3}
                                          ).created_id("programme")
    mid = reg.programmes.create_milestone({"programme_id": pid, "title": "Teams live",
                                           "baseline_date": date(2022, 9, 30)}).created_id("milestone")
    today["d"] = date(2022, 9, 1)
    row = reg.queries.programme(pid).milestones[0]
    reg.programmes.update_milestone(mid, {"forecast_date": date(2023, 2, 28)}, row.version, reason="workforce gaps")
    today["d"] = date(2023, 3, 1)
    row = reg.queries.programme(pid).milestones[0]
    reg.programmes.update_milestone(mid, {"actual_date": date(2023, 2, 15), "status": "complete"}, row.version)
    then = reg.queries.programme(pid, as_at=date(2022, 7, 31)).milestones[0]
    assert (then.forecast_date, then.actual_date, then.rag, len(then.forecasts)) == (date(2022, 9, 30), None, Rag.GREEN, 1)
    later = reg.queries.programme(pid, as_at=date(2022, 10, 31)).milestones[0]
    assert (later.forecast_date, later.actual_date, later.rag, len(later.forecasts)) == (date(2023, 2, 28), None, Rag.RED, 2)
    now = reg.queries.programme(pid).milestones[0]
    assert (now.actual_date, now.status.value, now.rag) == (date(2023, 2, 15), "complete", Rag.RED)
    reg.close()
