"""Storage layer: meetings and everything recorded at one."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...readmodels import (
    AgendaItemRow,
    AttendanceRow,
    DeclarationRow,
    MeetingDetail,
    MeetingRow,
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
    Person,
    Resolution,
)


def meetings(s: Session, *, body_id: int | None = None, meeting_id: int | None = None,
             from_date: date | None = None) -> list[MeetingRow]:
    m = Meeting.__table__.c  # plain rows: a large register holds hundreds of meetings
    q = select(m.id, m.version, m.body_id, Body.name, m.title, m.meets_on, m.start_time, m.location,
               m.session).join(Body, m.body_id == Body.id).order_by(m.meets_on.desc(), Body.name)
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
    decl = [DeclarationRow(d.id, d.version, d.person_id, pname or d.name or "", d.agenda_item_id, d.interest)
            for d, pname in s.execute(
                select(Declaration, Person.name).outerjoin(Person, Declaration.person_id == Person.id)
                .where(Declaration.meeting_id == meeting_id).order_by(Declaration.id))]
    items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                           .order_by(AgendaItem.sort_order, AgendaItem.id)))
    ids = [i.id for i in items]
    minutes = {m.agenda_item_id: m for m in s.scalars(select(Minute).where(Minute.agenda_item_id.in_(ids)))}
    resolutions: dict[int, list[ResolutionRow]] = defaultdict(list)
    for r in s.scalars(select(Resolution).where(Resolution.agenda_item_id.in_(ids))
                       .order_by(Resolution.number, Resolution.id)):
        resolutions[r.agenda_item_id].append(ResolutionRow(r.id, r.version, r.number, r.text))
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
            tuple(resolutions.get(i.id, ())), tuple(actions.get(i.id, ()))))
    return MeetingDetail(rows[0], tuple(att), tuple(decl), tuple(item_rows))
