"""Import files as people have them: UTF-16 (Excel's 'Unicode text'), tab- or semicolon-separated,
an encoding the app cannot read named in one sentence; a workbook cell formatted as a percentage
read as the figure it shows; notes held to the actual's field rule (control characters)."""

from __future__ import annotations

import io

import pytest

from pbp_desktop.cli.main import main
from pbp_desktop.domain.errors import PbpError
from pbp_desktop.domain.importing import Format, RowAction

HEADER = ["indicator_code", "period", "value", "provisional", "note"]
ROWS = [["SATOD", "2025/26", "6.1", "", "checked"], ["EOL-3ADM", "2025/26", "1,015", "", ""]]


def table(sep: str, rows=ROWS) -> str:
    import csv
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows([HEADER, *rows])
    return buffer.getvalue()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding, sep", [("utf-16", "\t"), ("utf-16", ","), ("utf-16-be", ";"), ("utf-8", "\t"),
                                           ("utf-8", ";"), ("cp1252", ";"), ("utf-32", ",")])
def test_utf16_and_tab_or_semicolon_separated_files_are_read(demo, tmp_path, encoding, sep):
    path = tmp_path / "actuals.csv"
    data = table(sep).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    plan = demo.imports.plan(path)
    assert plan.format is Format.TEMPLATE and not plan.errors, [r.describe() for r in plan.errors]
    assert [(r.indicator_code, r.value) for r in plan.writes] == [("SATOD", 6.1), ("EOL-3ADM", 1015.0)]
    assert plan.writes[0].note == "checked"


def test_a_file_in_an_encoding_the_app_cannot_read_is_named_in_one_sentence(demo, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(table(",").encode("ascii") + b"SATOD,2024/25,6.0,,caf\x81\r\n")  # 0x81: in neither
    with pytest.raises(PbpError, match="in an encoding the app cannot read") as info:
        demo.imports.plan(path)
    assert "\n" not in str(info.value)


def test_utf16_without_its_byte_order_mark_is_named(demo, tmp_path):
    path = tmp_path / "nobom.csv"
    path.write_bytes(table(",").encode("utf-16-le"))
    with pytest.raises(PbpError, match="mostly NUL bytes: it may be UTF-16 without its byte-order mark"):
        demo.imports.plan(path)


@pytest.mark.app_clock  # the CLI is a composition root: planning reads its (pinned) today
def test_cli_names_an_unreadable_file_without_an_unexpected_error(demo_path, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"indicator_code,period,value\r\nSATOD,2025/26,\x81\x8d\r\n")
    code, _, err = run("import", str(demo_path), str(path))
    assert code == 2 and "encoding the app cannot read" in err and "unexpected" not in err
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    code, _, err = run("import", str(demo_path), str(folder))
    assert code == 2 and "is a folder" in err


def _workbook(tmp_path, rows):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for code, period, value, fmt in rows:
        ws.append([code, period, value, "", ""])
        if fmt:
            ws.cell(row=ws.max_row, column=3).number_format = fmt
    path = tmp_path / "actuals.xlsx"
    wb.save(path)
    return path


def test_a_cell_formatted_as_a_percentage_is_read_as_the_figure_it_shows(demo, tmp_path):
    path = _workbook(tmp_path, [("SATOD", "2025/26", 0.125, "0.0%"), ("GLD", "2025/26", 0.5, "0%"),
                                ("LBW", "2025", 12.5, "0.0")])
    plan = demo.imports.plan(path)
    assert not plan.errors
    rows = {r.indicator_code: r for r in plan.writes}
    assert rows["SATOD"].value == 12.5 and rows["GLD"].value == 50.0 and rows["LBW"].value == 12.5
    assert "the cell shows 12.5% (stored by Excel as 0.125): recorded as 12.5" in rows["SATOD"].describe()
    assert rows["LBW"].reason == ""  # a plain number is read as it is


def test_a_percentage_cell_for_an_indicator_that_is_not_a_percentage_is_refused(demo, tmp_path):
    path = _workbook(tmp_path, [("EOL-3ADM", "2025/26", 0.25, "0%")])
    plan = demo.imports.plan(path)
    assert [(r.row, r.column) for r in plan.errors] == [(2, "value")]
    assert "shows 25%, a percentage, but EOL-3ADM is measured in 'count'" in plan.errors[0].reason


@pytest.mark.app_clock  # the CLI is a composition root: planning reads its (pinned) today
def test_cli_plan_says_what_it_did_with_a_percentage_cell(demo_path, tmp_path):
    path = _workbook(tmp_path, [("SATOD", "2025/26", 0.125, "0.00%")])
    code, out, _ = run("import", str(demo_path), str(path), "--dry-run")
    assert code == 0 and "new actual 12.5 (the cell shows 12.5%" in out


@pytest.mark.parametrize("note, ok", [("line one\nline two\ttabbed", True), ("bell\x07", False),
                                      ("nul\x00", False), ("esc\x1b[2J", False), ("c1\x85c1", False)])
def test_a_note_keeps_line_breaks_and_refuses_control_characters(demo, tmp_path, note, ok):
    import csv
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, ["SATOD", "2025/26", "6.1", "", note]])
    path = tmp_path / "notes.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    plan = demo.imports.plan(path)
    if ok:
        assert not plan.errors and plan.writes[0].note == note
    else:
        assert [(r.row, r.column, r.action) for r in plan.rows] == [(2, "note", RowAction.ERROR)]
        assert "the note has a control character" in plan.rows[0].reason
        assert "\x00" not in plan.rows[0].reason and "\x07" not in plan.rows[0].reason


def test_a_fingertips_indicator_id_is_read_by_the_one_parser(demo, tmp_path):
    """'inf' as an indicator ID ended in an unexpected error (int(float('inf'))); '1_000' was read."""
    path = tmp_path / "fingertips.csv"
    path.write_text("Indicator ID,Area Code,Time period,Value\r\ninf,E08000028,2024/25,1\r\n"
                    "1_000,E08000028,2024/25,1\r\n93356.5,E08000028,2024/25,1\r\n", encoding="utf-8")
    plan = demo.imports.plan(path)
    assert [(r.row, r.column, r.action) for r in plan.rows] == [(n, "Indicator ID", RowAction.ERROR) for n in (2, 3, 4)]
    assert "'inf' is not a Fingertips indicator ID" in plan.rows[0].reason


def test_an_unknown_code_is_quoted_with_its_control_characters_escaped(demo, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(table(",", [["\x1b[2J", "2025/26", "6.1", "", ""]]), encoding="utf-8")
    plan = demo.imports.plan(path)
    assert plan.errors[0].reason == "there is no indicator with the code '\\x1b[2J' in this register"


def test_a_truncated_workbook_says_what_to_do(demo, tmp_path):
    whole = _workbook(tmp_path, [("SATOD", "2025/26", 6.1, "")])
    path = tmp_path / "trunc.xlsx"
    path.write_bytes(whole.read_bytes()[:200])
    with pytest.raises(PbpError) as info:
        demo.imports.plan(path)
    said = str(info.value)
    assert said.startswith("'trunc.xlsx' cannot be read as an Excel workbook")
    assert "open it in Excel and save it again, or export it again" in said and "\n" not in said


@pytest.mark.app_clock  # the CLI is a composition root: planning reads its (pinned) today
def test_a_file_with_only_its_header_is_nothing_to_import(demo, demo_path, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text(table(",", rows=[]), encoding="utf-8")
    plan = demo.imports.plan(path)
    assert plan.nothing_to_import().startswith("header.csv has no rows below its header: there was nothing to import")
    before = demo.queries.change_log(limit=1)
    assert demo.imports.apply(plan).empty and demo.queries.change_log(limit=1) == before  # no batch to undo
    for argv in (("import", str(demo_path), str(path)), ("import", str(demo_path), str(path), "--dry-run")):
        code, out, err = run(*argv)
        assert code == 0 and "Nothing to import: header.csv has no rows below its header" in out, out + err
        assert "Imported" not in out and "undo" not in out.lower()


@pytest.mark.app_clock  # the CLI is a composition root: planning reads its (pinned) today
def test_cli_reads_yyyy_mm_as_a_month_for_a_monthly_indicator(demo_path, tmp_path):
    """pbp-cli import --dry-run with DTOC-SAN,2011-12: December 2011, not 'not a monthly period'."""
    path = tmp_path / "f.csv"
    path.write_text("indicator_code,period,value,provisional,note\nDTOC-SAN,2011-12,100,no,\n", encoding="utf-8")
    code, out, err = run("import", str(demo_path), str(path), "--dry-run")
    assert code == 0, out + err
    assert "Dec 2011" in out and "not a monthly period" not in out + err


def test_a_formula_with_no_saved_result_is_named_not_called_blank(demo, tmp_path):
    """openpyxl (like other programs) writes a formula without the result Excel would save: the
    cell reads as empty, and the row says why rather than 'the value is blank'."""
    path = _workbook(tmp_path, [("SATOD", "2025/26", "=3+3.1", ""), ("LBW", "2025", "", ""),
                                ("GLD", "2025/26", 50.5, "")])
    plan = demo.imports.plan(path)
    reasons = {r.row: r.reason for r in plan.errors}
    assert set(reasons) == {2, 3}
    assert reasons[2].startswith("the cell holds a formula with no saved result")
    assert "save it, or type the figure" in reasons[2]
    assert reasons[3].startswith("the value is blank")  # a truly empty cell is still said to be blank
