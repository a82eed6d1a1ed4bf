"""Storage layer: the register summary that the dashboard and `pbp-cli summary` show."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.risk import EXTREME_THRESHOLD
from ...readmodels import OutcomeRagSummary, RegisterSummary
from ..models import Actual
from . import actions as action_q
from . import meetings as meeting_q
from . import outcomes as outcome_q
from . import people as people_q
from . import risks as risk_q


def register_summary(s: Session, today: date) -> RegisterSummary:
    outcomes = tuple(
        OutcomeRagSummary(o.id, o.reference, o.title, o.rag_counts(),
                          tuple(i for obj in o.objectives for i in obj.indicators))
        for o in outcome_q.outcome_tree(s, with_periods=False))
    overdue = tuple(a for a in action_q.actions(s, today) if a.overdue)
    extreme = tuple(sorted((r for r in risk_q.risks(s, today)
                            if r.current_score >= EXTREME_THRESHOLD and r.status.value == "open"),
                           key=lambda r: (-r.current_score, r.reference)))
    upcoming = [m for m in meeting_q.meetings(s) if m.meets_on >= today]
    next_meeting = min(upcoming, key=lambda m: m.meets_on) if upcoming else None
    illustrative = s.scalar(select(func.count()).select_from(Actual).where(Actual.illustrative.is_(True))) or 0
    return RegisterSummary(people_q.partnership(s), today, outcomes, overdue, extreme, next_meeting,
                           illustrative)
