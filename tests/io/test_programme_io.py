"""Programmes in and out: the XLSX, CSV and JSON exports carry programmes, projects, milestones and
their forecast history (no text going out as a live formula), the JSON export reads back into the
same register, and milestones import from a spreadsheet plan first and all or nothing, a moved
forecast kept with its reason."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from pbp_desktop.cli.main import main
from pbp_desktop.domain.enums import MilestoneStatus, Rag
from pbp_desktop.domain.errors import ConflictError, PbpError, ValidationFailed
from pbp_desktop.domain.importing import RowAction
from pbp_desktop.services import Register
from pbp_desktop.services.importing import UNSAVED_FORMULA
from pbp_desktop.storage.dump import load_file

TODAY = dt.date(2026, 11, 23)
FORMULA = '=HYPERLINK("http://x","click")'
HEADER = "programme_reference,milestone_title,baseline_date,forecast_date,actual_date,status,reason\r\n"


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def fill(reg) -> dict[str, int]:
    """A programme with a project, links, goals, a benefit, a highlight report and milestones (one
    slipped beyond its contingency, one moved twice); a second, confidential programme."""
    ids = {}
    ids["partner"] = reg.partners.create({"name": "Sandwell and West Birmingham Hospitals NHS Trust",
                                          "sector": "nhs_trust"}).created_id("partner")
    ids["person"] = reg.people.create_person({"name": "Deb Breedon"}).created_id("person")
    ids["outcome"] = reg.outcomes.create_outcome({"reference": "PO1", "title": "Care closer to home"}).created_id("outcome")
    ids["risk"] = reg.risks.create({"reference": "R7", "title": "Estates", "category": "deliverability",
                                    "inherent_consequence": 4, "inherent_likelihood": 3, "current_consequence": 4,
                                    "current_likelihood": 3, "target_consequence": 2,
                                    "target_likelihood": 2}).created_id("risk")
    ids["programme"] = reg.programmes.create_programme(
        {"reference": "SP5", "title": "Care closer to home", "aim": "Care nearer people's homes",
         "lead_director_id": ids["person"], "gateway_stage": 3, "status": "active", "confidence": "amber",
         "confidence_reason": "Estates risk", "contingency_months": 3, "investment": 1250000,
         "key_partners": "SWBH, SMBC"},
        links={"partner": [ids["partner"]], "outcome": [ids["outcome"]], "risk": [ids["risk"]]}).created_id("programme")
    ids["project"] = reg.programmes.create_programme(
        {"reference": "SP5.1", "title": "Knowle health and social care centre", "parent_id": ids["programme"]}
    ).created_id("programme")
    reg.programmes.set_goals(ids["programme"], {"Quality": "Fewer delayed discharges"})
    reg.programmes.add_benefit({"programme_id": ids["programme"], "description": "60-80 community beds"})
    reg.programmes.save_update(ids["programme"], dt.date(2026, 11, 1),
                               {"progress": "Alliance agreement approved", "decisions": "Note the slippage",
                                "confidence": "amber", "confidence_reason": "Handover late"})
    ids["opens"] = reg.programmes.create_milestone(
        {"programme_id": ids["project"], "title": "Knowle centre opens", "baseline_date": "01/07/2026",
         "check_point": True, "reported_to": "Integration Committee"}).created_id("milestone")
    reg.programmes.update_milestone(ids["opens"], {"forecast_date": "01/09/2026"}, 1, reason="Contractor late")
    reg.programmes.update_milestone(ids["opens"], {"forecast_date": "01/12/2026"}, 2, reason="Handover late again")
    ids["teams"] = reg.programmes.create_milestone(
        {"programme_id": ids["programme"], "title": "Neighbourhood teams in the six towns",
         "baseline_date": "30/09/2027"}).created_id("milestone")
    ids["secret"] = reg.programmes.create_programme({"reference": "SP9", "title": "Procurement",
                                                     "confidential": True}).created_id("programme")
    reg.programmes.create_milestone({"programme_id": ids["secret"], "title": "Contract let", "baseline_date": "31/01/2027"})
    return ids


@pytest.fixture
def filled(register_path):
    reg = Register.open(f"sqlite:///{register_path}", user="tester", clock=lambda: TODAY)
    ids = fill(reg)
    yield reg, ids, register_path
    reg.close()


def _sheet(wb, name: str) -> list[dict[str, object]]:
    ws = wb[name]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def _csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ exports

def test_the_xlsx_export_carries_programmes_and_milestones(filled, tmp_path):
    from openpyxl import load_workbook
    reg, ids, _ = filled
    wb = load_workbook(reg.exports.to_xlsx(tmp_path / "register.xlsx"))
    assert {"Programmes", "Milestones", "Forecast history", "Highlight reports", "Goals", "Benefits"} <= set(wb.sheetnames)
    programmes = {r["Reference"]: r for r in _sheet(wb, "Programmes")}
    assert list(programmes) == ["SP5", "SP5.1", "SP9"]  # each programme followed by its projects
    sp5 = programmes["SP5"]
    assert (sp5["Lead director"], sp5["Gateway stage"], sp5["Status"], sp5["Delivery confidence"]) == \
        ("Deb Breedon", "3 Pilot", "Active", "Amber")
    assert (sp5["Lead partners"], sp5["Outcomes"], sp5["Risks"]) == \
        ("Sandwell and West Birmingham Hospitals NHS Trust", "PO1", "R7")
    assert sp5["Investment (£)"] == 1250000 and sp5["Contingency (months)"] == 3
    assert programmes["SP5.1"]["Part of programme"] == "SP5" and programmes["SP5.1"]["Contingency judged by (months)"] == 3
    assert programmes["SP9"]["Confidential"] is True
    milestones = {r["Milestone"]: r for r in _sheet(wb, "Milestones")}
    opens = milestones["Knowle centre opens"]
    assert opens["Programme"] == "SP5.1" and isinstance(opens["Baseline"], dt.datetime)
    assert opens["Forecast"] == dt.datetime(2026, 12, 1) and opens["RAG"] == Rag.RED.label
    assert opens["Slippage (days)"] == 153 and "beyond the contingency" in opens["Slippage"]
    assert opens["Check point"] is True and opens["Reported to"] == "Integration Committee"
    assert milestones["Neighbourhood teams in the six towns"]["RAG"] == Rag.GREEN.label
    history = [(r["Milestone"], r["Forecast"], r["Reason"]) for r in _sheet(wb, "Forecast history")
               if r["Milestone"] == "Knowle centre opens"]
    assert history == [("Knowle centre opens", dt.datetime(2026, 7, 1), "First forecast"),
                       ("Knowle centre opens", dt.datetime(2026, 9, 1), "Contractor late"),
                       ("Knowle centre opens", dt.datetime(2026, 12, 1), "Handover late again")]
    [report] = _sheet(wb, "Highlight reports")
    assert (report["Programme"], report["Month"], report["Progress this period"]) == \
        ("SP5", dt.datetime(2026, 11, 1), "Alliance agreement approved")
    assert [(r["Programme"], r["Goal"]) for r in _sheet(wb, "Goals")] == [("SP5", "Quality")]
    assert [r["Benefit expected"] for r in _sheet(wb, "Benefits")] == ["60-80 community beds"]


def test_the_csv_export_carries_programmes_and_milestones(filled, tmp_path):
    reg, _, _ = filled
    folder = tmp_path / "csv"
    names = {p.name for p in reg.exports.to_csv(folder)}
    assert {"programmes.csv", "milestones.csv", "forecast-history.csv", "highlight-reports.csv", "goals.csv",
            "benefits.csv"} <= names
    opens = next(r for r in _csv_rows(folder, "milestones.csv") if r["Milestone"] == "Knowle centre opens")
    assert (opens["Baseline"], opens["Forecast"], opens["RAG"], opens["Check point"]) == \
        ("01/07/2026", "01/12/2026", "Red", "yes")
    reasons = [r["Reason"] for r in _csv_rows(folder, "forecast-history.csv")]
    assert "Handover late again" in reasons


def test_no_programme_text_goes_out_as_a_live_formula(filled, tmp_path):
    from openpyxl import load_workbook
    reg, ids, _ = filled
    p = reg.queries.programme(ids["programme"])
    reg.programmes.update_programme(ids["programme"], {"title": FORMULA, "aim": "+1+1", "key_partners": "@SUM(1)"},
                                    p.version)
    m = next(x for x in reg.queries.programme(ids["programme"]).milestones)
    reg.programmes.update_milestone(m.id, {"title": "=1+1", "forecast_date": "01/10/2027", "note": "-2+3"}, m.version,
                                    reason="=cmd|' /C calc'!A0")
    reg.programmes.save_update(ids["programme"], dt.date(2026, 11, 1), {"decisions": "=SUM(A1:A9)"})
    path = reg.exports.to_xlsx(tmp_path / "register.xlsx")
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<f[ >]", z.read(n)) for n in sheets)
    wb = load_workbook(path)
    cells = [c for name in ("Programmes", "Milestones", "Forecast history", "Highlight reports")
             for row in wb[name].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {FORMULA, "+1+1", "@SUM(1)", "=1+1", "-2+3", "=cmd|' /C calc'!A0", "=SUM(A1:A9)"} <= texts  # kept exactly
    folder = tmp_path / "csv"
    reg.exports.to_csv(folder)
    raw = (folder / "programmes.csv").read_text(encoding="utf-8-sig") + \
        (folder / "milestones.csv").read_text(encoding="utf-8-sig") + \
        (folder / "forecast-history.csv").read_text(encoding="utf-8-sig") + \
        (folder / "highlight-reports.csv").read_text(encoding="utf-8-sig")
    for planted in (FORMULA, "+1+1", "@SUM(1)", "=1+1", "-2+3", "=cmd|' /C calc'!A0", "=SUM(A1:A9)"):
        quoted = '"\'' + planted.replace('"', '""') + '"'
        assert quoted in raw, planted
        for record in csv.reader(io.StringIO(raw)):
            assert planted not in record  # never a bare cell a spreadsheet would run


def test_the_json_export_reads_back_losslessly_forecast_history_and_all(filled, tmp_path):
    reg, ids, _ = filled
    text = reg.exports.json_text()
    path = tmp_path / "register.json"
    path.write_text(text, encoding="utf-8")
    copy = Register.open(f"sqlite:///{tmp_path / 'copy.sqlite'}", create=True, clock=lambda: TODAY)
    try:
        load_file(copy.opened.engine, path)
        assert copy.exports.json_text() == text
        assert copy.queries.programmes(include_archived=True) == reg.queries.programmes(include_archived=True)
        opens = copy.queries.programme(ids["project"]).milestones[0]
        assert [f.reason for f in opens.forecasts] == ["First forecast", "Contractor late", "Handover late again"]
        assert copy.privacy.records().private("milestone_forecast", opens.forecasts[0].id) is False
        assert copy.queries.programme(ids["secret"]).confidential
    finally:
        copy.close()


# ------------------------------------------------------------------ the milestone import

def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_the_plan_comes_first_and_writes_nothing(filled, tmp_path):
    reg, ids, _ = filled
    before = (reg.exports.json_text(), len(reg.queries.change_log()))
    f = _write(tmp_path / "m.csv", HEADER + "SP5.1,Knowle centre opens,,01/02/2027,,in progress,Fit-out late\r\n"
               "SP5,Neighbourhood teams in the six towns,,,,,\r\n"
               "sp5,Health and wellbeing hub in each town,31/12/2026,,,,\r\n")
    plan = reg.imports.plan_milestones(f)
    assert [(r.row, r.action) for r in plan.rows] == [(2, RowAction.CHANGED), (3, RowAction.UNCHANGED), (4, RowAction.NEW)]
    assert plan.rows[0].describe() == ("changed: forecast 01/12/2026 → 01/02/2027, status planned → in progress; "
                                       "reason: Fit-out late")
    assert plan.rows[2].describe() == "new milestone: baseline 31/12/2026" and plan.rows[2].programme == "SP5"
    assert plan.summary() == "3 rows: 1 new, 1 changed, 1 unchanged"
    assert (reg.exports.json_text(), len(reg.queries.change_log())) == before


def test_a_moved_forecast_is_kept_with_its_reason_and_the_import_undoes_as_one(filled, tmp_path):
    reg, ids, _ = filled
    f = _write(tmp_path / "m.csv", HEADER + "SP5.1,Knowle centre opens,,01/02/2027,,,Fit-out late\r\n"
               "SP5,Health and wellbeing hub in each town,31/12/2026,,,,\r\n")
    changes = reg.imports.apply_milestones(reg.imports.plan_milestones(f))
    opens = reg.queries.programme(ids["project"]).milestones[0]
    assert opens.forecast_date == dt.date(2027, 2, 1) and opens.status is MilestoneStatus.PLANNED
    assert [(x.recorded_on, x.forecast_date, x.reason) for x in opens.forecasts][-1] == \
        (TODAY, dt.date(2027, 2, 1), "Fit-out late")
    titles = [m.title for m in reg.queries.programme(ids["programme"]).milestones]
    assert "Health and wellbeing hub in each town" in titles
    assert {c.command for c in reg.queries.change_log() if c.batch == changes.batch} == {"import_milestones:m.csv"}
    reg.history.undo(changes.batch)
    opens = reg.queries.programme(ids["project"]).milestones[0]
    assert opens.forecast_date == dt.date(2026, 12, 1) and len(opens.forecasts) == 3
    assert "Health and wellbeing hub in each town" not in [m.title for m in reg.queries.programme(ids["programme"]).milestones]


def test_a_bad_row_imports_nothing_and_is_named_by_row_and_column(filled, tmp_path):
    reg, ids, path = filled
    before = reg.exports.json_text()
    f = _write(tmp_path / "m.csv", HEADER + "SP5.1,Knowle centre opens,,01/02/2027,,,Fit-out late\r\n"
               "SP5,New hub,12/31/2026,,,,\r\n"
               "SP7,Unknown,01/01/2027,,,,\r\n"
               "SP5,Teams,01/01/2027,,,finished,\r\n"
               "SP5,Neighbourhood teams in the six towns,,,01/10/2027,in progress,\r\n"
               "SP5,Another,,,,,\r\n"
               "SP5.1,knowle  centre opens,,,,,\r\n")
    plan = reg.imports.plan_milestones(f)
    errors = {(r.row, r.column): r.reason for r in plan.errors}
    assert set(errors) == {(3, "baseline_date"), (4, "programme_reference"), (5, "status"), (6, "actual_date"),
                           (7, "baseline_date"), (8, "milestone_title")}
    assert "read day first (UK order)" in errors[(3, "baseline_date")]
    assert "no programme or project with the reference 'SP7'" in errors[(4, "programme_reference")]
    assert "only set when the milestone is complete" in errors[(6, "actual_date")]
    assert "a new milestone needs its baseline date" in errors[(7, "baseline_date")]
    assert "also in row 2" in errors[(8, "milestone_title")]
    with pytest.raises(ValidationFailed, match="Row 3, baseline_date"):
        reg.imports.apply_milestones(plan)
    assert reg.exports.json_text() == before
    reg.close()
    code, out, err = run("import-milestones", str(path), str(f), "--today", "2026-11-23")
    assert code == 2 and "nothing was imported: 6 row(s) have problems" in err
    assert "row 3, baseline_date" in out and "row 2" in out
    reopened = Register.open(f"sqlite:///{path}", clock=lambda: TODAY)
    try:
        assert reopened.exports.json_text() == before
    finally:
        reopened.close()


def test_the_cli_plans_writes_and_dry_runs(filled, tmp_path):
    reg, ids, path = filled
    reg.close()
    f = _write(tmp_path / "m.csv", HEADER + "SP5.1,Knowle centre opens,,01/02/2027,,,Fit-out late\r\n")
    code, out, _ = run("import-milestones", str(path), str(f), "--dry-run", "--today", "2026-11-23")
    assert code == 0 and "1 row: 1 changed" in out and "Dry run: nothing was written." in out
    code, out, _ = run("import-milestones", str(path), str(f), "--today", "2026-11-23")
    assert code == 0 and "Imported 1 milestone(s) as one change" in out
    code, out, _ = run("import-milestones", str(path), str(f), "--today", "2026-11-23")
    assert code == 0 and "Nothing to import" in out
    code, _, err = run("import-milestones", str(path), str(_write(tmp_path / "x.csv", "a,b\r\n1,2\r\n")),
                       "--today", "2026-11-23")
    assert code == 2 and "is not a milestone file" in err


def test_a_change_made_since_the_plan_refuses_the_import(filled, tmp_path):
    reg, ids, _ = filled
    f = _write(tmp_path / "m.csv", HEADER + "SP5.1,Knowle centre opens,,01/02/2027,,,Fit-out late\r\n")
    plan = reg.imports.plan_milestones(f)
    m = reg.queries.programme(ids["project"]).milestones[0]
    reg.programmes.update_milestone(m.id, {"note": "Someone else"}, m.version)
    with pytest.raises(ConflictError):
        reg.imports.apply_milestones(plan)
    assert reg.queries.programme(ids["project"]).milestones[0].forecast_date == dt.date(2026, 12, 1)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_text_files_in_the_encodings_spreadsheets_write(filled, tmp_path, encoding):
    reg, ids, _ = filled
    f = _write(tmp_path / "m.csv", HEADER.replace(",", ";") +
               "SP5.1;Knowle centre opens;;1 Feb 2027;;;Café fit-out late (£40k)\r\n", encoding)
    changes = reg.imports.apply_milestones(reg.imports.plan_milestones(f))
    assert changes.batch
    assert reg.queries.programme(ids["project"]).milestones[0].forecasts[-1].reason == "Café fit-out late (£40k)"


def test_a_workbook_with_date_cells_text_dates_and_a_formula_without_its_result(filled, tmp_path):
    from openpyxl import Workbook
    reg, ids, _ = filled
    wb = Workbook()
    ws = wb.active
    ws.append(["Programme reference", "Milestone title", "Baseline date", "Forecast date", "Actual date", "Status",
               "Reason"])
    ws.append(["SP5.1", "Knowle centre opens", None, dt.datetime(2027, 2, 1), None, "In progress", "Fit-out late"])
    ws.append(["SP5", "Hub in West Bromwich", "31-12-2026", "15.01.2027", None, None, None])
    ws.append(["SP5", "Hub in Oldbury", "=DATE(2026,12,31)", None, None, None, None])  # no saved result
    ws.append(["SP5", "Hub in Tipton", 46387, None, None, None, None])  # a date cell that lost its format
    path = tmp_path / "m.xlsx"
    wb.save(path)
    plan = reg.imports.plan_milestones(path)
    assert [r.action for r in plan.rows[:2]] == [RowAction.CHANGED, RowAction.NEW]
    assert dict(plan.rows[1].values)["forecast_date"] == dt.date(2027, 1, 15)
    assert (plan.rows[2].row, plan.rows[2].column, plan.rows[2].reason) == (4, "baseline_date", UNSAVED_FORMULA)
    assert plan.rows[3].column == "baseline_date" and "is a number, not a date" in plan.rows[3].reason
    with pytest.raises(ValidationFailed):
        reg.imports.apply_milestones(plan)


def test_an_exported_milestones_sheet_imports_back_unchanged(filled, tmp_path):
    reg, _, _ = filled
    plan = reg.imports.plan_milestones(reg.exports.to_xlsx(tmp_path / "register.xlsx"))
    assert plan.rows and {r.action for r in plan.rows} == {RowAction.UNCHANGED}
    assert plan.nothing_to_import() is not None


def test_a_file_without_the_columns_is_refused_whole(filled, tmp_path):
    reg, _, _ = filled
    with pytest.raises(PbpError, match="no column programme_reference"):
        reg.imports.plan_milestones(_write(tmp_path / "m.csv", "title,baseline\r\nX,01/01/2027\r\n"))
