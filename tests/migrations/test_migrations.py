"""Migrations: the models and the migrations agree; registers are recognised, upgraded after a
copy, or refused with a clear message and left byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from pbp_desktop.domain.errors import RegisterError
from pbp_desktop.paths import db_dir
from pbp_desktop.storage.assessments import derived_metadata
from pbp_desktop.storage.base import NAMING_CONVENTION, Base
from pbp_desktop.storage.migrate import _upgrade, head_revision, open_register, read_revision
from pbp_desktop.storage.models import MODELS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_migrations_build_exactly_the_models(register_path):
    engine = create_engine(f"sqlite:///{register_path}")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, [Base.metadata, derived_metadata])
    assert diffs == []


def test_the_migrations_naming_convention_is_the_models():
    spec = importlib.util.spec_from_file_location("env_text", db_dir() / "migrations" / "env.py")
    assert spec and spec.loader
    text = (db_dir() / "migrations" / "env.py").read_text()
    for key, value in NAMING_CONVENTION.items():
        assert f'"{key}": "{value}"' in text


def test_constraints_are_named_by_the_convention(register_path):
    con = sqlite3.connect(register_path)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name='risk'").fetchone()[0]
    assert "CONSTRAINT ck_risk_current_likelihood CHECK" in sql
    assert "CONSTRAINT uq_risk_reference UNIQUE" in sql
    assert "CONSTRAINT fk_risk_owner_id_person FOREIGN KEY" in sql


def test_every_editable_record_has_a_version_column():
    for entity, model in MODELS.items():
        assert "version" in model.__table__.c, entity
        assert model.__mapper__.version_id_col is model.__table__.c.version, entity


def test_new_register_is_private_to_its_owner(register_path, tmp_path):
    path = tmp_path / "new.sqlite"
    open_register(f"sqlite:///{path}", create=True).engine.dispose()
    if os.name == "posix":
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert read_revision(path) == head_revision()


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(os.urandom(4096)), "not an SQLite database"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_text("Councillor Piper (Chair)\n"), "not an SQLite database"),
])
def test_files_that_are_not_registers_are_refused_untouched(tmp_path, make, message):
    path = tmp_path / "not-a-register.sqlite"
    make(path)
    before = digest(path)
    with pytest.raises(RegisterError, match=message):
        open_register(f"sqlite:///{path}")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-register.sqlite"]


def test_another_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "address-book.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contact (name TEXT)")
    con.execute("INSERT INTO contact VALUES ('Deb Breedon')")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(RegisterError, match="is an SQLite database, but not a PBP Desktop register"):
        open_register(f"sqlite:///{path}")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["address-book.sqlite"]


def test_a_truncated_register_is_refused_untouched(demo_path):
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[: len(data) // 2])
    before = digest(demo_path)
    with pytest.raises(RegisterError, match="damaged|truncated"):
        open_register(f"sqlite:///{demo_path}")
    assert digest(demo_path) == before


def test_a_register_from_a_newer_app_is_refused_untouched(register_path):
    con = sqlite3.connect(register_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = digest(register_path)
    with pytest.raises(RegisterError, match="made by a newer version of PBP Desktop"):
        open_register(f"sqlite:///{register_path}")
    assert digest(register_path) == before


def test_an_older_register_is_copied_aside_then_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    path.touch(mode=0o600)
    engine = create_engine(f"sqlite:///{path}")
    _upgrade(engine, "0001")
    engine.dispose()
    assert read_revision(path) == "0001"
    before = dump(path)
    opened = open_register(f"sqlite:///{path}")
    opened.engine.dispose()
    assert opened.upgraded_from == "0001" and opened.revision == head_revision()
    assert opened.pre_upgrade_copy is not None and opened.pre_upgrade_copy.exists()
    assert read_revision(opened.pre_upgrade_copy) == "0001"
    assert dump(opened.pre_upgrade_copy) == before  # the copy holds the old register, as it was
    assert read_revision(path) == head_revision()


def test_a_missing_register_is_not_created_unless_asked(tmp_path):
    with pytest.raises(RegisterError, match="There is no register"):
        open_register(f"sqlite:///{tmp_path / 'nothing.sqlite'}")
    assert list(tmp_path.iterdir()) == []


def test_0012_moves_an_outcomes_leads_into_their_capacities_and_back(tmp_path):
    """Migration 0012: an outcome's sponsor, lead officer and lead partner columns become rows of
    outcome_lead (the data moved, the columns gone); downgrading puts the first of each back, and an
    indicator directly under an outcome goes under an objective made for it."""
    from pbp_desktop.storage.migrate import migrate
    path = tmp_path / "r.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    _upgrade(engine, "0011")
    con = sqlite3.connect(path)
    con.executescript("""
        INSERT INTO partner (id, name, sector, is_host, archived, version) VALUES (1, 'Council', 'local_authority', 0, 0, 1);
        INSERT INTO person (id, name, archived, version) VALUES (1, 'Cllr Hart', 0, 1), (2, 'Dr Lee', 0, 1);
        INSERT INTO outcome (id, reference, title, sponsor_id, lead_officer_id, lead_partner_id, sort_order, archived, version)
            VALUES (1, '1', 'Best start', 1, 2, 1, 10, 0, 1), (2, '2', 'Live well', NULL, NULL, NULL, 20, 0, 1);
        INSERT INTO objective (id, outcome_id, reference, title, sort_order, archived, version)
            VALUES (1, 1, '1.1', 'Smoking in pregnancy', 10, 0, 1);
        INSERT INTO objective_lead (objective_id, person_id, version) VALUES (1, 2, 1);
        INSERT INTO indicator (id, objective_id, name, unit, polarity, decimals, frequency, tolerance_pct, archived, version)
            VALUES (1, 1, 'SATOD', '%', 'lower', 1, 'annual_cy', 5, 0, 1);
    """)
    con.commit()
    con.close()
    _upgrade(engine)
    con = sqlite3.connect(path)
    assert con.execute("SELECT outcome_id, capacity, person_id, partner_id, team, role FROM outcome_lead "
                       "ORDER BY id").fetchall() == [(1, "sponsor", 1, None, None, None),
                                                      (1, "lead_partner", None, 1, None, None),
                                                      (1, "lead_officer", 2, None, None, None)]
    columns = {r[1] for r in con.execute("PRAGMA table_info(outcome)")}
    assert not columns & {"sponsor_id", "lead_officer_id", "lead_partner_id"}
    assert con.execute("SELECT objective_id, outcome_id FROM indicator").fetchall() == [(1, None)]
    # the register of this revision: a team lead, a second lead partner, an indicator under outcome 2
    con.executescript("""
        INSERT INTO outcome_lead (outcome_id, capacity, team, version) VALUES (1, 'lead_partner', 'Public Health', 1);
        INSERT INTO objective_lead (objective_id, role, version) VALUES (1, 'Trust Board', 1);
        INSERT INTO indicator (id, outcome_id, name, unit, polarity, decimals, frequency, tolerance_pct, archived,
                               version, target_change, target_amount, target_period)
            VALUES (2, 2, 'Healthy life expectancy', 'years', 'higher', 1, 'annual_cy', 5, 0, 1, 'increase_by', 1, '2020');
    """)
    con.commit()
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='indicator'")}
    assert triggers == {"trg_indicator_ins_assessment", "trg_indicator_upd_assessment", "trg_indicator_del_assessment"}
    con.close()
    migrate(engine, "downgrade", "0011")
    con = sqlite3.connect(path)
    assert con.execute("SELECT id, sponsor_id, lead_officer_id, lead_partner_id FROM outcome ORDER BY id").fetchall() == [
        (1, 1, 2, 1), (2, None, None, None)]
    assert con.execute("SELECT person_id, partner_id FROM objective_lead").fetchall() == [(2, None)]
    made = con.execute("SELECT j.reference, j.title FROM indicator i JOIN objective j ON j.id = i.objective_id "
                       "WHERE i.id = 2").fetchall()
    assert made == [("2.M", "Measures of the outcome as a whole")]
    con.close()
    engine.dispose()
