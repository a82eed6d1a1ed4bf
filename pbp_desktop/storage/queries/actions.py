"""Storage layer: the action log, with overdue derived from the date passed in."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ...domain.actions import days_overdue
from ...domain.enums import ActionStatus
from ...domain.periods import uk_date
from ...readmodels import ALL_ACTIONS, ActionFilter, ActionRow, ActionUpdateRow
from ..models import Action, ActionUpdate, AgendaItem, Body, Meeting, Partner, Person

CLOSED = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)


def _where(today: date, f: ActionFilter, owner, dialect: str = "sqlite") -> list:
    """The filter as SQL conditions: the same rules as domain.actions, asked of the database."""
    ac = Action.__table__.c
    out: list = []
    if f.action_id is not None:
        out.append(ac.id == f.action_id)
    if not f.include_confidential:
        out.append(ac.confidential.is_(False))
    if f.overdue_only:
        out += [ac.due_on < today, ac.status.not_in(CLOSED)]
    if f.owner_id is not None:
        out.append(ac.owner_id == f.owner_id)
    if f.meeting_id is not None:
        out.append(ac.meeting_id == f.meeting_id)
    if f.body_id is not None:
        out.append(ac.meeting_id.in_(select(Meeting.__table__.c.id).where(Meeting.__table__.c.body_id == f.body_id)))
    if f.due_by is not None:
        out.append(ac.due_on <= f.due_by)
    if f.status == "open_any":
        out.append(ac.status.not_in(CLOSED))
    elif f.status is not None:
        out.append(ac.status == ActionStatus(f.status))
    words = f.search.strip()
    if words:
        # SQLite's LIKE ignores the case of ASCII letters already (as its lower() does, so no
        # other letters are lost); lower() on both sides would cost a third of the search
        def has(c):
            return c.contains(words, autoescape=True) if dialect == "sqlite" else c.icontains(words, autoescape=True)
        # the names the search looks at beyond the action's own columns are found first, in their
        # own (small) tables, and each action is matched on its ids: the log's tens of thousands of
        # actions are then not each joined to four tables to be searched (a third of the time)
        mc = Meeting.__table__.c
        out.append(or_(
            has(ac.reference), has(ac.description),
            ac.owner_id.in_(select(Person.__table__.c.id).where(has(Person.__table__.c.name))),
            ac.owner_partner_id.in_(select(Partner.__table__.c.id).where(has(Partner.__table__.c.name))),
            ac.meeting_id.in_(select(mc.id).join(Body.__table__, Body.__table__.c.id == mc.body_id)
                              .where(has(Body.__table__.c.name))),
            ac.agenda_item_id.in_(select(AgendaItem.__table__.c.id).where(has(AgendaItem.__table__.c.title)))))
    return out


def _joined(q, owner):
    ac = Action.__table__.c
    return (q.join(owner, ac.owner_id == owner.id)
            .outerjoin(Partner, ac.owner_partner_id == Partner.id)
            .outerjoin(Meeting, ac.meeting_id == Meeting.id)
            .outerjoin(Body, Meeting.body_id == Body.id)
            .outerjoin(AgendaItem, ac.agenda_item_id == AgendaItem.id))


def _order(today: date, sort: str, descending: bool, owner) -> list:
    ac = Action.__table__.c
    overdue_first = case((and_(ac.due_on < today, ac.status.not_in(CLOSED)), 0), else_=1)
    keys = {"reference": [ac.reference], "description": [ac.description], "owner": [owner.name],
            "due": [ac.due_on], "status": [overdue_first, ac.due_on, ac.status], "meeting": [Meeting.meets_on],
            "completed": [ac.completed_on]}[sort]
    keys = [k.desc() for k in keys] if descending else keys
    return [*keys, ac.due_on, ac.reference, ac.id]  # a total order: pages never overlap


def count_actions(s: Session, today: date, f: ActionFilter = ALL_ACTIONS) -> int:
    owner = aliased(Person)
    conn = s.connection()
    q = select(func.count()).select_from(Action.__table__)
    if f.search.strip():  # only a search looks beyond the action's own columns
        q = _joined(q, owner)
    return conn.execute(q.where(*_where(today, f, owner, conn.dialect.name))).scalar_one()


def actions(s: Session, today: date, f: ActionFilter = ALL_ACTIONS, *, with_updates: bool = True,
            sort: str = "due", descending: bool = False, offset: int = 0, limit: int | None = None
            ) -> list[ActionRow]:
    """The action log (in due-date order unless sorted otherwise) that passes the filter; offset
    and limit give one page of it. with_updates=False leaves out each action's updates."""
    return _actions(s, today, f, with_updates=with_updates, sort=sort, descending=descending, offset=offset,
                    limit=limit)[0]


def first_page(s: Session, today: date, f: ActionFilter, *, sort: str = "due", descending: bool = False,
               limit: int = 200) -> tuple[list[ActionRow], int]:
    """The first page of the log (without updates) and how many actions pass the filter in all,
    from one query when searching (the search reads the log once, not once to count and again for
    the page); without a search, counting needs no joins and the page comes off the due-date index."""
    if not f.search.strip():
        rows = _actions(s, today, f, with_updates=False, sort=sort, descending=descending, limit=limit)[0]
        return rows, count_actions(s, today, f)
    return _actions(s, today, f, with_updates=False, sort=sort, descending=descending, limit=limit, counted=True)


def _actions(s: Session, today: date, f: ActionFilter, *, with_updates: bool, sort: str, descending: bool,
             offset: int = 0, limit: int | None = None, counted: bool = False) -> tuple[list[ActionRow], int]:
    owner = aliased(Person)
    ac = Action.__table__.c
    q = _joined(select(ac.id, ac.version, ac.reference, ac.description, ac.owner_id, owner.name,
                       ac.owner_partner_id, Partner.name, ac.meeting_id, Body.name, Meeting.meets_on,
                       ac.agenda_item_id, AgendaItem.minute_ref, AgendaItem.number, AgendaItem.title,
                       AgendaItem.confidential, ac.due_on, ac.status, ac.completed_on, ac.risk_id,
                       ac.objective_id, ac.confidential).select_from(Action.__table__), owner)
    if counted:
        q = q.add_columns(func.count().over())
    q = q.where(*_where(today, f, owner, s.connection().dialect.name)).order_by(
        *_order(today, sort, descending, owner))
    if offset:
        q = q.offset(offset)
    if limit is not None:
        q = q.limit(limit)
    conn = s.connection()  # Core rows straight from the connection: no ORM loading step
    found: list[Any] = list(conn.execute(q))
    total = len(found)
    if counted:
        total = found[0][-1] if found else 0
        found = [r[:-1] for r in found]
    updates: dict[int, list[ActionUpdateRow]] = defaultdict(list)
    if with_updates and found:
        uc = ActionUpdate.__table__.c
        uq = select(uc.action_id, uc.id, uc.version, uc.written_on, uc.text, uc.author).order_by(
            uc.written_on, uc.id)
        if len(found) <= 500:
            uq = uq.where(uc.action_id.in_([r[0] for r in found]))
        for aid, *u in conn.execute(uq):
            updates[aid].append(ActionUpdateRow(*u))
    rows: list[ActionRow] = []
    append = rows.append
    no_updates: tuple = ()
    # positional unpacking, not attribute access: the log can hold 20,000 actions
    for (aid, version, reference, description, owner_id, owner_name, partner_id, partner_name, meeting_id,
         body_name, meets_on, item_id, minute_ref, number, item_title, item_private, due_on, status,
         completed_on, risk_id, objective_id, confidential) in found:
        late = days_overdue(due_on, status, today)
        append(ActionRow(
            aid, version, reference, description, owner_id, owner_name, partner_id, partner_name, meeting_id,
            f"{body_name}, {uk_date(meets_on)}" if meets_on else None, item_id,
            f"{minute_ref or number} {item_title}" if item_title else None, bool(item_private), due_on, status,
            completed_on, late > 0, late, risk_id, objective_id, confidential,
            tuple(updates[aid]) if aid in updates else no_updates))
    return rows, total


def action_owners(s: Session) -> list[tuple[int, str]]:
    """Everyone who owns an action, by name: the owner filter's choices."""
    return [(pid, name) for pid, name in s.connection().execute(
        select(Person.id, Person.name).where(Person.id.in_(select(Action.owner_id).distinct()))
        .order_by(Person.name))]
