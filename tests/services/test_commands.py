"""Services: each command is one transaction with its change-log rows, returns what changed,
refuses stale edits, and queries return frozen readmodels."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from pbp_desktop.domain.enums import ActionStatus, ChangeKind, Rag
from pbp_desktop.domain.errors import ConflictError, NotFound, ValidationFailed
from pbp_desktop.services import Register
from tests.conftest import TODAY


def test_create_returns_changes_and_logs_every_field(register):
    ch = register.partners.create({"name": "Healthwatch Sandwell", "sector": "healthwatch", "short_name": "HW"})
    pid = ch.created_id("partner")
    assert ch.touches("partner") and not ch.updated and not ch.deleted
    log = register.queries.change_log(entity="partner", entity_id=pid)
    assert {r.batch for r in log} == {ch.batch}
    assert {(r.field, r.new_value) for r in log if r.field} >= {
        ("name", "Healthwatch Sandwell"), ("sector", "healthwatch"), ("short_name", "HW")}
    assert all(r.user == "tester" and r.command == "create_partner" for r in log)


def test_update_logs_old_and_new_values(register):
    pid = register.partners.create({"name": "SCVO", "sector": "voluntary_community"}).created_id("partner")
    ch = register.partners.update(pid, {"alliance_role": "Bespoke (MOU)", "notes": "joined 2021"}, 1)
    assert ch.updated == {("partner", pid)}
    rows = [r for r in register.queries.change_log(batch=ch.batch)]
    assert {(r.change, r.field, r.old_value, r.new_value) for r in rows} == {
        (ChangeKind.UPDATE, "alliance_role", None, "bespoke_mou"),
        (ChangeKind.UPDATE, "notes", None, "joined 2021")}
    assert register.queries.partners()[0].version == 2


def test_an_update_with_no_change_changes_nothing(register):
    pid = register.partners.create({"name": "SCVO", "sector": "voluntary_community"}).created_id("partner")
    ch = register.partners.update(pid, {"name": "SCVO"}, 1)
    assert ch.empty and register.queries.partners()[0].version == 1


def test_stale_edit_is_refused_naming_who_changed_it(register_path):
    secretary = Register.open(f"sqlite:///{register_path}", user="secretary", clock=lambda: TODAY)
    director = Register.open(f"sqlite:///{register_path}", user="director", clock=lambda: TODAY)
    try:
        pid = secretary.partners.create({"name": "SCVO", "sector": "voluntary_community"}).created_id("partner")
        seen_by_director = director.queries.partners()[0]
        secretary.partners.update(pid, {"notes": "secretary's note"}, 1)
        with pytest.raises(ConflictError) as info:
            director.partners.update(pid, {"notes": "director's note"}, seen_by_director.version)
        assert info.value.changed_by == "secretary"
        assert "changed by secretary" in str(info.value) and "Reload" in str(info.value)
        assert director.queries.partners()[0].notes == "secretary's note"
    finally:
        secretary.close()
        director.close()


def test_readmodels_are_frozen(register):
    register.partners.create({"name": "SCVO", "sector": "voluntary_community"})
    row = register.queries.partners()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.name = "changed"  # type: ignore[misc]


def test_missing_record_is_not_found(register):
    with pytest.raises(NotFound, match="There is no partner 42"):
        register.partners.update(42, {"notes": "x"}, 1)


def test_recording_an_actual_changes_the_rag(register, setup):
    ind = register.queries.indicator(setup["indicator"])
    assert ind.rag is Rag.GREY and ind.latest is None
    register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2019/20", "value": "8.7"})
    ind = register.queries.indicator(setup["indicator"])
    assert ind.latest.period == "2019/20" and ind.latest.planned == pytest.approx(9.8 - 6.5 / 6)
    assert ind.rag is Rag.GREEN
    actual = ind.latest
    register.indicators.update_actual(actual.actual_id, {"value": 9.5}, actual.actual_version)
    assert register.queries.indicator(setup["indicator"]).rag is Rag.RED


def test_edited_plan_points(register, setup):
    register.indicators.set_planned(setup["indicator"], "2019/20", 9.5)
    row = next(p for p in register.queries.indicator(setup["indicator"]).periods if p.period == "2019/20")
    assert row.planned == 9.5 and row.planned_edited
    with pytest.raises(ValidationFailed, match="already edited"):
        register.indicators.set_planned(setup["indicator"], "2019/20", 9.4)


def test_rescore_appends_to_history_and_shows_movement(register, setup):
    values = {"reference": "PBP2", "title": "Domiciliary care market", "category": "workforce",
              "inherent_consequence": 4, "inherent_likelihood": 5, "current_consequence": 4,
              "current_likelihood": 3, "target_consequence": 3, "target_likelihood": 3}
    rid = register.risks.create(values, assessed_on=date(2021, 11, 30)).created_id("risk")
    ch = register.risks.rescore(rid, {"consequence": 4, "likelihood": 4, "assessed_on": "02/03/2022",
                                      "note": "market concerns continue"}, 1)
    assert ch.created and ch.updated == {("risk", rid)}
    risk = register.queries.risks()[0]
    assert (risk.current_score, risk.current_band.value, risk.movement) == (16, "extreme", 4)
    assert [(h.assessed_on, h.score) for h in risk.history] == [(date(2021, 11, 30), 12), (date(2022, 3, 2), 16)]
    assert register.queries.summary().extreme_risks[0].reference == "PBP2"


def test_a_score_cannot_be_typed(register):
    with pytest.raises(ValidationFailed) as info:
        register.risks.create({"reference": "R", "title": "t", "category": "finance", "current_score": 12,
                               "inherent_consequence": 4, "inherent_likelihood": 2, "current_consequence": 4,
                               "current_likelihood": 2, "target_consequence": 1, "target_likelihood": 1})
    assert info.value.fields() == {"current_score"}


def test_raise_action_from_an_item_links_back(register, setup):
    register.meetings.update_item(setup["item"], {"minute_ref": "14/19"}, 1)
    ch = register.meetings.raise_action(setup["item"], {"description": "Provide an update to a future meeting",
                                                        "owner_id": setup["person"], "due_on": "18/11/2019"})
    action = register.queries.action(ch.created_id("action"))
    assert action.reference == "14/19.1" and action.meeting_id == setup["meeting"]
    assert action.agenda_item_id == setup["item"] and action.status is ActionStatus.OPEN
    assert action.overdue and action.days_overdue == (TODAY - date(2019, 11, 18)).days
    detail = register.queries.meeting(setup["meeting"])
    assert detail.items[0].action_ids == (action.id,)
    second = register.meetings.raise_action(setup["item"], {"description": "Another",
                                                            "owner_id": setup["person"], "due_on": "18/11/2019"})
    assert register.queries.action(second.created_id("action")).reference == "14/19.2"


def test_updates_and_completion(register, setup):
    aid = register.actions.create({"description": "Logic maps", "owner_id": setup["person"],
                                   "due_on": "31/12/2019"}).created_id("action")
    register.actions.add_update(aid, "Draft shared with the SMT", written_on="01/12/2019")
    register.actions.complete(aid, 1, completed_on="14/01/2020", note="Approved by SMT")
    action = register.queries.action(aid)
    assert action.status is ActionStatus.COMPLETE and action.completed_on == date(2020, 1, 14)
    assert not action.overdue
    assert [u.text for u in action.updates] == ["Draft shared with the SMT", "Approved by SMT"]
    assert action.updates[0].author == "tester"
    with pytest.raises(ValidationFailed, match="already complete"):
        register.actions.complete(aid, action.version)


def test_minutes_are_never_silently_replaced(register, setup):
    register.meetings.record_minutes(setup["item"], "The Board noted the report.")
    with pytest.raises(ValidationFailed, match="already has minutes"):
        register.meetings.record_minutes(setup["item"], "Something else")
    item = register.queries.meeting(setup["meeting"]).items[0]
    register.meetings.record_minutes(setup["item"], "The Board noted the report and asked for an update.",
                                     confidential=True, expected_version=item.minute_version)
    item = register.queries.meeting(setup["meeting"]).items[0]
    assert item.minutes.endswith("asked for an update.") and item.minutes_confidential


def test_objective_leads_people_and_partners(register, setup):
    register.outcomes.set_objective_leads(setup["objective"], [setup["person"]], [setup["partner"]])
    obj = register.queries.outcome_tree(with_periods=True)[0].objectives[0]
    assert obj.leads == ("Deb Breedon", "Sandwell MBC")
    register.outcomes.set_objective_leads(setup["objective"], [], [setup["partner"]])
    assert register.queries.outcome_tree(with_periods=True)[0].objectives[0].leads == ("Sandwell MBC",)


def test_delete_is_logged_with_old_values(register, setup):
    mid = register.people.add_member({"body_id": setup["body"], "person_id": setup["person"],
                                      "role": "Secretary"}).created_id("membership")
    ch = register.people.remove_member(mid, 1)
    assert ch.deleted == {("membership", mid)}
    rows = register.queries.change_log(batch=ch.batch)
    assert ("role", "Secretary", None) in {(r.field, r.old_value, r.new_value) for r in rows}


def test_only_one_host(register):
    register.partners.create({"name": "SWBH", "sector": "nhs_trust", "is_host": True})
    with pytest.raises(ValidationFailed, match="SWBH is already the host"):
        register.partners.create({"name": "SMBC", "sector": "local_authority", "is_host": "yes"})


def test_a_body_cannot_report_to_itself_or_below(register):
    a = register.people.create_body({"name": "Partnership Board"}).created_id("body")
    b = register.people.create_body({"name": "SMT", "reports_to_id": a}).created_id("body")
    with pytest.raises(ValidationFailed, match="cannot report to itself"):
        register.people.update_body(a, {"reports_to_id": b}, 1)


def test_deletes_go_only_where_nothing_depends(register, setup):
    action = register.meetings.raise_action(setup["item"], {"description": "Report back", "owner_id": setup["person"],
                                                            "due_on": "18/11/2019"}).created_id("action")
    update = register.actions.add_update(action, "Drafted").created_id("action_update")
    with pytest.raises(ValidationFailed, match="This action cannot be deleted: 1 action update still refers to it"):
        register.actions.delete(action, 1)
    register.actions.delete_update(update, 1)
    ch = register.actions.delete(action, 1)
    assert ("action", action) in ch.deleted and register.queries.action(action) is None


def test_risks_are_archived_not_deleted(register):
    rid = register.risks.create({"reference": "R1", "title": "t", "category": "finance",
                                 "inherent_consequence": 3, "inherent_likelihood": 3, "current_consequence": 3,
                                 "current_likelihood": 3, "target_consequence": 2,
                                 "target_likelihood": 2}).created_id("risk")
    register.risks.archive(rid, 1)
    assert register.queries.risks() == []
    assert register.queries.risks(include_archived=True)[0].archived


def test_an_actual_is_changed_only_against_the_version_read(register, setup):
    """The services API once saved an actual with no conflict check when no version was passed:
    the version is required, and a stale one is refused."""
    register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2019/20", "value": 8.7})
    actual = register.queries.indicator(setup["indicator"]).latest
    for command in (lambda v: register.indicators.update_actual(actual.actual_id, {"value": 9.0}, v),
                    lambda v: register.indicators.delete_actual(actual.actual_id, v)):
        with pytest.raises(TypeError, match="version"):
            command(None)
        with pytest.raises(TypeError, match="version"):
            command(True)
    assert register.queries.indicator(setup["indicator"]).latest.actual == 8.7
    register.indicators.update_actual(actual.actual_id, {"value": 9.0}, actual.actual_version)
    with pytest.raises(ConflictError):  # the version read before that change
        register.indicators.update_actual(actual.actual_id, {"value": 9.1}, actual.actual_version)
    with pytest.raises(ConflictError):
        register.indicators.delete_actual(actual.actual_id, actual.actual_version)
    assert register.queries.indicator(setup["indicator"]).latest.actual == 9.0
