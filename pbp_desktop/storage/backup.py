"""Storage layer: backups of a SQLite register with SQLite's online backup API (a consistent
copy even while the register is open elsewhere), kept in a folder beside the register and
pruned to the newest N; and restoring one, after backing up the current file."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..domain.errors import RegisterError, os_error_message
from .engine import read_uri, register_problem, write_refusal

DEFAULT_KEEP = 30
_STAMP = re.compile(r"-(\d{8}T\d{6}(?:\d{6})?Z)(?:-([a-z0-9-]+))?\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    size: int


def backup_dir(register: Path) -> Path:
    return register.with_name(f"{register.stem}-backups")


def _new_file(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise RegisterError(f"'{target}' already exists; a backup never replaces a file. Choose another name.") from None
    except OSError as exc:  # a read-only folder or disk, a full disk: said as such
        raise RegisterError(f"The backup was not written: {os_error_message(exc, str(target))}") from None


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy the register at `source` to the new file `target` (readable only by its owner)."""
    if target.resolve() == source.resolve():
        raise RegisterError("A backup cannot be written over the register itself; choose another file.")
    _new_file(target)
    try:
        src = sqlite3.connect(read_uri(source), uri=True)
    except sqlite3.Error as exc:
        target.unlink(missing_ok=True)
        raise _failed(exc, source, "The register cannot be read for a backup") from None
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except BaseException as exc:  # a full disk, a lock, an interruption: no half-written backup is left
        target.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            raise _failed(exc, source, "The backup failed") from None
        raise
    finally:
        src.close()
    return target


def _failed(exc: sqlite3.Error, source: Path, what: str) -> RegisterError:
    """A backup's failure said for what it is: the register locked by another program, a full
    disk; never "damaged" unless SQLite says so."""
    problem = register_problem(exc, source, doing="no backup was written")
    return problem if isinstance(problem, RegisterError) else RegisterError(f"{what}: {exc}.")


def take_backup(register: Path, reason: str = "manual", keep: int = DEFAULT_KEEP) -> Path:
    """A new backup in the register's backups folder; then only the newest `keep` are kept."""
    now = datetime.now(UTC)
    target = backup_dir(register) / f"{register.stem}-{now:%Y%m%dT%H%M%S%f}Z-{reason}.sqlite"
    backup_sqlite(register, target)
    prune(register, keep)
    return target


def list_backups(register: Path) -> list[BackupInfo]:
    """The register's backups, newest first."""
    folder = backup_dir(register)
    found = []
    if folder.is_dir():
        for p in folder.glob(f"{register.stem}-*.sqlite"):
            m = _STAMP.search(p.name)
            if not m:
                continue
            stamp = m.group(1)
            fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
            taken = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
            found.append(BackupInfo(p, taken, m.group(2) or "manual", p.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(register: Path, keep: int) -> list[Path]:
    removed = []
    for b in list_backups(register)[max(keep, 1):]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def daily_backup_due(register: Path, now: datetime | None = None) -> bool:
    """A register that cannot be written (a read-only disk or folder) cannot change, and has no
    folder to keep backups in: no backup is due."""
    if write_refusal(register) is not None:
        return False
    newest = next(iter(list_backups(register)), None)
    return newest is None or (now or datetime.now(UTC)) - newest.taken_at >= timedelta(days=1)


def restore_sqlite(register: Path, backup: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Put `backup` in place of `register`. The current file is backed up first (or, if it
    cannot be read as a database, copied aside byte for byte); returns that copy. The caller
    has checked that `backup` is a sound register and that nothing has the register open."""
    saved: Path | None = None
    if register.exists():
        try:
            saved = take_backup(register, "before-restore", keep=keep + 1)
        except RegisterError:
            saved = backup_dir(register) / f"{register.stem}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}Z-damaged.sqlite"
            _new_file(saved)
            shutil.copyfile(register, saved)
    for side in (Path(f"{register}-wal"), Path(f"{register}-shm")):
        side.unlink(missing_ok=True)
    tmp = register.with_name(f".{register.name}.restoring")
    tmp.unlink(missing_ok=True)
    backup_sqlite(backup, tmp)
    os.replace(tmp, register)
    return saved
