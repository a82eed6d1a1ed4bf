"""Storage layer: engines for a register, with the SQLite settings every connection needs."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from ..domain.errors import (
    DamagedRegister,
    PbpError,
    RegisterBusy,
    RegisterError,
    RegisterReadOnly,
    explainer,
)

BUSY_TIMEOUT_MS = 10_000

# SQLite's primary result codes that are conditions of the file, not bugs
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

_READONLY_REASON: WeakKeyDictionary[Engine, str] = WeakKeyDictionary()  # engines opened read-only, and why


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def sqlite_path(url: str | URL) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def write_refusal(path: Path) -> str | None:
    """Why the register file at `path` cannot be written, said for the user (its disk, folder or
    file is read-only), or None when it can. SQLite writes a register beside the file (its -wal
    and -shm files), so its folder must be writable too. os.access answers for this user: root
    may write a folder of mode 0555, but nobody writes to a read-only disk."""
    folder = path.resolve().parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"'{folder}' is on a read-only disk"
    except (OSError, AttributeError):  # no statvfs (Windows): os.access says it
        pass
    if not os.access(folder, os.W_OK):
        return f"'{folder}' is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return f"'{path}' is a read-only file"
    return None


def read_uri(path: Path) -> str:
    """SQLite's URI for reading the register at `path` without writing a byte. A register in WAL
    mode is read with its -shm file beside it, which a reader creates when it is missing; in a
    folder nobody may write to, none can be created, and none is needed: with no -wal or -shm
    file left, nobody can be writing to it (a writer would have to create them), so it is read
    as immutable. Without that, a read-only folder made every read fail as 'unable to open'."""
    resolved = path.resolve()
    uri = f"file:{quote(resolved.as_posix(), safe='/:')}?mode=ro"
    side_files = any(Path(f"{resolved}{s}").exists() for s in ("-wal", "-shm"))
    if not side_files and write_refusal(resolved) is not None:
        uri += "&immutable=1"
    return uri


def readonly_reason(engine: Engine) -> str | None:
    """Why `engine`'s register was opened read-only when it could not be written, else None."""
    return _READONLY_REASON.get(engine)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error from the driver (or SQLAlchemy's wrapper of one)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:  # before Python 3.11: the message says it
        text = str(orig).lower()
        for needle, c in (("locked", SQLITE_BUSY), ("readonly", SQLITE_READONLY), ("disk is full", SQLITE_FULL),
                          ("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB),
                          ("unable to open", SQLITE_CANTOPEN), ("disk i/o", SQLITE_IOERR)):
            if needle in text:
                return c
        return None
    return code & 0xFF


def register_problem(exc: BaseException, path: Path | None = None, *, doing: str = "nothing was changed",
                     readonly: str | None = None) -> PbpError | None:
    """The condition a database error stands for, as the error a user is shown: another program
    holds the register locked, it is read-only (and why), its disk is full, it is damaged; None
    for anything else. Only SQLite's own verdict of corruption is called damage."""
    code = sqlite_code(exc)
    where = f"'{path}'" if path is not None else ""
    named = f" {where}" if where else ""
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return RegisterBusy(where, doing)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        reason = readonly or (write_refusal(path) if path is not None else None)
        return RegisterReadOnly(reason or "its file or folder cannot be written", doing)
    if code == SQLITE_FULL:
        return RegisterError(f"The disk holding the register{named} is full: {doing}. Free some space and try again.")
    if code == SQLITE_IOERR:
        return RegisterError(f"The register{named} could not be read or written (an input/output error of its disk): "
                             f"{doing}. Check the disk or network drive, then try again.")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        return DamagedRegister(f"The register{named} is damaged ({orig}): {doing}. Check it with 'pbp-cli check' and "
                               "restore its newest backup.", path)
    if code == SQLITE_CANTOPEN:
        if path is not None and not path.exists():
            return RegisterError(f"There is no register at {where} any more: {doing}.")
        reason = write_refusal(path) if path is not None else None
        if reason:
            return RegisterReadOnly(reason, doing)
        return RegisterError(f"The register{named} cannot be opened (its file or folder cannot be read): {doing}. "
                             "Check that you may read it.")
    return None


@explainer
def _explain(exc: BaseException, _file: str | None) -> str | None:
    """A database error that reached a front end (a read of a register another program holds
    locked, say), as the user is told it; `_file` is the file being imported or written, not the
    register, so the register is not named."""
    problem = register_problem(exc)
    return str(problem) if problem is not None else None


def write_problem(exc: BaseException, engine: Engine) -> PbpError:
    """A command's failure to write, as the user is told it (the unit of work raises this)."""
    path = sqlite_path(engine.url)
    problem = register_problem(exc, path, readonly=readonly_reason(engine))
    if problem is not None:
        return problem
    orig = getattr(exc, "orig", exc)
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return PbpError(f"The register could not be written: {first}")


def remove_register_file(path: Path) -> None:
    """Remove a register this app has just created and failed to fill, with its WAL files, so no
    half-made register is left behind."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def display_url(url: str | URL) -> str:
    """A database URL fit to print: any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str | URL, *, readonly: bool = False, reason: str | None = None) -> Engine:
    """An engine for the register at `url`. On SQLite every connection gets foreign keys on,
    WAL, synchronous=FULL and a busy timeout; a read-only engine opens the file with
    mode=ro so that nothing, not even a journal, is written to it. `reason` says why a register
    that cannot be written was opened read-only: a command refused is told it."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(u, pool_pre_ping=True)
    path = sqlite_path(u)
    if readonly and path is not None:
        uri = read_uri(path)

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, detect_types=0, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)

        # a file pool, not the single shared connection SQLAlchemy gives "sqlite://"; its URL
        # names the file, so that what it reports names the register
        engine = create_engine(sqlite_url(path), creator=connect, poolclass=NullPool)
        if reason:
            _READONLY_REASON[engine] = reason
    else:
        engine = create_engine(u, connect_args={"check_same_thread": False})

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
