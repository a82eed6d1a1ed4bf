"""UI layer: named operations on people, boards and bodies, and their members."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import BodyRow, MembershipRow, PersonRow, StandingItemRow
from . import Ops, Outcome, run


def create_person(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add person", lambda: ops.register.people.create_person(values), parent=parent, form=True)


def update_person(ops: Ops, row: PersonRow, values: Mapping[str, Any], *,
                  parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.name}", lambda: ops.register.people.update_person(row.id, values, row.version),
               parent=parent, form=True)


def archive_person(ops: Ops, row: PersonRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.name}", lambda: ops.register.people.archive_person(row.id, row.version),
               parent=parent)


def restore_person(ops: Ops, row: PersonRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.name}", lambda: ops.register.people.restore_person(row.id, row.version),
               parent=parent)


def create_body(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add body", lambda: ops.register.people.create_body(values), parent=parent, form=True)


def update_body(ops: Ops, row: BodyRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.name}", lambda: ops.register.people.update_body(row.id, values, row.version),
               parent=parent, form=True)


def archive_body(ops: Ops, row: BodyRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.name}", lambda: ops.register.people.archive_body(row.id, row.version),
               parent=parent)


def restore_body(ops: Ops, row: BodyRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.name}", lambda: ops.register.people.restore_body(row.id, row.version),
               parent=parent)


def add_member(ops: Ops, values: Mapping[str, Any], *, title: str = "Add a member",
               parent: QWidget | None = None) -> Outcome:
    return run(ops, title, lambda: ops.register.people.add_member(values), parent=parent, form=True)


def remove_member(ops: Ops, row: MembershipRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove {row.person_name}", lambda: ops.register.people.remove_member(row.id, row.version),
               parent=parent)


# ------------------------------------------------------------------ a body's agenda template

def add_standing_item(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add standing item", lambda: ops.register.meetings.add_standing_item(values), parent=parent,
               form=True)


def update_standing_item(ops: Ops, row: StandingItemRow, values: Mapping[str, Any], *,
                         parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit standing item {row.title}",
               lambda: ops.register.meetings.update_standing_item(row.id, values, row.version), parent=parent,
               form=True)


def delete_standing_item(ops: Ops, row: StandingItemRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove standing item {row.title}",
               lambda: ops.register.meetings.delete_standing_item(row.id, row.version), parent=parent)


def use_default_template(ops: Ops, body: BodyRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Give {body.name} the standard agenda", lambda: ops.register.meetings.use_default_template(body.id),
               parent=parent)
