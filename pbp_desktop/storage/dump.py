"""Storage layer: the whole register as plain data (the JSON format of docs/register-format.md)
and back. Every table, every column, every id - so a register written out and read back in is
the same register, its change log and printed packs included."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Engine,
    Enum,
    Float,
    Integer,
    LargeBinary,
    select,
    text,
)

from ..domain.errors import RegisterError
from .base import Base
from .migrate import head_revision
from .models import ChangeLog  # noqa: F401 - every model in the metadata

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


def _in(column, value: Any) -> Any:
    if value is None:
        return None
    t = column.type
    if isinstance(t, LargeBinary):
        return base64.b64decode(value)
    if isinstance(t, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(t, Date):
        return date.fromisoformat(value)
    if isinstance(t, Boolean):
        return bool(value)
    if isinstance(t, Integer) and not isinstance(value, bool):
        return int(value)
    if isinstance(t, Float):
        return float(value)
    return value


def dump(engine: Engine) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [{c.name: _out(c, row[c.name]) for c in table.columns} for row in rows]
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "schema": revision, "tables": tables}


def load(engine: Engine, data: dict[str, Any]) -> None:
    """Fill an empty register (of the current schema) from dump() output, in one transaction."""
    if data.get("format") != FORMAT:
        raise RegisterError("The file is not a PBP Desktop register export (its 'format' is not "
                            f"'{FORMAT}').")
    if data.get("format_version") != FORMAT_VERSION:
        raise RegisterError(f"The export is format version {data.get('format_version')}; this app reads "
                            f"version {FORMAT_VERSION}.")
    if data.get("schema") != head_revision():
        raise RegisterError(f"The export is of schema {data.get('schema')}; this app writes schema "
                            f"{head_revision()}. Open it with the version of PBP Desktop that wrote it.")
    tables = data.get("tables") or {}
    known = {t.name for t in Base.metadata.sorted_tables}
    unknown = set(tables) - known
    if unknown:
        raise RegisterError(f"The export has tables this app does not know: {', '.join(sorted(unknown))}.")
    with engine.begin() as conn:
        for table in Base.metadata.sorted_tables:
            rows = tables.get(table.name, [])
            if not rows:
                continue
            columns = {c.name: c for c in table.columns}
            clean = []
            for i, row in enumerate(rows, start=1):
                extra = set(row) - set(columns)
                if extra:
                    raise RegisterError(f"Table {table.name}, record {i}: unknown field(s) {', '.join(sorted(extra))}.")
                clean.append({name: _in(col, row.get(name)) for name, col in columns.items()})
            conn.execute(table.insert(), clean)
        if engine.dialect.name == "postgresql":  # ids were given: move each sequence past them
            for table in Base.metadata.sorted_tables:
                if "id" in table.c and tables.get(table.name):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"(SELECT MAX(id) FROM {table.name}))"))
