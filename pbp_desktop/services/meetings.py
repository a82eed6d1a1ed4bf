"""Services layer: the meeting cycle. A meeting starts from its body's agenda template; its items
are added, edited, moved and removed (numbers follow the order, Part 2 items after the public
ones); attendance is taken in one command for the whole sheet; declarations are recorded against
items; minutes are written per item and approved at a later meeting, after which they are locked
(storage.locks) and change only by a logged amendment; actions are raised from items."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.enums import ItemKind, MinutesStatus
from ..domain.enums import Session as Sitting
from ..domain.errors import Refused, ValidationError, ValidationFailed
from ..domain.meetings import (
    CLOSING_KINDS,
    DEFAULT_TEMPLATE,
    EXCLUSION,
    long_date,
    next_minute_numbers,
    previous_minutes_title,
)
from ..domain.periods import uk_date
from ..readmodels import Changes
from ..storage.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Minute,
    MinuteAmendment,
    Pack,
    Resolution,
    StandingItem,
)
from ..storage.queries import meetings as meeting_queries
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


def _clash_message(body: str, meets_on: date, start_time: str | None) -> str:
    """`start_time`: the time of the meeting already there, as it was written."""
    at = f" at {start_time}" if start_time else ""
    return (f"{body} already has a meeting on {uk_date(meets_on)}{at}. Is this a second meeting? "
            "If so, say so (create it anyway); otherwise open the one there is.")


class MeetingService(ServiceBase):
    # ------------------------------------------------------------------ meetings

    def create(self, values: Mapping[str, Any], *, allow_clash: bool = False, template: bool = True) -> Changes:
        """A new meeting of a body: its session, time and place default to the body's; its
        agenda starts from the body's template (or the standard one), with the item approving the
        last meeting's minutes worded for that meeting. A second meeting of the body at the same
        date and time is refused unless allow_clash (the screen asks first)."""
        with self._work("create_meeting") as w:
            s = w.session
            data = dict(values)
            body = s.get(Body, data["body_id"]) if isinstance(data.get("body_id"), int) else None
            if body is not None:
                if not data.get("session"):
                    data["session"] = Sitting.PUBLIC.value if body.meets_in_public else Sitting.PRIVATE.value
                for key, usual in (("start_time", body.usual_time), ("location", body.usual_place)):
                    if not data.get(key):  # a form's empty field, or none given
                        data[key] = usual
                data = {k: v for k, v in data.items() if v is not None}
            meeting = self._create(w, "meeting", data)
            if not allow_clash:
                clash = meeting_queries.clashes(s, meeting.body_id, meeting.meets_on, meeting.start_time,
                                                except_id=meeting.id)
                if clash:
                    raise Refused(_clash_message(clash[0].body_name, clash[0].meets_on, clash[0].start_time),
                                  "meeting", field="meets_on", code="clash")
            if template:
                self._from_template(s, meeting)
        return w.changes()

    def _from_template(self, s: Session, meeting: Meeting) -> None:
        standing = list(s.scalars(select(StandingItem).where(StandingItem.body_id == meeting.body_id)
                                  .order_by(StandingItem.after_business, StandingItem.sort_order, StandingItem.id)))
        items: Sequence[Any] = standing or DEFAULT_TEMPLATE
        row = meeting_queries.meetings(s, meeting_id=meeting.id)[0]
        previous = meeting_queries.previous_meeting(s, row)
        for n, t in enumerate(items, start=1):
            title = t.title
            if t.kind is ItemKind.PREVIOUS_MINUTES and previous is not None and title in (
                    "Minutes of the last meeting", "Minutes of the previous meeting"):
                title = previous_minutes_title(previous.meets_on)
            s.add(AgendaItem(meeting_id=meeting.id, number=str(n), title=title, kind=t.kind,
                             description=t.description or None, purpose=t.purpose, sort_order=n * 10,
                             confidential=False))
        s.flush()

    def update(self, meeting_id: int, values: Mapping[str, Any], expected_version: int | None, *,
               allow_clash: bool = False) -> Changes:
        with self._work("update_meeting") as w:
            meeting = self._update(w, "meeting", meeting_id, values, expected_version)
            if not allow_clash and ({"meets_on", "start_time", "body_id"} & set(values)):
                clash = meeting_queries.clashes(w.session, meeting.body_id, meeting.meets_on, meeting.start_time,
                                                except_id=meeting.id)
                if clash:
                    raise Refused(_clash_message(clash[0].body_name, clash[0].meets_on, clash[0].start_time),
                                  "meeting", field="meets_on", code="clash")
        return w.changes()

    def delete(self, meeting_id: int, expected_version: int | None) -> Changes:
        """Remove a meeting with everything recorded at it (its items, minutes, resolutions,
        attendance and declarations); refused while actions raised at it or printed papers of it
        remain, or when its minutes were approved (storage.locks)."""
        with self._work("delete_meeting") as w:
            s = w.session
            meeting = self._get(s, "meeting", meeting_id)
            self._check_version(s, "meeting", meeting, expected_version)
            actions = s.scalar(select(func.count()).select_from(Action).where(Action.meeting_id == meeting_id))
            papers = s.scalar(select(func.count()).select_from(Pack).where(Pack.meeting_id == meeting_id))
            approving = s.scalar(select(func.count()).select_from(AgendaItem).where(AgendaItem.approves_id == meeting_id))
            reasons = [what for n, what in ((actions, f"{actions} action(s) were raised at it"),
                                            (papers, f"{papers} printed paper(s) record it"),
                                            (approving, "a later meeting approved its minutes")) if n]
            if reasons:
                raise Refused(f"The meeting of {uk_date(meeting.meets_on)} cannot be deleted: "
                              + "; ".join(reasons) + ". Correct it instead.", "meeting", code="in_use")
            for item in list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))):
                self._remove_item_records(s, item)
                s.delete(item)
            s.flush()
            for model in (Attendance, Declaration):
                for obj in s.scalars(select(model).where(model.meeting_id == meeting_id)):
                    s.delete(obj)
            s.flush()
            s.delete(meeting)
            s.flush()
        return w.changes()

    # ------------------------------------------------------------------ attendance

    def add_attendance(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("attendance", values)

    def take_attendance(self, meeting_id: int, sheet: Sequence[Mapping[str, Any]], *,
                        chair_id: int | None = None, set_chair: bool = False) -> Changes:
        """The whole attendance sheet in one command (one undo): each entry names a person
        (person_id) or a name, with attendance (present, in attendance, apologies, absent, or None
        to take them off the record) and capacity; entries already recorded are changed, new ones
        added. set_chair: chair_id (None: no one) becomes the meeting's chair."""
        with self._work("take_attendance") as w:
            s = w.session
            self._get(s, "meeting", meeting_id)
            rows = list(s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)))
            by_person = {a.person_id: a for a in rows if a.person_id is not None}
            by_name = {(a.name or "").strip().casefold(): a for a in rows if a.person_id is None}
            errors: list[ValidationError] = []
            for n, entry in enumerate(sheet, start=1):
                pid, name = entry.get("person_id"), (entry.get("name") or "").strip()
                existing = by_person.get(pid) if pid else by_name.get(name.casefold()) if name else None
                values = {"attendance": entry.get("attendance"), "capacity": entry.get("capacity")}
                try:
                    if entry.get("attendance") in (None, ""):
                        if existing is not None:
                            s.delete(existing)
                            s.flush()
                    elif existing is None:
                        self._create(w, "attendance", {"meeting_id": meeting_id, "person_id": pid,
                                                       "name": None if pid else name, **values})
                    else:
                        self._update(w, "attendance", existing.id, values, None)
                except Refused:
                    raise  # approved minutes, say: the whole sheet is refused, in its own words
                except ValidationFailed as exc:
                    who = name or f"line {n}"
                    errors += [ValidationError(e.field, e.code, f"{who}: {e.message}") for e in exc.errors]
            if set_chair:
                self._update(w, "meeting", meeting_id, {"chair_id": chair_id}, None)
            if errors:
                raise ValidationFailed(errors, "attendance")
        return w.changes()

    def copy_attendance(self, meeting_id: int) -> Changes:
        """Start this meeting's attendance from the last meeting's: the same people with the same
        attendance and capacity, added where not already recorded (then corrected on the sheet)."""
        with self._work("copy_attendance") as w:
            s = w.session
            meeting = self._get(s, "meeting", meeting_id)
            row = meeting_queries.meetings(s, meeting_id=meeting.id)[0]
            previous = meeting_queries.previous_meeting(s, row)
            if previous is None:
                raise Refused(f"There is no earlier meeting of {row.body_name} to copy attendance from.", "attendance")
            have = {(a.person_id, (a.name or "").casefold()) for a in
                    s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))}
            for a in s.scalars(select(Attendance).where(Attendance.meeting_id == previous.id).order_by(Attendance.id)):
                if (a.person_id, (a.name or "").casefold()) not in have:
                    self._create(w, "attendance", {"meeting_id": meeting_id, "person_id": a.person_id,
                                                   "name": a.name, "capacity": a.capacity,
                                                   "attendance": a.attendance})
            if meeting.chair_id is None and previous.chair_id is not None:
                meeting.chair_id = previous.chair_id
        return w.changes()

    # ------------------------------------------------------------------ declarations

    def add_declaration(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("declaration", values)

    def update_declaration(self, declaration_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("declaration", declaration_id, values, expected_version)

    def remove_declaration(self, declaration_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("declaration", declaration_id, expected_version)

    # ------------------------------------------------------------------ agenda items

    def add_item(self, values: Mapping[str, Any]) -> Changes:
        """Add an item: business goes in before the closing standing items (questions from the
        public, any other business, the date of the next meeting); a private item after the
        public ones, under Part 2. Items are numbered in order."""
        with self._work("create_agenda_item") as w:
            s = w.session
            data = {k: v for k, v in values.items() if k != "number"}
            meeting_id = data.get("meeting_id")
            set_: dict[str, Any] = {"number": "1"}
            if isinstance(meeting_id, int):
                slot = data.get("sort_order")
                if not isinstance(slot, int):
                    slot = set_["sort_order"] = self._slot(s, meeting_id, data)
                private = bool(data.get("confidential"))
                before = [i for i in self._ordered(s, meeting_id)
                          if (not i.confidential and (private or i.sort_order <= slot))
                          or (i.confidential and private and i.sort_order <= slot)]
                set_["number"] = str(len(before) + 1)  # its number in the order, so it is written once
            item = self._create(w, "agenda_item", data, set_=set_)
            self._renumber(s, item.meeting_id)
            if item.confidential:
                self._default_exclusion(s, item.meeting_id)
        return w.changes()

    def _slot(self, s: Session, meeting_id: int, data: Mapping[str, Any]) -> int:
        """Where a new item goes: business just before the first closing standing item (items
        of equal order keep the order they were added in); anything else last."""
        items = self._ordered(s, meeting_id)
        kind = str(data.get("kind") or ItemKind.BUSINESS.value)
        if kind not in {k.value for k in CLOSING_KINDS} and not data.get("confidential"):
            closing = [i for i in items if i.kind in CLOSING_KINDS and not i.confidential]
            if closing:
                return closing[0].sort_order - 5
        return max((i.sort_order for i in items), default=0) + 10

    @staticmethod
    def _ordered(s: Session, meeting_id: int) -> list[AgendaItem]:
        """The items in agenda order: public items, then Part 2 (private) items."""
        items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                               .order_by(AgendaItem.sort_order, AgendaItem.id)))
        return [i for i in items if not i.confidential] + [i for i in items if i.confidential]

    def _renumber(self, s: Session, meeting_id: int) -> None:
        """Number the items 1, 2, 3... in agenda order (only those whose number changes)."""
        for n, item in enumerate(self._ordered(s, meeting_id), start=1):
            if item.number != str(n):
                item.number = str(n)
        s.flush()

    @staticmethod
    def _default_exclusion(s: Session, meeting_id: int) -> None:
        meeting = s.get(Meeting, meeting_id)
        if meeting is not None and not meeting.exclusion and meeting.session is Sitting.PUBLIC:
            meeting.exclusion = EXCLUSION

    def update_item(self, item_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_agenda_item") as w:
            item = self._update(w, "agenda_item", item_id, {k: v for k, v in values.items() if k != "number"},
                                expected_version)
            self._renumber(w.session, item.meeting_id)
            if item.confidential:
                self._default_exclusion(w.session, item.meeting_id)
        return w.changes()

    def move_item(self, item_id: int, steps: int, expected_version: int | None = None) -> Changes:
        """Move an item up (steps < 0) or down the agenda, within its part (public or Part 2)."""
        with self._work("move_agenda_item") as w:
            s = w.session
            item = self._get(s, "agenda_item", item_id)
            self._check_version(s, "agenda_item", item, expected_version)
            ordered = self._ordered(s, item.meeting_id)
            part = [i for i in ordered if i.confidential == item.confidential]
            at = part.index(item)
            to = max(0, min(len(part) - 1, at + steps))
            if to != at:
                part.insert(to, part.pop(at))
                public = part if not item.confidential else [i for i in ordered if not i.confidential]
                private = part if item.confidential else [i for i in ordered if i.confidential]
                for n, i in enumerate(public + private, start=1):
                    i.sort_order = n * 10
                s.flush()
                self._renumber(s, item.meeting_id)
        return w.changes()

    def delete_item(self, item_id: int, expected_version: int | None) -> Changes:
        """Remove an item with its minutes, resolutions and the declarations made on it; refused
        while actions raised from it remain (they are the action log's)."""
        with self._work("delete_agenda_item") as w:
            s = w.session
            item = self._get(s, "agenda_item", item_id)
            self._check_version(s, "agenda_item", item, expected_version)
            if item.approves_id is not None:
                raise Refused(f"Item {item.number} ({item.title}) records the approval of the last meeting's minutes: "
                              "it cannot be removed while that approval stands (Edit > Undo takes back an approval "
                              "just made).", "agenda item", code="in_use")
            actions = s.scalar(select(func.count()).select_from(Action).where(Action.agenda_item_id == item_id))
            if actions:
                raise Refused(f"Item {item.number} ({item.title}) cannot be removed: {actions} action(s) were raised "
                              "from it. Move or delete those actions first.", "agenda item", code="in_use")
            meeting_id = item.meeting_id
            self._remove_item_records(s, item)
            s.delete(item)
            s.flush()
            self._renumber(s, meeting_id)
        return w.changes()

    @staticmethod
    def _remove_item_records(s: Session, item: AgendaItem) -> None:
        for model in (MinuteAmendment, Minute, Resolution):  # an amendment points at its minutes
            for obj in s.scalars(select(model).where(model.agenda_item_id == item.id)):
                s.delete(obj)
        for d in s.scalars(select(Declaration).where(Declaration.agenda_item_id == item.id)):
            s.delete(d)
        s.flush()

    def number_minutes(self, meeting_id: int) -> Changes:
        """Give each item without one a minute reference ('12/19', '13/19', ...) after the
        highest of the year among the body's meetings, in agenda order."""
        with self._work("number_minutes") as w:
            s = w.session
            meeting = self._get(s, "meeting", meeting_id)
            others = select(Meeting.id).where(Meeting.body_id == meeting.body_id)
            taken = [r or "" for r in s.scalars(select(AgendaItem.minute_ref).where(AgendaItem.meeting_id.in_(others),
                                                                      AgendaItem.minute_ref.is_not(None)))]
            todo = [i for i in self._ordered(s, meeting_id) if not i.minute_ref]
            for item, ref in zip(todo, next_minute_numbers(taken, meeting.meets_on, len(todo)), strict=True):
                item.minute_ref = ref
        return w.changes()

    # ------------------------------------------------------------------ minutes and resolutions

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

    def approve_minutes(self, item_id: int, *, amendments: str | None = None) -> Changes:
        """At this meeting's "minutes of the last meeting" item, approve the previous meeting's
        minutes as a correct record (with any amendments made there, recorded in the resolution).
        They are then locked."""
        with self._work("approve_minutes") as w:
            s = w.session
            item = self._get(s, "agenda_item", item_id)
            if item.kind is not ItemKind.PREVIOUS_MINUTES:
                raise Refused(f"Item {item.number} ({item.title}) is not the item for the minutes of the last "
                              "meeting; approve them there.", "minutes")
            here = meeting_queries.meetings(s, meeting_id=item.meeting_id)[0]
            previous = meeting_queries.previous_meeting(s, here)
            if previous is None:
                raise Refused(f"There is no earlier meeting of {here.body_name} whose minutes this meeting could "
                              "approve.", "minutes")
            earlier = s.get(Meeting, previous.id)
            assert earlier is not None
            before = meeting_queries.previous_meeting(s, previous)
            if before is not None and before.minutes_status is not MinutesStatus.APPROVED:
                raise Refused(f"The minutes of {uk_date(before.meets_on)} are still a draft: approve them first, at the "
                              f"meeting of {uk_date(previous.meets_on)} (once approved, that meeting's record is "
                              "locked, and they could no longer be).", "minutes")
            recorded = any(s.scalar(select(func.count()).select_from(model).where(where)) for model, where in (
                (Minute, Minute.agenda_item_id.in_(select(AgendaItem.id).where(AgendaItem.meeting_id == previous.id))),
                (Resolution, Resolution.agenda_item_id.in_(select(AgendaItem.id)
                                                           .where(AgendaItem.meeting_id == previous.id))),
                (Attendance, Attendance.meeting_id == previous.id)))
            if not recorded:
                raise Refused(f"The meeting of {uk_date(previous.meets_on)} has no minutes, resolutions or attendance "
                              "recorded: there is nothing to approve yet.", "minutes")
            if earlier.minutes_status is MinutesStatus.APPROVED:
                raise Refused(f"The minutes of {uk_date(previous.meets_on)} were approved already"
                              f"{' on ' + uk_date(earlier.minutes_approved_on) if earlier.minutes_approved_on else ''}.",
                              "minutes")
            text = f"Resolved that the minutes of the meeting held on {long_date(previous.meets_on)} be approved " \
                   "as a correct record"
            words = (amendments or "").strip()
            text += f", subject to the following amendments: {words}" if words else "."
            if words and not text.endswith("."):
                text += "."
            last = s.scalar(select(func.max(Resolution.number)).where(Resolution.agenda_item_id == item.id))
            self._create(w, "resolution", {"agenda_item_id": item.id, "text": text}, set_={"number": (last or 0) + 1})
            item.approves_id = earlier.id
            earlier.minutes_status = MinutesStatus.APPROVED
            earlier.minutes_approved_on = here.meets_on
            s.flush()
        return w.changes()

    def amend_minutes(self, item_id: int, text: str, reason: str, *, expected_version: int | None = None) -> Changes:
        """Change the approved minutes of an item: the amendment keeps the minutes as they were,
        as they are now, why, and when (the one way approved minutes change)."""
        with self._work("amend_minutes") as w:
            w.amending = True
            s = w.session
            item = self._get(s, "agenda_item", item_id)
            meeting = s.get(Meeting, item.meeting_id)
            assert meeting is not None
            if meeting.minutes_status is not MinutesStatus.APPROVED:
                raise Refused("These minutes are still a draft: edit them directly; amendments are for approved "
                              "minutes.", "minutes")
            minute = s.scalar(select(Minute).where(Minute.agenda_item_id == item_id))
            old = minute.text if minute is not None else None
            if minute is None:
                minute = self._create(w, "minute", {"agenda_item_id": item_id, "text": text})
            else:
                self._update(w, "minute", minute.id, {"text": text}, expected_version)
            self._create(w, "minute_amendment", {"agenda_item_id": item_id, "amended_on": self._clock(),
                                                 "reason": reason, "old_text": old, "new_text": text,
                                                 "minute_id": minute.id})
        return w.changes()

    # ------------------------------------------------------------------ actions raised at a meeting

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

    # ------------------------------------------------------------------ the body's template

    def add_standing_item(self, values: Mapping[str, Any]) -> Changes:
        with self._work("create_standing_item") as w:
            set_ = {}
            if "sort_order" not in values and isinstance(values.get("body_id"), int):
                last = w.session.scalar(select(func.max(StandingItem.sort_order))
                                        .where(StandingItem.body_id == values["body_id"]))
                set_["sort_order"] = (last or 0) + 10
            self._create(w, "standing_item", values, set_=set_)
        return w.changes()

    def update_standing_item(self, item_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("standing_item", item_id, values, expected_version)

    def delete_standing_item(self, item_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("standing_item", item_id, expected_version)

    def use_default_template(self, body_id: int) -> Changes:
        """Give a body with no template the standard one, to edit."""
        with self._work("create_standing_items") as w:
            s = w.session
            self._get(s, "body", body_id)
            if s.scalar(select(func.count()).select_from(StandingItem).where(StandingItem.body_id == body_id)):
                raise Refused("This body has standing items already.", "standing agenda item")
            for n, t in enumerate(DEFAULT_TEMPLATE, start=1):
                self._create(w, "standing_item", {"body_id": body_id, "kind": t.kind, "title": t.title,
                                                  "description": t.description or None, "purpose": t.purpose,
                                                  "after_business": t.after_business}, set_={"sort_order": n * 10})
        return w.changes()

    # ------------------------------------------------------------------ the register of interests

    def add_interest(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("interest", values)

    def update_interest(self, interest_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("interest", interest_id, values, expected_version)

    def delete_interest(self, interest_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("interest", interest_id, expected_version)

    def declare_from_register(self, item_id: int, interest_id: int, *, action_taken: str | None = None) -> Changes:
        """Record, against an item, a declaration of a registered interest (the person, the
        category and the organisation taken from the register)."""
        with self._work("create_declaration") as w:
            s = w.session
            item = self._get(s, "agenda_item", item_id)
            interest = self._get(s, "interest", interest_id)
            self._create(w, "declaration", {
                "meeting_id": item.meeting_id, "agenda_item_id": item.id, "person_id": interest.person_id,
                "interest_id": interest.id, "category": interest.category,
                "interest": f"a {interest.category.label.lower()} interest",
                "detail": f"as {interest.description} of {interest.organisation}" if interest.description
                else f"in {interest.organisation}",
                "action_taken": action_taken})
        return w.changes()

