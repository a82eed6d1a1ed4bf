"""CLI: pbp-cli meetings, agenda, minutes, actions and interests - the meeting papers printed to
PDF or DOCX and recorded, the action log listed, printed or exported as CSV; mistakes and
ordinary conditions said in one line, and a paper whose file was not written not recorded."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest
from docx import Document
from pypdf import PdfReader

from tests.cli.test_cli_conditions import (
    TODAY,
    cli_with_read_only_folder,
    no_part_files,
    one_plain_line,
    run,
)

pytestmark = pytest.mark.app_clock


def recorded(register) -> list[tuple[str, str, str, str]]:
    con = sqlite3.connect(register)
    try:
        return [tuple(r) for r in con.execute("SELECT reference, paper, file_format, session FROM pack ORDER BY id")]
    finally:
        con.close()


def test_meetings_lists_id_date_session_minutes_and_body(demo_path):
    code, out, err = run("meetings", str(demo_path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Date", "Session", "Minutes", "Body"]
    assert "   1  29/07/2019  Public   Draft    Health and Adult Social Care Scrutiny Board" in lines
    bodies = {line.index(" Health") for line in lines[1:] if " Health" in line}
    assert len(bodies) == 1 and lines[0].index("Body") == bodies.pop() + 1  # the columns stay aligned
    assert any("09/08/2019  Private" in line and "Senior Management Team" in line for line in lines)


def test_agenda_and_minutes_print_to_pdf_and_docx_and_are_recorded(demo_path, tmp_path):
    code, out, err = run("agenda", str(demo_path), "--meeting", "3", "--out", str(tmp_path / "a.pdf"), *TODAY)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "AGENDA-20191007-PUB-1"
    assert "Printed the public agenda of Health and Adult Social Care Scrutiny Board, 07/10/2019" in out
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages)
    assert "(Open to Public and Press)" in text
    code, out, err = run("minutes", str(demo_path), "--meeting", "1", "--session", "private",
                         "--out", str(tmp_path / "m.docx"), *TODAY)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "MINUTES-20190729-PRIV-1"
    doc = Document(str(tmp_path / "m.docx"))
    assert doc.paragraphs[0].text == "Minutes of the Health and Adult Social Care Scrutiny Board"
    code, out, err = run("agenda", str(demo_path), "--out", str(tmp_path / "next.pdf"), *TODAY)  # next: 10/12/2026
    assert code == 0 and "Sandwell Place Based Partnership Board, 10/12/2026" in out, err
    code, out, err = run("minutes", str(demo_path), "--out", str(tmp_path / "latest.pdf"), *TODAY)
    assert code == 0 and "02/03/2022" in out, err
    assert recorded(demo_path)[:2] == [("AGENDA-20191007-PUB-1", "agenda", "pdf", "public"),
                                       ("MINUTES-20190729-PRIV-1", "minutes", "docx", "private")]
    code, out, err = run("packs", str(demo_path))
    assert code == 0 and "Minutes (DOCX)" in out and "Agenda" in out


def test_interests_public_and_private(demo_path, tmp_path):
    code, out, err = run("interests", str(demo_path), "--out", str(tmp_path / "i.pdf"), *TODAY)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "INTERESTS-20261123-PUB-1"
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "i.pdf").pages)
    assert "Councillor Hartwell" not in text and "Councillor R Jones" in text
    code, out, err = run("interests", str(demo_path), "--session", "private", "--out", str(tmp_path / "i.docx"),
                         *TODAY)
    assert code == 0 and "Councillor Hartwell" in "\n".join(p.text for p in Document(str(tmp_path / "i.docx"))
                                                              .paragraphs), err


def test_a_public_paper_of_a_private_meeting_is_refused_in_one_line(demo_path, tmp_path):
    code, _, err = run("minutes", str(demo_path), "--meeting", "2", "--out", str(tmp_path / "m.pdf"), *TODAY)
    one_plain_line(code, err)
    assert "cannot be printed for a private meeting" in err
    assert not (tmp_path / "m.pdf").exists() and recorded(demo_path) == []


@pytest.mark.parametrize("argv, words", [
    (["agenda", "--out", "{tmp}/a.txt"], "name the file .pdf or .docx"),
    (["actions", "--out", "{tmp}/a.docx"], "name the file .pdf or .csv"),
    (["agenda", "--meeting", "99", "--out", "{tmp}/a.pdf"], "99"),
    (["minutes", "--meeting", "soon", "--out", "{tmp}/a.pdf"], "'soon' is not a meeting"),
    (["actions", "--owner", "Nobody Atall"], "no one called 'Nobody Atall' owns an action"),
    (["actions", "--due-within", "-3"], "--due-within: give a number of days"),
    (["agenda", "--out", "{tmp}"], "is a folder"),
])
def test_mistakes_are_one_line_and_nothing_is_recorded(demo_path, tmp_path, argv, words):
    code, _, err = run(*[a.replace("{tmp}", str(tmp_path)) for a in argv[:1]], str(demo_path),
                       *[a.replace("{tmp}", str(tmp_path)) for a in argv[1:]], *TODAY)
    one_plain_line(code, err)
    assert words in err
    assert recorded(demo_path) == []


def test_an_existing_file_is_kept_unless_forced(demo_path, tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"mine")
    code, _, err = run("agenda", str(demo_path), "--meeting", "3", "--out", str(target), *TODAY)
    one_plain_line(code, err)
    assert "already exists" in err and target.read_bytes() == b"mine"
    code, _, err = run("agenda", str(demo_path), "--meeting", "3", "--out", str(target), "--force", *TODAY)
    assert code == 0 and target.read_bytes().startswith(b"%PDF"), err


def test_actions_listed_filtered_exported_and_printed(demo_path, tmp_path):
    code, out, err = run("actions", str(demo_path), "--session", "private", *TODAY)
    assert (code, err) == (0, "")
    assert out.startswith("Open actions, as at 23/11/2026:") and "Lisa McNally:" in out
    assert "Over 90 days overdue" in out
    code, out, _ = run("actions", str(demo_path), "--session", "private", "--owner", "mcnally", "--overdue", *TODAY)
    assert "owned by Lisa McNally; overdue only" in out
    assert [line for line in out.splitlines() if line.endswith(":")] == ["Lisa McNally:"]
    code, out, _ = run("actions", str(demo_path), "--session", "private", "--due-within", "14", *TODAY)
    assert "due within 14 days (by 07/12/2026)" in out
    code, public, _ = run("actions", str(demo_path), *TODAY)
    assert "not listed: --session private" in public
    csv_file = tmp_path / "actions.csv"
    code, out, err = run("actions", str(demo_path), "--session", "private", "--out", str(csv_file), *TODAY)
    assert (code, err) == (0, "") and "Wrote" in out
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Owner,Reference,Description,Raised at,Due,Status,Days overdue,Ageing,Latest update"
    assert recorded(demo_path) == []  # an export is not a printed paper
    code, out, err = run("actions", str(demo_path), "--overdue", "--out", str(tmp_path / "log.pdf"), *TODAY)
    assert (code, err) == (0, "") and out.splitlines()[-1] == "ACTIONS-20261123-PUB-1"
    assert recorded(demo_path) == [("ACTIONS-20261123-PUB-1", "action_log", "pdf", "public")]


def test_a_paper_whose_write_fails_is_not_recorded_and_leaves_no_part_file(demo_path, tmp_path, monkeypatch):
    def refused(*_a, **_k):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(os, "replace", refused)
    code, _, err = run("minutes", str(demo_path), "--meeting", "1", "--out", str(tmp_path / "m.docx"), *TODAY)
    one_plain_line(code, err)
    assert "not printed and not recorded" in err and "permission denied" in err.lower()
    assert recorded(demo_path) == [] and not (tmp_path / "m.docx").exists()
    no_part_files(tmp_path)


def test_a_read_only_register_lists_but_does_not_record(tmp_path, demo_path):
    import shutil
    folder = tmp_path / "shelf"
    folder.mkdir()
    shelf = folder / "register.sqlite"
    shutil.move(demo_path, shelf)
    code, out, err = cli_with_read_only_folder(folder, "meetings", str(shelf))
    assert code == 0 and "Scrutiny Board" in out, err
    code, out, err = cli_with_read_only_folder(folder, "actions", str(shelf), *TODAY)
    assert code == 0 and "Open actions" in out, err
    pdf = tmp_path / "agenda.pdf"
    code, out, err = cli_with_read_only_folder(folder, "agenda", str(shelf), "--meeting", "3", "--out", str(pdf),
                                               *TODAY)
    one_plain_line(code, err)
    assert "read-only" in err and not pdf.exists()
    assert recorded(shelf) == []


def test_the_paper_commands_are_in_the_help():
    from pbp_desktop.cli.main import build_parser
    help_text = build_parser().format_help()
    for command in ("meetings", "agenda", "minutes", "actions", "interests"):
        assert f"    {command}" in help_text
