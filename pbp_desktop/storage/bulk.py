"""Storage layer: how records and their change-log rows are written, in one place - the plain
path every command takes, and beside it the bulk path an import takes for new records.

The plain path: a command's records go through the ORM; the unit of work (uow.py) turns each
flush into change-log entries (created_entry, and to_text for each value) and write_log writes
them, with SQLAlchemy, when the command commits.

The bulk path (insert_logged), measured as worth its place (docs/performance.md): an import
creates tens of thousands of actuals, and an ORM object, or even a dict, per record costs more
than the record's own insert. So on SQLite the new records go in through one driver-level
executemany, given column by column (insert_columns), and each one's change-log row is built by
the database from the stored record in one INSERT ... SELECT (_log_in_sql), which reads back as
the plain path's entry would (tests/storage/test_bulk_log.py holds them equal). Elsewhere
(PostgreSQL), or for a table with a column SQLite cannot write as to_text does, insert_logged
takes the plain path: one SQLAlchemy insert, and entries made in Python."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Date,
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
    func,
    insert,
    literal,
    select,
    update,
)

from ..domain.enums import ChangeKind
from .models import ChangeLog

SKIP = frozenset({"id", "version"})  # fields no change-log entry lists
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_LOG: Table = ChangeLog.__table__  # type: ignore[assignment]  # a mapped class's table is a Table


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


Entry = dict[str, Any]  # one change-log row but its batch: entity, entity_id, change, field, old_value, new_value


def entry(entity: str, entity_id: int, kind: ChangeKind, field: str | None, old: Any, new: Any) -> Entry:
    return dict(entity=entity, entity_id=entity_id, change=kind, field=field, old_value=to_text(old),
                new_value=to_text(new))


def created_entry(entity: str, entity_id: int, values: Mapping[str, Any]) -> Entry:
    """One row per created record, its values as a JSON object in new_value (field NULL): a row
    per field would be ten times the data. queries.changes.change_log reads it back as one row
    per field."""
    written = {k: to_text(v) for k, v in values.items() if k not in SKIP and v is not None}
    return dict(entity=entity, entity_id=entity_id, change=ChangeKind.CREATE, field=None, old_value=None,
                new_value=_JSON.encode(written))


def write_log(conn: Connection, batch_id: int, entries: Sequence[Entry]) -> None:
    """The plain path: a command's change-log entries, written under its batch."""
    if entries:
        conn.execute(insert(_LOG), [{"batch_id": batch_id, **e} for e in entries])


def insert_logged(conn: Connection, table: Table, values: Mapping[str, Sequence[Any]],
                  batch_id: Callable[[], int]) -> tuple[list[int], list[Entry]]:
    """Insert many new records of one table at once, each logged as created like any other.
    `values` gives each column but the id as a sequence, one value per record, all as long;
    `batch_id` gives the command's change_batch id. Returns the records' ids in order, and the
    change-log entries still to write with write_log (none where the database wrote them)."""
    count = len(next(iter(values.values()), ()))
    # a column that may be empty and has no default is empty, as the ORM leaves it
    values = {**{c.name: [None] * count for c in table.columns
                 if c.name not in values and c.nullable and c.default is None and c.server_default is None},
              **values}
    missing = {c.name for c in table.columns} - {"id", *values}
    if missing:
        raise ValueError(f"insert_logged: no value for {', '.join(sorted(missing))} of {table.name}")
    names = list(values)
    count = len(values[names[0]])
    if any(len(values[k]) != count for k in names):
        raise ValueError(f"insert_logged: the columns of {table.name} are not all as long")
    if not count:
        return [], []
    if conn.dialect.name == "sqlite":
        # the command holds SQLite's write lock (BEGIN IMMEDIATE): nobody else can take ids
        first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        last = first + count - 1
        ids = list(range(first, last + 1))
        insert_columns(conn, table, [table.c.id, *(table.c[k] for k in names)], [ids, *(values[k] for k in names)])
        # the columns where every record has the same value (an import's source, its flags, its
        # notes left blank); count() is quick for a value repeated as one object
        shared = {k: values[k][0] for k in names if values[k][-1] is values[k][0]
                  and values[k].count(values[k][0]) == count}
        if _log_in_sql(conn, table, batch_id(), first, last, shared):
            return ids, []
    else:
        rows = [dict(zip(names, r, strict=True)) for r in zip(*(values[k] for k in names), strict=True)]
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        ids = [r[0] for r in result]
    return ids, [created_entry(table.name, i, dict(zip(names, r, strict=True)))
                 for i, r in zip(ids, zip(*(values[k] for k in names), strict=True), strict=True)]


def insert_columns(conn: Connection, table: Table, columns: Sequence[Any], values: Sequence[Sequence[Any]]) -> None:
    """One driver-level executemany, given column by column (values[k] holds columns[k]'s value
    for each row), not SQLAlchemy's per-row statement handling (ten times the cost of the insert
    itself for thousands of rows). The rows are built once, for the driver. Each column's
    conversion is worked out once per distinct value (dates, flags and kinds repeat); a column
    whose conversion gives back every value as it is (floats) is passed as it is. A flag is
    always made 0 or 1: the driver binds an int at once but looks a bool up among its adapters
    first, which doubles the insert's own time for two flag columns."""
    dialect = conn.dialect
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


def _shared_text(column: Any, value: Any) -> tuple[str | None, ...] | None:
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
    fields = [c for c in table.columns if c.name not in SKIP]
    texts = [_as_text(c) for c in fields]
    if any(t is None for t in texts):
        return None
    # a field with no value is a null member here, where created_entry leaves it out; the
    # reader (queries.changes.created_values) leaves both out. Dropping them row by row here
    # (json_patch) would cost half as much again as the whole document; a column empty in every
    # record is simply not asked for.
    pairs = []
    for c, t, g in zip(fields, texts, given, strict=True):
        if g is not False:
            pairs += [literal(c.name, String()), bindparam(f"text_{c.name}", type_=String()) if g else t]
    log = _LOG
    first, last = bindparam("first", type_=Integer()), bindparam("last", type_=Integer())
    rows = select(bindparam("batch_id", type_=Integer()), bindparam("entity", type_=String()), table.c.id,
                  bindparam("change", type_=String()), func.json_object(*pairs)) \
        .where(table.c.id.between(first, last)).order_by(table.c.id)
    statements: dict[str, Any] = {"": insert(log).from_select(
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
    a fraction of building it in Python and sending it back. It reads back as created_entry's
    does (a test holds them equal): every value as to_text writes it. A column `shared` by every
    record (the same value in all) gives its text once (_shared_text), or is left out when that
    value is None. SQLite writes some floats differently from Python (1e+20 as 1.0e+20, and only
    15 digits), so those few are found by SQLite (in Python, a float's repr alone would cost
    more) and rewritten from Python afterwards. False (nothing written) for a table with a
    column SQLite cannot write as to_text does."""
    fields = [c for c in table.columns if c.name not in SKIP]
    texts = {c.name: _shared_text(c, shared[c.name]) for c in fields if c.name in shared}
    given = tuple(None if texts.get(c.name) is None else bool(texts[c.name]) for c in fields)
    statements = _log_sql(table, given, conn.dialect)
    if statements is None:
        return False
    insert_log, checks = statements
    params = {"batch_id": batch_id, "entity": table.name, "change": ChangeKind.CREATE.value, "first": first,
              "last": last, **{f"text_{k}": v[0] for k, v in texts.items() if v}}
    log = _LOG
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
