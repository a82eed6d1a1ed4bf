"""Services layer: the action log - create, edit, add dated updates, complete."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..domain.enums import ActionStatus
from ..domain.errors import ValidationError, ValidationFailed
from ..domain.fields import Field, clean
from ..domain.periods import uk_date
from ..domain.records import ACTION_UPDATE
from ..readmodels import Changes
from .base import ServiceBase
from .meetings import next_action_reference

_COMPLETE = (  # what "Mark complete" asks: the date, and a closing note kept as a dated update
    Field("completed_on", "Completed on", "date"),
    Field("note", "Closing note", max_len=next(f.max_len for f in ACTION_UPDATE if f.name == "text")),
)


class ActionService(ServiceBase):
    def create(self, values: Mapping[str, Any]) -> Changes:
        with self._work("create_action") as w:
            data = dict(values)
            if not data.get("reference"):
                data["reference"] = next_action_reference(w.session, None)
            self._create(w, "action", data)
        return w.changes()

    def update(self, action_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_action") as w:
            action = self._update(w, "action", action_id, values, expected_version)
            if action.status is ActionStatus.COMPLETE and action.completed_on is None:
                action.completed_on = self._clock()
        return w.changes()

    def delete(self, action_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("action", action_id, expected_version)

    def add_update(self, action_id: int, text: str, *, written_on: date | str | None = None) -> Changes:
        with self._work("add_action_update") as w:
            self._get(w.session, "action", action_id)
            self._create(w, "action_update",
                         {"action_id": action_id, "text": text, "written_on": written_on or self._clock()},
                         set_={"author": self._user})
        return w.changes()

    def edit_update(self, update_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("action_update", update_id, values, expected_version)

    def delete_update(self, update_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("action_update", update_id, expected_version)

    def complete(self, action_id: int, expected_version: int | None, *,
                 completed_on: date | str | None = None, note: str | None = None) -> Changes:
        """Mark an action complete on `completed_on` (by default today, by the register's
        clock), with an optional closing note kept as a dated update, in one transaction."""
        with self._work("complete_action") as w:
            action = self._get(w.session, "action", action_id)
            self._check_version(w.session, "action", action, expected_version)
            cleaned, errors = clean(_COMPLETE, {"completed_on": completed_on, "note": note})
            today = self._clock()
            done_on = cleaned.get("completed_on") or today
            if done_on > today:
                errors.append(ValidationError(
                    "completed_on", "in_future",
                    f"The completion date {uk_date(done_on)} is after today ({uk_date(today)}); "
                    "give the date the action was completed"))
            if action.status is ActionStatus.COMPLETE:
                errors.append(ValidationError("status", "already_complete", "This action is already complete"))
            if errors:
                raise ValidationFailed(errors, "action")
            action.status = ActionStatus.COMPLETE
            action.completed_on = done_on
            if cleaned.get("note"):
                self._create(w, "action_update", {"action_id": action_id, "text": cleaned["note"],
                                                  "written_on": done_on}, set_={"author": self._user})
        return w.changes()
