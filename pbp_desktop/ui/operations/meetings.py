"""UI layer: named operations on meetings: the meeting, attendance, declarations, the agenda,
minutes, resolutions and actions raised from an item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...domain.periods import uk_date
from ...readmodels import (
    AgendaItemRow,
    DeclarationRow,
    InterestSuggestion,
    MeetingRow,
    ResolutionRow,
)
from . import Ops, Outcome, run


def create_meeting(ops: Ops, values: Mapping[str, Any], *, allow_clash: bool = False,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, "New meeting", lambda: ops.register.meetings.create(values, allow_clash=allow_clash),
               parent=parent, form=True)


def delete_meeting(ops: Ops, row: MeetingRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete the meeting of {uk_date(row.meets_on)}",
               lambda: ops.register.meetings.delete(row.id, row.version), parent=parent)


def move_item(ops: Ops, row: AgendaItemRow, steps: int, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Move item {row.number} {'up' if steps < 0 else 'down'}",
               lambda: ops.register.meetings.move_item(row.id, steps, row.version), parent=parent)


def delete_item(ops: Ops, row: AgendaItemRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove item {row.number} {row.title}",
               lambda: ops.register.meetings.delete_item(row.id, row.version), parent=parent)


def number_minutes(ops: Ops, row: MeetingRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Number the minutes", lambda: ops.register.meetings.number_minutes(row.id), parent=parent)


def approve_minutes(ops: Ops, item: AgendaItemRow, amendments: str | None, *,
                    parent: QWidget | None = None) -> Outcome:
    return run(ops, "Approve the minutes of the last meeting",
               lambda: ops.register.meetings.approve_minutes(item.id, amendments=amendments), parent=parent)


def amend_minutes(ops: Ops, item: AgendaItemRow, text: str, reason: str, *,
                  parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Amend the approved minutes of {item.minute_ref or item.number}",
               lambda: ops.register.meetings.amend_minutes(item.id, text, reason,
                                                           expected_version=item.minute_version), parent=parent)


def take_attendance(ops: Ops, meeting_id: int, sheet: list[dict[str, Any]], chair_id: int | None, *,
                    parent: QWidget | None = None) -> Outcome:
    return run(ops, "Take attendance",
               lambda: ops.register.meetings.take_attendance(meeting_id, sheet, chair_id=chair_id, set_chair=True),
               parent=parent)


def copy_attendance(ops: Ops, meeting_id: int, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Copy attendance from the last meeting",
               lambda: ops.register.meetings.copy_attendance(meeting_id), parent=parent)


def update_meeting(ops: Ops, row: MeetingRow, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit meeting of {uk_date(row.meets_on)}",
               lambda: ops.register.meetings.update(row.id, values, row.version), parent=parent, form=True)


def add_attendance(ops: Ops, meeting_id: int, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add attendance or apologies",
               lambda: ops.register.meetings.add_attendance({"meeting_id": meeting_id, **values}),
               parent=parent, form=True)



def add_declaration(ops: Ops, meeting_id: int, values: Mapping[str, Any], *,
                    parent: QWidget | None = None) -> Outcome:
    return run(ops, "Declare an interest",
               lambda: ops.register.meetings.add_declaration({"meeting_id": meeting_id, **values}),
               parent=parent, form=True)


def add_item(ops: Ops, meeting_id: int, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add agenda item", lambda: ops.register.meetings.add_item({"meeting_id": meeting_id, **values}),
               parent=parent, form=True)


def update_item(ops: Ops, row: AgendaItemRow, values: Mapping[str, Any], *,
                parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit item {row.number}",
               lambda: ops.register.meetings.update_item(row.id, values, row.version), parent=parent, form=True)


def record_minutes(ops: Ops, item: AgendaItemRow, text: str, *, confidential: bool,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Minutes of {item.minute_ref or item.number}", lambda: ops.register.meetings.record_minutes(
        item.id, text, confidential=confidential, expected_version=item.minute_version), parent=parent)


def delete_minutes(ops: Ops, item: AgendaItemRow, *, parent: QWidget | None = None) -> Outcome:
    assert item.minute_id is not None
    minute_id = item.minute_id
    return run(ops, f"Delete minutes of {item.number}",
               lambda: ops.register.meetings.delete_minutes(minute_id, item.minute_version), parent=parent)


def add_resolution(ops: Ops, item: AgendaItemRow, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add resolution",
               lambda: ops.register.meetings.add_resolution({"agenda_item_id": item.id, **values}),
               parent=parent, form=True)


def raise_action(ops: Ops, item: AgendaItemRow, values: Mapping[str, Any], *,
                 parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Raise action from {item.minute_ref or item.number}",
               lambda: ops.register.meetings.raise_action(item.id, values), parent=parent, form=True)


def update_declaration(ops: Ops, row: DeclarationRow, values: Mapping[str, Any], *,
                       parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit the declaration of {row.name}",
               lambda: ops.register.meetings.update_declaration(row.id, values, row.version), parent=parent, form=True)


def remove_declaration(ops: Ops, row: DeclarationRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove the declaration of {row.name}",
               lambda: ops.register.meetings.remove_declaration(row.id, row.version), parent=parent)


def declare_from_register(ops: Ops, suggestion: InterestSuggestion, action_taken: str | None, *,
                          parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Record the declaration of {suggestion.interest.person_name}",
               lambda: ops.register.meetings.declare_from_register(suggestion.agenda_item_id, suggestion.interest.id,
                                                                   action_taken=action_taken), parent=parent)


def update_resolution(ops: Ops, row: ResolutionRow, values: Mapping[str, Any], *,
                      parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit resolution {row.number}",
               lambda: ops.register.meetings.update_resolution(row.id, values, row.version), parent=parent, form=True)


def delete_resolution(ops: Ops, row: ResolutionRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove resolution {row.number}",
               lambda: ops.register.meetings.delete_resolution(row.id, row.version), parent=parent)
