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


def risks(s: Session, today: date, *, include_archived: bool = False, include_confidential: bool = True,
          extreme_only: bool = False, with_history: bool = True, risk_id: int | None = None) -> list[RiskRow]:
    """The risk register; extreme_only: the open risks scoring 15 or more (asked of the database);
    with_history=False leaves out the score history (the movement is still given)."""
    rc = Risk.__table__.c  # plain rows, not ORM objects: thousands of risks and their history
    # read by position, in RiskRow's order (a Row's attribute look-up is slow thirty times over
    # for thousands of risks)
    q = (select(rc.id, rc.version, rc.reference, rc.title, rc.cause, rc.event, rc.effect, rc.category, rc.owner_id,
                Person.name, rc.inherent_consequence, rc.inherent_likelihood, rc.current_consequence,
                rc.current_likelihood, rc.target_consequence, rc.target_likelihood, rc.controls, rc.gaps,
                rc.assurances, rc.mitigations, rc.review_date, rc.status, rc.baf, rc.confidential, rc.archived,
                rc.assurance_gaps)
         .outerjoin(Person, rc.owner_id == Person.id).order_by(rc.reference))
    if not include_archived:
        q = q.where(rc.archived.is_(False))
    if not include_confidential:
        q = q.where(rc.confidential.is_(False))
    if extreme_only:
        q = q.where(rc.status == RiskStatus.OPEN,
                    rc.current_consequence * rc.current_likelihood >= rules.EXTREME_THRESHOLD)
    if risk_id is not None:
        q = q.where(rc.id == risk_id)
    selected = [tuple(row) for row in s.connection().execute(q)]
    ids = [r[0] for r in selected] if extreme_only or risk_id is not None else None
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
    for (rid, version, reference, title, cause, event, effect, category, owner_id, owner_name, inherent_c,
         inherent_l, current_c, current_l, target_c, target_l, controls, gaps, assurances, mitigations,
         review_date, status, baf, confidential, archived, assurance_gaps) in selected:
        current = rules.score(current_c, current_l)
        rows.append(RiskRow(
            id=rid, version=version, reference=reference, title=title, cause=cause, event=event, effect=effect,
            category=category, owner_id=owner_id, owner_name=owner_name,
            inherent_consequence=inherent_c, inherent_likelihood=inherent_l,
            inherent_score=rules.score(inherent_c, inherent_l),
            current_consequence=current_c, current_likelihood=current_l,
            current_score=current, current_band=rules.band(current),
            target_consequence=target_c, target_likelihood=target_l, target_score=rules.score(target_c, target_l),
            controls=controls, gaps=gaps, assurances=assurances, mitigations=mitigations, review_date=review_date,
            review_overdue=bool(review_date and review_date < today and status is RiskStatus.OPEN),
            status=status, baf=baf, confidential=confidential, archived=archived,
            movement=current - previous.get(rid, current), outcome_ids=tuple(outcomes.get(rid, ())),
            objective_ids=tuple(objectives.get(rid, ())), history=tuple(history.get(rid, ())),
            assurance_gaps=assurance_gaps))
    return rows
