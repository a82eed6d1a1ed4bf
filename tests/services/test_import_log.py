"""An import writes its new actuals below the ORM: on SQLite and PostgreSQL alike each is still
logged as created (read back field by field), can be undone and redone, and the indicators it
touches are assessed again."""

from __future__ import annotations

import csv

from pbp_desktop.domain.enums import ChangeKind


def _indicators(reg) -> dict:
    return {i.code: i for o in reg.queries.outcome_tree() for j in o.objectives for i in j.indicators}


def test_an_import_is_logged_undone_and_redone(demo, tmp_path):
    before = _indicators(demo)
    satod = demo.queries.indicator(before["SATOD"].id)
    replaced = satod.latest
    path = tmp_path / "figures.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["indicator_code", "period", "value", "provisional", "note"])
        w.writerows([["SATOD", "2025/26", "5.5", "yes", "First cut"], ["SATOD", "2026/27", "5.1", "", ""],
                     ["SATOD", replaced.period, f"{replaced.actual + 1:g}", "", ""]])
    changes = demo.imports.apply(demo.imports.plan(path))
    now = demo.queries.indicator(satod.id)
    stored = {p.period: (p.actual, p.provisional, p.note) for p in now.periods if p.actual is not None}
    assert stored["2025/26"] == (5.5, True, "First cut") and stored["2026/27"][0] == 5.1
    assert stored[replaced.period][0] == replaced.actual + 1
    assert _indicators(demo)["SATOD"].latest.period == "2026/27"  # its stored assessment was dropped

    log = demo.queries.change_log(batch=changes.batch)
    created = {r.entity_id for r in log if r.change is ChangeKind.CREATE}
    assert created == {i for e, i in changes.created if e == "actual"} and len(created) == 2
    fields = {(r.entity_id, r.field): r.new_value for r in log if r.change is ChangeKind.CREATE and r.field}
    assert {fields[(i, "indicator_id")] for i in created} == {str(satod.id)}
    assert {fields[(i, "value")] for i in created} == {"5.5", "5.1"}
    assert any(r.change is ChangeKind.UPDATE and r.field == "value" and r.old_value == repr(replaced.actual)
               for r in log)

    undone = demo.history.undo(changes.batch)
    back = demo.queries.indicator(satod.id)
    assert [(p.period, p.actual) for p in back.periods if p.actual is not None] == \
        [(p.period, p.actual) for p in satod.periods if p.actual is not None]
    latest, was = _indicators(demo)["SATOD"].latest, before["SATOD"].latest
    assert (latest.period, latest.actual, latest.rag) == (was.period, was.actual, was.rag)
    demo.history.redo(undone.batch)
    assert {p.period: p.actual for p in demo.queries.indicator(satod.id).periods if p.actual is not None} == \
        {k: v[0] for k, v in stored.items()}
