"""Services layer: meetings - attendance, declarations, agenda items, minutes, resolutions -
and raising an action from an item."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from ..domain.errors import ValidationError, ValidationFailed
from ..readmodels import Changes
from ..storage.models import Action, AgendaItem, Minute, Resolution
from .base import ServiceBase


def next_action_reference(s, minute_ref: str | None) -> str:
    """Minute style '14/19.1', '14/19.2' for an action raised at minute 14/19; otherwise the
    next free 'A0001'."""
    taken = set(s.scalars(select(Action.reference)))
    if minute_ref:
        n = 1
        while f"{minute_ref}.{n}" in taken:
            n += 1
        return f"{minute_ref}.{n}"
    numbers = [int(m.group(1)) for r in taken if (m := re.fullmatch(r"A(\d+)", r))]
    n = max(numbers, default=0) + 1
    return f"A{n:04d}"


class MeetingService(ServiceBase):
    def create(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("meeting", values)

    def update(self, meeting_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("meeting", meeting_id, values, expected_version)

    def delete(self, meeting_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("meeting", meeting_id, expected_version)

    # attendance and declarations
    def add_attendance(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("attendance", values)

    def update_attendance(self, attendance_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("attendance", attendance_id, values, expected_version)

    def remove_attendance(self, attendance_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("attendance", attendance_id, expected_version)

    def add_declaration(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("declaration", values)

    def update_declaration(self, declaration_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("declaration", declaration_id, values, expected_version)

    def remove_declaration(self, declaration_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("declaration", declaration_id, expected_version)

    # agenda items
    def add_item(self, values: Mapping[str, Any]) -> Changes:
        with self._work("create_agenda_item") as w:
            set_ = {}
            if "sort_order" not in values and isinstance(values.get("meeting_id"), int):
                last = w.session.scalar(select(func.max(AgendaItem.sort_order))
                                        .where(AgendaItem.meeting_id == values["meeting_id"]))
                set_["sort_order"] = (last or 0) + 10
            self._create(w, "agenda_item", values, set_=set_)
        return w.changes()

    def update_item(self, item_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("agenda_item", item_id, values, expected_version)

    def delete_item(self, item_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("agenda_item", item_id, expected_version)

    # minutes and resolutions
    def record_minutes(self, item_id: int, text: str, *, confidential: bool = False,
                       expected_version: int | None = None) -> Changes:
        """Write the minutes of an item. Minutes already written are only replaced when the
        caller gives the version it read (so two secretaries cannot overwrite each other)."""
        with self._work("record_minutes") as w:
            self._get(w.session, "agenda_item", item_id)
            minute = w.session.scalar(select(Minute).where(Minute.agenda_item_id == item_id))
            values = {"agenda_item_id": item_id, "text": text, "confidential": confidential}
            if minute is None:
                self._create(w, "minute", values)
            else:
                if expected_version is None:
                    raise ValidationFailed([ValidationError(
                        "text", "exists", "Minutes: this item already has minutes; reload them and edit those")],
                        "minutes")
                self._update(w, "minute", minute.id, {"text": text, "confidential": confidential},
                             expected_version)
        return w.changes()

    def delete_minutes(self, minute_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("minute", minute_id, expected_version)

    def add_resolution(self, values: Mapping[str, Any]) -> Changes:
        with self._work("create_resolution") as w:
            set_ = {}
            if not values.get("number") and isinstance(values.get("agenda_item_id"), int):
                last = w.session.scalar(select(func.max(Resolution.number))
                                        .where(Resolution.agenda_item_id == values["agenda_item_id"]))
                set_["number"] = (last or 0) + 1
            self._create(w, "resolution", values, set_=set_)
        return w.changes()

    def update_resolution(self, resolution_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("resolution", resolution_id, values, expected_version)

    def delete_resolution(self, resolution_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("resolution", resolution_id, expected_version)

    # actions raised at a meeting
    def raise_action(self, item_id: int, values: Mapping[str, Any]) -> Changes:
        """Raise an action from an agenda item: it joins the action log, linked back to the
        item and its meeting, with a minute-style reference unless one is given."""
        with self._work("raise_action") as w:
            item = self._get(w.session, "agenda_item", item_id)
            for key in ("meeting_id", "agenda_item_id"):
                if key in values:
                    raise ValidationFailed([ValidationError(
                        key, "fixed", "An action raised from an item is linked to that item and its meeting")],
                        "action")
            data = {**values, "meeting_id": item.meeting_id, "agenda_item_id": item.id}
            if not data.get("reference"):
                data["reference"] = next_action_reference(w.session, item.minute_ref)
            self._create(w, "action", data)
        return w.changes()
