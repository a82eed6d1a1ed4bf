"""Storage layer: the action log, with overdue derived from the date passed in."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...domain.actions import days_overdue, is_overdue
from ...domain.enums import ActionStatus
from ...readmodels import ActionRow, ActionUpdateRow
from ..models import Action, ActionUpdate, AgendaItem, Body, Meeting, Partner, Person


def actions(s: Session, today: date, *, action_id: int | None = None,
            include_confidential: bool = True, overdue_only: bool = False, with_updates: bool = True,
            limit: int | None = None) -> list[ActionRow]:
    """The action log in due-date order; limit=N gives the first N only (with_updates=False:
    without each action's updates)."""
    updates: dict[int, list[ActionUpdateRow]] = defaultdict(list)
    uq = select(ActionUpdate).order_by(ActionUpdate.written_on, ActionUpdate.id)
    if action_id is not None:
        uq = uq.where(ActionUpdate.action_id == action_id)
    if overdue_only:  # the same rule as domain.actions.is_overdue, asked of the database
        uq = uq.join(Action, ActionUpdate.action_id == Action.id).where(
            Action.due_on < today, Action.status.not_in([ActionStatus.COMPLETE, ActionStatus.CANCELLED]))
    # plain rows, not ORM objects: the log can hold tens of thousands of actions and updates
    uq = uq.with_only_columns(*ActionUpdate.__table__.c)
    for u in s.execute(uq) if with_updates else ():
        updates[u.action_id].append(ActionUpdateRow(u.id, u.version, u.written_on, u.text, u.author))
    owner = aliased(Person)
    q = (select(*Action.__table__.c, owner.name.label("owner_name"), Partner.name.label("partner_name"),
                Meeting.meets_on, Body.name.label("body_name"), AgendaItem.number,
                AgendaItem.minute_ref, AgendaItem.title.label("item_title"), AgendaItem.confidential.label("item_private"))
         .join(owner, Action.owner_id == owner.id)
         .outerjoin(Partner, Action.owner_partner_id == Partner.id)
         .outerjoin(Meeting, Action.meeting_id == Meeting.id)
         .outerjoin(Body, Meeting.body_id == Body.id)
         .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
         .order_by(Action.due_on, Action.reference))
    if action_id is not None:
        q = q.where(Action.id == action_id)
    if not include_confidential:
        q = q.where(Action.confidential.is_(False))
    if overdue_only:
        q = q.where(Action.due_on < today, Action.status.not_in([ActionStatus.COMPLETE, ActionStatus.CANCELLED]))
    if limit is not None:
        q = q.limit(limit)
    rows = []
    for a in s.execute(q):
        owner_name, partner_name, meets_on, body_name = a.owner_name, a.partner_name, a.meets_on, a.body_name
        number, minute_ref, item_title, item_private = a.number, a.minute_ref, a.item_title, a.item_private
        meeting_label = f"{body_name}, {meets_on:%d/%m/%Y}" if meets_on else None
        item_label = f"{minute_ref or number} {item_title}" if item_title else None
        rows.append(ActionRow(
            id=a.id, version=a.version, reference=a.reference, description=a.description,
            owner_id=a.owner_id, owner_name=owner_name, owner_partner_id=a.owner_partner_id,
            owner_partner_name=partner_name, meeting_id=a.meeting_id, meeting_label=meeting_label,
            agenda_item_id=a.agenda_item_id, agenda_item_label=item_label,
            agenda_item_confidential=bool(item_private), due_on=a.due_on,
            status=a.status, completed_on=a.completed_on,
            overdue=is_overdue(a.due_on, a.status, today),
            days_overdue=days_overdue(a.due_on, a.status, today), risk_id=a.risk_id,
            objective_id=a.objective_id, confidential=a.confidential,
            updates=tuple(updates.get(a.id, ()))))
    return rows
