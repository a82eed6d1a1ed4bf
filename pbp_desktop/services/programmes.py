"""Services layer: programmes, their projects or key activities, and milestones. Every change
of a milestone's forecast appends to its forecast history in the same transaction, so slippage
can be shown over time; a gateway stage is a field like any other (logged, undoable)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from ..domain.errors import ValidationError, ValidationFailed
from ..readmodels import Changes
from ..storage.models import (
    TABLES,
    MilestoneForecast,
    Programme,
    ProgrammeBenefit,
    ProgrammeGoal,
    ProgrammeLink,
    ProgrammeUpdate,
    RegisterSetting,
)
from ..storage.queries.programmes import GATEWAY_STAGES_KEY, GOALS_KEY
from .base import ServiceBase

LINK_KINDS = ("outcome", "objective", "risk", "action", "partner")
FIRST_FORECAST = "First forecast"


class ProgrammeService(ServiceBase):
    # ------------------------------------------------------------ programmes and projects

    def create_programme(self, values: Mapping[str, Any], *, links: Mapping[str, Iterable[int]] | None = None) -> Changes:
        """A programme, or with `parent_id` a project or key activity under one. links: ids by
        kind ("outcome", "objective", "risk", "action", "partner": the lead partners)."""
        with self._work("create_programme") as w:
            programme = self._create(w, "programme", values, extra=self._parent_errors(w, values.get("parent_id"), None))
            if links:
                self._replace_links(w, programme.id, links)
        return w.changes()

    def update_programme(self, programme_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_programme") as w:
            extra = self._parent_errors(w, values["parent_id"], programme_id) if "parent_id" in values else []
            self._update(w, "programme", programme_id, values, expected_version, extra=extra)
        return w.changes()

    def set_gateway_stage(self, programme_id: int, stage: int | None, expected_version: int | None) -> Changes:
        """Move a programme or project through the gateway (logged and undoable like any edit)."""
        return self._simple_update("programme", programme_id, {"gateway_stage": stage}, expected_version)

    def archive_programme(self, programme_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("programme", programme_id, expected_version, True)

    def restore_programme(self, programme_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("programme", programme_id, expected_version, False)

    def delete_programme(self, programme_id: int, expected_version: int | None) -> Changes:
        """Delete a programme or project with nothing under it and no history to keep: its links,
        goals and benefits go with it; projects, milestones or highlight reports refuse it
        (archive it instead)."""
        with self._work("delete_programme") as w:
            obj = self._get(w.session, "programme", programme_id)
            self._check_version(w.session, "programme", obj, expected_version)
            for model in (ProgrammeLink, ProgrammeGoal, ProgrammeBenefit):
                for row in w.session.scalars(select(model).where(model.programme_id == programme_id)):
                    w.session.delete(row)
            w.session.flush()
            self._delete(w, "programme", programme_id, None)
        return w.changes()

    def _parent_errors(self, w, parent_id: Any, programme_id: int | None) -> list[ValidationError]:
        """A project sits under a programme, never under another project; a programme with
        projects of its own cannot become a project."""
        if parent_id in (None, ""):
            return []
        parent = w.session.get(Programme, parent_id) if isinstance(parent_id, int) else None
        if parent is None:
            return []  # the field's own check names the missing programme
        errors = []
        if parent.parent_id is not None:
            errors.append(ValidationError("parent_id", "nested",
                                          f"Part of programme: {parent.reference} is itself a project; a project "
                                          "belongs to a programme"))
        if programme_id is not None and w.session.scalar(
                select(Programme.id).where(Programme.parent_id == programme_id).limit(1)) is not None:
            errors.append(ValidationError("parent_id", "has_projects",
                                          "Part of programme: this programme has projects of its own, so it cannot "
                                          "become a project"))
        return errors

    def set_links(self, programme_id: int, links: Mapping[str, Iterable[int]]) -> Changes:
        """Replace the programme's links of the kinds given (a kind not given keeps its links)."""
        with self._work("set_programme_links") as w:
            self._get(w.session, "programme", programme_id)
            self._replace_links(w, programme_id, links)
        return w.changes()

    def _replace_links(self, w, programme_id: int, links: Mapping[str, Iterable[int]]) -> None:
        errors = []
        wanted: set[tuple[str, int]] = set()
        for kind, ids in links.items():
            if kind not in LINK_KINDS:
                raise ValueError(f"no such link: {kind}")
            for i in dict.fromkeys(ids):
                if self._exists(w.session, kind, i):
                    wanted.add((kind, i))
                else:
                    errors.append(ValidationError(f"{kind}_ids", "missing", f"Linked {kind}s: there is no {kind} with id {i}"))
        if errors:
            raise ValidationFailed(errors, "programme")
        have = set()
        for link in w.session.scalars(select(ProgrammeLink).where(ProgrammeLink.programme_id == programme_id)):
            kind = next(k for k in LINK_KINDS if getattr(link, f"{k}_id") is not None)
            if kind not in links:
                continue
            key = (kind, getattr(link, f"{kind}_id"))
            if key in wanted:
                have.add(key)
            else:
                w.session.delete(link)
        for kind, i in sorted(wanted - have):
            w.session.add(ProgrammeLink(programme_id=programme_id, **{f"{kind}_id": i}))
        w.session.flush()

    @staticmethod
    def _exists(s, kind: str, record_id: Any) -> bool:
        return isinstance(record_id, int) and s.get(TABLES[kind], record_id) is not None

    def set_goals(self, programme_id: int, contributions: Mapping[str, str | None]) -> Changes:
        """The programme's contribution to each goal named (blank: none, removed)."""
        with self._work("set_programme_goals") as w:
            self._get(w.session, "programme", programme_id)
            current = {g.goal: g for g in w.session.scalars(select(ProgrammeGoal)
                                                             .where(ProgrammeGoal.programme_id == programme_id))}
            for goal, text in contributions.items():
                text = (text or "").strip()
                row = current.get(goal)
                if not text:
                    if row is not None:
                        w.session.delete(row)
                elif row is None:
                    self._create(w, "programme_goal", {"programme_id": programme_id, "goal": goal, "contribution": text})
                elif row.contribution != text:
                    self._update(w, "programme_goal", row.id, {"contribution": text}, None)
            w.session.flush()
        return w.changes()

    # ------------------------------------------------------------ benefits and highlight reports

    def add_benefit(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("programme_benefit", values)

    def update_benefit(self, benefit_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("programme_benefit", benefit_id, values, expected_version)

    def delete_benefit(self, benefit_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("programme_benefit", benefit_id, expected_version)

    def save_update(self, programme_id: int, month: date, values: Mapping[str, Any]) -> Changes:
        """The programme's highlight report for a month: written the first time, changed after."""
        month = month.replace(day=1)
        with self._work("save_programme_update") as w:
            self._get(w.session, "programme", programme_id)
            existing = w.session.scalar(select(ProgrammeUpdate).where(ProgrammeUpdate.programme_id == programme_id,
                                                                      ProgrammeUpdate.month == month))
            fields = {k: v for k, v in values.items() if k not in ("programme_id", "month")}
            if existing is None:
                self._create(w, "programme_update", {**fields, "programme_id": programme_id, "month": month})
            else:
                self._update(w, "programme_update", existing.id, fields, None)
        return w.changes()

    def delete_update(self, update_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("programme_update", update_id, expected_version)

    # ------------------------------------------------------------ milestones

    def create_milestone(self, values: Mapping[str, Any], *, reason: str | None = None) -> Changes:
        """A milestone; its first forecast (its forecast date, else its baseline) starts its history."""
        with self._work("create_milestone") as w:
            self._add_milestone(w, values, reason)
        return w.changes()

    def _add_milestone(self, w, values: Mapping[str, Any], reason: str | None) -> Any:
        """Inside a command (this one's, or the milestone import's): the milestone and its first forecast."""
        milestone = self._create(w, "milestone", values)
        w.session.add(MilestoneForecast(milestone_id=milestone.id, recorded_on=self._clock(),
                                        forecast_date=milestone.forecast_date or milestone.baseline_date,
                                        reason=self._reason(reason) or FIRST_FORECAST))
        w.session.flush()
        return milestone

    def update_milestone(self, milestone_id: int, values: Mapping[str, Any], expected_version: int | None, *,
                         reason: str | None = None) -> Changes:
        """Change a milestone; a new forecast date is kept in its history with the reason given."""
        with self._work("update_milestone") as w:
            self._change_milestone(w, milestone_id, values, expected_version, reason)
        return w.changes()

    def _change_milestone(self, w, milestone_id: int, values: Mapping[str, Any], expected_version: int | None,
                          reason: str | None) -> None:
        """Inside a command: the change, and the forecast it moves to kept in its history."""
        milestone = self._get(w.session, "milestone", milestone_id)
        before = milestone.forecast_date or milestone.baseline_date
        self._update(w, "milestone", milestone_id, values, expected_version)
        after = milestone.forecast_date or milestone.baseline_date
        if after != before:
            w.session.add(MilestoneForecast(milestone_id=milestone_id, recorded_on=self._clock(),
                                            forecast_date=after, reason=self._reason(reason)))
            w.session.flush()

    def delete_milestone(self, milestone_id: int, expected_version: int | None) -> Changes:
        """Delete a milestone and its forecast history (undo brings both back)."""
        with self._work("delete_milestone") as w:
            obj = self._get(w.session, "milestone", milestone_id)
            self._check_version(w.session, "milestone", obj, expected_version)
            for row in w.session.scalars(select(MilestoneForecast).where(MilestoneForecast.milestone_id == milestone_id)):
                w.session.delete(row)
            w.session.flush()
            self._delete(w, "milestone", milestone_id, None)
        return w.changes()

    @staticmethod
    def _reason(reason: str | None) -> str | None:
        text = (reason or "").strip()
        if len(text) > 4000:
            raise ValidationFailed([ValidationError("reason", "too_long", "Reason: at most 4000 characters")],
                                   "milestone")
        return text or None

    # ------------------------------------------------------------ the partnership's names

    def set_gateway_stages(self, names: Iterable[str]) -> Changes:
        """The partnership's gateway stages, in order (a register setting, logged and undoable)."""
        return self._set_names(GATEWAY_STAGES_KEY, names, "gateway_stages", "Gateway stages")

    def set_goals_list(self, names: Iterable[str]) -> Changes:
        """The partnership's goals that programmes' contributions are written against."""
        return self._set_names(GOALS_KEY, names, "goals", "Goals")

    def _set_names(self, key: str, names: Iterable[str], field: str, label: str) -> Changes:
        cleaned = [" ".join(n.split()) for n in names if n and n.strip()]
        errors = []
        if not cleaned:
            errors.append(ValidationError(field, "required", f"{label}: name at least one"))
        if len({n.lower() for n in cleaned}) != len(cleaned):
            errors.append(ValidationError(field, "duplicate", f"{label}: a name is given twice"))
        errors += [ValidationError(field, "too_long", f"{label}: '{n[:40]}' is longer than 100 characters")
                   for n in cleaned if len(n) > 100]
        if errors:
            raise ValidationFailed(errors, "setting")
        with self._work(f"set_{field}") as w:
            setting = w.session.scalar(select(RegisterSetting).where(RegisterSetting.key == key))
            stored = json.dumps(cleaned)
            if setting is None:
                w.session.add(RegisterSetting(key=key, value=stored))
            elif setting.value != stored:
                setting.value = stored
            w.session.flush()
        return w.changes()

