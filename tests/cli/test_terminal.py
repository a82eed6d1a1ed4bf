"""CLI: what a message quotes from user data (an import file, the register, the command line)
reaches the terminal as text: control characters are shown escaped, never obeyed; letters of
every script are shown as they are."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest

from pbp_desktop.cli.main import main
from pbp_desktop.cli.output import TerminalStream, shown

pytestmark = pytest.mark.app_clock  # the CLI is a composition root: its clock reads the tests' TODAY

# Anything a terminal would act on rather than show.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _import_file(folder, code: str):
    path = folder / "actuals.csv"
    path.write_text("indicator_code,period,value,provisional,note\n"
                    f"{code},2024/25,6.8,yes,\n", encoding="utf-8")
    return path


def test_an_indicator_code_holding_esc_and_bel_is_shown_escaped(demo_path, tmp_path):
    path = _import_file(tmp_path, "\x1b[2J\x1b]0;owned\x07SATOD")
    code, out, err = run("import", str(demo_path), str(path))
    assert code == 2
    assert not RAW.search(out) and not RAW.search(err)
    assert "'\\x1b[2J\\x1b]0;owned\\x07SATOD'" in out  # the row's message names the code, escaped
    assert "nothing was imported" in err
    assert out.endswith("\n") and out.count("\n") == 2  # the lines are still lines


def test_ordinary_text_accents_and_other_scripts_are_unchanged(demo_path, tmp_path):
    name = "Café Ελλάδα 健康 صحة — ½ ✓"
    path = _import_file(tmp_path, name)
    code, out, _ = run("import", str(demo_path), str(path))
    assert code == 2 and f"the code '{name}'" in out


def test_an_error_message_quoting_the_command_line_is_escaped(demo_path, tmp_path):
    path = _import_file(tmp_path, "SATOD")
    code, _, err = run("import", str(demo_path), str(path), "--profile", "\x1b[31mred\x9b2J\u202eevil")
    assert code == 2 and not RAW.search(err)
    assert "no import profile '\\x1b[31mred\\x9b2J\\u202eevil'" in err
    assert err.count("\n") == 1


def test_register_text_printed_by_summary_is_escaped(demo_path):
    con = sqlite3.connect(demo_path)
    con.execute("UPDATE risk SET title = ? WHERE reference = 'PBP2'", ("Workforce\x1b[2J\rfaked line\nsecond",))
    con.commit()
    con.close()
    code, out, err = run("summary", str(demo_path), "--today", "2026-11-23")
    assert (code, err) == (0, "")
    assert not RAW.search(out)
    assert "Workforce\\x1b[2J\\rfaked line\\nsecond" in out  # a line end inside a value cannot fake a line


def test_shown_escapes_each_kind_of_control_and_nothing_else():
    assert shown("a\tb\rc\nd\x00e\x07f\x1bg\x7fh\x85i\x9bj") == "a\\tb\\rc\\nd\\x00e\\x07f\\x1bg\\x7fh\\x85i\\x9bj"
    assert shown("\u202eabc\u2066x\u2069") == "\\u202eabc\\u2066x\\u2069"
    plain = "Sandwell & West Birmingham: 9.8% → 3.3% by 31/03/2025 (Ünïcödé, 日本語, עברית, العربية)"
    assert shown(plain) == plain


def test_the_stream_keeps_the_line_ends_a_writer_adds():
    target = io.StringIO()
    stream = TerminalStream(target)
    print("one\x1b[Kline", file=stream)
    stream.write("two\nlines\n")
    print("", file=stream)
    assert target.getvalue() == "one\\x1b[Kline\ntwo\\nlines\n\n"


def test_spc_still_prints_its_json_one_line_at_a_time(tmp_path):
    import json
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"values": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
                                "dates": [f"2024-{m:02d}-01" for m in range(1, 13)]}), encoding="utf-8")
    code, out, err = run("spc", str(case))
    assert (code, err) == (0, "")
    assert out.count("\n") > 5 and "\\n" not in out
    json.loads(out)


def test_the_command_line_parser_quotes_arguments_escaped(capsys):
    code, _, _ = run("summary", "register.sqlite", "extra\x1b[2J\x07")
    err = capsys.readouterr().err  # argparse writes to the process's stderr
    assert code == 2 and not RAW.search(err)
    assert "unrecognized arguments: extra\\x1b[2J\\x07" in err and err.startswith("usage: pbp-cli")
