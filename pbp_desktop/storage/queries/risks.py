"""Storage layer: the risk register with computed scores, bands, movement and history."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import risk as rules
from ...domain.enums import RiskStatus
from ...readmodels import RiskRow, RiskScoreRow
from ..models import Person, Risk, RiskLink, RiskScore


def risks(s: Session, today: date, *, include_archived: bool = False,
          include_confidential: bool = True) -> list[RiskRow]:
    history: dict[int, list[RiskScoreRow]] = defaultdict(list)
    for h in s.scalars(select(RiskScore).order_by(RiskScore.assessed_on, RiskScore.id)):
        history[h.risk_id].append(RiskScoreRow(h.id, h.assessed_on, h.consequence, h.likelihood,
                                               rules.score(h.consequence, h.likelihood), h.note))
    outcomes: dict[int, list[int]] = defaultdict(list)
    objectives: dict[int, list[int]] = defaultdict(list)
    for link in s.scalars(select(RiskLink).order_by(RiskLink.id)):
        if link.outcome_id is not None:
            outcomes[link.risk_id].append(link.outcome_id)
        if link.objective_id is not None:
            objectives[link.risk_id].append(link.objective_id)
    q = select(Risk, Person.name).outerjoin(Person, Risk.owner_id == Person.id).order_by(Risk.reference)
    if not include_archived:
        q = q.where(Risk.archived.is_(False))
    if not include_confidential:
        q = q.where(Risk.confidential.is_(False))
    rows = []
    for r, owner in s.execute(q):
        current = rules.score(r.current_consequence, r.current_likelihood)
        hist = tuple(history.get(r.id, ()))
        previous = hist[-2].score if len(hist) >= 2 else current
        rows.append(RiskRow(
            id=r.id, version=r.version, reference=r.reference, title=r.title, cause=r.cause,
            event=r.event, effect=r.effect, category=r.category, owner_id=r.owner_id,
            owner_name=owner,
            inherent_consequence=r.inherent_consequence, inherent_likelihood=r.inherent_likelihood,
            inherent_score=rules.score(r.inherent_consequence, r.inherent_likelihood),
            current_consequence=r.current_consequence, current_likelihood=r.current_likelihood,
            current_score=current, current_band=rules.band(current),
            target_consequence=r.target_consequence, target_likelihood=r.target_likelihood,
            target_score=rules.score(r.target_consequence, r.target_likelihood),
            controls=r.controls, gaps=r.gaps, assurances=r.assurances, mitigations=r.mitigations,
            review_date=r.review_date,
            review_overdue=bool(r.review_date and r.review_date < today and r.status is RiskStatus.OPEN),
            status=r.status, baf=r.baf, confidential=r.confidential, archived=r.archived,
            movement=current - previous, outcome_ids=tuple(outcomes.get(r.id, ())),
            objective_ids=tuple(objectives.get(r.id, ())), history=hist))
    return rows
