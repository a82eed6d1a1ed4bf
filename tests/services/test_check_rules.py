"""`pbp-cli check` and the integrity check hold a stored register to the field rules (the same as
the forms, the import and the JSON loader): a stored value that breaks one is reported, naming
the table, the record's id and the field. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import io

from sqlalchemy import text

from pbp_desktop.cli.main import main
from pbp_desktop.services import Register
from pbp_desktop.storage.integrity import check_register
from tests.conftest import TODAY


def plant(engine) -> dict[str, int]:
    """Values the app's own commands would refuse, written below them, as an old version, another
    program or a hand edit could have."""
    with engine.begin() as conn:
        partner = conn.execute(text("SELECT MIN(id) FROM partner")).scalar()
        last = conn.execute(text("SELECT MAX(id) FROM partner")).scalar()
        percent = conn.execute(text("SELECT MIN(a.id) FROM actual a JOIN indicator i ON i.id = a.indicator_id "
                                    "WHERE i.unit = '%'")).scalar()
        other = conn.execute(text("SELECT MIN(a.id) FROM actual a JOIN indicator i ON i.id = a.indicator_id "
                                  "WHERE i.unit <> '%'")).scalar()
        conn.execute(text("UPDATE partner SET name = :n WHERE id = :id"), {"n": "Sandwell\x07MBC", "id": partner})
        conn.execute(text("UPDATE partner SET notes = :notes WHERE id = :id"), {"notes": "x" * 5000, "id": last})
        conn.execute(text("UPDATE actual SET value = 150 WHERE id = :id"), {"id": percent})
        conn.execute(text("UPDATE actual SET value = -3 WHERE id = :id"), {"id": other})
    return {"partner": partner, "last": last, "percent": percent, "other": other}


def test_the_demo_register_keeps_every_field_rule(demo):
    assert check_register(demo.opened.engine, field_rules=True) == []


def test_stored_values_that_break_a_field_rule_are_named(demo):
    ids = plant(demo.opened.engine)
    problems = check_register(demo.opened.engine, field_rules=True)
    expected = [f"partner {ids['partner']}, name: Name: has a control character (U+0007) at character 9",
                f"partner {ids['last']}, notes: Notes: is 5,000 characters long; the most allowed is 4,000",
                f"actual {ids['percent']}, value: Value: 150 is not a percentage from 0 to 100",
                f"actual {ids['other']}, value: Value: -3 is below 0"]
    for line in expected:
        assert any(p.startswith(line) for p in problems), (line, problems)
    assert len(problems) == 4, problems


def test_a_register_breaking_a_field_rule_still_opens(demo_path):
    """Breaking a field rule is not damage: the register opens, so it can be put right."""
    with Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY) as reg:
        plant(reg.opened.engine)
    with Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY) as reg:
        assert reg.queries.partnership() is not None


def test_cli_check_lists_each_record_and_exits_1(demo_path):
    with Register.open(f"sqlite:///{demo_path}", clock=lambda: TODAY) as reg:
        ids = plant(reg.opened.engine)
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(demo_path)], out=out, err=err) == 1
    report = out.getvalue()
    assert "4 problem(s) found" in report
    assert f"  - actual {ids['percent']}, value: Value: 150 is not a percentage from 0 to 100" in report
    assert "\x07" not in report  # the character is named, not echoed


def test_cli_check_calls_a_sound_register_sound(demo_path):
    out = io.StringIO()
    assert main(["check", str(demo_path)], out=out, err=io.StringIO()) == 0
    assert "the register is sound" in out.getvalue()
