"""Storage layer: meetings and everything recorded at one."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.enums import Session as Sitting
from ...domain.meetings import same_time
from ...readmodels import (
    AgendaItemRow,
    AmendmentRow,
    AttendanceRow,
    DeclarationRow,
    MeetingDetail,
    MeetingRow,
    PreviousMinutes,
    ResolutionRow,
)
from ..models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Minute,
    MinuteAmendment,
    Person,
    Resolution,
)


def meetings(s: Session, *, body_id: int | None = None, meeting_id: int | None = None,
             from_date: date | None = None) -> list[MeetingRow]:
    m = Meeting.__table__.c  # plain rows: a large register holds hundreds of meetings
    chair = Person.__table__
    q = (select(m.id, m.version, m.body_id, Body.name, m.title, m.meets_on, m.start_time, m.location,
                m.session, m.chair_id, chair.c.name, m.ended_at, m.exclusion, m.minutes_status,
                m.minutes_approved_on)
         .join(Body, m.body_id == Body.id).outerjoin(chair, m.chair_id == chair.c.id)
         .order_by(m.meets_on.desc(), m.start_time.desc(), m.id.desc()))
    if body_id is not None:
        q = q.where(m.body_id == body_id)
    if meeting_id is not None:
        q = q.where(m.id == meeting_id)
    if from_date is not None:
        q = q.where(m.meets_on >= from_date)
    return [MeetingRow(*r) for r in s.execute(q)]


def meeting(s: Session, meeting_id: int) -> MeetingDetail | None:
    rows = meetings(s, meeting_id=meeting_id)
    if not rows:
        return None
    att = [AttendanceRow(a.id, a.version, a.person_id, pname or a.name or "", a.capacity, a.attendance)
           for a, pname in s.execute(
               select(Attendance, Person.name).outerjoin(Person, Attendance.person_id == Person.id)
               .where(Attendance.meeting_id == meeting_id).order_by(Attendance.id))]
    decl = [DeclarationRow(d.id, d.version, d.person_id, pname or d.name or "", d.agenda_item_id, d.interest,
                           d.detail, d.interest_id, d.category, d.action_taken)
            for d, pname in s.execute(
                select(Declaration, Person.name).outerjoin(Person, Declaration.person_id == Person.id)
                .where(Declaration.meeting_id == meeting_id).order_by(Declaration.id))]
    items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                           .order_by(AgendaItem.confidential, AgendaItem.sort_order, AgendaItem.id)))
    ids = [i.id for i in items]
    minutes = {m.agenda_item_id: m for m in s.scalars(select(Minute).where(Minute.agenda_item_id.in_(ids)))}
    resolutions: dict[int, list[ResolutionRow]] = defaultdict(list)
    for r in s.scalars(select(Resolution).where(Resolution.agenda_item_id.in_(ids))
                       .order_by(Resolution.number, Resolution.id)):
        resolutions[r.agenda_item_id].append(ResolutionRow(r.id, r.version, r.number, r.text))
    amendments: dict[int, list[AmendmentRow]] = defaultdict(list)
    for a in s.scalars(select(MinuteAmendment).where(MinuteAmendment.agenda_item_id.in_(ids))
                       .order_by(MinuteAmendment.amended_on, MinuteAmendment.id)):
        amendments[a.agenda_item_id].append(AmendmentRow(a.id, a.version, a.agenda_item_id, a.amended_on,
                                                         a.reason, a.old_text, a.new_text, a.minute_id))
    actions: dict[int, list[int]] = defaultdict(list)
    for aid, item_id in s.execute(select(Action.id, Action.agenda_item_id).where(Action.agenda_item_id.in_(ids))):
        if item_id is not None:  # never: the query asks for actions of these items
            actions[item_id].append(aid)
    item_rows = []
    for i in items:
        m = minutes.get(i.id)
        item_rows.append(AgendaItemRow(
            i.id, i.version, i.number, i.minute_ref, i.title, i.presenter, i.recommendation,
            i.confidential, i.sort_order, m.id if m else None, m.version if m else None,
            m.text if m else None, bool(m and m.confidential),
            tuple(resolutions.get(i.id, ())), tuple(actions.get(i.id, ())), i.kind, i.purpose, i.item_time,
            i.paper_ref, i.description, i.approves_id, tuple(amendments.get(i.id, ()))))
    return MeetingDetail(rows[0], tuple(att), tuple(decl), tuple(item_rows), previous_minutes(s, rows[0]))


def previous_meeting(s: Session, meeting: MeetingRow) -> MeetingRow | None:
    """The body's meeting before this one (by date, then time, then id), of the same session or,
    for a private meeting, of either: a public meeting never follows up a private one."""
    earlier = [m for m in meetings(s, body_id=meeting.body_id)
               if (m.meets_on, m.start_time or "", m.id) < (meeting.meets_on, meeting.start_time or "", meeting.id)]
    if meeting.session is Sitting.PUBLIC:
        earlier = [m for m in earlier if m.session is Sitting.PUBLIC]
    return earlier[0] if earlier else None


def previous_minutes(s: Session, meeting: MeetingRow) -> PreviousMinutes | None:
    """The minutes this meeting's "minutes of the last meeting" item is for: those it approved,
    else the previous meeting's."""
    approved = s.scalar(select(AgendaItem.approves_id).where(AgendaItem.meeting_id == meeting.id,
                                                             AgendaItem.approves_id.is_not(None)).limit(1))
    if approved is not None:
        found = meetings(s, meeting_id=approved)
        return PreviousMinutes(found[0], True) if found else None
    before = previous_meeting(s, meeting)
    return PreviousMinutes(before, False) if before else None


def clashes(s: Session, body_id: int, meets_on: date, start_time: str | None, *,
            except_id: int | None = None) -> list[MeetingRow]:
    """Meetings of the body on that date at that time (a time not given matches any)."""
    return [m for m in meetings(s, body_id=body_id)
            if m.meets_on == meets_on and m.id != except_id
            and (not start_time or not m.start_time or same_time(m.start_time, start_time))]

