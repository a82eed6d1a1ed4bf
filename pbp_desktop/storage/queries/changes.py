"""Storage layer: the change log, whole or for one record."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.enums import ChangeKind
from ...readmodels import ChangeRow
from ..models import ChangeBatch, ChangeLog


def change_log(s: Session, *, entity: str | None = None, entity_id: int | None = None,
               batch: str | None = None, limit: int | None = None, after_id: int | None = None) -> list[ChangeRow]:
    log, cmd = ChangeLog.__table__.c, ChangeBatch.__table__.c
    q = (select(log.id, cmd.batch, cmd.at, cmd.user, cmd.command, log.entity, log.entity_id, log.change, log.field,
                log.old_value, log.new_value)
         .join_from(ChangeLog.__table__, ChangeBatch.__table__, cmd.id == log.batch_id).order_by(log.id.desc()))
    if after_id is not None:
        q = q.where(log.id > after_id)
    if entity is not None:
        q = q.where(log.entity == entity)
    if entity_id is not None:
        q = q.where(log.entity_id == entity_id)
    if batch is not None:
        q = q.where(cmd.batch == batch)
    if limit is not None:
        q = q.limit(limit)
    out: list[ChangeRow] = []
    for c in s.execute(q):
        values = created_values(c.change, c.field, c.new_value)
        if values is not None:  # one row per field, newest first, as the rows are listed
            out += [ChangeRow(c.id, c.batch, c.at, c.user, c.command, c.entity, c.entity_id, c.change, k, None, v)
                    for k, v in reversed(values.items())]
            out.append(ChangeRow(c.id, c.batch, c.at, c.user, c.command, c.entity, c.entity_id, c.change,
                                 None, None, None))
        else:
            out.append(ChangeRow(c.id, c.batch, c.at, c.user, c.command, c.entity, c.entity_id, c.change,
                                 c.field, c.old_value, c.new_value))
    return out


def created_values(change: ChangeKind, field: str | None, new_value: str | None) -> dict[str, str] | None:
    """The field values a create entry holds, when it holds them as one JSON object (registers
    written before that kept a row per field, which are read as they are). A field with no value
    is left out, whether the entry leaves it out (Python writes it) or holds it as null (SQLite
    writes it: storage.uow._log_in_sql)."""
    if change is ChangeKind.CREATE and field is None and new_value and new_value.startswith("{"):
        return {k: v for k, v in json.loads(new_value).items() if v is not None}
    return None
