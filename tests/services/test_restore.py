"""Services: every kind of record that can be archived can be restored - by a command that brings
it back into the lists, refuses a stale version, and is undone (archived again) like any other.
The kinds are read from the models: a table with an `archived` column and no restore fails here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from pbp_desktop.domain.errors import ConflictError
from pbp_desktop.storage.base import Base


@dataclass(frozen=True)
class Kind:
    archive: Callable[[Any], Callable[[int, int | None], Any]]  # register -> command
    restore: Callable[[Any], Callable[[int, int | None], Any]]
    listed: Callable[[Any], set[int]]  # the ids the register's lists show (archived left out)


def _tree(reg, level: str) -> set[int]:
    tree = reg.queries.outcome_tree()
    if level == "outcome":
        return {o.id for o in tree}
    if level == "objective":
        return {j.id for o in tree for j in o.objectives}
    return {i.id for o in tree for j in o.objectives for i in j.indicators}


KINDS: dict[str, Kind] = {  # by table name
    "partner": Kind(lambda r: r.partners.archive, lambda r: r.partners.restore,
                    lambda r: {p.id for p in r.queries.partners()}),
    "person": Kind(lambda r: r.people.archive_person, lambda r: r.people.restore_person,
                   lambda r: {p.id for p in r.queries.people()}),
    "body": Kind(lambda r: r.people.archive_body, lambda r: r.people.restore_body,
                 lambda r: {b.id for b in r.queries.bodies()}),
    "outcome": Kind(lambda r: r.outcomes.archive_outcome, lambda r: r.outcomes.restore_outcome,
                    lambda r: _tree(r, "outcome")),
    "objective": Kind(lambda r: r.outcomes.archive_objective, lambda r: r.outcomes.restore_objective,
                      lambda r: _tree(r, "objective")),
    "indicator": Kind(lambda r: r.indicators.archive, lambda r: r.indicators.restore,
                      lambda r: _tree(r, "indicator")),
    "risk": Kind(lambda r: r.risks.archive, lambda r: r.risks.restore,
                 lambda r: {x.id for x in r.queries.risks()}),
    "programme": Kind(lambda r: r.programmes.archive_programme, lambda r: r.programmes.restore_programme,
                      lambda r: {p.id for p in r.queries.programmes()}),
}


def archivable_tables(metadata=Base.metadata) -> set[str]:
    return {t.name for t in metadata.sorted_tables if "archived" in t.c}


def test_every_archivable_kind_has_a_restore_command():
    assert archivable_tables() == set(KINDS)


def test_the_completeness_check_sees_a_kind_left_out():
    """Self-check: a table gaining an `archived` column, with no restore, is caught."""
    from sqlalchemy import Boolean, Column, Integer, MetaData, Table
    metadata = MetaData()
    for t in Base.metadata.sorted_tables:
        t.to_metadata(metadata)
    Table("neighbourhood", metadata, Column("id", Integer, primary_key=True), Column("archived", Boolean))
    assert archivable_tables(metadata) != set(KINDS)


@pytest.fixture
def records(register, setup) -> dict[str, int]:
    ids = dict(setup)
    ids["risk"] = register.risks.create({
        "reference": "R1", "title": "Workforce", "category": "finance", "inherent_consequence": 4,
        "inherent_likelihood": 4, "current_consequence": 3, "current_likelihood": 3, "target_consequence": 2,
        "target_likelihood": 2}).created_id("risk")
    ids["programme"] = register.programmes.create_programme({"reference": "P1", "title": "Discharge hub"}
                                                            ).created_id("programme")
    return ids


@pytest.mark.parametrize("entity", sorted(KINDS))
def test_restore_brings_an_archived_record_back_and_is_undone(register, records, entity):
    kind, rid = KINDS[entity], records[entity]
    kind.archive(register)(rid, 1)
    assert rid not in kind.listed(register)
    with pytest.raises(ConflictError):  # restored from a stale screen: refused, nothing changed
        kind.restore(register)(rid, 1)
    changes = kind.restore(register)(rid, 2)
    assert changes.updated == {(entity, rid)}
    assert rid in kind.listed(register)
    assert {r.command for r in register.queries.change_log(batch=changes.batch)} == {f"restore_{entity}"}
    register.history.undo(changes.batch)  # Ctrl+Z: archived again
    assert rid not in kind.listed(register)
