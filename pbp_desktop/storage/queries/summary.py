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
    overdue = tuple(action_q.actions(s, today, overdue_only=True))
    all_risks = risk_q.risks(s, today)
    extreme = tuple(sorted((r for r in all_risks
                            if r.current_score >= EXTREME_THRESHOLD and r.status.value == "open"),
                           key=lambda r: (-r.current_score, r.reference)))
    upcoming = [m for m in meeting_q.meetings(s) if m.meets_on >= today]
    next_meeting = min(upcoming, key=lambda m: m.meets_on) if upcoming else None
    illustrative = s.scalar(select(func.count()).select_from(Actual).where(Actual.illustrative.is_(True))) or 0
    missing = meeting_missing(s, next_meeting.id, today, outcomes, overdue, all_risks) if next_meeting else ()
    return RegisterSummary(people_q.partnership(s), today, outcomes, overdue, extreme, next_meeting,
                           illustrative, missing)


def meeting_missing(s: Session, meeting_id: int, today: date, outcomes: tuple[OutcomeRagSummary, ...],
                    overdue: tuple, risks: list | None = None) -> tuple[str, ...]:
    """What is still missing for a coming meeting, in the words a board secretary would use."""
    detail = meeting_q.meeting(s, meeting_id)
    if detail is None:
        return ()
    missing: list[str] = []
    if not detail.items:
        missing.append("The agenda has no items yet")
    for item in detail.items:
        if item.recommendation is None:
            missing.append(f"Item {item.number} ({item.title}) has no recommendation")
        if not item.presenter and item.recommendation is not None and item.recommendation.value != "note":
            missing.append(f"Item {item.number} ({item.title}) has no presenter")
    if not detail.attendance:
        missing.append("No apologies or attendance recorded yet")
    no_figures = [i for o in outcomes for i in o.indicators if i.latest is None and not i.awaiting_data]
    if no_figures:
        missing.append(f"{len(no_figures)} indicator(s) with a target have no figure yet")
    awaiting = [i for o in outcomes for i in o.indicators if i.awaiting_data]
    if awaiting:
        missing.append(f"{len(awaiting)} indicator(s) still await a baseline or target")
    reviews = [r for r in (risks if risks is not None else risk_q.risks(s, today)) if r.review_overdue]
    if reviews:
        missing.append(f"{len(reviews)} risk review(s) overdue: {', '.join(r.reference for r in reviews)}")
    if overdue:
        missing.append(f"{len(overdue)} overdue action(s) to chase before the meeting")
    return tuple(missing)
