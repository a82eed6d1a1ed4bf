"""Storage: the rules that must always hold are in the schema too, on every connection."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pbp_desktop.storage.models import Action, Partner, Person, Risk


def _risk(**kw):
    base = dict(reference="R1", title="t", category="finance", inherent_consequence=3, inherent_likelihood=3,
                current_consequence=3, current_likelihood=3, target_consequence=2, target_likelihood=2)
    base.update(kw)
    return Risk(**base)


@pytest.mark.sqlite_only
def test_every_connection_sets_the_pragmas(register):
    with register.opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@pytest.mark.parametrize("column, value", [("current_likelihood", 0), ("current_likelihood", 6),
                                           ("inherent_consequence", 0), ("target_consequence", 9)])
def test_scores_are_checked_1_to_5_by_the_database(register, column, value):
    with Session(register.opened.engine) as s, pytest.raises(IntegrityError, match="ck_risk_" + column):
        s.add(_risk(**{column: value}))
        s.flush()


def test_foreign_keys_are_enforced(register):
    with Session(register.opened.engine) as s, pytest.raises(IntegrityError, match="(?i)foreign key"):
        s.add(Person(name="Nobody", partner_id=999))
        s.flush()


def test_references_are_unique(register):
    with Session(register.opened.engine) as s, pytest.raises(IntegrityError, match="(?i)unique"):
        s.add_all([_risk(), _risk(title="other")])
        s.flush()


def test_action_needs_owner_and_due_date_in_the_schema(register):
    with Session(register.opened.engine) as s, pytest.raises(IntegrityError, match="(?i)not.null"):
        s.add(Action(reference="A1", description="x", due_on=date(2025, 1, 1)))
        s.flush()


def test_enum_values_are_checked(register):
    with register.opened.engine.begin() as conn, pytest.raises(IntegrityError, match="ck_partner_sector"):
        conn.execute(text("INSERT INTO partner (name, sector, is_host, archived, version) "
                          "VALUES ('X', 'pirate', false, false, 1)"))


def test_each_update_moves_the_version_on(register):
    with Session(register.opened.engine) as s:
        s.add(Partner(name="SCVO", sector="voluntary_community"))
        s.commit()
        p = s.get(Partner, 1)
        assert p.version == 1
        p.notes = "first"
        s.commit()
        assert p.version == 2
        with register.opened.engine.connect() as conn:
            assert conn.execute(text("SELECT version FROM partner WHERE id = 1")).scalar() == 2
