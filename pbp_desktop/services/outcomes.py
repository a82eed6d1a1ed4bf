"""Services layer: priority outcomes, objectives and their leads, indicators, the planned
trajectory and the actuals recorded against it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from ..domain.enums import LeadCapacity
from ..domain.errors import ValidationError, ValidationFailed
from ..domain.fields import clean
from ..domain.periods import frequency_matches, implausible, parse_period
from ..domain.rag import RagConvention
from ..domain.records import TRAJECTORY_POINT, Leads, lead_keys
from ..readmodels import Changes
from ..storage.conventions import RAG_CONVENTION_KEY
from ..storage.models import (
    Actual,
    Indicator,
    IndicatorRebase,
    ObjectiveLead,
    OutcomeLead,
    Partner,
    Person,
    RegisterSetting,
    TrajectoryPoint,
)
from .base import ServiceBase


class OutcomeService(ServiceBase):
    def set_rag_convention(self, convention: str) -> Changes:
        """Set the partnership's RAG convention for provisional figures (a register setting,
        logged and undoable). Every indicator is rated again under it: a stored assessment is
        keyed by the convention it was made under (storage.assessments.algorithm_key)."""
        try:
            value = RagConvention.parse(convention)
        except ValueError as e:
            raise ValidationFailed([ValidationError("rag_convention", "invalid", f"RAG convention: {e}")],
                                   "setting") from None
        with self._work("set_rag_convention") as w:
            setting = w.session.scalar(select(RegisterSetting).where(RegisterSetting.key == RAG_CONVENTION_KEY))
            stored = json.dumps(value)
            if setting is None:
                w.session.add(RegisterSetting(key=RAG_CONVENTION_KEY, value=stored))
            elif setting.value != stored:
                setting.value = stored
            w.session.flush()
        return w.changes()

    def create_outcome(self, values: Mapping[str, Any], *,
                       leads: Mapping[LeadCapacity | str, Leads] | None = None) -> Changes:
        """A priority outcome, with its leads in their capacities (sponsor, lead partner, lead officer)."""
        with self._work("create_outcome") as w:
            outcome = self._create(w, "outcome", values)
            for capacity, chosen in (leads or {}).items():
                self._replace_outcome_leads(w, outcome.id, LeadCapacity(capacity), chosen)
        return w.changes()

    def update_outcome(self, outcome_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("outcome", outcome_id, values, expected_version)

    def archive_outcome(self, outcome_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("outcome", outcome_id, expected_version, True)

    def restore_outcome(self, outcome_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("outcome", outcome_id, expected_version, False)

    def set_outcome_leads(self, outcome_id: int, leads: Mapping[LeadCapacity | str, Leads]) -> Changes:
        """Make these the outcome's leads in each capacity given (and only these; a capacity not
        given keeps its leads): people, partners, teams and roles, several of each."""
        with self._work("set_outcome_leads") as w:
            self._get(w.session, "outcome", outcome_id)
            for capacity, chosen in leads.items():
                self._replace_outcome_leads(w, outcome_id, LeadCapacity(capacity), chosen)
        return w.changes()

    def create_objective(self, values: Mapping[str, Any], *, lead_person_ids: Iterable[int] = (),
                         lead_partner_ids: Iterable[int] = (), lead_teams: Iterable[str] = (),
                         lead_roles: Iterable[str] = ()) -> Changes:
        with self._work("create_objective") as w:
            obj = self._create(w, "objective", values)
            self._replace_leads(w, obj.id, Leads(tuple(lead_person_ids), tuple(lead_partner_ids),
                                                 tuple(lead_teams), tuple(lead_roles)))
        return w.changes()

    def update_objective(self, objective_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("objective", objective_id, values, expected_version)

    def archive_objective(self, objective_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("objective", objective_id, expected_version, True)

    def restore_objective(self, objective_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("objective", objective_id, expected_version, False)

    def set_objective_leads(self, objective_id: int, person_ids: Iterable[int], partner_ids: Iterable[int], *,
                            teams: Iterable[str] = (), roles: Iterable[str] = ()) -> Changes:
        """Make these people, partners, teams and roles the objective's responsible leads (and only these)."""
        with self._work("set_objective_leads") as w:
            self._get(w.session, "objective", objective_id)
            self._replace_leads(w, objective_id, Leads(tuple(person_ids), tuple(partner_ids), tuple(teams),
                                                       tuple(roles)))
        return w.changes()

    def _replace_leads(self, w, objective_id: int, leads: Leads) -> None:
        self._replace(w, ObjectiveLead, {"objective_id": objective_id}, leads, "objective", "Leads")

    def _replace_outcome_leads(self, w, outcome_id: int, capacity: LeadCapacity, leads: Leads) -> None:
        self._replace(w, OutcomeLead, {"outcome_id": outcome_id, "capacity": capacity}, leads, "outcome",
                      capacity.label + "s")

    def _replace(self, w, model: Any, where: Mapping[str, Any], leads: Leads, what: str, heading: str) -> None:
        """Replace the leads `where` selects with `leads`: the ones kept stay as they were, the
        others go, the new ones are added in the order given."""
        key = LeadCapacity(where["capacity"]).value + "_" if "capacity" in where else "lead_"
        wanted, errors = lead_keys(leads, heading, key)
        errors += [ValidationError(f"{key}person_ids", "missing", f"{heading}: there is no person with id {i}")
                   for kind, i in wanted if kind == "person_id" and w.session.get(Person, i) is None]
        errors += [ValidationError(f"{key}partner_ids", "missing", f"{heading}: there is no partner with id {i}")
                   for kind, i in wanted if kind == "partner_id" and w.session.get(Partner, i) is None]
        if errors:
            raise ValidationFailed(errors, what)
        current = list(w.session.scalars(select(model).filter_by(**where).order_by(model.id)))
        have = set()
        for lead in current:
            kind = next(k for k in ("person_id", "partner_id", "team", "role") if getattr(lead, k) is not None)
            pair = (kind, getattr(lead, kind))
            if pair in wanted and pair not in have:
                have.add(pair)
            else:
                w.session.delete(lead)
        for kind, value in wanted:
            if (kind, value) not in have:
                w.session.add(model(**where, **{kind: value}))
        w.session.flush()


class IndicatorService(ServiceBase):
    def create(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("indicator", values)

    def update(self, indicator_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_indicator") as w:
            ind = self._get(w.session, "indicator", indicator_id)
            extra = []
            if "frequency" in values and values["frequency"] not in (None, "", ind.frequency):
                has_data = w.session.scalar(select(Actual.id).where(Actual.indicator_id == ind.id).limit(1))
                if has_data is not None:
                    extra.append(ValidationError(
                        "frequency", "has_actuals",
                        "Reporting frequency cannot change once actuals are recorded against it"))
            self._update(w, "indicator", indicator_id, values, expected_version, extra=extra)
        return w.changes()

    def archive(self, indicator_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("indicator", indicator_id, expected_version, True)

    def restore(self, indicator_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("indicator", indicator_id, expected_version, False)

    # ------------------------------------------------------------ actuals

    def _period_values(self, w, entity: str, values: Mapping[str, Any], existing: Any = None) -> tuple[dict, dict]:
        """Validate a period value (actual or planned) against its indicator; return the clean
        values and the period columns to set."""
        indicator_id = values.get("indicator_id", getattr(existing, "indicator_id", None))
        ind = w.session.get(Indicator, indicator_id) if isinstance(indicator_id, int) else None
        extra: list[ValidationError] = []
        period_cols: dict[str, Any] = {}
        if ind is not None and values.get("period") not in (None, ""):
            try:  # read as the indicator reports: '2011-12' is December 2011 for a monthly one
                period = parse_period(str(values["period"]), ind.frequency)
            except ValueError:
                period = None  # the field validator reports it
            if period is not None:
                typed, values = values["period"], {**values, "period": period.label}  # the field's rule reads the label
                if not frequency_matches(ind.frequency, period):
                    extra.append(ValidationError(
                        "period", "wrong_frequency",
                        f"Period: '{typed}' is not {ind.frequency.a_period}, "
                        f"which is how {ind.code or ind.name} reports"))
                elif entity == "actual" and (why := implausible(period, self._clock())):
                    extra.append(ValidationError("period", "implausible", f"Period: {why}"))
                period_cols = {"period": period.label, "period_start": period.start, "period_end": period.end}
                model = Actual if entity == "actual" else TrajectoryPoint
                clash = w.session.scalar(select(model).where(
                    model.indicator_id == ind.id, model.period == period.label,
                    *( [model.id != existing.id] if existing is not None else [])))
                if clash is not None:
                    what = "An actual" if entity == "actual" else "A planned value"
                    extra.append(ValidationError(
                        "period", "exists",
                        f"Period: {what} for {period.label} is already recorded ({clash.value:g}); "
                        "edit that one instead"))
        context = {"unit": ind.unit if ind else None}
        cleaned = self._validate(w.session, entity, values, existing=existing, context=context, extra=extra)
        cleaned.update(period_cols)
        return cleaned, period_cols

    def record_actual(self, values: Mapping[str, Any]) -> Changes:
        """Record the actual for a period that has none yet. An existing actual is never
        overwritten here: change it with update_actual and its version."""
        with self._work("record_actual") as w:
            cleaned, _ = self._period_values(w, "actual", values)
            w.session.add(Actual(**{k: v for k, v in cleaned.items() if v is not None}))
            w.session.flush()
        return w.changes()

    def update_actual(self, actual_id: int, values: Mapping[str, Any], expected_version: int) -> Changes:
        """Change an actual. `expected_version` is the version the caller read: an actual
        changed by someone else since then is refused (ConflictError), never overwritten."""
        _require_version("update_actual", expected_version)
        with self._work("update_actual") as w:
            actual = self._get(w.session, "actual", actual_id)
            self._check_version(w.session, "actual", actual, expected_version)
            if "indicator_id" in values and values["indicator_id"] != actual.indicator_id:
                raise ValidationFailed([ValidationError(
                    "indicator_id", "immutable", "Indicator: an actual cannot move to another indicator")], "actual")
            cleaned, _ = self._period_values(w, "actual", {"indicator_id": actual.indicator_id, **values}, actual)
            for k, v in cleaned.items():
                setattr(actual, k, v)
        return w.changes()

    def delete_actual(self, actual_id: int, expected_version: int) -> Changes:
        """Delete an actual, given the version the caller read (as update_actual)."""
        _require_version("delete_actual", expected_version)
        return self._simple_delete("actual", actual_id, expected_version)

    # ------------------------------------------------------------ planned trajectory

    def set_planned(self, indicator_id: int, period: str, value: Any, expected_version: int | None = None) -> Changes:
        """Edit the plan for one period (a stepped or back-loaded plan). If that period was
        edited before, its version must be given, so two editors cannot overwrite each other."""
        with self._work("set_planned") as w:
            _, errors = clean(TRAJECTORY_POINT, {"indicator_id": indicator_id, "period": period, "value": value})
            label = None
            if not errors:
                label = parse_period(period, _frequency(w.session, indicator_id)).label
            existing = w.session.scalar(select(TrajectoryPoint).where(
                TrajectoryPoint.indicator_id == indicator_id, TrajectoryPoint.period == label)) if label else None
            if existing is None:
                cleaned, _ = self._period_values(
                    w, "trajectory_point", {"indicator_id": indicator_id, "period": period, "value": value})
                w.session.add(TrajectoryPoint(**cleaned))
            else:
                if expected_version is None:
                    raise ValidationFailed([ValidationError(
                        "period", "exists",
                        f"Period: the plan for {label} was already edited ({existing.value:g}); "
                        "reload it and edit that value")], "planned value")
                self._check_version(w.session, "trajectory_point", existing, expected_version)
                cleaned, _ = self._period_values(w, "trajectory_point", {"value": value}, existing)
                existing.value = cleaned["value"]
            w.session.flush()
        return w.changes()

    def clear_planned(self, indicator_id: int, period: str, expected_version: int | None) -> Changes:
        """Return one period whose plan was edited by hand to the linear plan (the version of
        the edited value must be given, so an edit made meanwhile is not lost)."""
        with self._work("clear_planned") as w:
            label = parse_period(str(period), _frequency(w.session, indicator_id)).label
            point = w.session.scalar(select(TrajectoryPoint).where(
                TrajectoryPoint.indicator_id == indicator_id, TrajectoryPoint.period == label))
            if point is None:
                raise ValidationFailed([ValidationError(
                    "period", "not_edited", f"Period: the plan for {label} follows the linear plan already")],
                    "planned value")
            self._delete(w, "trajectory_point", point.id, expected_version)
        return w.changes()

    # ------------------------------------------------------------------ SPC rebases

    def add_rebase(self, indicator_id: int, period: str, reason: str) -> Changes:
        """Start a new SPC group at `period` (a real change in the process), with the reason."""
        with self._work("add_rebase") as w:
            ind = self._get(w.session, "indicator", indicator_id)
            errors = []
            try:
                period_obj = parse_period(str(period), ind.frequency)
            except ValueError:
                period_obj = None  # the field validator reports it
            if period_obj is not None:
                typed, period = period, period_obj.label  # '2011-12' read as the indicator reports
                if not frequency_matches(ind.frequency, period_obj):
                    errors.append(ValidationError(
                        "period", "wrong_frequency",
                        f"Rebase from period: '{typed}' is not {ind.frequency.a_period}"))
                elif w.session.scalar(select(IndicatorRebase.id).where(
                        IndicatorRebase.indicator_id == indicator_id, IndicatorRebase.period == period_obj.label)):
                    errors.append(ValidationError("period", "exists",
                                                  f"Rebase from period: {period_obj.label} is already a rebase"))
            cleaned = self._validate(w.session, "indicator_rebase",
                                     {"indicator_id": indicator_id, "period": period, "reason": reason}, extra=errors)
            w.session.add(IndicatorRebase(indicator_id=indicator_id, period=cleaned["period"], reason=cleaned["reason"]))
        return w.changes()

    def remove_rebase(self, rebase_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("indicator_rebase", rebase_id, expected_version)


def _frequency(s: Any, indicator_id: Any) -> Any:
    """The indicator's reporting frequency, so its periods are read as it reports (None if unknown)."""
    ind = s.get(Indicator, indicator_id) if isinstance(indicator_id, int) else None
    return ind.frequency if ind is not None else None


def _require_version(command: str, expected_version: object) -> None:
    """An actual is a board's figure: it is changed only against the version its editor read, so
    that two editors (or an import and an editor) never overwrite each other unseen."""
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise TypeError(f"{command} needs the actual's version as read (an int), not {expected_version!r}: "
                        "without it the change would be saved with no conflict check")
