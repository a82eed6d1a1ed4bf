"""UI layer: named operations on the action log: actions, their completion, their dated updates,
and publishing an action raised in private business."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import ActionRow, ActionUpdateRow
from . import Ops, Outcome, run


def create_action(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add action", lambda: ops.register.actions.create(values), parent=parent, form=True)


def update_action(ops: Ops, row: ActionRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.reference}", lambda: ops.register.actions.update(row.id, values, row.version),
               parent=parent, form=True)


def complete_action(ops: Ops, row: ActionRow, values: Mapping[str, Any], *,
                    parent: QWidget | None = None) -> Outcome:
    """Complete on values["completed_on"], with an optional closing note (values["note"])."""
    return run(ops, f"Complete {row.reference}", lambda: ops.register.actions.complete(
        row.id, row.version, completed_on=values.get("completed_on"), note=values.get("note")),
        parent=parent, form=True)


def delete_action(ops: Ops, row: ActionRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete {row.reference}", lambda: ops.register.actions.delete(row.id, row.version),
               parent=parent)


def add_update(ops: Ops, row: ActionRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Update on {row.reference}", lambda: ops.register.actions.add_update(
        row.id, values.get("text") or "", written_on=values.get("written_on")), parent=parent, form=True)


def edit_update(ops: Ops, update: ActionUpdateRow, values: Mapping[str, Any], *,
                parent: QWidget | None = None) -> Outcome:
    return run(ops, "Edit update", lambda: ops.register.actions.edit_update(update.id, values, update.version),
               parent=parent, form=True)


def delete_update(ops: Ops, update: ActionUpdateRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Remove update", lambda: ops.register.actions.delete_update(update.id, update.version),
               parent=parent)


def publish_action(ops: Ops, row: ActionRow, reason: str, *, parent: QWidget | None = None) -> Outcome:
    """Show in public papers an action the rule keeps private (a deliberate, logged choice)."""
    return run(ops, f"Publish {row.reference}", lambda: ops.register.privacy.publish("action", row.id, reason),
               parent=parent)


def withdraw_publication(ops: Ops, row: ActionRow, disclosure_id: int, *,
                         parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Withdraw publication of {row.reference}",
               lambda: ops.register.privacy.withdraw(disclosure_id), parent=parent)
