"""Storage layer: recognising a register, refusing what is not one (without touching it),
creating new registers and upgrading old ones after copying them aside."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from ..domain.errors import DamagedRegister, PbpError, RegisterError, RegisterReadOnly
from ..paths import alembic_ini
from .engine import (
    BUSY_TIMEOUT_MS,
    make_engine,
    read_uri,
    register_problem,
    sqlite_path,
    sqlite_url,
    write_refusal,
)

SQLITE_HEADER = b"SQLite format 3\x00"
REGISTER_TABLES = frozenset({"alembic_version", "change_log", "partnership", "indicator", "risk"})


@dataclass(frozen=True)
class OpenedRegister:
    url: str
    engine: Engine
    path: Path | None
    revision: str
    upgraded_from: str | None = None
    pre_upgrade_copy: Path | None = None
    readonly_reason: str | None = None  # why a register that cannot be written was opened read-only


def alembic_config():
    from alembic.config import Config  # Alembic is loaded only when a migration is due
    return Config(str(alembic_ini()))


_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision\s*=\s*(?:["\']([^"\']+)["\']|None)', re.M)


@lru_cache(maxsize=1)
def _revisions() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration scripts' headers (without importing
    Alembic, which the app only needs when a register must be upgraded)."""
    out: dict[str, str | None] = {}
    for script in sorted((alembic_ini().parent / "migrations" / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev:
            out[rev.group(1)] = down.group(1) if down and down.group(1) else None
    return out


def head_revision() -> str:
    revisions = _revisions()
    heads = set(revisions) - {d for d in revisions.values() if d}
    assert len(heads) == 1, f"the migrations have {len(heads)} heads"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revisions())


def _upgrade(engine: Engine, target: str = "head") -> None:
    migrate(engine, "upgrade", target)


def migrate(engine: Engine, action: str, target: str) -> None:
    """Run the migrations up or down to `target` in one transaction. On SQLite, a migration that
    rebuilds a table other tables point at (batch mode: copy, drop, rename) runs with foreign keys
    off, as SQLite asks, and the keys are checked before it commits: a migration that broke one is
    rolled back, and the register is left as it was."""
    from alembic import command
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, where it takes effect
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                getattr(command, action)(cfg, target)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RegisterError(f"The upgrade of the register was stopped and nothing was changed: it "
                                            f"would have left {len(broken)} record(s) pointing at nothing "
                                            f"(first in the table {broken[0][0]}).")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _label(path: Path) -> str:
    return f"'{path}'"


def read_revision(path: Path, *, quick_check: bool = True) -> str:
    """The schema revision of the register at `path`, read without writing a byte; raise
    RegisterError saying why the file is not a usable register. quick_check=False leaves SQLite's
    own check of the file to the caller (see _quick_check)."""
    if not path.exists():
        raise RegisterError(f"There is no register at {_label(path)}.")
    if path.is_dir():
        raise RegisterError(f"{_label(path)} is a folder, not a register file.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise RegisterError(f"{_label(path)} cannot be read: {exc.strerror}.") from None
    if not header:
        raise RegisterError(f"{_label(path)} is empty: it is not a PBP Desktop register.")
    if header != SQLITE_HEADER:
        raise RegisterError(f"{_label(path)} is not a PBP Desktop register (it is not an SQLite database).")
    with _read_only(path) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not REGISTER_TABLES <= tables:
            raise RegisterError(
                f"{_label(path)} is an SQLite database, but not a PBP Desktop register.")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None:
            raise RegisterError(f"{_label(path)} has no schema version: it is not a usable register.")
        if quick_check:
            _quick_check_on(con, path)
        return str(row[0])


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the file (which writes nothing, not even a journal). Only what
    SQLite finds corrupt is reported as damaged: a register another program holds locked, or one
    that cannot be read where it is, is said to be so (restoring a backup over a sound register
    would replace good data with older data)."""
    try:
        con = sqlite3.connect(read_uri(path), uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise _unreadable(exc, path) from None
    try:
        yield con
    except sqlite3.DatabaseError as exc:
        raise _unreadable(exc, path) from None
    finally:
        con.close()


def _unreadable(exc: sqlite3.Error, path: Path) -> PbpError:
    problem = register_problem(exc, path, doing="it was not opened")
    if problem is not None and not isinstance(problem, DamagedRegister):
        return problem  # locked by another program, read-only, a full or failing disk
    if problem is not None or not isinstance(exc, sqlite3.OperationalError):  # SQLite's verdict: corrupt
        return RegisterError(
            f"{_label(path)} is damaged or truncated ({exc}); it was not opened. Restore it from a backup.")
    return RegisterError(f"{_label(path)} cannot be opened: {exc}.")


def _quick_check_on(con: sqlite3.Connection, path: Path) -> None:
    result = con.execute("PRAGMA quick_check").fetchall()
    if [r[0] for r in result] != ["ok"]:
        first = result[0][0] if result else "unknown problem"
        raise RegisterError(f"{_label(path)} is damaged ({first}); it was not opened. Restore it from a backup.")


def _quick_check(path: Path) -> None:
    """SQLite's own check of the whole file, on its own read-only connection."""
    with _read_only(path) as con:
        _quick_check_on(con, path)


def _check_revision(where: str, revision: str) -> None:
    if revision not in known_revisions():
        raise RegisterError(
            f"{where} was made by a newer version of PBP Desktop (schema {revision}); this version "
            f"knows schemas up to {head_revision()}. Install the newer version to open it.")


def _copy_aside(path: Path, revision: str) -> Path:
    """Back the register up (into its backups folder) before a migration touches it."""
    from .backup import DEFAULT_KEEP, take_backup
    return take_backup(path, f"before-upgrade-from-{revision}", keep=DEFAULT_KEEP + 1)


def _damaged(path: Path, message: str) -> RegisterError:
    from ..domain.errors import DamagedRegister
    from .backup import list_backups
    backups = tuple(list_backups(path))
    hint = (f" The newest backup is from {backups[0].taken_at:%d/%m/%Y %H:%M} UTC: restore it with "
            f"'pbp-cli restore \"{path}\" \"{backups[0].path}\"' or from the app." if backups else
            " There is no backup of it beside it.")
    return DamagedRegister(message.rstrip(".") + "." + hint, path, backups)


def _app_problems(path: Path) -> list[str]:
    """The app's own checks: links to missing records, scores out of range, values the app does
    not know, a schema it does not know (SQLite's check of the file runs beside them)."""
    from .integrity import check_register
    engine = make_engine(sqlite_url(path), readonly=True)
    try:
        return check_register(engine, quick_check=False)
    finally:
        engine.dispose()


def _refuse_if_damaged(path: Path, problems: list[str] | None = None) -> None:
    """Refuse the register, before anything is written, when the app's checks found problems."""
    if problems is None:
        problems = _app_problems(path)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise _damaged(path, f"{_label(path)} is damaged: {problems[0]}{more}; it was not opened and nothing "
                             "was written to it")


def create_register_file(path: Path) -> None:
    """Make an empty file readable only by its owner; SQLite keeps those permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def open_register(url: str | URL, *, create: bool = False, readonly: bool = False) -> OpenedRegister:
    """Open the register at `url`, creating it (create=True) or upgrading it as needed.

    A file that is not a register, is damaged, or comes from a newer app is refused with a
    RegisterError and left exactly as it was. An older register is copied aside first."""
    u = make_url(url)
    path = sqlite_path(u)
    url_s = u.render_as_string(hide_password=False)
    if path is not None:
        # a register that cannot be written (a read-only disk, folder or file) is opened for
        # reading: it is not damaged, and a command that would change it says why it cannot
        refusal = None if readonly or not path.exists() else write_refusal(path)
        asked_readonly = readonly
        readonly = readonly or refusal is not None
        if not path.exists():
            if not create:
                raise RegisterError(f"There is no register at {_label(path)}.")
            if readonly:
                raise RegisterError("A new register cannot be opened read-only.")
            create_register_file(path)
            engine = make_engine(u)
            _upgrade(engine)
            return OpenedRegister(url_s, engine, path, head_revision())
        try:
            revision = read_revision(path, quick_check=False)
            current = not asked_readonly and revision == head_revision()
            _quick_check(path)  # a damaged file is reported as such, before any rule
            if current:
                problems = _app_problems(path)
        except RegisterError as exc:
            if "damaged" in str(exc):
                raise _damaged(path, str(exc)) from None
            raise
        _check_revision(_label(path), revision)
        if current:
            _refuse_if_damaged(path, problems)
        if refusal is not None and revision != head_revision():
            raise RegisterReadOnly(refusal, f"it was made by an older version of PBP Desktop (schema {revision}) "
                                            "and must be upgraded before use, which writes to it; it was not opened")
        if revision == head_revision() or readonly:
            return OpenedRegister(url_s, make_engine(u, readonly=readonly, reason=refusal), path, revision,
                                  readonly_reason=refusal)
        copy = _copy_aside(path, revision)
        engine = make_engine(u)
        _upgrade(engine)
        return OpenedRegister(url_s, engine, path, head_revision(), revision, copy)
    return _open_server(u, url_s, create=create, readonly=readonly)


def _open_server(u: URL, url_s: str, *, create: bool, readonly: bool) -> OpenedRegister:
    where = f"The database {u.render_as_string(hide_password=True)}"
    engine = make_engine(u)
    try:
        tables = set(inspect(engine).get_table_names())
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise RegisterError(f"{where} cannot be reached: {reason}") from None
    if not tables:
        if not create or readonly:
            engine.dispose()
            raise RegisterError(f"{where} is empty: it holds no register yet.")
        _upgrade(engine)
        return OpenedRegister(url_s, engine, None, head_revision())
    if not REGISTER_TABLES <= tables:
        engine.dispose()
        raise RegisterError(f"{where} holds other tables, but not a PBP Desktop register.")
    with engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        raise RegisterError(f"{where} has no schema version: it is not a usable register.")
    _check_revision(where, revision)
    if revision != head_revision() and not readonly:
        _upgrade(engine)
        return OpenedRegister(url_s, engine, None, head_revision(), revision)
    return OpenedRegister(url_s, engine, None, revision)
