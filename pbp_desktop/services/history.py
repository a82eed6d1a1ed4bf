"""Services layer: undo and redo of whole commands, from the change log. Undoing a command
applies the inverse of its change-log batch (deletes what it created, restores old values,
re-creates what it deleted) as a new command; redo is the undo of that undo. An undo that meets
a newer change to any of the same records is refused, so nobody's later work is overwritten."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, select
from sqlalchemy import Enum as SAEnum

from ..domain.enums import ChangeKind
from ..domain.errors import ConflictError, PbpError, ValidationError, ValidationFailed
from ..readmodels import Changes
from ..storage.models import TABLES, ChangeBatch, ChangeLog
from .base import ServiceBase, label


def from_text(column: Any, value: str | None) -> Any:
    """The inverse of the change log's to_text, by the column's type."""
    if value is None:
        return None
    t = column.type
    if isinstance(t, SAEnum) and t.enum_class is not None:
        return t.enum_class(value)
    if isinstance(t, Boolean):
        return value == "true"
    if isinstance(t, Integer):
        return int(value)
    if isinstance(t, Float):
        return float(value)
    if isinstance(t, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(t, Date):
        return date.fromisoformat(value)
    return value


class HistoryService(ServiceBase):
    def undo(self, batch: str) -> Changes:
        """Reverse the command recorded as `batch`; returns the Changes of the reversal, whose
        batch is what redo() takes."""
        with self._work("undo") as w:
            s = w.session
            rows = list(s.scalars(select(ChangeLog).join(ChangeBatch, ChangeBatch.id == ChangeLog.batch_id)
                                  .where(ChangeBatch.batch == batch).order_by(ChangeLog.id)))
            if not rows:
                raise PbpError("There is nothing to undo: that change is not in the register's history.")
            last_id = rows[-1].id
            records = {(r.entity, r.entity_id) for r in rows}
            for entity, entity_id in sorted(records):
                if entity not in TABLES or entity in ("change_log", "pack"):
                    raise PbpError(f"A {label(entity)} cannot be undone.")
                newer = s.execute(
                    select(ChangeBatch.user, ChangeBatch.at).join(ChangeLog, ChangeLog.batch_id == ChangeBatch.id)
                    .where(ChangeLog.entity == entity, ChangeLog.entity_id == entity_id, ChangeLog.id > last_id)
                    .order_by(ChangeLog.id.desc()).limit(1)).first()
                if newer is not None:
                    raise ConflictError(label(entity), entity_id, newer.user,
                                        newer.at.strftime("%d/%m/%Y %H:%M") + " UTC")
            # walk the command backwards: children created last are removed first, parents
            # deleted last are restored first
            seen: set[tuple[str, int]] = set()
            by_record: dict[tuple[str, int], list[ChangeLog]] = {}
            order: list[tuple[str, int]] = []
            for r in rows:
                key = (r.entity, r.entity_id)
                by_record.setdefault(key, []).append(r)
                if key not in seen:
                    seen.add(key)
                    order.append(key)
            for key in reversed(order):
                self._reverse(s, key, by_record[key])
                s.flush()
        return w.changes()

    def redo(self, undo_batch: str) -> Changes:
        """Apply again the command that `undo_batch` reversed."""
        return self.undo(undo_batch)

    @staticmethod
    def _reverse(s, key: tuple[str, int], rows: list[ChangeLog]) -> None:
        entity, entity_id = key
        model = TABLES[entity]
        kinds = {r.change for r in rows}
        columns = model.__table__.c
        if ChangeKind.CREATE in kinds and ChangeKind.DELETE in kinds:
            return  # created and deleted within the command: nothing remains to reverse
        if ChangeKind.CREATE in kinds:
            obj = s.get(model, entity_id)
            if obj is not None:
                uses = ServiceBase._references(s, entity, entity_id, model=model)
                if uses:
                    listed = ", ".join(f"{n} {label(e)}{'s' if n > 1 else ''}" for e, n in uses)
                    raise ValidationFailed([ValidationError(
                        "id", "in_use", f"This change cannot be undone: {listed} added since refer to the "
                        f"{label(entity)} it created.")], label(entity))
                s.delete(obj)
            return
        if ChangeKind.DELETE in kinds:
            values = {r.field: from_text(columns[r.field], r.old_value) for r in rows if r.field}
            s.add(model(id=entity_id, **values))
            return
        obj = s.get(model, entity_id)
        if obj is None:
            raise PbpError(f"The {label(entity)} changed by that command no longer exists.")
        for r in sorted(rows, key=lambda r: r.id, reverse=True):
            if r.field is None:  # an update's log rows each name their field
                continue
            setattr(obj, r.field, from_text(columns[r.field], r.old_value))
