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


def test_an_import_is_refused_whole_when_a_value_it_showed_has_changed_since(demo, tmp_path):
    """The preview says which figures an import replaces; if one of them is changed or deleted
    before it is applied, nothing is written."""
    import pytest

    from pbp_desktop.domain.errors import ConflictError

    satod = demo.queries.indicator(_indicators(demo)["SATOD"].id)
    recorded = [p for p in satod.periods if p.actual is not None]
    path = tmp_path / "figures.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["indicator_code", "period", "value"])
        w.writerows([["SATOD", "2026/27", "5.1"], ["SATOD", recorded[-1].period, f"{recorded[-1].actual + 1:g}"]])
    plan = demo.imports.plan(path)
    count = len(demo.queries.change_log())

    edited = demo.indicators.update_actual(recorded[-1].actual_id, {"value": recorded[-1].actual + 2},
                                           recorded[-1].actual_version)
    with pytest.raises(ConflictError):
        demo.imports.apply(plan)
    demo.history.undo(edited.batch)
    # every actual of the indicator deleted since: nothing of it is left to compare with
    for p in recorded:
        demo.indicators.delete_actual(p.actual_id, demo.queries.indicator(satod.id).periods[
            [q.period for q in demo.queries.indicator(satod.id).periods].index(p.period)].actual_version)
    with pytest.raises(ConflictError):
        demo.imports.apply(plan)
    now = demo.queries.indicator(satod.id)
    assert [p for p in now.periods if p.actual is not None] == []  # the import wrote nothing
    assert len(demo.queries.change_log()) > count  # (only the edits, undo and deletions above)
    assert not any(r.command.startswith("import_actuals") for r in demo.queries.change_log())
