"""Storage layer: the whole register as plain data (the JSON format of docs/register-format.md)
and back. Every table, every column, every id - so a register written out and read back in is
the same register, its change log and printed packs included."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, Enum, LargeBinary, select, text
from sqlalchemy.exc import DBAPIError

from ..domain.errors import RegisterError
from ..domain.fields import shown
from ..domain.registers import label
from .base import Base
from .migrate import head_revision
from .models import ChangeLog  # noqa: F401 - every model in the metadata
from .rules import RecordProblem, TableRules, unique_sets

FORMAT = "pbp-desktop-register"
FORMAT_VERSION = 1


def _out(column, value: Any) -> Any:
    if value is None:
        return None
    t = column.type
    if isinstance(t, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(t, DateTime):
        return value.isoformat()
    if isinstance(t, Date):
        return value.isoformat()
    if isinstance(t, Enum):
        return value.value if hasattr(value, "value") else value
    return value


def dump(engine: Engine) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [{c.name: _out(c, row[c.name]) for c in table.columns} for row in rows]
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "schema": revision, "tables": tables}


class LoadRefused(RegisterError):
    """A register file was refused because records in it break the register's rules; nothing was
    written. `problems` names each (table, id, field, what is wrong)."""

    def __init__(self, problems: list[RecordProblem], source: str = "The file"):
        self.problems = tuple(problems)
        n = len(self.problems)
        lines = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{source} was not loaded, and nothing was written: {n} record{'s' if n != 1 else ''} "
                         f"break{'s' if n == 1 else ''} the register's rules. Correct "
                         f"{'it' if n == 1 else 'them'} in the file and load it again:{lines}")


class _Unkept:
    """A number in a file too small to keep (JSON's 1e-400, which Python reads as 0.0): kept as
    what it is, so the rules refuse it where it stands rather than read it as 0."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"{self.text} (too small to keep: it would be stored as 0)"


def _json_float(text: str) -> float | _Unkept:
    value = float(text)
    if value == 0 and any(c in "123456789" for c in text.lower().split("e")[0]):
        return _Unkept(text)
    return value


def read_file(path: Path) -> dict[str, Any]:
    """A register export as data, read as JSON strictly: Infinity and NaN are kept as what they
    are (not numbers, refused by the rules), and so is a number too small to keep."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegisterError(f"There is no file '{path}'.") from None
    except IsADirectoryError:
        raise RegisterError(f"'{path}' is a folder, not a register export.") from None
    except PermissionError:
        raise RegisterError(f"'{path}' cannot be read: permission denied.") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_float=_json_float)
    except UnicodeDecodeError:
        raise RegisterError(f"'{path.name}' is not a JSON register export: it is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise RegisterError(f"'{path.name}' is not a JSON register export ({exc}).") from None
    if not isinstance(data, dict):
        raise RegisterError(f"'{path.name}' is not a JSON register export.")
    return data


def load_file(engine: Engine, path: Path) -> None:
    load(engine, read_file(path), source=f"'{path.name}'")


def _record_key(row: Mapping[str, Any], i: int) -> Any:
    rid = row.get("id")
    return rid if isinstance(rid, int) and not isinstance(rid, bool) else f"record {i} (id {shown(rid)})"


def validate(data: Mapping[str, Any]) -> tuple[dict[str, list[dict[str, Any]]], list[RecordProblem]]:
    """Every record of a register export held to the register's rules: its fields (the same rules
    as the forms and the import), its links to other records, its unique values, one
    partnership. Returns the clean tables and every problem; nothing is written."""
    tables = data.get("tables")
    if not isinstance(tables, dict) or not tables:
        raise RegisterError("The file holds no tables: a register export lists every table of the register, "
                            "even an empty one, so this is not one (or it was cut short).")
    known = {t.name for t in Base.metadata.sorted_tables}
    unknown = set(tables) - known
    if unknown:
        raise RegisterError(f"The export has tables this app does not know: {', '.join(sorted(unknown))}.")
    missing = [name for name in sorted(known) if name not in tables]
    if missing:
        raise RegisterError(f"The export has no table {', '.join(missing)}: a register export lists every table, "
                            "even an empty one, so it is not complete.")
    problems: list[RecordProblem] = []
    clean_tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        rows = tables[table.name]
        if not isinstance(rows, list):
            problems.append(RecordProblem(table.name, "table", "", "is not a list of records"))
            continue
        rules = TableRules(table)
        units = {r["id"]: r.get("unit") for r in clean_tables.get("indicator", [])}
        out = []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                problems.append(RecordProblem(table.name, f"record {i}", "", "is not a record (a JSON object)"))
                continue
            context = {"unit": units.get(row.get("indicator_id"))} if "indicator_id" in row else None
            cleaned, found = rules.check(row, _record_key(row, i), context)
            problems += found
            if not found:
                out.append({c.name: cleaned.get(c.name) for c in table.columns})
        clean_tables[table.name] = out
    # links and unique values are judged for the records whose fields are sound; a link may point
    # at any record the file holds with an id, sound or not (that one is named already)
    ids = {name: {r.get("id") for r in rows if isinstance(r, dict)} if isinstance(rows, list) else set()
           for name, rows in tables.items()}
    for table in Base.metadata.sorted_tables:
        rows = clean_tables[table.name]
        for fkey in table.foreign_keys:
            name, target = fkey.parent.name, fkey.column.table.name
            for r in rows:
                value = r.get(name)
                if value is not None and value not in ids[target]:
                    problems.append(RecordProblem(table.name, r.get("id"), name,
                                                  f"there is no {label(target)} with id {value} in the file"))
        for columns in unique_sets(table):
            seen: dict[tuple, Any] = {}
            for r in rows:
                key = tuple(r.get(c) for c in columns)
                if any(v is None for v in key):
                    continue
                if key in seen:
                    what = ", ".join(columns)
                    problems.append(RecordProblem(table.name, r.get("id"), what, f"{shown(key if len(key) > 1 else key[0])} "
                                                  f"is also the {what} of {table.name} {seen[key]}"))
                else:
                    seen[key] = r.get("id")
    partnerships = [r.get("id") for r in tables["partnership"] if isinstance(r, dict)] \
        if isinstance(tables["partnership"], list) else []
    if len(partnerships) > 1:
        problems.append(RecordProblem("partnership", partnerships[1], "", f"the file holds {len(partnerships)} "
                                      f"partnerships (ids {', '.join(map(shown, partnerships))}); a register holds "
                                      "one"))
    return clean_tables, problems


def load(engine: Engine, data: dict[str, Any], *, source: str = "The file") -> None:
    """Fill an empty register (of the current schema) from dump() output, in one transaction,
    after holding every record to the register's rules: any record that breaks one and nothing
    is written (LoadRefused names every such record)."""
    if data.get("format") != FORMAT:
        raise RegisterError("The file is not a PBP Desktop register export (its 'format' is not "
                            f"'{FORMAT}').")
    if data.get("format_version") != FORMAT_VERSION:
        raise RegisterError(f"The export is format version {shown(data.get('format_version'))}; this app reads "
                            f"version {FORMAT_VERSION}.")
    if data.get("schema") != head_revision():
        raise RegisterError(f"The export is of schema {shown(data.get('schema'))}; this app writes schema "
                            f"{head_revision()}. Open it with the version of PBP Desktop that wrote it.")
    tables = _decoded(data.get("tables"))
    clean_tables, problems = validate({**data, "tables": tables})
    if problems:
        raise LoadRefused(problems, source)
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            rows = clean_tables[table.name]
            if not rows:
                continue
            try:
                with conn.begin_nested():
                    conn.execute(table.insert(), rows)
            except DBAPIError as exc:  # a rule of the database's own the checks above do not know
                raise LoadRefused([_culprit(conn, table, rows, exc)], source) from None
        if engine.dialect.name == "postgresql":  # ids were given: move each sequence past them
            for table in Base.metadata.sorted_tables:
                if "id" in table.c and clean_tables.get(table.name):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"(SELECT MAX(id) FROM {table.name}))"))


def _decoded(tables: Any) -> Any:
    """Binary columns are base64 text in the file: decoded here, so the rules see bytes."""
    if not isinstance(tables, dict):
        return tables
    out = dict(tables)
    for table in Base.metadata.sorted_tables:
        binary = [c.name for c in table.columns if isinstance(c.type, LargeBinary)]
        rows = tables.get(table.name)
        if not binary or not isinstance(rows, list):
            continue
        decoded = []
        for row in rows:
            if isinstance(row, dict):
                row = dict(row)
                for name in binary:
                    if isinstance(row.get(name), str):
                        try:
                            row[name] = base64.b64decode(row[name], validate=True)
                        except (binascii.Error, ValueError):
                            pass  # left as text: the rule says it is not binary data
            decoded.append(row)
        out[table.name] = decoded
    return out


def _culprit(conn, table, rows: list[dict[str, Any]], exc: DBAPIError) -> RecordProblem:
    """The first record the database refuses, found by writing them one at a time, each in a
    savepoint (the whole transaction is undone after), named with the database's reason in one
    line, without its SQL."""
    for row in rows:
        try:
            with conn.begin_nested():
                conn.execute(table.insert(), [row])
        except DBAPIError as one:
            return RecordProblem(table.name, row.get("id"), "", f"the database refuses it: {_reason(one)}")
    return RecordProblem(table.name, "table", "", f"the database refuses its records: {_reason(exc)}")


def _reason(exc: DBAPIError) -> str:
    lines = str(exc.orig).strip().splitlines()
    return shown(lines[0] if lines else type(exc.orig).__name__, 200)
