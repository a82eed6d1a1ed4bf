"""Storage layer: programmes with their projects, links, goals, benefits, highlight reports and
milestones (each judged against its contingency as at a date), read in a few queries."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ...domain.enums import MilestoneStatus
from ...domain.programmes import (
    DEFAULT_GATEWAY_STAGES,
    DEFAULT_GOALS,
    milestone_slippage,
    stage_name,
)
from ...readmodels import (
    BenefitRow,
    ForecastRow,
    GoalRow,
    LinkedRow,
    MilestoneRow,
    ProgrammeRow,
    ProgrammeUpdateRow,
)
from ..models import (
    Action,
    Indicator,
    Milestone,
    MilestoneForecast,
    Objective,
    Outcome,
    Partner,
    Person,
    Programme,
    ProgrammeBenefit,
    ProgrammeGoal,
    ProgrammeLink,
    ProgrammeUpdate,
    RegisterSetting,
    Risk,
)

GATEWAY_STAGES_KEY = "programme.gateway_stages"
GOALS_KEY = "programme.goals"


def _names(conn: Connection, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list of names kept as a register setting (JSON), else the default; a setting the app
    cannot read counts as the default."""
    t = RegisterSetting.__table__
    value = conn.execute(select(t.c.value).where(t.c.key == key)).scalar()
    if value is None:
        return default
    try:
        names = json.loads(value)
    except (ValueError, TypeError):
        return default
    if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names) or not names:
        return default
    return tuple(n.strip() for n in names)


def gateway_stages(conn: Connection) -> tuple[str, ...]:
    """The partnership's gateway stages, in order (default: the seed plan's four phases)."""
    return _names(conn, GATEWAY_STAGES_KEY, DEFAULT_GATEWAY_STAGES)


def goals(conn: Connection) -> tuple[str, ...]:
    """The partnership's goals a programme's contribution is written against."""
    return _names(conn, GOALS_KEY, DEFAULT_GOALS)


def programmes(s: Session, today: date, *, include_archived: bool = False,
               include_confidential: bool = True) -> list[ProgrammeRow]:
    """Every programme (no parent) in reference order, each with its projects nested; archived
    ones left out unless asked (a project under an archived programme goes with it). Milestones
    are as they stood at `today` (a past month's highlight report shows that month's forecasts)."""
    conn = s.connection()
    stages = gateway_stages(conn)
    pc = Programme.__table__.c
    people = {pid: name for pid, name in conn.execute(select(Person.id, Person.name))}
    everything = [r for r in conn.execute(select(Programme.__table__).order_by(pc.reference)).mappings()]
    records = everything
    if not include_archived:
        records = [r for r in records if not r["archived"]]
    if not include_confidential:
        records = [r for r in records if not r["confidential"]]

    links: dict[int, list[LinkedRow]] = defaultdict(list)
    titles = {
        "outcome": {i: (ref, t) for i, ref, t in conn.execute(select(Outcome.id, Outcome.reference, Outcome.title))},
        "objective": {i: (ref, t) for i, ref, t in
                      conn.execute(select(Objective.id, Objective.reference, Objective.title))},
        "risk": {i: (ref, t) for i, ref, t in conn.execute(select(Risk.id, Risk.reference, Risk.title))},
        "action": {i: (ref or f"#{i}", d) for i, ref, d in
                   conn.execute(select(Action.id, Action.reference, Action.description))},
        "partner": {i: ("", n) for i, n in conn.execute(select(Partner.id, Partner.name))},
    }
    lc = ProgrammeLink.__table__.c
    for row in conn.execute(select(ProgrammeLink.__table__).order_by(lc.id)).mappings():
        for kind in ("outcome", "objective", "risk", "action", "partner"):
            target = row[f"{kind}_id"]
            if target is not None:
                ref, title = titles[kind].get(target, ("", ""))
                links[row["programme_id"]].append(LinkedRow(row["id"], kind, target, ref or "", title or ""))
    goal_rows: dict[int, list[GoalRow]] = defaultdict(list)
    order = {g: k for k, g in enumerate(goals(conn))}
    gc = ProgrammeGoal.__table__.c
    for gid, pid, goal, contribution in conn.execute(select(gc.id, gc.programme_id, gc.goal, gc.contribution)):
        goal_rows[pid].append(GoalRow(gid, goal, contribution))
    for rows in goal_rows.values():
        rows.sort(key=lambda g: (order.get(g.goal, len(order)), g.goal))
    labels = {i: f"{code} {name}" if code else name for i, code, name in
              conn.execute(select(Indicator.id, Indicator.code, Indicator.name))}
    benefits: dict[int, list[BenefitRow]] = defaultdict(list)
    bc = ProgrammeBenefit.__table__.c
    for bid, pid, text, ind in conn.execute(select(bc.id, bc.programme_id, bc.description, bc.indicator_id)
                                            .order_by(bc.id)):
        benefits[pid].append(BenefitRow(bid, text, ind, labels.get(ind) if ind is not None else None))
    updates: dict[int, list[ProgrammeUpdateRow]] = defaultdict(list)
    uc = ProgrammeUpdate.__table__.c
    for u in conn.execute(select(ProgrammeUpdate.__table__).order_by(uc.month.desc())).mappings():
        updates[u["programme_id"]].append(ProgrammeUpdateRow(
            u["id"], u["version"], u["programme_id"], u["month"], u["progress"], u["next_steps"], u["risks_issues"],
            u["decisions"], u["confidence"], u["confidence_reason"]))
    forecasts: dict[int, list[ForecastRow]] = defaultdict(list)
    fc = MilestoneForecast.__table__.c
    for fid, mid, on, when, reason in conn.execute(select(fc.id, fc.milestone_id, fc.recorded_on, fc.forecast_date,
                                                          fc.reason).order_by(fc.recorded_on, fc.id)):
        forecasts[mid].append(ForecastRow(fid, on, when, reason))
    milestones: dict[int, list[dict]] = defaultdict(list)
    mc = Milestone.__table__.c
    for m in conn.execute(select(Milestone.__table__).order_by(mc.baseline_date, mc.id)).mappings():
        if include_confidential or not m["confidential"]:
            milestones[m["programme_id"]].append(dict(m))

    by_id = {r["id"]: r for r in everything}
    children_of: dict[int, list] = defaultdict(list)
    for r in records:
        if r["parent_id"] is not None:
            children_of[r["parent_id"]].append(r)

    def contingency(r) -> int | None:
        own = r["contingency_months"]
        if own is not None or r["parent_id"] is None:
            return own
        parent = by_id.get(r["parent_id"])
        return contingency(parent) if parent is not None else None

    def milestone(m, months: int | None) -> MilestoneRow:
        """A milestone as it stood at `today`: a forecast changed since is shown as it was then (its
        history up to that day), and a date done after it is not yet done; today's view is the
        record itself, and so is the view of a day before anything was recorded of it."""
        history = forecasts[m["id"]]
        known = [f for f in history if f.recorded_on <= today]
        forecast, actual, status = m["forecast_date"], m["actual_date"], m["status"]
        if known and known[-1] is not history[-1]:
            forecast = known[-1].forecast_date
        if actual is not None and actual > today:
            actual = None
            if status is MilestoneStatus.COMPLETE:
                status = MilestoneStatus.IN_PROGRESS
        return MilestoneRow(
            id=m["id"], version=m["version"], programme_id=m["programme_id"], title=m["title"],
            baseline_date=m["baseline_date"], forecast_date=forecast, actual_date=actual, status=status,
            check_point=m["check_point"], reported_to=m["reported_to"], note=m["note"],
            confidential=m["confidential"], contingency_months=months,
            slippage=milestone_slippage(m["baseline_date"], forecast, actual, status, months, today),
            # a history all recorded after that day (entered since) is shown whole, with the record
            forecasts=tuple(known) if known else tuple(history))

    def build(r) -> ProgrammeRow:
        months = contingency(r)
        children = tuple(build(c) for c in children_of[r["id"]])
        return ProgrammeRow(
            id=r["id"], version=r["version"], parent_id=r["parent_id"], reference=r["reference"], title=r["title"],
            aim=r["aim"], lead_director_id=r["lead_director_id"], lead_director=people.get(r["lead_director_id"]),
            sponsor_id=r["sponsor_id"], sponsor=people.get(r["sponsor_id"]),
            activity_manager_id=r["activity_manager_id"], activity_manager=people.get(r["activity_manager_id"]),
            gateway_stage=r["gateway_stage"], gateway_name=stage_name(r["gateway_stage"], stages),
            status=r["status"], confidence=r["confidence"], confidence_reason=r["confidence_reason"],
            contingency_months=r["contingency_months"], contingency=months, investment=r["investment"],
            key_partners=r["key_partners"], confidential=r["confidential"], archived=r["archived"],
            links=tuple(links[r["id"]]), goals=tuple(goal_rows[r["id"]]), benefits=tuple(benefits[r["id"]]),
            milestones=tuple(milestone(m, months) for m in milestones[r["id"]]),
            updates=tuple(updates[r["id"]]), projects=children)

    return [build(r) for r in records if r["parent_id"] is None]
