"""The meeting cycle in the services: a meeting starts from its body's template; items are
numbered in agenda order with Part 2 after the public items, moved and removed; attendance is
taken as one sheet; a second meeting at the same date and time is refused unless confirmed;
approved minutes are locked (every record of a meeting's minutes, generated from the lock's own
table of what belongs to a meeting) and change only by a logged amendment."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import AttendanceRole, ItemKind, MinutesStatus, Standing
from pbp_desktop.domain.errors import Refused, ValidationFailed
from pbp_desktop.domain.meetings import (
    LOCKED_BY,
    NOT_LOCKED,
    next_minute_numbers,
    parse_time,
    quorum,
)
from pbp_desktop.storage.base import Base
from tests.conftest import approve_and_amend_july_minutes


@pytest.fixture
def board(register):
    """A body with two members and a template of its own, and its meeting of 1 July 2025."""
    body = register.people.create_body({"name": "Partnership Board", "quorum": 2, "usual_time": "2 pm",
                                        "usual_place": "Council House"}).created_id("body")
    register.meetings.use_default_template(body)
    people = [register.people.create_person({"name": n}).created_id("person") for n in ("Ann Chair", "Bob Member")]
    register.people.add_member({"body_id": body, "person_id": people[0], "standing": "chair"})
    register.people.add_member({"body_id": body, "person_id": people[1]})
    first = register.meetings.create({"body_id": body, "meets_on": "01/07/2025"}).created_id("meeting")
    return {"body": body, "people": people, "first": first}


def items(register, meeting_id):
    return register.queries.meeting(meeting_id).items


def test_a_new_meeting_starts_from_its_bodys_template_with_its_time_and_place(register, board):
    meeting = register.queries.meeting(board["first"]).meeting
    assert (meeting.start_time, meeting.location, meeting.session.value) == ("2 pm", "Council House", "public")
    assert [(i.number, i.kind) for i in items(register, board["first"])] == [
        ("1", ItemKind.APOLOGIES), ("2", ItemKind.DECLARATIONS), ("3", ItemKind.PREVIOUS_MINUTES),
        ("4", ItemKind.ACTION_LOG), ("5", ItemKind.PUBLIC_QUESTIONS), ("6", ItemKind.OTHER_BUSINESS),
        ("7", ItemKind.NEXT_MEETING)]
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    assert items(register, second)[2].title == ("To confirm the minutes of the meeting held on 1 July 2025 as a "
                                                "correct record")


def test_business_goes_before_the_closing_items_and_part_2_after_the_public_ones(register, board):
    m = board["first"]
    register.meetings.add_item({"meeting_id": m, "title": "Budget", "confidential": True})
    register.meetings.add_item({"meeting_id": m, "title": "Assurance pack"})
    register.meetings.add_item({"meeting_id": m, "title": "Winter plan"})
    titles = [(i.number, i.title) for i in items(register, m)]
    assert titles[3:8] == [("4", "Matters arising and action log"), ("5", "Assurance pack"), ("6", "Winter plan"),
                           ("7", "Questions from the public"), ("8", "Any other business")]
    assert titles[-1] == ("10", "Budget")
    meeting = register.queries.meeting(m).meeting
    assert meeting.exclusion and "excluded" in meeting.exclusion  # worded when the first private item came


def test_items_move_within_their_part_and_are_renumbered_and_removed_with_their_records(register, board):
    m = board["first"]
    winter = register.meetings.add_item({"meeting_id": m, "title": "Winter plan"}).created_id("agenda_item")
    row = next(i for i in items(register, m) if i.id == winter)
    register.meetings.move_item(winter, -2, row.version)
    assert [i.title for i in items(register, m)][2] == "Winter plan"
    register.meetings.record_minutes(winter, "Noted.")
    register.meetings.add_resolution({"agenda_item_id": winter, "text": "that the plan be noted"})
    row = next(i for i in items(register, m) if i.id == winter)
    changes = register.meetings.delete_item(winter, row.version)
    assert ("minute", row.minute_id) in changes.deleted and len(changes.deleted) == 3
    assert [i.number for i in items(register, m)] == [str(n) for n in range(1, 8)]
    register.history.undo(changes.batch)
    assert any(i.id == winter and i.minutes == "Noted." for i in items(register, m))


def test_a_second_meeting_at_the_same_date_and_time_is_refused_unless_confirmed(register, board):
    with pytest.raises(Refused, match="already has a meeting on 01/07/2025"):
        register.meetings.create({"body_id": board["body"], "meets_on": "01/07/2025", "start_time": "14:00"})
    register.meetings.create({"body_id": board["body"], "meets_on": "01/07/2025", "start_time": "10am"})
    register.meetings.create({"body_id": board["body"], "meets_on": "01/07/2025", "start_time": "14:00"},
                             allow_clash=True)
    assert len(register.queries.meetings()) == 3


def test_attendance_is_taken_as_one_sheet_and_copied_from_the_last_meeting(register, board):
    ann, bob = board["people"]
    register.meetings.take_attendance(board["first"], [
        {"person_id": ann, "attendance": "present"}, {"person_id": bob, "attendance": "apologies"},
        {"name": "Jo Visitor", "capacity": "Healthwatch", "attendance": "in_attendance"}],
        chair_id=ann, set_chair=True)
    detail = register.queries.meeting(board["first"])
    assert detail.meeting.chair_name == "Ann Chair" and len(detail.attendance) == 3
    register.meetings.take_attendance(board["first"], [{"person_id": bob, "attendance": "present"},
                                                      {"name": "Jo Visitor", "attendance": None}])
    detail = register.queries.meeting(board["first"])
    assert sorted((a.name, a.attendance) for a in detail.attendance) == [
        ("Ann Chair", AttendanceRole.PRESENT), ("Bob Member", AttendanceRole.PRESENT)]
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    register.meetings.copy_attendance(second)
    copied = register.queries.meeting(second)
    assert {a.name for a in copied.attendance} == {"Ann Chair", "Bob Member"} and copied.meeting.chair_id == ann


def test_approving_at_the_next_meeting_locks_every_record_of_the_minutes(register, board):
    m = board["first"]
    item = register.meetings.add_item({"meeting_id": m, "title": "Winter plan"}).created_id("agenda_item")
    register.meetings.record_minutes(item, "Noted.")
    register.meetings.add_resolution({"agenda_item_id": item, "text": "that the plan be noted"})
    register.meetings.take_attendance(m, [{"person_id": board["people"][0], "attendance": "present"}])
    register.meetings.add_declaration({"meeting_id": m, "agenda_item_id": item, "name": "Bob",
                                       "interest": "a personal interest"})
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    approving = next(i for i in items(register, second) if i.kind is ItemKind.PREVIOUS_MINUTES)
    register.meetings.approve_minutes(approving.id, amendments="item 8: 'Noted' to read 'Noted with thanks'")
    first = register.queries.meeting(m)
    assert first.meeting.minutes_status is MinutesStatus.APPROVED
    assert first.meeting.minutes_approved_on == date(2025, 8, 5)
    resolved = next(i for i in items(register, second) if i.id == approving.id).resolutions[0].text
    assert resolved.startswith("Resolved that the minutes of the meeting held on 1 July 2025 be approved")
    assert "Noted with thanks" in resolved
    # every table the lock names refuses a change of the approved meeting's records
    row = next(i for i in first.items if i.id == item)
    attempts = {
        "meeting": lambda: register.meetings.update(m, {"location": "Elsewhere"}, None),
        "attendance": lambda: register.meetings.take_attendance(m, [{"person_id": board["people"][0],
                                                                    "attendance": "apologies"}]),
        "declaration": lambda: register.meetings.remove_declaration(first.declarations[0].id, None),
        "agenda_item": lambda: register.meetings.update_item(item, {"title": "Changed"}, None),
        "minute": lambda: register.meetings.record_minutes(item, "Rewritten", expected_version=row.minute_version),
        "resolution": lambda: register.meetings.update_resolution(row.resolutions[0].id, {"text": "x"}, None),
    }
    assert set(attempts) == {lock.table for lock in LOCKED_BY}
    for attempt in attempts.values():
        with pytest.raises(Refused, match="were approved on 05/08/2025; they are locked"):
            attempt()
    with pytest.raises(Refused):
        register.meetings.delete(m, None)
    # an action raised at the meeting lives on
    action = register.meetings.raise_action(item, {"description": "Follow up", "owner_id": board["people"][0],
                                                   "due_on": "01/09/2025"})
    assert action.created
    # the one way the minutes change: a logged amendment
    register.meetings.amend_minutes(item, "Noted with thanks.", "Amended at the meeting of 5 August 2025",
                                    expected_version=row.minute_version)
    amended = next(i for i in register.queries.meeting(m).items if i.id == item)
    assert amended.minutes == "Noted with thanks." and amended.amendments[0].old_text == "Noted."
    with pytest.raises(Refused, match="approved already"):
        register.meetings.approve_minutes(approving.id)


def test_every_table_that_points_at_a_meeting_is_locked_or_says_why_not():
    """Generated from the schema: a table added later that points at a meeting or an agenda item
    must be named by the lock, or say why approval does not lock it."""
    pointing = {t.name for t in Base.metadata.sorted_tables
                for fk in t.foreign_keys if fk.column.table.name in ("meeting", "agenda_item")}
    locked = {lock.table for lock in LOCKED_BY}
    assert pointing - locked - set(NOT_LOCKED) == set()
    assert not locked & set(NOT_LOCKED)


def test_undo_of_an_approval_unlocks_the_minutes(register, board):
    register.meetings.take_attendance(board["first"], [{"person_id": board["people"][0], "attendance": "present"}])
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    approving = next(i for i in items(register, second) if i.kind is ItemKind.PREVIOUS_MINUTES)
    changes = register.meetings.approve_minutes(approving.id)
    register.history.undo(changes.batch)
    assert register.queries.meeting(board["first"]).meeting.minutes_status is MinutesStatus.DRAFT
    register.meetings.update(board["first"], {"location": "Elsewhere"}, None)


def test_a_meeting_with_actions_raised_at_it_is_not_deleted(register, board):
    item = register.meetings.add_item({"meeting_id": board["first"], "title": "Plan"}).created_id("agenda_item")
    register.meetings.raise_action(item, {"description": "Do it", "owner_id": board["people"][0],
                                          "due_on": "01/09/2025"})
    with pytest.raises(Refused, match="1 action"):
        register.meetings.delete(board["first"], None)
    with pytest.raises(Refused, match="actions first"):
        register.meetings.delete_item(item, None)


def test_minutes_numbers_follow_the_bodys_last_of_the_year(register, board):
    register.meetings.number_minutes(board["first"])
    refs = [i.minute_ref for i in items(register, board["first"])]
    assert refs == [f"{n}/25" for n in range(1, 8)]
    assert next_minute_numbers(["11/19", "16/19", "3/20"], date(2019, 10, 7), 2) == ["17/19", "18/19"]


@pytest.mark.parametrize("text, hour, minute", [("5.30 pm", 17, 30), ("5.30pm", 17, 30), ("17:30", 17, 30),
                                                ("5pm", 17, 0), ("12 noon", None, None), ("9.15am", 9, 15)])
def test_a_meetings_time_is_read_as_people_write_it(text, hour, minute):
    found = parse_time(text)
    assert (found.hour, found.minute) if found else (None, None) == (hour, minute)


def test_the_quorum_counts_members_present_not_officers():
    q = quorum(3, [Standing.CHAIR, Standing.MEMBER, Standing.MEMBER, Standing.OFFICER],
               [AttendanceRole.PRESENT, AttendanceRole.PRESENT, AttendanceRole.APOLOGIES, AttendanceRole.PRESENT])
    assert (q.present, q.members, q.quorate) == (2, 3, False) and "NOT QUORATE" in q.words


def test_a_declaration_needs_someone(register, board):
    with pytest.raises(ValidationFailed, match="Name a person"):
        register.meetings.add_declaration({"meeting_id": board["first"], "interest": "an interest"})


def test_a_meeting_is_deleted_with_its_agenda_and_brought_back_by_undo(register, board):
    m = board["first"]
    register.meetings.record_minutes(items(register, m)[0].id, "No apologies.")
    register.meetings.take_attendance(m, [{"person_id": board["people"][0], "attendance": "present"}])
    changes = register.meetings.delete(m, None)
    assert register.queries.meetings() == [] and ("meeting", m) in changes.deleted
    register.history.undo(changes.batch)
    assert len(items(register, m)) == 7 and items(register, m)[0].minutes == "No apologies."


def test_an_empty_time_or_place_comes_from_the_body_and_a_time_must_be_one(register, board):
    made = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025", "start_time": None,
                                     "location": "", "session": None}).created_id("meeting")
    meeting = register.queries.meeting(made).meeting
    assert (meeting.start_time, meeting.location, meeting.session.value) == ("2 pm", "Council House", "public")
    for values in ({"start_time": "25:99"}, {"ended_at": "banana"}):
        with pytest.raises(ValidationFailed, match="is not a time of day"):
            register.meetings.update(made, values, None)
    with pytest.raises(ValidationFailed, match="is not a time of day"):
        register.meetings.add_item({"meeting_id": made, "title": "Late", "item_time": "99.99"})


def test_minutes_are_approved_in_order_and_only_when_there_is_something_to_approve(register, board):
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    third = register.meetings.create({"body_id": board["body"], "meets_on": "02/09/2025"}).created_id("meeting")
    at_third = next(i for i in items(register, third) if i.kind is ItemKind.PREVIOUS_MINUTES)
    at_second = next(i for i in items(register, second) if i.kind is ItemKind.PREVIOUS_MINUTES)
    register.meetings.record_minutes(items(register, second)[0].id, "No apologies.")
    with pytest.raises(Refused, match="minutes of 01/07/2025 are still a draft: approve them first"):
        register.meetings.approve_minutes(at_third.id)
    with pytest.raises(Refused, match="has no minutes, resolutions or attendance recorded"):
        register.meetings.approve_minutes(at_second.id)
    register.meetings.record_minutes(items(register, board["first"])[0].id, "No apologies.")
    register.meetings.approve_minutes(at_second.id)
    register.meetings.approve_minutes(at_third.id)
    with pytest.raises(Refused, match="records the approval"):
        register.meetings.delete_item(at_third.id, None)


def test_an_amendment_of_confidential_minutes_and_a_declaration_of_a_withheld_interest_are_private(register,
                                                                                                     board):
    m = board["first"]
    item = register.meetings.add_item({"meeting_id": m, "title": "Winter plan"}).created_id("agenda_item")
    register.meetings.record_minutes(item, "Commercial terms discussed.", confidential=True)
    interest = register.meetings.add_interest({"person_id": board["people"][1], "category": "indirect",
                                               "organisation": "A family business", "confidential": True}
                                              ).created_id("interest")
    declared = register.meetings.declare_from_register(item, interest)
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    register.meetings.approve_minutes(next(i for i in items(register, second)
                                           if i.kind is ItemKind.PREVIOUS_MINUTES).id)
    row = next(i for i in items(register, m) if i.id == item)
    amended = register.meetings.amend_minutes(item, "Terms agreed.", "Corrected", expected_version=row.minute_version)
    private = register.privacy.records()
    assert private.private("minute_amendment", amended.created_id("minute_amendment"))
    assert private.private("declaration", declared.created_id("declaration"))


def test_an_amendment_follows_its_minutes_when_they_become_confidential(register, board):
    """Second review: an amendment's privacy is the minutes' own, whenever they change."""
    m = board["first"]
    item = register.meetings.add_item({"meeting_id": m, "title": "Winter plan"}).created_id("agenda_item")
    register.meetings.record_minutes(item, "Figures noted.")
    second = register.meetings.create({"body_id": board["body"], "meets_on": "05/08/2025"}).created_id("meeting")
    approval = register.meetings.approve_minutes(next(i for i in items(register, second)
                                                      if i.kind is ItemKind.PREVIOUS_MINUTES).id)
    row = next(i for i in items(register, m) if i.id == item)
    amended = register.meetings.amend_minutes(item, "Figures of 4.2m noted.", "A figure left out",
                                              expected_version=row.minute_version).created_id("minute_amendment")
    assert not register.privacy.records().private("minute_amendment", amended)
    register.history.undo(approval.batch)
    row = next(i for i in items(register, m) if i.id == item)
    register.meetings.record_minutes(item, row.minutes, confidential=True, expected_version=row.minute_version)
    assert register.privacy.records().private("minute_amendment", amended)


def test_a_public_agenda_keeps_in_its_record_only_what_it_printed(demo):
    approve_and_amend_july_minutes(demo)
    july = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 7, 29))
    agenda = demo.papers.agenda(july.id, "public")
    assert all(e.item is None or (e.item.minutes is None and not e.item.amendments and not e.item.resolutions)
               for e in agenda.items)
    minutes = demo.papers.minutes(july.id, "public")
    shown = [a for e in minutes.entries for a in e.amendments]
    assert shown and all(a.old_text is None and a.new_text is None for a in shown)


@pytest.mark.parametrize("text", ["0.00am", "13.30pm", "24:00", "7:61pm"])
def test_times_not_on_the_clock_are_refused(text):
    assert parse_time(text) is None
