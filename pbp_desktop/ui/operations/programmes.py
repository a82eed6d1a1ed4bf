"""UI layer: named operations on programmes, their projects or key activities, milestones, links,
goals, benefits, monthly highlight reports, and the partnership's gateway stages and goals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...readmodels import BenefitRow, MilestoneRow, ProgrammeRow, ProgrammeUpdateRow
from ..work import run as run_work
from ..work import run_command
from . import Ops, Outcome, run

if TYPE_CHECKING:
    from ...services.importing import MilestonePlan


def _what(row: ProgrammeRow) -> str:
    return row.reference


def create_programme(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    what = "Add project" if values.get("parent_id") else "Add programme"
    return run(ops, what, lambda: ops.register.programmes.create_programme(values), parent=parent, form=True)


def update_programme(ops: Ops, row: ProgrammeRow, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {_what(row)}",
               lambda: ops.register.programmes.update_programme(row.id, values, row.version), parent=parent, form=True)


def set_gateway_stage(ops: Ops, row: ProgrammeRow, stage: int | None, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Gateway stage of {_what(row)}",
               lambda: ops.register.programmes.set_gateway_stage(row.id, stage, row.version), parent=parent)


def archive_programme(ops: Ops, row: ProgrammeRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {_what(row)}",
               lambda: ops.register.programmes.archive_programme(row.id, row.version), parent=parent)


def restore_programme(ops: Ops, row: ProgrammeRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {_what(row)}",
               lambda: ops.register.programmes.restore_programme(row.id, row.version), parent=parent)


def delete_programme(ops: Ops, row: ProgrammeRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete {_what(row)}",
               lambda: ops.register.programmes.delete_programme(row.id, row.version), parent=parent)


def set_links(ops: Ops, row: ProgrammeRow, links: Mapping[str, Iterable[int]], *,
              parent: QWidget | None = None) -> Outcome:
    chosen = {kind: list(ids) for kind, ids in links.items()}
    return run(ops, f"Links of {_what(row)}", lambda: ops.register.programmes.set_links(row.id, chosen),
               parent=parent)


def set_goals(ops: Ops, row: ProgrammeRow, contributions: Mapping[str, str | None], *,
              parent: QWidget | None = None) -> Outcome:
    chosen = dict(contributions)
    return run(ops, f"Goals of {_what(row)}", lambda: ops.register.programmes.set_goals(row.id, chosen),
               parent=parent)


def add_benefit(ops: Ops, row: ProgrammeRow, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    chosen = {**values, "programme_id": row.id}
    return run(ops, f"Add a benefit to {_what(row)}", lambda: ops.register.programmes.add_benefit(chosen),
               parent=parent, form=True)


def update_benefit(ops: Ops, row: ProgrammeRow, benefit: BenefitRow, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit a benefit of {_what(row)}",
               lambda: ops.register.programmes.update_benefit(benefit.id, values, None), parent=parent, form=True)


def delete_benefit(ops: Ops, row: ProgrammeRow, benefit: BenefitRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove a benefit of {_what(row)}",
               lambda: ops.register.programmes.delete_benefit(benefit.id, None), parent=parent)


def save_update(ops: Ops, row: ProgrammeRow, month: date, values: Mapping[str, Any], *,
                parent: QWidget | None = None) -> Outcome:
    """The programme's highlight report for `month`: written the first time, changed after."""
    return run(ops, f"Highlight report of {_what(row)}, {month:%B %Y}",
               lambda: ops.register.programmes.save_update(row.id, month, values), parent=parent, form=True)


def delete_update(ops: Ops, row: ProgrammeRow, update: ProgrammeUpdateRow, *,
                  parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete the highlight report of {_what(row)}, {update.month:%B %Y}",
               lambda: ops.register.programmes.delete_update(update.id, update.version), parent=parent)


def create_milestone(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add milestone", lambda: ops.register.programmes.create_milestone(values), parent=parent, form=True)


def update_milestone(ops: Ops, row: MilestoneRow, values: Mapping[str, Any], *, reason: str | None = None,
                     parent: QWidget | None = None) -> Outcome:
    """Change a milestone; a moved forecast is kept in its history with `reason`."""
    return run(ops, f"Edit milestone {row.title[:40]}",
               lambda: ops.register.programmes.update_milestone(row.id, values, row.version, reason=reason),
               parent=parent, form=True)


def delete_milestone(ops: Ops, row: MilestoneRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Delete milestone {row.title[:40]}",
               lambda: ops.register.programmes.delete_milestone(row.id, row.version), parent=parent)


def set_gateway_stages(ops: Ops, names: Iterable[str], *, parent: QWidget | None = None) -> Outcome:
    chosen = list(names)
    return run(ops, "Gateway stages", lambda: ops.register.programmes.set_gateway_stages(chosen), parent=parent)


def set_goals_list(ops: Ops, names: Iterable[str], *, parent: QWidget | None = None) -> Outcome:
    chosen = list(names)
    return run(ops, "Goals", lambda: ops.register.programmes.set_goals_list(chosen), parent=parent)


def plan_milestone_import(ops: Ops, parent, path: Path) -> MilestonePlan:
    """Read and check every row of a milestone file, off the window's thread with progress and
    Cancel (raises Cancelled); nothing is written."""
    return run_work(parent, f"Reading and checking {path.name}…",
                    partial(ops.register.imports.plan_milestones, path)).value()


def import_milestones(ops: Ops, plan: MilestonePlan) -> Outcome:
    """Import a checked plan as one change (Edit > Undo takes it all back); refused whole if the
    register changed since the plan was made."""
    return run_command(ops, f"Import {len(plan.writes)} milestones from {plan.source}",
                       partial(ops.register.imports.apply_milestones, plan), show_errors=False,
                       title=f"Importing {len(plan.writes):,} milestone(s) from {plan.source}…")
