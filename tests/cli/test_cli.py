"""CLI: pbp-cli demo, check, summary and migrate; errors are one line, never a traceback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pbp_desktop.cli.main import main

pytestmark = pytest.mark.app_clock  # the CLI is a composition root: its clock reads the tests' TODAY


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_demo_then_summary(tmp_path):
    path = tmp_path / "demo.sqlite"
    code, out, err = run("demo", "--out", str(path), "--today", "2026-11-23")
    assert (code, err) == (0, "") and path.exists()
    code, out, err = run("summary", str(path), "--today", "2026-11-23")
    assert code == 0 and err == ""
    assert "Sandwell Integrated Care Alliance (Sandwell): summary at 23/11/2026" in out
    assert "PO1 Best Start in Life" in out and "LAA Be Healthy" in out
    assert "[A] Amber     NI 123" in out and "288 in Q2 2008/09 (provisional), plan 508" in out
    assert "provisional; R on the figure (288 against a plan of 508)" in out  # issue 19: a red never hidden
    assert "[R] Red       NI 131" in out and "16.35 in Q2 2008/09" in out
    assert "[-] Not rated DTOC-SAN" in out and "out of date" in out and "target date passed: missed by" in out
    assert "from 9.8% (2018/19) to 3.3% by 31/03/2025" in out
    assert "Risks scoring 15 or more (1)" in out and "PBP2   16 Extreme" in out
    assert "QIPP" not in out and "1 private risk(s) not shown" in out
    code, private, _ = run("summary", str(path), "--today", "2026-11-23", "--private")
    assert "PBP4   20 Extreme  QIPP gap" in private


def test_check_says_sound_or_lists_problems(tmp_path, demo_path):
    code, out, _ = run("check", str(demo_path))
    assert code == 0 and "the register is sound" in out
    import sqlite3
    con = sqlite3.connect(demo_path)
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE risk SET current_likelihood = 7 WHERE reference = 'SR1'")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE action SET owner_id = 9999 WHERE id = 1")
    con.commit()
    con.close()
    code, out, _ = run("check", str(demo_path))
    assert code == 1
    assert "current likelihood outside 1 to 5" in out
    assert "action row 1 links to a missing person record" in out


def test_check_leaves_the_file_untouched(demo_path):
    before = demo_path.read_bytes()
    assert run("check", str(demo_path))[0] == 0
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize("argv, message", [
    (["check", "{missing}"], "There is no register at"),
    (["summary", "{junk}"], "is not a PBP Desktop register"),
    (["summary"], "name a register"),
    (["demo", "--out", "{junk}"], "already exists; the demo is never written over a file"),
    (["summary", "{junk}", "--today", "31/03/2025"], "--today: '31/03/2025' is not a date"),
])
def test_errors_are_one_line_and_non_zero(tmp_path, monkeypatch, argv, message):
    monkeypatch.delenv("PBP_DB_URL", raising=False)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a register at all")
    argv = [a.format(missing=tmp_path / "missing.sqlite", junk=junk) for a in argv]
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("pbp-cli: ")


def test_db_option_and_environment_name_the_register(demo_path, monkeypatch):
    assert run("--db", str(demo_path), "check")[0] == 0
    monkeypatch.setenv("PBP_DB_URL", f"sqlite:///{demo_path}")
    code, out, _ = run("summary", "--today", "2026-11-23")
    assert code == 0 and "Sandwell Integrated Care Alliance" in out


def test_the_installed_command_never_shows_a_traceback_or_loads_qt(tmp_path, demo_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(100))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    bad = subprocess.run([sys.executable, "-m", "pbp_desktop.cli.main", "summary", str(junk)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stdout == ""
    probe = ("import sys, io; from pbp_desktop.cli.main import main; "
             f"code = main(['summary', {str(demo_path)!r}], out=io.StringIO()); "
             "assert code == 0; print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')))")
    good = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip() == "[]"


def test_migrate_reports_up_to_date(demo_path):
    code, out, _ = run("migrate", str(demo_path))
    assert code == 0 and "up to date" in out


def test_pack_packs_and_reprint(tmp_path, demo_path):
    out = tmp_path / "pack.pdf"
    code, text, err = run("pack", str(demo_path), "--meeting", "next", "--session", "private", "--out", str(out),
                          "--today", "2026-11-23")
    assert (code, err) == (0, "")
    reference = text.strip().splitlines()[-1]
    assert reference == "PACK-20261123-01" and out.read_bytes().startswith(b"%PDF")
    code, listing, _ = run("packs", str(demo_path))
    assert code == 0 and reference in listing and "Private" in listing
    again = tmp_path / "again.pdf"
    code, _, _ = run("reprint", str(demo_path), reference, "--out", str(again))
    assert code == 0 and again.read_bytes() == out.read_bytes()
    code, _, err = run("reprint", str(demo_path), reference, "--out", str(again))
    assert code == 2 and "already exists" in err
    code, _, err = run("reprint", str(demo_path), "PACK-19990101-01", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "There is no pack PACK-19990101-01" in err
    code, _, err = run("pack", str(demo_path), "--meeting", "999", "--out", str(tmp_path / "y.pdf"))
    assert code == 2 and "There is no meeting 999" in err


def test_the_pack_from_the_command_line_names_its_author_never_the_login(tmp_path, demo_path):
    import io

    from pypdf import PdfReader
    out = tmp_path / "pack.pdf"
    code, _, err = run("--user", "root", "pack", str(demo_path), "--sections", "cover", "--out", str(out),
                       "--today", "2026-11-23", "--author", "Christine Anne Guest")
    assert (code, err) == (0, "")
    cover = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Christine Anne Guest" in cover and "root" not in cover


def test_spc_reproduces_a_reference_case_and_reads_a_csv(tmp_path):
    import json
    from pathlib import Path
    case = Path(__file__).resolve().parents[2].parent / "shared" / "spc_reference" / "pkg_readme_rqm_breaches_target1200.json"
    if case.exists():
        code, out, _ = run("spc", str(case))
        got, expected = json.loads(out), json.loads(case.read_text())["expected"]
        assert code == 0 and got["variation"] == expected["variation"] and got["assurance"] == expected["assurance"]
        assert [p["point_type"] for p in got["points"]] == [p["point_type"] for p in expected["points"]]
    csv_file = tmp_path / "series.csv"
    csv_file.write_text("date,value\n" + "\n".join(f"2020-{m:02d}-01,{v}" for m, v in
                                                   zip(range(1, 13), [5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 20], strict=True)))
    code, out, _ = run("spc", "--csv", str(csv_file), "--direction", "decrease", "--target", "3")
    got = json.loads(out)
    assert code == 0 and got["points"][-1]["special_cause_type"] == "Above UCL"
    assert got["variation"]["icon"] == "concern_high.svg" and got["assurance"]["assurance_type"] == "consistent_fail"
    code, _, err = run("spc", "--csv", str(tmp_path / "none.csv"))
    assert code == 2 and "There is no file" in err


def test_a_draft_pack_from_the_command_line(tmp_path):
    reg = tmp_path / "demo.sqlite"
    assert run("demo", "--out", str(reg), "--today", "2026-11-23")[0] == 0
    code, out, _ = run("pack", str(reg), "--session", "private", "--draft", "--out", str(tmp_path / "d.pdf"))
    assert code == 0 and "(a draft)" in out
    code, out, _ = run("packs", str(reg))
    assert code == 0 and "(draft)" in out


def test_a_refusal_of_many_records_is_a_line_each(tmp_path):
    import json
    reg = tmp_path / "demo.sqlite"
    assert run("demo", "--out", str(reg), "--today", "2026-11-23")[0] == 0
    assert run("export", str(reg), "--format", "json", "--out", str(tmp_path / "d.json"))[0] == 0
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    data["tables"]["risk"][0]["confidential"] = "false"
    data["tables"]["actual"][0]["period"] = "banana"
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("new", str(tmp_path / "n.sqlite"), "--from", str(tmp_path / "bad.json"))
    lines = err.splitlines()
    assert code == 2 and "\\n" not in err and len(lines) == 3
    assert lines[1].startswith("  - risk 1, confidential") and lines[2].startswith("  - actual 1, period")


def test_public_text_quoting_a_private_record_stops_the_public_summary_and_pack(tmp_path):
    """The public summary is a public paper too; the pack can be confirmed from the command line."""
    from datetime import date

    from pbp_desktop.services import Register
    path = tmp_path / "demo.sqlite"
    assert run("demo", "--out", str(path), "--today", "2026-11-23")[0] == 0
    with Register.open(f"sqlite:///{path}", clock=lambda: date(2026, 11, 23)) as reg:
        records = reg.privacy.records()
        action = next(a for a in reg.queries.actions() if a.overdue and not records.row_private(a))
        reg.actions.update(action.id, {"description": "Close the QIPP gap of £144 million by 2022/23"},
                           action.version)
    code, out, err = run("summary", str(path), "--today", "2026-11-23")
    assert code == 2 and "quotes the private risk title" in err and "QIPP" not in out
    assert run("summary", str(path), "--today", "2026-11-23", "--private")[0] == 0
    target = tmp_path / "p.pdf"
    code, _, err = run("pack", str(path), "--out", str(target), "--today", "2026-11-23")
    assert code == 2 and "--confirm-public" in err and not target.exists()
    code, out, _ = run("pack", str(path), "--out", str(target), "--today", "2026-11-23",
                       "--confirm-public", "Published in the annual report")
    assert code == 0 and "Confirmed public: action" in out and target.exists()
    code, out, _ = run("summary", str(path), "--today", "2026-11-23")  # confirmed public: in every public paper
    assert code == 0 and "QIPP gap" in out
    code, out, _ = run("disclosures", str(path))
    assert code == 0 and f"Confirmed public: action {action.id}, description, quoting the private risk" in out
    assert "Why: Published in the annual report" in out


def test_an_empty_choice_of_sections_is_refused(tmp_path, demo_path):
    """Review of issue 19: --sections "" printed the whole pack."""
    code, out, err = run("pack", str(demo_path), "--sections", " , ", "--out", str(tmp_path / "p.pdf"),
                         "--today", "2026-11-23")
    assert code != 0 and "--sections: name at least one section" in err and not (tmp_path / "p.pdf").exists()
