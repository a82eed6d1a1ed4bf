"""Services layer: a large register at the scale of a whole integrated care system, for the
benchmark: seeded, so the same seed gives the same register. It is written in bulk (one
transaction per table), not through the per-record commands, and its change log records the
generation as one entry."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import insert

from ..domain.enums import (
    ActionStatus,
    AllianceRole,
    AttendanceRole,
    ChangeKind,
    RiskCategory,
    Sector,
)
from ..domain.periods import month
from ..storage.models import (
    Action,
    ActionUpdate,
    Actual,
    AgendaItem,
    Attendance,
    Body,
    ChangeBatch,
    ChangeLog,
    Indicator,
    Meeting,
    Membership,
    Objective,
    ObjectiveLead,
    Outcome,
    OutcomeLead,
    Partner,
    Partnership,
    Person,
    Risk,
    RiskScore,
    TrajectoryPoint,
)
from ..storage.uow import utcnow
from .register import Register


@dataclass(frozen=True)
class Scale:
    partners: int = 40
    people: int = 400
    bodies: int = 12
    outcomes: int = 60
    indicators: int = 600
    months: int = 120
    risks: int = 2000
    risk_history: int = 10
    actions: int = 20000
    action_updates: int = 3
    meetings: int = 600
    agenda_items: int = 10


LARGE = Scale()
QUICK = Scale(partners=10, people=60, bodies=6, outcomes=10, indicators=60, months=60, risks=200, risk_history=5,
              actions=2000, action_updates=3, meetings=60, agenda_items=8)

SECTORS = list(Sector)
ROLES = list(AllianceRole)
CATEGORIES = list(RiskCategory)


def build_large(reg: Register, *, today: date, scale: Scale = LARGE, seed: int = 20261123,
                with_actuals: bool = True) -> dict[str, int]:
    rnd = random.Random(seed)
    engine = reg.opened.engine
    counts: dict[str, int] = {}

    def put(model, rows: list[dict]) -> None:
        if rows:
            with engine.begin() as conn:
                conn.execute(insert(model), rows)
        counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)

    put(Partnership, [dict(id=1, name="Anyshire Integrated Care System (benchmark)", place="Anyshire",
                           integrated_care_system="Anyshire ICS", fy_start_month=4, version=1)])
    put(Partner, [dict(id=i, name=f"Partner organisation {i:03d}", short_name=f"P{i:03d}", sector=rnd.choice(SECTORS),
                       alliance_role=rnd.choice(ROLES), is_host=i == 1, joined_on=date(2018, 4, 1), version=1,
                       archived=False) for i in range(1, scale.partners + 1)])
    put(Person, [dict(id=i, name=f"Person {i:04d}", title=rnd.choice(["Director", "Manager", "Lead", "Officer"]),
                      partner_id=rnd.randint(1, scale.partners), version=1, archived=False)
                 for i in range(1, scale.people + 1)])
    put(Body, [dict(id=i, name=f"Board {i:02d}", short_name=f"B{i:02d}", reports_to_id=None if i == 1 else 1,
                    version=1, archived=False) for i in range(1, scale.bodies + 1)])
    put(Membership, [dict(body_id=b, person_id=p, role="Member", voting=True, version=1)
                     for b in range(1, scale.bodies + 1) for p in rnd.sample(range(1, scale.people + 1), 10)])
    sponsors = [rnd.randint(1, scale.people) for _ in range(1, scale.outcomes + 1)]
    put(Outcome, [dict(id=i, reference=f"O{i:02d}", title=f"Priority outcome {i}", statement="Benchmark outcome.",
                       sort_order=i * 10, version=1, archived=False)
                  for i in range(1, scale.outcomes + 1)])
    put(OutcomeLead, [dict(outcome_id=i, capacity="sponsor", person_id=sponsors[i - 1], version=1)
                      for i in range(1, scale.outcomes + 1)])
    per_outcome = 3
    objectives = []
    for o in range(1, scale.outcomes + 1):
        for k in range(1, per_outcome + 1):
            objectives.append(dict(id=(o - 1) * per_outcome + k, outcome_id=o, reference=f"O{o:02d}.{k}",
                                   title=f"Objective {k} of outcome {o}", sort_order=k * 10, version=1, archived=False))
    put(Objective, objectives)
    put(ObjectiveLead, [dict(objective_id=j["id"], person_id=rnd.randint(1, scale.people), version=1)
                        for j in objectives])
    first = month(today.year - scale.months // 12 - 1, 4)
    periods = []
    p = first
    for _ in range(scale.months):
        periods.append(p)
        p = month(p.end.year + (p.end.month == 12), p.end.month % 12 + 1)
    indicators, actuals, plan = [], [], []
    for i in range(1, scale.indicators + 1):
        base = rnd.uniform(20, 80)
        lower = rnd.random() < 0.5
        target = base * (0.8 if lower else 1.2)
        indicators.append(dict(id=i, objective_id=(i - 1) % len(objectives) + 1, code=f"IND{i:04d}",
                               name=f"Indicator {i}", unit="%", polarity="lower" if lower else "higher", decimals=1,
                               baseline_value=round(base, 1), baseline_period=month(first.start.year, 3).label
                               if first.start.month == 4 else first.label,
                               target_value=round(target, 1), target_date=periods[-1].end, frequency="monthly",
                               tolerance_pct=5.0, version=1, archived=False))
        level = base
        for k, per in enumerate(periods):
            planned = base + (target - base) * (k + 1) / len(periods)
            plan.append(dict(indicator_id=i, period=per.label, period_start=per.start, period_end=per.end,
                             value=round(planned, 2), version=1))
            level += rnd.gauss(0, 1.5) + (target - base) / len(periods)
            if with_actuals:
                actuals.append(dict(indicator_id=i, period=per.label, period_start=per.start, period_end=per.end,
                                    value=round(min(max(level, 0), 100), 2), provisional=k == len(periods) - 1,
                                    illustrative=True, source="Generated for the benchmark", version=1))
    put(Indicator, indicators)
    put(TrajectoryPoint, plan)
    put(Actual, actuals)
    risks, history = [], []
    for r in range(1, scale.risks + 1):
        c, lk = rnd.randint(1, 5), rnd.randint(1, 5)
        risks.append(dict(id=r, reference=f"R{r:04d}", title=f"Risk {r}", category=rnd.choice(CATEGORIES),
                          owner_id=rnd.randint(1, scale.people), inherent_consequence=min(c + 1, 5),
                          inherent_likelihood=min(lk + 1, 5), current_consequence=c, current_likelihood=lk,
                          target_consequence=max(c - 1, 1), target_likelihood=max(lk - 1, 1),
                          review_date=today + timedelta(days=rnd.randint(-60, 120)), status="open",
                          baf=rnd.random() < 0.1, confidential=rnd.random() < 0.05, version=1, archived=False))
        for h in range(scale.risk_history):
            history.append(dict(risk_id=r, assessed_on=today - timedelta(days=30 * (scale.risk_history - h)),
                                consequence=c if h == scale.risk_history - 1 else rnd.randint(1, 5),
                                likelihood=lk if h == scale.risk_history - 1 else rnd.randint(1, 5), version=1))
    put(Risk, risks)
    put(RiskScore, history)
    meetings, items, attendance = [], [], []
    for m in range(1, scale.meetings + 1):
        day = today + timedelta(days=14) - timedelta(days=7 * (scale.meetings - m))
        meetings.append(dict(id=m, body_id=(m - 1) % scale.bodies + 1, title=f"Meeting {m}", meets_on=day,
                             session="public", version=1))
        for k in range(1, scale.agenda_items + 1):
            items.append(dict(id=(m - 1) * scale.agenda_items + k, meeting_id=m, number=str(k), title=f"Item {k}",
                              recommendation=rnd.choice(["note", "discuss", "approve"]),
                              confidential=rnd.random() < 0.05, sort_order=k * 10, version=1))
        for person in rnd.sample(range(1, scale.people + 1), 6):
            attendance.append(dict(meeting_id=m, person_id=person, attendance=rnd.choice(list(AttendanceRole)),
                                   version=1))
    put(Meeting, meetings)
    put(AgendaItem, items)
    put(Attendance, attendance)
    actions, updates = [], []
    statuses = list(ActionStatus)
    for a in range(1, scale.actions + 1):
        status = rnd.choice(statuses)
        due = today + timedelta(days=rnd.randint(-400, 200))
        meeting_id = rnd.randint(1, scale.meetings)
        actions.append(dict(id=a, reference=f"A{a:05d}", description=f"Action {a}: follow up the item",
                            owner_id=rnd.randint(1, scale.people), meeting_id=meeting_id,
                            agenda_item_id=(meeting_id - 1) * scale.agenda_items + 1, due_on=due, status=status,
                            completed_on=due if status is ActionStatus.COMPLETE else None,
                            confidential=rnd.random() < 0.03, version=1))
        for u in range(scale.action_updates):
            updates.append(dict(action_id=a, written_on=due - timedelta(days=10 * (u + 1)), text=f"Update {u + 1}",
                                author="benchmark", version=1))
    put(Action, actions)
    put(ActionUpdate, updates)
    generated = f"generated (seed {seed}): " + ", ".join(f"{n} {t}" for t, n in counts.items())
    with engine.begin() as conn:
        batch_id = conn.scalar(insert(ChangeBatch).values(
            batch="generate-large-demo", at=utcnow(), user=reg.user, command="demo --scale large"
        ).returning(ChangeBatch.id))
        conn.execute(insert(ChangeLog).values(batch_id=batch_id, entity="partnership", entity_id=1,
                                              change=ChangeKind.CREATE, new_value=generated))
    return counts
