"""Storage layer: the change log, whole or for one record."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...readmodels import ChangeRow
from ..models import ChangeLog


def change_log(s: Session, *, entity: str | None = None, entity_id: int | None = None,
               batch: str | None = None, limit: int | None = None, after_id: int | None = None) -> list[ChangeRow]:
    q = select(ChangeLog).order_by(ChangeLog.id.desc())
    if after_id is not None:
        q = q.where(ChangeLog.id > after_id)
    if entity is not None:
        q = q.where(ChangeLog.entity == entity)
    if entity_id is not None:
        q = q.where(ChangeLog.entity_id == entity_id)
    if batch is not None:
        q = q.where(ChangeLog.batch == batch)
    if limit is not None:
        q = q.limit(limit)
    return [ChangeRow(c.id, c.batch, c.at, c.user, c.command, c.entity, c.entity_id, c.change,
                      c.field, c.old_value, c.new_value) for c in s.scalars(q)]
