"""Migration 0008 moves each command's batch id, time, user and words from every change-log row
to one change_batch row: down to 0007 and up again, the log reads the same, row for row."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pbp_desktop.storage.migrate import migrate as _migrate


def test_the_change_log_reads_the_same_down_to_0007_and_up_again(demo, backend):
    # a command that changes several records and one that is undone: rows of many batches
    risk = demo.queries.risks()[0]
    demo.risks.update(risk.id, {"title": risk.title + " (reviewed)"}, risk.version)
    undone = demo.risks.update(risk.id, {"title": "Another title"}, risk.version + 1)
    demo.history.undo(undone.batch)
    before = demo.queries.change_log()
    assert len({r.batch for r in before}) > 3
    engine = demo.opened.engine

    _migrate(engine, "downgrade", "0007")
    with engine.connect() as conn:
        old = conn.execute(text('SELECT id, batch, at, "user", command FROM change_log')).all()
        assert "change_batch" not in {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'" if backend == "sqlite" else
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
    by_id = {r.id: r for r in before}
    assert {(i, b, u, c) for i, b, _at, u, c in old} == {(r.id, r.batch, r.user, r.command) for r in by_id.values()}

    _migrate(engine, "upgrade", "head")
    after = demo.queries.change_log()
    assert after == before
    with engine.connect() as conn:  # one change_batch row per command
        assert conn.execute(text("SELECT COUNT(*) FROM change_batch")).scalar() == len({r.batch for r in before})
    # the kind of change is still checked by the database (its CHECK now spelled out)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO change_log (batch_id, entity, entity_id, change) "
                          "SELECT MIN(id), 'risk', 1, 'renamed' FROM change_batch"))
    # and the app carries on writing and undoing on the upgraded register
    again = demo.risks.update(risk.id, {"title": "Third title"}, demo.queries.risks()[0].version)
    demo.history.undo(again.batch)
    assert demo.queries.risks()[0].title == risk.title + " (reviewed)"
