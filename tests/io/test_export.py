"""Export: Excel with a sheet per register (dates as dates, numbers as numbers), CSV files, and
JSON that makes the same register again."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbp_desktop.cli.main import main
from pbp_desktop.services import Register
from pbp_desktop.storage.dump import load_file


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_xlsx_has_a_sheet_per_register_with_typed_cells(demo, tmp_path):
    from openpyxl import load_workbook
    path = demo.exports.to_xlsx(tmp_path / "register.xlsx")
    wb = load_workbook(path)
    assert {"Partners", "People", "Indicators", "Periods", "Risks", "Actions", "Meetings", "Change log"} <= set(wb.sheetnames)
    risks = wb["Risks"]
    header = [c.value for c in risks[1]]
    row = {h: c.value for h, c in zip(header, risks[2], strict=False)}
    assert isinstance(row["Current"], int) and isinstance(row["Review date"], dt.datetime)
    periods = wb["Periods"]
    values = [r[6].value for r in periods.iter_rows(min_row=2) if r[6].value is not None]
    assert values and all(isinstance(v, int | float) for v in values)


def test_csv_is_a_file_per_register(demo, tmp_path):
    files = demo.exports.to_csv(tmp_path / "csv")
    assert {f.name for f in files} >= {"partners.csv", "risks.csv", "actions.csv", "periods.csv"}
    assert (tmp_path / "csv" / "risks.csv").read_text(encoding="utf-8-sig").startswith("Reference,Title")


def test_cli_export_and_new_from_json_round_trip(demo_path, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("export", str(demo_path), "--format", "json", "--out", str(first))[0] == 0
    assert run("new", str(tmp_path / "copy.sqlite"), "--from", str(first))[0] == 0
    assert run("export", str(tmp_path / "copy.sqlite"), "--format", "json", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    code, _, err = run("new", str(tmp_path / "bad.sqlite"), "--from", str(demo_path))
    assert code == 2 and "is not a JSON register export" in err and not (tmp_path / "bad.sqlite").exists()


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(TEXT, min_size=1, max_size=4, unique_by=str.casefold),
       values=st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=4),
       notes=st.one_of(st.none(), TEXT))
def test_json_export_new_from_export_gives_the_same_json(register, tmp_path_factory, names, values, notes):
    folder = tmp_path_factory.mktemp("json")
    for name in names:
        if name.casefold() not in {p.name.casefold() for p in register.queries.partners(include_archived=True)}:
            register.partners.create({"name": name, "sector": "voluntary_community", "notes": notes})
    if not register.queries.outcome_tree(with_periods=True):
        o = register.outcomes.create_outcome({"reference": "PO1", "title": "Outcome"}).created_id("outcome")
        j = register.outcomes.create_objective({"outcome_id": o, "reference": "PO1.1", "title": "Objective"}).created_id("objective")
        register.indicators.create({"objective_id": j, "code": "X", "name": "X", "unit": "count",
                                    "polarity": "lower", "frequency": "annual_fy"})
    ind = register.queries.outcome_tree(with_periods=True)[0].objectives[0].indicators[0]
    for k, v in enumerate(values):
        period = f"{2000 + k}/{(k + 1) % 100:02d}"
        existing = next((p for p in register.queries.indicator(ind.id).periods if p.period == period), None)
        if existing is None or existing.actual is None:
            register.indicators.record_actual({"indicator_id": ind.id, "period": period, "value": v, "note": notes})
    text = register.exports.json_text()
    path = folder / "r.json"
    path.write_text(text, encoding="utf-8")
    copy = Register.open(f"sqlite:///{folder / 'copy.sqlite'}", create=True)
    try:
        load_file(copy.opened.engine, path)
        assert copy.exports.json_text() == text
    finally:
        copy.close()


def test_a_csv_export_that_fails_part_way_leaves_no_file(demo, tmp_path, monkeypatch):
    import errno

    from pbp_desktop.services import exporting
    real, calls = exporting.write_private, []

    def third_fails(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)
    monkeypatch.setattr(exporting, "write_private", third_fails)
    folder = tmp_path / "csv"
    folder.mkdir()
    with pytest.raises(OSError):
        demo.exports.to_csv(folder)
    assert len(calls) == 3 and list(folder.iterdir()) == []
