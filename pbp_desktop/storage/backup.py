"""Storage layer: copies of a SQLite register made with SQLite's online backup API, which gives
a consistent copy even while the register is open elsewhere."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..domain.errors import RegisterError


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy the register at `source` to the new file `target` (readable only by its owner).
    Refuses to write over an existing file."""
    if target.resolve() == source.resolve():
        raise RegisterError("A backup cannot be written over the register itself; choose another file.")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise RegisterError(f"'{target}' already exists; a backup never replaces a file. Choose another name.") from None
    except OSError as exc:
        raise RegisterError(f"The backup cannot be written to '{target}': {exc.strerror}.") from None
    os.close(fd)
    src = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        dst.close()
        target.unlink(missing_ok=True)
        raise RegisterError(f"The backup failed: {exc}.") from None
    finally:
        src.close()
    dst.close()
    return target
