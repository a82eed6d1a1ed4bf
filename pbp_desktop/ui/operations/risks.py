"""UI layer: named operations on the risk register."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import QWidget

from ...readmodels import RiskRow
from . import Ops, Outcome, run


def create_risk(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add risk", lambda: ops.register.risks.create(values), parent=parent, form=True)


def update_risk(ops: Ops, row: RiskRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.reference}", lambda: ops.register.risks.update(row.id, values, row.version),
               parent=parent, form=True)


def rescore_risk(ops: Ops, row: RiskRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    """A new current score (consequence, likelihood, assessed_on, note), kept in its history."""
    return run(ops, f"Rescore {row.reference}", lambda: ops.register.risks.rescore(row.id, values, row.version),
               parent=parent)


def set_risk_links(ops: Ops, row: RiskRow, outcome_ids: Iterable[int], objective_ids: Iterable[int], *,
                   parent: QWidget | None = None) -> Outcome:
    outcomes, objectives = list(outcome_ids), list(objective_ids)
    return run(ops, f"Links of {row.reference}", lambda: ops.register.risks.set_links(row.id, outcomes, objectives),
               parent=parent)


def archive_risk(ops: Ops, row: RiskRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.reference}", lambda: ops.register.risks.archive(row.id, row.version),
               parent=parent)


def restore_risk(ops: Ops, row: RiskRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.reference}", lambda: ops.register.risks.restore(row.id, row.version),
               parent=parent)
