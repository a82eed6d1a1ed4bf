"""The assessments kept in the register: the same as a full assessment, gone in the same
transaction as any change to what they depend on, made again by a reader, never a reason for a
read-only register to be written."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from pbp_desktop.services import Register
from pbp_desktop.storage.assessments import ALGORITHM, algorithm_key, assessment_table
from tests.conftest import TODAY


def stored_ids(reg: Register) -> set[int]:
    with reg.opened.engine.connect() as conn:
        return set(conn.scalars(select(assessment_table.c.indicator_id)))


def summary_of(row) -> tuple:
    spc = row.spc
    return (row.rag, row.latest, row.trend, row.forecast,
            spc and (spc.variation_type, spc.variation_icon, spc.assurance_type, spc.assurance_icon,
                     spc.warnings, spc.n_points))


def indicators(tree) -> dict:
    return {i.id: i for o in tree for j in o.objectives for i in j.indicators}


def test_stored_assessments_are_the_full_assessment(demo):
    assert stored_ids(demo) == set()
    full = indicators(demo.queries.outcome_tree(with_periods=True))
    first = indicators(demo.queries.outcome_tree())  # assesses and stores
    assert stored_ids(demo) == set(full)
    second = indicators(demo.queries.outcome_tree())  # read back from the register
    assert any(i.spc is not None for i in full.values()) and any(i.latest is None for i in full.values())
    for iid, row in full.items():
        assert summary_of(first[iid]) == summary_of(row) == summary_of(second[iid]), row.label
        assert second[iid].periods == () and (second[iid].spc is None or second[iid].spc.points == ())


def test_any_change_to_an_indicator_s_data_drops_its_assessment_only(demo):
    tree = demo.queries.outcome_tree(with_periods=True)
    ind = next(i for i in indicators(tree).values() if i.frequency.value == "monthly" and i.latest)
    others = set(indicators(tree)) - {ind.id}

    def changed(change) -> None:
        demo.queries.outcome_tree()
        assert ind.id in stored_ids(demo)
        result = change()
        assert stored_ids(demo) == others  # dropped in the command's own transaction
        return result

    ch = changed(lambda: demo.indicators.record_actual({"indicator_id": ind.id, "period": "Jan 1990", "value": 1}))
    now = indicators(demo.queries.outcome_tree())[ind.id]
    assert now.latest.period == ind.latest.period  # an older period does not become the latest
    changed(lambda: demo.history.undo(ch.batch))
    row = demo.queries.indicator(ind.id)
    changed(lambda: demo.indicators.update(ind.id, {"tolerance_pct": 50}, row.version))
    changed(lambda: demo.indicators.set_planned(ind.id, ind.periods[0].period, 123))
    changed(lambda: demo.indicators.add_rebase(ind.id, ind.periods[2].period, "New service model"))
    latest = demo.queries.indicator(ind.id).latest
    changed(lambda: demo.indicators.update_actual(latest.actual_id, {"value": latest.actual + 1}, latest.actual_version))
    assert indicators(demo.queries.outcome_tree())[ind.id].latest.actual == latest.actual + 1
    latest = demo.queries.indicator(ind.id).latest
    changed(lambda: demo.indicators.delete_actual(latest.actual_id, latest.actual_version))
    assert indicators(demo.queries.outcome_tree())[ind.id].latest.period != latest.period


def test_rows_made_by_other_rules_are_made_again(demo):
    demo.queries.outcome_tree()
    with demo.opened.engine.begin() as conn:
        conn.execute(update(assessment_table).values(algorithm=ALGORITHM - 1, payload="not json"))
    full = indicators(demo.queries.outcome_tree(with_periods=True))
    other = Register.open(demo.opened.url)  # another app opening the register: nothing kept in memory
    try:
        again = indicators(other.queries.outcome_tree())
    finally:
        other.close()
    assert {i: summary_of(r) for i, r in again.items()} == {i: summary_of(r) for i, r in full.items()}
    with demo.opened.engine.connect() as conn:
        assert set(conn.scalars(select(assessment_table.c.algorithm))) == {algorithm_key(conn)} == {ALGORITHM * 10}


@pytest.mark.sqlite_only
def test_a_read_only_register_is_assessed_but_not_written(demo_path):
    from tests.migrations.test_migrations import digest
    before = digest(demo_path)
    reg = Register.open(f"sqlite:///{demo_path}", readonly=True)
    try:
        tree = indicators(reg.queries.outcome_tree())
        assert any(i.latest for i in tree.values())
    finally:
        reg.close()
    assert digest(demo_path) == before


def test_a_tree_kept_in_memory_follows_every_change(demo):
    """The tree and the summary kept between reads are read again where the change log says
    something changed, and equal a fresh read after each change."""
    def fresh():
        other = Register.open(demo.opened.url, clock=lambda: TODAY)
        try:
            return other.queries.outcome_tree(), other.queries.summary()
        finally:
            other.close()

    demo.queries.outcome_tree()
    demo.queries.summary()
    tree = demo.queries.outcome_tree(with_periods=True)
    ind = next(i for i in indicators(tree).values() if i.frequency.value == "monthly" and i.latest)
    steps = [
        lambda: demo.indicators.record_actual({"indicator_id": ind.id, "period": "Dec 2030", "value": 1}),
        lambda: demo.indicators.set_planned(ind.id, "Dec 2030", 5),
        lambda: demo.indicators.update(ind.id, {"name": "Renamed"}, demo.queries.indicator(ind.id).version),
        lambda: demo.actions.complete(next(a for a in demo.queries.actions() if a.overdue).id, None),
    ]
    shown = next(i for i in demo.queries.outcome_tree(with_periods=True)[0].objectives[0].indicators
                 if any(p.illustrative for p in i.periods))
    gone = next(p for p in shown.periods if p.illustrative)  # the dashboard counts illustrative figures
    steps.append(lambda: demo.indicators.delete_actual(gone.actual_id, gone.actual_version))
    before = demo.queries.summary().illustrative_values
    for step in steps:
        step()
        tree, summary = fresh()
        assert demo.queries.outcome_tree() == tree
        assert demo.queries.summary() == summary
    assert indicators(demo.queries.outcome_tree())[ind.id].latest.period == "Dec 2030"
    assert demo.queries.summary().illustrative_values == before - 1


def test_an_indicator_read_in_full_keeps_its_assessment_unless_the_register_moved_on(demo):
    from sqlalchemy.orm import Session

    from pbp_desktop.storage.assessments import stored
    from pbp_desktop.storage.queries import outcomes as oq
    tree = demo.queries.outcome_tree(with_periods=True)
    ind = next(i for i in indicators(tree).values() if i.frequency.value == "monthly" and i.latest)
    demo.indicators.record_actual({"indicator_id": ind.id, "period": "Nov 2030", "value": 5})
    assert ind.id not in stored_ids(demo)
    with Session(demo.opened.engine) as s:  # read in full ...
        as_of = oq.latest_change_id(s)
        row = oq.indicator(s, ind.id)
    demo.indicators.record_actual({"indicator_id": ind.id, "period": "Dec 2030", "value": 6})  # ... then moved on
    with Session(demo.opened.engine) as s:
        oq.keep_assessment(s, row, as_of)
    with demo.opened.engine.connect() as conn:
        kept = stored(conn, [ind.id])[ind.id]
    assert row.latest.period == "Nov 2030" and kept.latest.period == "Dec 2030"  # made again, not the old read
    shown = demo.queries.indicator(ind.id)  # nothing moved on: kept as read
    assert summary_of(indicators(demo.queries.outcome_tree())[ind.id]) == summary_of(shown)
    demo.indicators.record_actual({"indicator_id": ind.id, "period": "Jan 2031", "value": 7})
    shown = demo.queries.indicator(ind.id)
    assert ind.id in stored_ids(demo)
    fresh = Register.open(demo.opened.url)
    try:
        full = indicators(fresh.queries.outcome_tree(with_periods=True))[ind.id]
    finally:
        fresh.close()
    assert summary_of(indicators(demo.queries.outcome_tree())[ind.id]) == summary_of(full) == summary_of(shown)


def test_warming_a_register_assesses_what_its_first_screens_show(demo):
    assert stored_ids(demo) == set()
    demo.warm()  # the app does this on the thread that opened the register
    assert stored_ids(demo) == set(indicators(demo.queries.outcome_tree()))


def test_a_bulk_insert_drops_the_assessments_of_its_indicators_through_the_trigger(demo):
    """An import's bulk insert (storage.bulk) goes through the table's own trigger, as any insert
    does: the assessments of its indicators are gone in its transaction, and only theirs; a
    failed one leaves them as they were. The triggers themselves are never touched."""
    from datetime import date

    from pbp_desktop.domain.errors import ValidationFailed
    from pbp_desktop.storage.models import Actual
    from pbp_desktop.storage.uow import unit_of_work

    def triggers() -> set:
        with demo.opened.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                return set(conn.exec_driver_sql("SELECT tgname, tgfoid FROM pg_trigger WHERE NOT tgisinternal"))
            return set(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))

    before = triggers()
    assert {"trg_actual_ins_assessment", "trg_actual_assessment"} & {n for n, _ in before}
    tree = indicators(demo.queries.outcome_tree())
    all_ids = set(tree)
    first, second = sorted(i for i, row in tree.items() if row.frequency.value == "monthly")[:2]
    names = ("indicator_id", "period", "period_start", "period_end", "value", "provisional", "note", "source",
             "illustrative", "version")
    rows = [(iid, f"Jan {1900 + k}", date(1900 + k, 1, 1), date(1900 + k, 1, 31), 1.0, False, None, None, False, 1)
            for k, iid in enumerate((first, first, second))]
    with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
        w.insert_logged(Actual.__table__, {k: [r[i] for r in rows] for i, k in enumerate(names)})
    assert stored_ids(demo) == all_ids - {first, second}
    assert triggers() == before

    demo.queries.outcome_tree()
    with pytest.raises(ValidationFailed):  # the same indicator and period twice: nothing written
        with unit_of_work(demo.opened.engine, "tester", "bulk") as w:
            w.insert_logged(Actual.__table__, {k: [rows[0][i]] * 2 for i, k in enumerate(names)})
    assert stored_ids(demo) == all_ids and triggers() == before
    demo.indicators.record_actual({"indicator_id": second, "period": "Jan 1903", "value": 1})  # (a year from 1900: earlier is refused)
    assert stored_ids(demo) == all_ids - {second}


def test_a_change_of_rag_convention_leaves_every_stored_row_unread_and_made_again(demo):
    """The convention is part of a stored assessment's key: changing it (or undoing the change,
    by any tool) re-rates every indicator; rows made under the other convention are not read."""
    before = indicators(demo.queries.outcome_tree())
    with demo.opened.engine.connect() as conn:
        seed_key = algorithm_key(conn)
    demo.outcomes.set_rag_convention("on_the_figure")
    with demo.opened.engine.connect() as conn:
        assert algorithm_key(conn) == seed_key + 1
    after = indicators(demo.queries.outcome_tree())
    satod = next(i for i, r in after.items() if r.code == "SATOD")
    assert (before[satod].rag.value, after[satod].rag.value) == ("amber", "red")
    with demo.opened.engine.connect() as conn:
        assert set(conn.scalars(select(assessment_table.c.algorithm))) == {seed_key + 1}  # each indicator's row replaced
