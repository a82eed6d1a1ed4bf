"""Records inserted in bulk (an import) are logged as created exactly as the ORM path logs a
record: on SQLite the database writes each change-log row itself, and its text must be the
text Python's to_text would have written, awkward floats and strings included."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pbp_desktop.domain.enums import ChangeKind
from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.storage.bulk import SKIP, to_text
from pbp_desktop.storage.models import Actual, ChangeBatch, ChangeLog
from pbp_desktop.storage.queries.changes import created_values
from pbp_desktop.storage.uow import unit_of_work

VALUES = [0.1 + 0.2, 1 / 3, 1e20, 1e15, 123456789.12345679, 1e-7, 2.0, 0.0, 16.35, 6.8, 5e-324,
          1.7976931348623157e308, 100.0, 0.30000000000000004, 99.99999999999999]
TEXTS = [None, "", "plain", "Café – naïve “quotes”", 'a "quoted" \\ backslash', "two\nlines\ttab",
         "control \x01 and \x1f and \x7f", "line\u2028separator", "emoji 🏥", "x" * 300]


def test_bulk_created_records_are_logged_as_the_orm_logs_them(demo, backend):
    with demo.opened.engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    rows = [dict(indicator_id=indicator_id, period=f"{1900 + k}/{(1 + k) % 100:02d}", period_start=date(1900 + k, 4, 1),
                 period_end=date(1901 + k, 3, 31), value=v, provisional=k % 2 == 0, note=TEXTS[k % len(TEXTS)],
                 source=TEXTS[(k + 3) % len(TEXTS)], illustrative=k % 3 == 0, version=1)
            for k, v in enumerate(VALUES + VALUES[:len(TEXTS)])]
    with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
        ids = w.insert_logged(Actual.__table__, {k: [r[k] for r in rows] for k in rows[0]})
    assert len(ids) == len(rows) and len(set(ids)) == len(ids)

    t = Actual.__table__
    with demo.opened.engine.connect() as conn:
        stored = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(ids)))}
        log, cmd = ChangeLog.__table__, ChangeBatch.__table__
        logged = {r.entity_id: r for r in conn.execute(
            select(log, cmd.c.user, cmd.c.command).join(cmd, cmd.c.id == log.c.batch_id).where(cmd.c.batch == w.batch))}
    assert set(logged) == set(ids)
    for i in ids:
        row = logged[i]
        assert (row.entity, row.change, row.field, row.old_value, row.user, row.command) == \
            ("actual", ChangeKind.CREATE, None, None, "tester", "bulk")
        expected = {c.name: to_text(getattr(stored[i], c.name)) for c in t.columns
                    if c.name not in SKIP and getattr(stored[i], c.name) is not None}
        assert created_values(row.change, row.field, row.new_value) == expected, (backend, i)
        assert {k: v for k, v in json.loads(row.new_value).items() if v is not None} == expected
    # what the user typed is what was stored, and what the log says
    assert [stored[i].value for i in ids[:len(VALUES)]] == VALUES
    assert [json.loads(logged[i].new_value)["value"] for i in ids[:len(VALUES)]] == [repr(v) for v in VALUES]
    # and the change log lists each field of each record, as for a record made by hand
    listed = {(r.entity_id, r.field): r.new_value for r in demo.queries.change_log(batch=w.batch) if r.field}
    assert listed == {(i, k): v for i in ids for k, v in created_values(ChangeKind.CREATE, None,
                                                                         logged[i].new_value).items()}
    assert (ids[0], "note") not in listed and listed[(ids[1], "note")] == ""


def test_a_bulk_insert_that_fails_leaves_no_log(demo):
    with demo.opened.engine.connect() as conn:
        before = conn.scalar(select(ChangeLog.__table__.c.id).order_by(ChangeLog.__table__.c.id.desc()).limit(1))
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    row = dict(indicator_id=indicator_id, period="1900/01", period_start=date(1900, 4, 1), period_end=date(1901, 3, 31),
               value=1.0, provisional=False, note=None, source=None, illustrative=False, version=1)
    with pytest.raises(ValidationFailed):
        with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
            w.insert_logged(Actual.__table__, {k: [v, v] for k, v in row.items()})  # the same indicator and period twice
    with demo.opened.engine.connect() as conn:
        after = conn.scalar(select(ChangeLog.__table__.c.id).order_by(ChangeLog.__table__.c.id.desc()).limit(1))
        assert after == before
        assert conn.scalar(select(Actual.__table__.c.id).where(Actual.__table__.c.period == "1900/01")) is None


def test_a_column_no_bulk_record_fills_is_left_out_of_the_log(demo):
    """An import's notes are often blank in every row: the log leaves the field out, as the
    ORM path does for a record without a note, rather than writing it null 72,000 times."""
    with demo.opened.engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    rows = [dict(indicator_id=indicator_id, period=f"{1900 + k}/{(1 + k) % 100:02d}", period_start=date(1900 + k, 4, 1),
                 period_end=date(1901 + k, 3, 31), value=1.5 + k, provisional=False, note=None, source="",
                 illustrative=False, version=1) for k in range(3)]  # an empty source is a text, and kept
    with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
        ids = w.insert_logged(Actual.__table__, {k: [r[k] for r in rows] for k in rows[0]})
    log = ChangeLog.__table__
    with demo.opened.engine.connect() as conn:
        documents = conn.execute(select(log.c.entity_id, log.c.new_value).where(
            log.c.entity == "actual", log.c.entity_id.in_(ids))).all()
    assert len(documents) == 3
    for record_id, document in documents:
        k = ids.index(record_id)
        assert json.loads(document) == {"indicator_id": str(indicator_id), "period": rows[k]["period"],
                                         "period_start": rows[k]["period_start"].isoformat(),
                                         "period_end": rows[k]["period_end"].isoformat(), "value": repr(1.5 + k),
                                         "provisional": "false", "source": "", "illustrative": "false"}


def test_many_awkward_floats_are_rewritten_in_their_own_log_rows(demo):
    """Computed rates (a spreadsheet's 1/3) are awkward floats by the thousand: each is rewritten
    in its own record's log row, even when an earlier record with the same id (deleted since:
    SQLite gives the next record the highest id plus one) has log rows of its own."""
    from sqlalchemy import delete

    with demo.opened.engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))

    def rows(count: int, divisor: int) -> dict[str, list]:
        return {"indicator_id": [indicator_id] * count, "period": [f"bulk {k}" for k in range(count)],
                "period_start": [date(2000, 4, 1)] * count, "period_end": [date(2001, 3, 31)] * count,
                "value": [k / divisor for k in range(count)], "provisional": [False] * count, "note": [None] * count,
                "source": ["bulk.csv"] * count, "illustrative": [False] * count, "version": [1] * count}

    t, log = Actual.__table__, ChangeLog.__table__
    with unit_of_work(demo.opened.engine, "tester", "first") as w:
        before = w.insert_logged(t, rows(400, 7))
    with unit_of_work(demo.opened.engine, "tester", "remove") as w:
        w.session.execute(delete(t).where(t.c.id.in_(before)))
    with unit_of_work(demo.opened.engine, "tester", "second") as w:
        ids = w.insert_logged(t, rows(400, 3))
    if demo.opened.engine.dialect.name == "sqlite":
        assert ids == before  # the same ids again (PostgreSQL's sequence never gives one twice)
    with demo.opened.engine.connect() as conn:
        logged = conn.execute(select(log.c.entity_id, log.c.new_value, ChangeBatch.__table__.c.command)
                              .join(ChangeBatch.__table__).where(log.c.entity == "actual",
                                                                 log.c.entity_id.in_([*before, *ids]),
                                                                 log.c.change == ChangeKind.CREATE)).all()
    values = {(command, entity_id): json.loads(document)["value"] for entity_id, document, command in logged}
    assert len(values) == 800
    for k, (old, new) in enumerate(zip(before, ids, strict=True)):
        assert values[("first", old)] == repr(k / 7) and values[("second", new)] == repr(k / 3)


_EXAMPLES = iter(range(10**6))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.floats(min_value=0, allow_infinity=False) | st.floats(min_value=1e13, max_value=1e17)
                       | st.floats(min_value=1e-6, max_value=1e-3) | st.integers(0, 10**6).map(lambda n: n / 100)
                       | st.sampled_from([1e15, 999999999999999.9, 1e-4, 9.99999999999999e-5, 0.0, 1e16]),
                       min_size=1, max_size=60))
def test_any_float_is_logged_as_python_writes_it(demo, values):
    """Whatever the float, the bulk log's text is Python's repr of what was stored: SQLite's own
    text where it agrees, rewritten where it does not."""
    with demo.opened.engine.connect() as conn:
        indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
    example = next(_EXAMPLES)
    count = len(values)
    with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
        ids = w.insert_logged(Actual.__table__, {
            "indicator_id": [indicator_id] * count, "period": [f"x{example} {k}" for k in range(count)],
            "period_start": [date(2000, 4, 1)] * count, "period_end": [date(2001, 3, 31)] * count, "value": values,
            "provisional": [False] * count, "note": [None] * count, "source": [None] * count,
            "illustrative": [False] * count, "version": [1] * count})
    log = ChangeLog.__table__
    with demo.opened.engine.connect() as conn:
        logged = dict(conn.execute(select(log.c.entity_id, log.c.new_value).join(ChangeBatch.__table__)
                                   .where(ChangeBatch.__table__.c.batch == w.batch)).all())
    assert [json.loads(logged[i])["value"] for i in ids] == [repr(v) for v in values]


def test_the_bulk_log_statements_are_compiled_once_for_every_register_opened(demo_path, tmp_path):
    """A register just opened has a cold engine: the bulk log's statements are kept across
    engines (by table, columns and driver), not built and compiled again at each opening."""
    import shutil

    from pbp_desktop.services import Register
    from pbp_desktop.storage import bulk

    def insert_one(path):
        with Register.open(f"sqlite:///{path}", user="tester") as reg:
            with reg.opened.engine.connect() as conn:
                indicator_id = conn.scalar(select(Actual.__table__.c.indicator_id).limit(1))
            with unit_of_work(reg.opened.engine, "tester", "bulk") as w:
                w.insert_logged(Actual.__table__, {
                    "indicator_id": [indicator_id], "period": ["cached"], "period_start": [date(2000, 4, 1)],
                    "period_end": [date(2001, 3, 31)], "value": [2.5], "provisional": [False], "note": [None],
                    "source": ["a.csv"], "illustrative": [False], "version": [1]})

    other = shutil.copy(demo_path, tmp_path / "other.sqlite")
    insert_one(demo_path)
    kept = dict(bulk._LOG_SQL)
    insert_one(other)
    assert bulk._LOG_SQL == kept
