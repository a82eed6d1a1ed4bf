"""Storage layer: the unit of work. One command = one transaction; the change-log rows of every
created, updated and deleted record are written inside that same transaction."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from typing import Any

from sqlalchemy import Engine, Table, event, insert, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.enums import ChangeKind
from ..domain.errors import ConflictError, ValidationError, ValidationFailed
from ..readmodels import Changes
from . import bulk
from .base import Base
from .bulk import SKIP, Entry, created_entry, entry, to_text, write_log
from .engine import write_problem
from .locks import check_locks
from .models import ChangeBatch, ChangeLog, Pack


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Work:
    """What a command sees: the session, and the audit entries its flushes have produced."""

    session: Session
    user: str
    command: str
    batch: str = field(default_factory=lambda: str(uuid.uuid4()))
    at: datetime = field(default_factory=utcnow)
    _entries: list[Entry] = field(default_factory=list)
    _created: set[tuple[str, int]] = field(default_factory=set)
    _updated: set[tuple[str, int]] = field(default_factory=set)
    _deleted: set[tuple[str, int]] = field(default_factory=set)
    _batch_id: int | None = None
    amending: bool = False  # an amendment of approved minutes: the one command they may change by

    def _before_flush(self, session: Session, _ctx: Any, _instances: Any) -> None:
        check_locks(session, self.amending)

    def batch_id(self) -> int:
        """The id of this command's change_batch row, written with its first change-log row."""
        if self._batch_id is None:
            result = self.session.connection().execute(insert(_BATCH).values(
                batch=self.batch, at=self.at, user=self.user, command=self.command))
            key = result.inserted_primary_key
            assert key is not None
            self._batch_id = int(key[0])
        return self._batch_id

    def _entry(self, obj: Any, kind: ChangeKind, fld: str | None, old: Any, new: Any) -> None:
        self._entries.append(entry(obj.__tablename__, obj.id, kind, fld, old, new))

    def _after_flush(self, session: Session, _ctx: Any) -> None:
        for obj in session.new:
            if isinstance(obj, ChangeLog | ChangeBatch):
                continue
            key = (obj.__tablename__, obj.id)
            self._created.add(key)
            values = {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}
            if isinstance(obj, Pack):
                values.pop("pdf", None)
            self._entries.append(created_entry(obj.__tablename__, obj.id, values))
        for obj in session.dirty:
            if isinstance(obj, ChangeLog | ChangeBatch) or not session.is_modified(obj):
                continue
            state = inspect(obj)
            changed = False
            for attr in state.mapper.column_attrs:
                if attr.key in SKIP:
                    continue
                hist = state.attrs[attr.key].history
                if hist.has_changes():
                    old = hist.deleted[0] if hist.deleted else None
                    new = hist.added[0] if hist.added else None
                    if to_text(old) != to_text(new):
                        self._entry(obj, ChangeKind.UPDATE, attr.key, old, new)
                        changed = True
            if changed:
                self._updated.add((obj.__tablename__, obj.id))
        for obj in session.deleted:
            self._deleted.add((obj.__tablename__, obj.id))
            self._entry(obj, ChangeKind.DELETE, None, None, None)
            for attr in inspect(obj).mapper.column_attrs:
                value = getattr(obj, attr.key)
                if attr.key not in SKIP and value is not None:
                    self._entry(obj, ChangeKind.DELETE, attr.key, value, None)

    def insert_logged(self, table: Table, values: Mapping[str, Sequence[Any]]) -> list[int]:
        """Insert many new records of one table at once (an import), each logged as created like
        any other; returns their ids in order. `values` gives each column but the id as a
        sequence, one value per record, all as long. See storage.bulk."""
        ids, entries = bulk.insert_logged(self.session.connection(), table, values, self.batch_id)
        self._created.update(zip(repeat(table.name), ids))
        self._entries += entries
        return ids

    def changes(self) -> Changes:
        created = frozenset(self._created - self._deleted)
        return Changes(
            batch=self.batch,
            created=created,
            updated=frozenset(self._updated - self._created - self._deleted),
            deleted=frozenset(self._deleted - self._created),
        )


_BATCH: Table = ChangeBatch.__table__  # type: ignore[assignment]  # a mapped class's table is a Table


@contextmanager
def unit_of_work(engine: Engine, user: str, command: str) -> Iterator[Work]:
    """Run one command: commit it with its audit rows, or roll everything back.

    Lost updates surface as ConflictError, broken database rules as ValidationFailed."""
    session = Session(engine.execution_options(pbp_write=True), expire_on_commit=False, autoflush=True)
    work = Work(session, user, command)
    event.listen(session, "after_flush", work._after_flush)
    event.listen(session, "before_flush", work._before_flush)
    try:
        yield work
        session.flush()
        entries, work._entries = work._entries, []
        if entries:
            write_log(session.connection(), work.batch_id(), entries)
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise _conflict_from_stale(exc) from None
    except IntegrityError as exc:
        session.rollback()
        raise translate_integrity_error(exc) from None
    except OperationalError as exc:
        session.rollback()
        raise write_problem(exc, engine) from None  # locked, read-only, a full disk: said as such
    except BaseException:
        session.rollback()
        raise
    finally:
        event.remove(session, "after_flush", work._after_flush)
        event.remove(session, "before_flush", work._before_flush)
        session.close()


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", exc)
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def last_change(session: Session, entity: str, entity_id: int) -> tuple[str | None, str | None]:
    row = session.execute(
        select(ChangeBatch.user, ChangeBatch.at).join(ChangeLog, ChangeLog.batch_id == ChangeBatch.id)
        .where(ChangeLog.entity == entity, ChangeLog.entity_id == entity_id)
        .order_by(ChangeLog.id.desc()).limit(1)
    ).first()
    if row is None:
        return None, None
    return row.user, row.at.strftime("%d/%m/%Y %H:%M") + " UTC"


_STALE = re.compile(r"table '(\w+)'")


def _conflict_from_stale(exc: StaleDataError) -> ConflictError:
    """A race the version check before the write could not see: another writer committed
    between our read and our UPDATE. The UPDATE matched no row, so nothing was overwritten."""
    match = _STALE.search(str(exc))
    return ConflictError(match.group(1) if match else "record", 0, None, None)


def _constraint_columns(name: str | None) -> list[str]:
    if not name:
        return []
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if constraint.name == name:
                return [c.name for c in getattr(constraint, "columns", [])] or [name.split("_", 2)[-1]]
    return []


def translate_integrity_error(exc: IntegrityError) -> ValidationFailed:
    """The last line of defence: a database rule refused the write. Name the field it guards."""
    orig = exc.orig
    message = str(orig)
    low = message.lower()
    constraint = getattr(getattr(orig, "diag", None), "constraint_name", None)
    m = re.search(r"CHECK constraint failed: (\w+)", message)
    if m:
        constraint = m.group(1)
    columns = _constraint_columns(constraint)
    m = re.search(r"(?:UNIQUE|NOT NULL) constraint failed: \w+\.(\w+)", message)
    if m:
        columns = [m.group(1)]
    field_name = columns[-1] if columns else "record"
    label = field_name.replace("_", " ").capitalize()
    if "unique" in low or "duplicate key" in low:
        text = f"{label} is already used by another record; it must be unique"
    elif "foreign key" in low:
        text = "This refers to a record that does not exist, or the record is still referred to by others"
    elif "check constraint" in low or "violates check" in low:
        text = f"{label} is outside the allowed values"
    elif "not null" in low:
        text = f"{label} is required"
    else:
        text = "The change breaks a rule of the register"
    return ValidationFailed([ValidationError(field_name, "constraint", text)])
