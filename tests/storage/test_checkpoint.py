"""A bulk command's commit leaves the WAL checkpoint to a thread of its own (storage.checkpoint):
the commit does not copy pages into the database file, the connection goes back to the pool
checkpointing as usual, the background checkpoint does the copy, and closing the register
waits for it."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest
from sqlalchemy import select

from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.services import Register
from pbp_desktop.storage import checkpoint, uow
from pbp_desktop.storage.checkpoint import (
    AUTOCHECKPOINT_PAGES,
    checkpoint_in_background,
    wait_for_checkpoints,
)
from pbp_desktop.storage.models import Actual, Partner
from pbp_desktop.storage.uow import unit_of_work

ROWS = 20_000  # their pages take the WAL well past SQLite's 1,000-page auto-checkpoint


def _actuals(indicator_id: int, count: int) -> dict[str, list]:
    return {"indicator_id": [indicator_id] * count, "period": [f"bulk {k}" for k in range(count)],
            "period_start": [date(2000, 4, 1)] * count, "period_end": [date(2001, 3, 31)] * count,
            "value": [k / 7 for k in range(count)], "provisional": [False] * count, "note": [None] * count,
            "source": ["bulk.csv"] * count, "illustrative": [False] * count, "version": [1] * count}


@pytest.fixture
def opened(demo_path):
    reg = Register.open(f"sqlite:///{demo_path}", user="tester")
    yield reg
    reg.close()


def _autocheckpoint(reg: Register) -> int:
    # the pool's one connection, as the next command will get it
    assert reg.opened.engine.pool.checkedin() == 1
    with reg.opened.engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()


def test_a_bulk_commit_leaves_its_checkpoint_to_a_thread_of_its_own(opened, demo_path, monkeypatch):
    started = []
    monkeypatch.setattr(uow, "checkpoint_in_background", started.append)
    engine = opened.opened.engine
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # start from an empty WAL
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    size = demo_path.stat().st_size

    with unit_of_work(engine, "tester", "bulk") as w:
        w.insert_logged(Actual.__table__, _actuals(indicator_id, ROWS))
    # committed and durable in the WAL, not yet copied into the database file
    assert started == [engine]
    assert demo_path.stat().st_size == size
    with sqlite3.connect(demo_path) as other:
        assert other.execute("SELECT count(*) FROM actual WHERE source = 'bulk.csv'").fetchone() == (ROWS,)
    assert _autocheckpoint(opened) == AUTOCHECKPOINT_PAGES  # the connection checkpoints as usual again

    checkpoint_in_background(engine)
    wait_for_checkpoints(engine)
    assert demo_path.stat().st_size > size + ROWS * 50  # the pages are in the file now
    with sqlite3.connect(demo_path) as other:
        assert other.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_ordinary_command_checkpoints_at_its_commit_as_sqlite_does(opened, demo_path, monkeypatch):
    """Only a bulk command defers: after one whose checkpoint has not run, the next ordinary
    commit finds the WAL past 1,000 pages and checkpoints it itself."""
    monkeypatch.setattr(uow, "checkpoint_in_background", lambda engine: None)
    engine = opened.opened.engine
    with engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    with unit_of_work(engine, "tester", "bulk") as w:
        w.insert_logged(Actual.__table__, _actuals(indicator_id, ROWS))
    size = demo_path.stat().st_size
    with unit_of_work(engine, "tester", "rename") as w:
        partner = w.session.scalars(select(Partner).limit(1)).one()
        partner.name = partner.name + " (renamed)"
    assert demo_path.stat().st_size > size


def test_a_bulk_command_that_fails_starts_no_checkpoint_and_leaves_the_connection_as_it_was(opened, monkeypatch):
    started = []
    monkeypatch.setattr(uow, "checkpoint_in_background", started.append)
    engine = opened.opened.engine
    with engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    rows = _actuals(indicator_id, 2)
    rows["period"] = ["bulk 0", "bulk 0"]  # the same indicator and period twice
    with pytest.raises(ValidationFailed):
        with unit_of_work(engine, "tester", "bulk") as w:
            w.insert_logged(Actual.__table__, rows)
    assert started == []
    assert _autocheckpoint(opened) == AUTOCHECKPOINT_PAGES


def test_closing_the_register_waits_for_its_checkpoint(demo_path):
    reg = Register.open(f"sqlite:///{demo_path}", user="tester")
    engine = reg.opened.engine
    with engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    with unit_of_work(engine, "tester", "bulk") as w:
        w.insert_logged(Actual.__table__, _actuals(indicator_id, ROWS))
    reg.close()
    assert not [t for t in threading.enumerate() if t.name == "pbp-checkpoint"]
    with sqlite3.connect(demo_path) as other:
        assert other.execute("SELECT count(*) FROM actual WHERE source = 'bulk.csv'").fetchone() == (ROWS,)


def test_a_checkpoint_that_cannot_run_is_only_logged(tmp_path, caplog):
    """Housekeeping: a failure (here, no database at all) never reaches the user; the next
    ordinary commit checkpoints."""
    missing = checkpoint._Checkpoints(tmp_path / "gone" / "register.sqlite", 100)
    missing.start()
    missing.wait()
    assert "did not run" in caplog.text
