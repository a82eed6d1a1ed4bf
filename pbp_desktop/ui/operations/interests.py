"""UI layer: named operations on the register of interests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import InterestRow
from . import Ops, Outcome, run


def add_interest(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add interest", lambda: ops.register.meetings.add_interest(values), parent=parent, form=True)


def update_interest(ops: Ops, row: InterestRow, values: Mapping[str, Any], *,
                    parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit the interest of {row.person_name}",
               lambda: ops.register.meetings.update_interest(row.id, values, row.version), parent=parent, form=True)


def delete_interest(ops: Ops, row: InterestRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete the interest of {row.person_name} in {row.organisation}",
               lambda: ops.register.meetings.delete_interest(row.id, row.version), parent=parent)
