"""UI layer: named operations on the alliance's partners."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import PartnerRow
from . import Ops, Outcome, run


def create_partner(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add partner", lambda: ops.register.partners.create(values), parent=parent, form=True)


def update_partner(ops: Ops, row: PartnerRow, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.name}", lambda: ops.register.partners.update(row.id, values, row.version),
               parent=parent, form=True)


def archive_partner(ops: Ops, row: PartnerRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.name}", lambda: ops.register.partners.archive(row.id, row.version), parent=parent)


def restore_partner(ops: Ops, row: PartnerRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.name}", lambda: ops.register.partners.restore(row.id, row.version), parent=parent)
