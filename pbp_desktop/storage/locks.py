"""Storage layer: approved minutes are locked. Every flush of every command asks this one rule of
the records it creates, changes or deletes (domain.meetings.LOCKED_BY says which tables belong to
a meeting's minutes, and how each reaches its meeting); a change to the minutes of a meeting whose
minutes were approved is refused, unless the command is an amendment (Work.amending). Approving
(or un-approving, by undo) changes only the meeting's own minutes_status and minutes_approved_on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..domain.enums import MinutesStatus
from ..domain.errors import Refused
from ..domain.meetings import LOCKED_BY, LOCKED_MESSAGE
from .models import TABLES, Meeting

PATHS = {lock.table: lock.path for lock in LOCKED_BY}
APPROVAL_COLUMNS = frozenset({"minutes_status", "minutes_approved_on", "version"})


def _value(obj: Any, column: str, *, old: bool) -> list[Any]:
    """The column's value now, and (old=True) the value it had before this flush changed it."""
    found = [getattr(obj, column, None)]
    if old:
        hist = inspect(obj).attrs[column].history
        found += list(hist.deleted or ())
    return [v for v in found if v is not None]


def _meetings_of(session: Session, obj: Any, path: tuple[str, ...], *, old: bool) -> set[int]:
    ids = set(_value(obj, path[0], old=old))
    rest = path[1:]
    while rest:
        table, column, rest = rest[0], rest[1], rest[2:]
        model = TABLES[table]
        found: set[int] = set()
        for ident in ids:
            parent = session.get(model, ident)
            if parent is not None:
                found.update(_value(parent, column, old=old))
        ids = found
    return ids


def check_locks(session: Session, unlocked: bool) -> None:
    """Refuse the flush if it changes approved minutes (and this is not an amendment)."""
    if unlocked:
        return
    touched: set[int] = set()
    for obj in [*session.new, *session.dirty, *session.deleted]:
        table = getattr(obj, "__tablename__", "")
        path = PATHS.get(table)
        if path is None:
            continue
        if obj in session.dirty:
            state = inspect(obj)
            changed = {a.key for a in state.mapper.column_attrs if state.attrs[a.key].history.has_changes()}
            if not changed or (table == "meeting" and changed <= APPROVAL_COLUMNS):
                continue
        touched |= _meetings_of(session, obj, path, old=obj not in session.new)
    for ident in sorted(touched):
        meeting = session.get(Meeting, ident)
        if meeting is None:
            continue
        status = meeting.minutes_status
        before = inspect(meeting).attrs["minutes_status"].history.deleted
        if status is MinutesStatus.APPROVED and not (before and before[0] is not MinutesStatus.APPROVED):
            when = f" on {meeting.minutes_approved_on:%d/%m/%Y}" if meeting.minutes_approved_on else ""
            raise Refused(LOCKED_MESSAGE.format(label=f"{meeting.meets_on:%d/%m/%Y}", when=when), "minutes",
                          field="minutes", code="locked")
