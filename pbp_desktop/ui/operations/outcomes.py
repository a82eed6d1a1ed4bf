"""UI layer: named operations on priority outcomes, objectives and their leads, indicators, their
planned trajectory, the actuals recorded against it, rebases, and an import of actuals."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ...domain.importing import Profile
from ...domain.records import Leads
from ...readmodels import IndicatorPeriodRow, IndicatorRow, ObjectiveRow, OutcomeRow, RebaseRow
from ..work import run as run_work
from ..work import run_command
from . import Ops, Outcome, run

if TYPE_CHECKING:
    from ...services.importing import ImportPlan

# ---------------------------------------------------------------------------- outcomes


def create_outcome(ops: Ops, values: Mapping[str, Any], *, parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add outcome", lambda: ops.register.outcomes.create_outcome(values), parent=parent, form=True)


def update_outcome(ops: Ops, row: OutcomeRow, values: Mapping[str, Any], *,
                   parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.reference}",
               lambda: ops.register.outcomes.update_outcome(row.id, values, row.version), parent=parent, form=True)


def archive_outcome(ops: Ops, row: OutcomeRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.reference} {row.title}",
               lambda: ops.register.outcomes.archive_outcome(row.id, row.version), parent=parent)


def restore_outcome(ops: Ops, row: OutcomeRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.reference} {row.title}",
               lambda: ops.register.outcomes.restore_outcome(row.id, row.version), parent=parent)

# ---------------------------------------------------------------------------- objectives


def create_objective(ops: Ops, outcome: OutcomeRow, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    return run(ops, "Add objective",
               lambda: ops.register.outcomes.create_objective({"outcome_id": outcome.id, **values}),
               parent=parent, form=True)


def update_objective(ops: Ops, row: ObjectiveRow, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.reference}",
               lambda: ops.register.outcomes.update_objective(row.id, values, row.version), parent=parent, form=True)


def set_objective_leads(ops: Ops, row: ObjectiveRow, person_ids: Iterable[int], partner_ids: Iterable[int], *,
                        teams: Iterable[str] = (), roles: Iterable[str] = (),
                        parent: QWidget | None = None) -> Outcome:
    people, partners, team_names, role_names = list(person_ids), list(partner_ids), list(teams), list(roles)
    return run(ops, f"Leads of {row.reference}",
               lambda: ops.register.outcomes.set_objective_leads(row.id, people, partners, teams=team_names,
                                                                 roles=role_names), parent=parent)


def set_outcome_leads(ops: Ops, row: OutcomeRow, leads: Mapping[str, Leads], *,
                      parent: QWidget | None = None) -> Outcome:
    """The outcome's sponsors, lead partners and lead officers (people, partners, teams, roles)."""
    chosen = dict(leads)
    return run(ops, f"Leads of {row.reference}",
               lambda: ops.register.outcomes.set_outcome_leads(row.id, chosen), parent=parent)


def archive_objective(ops: Ops, row: ObjectiveRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.reference} {row.title}",
               lambda: ops.register.outcomes.archive_objective(row.id, row.version), parent=parent)


def restore_objective(ops: Ops, row: ObjectiveRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.reference} {row.title}",
               lambda: ops.register.outcomes.restore_objective(row.id, row.version), parent=parent)

# ---------------------------------------------------------------------------- indicators


def create_indicator(ops: Ops, under: ObjectiveRow | OutcomeRow, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    """An indicator under an objective, or directly under an outcome (a measure of it as a whole)."""
    where = {"outcome_id": under.id} if isinstance(under, OutcomeRow) else {"objective_id": under.id}
    return run(ops, "Add indicator",
               lambda: ops.register.indicators.create({**where, **values}),
               parent=parent, form=True)


def update_indicator(ops: Ops, row: IndicatorRow, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Edit {row.code or row.name}",
               lambda: ops.register.indicators.update(row.id, values, row.version), parent=parent, form=True)


def archive_indicator(ops: Ops, row: IndicatorRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Archive {row.label}", lambda: ops.register.indicators.archive(row.id, row.version),
               parent=parent)


def restore_indicator(ops: Ops, row: IndicatorRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Restore {row.label}", lambda: ops.register.indicators.restore(row.id, row.version),
               parent=parent)


# by the kind of a node of the outcome tree
ARCHIVE: dict[str, Callable[..., Outcome]] = {
    "outcome": archive_outcome, "objective": archive_objective, "indicator": archive_indicator}
RESTORE: dict[str, Callable[..., Outcome]] = {
    "outcome": restore_outcome, "objective": restore_objective, "indicator": restore_indicator}

# ---------------------------------------------------------------------------- periods: actuals and plan


def _name(ind: IndicatorRow) -> str:
    return ind.code or ind.name


def record_actual(ops: Ops, ind: IndicatorRow, values: Mapping[str, Any], *,
                  parent: QWidget | None = None) -> Outcome:
    """An actual for a period (from the Record actual form, or typed into an empty grid cell)."""
    return run(ops, f"Record {_name(ind)} {values.get('period', '')}".rstrip(),
               lambda: ops.register.indicators.record_actual({"indicator_id": ind.id, **values}),
               parent=parent, form=True)


def change_actual(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, text: str, *,
                  parent: QWidget | None = None) -> Outcome:
    assert period.actual_id is not None and period.actual_version is not None
    aid, version = period.actual_id, period.actual_version
    return run(ops, f"Change {_name(ind)} {period.period}",
               lambda: ops.register.indicators.update_actual(aid, {"value": text}, version), parent=parent, form=True)


def note_actual(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, text: str, *,
                parent: QWidget | None = None) -> Outcome:
    assert period.actual_id is not None and period.actual_version is not None
    aid, version = period.actual_id, period.actual_version
    return run(ops, f"Note on {_name(ind)} {period.period}",
               lambda: ops.register.indicators.update_actual(aid, {"note": text}, version), parent=parent, form=True)


def mark_provisional(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, provisional: bool, *,
                     parent: QWidget | None = None) -> Outcome:
    assert period.actual_id is not None and period.actual_version is not None
    aid, version = period.actual_id, period.actual_version
    return run(ops, f"Mark {_name(ind)} {period.period} {'provisional' if provisional else 'validated'}",
               lambda: ops.register.indicators.update_actual(aid, {"provisional": provisional}, version),
               parent=parent, form=True)


def assess_actual(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, values: Mapping[str, Any], *,
                  parent: QWidget | None = None) -> Outcome:
    """The lead's own RAG for a period, with its reason (both blank: cleared); beside the computed
    RAG, never replacing it."""
    assert period.actual_id is not None and period.actual_version is not None
    aid, version = period.actual_id, period.actual_version
    wanted = {"assessed_rag": values.get("assessed_rag") or None, "assessed_reason": values.get("assessed_reason") or None}
    return run(ops, f"Lead's RAG for {_name(ind)} {period.period}",
               lambda: ops.register.indicators.update_actual(aid, wanted, version), parent=parent, form=True)


def set_rag_convention(ops: Ops, convention: str, *, parent: QWidget | None = None) -> Outcome:
    """The partnership's RAG convention for provisional figures: every indicator is rated again."""
    from ...domain.rag import RagConvention
    return run(ops, f"RAG convention: {RagConvention.TITLES.get(convention, convention)}",
               lambda: ops.register.outcomes.set_rag_convention(convention), parent=parent)


def delete_actual(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, *,
                  parent: QWidget | None = None) -> Outcome:
    assert period.actual_id is not None and period.actual_version is not None
    aid, version = period.actual_id, period.actual_version
    return run(ops, f"Delete {_name(ind)} {period.period}",
               lambda: ops.register.indicators.delete_actual(aid, version), parent=parent)


def set_planned(ops: Ops, ind: IndicatorRow, period: IndicatorPeriodRow, text: str, *,
                parent: QWidget | None = None) -> Outcome:
    """Edit one period's plan; an edited plan cleared (the cell emptied) returns to the linear plan."""
    if not text.strip() and period.planned_edited:
        return run(ops, f"Return {_name(ind)} {period.period} to the linear plan",
                   lambda: ops.register.indicators.clear_planned(ind.id, period.period, period.planned_version),
                   parent=parent, form=True)
    return run(ops, f"Plan {_name(ind)} {period.period}",
               lambda: ops.register.indicators.set_planned(ind.id, period.period, text, period.planned_version),
               parent=parent, form=True)


def add_rebase(ops: Ops, ind: IndicatorRow, values: Mapping[str, Any], *,
               parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Rebase {_name(ind)}", lambda: ops.register.indicators.add_rebase(
        ind.id, values.get("period", ""), values.get("reason", "")), parent=parent, form=True)


def remove_rebase(ops: Ops, rebase: RebaseRow, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Remove rebase {rebase.period}",
               lambda: ops.register.indicators.remove_rebase(rebase.id, rebase.version), parent=parent)


def plan_import(ops: Ops, parent, path: Path, profile: Profile | None) -> ImportPlan:
    """Read and check every row of a file, off the window's thread with progress and Cancel
    (raises Cancelled); nothing is written."""
    return run_work(parent, f"Reading and checking {path.name}…", partial(ops.register.imports.plan, path, profile)).value()


def import_actuals(ops: Ops, plan: ImportPlan) -> Outcome:
    """Import a checked plan as one change (Edit > Undo takes it all back), off the window's
    thread with progress and Cancel; cancelled, nothing is written (Outcome neither ok nor refused)."""
    return run_command(ops, f"Import {len(plan.writes)} actuals from {plan.source}",
                       partial(ops.register.imports.apply, plan), show_errors=False,
                       title=f"Importing {len(plan.writes):,} actual(s) from {plan.source}…")
