"""Services: undo and redo whole commands from the change log; never over someone's newer work."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.errors import ConflictError, ValidationFailed


def test_undo_and_redo_an_update(register, setup):
    ch = register.partners.update(setup["partner"], {"alliance_role": "risk_bearing", "notes": "signed"}, 1)
    undone = register.history.undo(ch.batch)
    assert undone.updated == {("partner", setup["partner"])}
    p = register.queries.partners()[0]
    assert (p.alliance_role, p.notes) == (None, None)
    register.history.redo(undone.batch)
    p = register.queries.partners()[0]
    assert (p.alliance_role.value, p.notes) == ("risk_bearing", "signed")


def test_undo_a_create_removes_it_and_redo_brings_it_back_with_its_id(register, setup):
    ch = register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2019/20", "value": 8.7})
    actual_id = ch.created_id("actual")
    undone = register.history.undo(ch.batch)
    assert undone.deleted == {("actual", actual_id)}
    assert register.queries.indicator(setup["indicator"]).latest is None
    redone = register.history.redo(undone.batch)
    assert redone.created == {("actual", actual_id)}
    assert register.queries.indicator(setup["indicator"]).latest.actual == 8.7


def test_undo_a_delete_restores_the_record(register, setup):
    mid = register.people.add_member({"body_id": setup["body"], "person_id": setup["person"],
                                      "role": "Secretary", "voting": False}).created_id("membership")
    ch = register.people.remove_member(mid, 1)
    register.history.undo(ch.batch)
    [m] = register.queries.memberships()
    assert (m.id, m.role, m.voting) == (mid, "Secretary", False)


def test_undo_a_command_of_many_records(register, setup):
    register.meetings.update_item(setup["item"], {"minute_ref": "14/19"}, 1)
    ch = register.meetings.raise_action(setup["item"], {"description": "Update", "owner_id": setup["person"],
                                                        "due_on": "18/11/2019"})
    register.actions.add_update(ch.created_id("action"), "Chased")
    with pytest.raises(ValidationFailed, match="1 action update added since refer to the action"):
        register.history.undo(ch.batch)
    assert register.queries.action(ch.created_id("action")) is not None


def test_undo_is_refused_when_someone_changed_the_record_since(register, setup):
    first = register.partners.update(setup["partner"], {"notes": "mine"}, 1)
    register.partners.update(setup["partner"], {"notes": "theirs"}, 2)
    with pytest.raises(ConflictError, match="changed by tester"):
        register.history.undo(first.batch)
    assert register.queries.partners()[0].notes == "theirs"


def test_undo_that_would_orphan_records_is_refused(register, setup):
    ch = register.partners.create({"name": "SCVO", "sector": "voluntary_community"})
    pid = ch.created_id("partner")
    register.people.create_person({"name": "Chief Officer", "partner_id": pid})
    with pytest.raises(ValidationFailed):
        register.history.undo(ch.batch)
    assert any(p.name == "SCVO" for p in register.queries.partners())


def test_undo_of_a_rescore_restores_the_score_and_history(register):
    values = {"reference": "R1", "title": "t", "category": "finance", "inherent_consequence": 4,
              "inherent_likelihood": 4, "current_consequence": 4, "current_likelihood": 3,
              "target_consequence": 2, "target_likelihood": 2}
    rid = register.risks.create(values).created_id("risk")
    ch = register.risks.rescore(rid, {"consequence": 5, "likelihood": 4}, 1)
    assert register.queries.risks()[0].current_score == 20
    register.history.undo(ch.batch)
    risk = register.queries.risks()[0]
    assert risk.current_score == 12 and len(risk.history) == 1
