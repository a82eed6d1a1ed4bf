"""Storage layer: the risk register with computed scores, bands, movement and history."""

from __future__ import annotations

from collections import defaultdict, namedtuple
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import risk as rules
from ...domain.enums import RiskStatus
from ...readmodels import RiskRow, RiskScoreRow
from ..models import Person, Risk, RiskLink, RiskScore


def risks(s: Session, today: date, *, include_archived: bool = False, include_confidential: bool = True,
          extreme_only: bool = False, with_history: bool = True, risk_id: int | None = None) -> list[RiskRow]:
    """The risk register; extreme_only: the open risks scoring 15 or more (asked of the database);
    with_history=False leaves out the score history (the movement is still given)."""
    rc = Risk.__table__.c  # plain rows, not ORM objects: thousands of risks and their history
    q = select(*rc, Person.name.label("owner")).outerjoin(Person, rc.owner_id == Person.id).order_by(rc.reference)
    if not include_archived:
        q = q.where(rc.archived.is_(False))
    if not include_confidential:
        q = q.where(rc.confidential.is_(False))
    if extreme_only:
        q = q.where(rc.status == RiskStatus.OPEN,
                    rc.current_consequence * rc.current_likelihood >= rules.EXTREME_THRESHOLD)
    if risk_id is not None:
        q = q.where(rc.id == risk_id)
    result = s.connection().execute(q)
    # named tuples: a Row's attribute look-up is slow thirty times over for thousands of risks
    fields = namedtuple("RiskFields", list(result.keys()))
    selected = [fields._make(row) for row in result]
    ids = [r.id for r in selected] if extreme_only or risk_id is not None else None
    history: dict[int, list[RiskScoreRow]] = defaultdict(list)
    hc = RiskScore.__table__.c
    hq = select(hc.id, hc.risk_id, hc.assessed_on, hc.consequence, hc.likelihood, hc.note).order_by(
        hc.assessed_on, hc.id)
    if ids is not None:
        hq = hq.where(hc.risk_id.in_(ids))
    if with_history:
        for hid, rid, on, c, lk, note in s.connection().execute(hq):
            history[rid].append(RiskScoreRow(hid, on, c, lk, rules.score(c, lk), note))
    previous: dict[int, int] = {}  # the score before the latest, for the movement
    if with_history:
        previous = {rid: h[-2].score for rid, h in history.items() if len(h) >= 2}
    else:
        last: dict[int, int] = {}
        for rid, c, lk in s.connection().execute(hq.with_only_columns(hc.risk_id, hc.consequence, hc.likelihood)):
            if rid in last:
                previous[rid] = last[rid]
            last[rid] = c * lk
    outcomes: dict[int, list[int]] = defaultdict(list)
    objectives: dict[int, list[int]] = defaultdict(list)
    lc = RiskLink.__table__.c
    for _lid, rid, outcome_id, objective_id in s.connection().execute(
            select(lc.id, lc.risk_id, lc.outcome_id, lc.objective_id).order_by(lc.id)):
        if outcome_id is not None:
            outcomes[rid].append(outcome_id)
        if objective_id is not None:
            objectives[rid].append(objective_id)
    rows = []
    for r in selected:
        owner = r.owner
        current = rules.score(r.current_consequence, r.current_likelihood)
        hist = tuple(history.get(r.id, ()))
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
            movement=current - previous.get(r.id, current), outcome_ids=tuple(outcomes.get(r.id, ())),
            objective_ids=tuple(objectives.get(r.id, ())), history=hist))
    return rows
