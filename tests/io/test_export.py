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
    if not register.queries.programmes():  # a programme, a project, a milestone and its forecast history
        pid = register.programmes.create_programme({"reference": "SP5", "title": "Care closer to home",
                                                    "contingency_months": 3, "key_partners": notes}).created_id("programme")
        project = register.programmes.create_programme({"reference": "SP5.1", "title": names[0],
                                                        "parent_id": pid}).created_id("programme")
        mid = register.programmes.create_milestone({"programme_id": project, "title": names[0],
                                                    "baseline_date": "01/07/2022"}).created_id("milestone")
        register.programmes.update_milestone(mid, {"forecast_date": "01/09/2022"}, 1, reason=notes)
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


def _sheet(wb, name: str) -> list[dict[str, object]]:
    ws = wb[name]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def _csv_rows(folder, name: str) -> list[dict[str, str]]:
    import csv
    with (folder / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_declarations_rebases_and_notes_go_out_in_xlsx_and_csv(demo, tmp_path):
    """Declarations of interest, indicators' rebases, and partners' and indicators' notes were
    missing from the XLSX and CSV exports (issue 17)."""
    from openpyxl import load_workbook
    partner = demo.queries.partners()[0]
    demo.partners.update(partner.id, {"notes": "Hosts the alliance office"}, partner.version)
    ind = demo.queries.outcome_tree(with_periods=True)[0].objectives[0].indicators[0]
    demo.indicators.update(ind.id, {"notes": "Reported a quarter in arrears"}, ind.version)
    declarations = [d for m in demo.queries.meetings() for d in demo.queries.meeting(m.id).declarations]
    rebases = [r for o in demo.queries.outcome_tree(include_archived=True, with_periods=True)
               for j in o.objectives for i in j.indicators for r in i.rebases]
    assert declarations and rebases, "the demo register has both"
    wb = load_workbook(demo.exports.to_xlsx(tmp_path / "register.xlsx"))
    folder = tmp_path / "csv"
    demo.exports.to_csv(folder)
    for rows in (_sheet(wb, "Declarations"), _csv_rows(folder, "declarations.csv")):
        assert sorted(r["Interest declared"] for r in rows) == sorted(d.interest for d in declarations)
    for rows in (_sheet(wb, "Rebases"), _csv_rows(folder, "rebases.csv")):
        assert sorted((r["From period"], r["Reason"]) for r in rows) == sorted((r.period, r.reason) for r in rebases)
    for rows in (_sheet(wb, "Partners"), _csv_rows(folder, "partners.csv")):
        assert "Hosts the alliance office" in [r["Notes"] for r in rows]
    for rows in (_sheet(wb, "Indicators"), _csv_rows(folder, "indicators.csv")):
        assert "Reported a quarter in arrears" in [r["Notes"] for r in rows]


def _fill_empty_tables(engine) -> None:
    """One record in each table the demo leaves empty, every column given a value of its type (a
    link: the first record it may point at; a period: one an actual of that indicator has)."""
    import sqlalchemy as sa

    import pbp_desktop.storage.models  # noqa: F401 - every model in the metadata
    from pbp_desktop.storage.base import Base
    from pbp_desktop.storage.models.programmes import LINK_TARGETS
    samples = ((sa.Enum, None), (sa.String, "x"), (sa.Boolean, True), (sa.Integer, 1), (sa.Float, 1.5),
               (sa.DateTime, dt.datetime(2026, 11, 23, 12)), (sa.Date, dt.date(2026, 11, 23)), (sa.LargeBinary, b"%PDF"))
    with engine.begin() as conn:
        a = Base.metadata.tables["actual"]
        actual = conn.execute(sa.select(a.c.indicator_id, a.c.period, a.c.period_start, a.c.period_end)
                              .order_by(a.c.id).limit(1)).mappings().one()
        for table in Base.metadata.sorted_tables:
            if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
                continue
            values: dict[str, object] = {}
            for c in table.columns:
                if c.primary_key:
                    continue
                if c.name in actual and "period" in table.columns:
                    values[c.name] = actual[c.name]
                elif c.foreign_keys:
                    (fk,) = c.foreign_keys
                    values[c.name] = conn.execute(sa.select(sa.func.min(fk.column))).scalar()
                elif isinstance(c.type, sa.Enum):
                    values[c.name] = c.type.enums[0]
                else:
                    values[c.name] = next(v for t, v in samples if isinstance(c.type, t))
            if table.name == "programme_link":  # a CHECK allows one target a link: a record for each
                for target in LINK_TARGETS:
                    conn.execute(sa.insert(table).values({k: v for k, v in values.items()
                                                          if k not in LINK_TARGETS or k == target}))
                continue
            conn.execute(sa.insert(table).values(values))


def test_each_sheet_column_holds_the_stored_columns_it_says_it_carries(demo):
    """The completeness test (tests/test_registers.py) takes each sheet's word for the columns it
    carries; here, on the demo register with a record in every table, a sheet column that says
    it carries a stored column is not empty where that column holds a value."""
    import sqlalchemy as sa

    from pbp_desktop.services.registers import EXPORTS
    from pbp_desktop.storage.base import Base
    _fill_empty_tables(demo.opened.engine)
    sheets = {s.name: s for s in demo.exports.sheets()}
    empty = []
    with demo.opened.engine.connect() as conn:
        for e in EXPORTS:
            for spec in e.sheets:
                rows = sheets[spec.name].rows
                for i, c in enumerate(spec.columns):
                    for key in c.carries:
                        table, column = key.split(".")
                        t = Base.metadata.tables[table]
                        if conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c[column].is_not(None))).scalar() \
                                and all(r[i] is None or r[i] == "" for r in rows):
                            empty.append(f"{spec.name}, {c.header} ({key})")
    assert empty == []
