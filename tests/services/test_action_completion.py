"""Services: marking an action complete takes the date it was completed (today by the register's
clock when none is given, never the real clock) and an optional closing note, kept as a dated
update by the same command; a refused completion writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import ActionStatus
from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.services.actions import ActionService

REGISTER_DAY = date(2025, 3, 31)  # the register's own clock, a day that is no test's TODAY


@pytest.fixture
def action(register, setup) -> int:
    return register.actions.create({"description": "Logic maps for each priority", "owner_id": setup["person"],
                                    "due_on": "31/12/2024"}).created_id("action")


def _service(register) -> ActionService:
    """The register's actions with a clock of their own (the real one would fail the test)."""
    return ActionService(register.opened.engine, "secretary", lambda: REGISTER_DAY)


def test_completed_today_by_the_registers_clock_when_no_date_is_given(register, action):
    ch = _service(register).complete(action, 1)
    done = register.queries.action(action)
    assert ch.touches("action") and not ch.touches("action_update")
    assert (done.status, done.completed_on, done.updates) == (ActionStatus.COMPLETE, REGISTER_DAY, ())
    assert not done.overdue


def test_the_date_given_and_the_closing_note_are_kept_in_one_command(register, action):
    ch = _service(register).complete(action, 1, completed_on="14/03/2025", note="  Approved by the SMT.  ")
    done = register.queries.action(action)
    assert done.completed_on == date(2025, 3, 14)
    [update] = done.updates
    assert (update.text, update.written_on, update.author) == ("Approved by the SMT.", date(2025, 3, 14), "secretary")
    assert {r.batch for r in register.queries.change_log(entity="action_update")} == {ch.batch}  # one command
    assert ch.created_id("action_update") == update.id


def test_a_blank_note_adds_no_update(register, action):
    _service(register).complete(action, 1, note="   \n ")
    assert register.queries.action(action).updates == ()


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"completed_on": "01/04/2025"}, "completed_on", "01/04/2025 is after today (31/03/2025)"),
    ({"completed_on": "31/02/2025"}, "completed_on", "Completed on"),
    ({"note": "x" * 8001}, "note", "the most allowed is 8,000"),
])
def test_a_refused_completion_says_where_and_writes_nothing(register, action, values, field, words):
    before = len(register.queries.change_log())
    with pytest.raises(ValidationFailed) as caught:
        _service(register).complete(action, 1, **values)
    [error] = caught.value.errors
    assert error.field == field and words in error.message
    still = register.queries.action(action)
    assert (still.status, still.completed_on, still.updates) == (ActionStatus.OPEN, None, ())
    assert len(register.queries.change_log()) == before
