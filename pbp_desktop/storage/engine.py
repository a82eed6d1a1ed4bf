"""Storage layer: engines for a register, with the SQLite settings every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from .checkpoint import attach

BUSY_TIMEOUT_MS = 10_000


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_path(url: str | URL) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def remove_register_file(path: Path) -> None:
    """Remove a register this app has just created and failed to fill, with its WAL files, so no
    half-made register is left behind."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def display_url(url: str | URL) -> str:
    """A database URL fit to print: any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str | URL, *, readonly: bool = False) -> Engine:
    """An engine for the register at `url`. On SQLite every connection gets foreign keys on,
    WAL, synchronous=FULL and a busy timeout; a read-only engine opens the file with
    mode=ro so that nothing, not even a journal, is written to it."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(u, pool_pre_ping=True)
    path = sqlite_path(u)
    if readonly and path is not None:
        uri = f"file:{path.resolve().as_posix()}?mode=ro"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, detect_types=0, check_same_thread=False)

        # a file pool, not the single shared connection SQLAlchemy gives "sqlite://"
        engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)
    else:
        engine = create_engine(u, connect_args={"check_same_thread": False})
        if path is not None:
            attach(engine, path, BUSY_TIMEOUT_MS)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy, not the driver, open transactions (pysqlite's legacy behaviour
        # would otherwise skip BEGIN and break SAVEPOINTs).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not readonly:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # A command takes the write lock up front (and waits for it under the busy timeout),
        # instead of failing half-way when a read transaction would have to become a write.
        write = conn.get_execution_options().get("pbp_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write and not readonly else "BEGIN")

    return engine
