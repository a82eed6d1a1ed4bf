"""Storage layer: the action log, with overdue derived from the date passed in."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...domain.actions import days_overdue
from ...domain.enums import ActionStatus
from ...domain.periods import uk_date
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
    uc = ActionUpdate.__table__.c
    uq = uq.with_only_columns(uc.action_id, uc.id, uc.version, uc.written_on, uc.text, uc.author)
    conn = s.connection()  # Core rows straight from the connection: no ORM loading step
    for aid, *u in conn.execute(uq) if with_updates else ():
        updates[aid].append(ActionUpdateRow(*u))
    owner = aliased(Person)
    ac = Action.__table__.c
    q = (select(ac.id, ac.version, ac.reference, ac.description, ac.owner_id, owner.name, ac.owner_partner_id,
                Partner.name, ac.meeting_id, Body.name, Meeting.meets_on, ac.agenda_item_id, AgendaItem.minute_ref,
                AgendaItem.number, AgendaItem.title, AgendaItem.confidential, ac.due_on, ac.status, ac.completed_on,
                ac.risk_id, ac.objective_id, ac.confidential)
         .join(owner, ac.owner_id == owner.id)
         .outerjoin(Partner, ac.owner_partner_id == Partner.id)
         .outerjoin(Meeting, ac.meeting_id == Meeting.id)
         .outerjoin(Body, Meeting.body_id == Body.id)
         .outerjoin(AgendaItem, ac.agenda_item_id == AgendaItem.id)
         .order_by(ac.due_on, ac.reference))
    if action_id is not None:
        q = q.where(ac.id == action_id)
    if not include_confidential:
        q = q.where(ac.confidential.is_(False))
    if overdue_only:
        q = q.where(ac.due_on < today, ac.status.not_in([ActionStatus.COMPLETE, ActionStatus.CANCELLED]))
    if limit is not None:
        q = q.limit(limit)
    rows = []
    append = rows.append
    no_updates: tuple = ()
    # positional unpacking, not attribute access: the log can hold 20,000 actions
    for (aid, version, reference, description, owner_id, owner_name, partner_id, partner_name, meeting_id,
         body_name, meets_on, item_id, minute_ref, number, item_title, item_private, due_on, status,
         completed_on, risk_id, objective_id, confidential) in conn.execute(q):
        late = days_overdue(due_on, status, today)
        append(ActionRow(
            aid, version, reference, description, owner_id, owner_name, partner_id, partner_name, meeting_id,
            f"{body_name}, {uk_date(meets_on)}" if meets_on else None, item_id,
            f"{minute_ref or number} {item_title}" if item_title else None, bool(item_private), due_on, status,
            completed_on, late > 0, late, risk_id, objective_id, confidential,
            tuple(updates[aid]) if aid in updates else no_updates))
    return rows
