"""Storage layer: the WAL checkpoint after a bulk command, run beside the app instead of inside
the user's wait.

A register file is in WAL mode: a commit appends the changed pages to the -wal file and syncs
it, and is then durable. Copying those pages back into the database file (a checkpoint) is
housekeeping. SQLite does it itself, inside whichever commit takes the WAL past 1,000 pages
(wal_autocheckpoint), and for an import of tens of thousands of actuals that is the import's
own commit: about 0.13 s of the user's wait on the large benchmark register, for pages that are
already safe. SQLite's documentation describes the alternative used here: the connection that
commits a bulk command does not checkpoint (wal_autocheckpoint=0 for that commit only), and a
connection of its own, on a thread of its own, runs the checkpoint right after. Every other
command checkpoints as SQLite always does.

Nothing about durability changes: the WAL holds every committed page until a checkpoint has
copied it, and a crash before then leaves a WAL that the next opening reads (or checkpoints).
A PASSIVE checkpoint waits for no one and blocks no one: readers and the next command go on
while it runs. If it cannot finish (a reader still needs old pages), the next checkpoint of an
ordinary commit does the rest. Closing the register (Engine.dispose) waits for it."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.pool import Pool

log = logging.getLogger(__name__)

AUTOCHECKPOINT_PAGES = 1000  # SQLite's own default, restored after the bulk commit
_HELD = "pbp_checkpoint_held"


class _Checkpoints:
    """The background checkpoints of one register file."""

    def __init__(self, path: Path, busy_timeout_ms: int):
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        thread = threading.Thread(target=self.run, name="pbp-checkpoint", daemon=False)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def run(self) -> None:
        try:
            con = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000, isolation_level=None)
            try:
                con.execute("PRAGMA synchronous=FULL")  # the database file is synced after the copy
                busy, pages, copied = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                log.debug("checkpoint of %s: %s of %s pages copied (busy %s)", self.path, copied, pages, busy)
            finally:
                con.close()
        except sqlite3.Error as exc:  # housekeeping only: the next ordinary commit checkpoints
            log.warning("The background checkpoint of %s did not run: %s", self.path, exc)

    def wait(self) -> None:
        with self._lock:
            threads, self._threads = self._threads, []
        for thread in threads:
            thread.join()


# by the engine's pool: a command's connection comes from an engine with its own execution
# options (a proxy of the register's engine) that shares the register engine's pool
_BY_POOL: WeakKeyDictionary[Pool, _Checkpoints] = WeakKeyDictionary()


def attach(engine: Engine, path: Path, busy_timeout_ms: int) -> None:
    """Let bulk commands on this (writable SQLite file) engine checkpoint in the background; the
    engine's dispose waits for any still running."""
    checkpoints = _BY_POOL[engine.pool] = _Checkpoints(path, busy_timeout_ms)

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_conn: Any, record: Any) -> None:
        # the connection goes back to the pool checkpointing as usual, whatever happened
        if record.info.pop(_HELD, False) and dbapi_conn is not None:
            dbapi_conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")

    @event.listens_for(engine, "engine_disposed")
    def _on_dispose(engine: Engine) -> None:
        checkpoints.wait()
        _BY_POOL[engine.pool] = checkpoints  # dispose gave the engine a new pool


def hold_checkpoint(conn: Connection) -> bool:
    """The commit of this connection's transaction will not checkpoint the WAL itself; call
    checkpoint_in_background after it commits. False (nothing held) where there is nothing to
    hold: PostgreSQL, a read-only or an in-memory register."""
    if conn.engine.pool not in _BY_POOL:
        return False
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    conn.connection.info[_HELD] = True
    return True


def checkpoint_in_background(engine: Engine) -> None:
    checkpoints = _BY_POOL.get(engine.pool)
    if checkpoints is not None:
        checkpoints.start()


def wait_for_checkpoints(engine: Engine) -> None:
    checkpoints = _BY_POOL.get(engine.pool)
    if checkpoints is not None:
        checkpoints.wait()
