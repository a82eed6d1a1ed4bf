"""UI layer: named operations on the register's settings: the partnership's details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import PartnershipRow
from . import Ops, Outcome, run


def save_partnership(ops: Ops, row: PartnershipRow | None, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    """Create the register's one partnership (row None) or update it."""
    version = row.version if row is not None else None
    return run(ops, "Partnership details", lambda: ops.register.partnership.save(values, version),
               parent=parent, form=True)
