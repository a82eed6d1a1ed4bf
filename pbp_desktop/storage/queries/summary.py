"""Storage layer: the register summary that the dashboard and `pbp-cli summary` show."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.enums import ActionStatus, RiskStatus
from ...readmodels import ActionFilter, OutcomeRagSummary, OutcomeRow, RegisterSummary
from ...readmodels.privacy import PrivateRecords
from ..models import Action, Actual, Risk
from ..privacy import private_records
from . import actions as action_q
from . import meetings as meeting_q
from . import outcomes as outcome_q
from . import people as people_q
from . import risks as risk_q

OVERDUE_SHOWN = 100  # the longest overdue actions listed; the counts are of all of them


def register_summary(s: Session, today: date, *, include_confidential: bool = True,
                     tree: list[OutcomeRow] | None = None, reuse: RegisterSummary | None = None,
                     changed: set[int] | None = None) -> RegisterSummary:
    """Every figure is asked of the database (counts, the extreme risks, the longest overdue
    actions), so the dashboard opens as fast on 20,000 actions as on twenty. tree: the outcome
    tree without periods, when the caller has it; reuse: a summary of the same day whose actions,
    risks and meetings have not changed since (only the figures of the indicators in `changed`
    have)."""
    if tree is None:
        tree = outcome_q.outcome_tree(s, with_periods=False)
    outcomes = tuple(OutcomeRagSummary.of(o) for o in tree)
    records = None if include_confidential else private_records(s)
    if reuse is not None:  # only indicators' figures have changed since
        overdue, extreme, withheld_risks = reuse.overdue_actions, reuse.extreme_risks, reuse.withheld_risks
        next_meeting, reviews = reuse.next_meeting, reuse.reviews_overdue
        private_rows = reuse.private_rows
        overdue_all = reuse.overdue_count + reuse.withheld_actions
        overdue_private = reuse.withheld_actions if not include_confidential else 0
    elif include_confidential:
        overdue_where = (Action.due_on < today, Action.status.not_in([ActionStatus.COMPLETE, ActionStatus.CANCELLED]))
        overdue_all = s.scalar(select(func.count()).select_from(Action).where(*overdue_where)) or 0
        overdue_private = 0
        reviews = tuple(s.scalars(select(Risk.reference).where(
            Risk.archived.is_(False), Risk.status == RiskStatus.OPEN, Risk.review_date < today).order_by(Risk.reference)))
        overdue = tuple(action_q.actions(s, today, ActionFilter(overdue_only=True), with_updates=False,
                                         limit=OVERDUE_SHOWN))
        extreme = tuple(sorted(risk_q.risks(s, today, extreme_only=True, with_history=False),
                               key=lambda r: (-r.current_score, r.reference)))
        withheld_risks = 0
        upcoming = meeting_q.meetings(s, from_date=today)
        next_meeting = min(upcoming, key=lambda m: m.meets_on) if upcoming else None
        rule = private_records(s)  # the one rule, so the dashboard can mark what public papers leave out
        private_rows = frozenset({("action", a.id) for a in overdue if rule.row_private(a)}
                                 | {("risk", r.id) for r in extreme if rule.row_private(r)})
    else:  # public: every record the privacy rule makes private is left out (storage/privacy.py)
        assert records is not None
        every_overdue = action_q.actions(s, today, ActionFilter(overdue_only=True), with_updates=False)
        shown = [a for a in every_overdue if not records.row_private(a)]
        overdue_all, overdue_private = len(every_overdue), len(every_overdue) - len(shown)
        overdue = tuple(shown[:OVERDUE_SHOWN])
        reviews = tuple(ref for ident, ref in s.execute(select(Risk.id, Risk.reference).where(
            Risk.archived.is_(False), Risk.status == RiskStatus.OPEN, Risk.review_date < today)
            .order_by(Risk.reference)) if not records.private("risk", ident))
        extreme_all = tuple(sorted(risk_q.risks(s, today, extreme_only=True, with_history=False),
                                   key=lambda r: (-r.current_score, r.reference)))
        extreme = tuple(r for r in extreme_all if not records.row_private(r))
        withheld_risks = len(extreme_all) - len(extreme)
        upcoming = [m for m in meeting_q.meetings(s, from_date=today) if not records.row_private(m)]
        next_meeting = min(upcoming, key=lambda m: m.meets_on) if upcoming else None
        private_rows = frozenset()  # none listed: a public summary leaves them out
    counted = select(Actual.indicator_id, func.count()).where(Actual.illustrative.is_(True))
    if reuse is not None and changed is not None:  # counted again only for the indicators changed
        by_indicator = dict(reuse.illustrative_by_indicator)
        for iid in changed:
            by_indicator.pop(iid, None)
        for chunk in (sorted(changed)[k:k + 500] for k in range(0, len(changed), 500)):
            by_indicator.update(s.execute(counted.where(Actual.indicator_id.in_(chunk)).group_by(Actual.indicator_id)).all())
    else:
        by_indicator = dict(s.execute(counted.group_by(Actual.indicator_id)).all())
    illustrative = sum(by_indicator.values())
    notes = () if next_meeting is None else reuse.meeting_notes if reuse is not None \
        else meeting_notes(s, next_meeting.id, records)
    missing = missing_for_meeting(notes, outcomes, overdue_all, reviews) if next_meeting else ()
    return RegisterSummary(
        reuse.partnership if reuse is not None else people_q.partnership(s), today, outcomes, overdue, extreme, next_meeting, illustrative, missing,
        overdue_count=overdue_all if include_confidential else overdue_all - overdue_private,
        withheld_actions=0 if include_confidential else overdue_private,
        withheld_risks=withheld_risks, reviews_overdue=reviews, meeting_notes=notes,
        illustrative_by_indicator=tuple(sorted(by_indicator.items())), private_rows=private_rows)


def meeting_notes(s: Session, meeting_id: int, records: PrivateRecords | None = None) -> tuple[str, ...]:
    """What a coming meeting's agenda and attendance still lack (of its public business only,
    given the private records)."""
    detail = meeting_q.meeting(s, meeting_id)
    if detail is None:
        return ()
    missing: list[str] = []
    if not detail.items:
        missing.append("The agenda has no items yet")
    for item in detail.items:
        if records is not None and records.row_private(item):
            continue
        if item.recommendation is None:
            missing.append(f"Item {item.number} ({item.title}) has no recommendation")
        if not item.presenter and item.recommendation is not None and item.recommendation.value != "note":
            missing.append(f"Item {item.number} ({item.title}) has no presenter")
    if not detail.attendance:
        missing.append("No apologies or attendance recorded yet")
    return tuple(missing)


def missing_for_meeting(notes: tuple[str, ...], outcomes: tuple[OutcomeRagSummary, ...], overdue: int,
                        reviews_overdue: tuple[str, ...]) -> tuple[str, ...]:
    """What is still missing for a coming meeting, in the words a board secretary would use: its
    agenda's and attendance's gaps (notes), then the figures, risk reviews and actions."""
    missing = list(notes)
    no_figures = [i for o in outcomes for i in o.indicators if i.latest is None and not i.awaiting_data]
    if no_figures:
        missing.append(f"{len(no_figures)} indicator(s) with a target have no figure yet")
    awaiting = [i for o in outcomes for i in o.indicators if i.awaiting_data]
    if awaiting:
        missing.append(f"{len(awaiting)} indicator(s) still await a baseline or target")
    if reviews_overdue:
        named = ", ".join(reviews_overdue[:20]) + (f" and {len(reviews_overdue) - 20:,} more"
                                                  if len(reviews_overdue) > 20 else "")
        missing.append(f"{len(reviews_overdue):,} risk review(s) overdue: {named}")
    if overdue:
        missing.append(f"{overdue:,} overdue action(s) to chase before the meeting")
    return tuple(missing)
