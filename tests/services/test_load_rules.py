"""Loading a register from a JSON export (`pbp-cli new --from`): every record is held to the same
field rules as the forms and the import, every bad record is named (table, id, field, what is
wrong), and nothing is written when any record is bad. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import copy
import io
import json
import re

import pytest
from sqlalchemy import Enum, String, func, select

from pbp_desktop.cli.main import main
from pbp_desktop.domain import fields as domain_fields
from pbp_desktop.domain.errors import RegisterError
from pbp_desktop.domain.importing import Profile
from pbp_desktop.services import Register
from pbp_desktop.storage import dump as dump_module
from pbp_desktop.storage.base import Base
from pbp_desktop.storage.dump import LoadRefused, dump, load, read_file
from tests.conftest import TODAY, approve_and_amend_july_minutes

PACK_ROW = {"id": 1, "reference": "PBP-2026-11-23-1", "meeting_id": None, "session": "public",
            "printed_at": "2026-11-23T10:00:00", "printed_by": "tester", "sha256": "0" * 64,
            "pdf": base64.b64encode(b"%PDF-1.4").decode("ascii"), "snapshot": "{}", "draft": False,
            "paper": "pack", "file_format": "pdf"}


@pytest.fixture(scope="module")
def full(tmp_path_factory, demo_template) -> dict:
    """The demo register as an export, with a record in every table (the demo leaves five
    empty: a planned value, an import profile, a disclosure, an amendment of approved minutes and
    a printed pack are added)."""
    import shutil
    path = tmp_path_factory.mktemp("full") / "full.sqlite"
    shutil.copyfile(demo_template, path)
    reg = Register.open(f"sqlite:///{path}", user="tester", clock=lambda: TODAY)
    try:
        ind = reg.queries.outcome_tree(with_periods=True)[0].objectives[0].indicators[0]
        reg.indicators.set_planned(ind.id, "2030/31", 1.0)
        reg.imports.save_profile(Profile(name="Monthly", indicator_code="X", value_column="v", period_column="p"))
        raised = next(a for a in reg.queries.actions() if reg.privacy.records().row_private(a) and not a.confidential)
        reg.privacy.publish("action", raised.id, "Published by the board")  # a deliberate disclosure
        approve_and_amend_july_minutes(reg)
        data = dump(reg.opened.engine)
    finally:
        reg.close()
    if not data["tables"]["pack"]:
        data["tables"]["pack"] = [dict(PACK_ROW)]
    empty = [name for name, rows in data["tables"].items() if not rows]
    assert not empty, f"give the test register a record in {empty}, so its columns are tested too"
    return data


def fresh(full: dict) -> dict:
    return copy.deepcopy(full)


def first(data: dict, table: str, **match) -> dict:
    return next(r for r in data["tables"][table] if all(r.get(k) == v for k, v in match.items()))


def refused(register: Register, data: dict) -> list[str]:
    with pytest.raises(LoadRefused) as info:
        load(register.opened.engine, data)
    assert_nothing_written(register)
    return [str(p) for p in info.value.problems]


def assert_nothing_written(register: Register) -> None:
    with register.opened.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 0, table.name


def test_a_sound_export_loads_whole(register, full):
    load(register.opened.engine, fresh(full))
    assert dump(register.opened.engine)["tables"] == full["tables"]


@pytest.mark.parametrize("tables", ["missing", None, [], {}])
def test_an_export_without_its_tables_is_refused(register, full, tables):
    data = fresh(full)
    if tables == "missing":
        del data["tables"]
    else:
        data["tables"] = tables
    with pytest.raises(RegisterError, match="no tables"):
        load(register.opened.engine, data)
    assert_nothing_written(register)


def test_an_export_missing_a_table_is_refused(register, full):
    data = fresh(full)
    del data["tables"]["risk"]
    with pytest.raises(RegisterError, match="no table risk"):
        load(register.opened.engine, data)


def test_booleans_are_json_true_or_false_only(register, full):
    data = fresh(full)
    partner, risk = data["tables"]["partner"][0], data["tables"]["risk"][0]
    partner["is_host"], risk["confidential"] = "false", "no"
    problems = refused(register, data)
    assert any(p.startswith(f"partner {partner['id']}, is_host:") and "'false' is not true or false" in p
               for p in problems), problems
    assert any(p.startswith(f"risk {risk['id']}, confidential:") and "'no'" in p for p in problems), problems


def test_numbers_are_json_numbers_and_ids_whole(register, full):
    data = fresh(full)
    actuals = data["tables"]["actual"]
    actuals[0]["value"] = True
    actuals[1]["value"] = float("inf")
    actuals[2]["value"] = float("nan")
    actuals[3]["value"] = "12"
    data["tables"]["body"][0]["id"] = 1.7
    problems = refused(register, data)
    for i, shown in ((0, "true is not a number"), (1, "Infinity is not a number"), (2, "NaN is not a number"),
                     (3, "'12' is not a number")):
        assert any(p.startswith(f"actual {actuals[i]['id']}, value:") and shown in p for p in problems), (shown, problems)
    assert any(p.startswith("body record 1 (id 1.7), id:") and "not a whole number" in p for p in problems), problems


def test_ranges_lengths_and_periods_follow_the_forms_rules(register, full):
    data = fresh(full)
    units = {i["id"]: i["unit"] for i in data["tables"]["indicator"]}
    percent = next(a for a in data["tables"]["actual"] if units[a["indicator_id"]] == "%")
    count = next(a for a in data["tables"]["actual"] if units[a["indicator_id"]] != "%" and a is not percent)
    banana = next(a for a in data["tables"]["actual"] if a is not percent and a is not count)
    percent["value"], count["value"], banana["period"] = 150, -3, "banana"
    partner = data["tables"]["partner"][0]
    partner["name"] = "x" * 100_000
    problems = refused(register, data)
    expect = [(f"actual {percent['id']}, value:", "150 is not a percentage from 0 to 100"),
              (f"actual {count['id']}, value:", "-3 is below 0"),
              (f"actual {banana['id']}, period:", "banana"),
              (f"partner {partner['id']}, name:", "100,000 characters long; the most allowed is 200")]
    for where, what in expect:
        assert any(p.startswith(where) and what in p for p in problems), (where, problems)


def test_a_register_holds_one_partnership(register, full):
    data = fresh(full)
    second = dict(data["tables"]["partnership"][0], id=99, name="Another")
    data["tables"]["partnership"].append(second)
    data["tables"]["risk"][0]["baf"] = "yes"  # a record wrong in its fields does not hide the rest
    problems = refused(register, data)
    assert any(p.startswith("partnership 99:") and "holds 2 partnerships" in p for p in problems), problems
    assert any(", baf: " in p for p in problems), problems


def test_links_and_unique_values_are_checked_before_anything_is_written(register, full):
    data = fresh(full)
    person = data["tables"]["person"][0]
    person["partner_id"] = 9999
    partners = data["tables"]["partner"]
    partners[1]["name"] = partners[0]["name"]
    problems = refused(register, data)
    assert any(p.startswith(f"person {person['id']}, partner_id:") and "no partner with id 9999" in p
               for p in problems), problems
    assert any(p.startswith(f"partner {partners[1]['id']}, name:") and f"also the name of partner {partners[0]['id']}"
               in p for p in problems), problems


def test_a_rule_only_the_database_knows_names_its_record_without_sql(register, full, monkeypatch):
    """Were a database constraint to outrun the checks, the record is still named, in one line."""
    data = fresh(full)
    bodies = data["tables"]["body"]
    bodies.append(dict(bodies[-1], name="Another body"))  # the same id twice
    monkeypatch.setattr(dump_module, "unique_sets", lambda table: [])  # the check of ids, weakened
    problems = refused(register, data)
    assert len(problems) == 1 and problems[0].startswith(f"body {bodies[-1]['id']}: the database refuses it:"), problems
    assert "INSERT" not in problems[0] and "\n" not in problems[0]


def test_every_bad_record_is_named(register, full):
    data = fresh(full)
    for row in data["tables"]["risk"]:
        row["current_likelihood"] = 9
    problems = refused(register, data)
    assert len(problems) == len(data["tables"]["risk"])
    assert all("Current likelihood: must be at most 5, not 9" in p for p in problems)


def test_a_number_too_small_to_keep_is_refused_from_the_file(register, full, tmp_path):
    data = fresh(full)
    actual = data["tables"]["actual"][0]
    actual["value"] = 123456.0
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(data).replace("123456.0", "1e-400"), encoding="utf-8")
    problems = refused(register, read_file(path))
    assert any(p.startswith(f"actual {actual['id']}, value:") and "too small" in p for p in problems), problems


def test_tabs_and_line_breaks_are_kept_in_long_text_and_refused_in_one_line_fields(register, full):
    data = fresh(full)
    minute = data["tables"]["minute"][0]
    minute["text"] = "Agreed:\n\t1. to note\r\n\t2. to approve"
    load(register.opened.engine, data)
    assert first(dump(register.opened.engine), "minute", id=minute["id"])["text"] == minute["text"]


def test_a_line_break_in_a_one_line_field_is_refused(register, full):
    data = fresh(full)
    partner = data["tables"]["partner"][0]
    partner["name"] = "Sandwell\nMBC"
    problems = refused(register, data)
    assert problems == [f"partner {partner['id']}, name: Name: has a line break at character 9; this field "
                        "holds one line: remove it"]


# ------------------------------------------------------------------ generated from the model

def text_columns():
    """Every column of every table that holds text (not an enum's value), from the metadata."""
    return [(t.name, c.name) for t in Base.metadata.sorted_tables for c in t.columns
            if isinstance(c.type, String) and not isinstance(c.type, Enum)]


def unrefused(register: Register, full: dict, char: str) -> list[tuple[str, str]]:
    """The text columns where `char`, planted in a record of their table, is not refused with a
    problem naming that table, record and column (the file planted in all of them at once)."""
    data = fresh(full)
    planted = {}
    for table, column in text_columns():
        row = data["tables"][table][0]
        value = row[column] if isinstance(row[column], str) and row[column] else "text"
        row[column] = value[:1] + char + value[1:]
        planted[(table, column)] = row["id"]
    try:
        load(register.opened.engine, data)
    except LoadRefused as exc:
        named = {(p.table, p.record, p.field) for p in exc.problems}
    else:
        named = set()
    assert_nothing_written(register)
    return [key for key, rid in planted.items() if (key[0], rid, key[1]) not in named]


def test_the_test_covers_every_text_column():
    columns = text_columns()
    assert ("partner", "name") in columns and ("minute", "text") in columns and ("pack", "snapshot") in columns
    assert ("risk", "category") not in columns  # an enum: its values are checked as such


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b", "\x7f", "\x85"], ids=["BEL", "NUL", "ESC", "DEL", "C1"])
def test_control_characters_are_refused_in_every_text_column(register, full, char):
    assert unrefused(register, full, char) == []


def test_self_check_the_generated_test_fails_when_the_rule_is_weakened(register, full, monkeypatch):
    monkeypatch.setattr(domain_fields, "_CONTROL", re.compile("(?!)"))
    monkeypatch.setattr(domain_fields, "_CONTROL_OR_BREAK", re.compile("[\t\n\r]"))
    missed = unrefused(register, full, "\x07")
    assert ("partner", "notes") in missed and ("pack", "snapshot") in missed


# ------------------------------------------------------------------ the command

def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_cli_new_from_a_bad_file_names_every_record_and_leaves_no_register(full, tmp_path):
    data = fresh(full)
    partner = data["tables"]["partner"][0]
    partner["is_host"] = "no"
    data["tables"]["actual"][0]["value"] = "Infinity"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("new", str(tmp_path / "new.sqlite"), "--from", str(path))
    assert code == 2 and out == ""
    assert "'bad.json' was not loaded, and nothing was written: 2 records break" in err
    assert f"  - partner {partner['id']}, is_host: Host organisation: 'no' is not true or false" in err
    assert "Traceback" not in err and "INSERT" not in err
    assert not (tmp_path / "new.sqlite").exists()


@pytest.mark.parametrize("tables", ["missing", None, []])
def test_cli_new_from_a_file_without_tables_is_refused(full, tmp_path, tables):
    data = {k: full[k] for k in ("format", "format_version", "schema")}
    if tables != "missing":
        data["tables"] = tables
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("new", str(tmp_path / "new.sqlite"), "--from", str(path))
    assert code == 2 and out == "" and "holds no tables" in err
    assert not (tmp_path / "new.sqlite").exists()
