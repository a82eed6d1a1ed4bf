"""Services: long commands report their progress and stop when cancelled, leaving nothing half
written - a pack neither written nor recorded, an import rolled back (both backends)."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.progress import Cancelled, Progress


def _cancelling_at(stop_at: int, heard: list):
    state = {"stop": False}

    def report(done: int, total: int, note: str) -> None:
        heard.append((done, note))
        if done >= stop_at:
            state["stop"] = True
    return Progress(report, lambda: state["stop"])


def test_a_pack_reports_page_by_page_and_returns_its_changes(demo):
    heard: list = []
    printed = demo.packs.print_pack(None, "private", progress=Progress(lambda d, t, n: heard.append((d, n))))
    reference, changes = printed.reference, printed
    values = [d for d, _n in heard]
    assert values == sorted(values) and values[-1] >= 970
    notes = [n for _d, n in heard]
    assert any(n.startswith("Laying out page") for n in notes) and any(n.startswith("Numbering") for n in notes)
    [row] = demo.queries.packs()
    assert row.reference == reference and ("pack", row.id) in changes.created


@pytest.mark.parametrize("stop_at", [100, 500, 970])  # reading, laying out, the moment before writing
def test_a_cancelled_pack_is_neither_written_nor_recorded(demo, stop_at):
    written: list = []
    with pytest.raises(Cancelled):
        demo.packs.print_pack(None, "private", write=written.append, progress=_cancelling_at(stop_at, []))
    assert written == [] and demo.queries.packs() == []


def test_a_cancelled_import_writes_nothing(register, setup, tmp_path):
    path = tmp_path / "actuals.csv"
    code = register.queries.indicator(setup["indicator"]).code
    path.write_text(f"indicator_code,period,value\n{code},2019/20,8.7\n{code},2020/21,9.1\n", encoding="utf-8")
    plan = register.imports.plan(path)
    assert len(plan.writes) == 2
    before = register.queries.latest_change_id()
    with pytest.raises(Cancelled):  # cancelled before it began
        register.imports.apply(plan, progress=Progress(None, lambda: True))
    heard: list = []
    with pytest.raises(Cancelled):  # cancelled once under way: heard inside the transaction, rolled back
        register.imports.apply(plan, progress=_cancelling_at(0, heard))
    assert heard == [(0, "Writing 2 actual(s) from actuals.csv")]
    assert register.queries.latest_change_id() == before
    assert register.queries.indicator(setup["indicator"]).latest is None
    register.imports.apply(plan)  # not cancelled: written
    assert register.queries.indicator(setup["indicator"]).latest.actual == 9.1
