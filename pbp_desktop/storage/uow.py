"""Storage layer: the unit of work. One command = one transaction; the change-log rows of every
created, updated and deleted record are written inside that same transaction."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from itertools import repeat
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    Unicode,
    UnicodeText,
    bindparam,
    case,
    cast,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.enums import ChangeKind
from ..domain.errors import ConflictError, ValidationError, ValidationFailed
from ..readmodels import Changes
from .assessments import insert_trigger_held
from .base import Base
from .checkpoint import checkpoint_in_background, hold_checkpoint
from .engine import write_problem
from .models import ChangeBatch, ChangeLog, Pack

_SKIP = frozenset({"id", "version"})
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def to_text(value: Any) -> str | None:
    """How a value is written into the change log: stable, readable and reversible."""
    kind = type(value)
    if kind is str:  # the common cases first: an import logs tens of thousands of values
        return value
    if kind is int:
        return str(value)
    if kind is float:
        return repr(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


@dataclass
class Work:
    """What a command sees: the session, and the audit entries its flushes have produced."""

    session: Session
    user: str
    command: str
    batch: str = field(default_factory=lambda: str(uuid.uuid4()))
    at: datetime = field(default_factory=utcnow)
    _entries: list[dict] = field(default_factory=list)
    _created: set[tuple[str, int]] = field(default_factory=set)
    _updated: set[tuple[str, int]] = field(default_factory=set)
    _deleted: set[tuple[str, int]] = field(default_factory=set)
    _batch_id: int | None = None
    _bulk: bool = False  # insert_logged wrote many rows at once

    def batch_id(self) -> int:
        """The id of this command's change_batch row, written with its first change-log row."""
        if self._batch_id is None:
            t = ChangeBatch.__table__
            result = self.session.connection().execute(insert(t).values(
                batch=self.batch, at=self.at, user=self.user, command=self.command))
            self._batch_id = result.inserted_primary_key[0]
        return self._batch_id

    def _entry(self, obj: Any, kind: ChangeKind, fld: str | None, old: Any, new: Any) -> None:
        # plain rows, written with one driver-level insert at commit (insert_columns): an import of thousands of values
        # logs tens of thousands of fields, and ORM objects for each would cost more than the data
        self._entries.append(dict(
            entity=obj.__tablename__, entity_id=obj.id, change=kind, field=fld,
            old_value=to_text(old), new_value=to_text(new)))

    def _after_flush(self, session: Session, _ctx: Any) -> None:
        for obj in session.new:
            if isinstance(obj, ChangeLog | ChangeBatch):
                continue
            key = (obj.__tablename__, obj.id)
            self._created.add(key)
            values = {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}
            if isinstance(obj, Pack):
                values.pop("pdf", None)
            self._created_entry(obj.__tablename__, obj.id, values)
        for obj in session.dirty:
            if isinstance(obj, ChangeLog | ChangeBatch) or not session.is_modified(obj):
                continue
            state = inspect(obj)
            changed = False
            for attr in state.mapper.column_attrs:
                if attr.key in _SKIP:
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
                if attr.key not in _SKIP and value is not None:
                    self._entry(obj, ChangeKind.DELETE, attr.key, value, None)

    def _created_entry(self, entity: str, entity_id: int, values: dict[str, Any]) -> None:
        # one row per created record, its values as a JSON object in new_value (field NULL):
        # an import creates tens of thousands of records, and a row per field would be ten times
        # the data. queries.changes.change_log reads it back as one row per field.
        written = {k: to_text(v) for k, v in values.items() if k not in _SKIP and v is not None}
        self._entries.append(dict(
            entity=entity, entity_id=entity_id, change=ChangeKind.CREATE, field=None, old_value=None,
            new_value=_JSON.encode(written)))

    def insert_logged(self, table: Table, values: Mapping[str, Sequence]) -> list[int]:
        """Insert many new records of one table at once, below the ORM, each logged as created
        like any other; returns their ids in order. `values` gives each column but the id as a
        sequence, one value per record, all as long. For imports: an ORM object, a dict or even
        a tuple per record costs more than the record's own insert."""
        missing = {c.name for c in table.columns} - {"id", *values}
        if missing:
            raise ValueError(f"insert_logged: no value for {', '.join(sorted(missing))} of {table.name}")
        names = list(values)
        count = len(values[names[0]])
        if any(len(values[k]) != count for k in names):
            raise ValueError(f"insert_logged: the columns of {table.name} are not all as long")
        if not count:
            return []
        conn = self.session.connection()
        columns = [table.c[k] for k in names]
        name = table.name
        self._bulk = True
        if conn.dialect.name == "sqlite":
            # the command holds SQLite's write lock (BEGIN IMMEDIATE): nobody else can take ids
            first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            last = first + count - 1
            taken = range(first, last + 1)
            with insert_trigger_held(conn, table, first, last):
                insert_columns(conn, table, columns, [values[k] for k in names], ids=taken)
            ids = list(taken)
            self._created.update(zip(repeat(name, count), ids, strict=True))
            # the columns where every record has the same value (an import's source, its flags, its
            # notes left blank); count() is quick for a value repeated as one object
            shared = {k: values[k][0] for k in names if values[k][-1] is values[k][0]
                      and values[k].count(values[k][0]) == count}
            if _log_in_sql(conn, table, self.batch_id(), first, last, shared):
                return ids
        else:
            rows = [dict(zip(names, r, strict=True)) for r in zip(*(values[k] for k in names), strict=True)]
            result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
            ids = [r[0] for r in result]
            self._created.update((name, i) for i in ids)
        for i, r in zip(ids, zip(*(values[k] for k in names), strict=True), strict=True):
            self._created_entry(name, i, dict(zip(names, r, strict=True)))
        return ids

    def changes(self) -> Changes:
        created = frozenset(self._created - self._deleted)
        return Changes(
            batch=self.batch,
            created=created,
            updated=frozenset(self._updated - self._created - self._deleted),
            deleted=frozenset(self._deleted - self._created),
        )


@contextmanager
def unit_of_work(engine: Engine, user: str, command: str) -> Iterator[Work]:
    """Run one command: commit it with its audit rows, or roll everything back.

    Lost updates surface as ConflictError, broken database rules as ValidationFailed."""
    session = Session(engine.execution_options(pbp_write=True), expire_on_commit=False, autoflush=True)
    work = Work(session, user, command)
    event.listen(session, "after_flush", work._after_flush)
    try:
        yield work
        session.flush()
        entries, work._entries = work._entries, []
        if entries:
            log = ChangeLog.__table__
            cols = [c for c in log.columns if c.name not in ("id", "batch_id")]
            insert_columns(session.connection(), log, [log.c.batch_id, *cols],
                           [[work.batch_id()] * len(entries), *([e[c.name] for e in entries] for c in cols)])
        # a bulk command's commit leaves the WAL's checkpoint to a thread of its own (checkpoint.py)
        held = work._bulk and hold_checkpoint(session.connection())
        session.commit()
        if held:
            checkpoint_in_background(engine)
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
        session.close()


def _as_text(column: Any) -> Any:
    """A column's value as the change log writes it (to_text), computed by SQLite; None for a
    type whose text SQLite would write differently (a date-time, an enumeration, ...)."""
    kind = type(column.type)
    if kind is Boolean:
        return case((column.is_(None), None), (column, "true"), else_="false")
    if kind in (Integer, BigInteger, SmallInteger, Float):
        return cast(column, Text)  # a float's text is checked against Python's after (_log_in_sql)
    if kind in (String, Text, Unicode, UnicodeText, Date):  # Enum is a String subclass: not here
        return column
    return None


def _shared_text(column: Any, value: Any) -> tuple[str, ...] | None:
    """What a column holding `value` in every record of a bulk insert gives the change log's
    JSON, worked out once rather than from each stored record: () for None (the field is left
    out), else (to_text(value),) - where that is surely the text the stored value would give (a
    float is not: SQLite may store -0.0 as 0.0); None where it is not."""
    kind = type(column.type)
    if value is None:
        return ()
    if (kind is Boolean and type(value) is bool) or (kind in (Integer, BigInteger, SmallInteger) and type(value) is int) \
            or (kind in (String, Text, Unicode, UnicodeText) and type(value) is str) \
            or (kind is Date and type(value) is date):
        return (to_text(value),)
    return None


_LOG_SQL: dict[tuple, Any] = {}


def _log_sql(table: Table, given: tuple[bool | None, ...], dialect: Any) -> tuple[Any, dict[str, Any]] | None:
    """The statements _log_in_sql runs for `table`, compiled once a process for each way its
    columns are given (per field: True, its text is a parameter; False, it is left out; None,
    it is read from each record) and each kind of driver: a register just opened has a cold
    engine, which would build and compile them again at every import, several milliseconds.
    Returns the INSERT ... SELECT and each Float column's check, compiled; None for a table with
    a column SQLite cannot write as to_text does."""
    key = (table, given, dialect.name, dialect.driver, dialect.paramstyle)
    if key not in _LOG_SQL:
        _LOG_SQL[key] = _compile_log_sql(table, given, dialect)
    return _LOG_SQL[key]


def _compile_log_sql(table: Table, given: tuple[bool | None, ...], dialect: Any) -> tuple[Any, dict[str, Any]] | None:
    fields = [c for c in table.columns if c.name not in _SKIP]
    texts = [_as_text(c) for c in fields]
    if any(t is None for t in texts):
        return None
    # a field with no value is a null member here, where _created_entry leaves it out; the
    # reader (queries.changes.created_values) leaves both out. Dropping them row by row here
    # (json_patch) would cost half as much again as the whole document; a column empty in every
    # record is simply not asked for.
    pairs = []
    for c, t, g in zip(fields, texts, given, strict=True):
        if g is not False:
            pairs += [literal(c.name, String()), bindparam(f"text_{c.name}", type_=String()) if g else t]
    log = ChangeLog.__table__
    first, last = bindparam("first", type_=Integer()), bindparam("last", type_=Integer())
    rows = select(bindparam("batch_id", type_=Integer()), bindparam("entity", type_=String()), table.c.id,
                  bindparam("change", type_=String()), func.json_object(*pairs)) \
        .where(table.c.id.between(first, last)).order_by(table.c.id)
    statements = {"": insert(log).from_select(
        [log.c.batch_id, log.c.entity, log.c.entity_id, log.c.change, log.c.new_value], rows)}
    for c, g in zip(fields, given, strict=True):
        if type(c.type) is Float and g is not False:
            # SQLite's text differs when its 15 digits do not read back as the value, or when it
            # has an exponent: at 1e15 and above, and below 1e-4 (a value that rounds up into
            # either range fails the first test). Telling the exponent by the value is a quarter
            # quicker than looking for it in the text.
            statements[c.name] = select(table.c.id, c).where(
                table.c.id.between(first, last), c.is_not(None),
                (cast(cast(c, Text), Float) != c) | (func.abs(c) >= 1e15) | ((func.abs(c) < 1e-4) & (c != 0)))
    compiled = {k: v.compile(dialect=dialect) for k, v in statements.items()}
    return compiled.pop(""), compiled


def _run(conn: Connection, compiled: Any, params: Mapping[str, Any]) -> Any:
    """Run a statement compiled by _log_sql (parameters plain strings and numbers)."""
    values = compiled.construct_params(params)  # the statement's own literals, and `params`
    return conn.exec_driver_sql(compiled.string, tuple(values[n] for n in compiled.positiontup))


def _log_in_sql(conn: Connection, table: Table, batch_id: int, first: int, last: int, shared: Mapping[str, Any]) -> bool:
    """Log the records first..last of `table` as created, one change-log row each, in one
    INSERT ... SELECT: SQLite builds each row's JSON from the stored record itself, which costs
    a fraction of building it in Python and sending it back. It reads back as _created_entry's
    does (a test holds them equal): every value as to_text writes it. A column `shared` by every
    record (the same value in all) gives its text once (_shared_text), or is left out when that
    value is None. SQLite writes some floats differently from Python (1e+20 as 1.0e+20, and only
    15 digits), so those few are found by SQLite (in Python, a float's repr alone would cost
    more) and rewritten from Python afterwards. False (nothing written) for a table with a
    column SQLite cannot write as to_text does."""
    fields = [c for c in table.columns if c.name not in _SKIP]
    texts = {c.name: _shared_text(c, shared[c.name]) for c in fields if c.name in shared}
    given = tuple(None if texts.get(c.name) is None else bool(texts[c.name]) for c in fields)
    statements = _log_sql(table, given, conn.dialect)
    if statements is None:
        return False
    insert_log, checks = statements
    params = {"batch_id": batch_id, "entity": table.name, "change": ChangeKind.CREATE.value, "first": first,
              "last": last, **{f"text_{k}": v[0] for k, v in texts.items() if v}}
    log = ChangeLog.__table__
    # the command holds the write lock: every change-log row from here on is this insert's
    log_first = (conn.execute(select(func.max(log.c.id))).scalar() or 0) + 1
    _run(conn, insert_log, params)
    odd = [(name, record_id, to_text(value)) for name, check in checks.items()
           for record_id, value in _run(conn, check, params)]
    if odd:  # by the log row's id: an import of computed rates can have thousands
        log_id = dict(conn.execute(select(log.c.entity_id, log.c.id).where(log.c.id >= log_first)).all())
        for name in {n for n, _, _ in odd}:
            conn.execute(update(log).where(log.c.id == bindparam("log_id"))
                         .values(new_value=func.json_set(log.c.new_value, f"$.{name}", bindparam("text"))),
                         [{"log_id": log_id[record_id], "text": value} for n, record_id, value in odd if n == name])
    return True


def insert_columns(conn: Connection, table: Table, columns: list, values: list[Sequence], *,
                   ids: range | None = None) -> None:
    """One driver-level executemany, given column by column (values[k] holds columns[k]'s value
    for each row), not SQLAlchemy's per-row statement handling (ten times the cost of the insert
    itself for thousands of rows); with `ids`, each row's id. The rows are built once, for the
    driver. Each column's conversion is worked out once per distinct value (dates, flags and
    kinds repeat); a column whose conversion gives back every value as it is (floats) is passed
    as it is. A flag is always made 0 or 1: the driver binds an int at once but looks a bool up
    among its adapters first, which doubles the insert's own time for two flag columns."""
    dialect = conn.dialect
    if ids is not None:
        columns, values = [table.c.id, *columns], [ids, *values]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    q = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {q(table.name)} ({', '.join(q(c.name) for c in columns)}) "
           f"VALUES ({', '.join([mark] * len(columns))})")
    driver = []
    for column, given in zip(columns, values, strict=True):
        proc = column.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            done = {v: None if v is None else proc(v) for v in set(given)}
            if any(out is not v for v, out in done.items()):
                given = list(map(done.__getitem__, given))
        driver.append(given)
    conn.exec_driver_sql(sql, list(zip(*driver, strict=True)))


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
