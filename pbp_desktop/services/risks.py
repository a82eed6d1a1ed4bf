"""Services layer: the risk register. Scores are never entered, only their two factors; every
change of the current score appends to the risk's history in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from ..domain.errors import ValidationError, ValidationFailed
from ..domain.fields import Field, clean
from ..readmodels import Changes
from ..storage.models import Objective, Outcome, RiskLink, RiskScore
from .base import ServiceBase

_RESCORE = (
    Field("consequence", "Consequence", "int", required=True, minimum=1, maximum=5),
    Field("likelihood", "Likelihood", "int", required=True, minimum=1, maximum=5),
    Field("assessed_on", "Assessed on", "date"),
    Field("note", "Note", max_len=4000),
)


class RiskService(ServiceBase):
    def create(self, values: Mapping[str, Any], *, outcome_ids: Iterable[int] = (),
               objective_ids: Iterable[int] = (), assessed_on: date | None = None,
               note: str | None = None) -> Changes:
        first, errors = clean(_RESCORE[2:], {"assessed_on": assessed_on, "note": note})  # the first score's own rules
        if errors:
            raise ValidationFailed(errors, "risk")
        with self._work("create_risk") as w:
            risk = self._create(w, "risk", values)
            w.session.add(RiskScore(risk_id=risk.id, assessed_on=first.get("assessed_on") or self._clock(),
                                    consequence=risk.current_consequence,
                                    likelihood=risk.current_likelihood, note=first.get("note") or "First assessment"))
            self._replace_links(w, risk.id, outcome_ids, objective_ids)
        return w.changes()

    def update(self, risk_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_risk") as w:
            risk = self._get(w.session, "risk", risk_id)
            before = (risk.current_consequence, risk.current_likelihood)
            self._update(w, "risk", risk_id, values, expected_version)
            if (risk.current_consequence, risk.current_likelihood) != before:
                w.session.add(RiskScore(risk_id=risk.id, assessed_on=self._clock(),
                                        consequence=risk.current_consequence,
                                        likelihood=risk.current_likelihood))
        return w.changes()

    def rescore(self, risk_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        """Record a new assessment of the current score (consequence, likelihood, assessed_on,
        note): the risk's current score changes and the history gains an entry."""
        with self._work("rescore_risk") as w:
            risk = self._get(w.session, "risk", risk_id)
            self._check_version(w.session, "risk", risk, expected_version)
            cleaned, errors = clean(_RESCORE, values)
            if errors:
                raise ValidationFailed(errors, "risk")
            risk.current_consequence = cleaned["consequence"]
            risk.current_likelihood = cleaned["likelihood"]
            w.session.add(RiskScore(risk_id=risk.id, assessed_on=cleaned.get("assessed_on") or self._clock(),
                                    consequence=cleaned["consequence"], likelihood=cleaned["likelihood"],
                                    note=cleaned.get("note")))
        return w.changes()

    def set_links(self, risk_id: int, outcome_ids: Iterable[int], objective_ids: Iterable[int]) -> Changes:
        with self._work("set_risk_links") as w:
            self._get(w.session, "risk", risk_id)
            self._replace_links(w, risk_id, outcome_ids, objective_ids)
        return w.changes()

    def _replace_links(self, w, risk_id: int, outcome_ids: Iterable[int], objective_ids: Iterable[int]) -> None:
        outcomes, objectives = list(dict.fromkeys(outcome_ids)), list(dict.fromkeys(objective_ids))
        errors = [ValidationError("outcome_ids", "missing", f"Linked outcomes: there is no outcome with id {i}")
                  for i in outcomes if w.session.get(Outcome, i) is None]
        errors += [ValidationError("objective_ids", "missing", f"Linked objectives: there is no objective with id {i}")
                   for i in objectives if w.session.get(Objective, i) is None]
        if errors:
            raise ValidationFailed(errors, "risk")
        wanted = {("o", i) for i in outcomes} | {("j", i) for i in objectives}
        have = set()
        for link in w.session.scalars(select(RiskLink).where(RiskLink.risk_id == risk_id)):
            key = ("o", link.outcome_id) if link.outcome_id is not None else ("j", link.objective_id)
            if key in wanted:
                have.add(key)
            else:
                w.session.delete(link)
        for kind, i in sorted(wanted - have):
            w.session.add(RiskLink(risk_id=risk_id, **({"outcome_id": i} if kind == "o" else {"objective_id": i})))
        w.session.flush()

    def archive(self, risk_id: int, expected_version: int | None) -> Changes:
        """Risks are archived, never deleted: their score history is part of the record."""
        return self._set_archived("risk", risk_id, expected_version, True)

    def restore(self, risk_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("risk", risk_id, expected_version, False)
