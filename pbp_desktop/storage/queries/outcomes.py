"""Storage layer: the outcome -> objective -> indicator tree, with every indicator assessed
(plan, actuals, RAG per period, trend, forecast) by the domain rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from ...domain.enums import LeadCapacity, LeadKind, Polarity, Rag, TargetChange
from ...domain.periods import parse_period
from ...domain.rag import RagConvention, mdc_trend, rate
from ...domain.spc import analyse
from ...domain.trajectory import PlannedPoint, forecast_at, linear_trajectory, merge_plan
from ...readmodels import (
    IndicatorPeriodRow,
    IndicatorRow,
    LeadRow,
    ObjectiveRow,
    OutcomeRow,
    RebaseRow,
)
from ..assessments import Assessment, assessments, keep, rows_by_indicator
from ..conventions import rag_convention
from ..models import (
    Actual,
    ChangeLog,
    Indicator,
    IndicatorRebase,
    Objective,
    ObjectiveLead,
    Outcome,
    OutcomeLead,
    Partner,
    Person,
    TrajectoryPoint,
)
from .changes import created_values

IndicatorRecord = Row[Any]  # a row of the indicator table, read whole (select(Indicator.__table__))


# The rows an assessment reads are made for tens of thousands of actuals and live only inside
# one read: plain slotted dataclasses, which are made three times quicker than frozen ones (a
# frozen dataclass sets each field through object.__setattr__; 0.45 s more for a large register's
# tree with every period).


@dataclass(slots=True)
class ActualFacts:
    """What an assessment reads of an actual (each date column read is a date parsed, twice for
    each of tens of thousands of actuals: the period's dates come from its label instead)."""

    id: int
    period: str
    value: float
    provisional: bool
    illustrative: bool
    version: int
    source: str | None
    note: str | None
    assessed_rag: str | None
    assessed_reason: str | None


@dataclass(slots=True)
class PlanFacts:
    """What an assessment reads of a planned value edited by hand."""

    period: str
    value: float
    version: int


def _plan(ind: IndicatorRecord, edited: Sequence[PlanFacts]) -> Mapping[str, tuple[float, int | None, object]]:
    """period label -> (planned value, version of the hand edit or None, Period)."""
    return _plan_of(ind.frequency, ind.baseline_value, ind.baseline_period, ind.target_value, ind.target_date,
                    tuple((tp.period, tp.value, tp.version) for tp in edited))


@lru_cache(maxsize=4096)
def _plan_of(frequency, baseline_value, baseline_period, target_value, target_date,
             edited: tuple[tuple[str, float, int], ...]) -> Mapping[str, tuple[float, int | None, object]]:
    """The plan is pure: the same targets and hand edits give the same plan, so an import or a
    recorded figure (which change actuals, not plans) does not make every indicator's plan again.
    Read-only, as it is shared."""
    generated: list[PlannedPoint] = []
    if target_value is not None and target_date is not None:
        if baseline_value is not None and baseline_period:
            generated = linear_trajectory(frequency, baseline_value, parse_period(baseline_period).end,
                                          target_value, target_date)
    versions = {period: version for period, _, version in edited}
    merged = merge_plan(generated, {parse_period(period): value for period, value, _ in edited})
    return MappingProxyType({p.period.label: (p.value, versions.get(p.period.label), p.period) for p in merged})


SPC_MIN_POINTS = 12  # below this an XmR chart says little; the pack wants 15


def _spc(ind: IndicatorRecord, observed: list[IndicatorPeriodRow], rebases: Sequence[RebaseRow]) -> Any:
    if len(observed) < SPC_MIN_POINTS:
        return None
    direction = "increase" if ind.polarity is Polarity.HIGHER_IS_BETTER else "decrease"
    return _analyse(tuple(r.actual for r in observed), tuple(r.period_end for r in observed),
                    direction, ind.target_value, tuple(parse_period(r.period).end for r in rebases))


@lru_cache(maxsize=4096)
def _analyse(values: tuple, dates: tuple, direction: str, target: float | None, rebase: tuple):
    """The analysis is pure: the same series gives the same result, so unchanged indicators are
    not analysed again each time a screen or the pack reloads."""
    return analyse(values, dates, improvement_direction=direction, target=target, rebase=rebase)


def assess(ind: IndicatorRecord, actuals: Sequence[ActualFacts], edited: Sequence[PlanFacts],
           *, leads: tuple[str, ...] = (), objective_reference: str = "", outcome_id: int = 0,
           outcome_reference: str = "", with_periods: bool = True,
           rebases: Sequence[RebaseRow] = (), objective_title: str = "",
           convention: str = RagConvention.DEFAULT) -> IndicatorRow:
    """An indicator assessed: each period rated against its plan under the register's RAG
    convention (with the figure's own RAG beside it), the latest figure and its RAG, the trend as
    Making Data Count reads it, the forecast at the target date, and the figure the target date
    is judged by (the last one for a period ending on or before it)."""
    plan = _plan(ind, edited)
    by_period = {a.period: a for a in actuals}
    target_only = (ind.target_value is not None and (ind.baseline_value is None or not ind.baseline_period))
    # without the periods (an assessment to store) only the periods with a figure count: the
    # latest, the trend, the forecast and the SPC chart are all made of figures
    labels = set(plan) | set(by_period) if with_periods else set(by_period)
    rows: list[IndicatorPeriodRow] = []
    for label in labels:
        a = by_period.get(label)
        planned_entry = plan.get(label)
        planned = planned_entry[0] if planned_entry else None
        if planned is None and target_only and a is not None:
            planned = ind.target_value  # no baseline yet: judge against the target itself
        period = planned_entry[2] if planned_entry else parse_period(label)
        result = rate(a.value if a else None, planned, ind.polarity, ind.tolerance_pct,
                      a.provisional if a else False, convention)
        rows.append(IndicatorPeriodRow(
            period=label, period_start=period.start, period_end=period.end,  # type: ignore[attr-defined]
            planned=planned, planned_edited=bool(planned_entry and planned_entry[1] is not None),
            planned_version=planned_entry[1] if planned_entry else None,
            actual=a.value if a else None, actual_id=a.id if a else None,
            actual_version=a.version if a else None, provisional=bool(a and a.provisional),
            illustrative=bool(a and a.illustrative), source=a.source if a else None,
            note=a.note if a else None, rag=result.rag, rag_reason=result.reason,
            assessed_rag=Rag(a.assessed_rag) if a and a.assessed_rag else None,
            assessed_reason=a.assessed_reason if a else None,
            figure_rag=result.figure_rag, figure_reason=result.figure_reason))
    rows.sort(key=lambda r: (r.period_end, r.period_start))
    observed = [r for r in rows if r.actual is not None]
    latest = observed[-1] if observed else None
    spc = _spc(ind, observed, rebases)
    trend = mdc_trend(spc.variation_type if spc is not None else None, len(observed))
    forecast = forecast_at([(parse_period(r.period), r.actual) for r in observed], ind.target_date)  # type: ignore[misc]
    at_target = None
    if ind.target_date is not None:
        # the target is judged by the figure for the period that ends at the target date (the
        # last period ending on or before it, with no whole period between): an older figure
        # says nothing about the target (NI 129's Q1 2008/09 against a target for March 2011)
        judged = [r for r in observed if r.period_end <= ind.target_date and r.actual is not None]
        last = judged[-1] if judged else None
        if last is not None and last.actual is not None \
                and ind.target_date - last.period_end <= last.period_end - last.period_start:
            at_target = (last.period, last.actual)
    return _row(ind, Assessment(latest, latest.rag if latest else Rag.GREY, trend, forecast, spc, at_target),
                convention=convention,
                leads=leads, objective_reference=objective_reference, outcome_id=outcome_id,
                outcome_reference=outcome_reference, periods=tuple(rows) if with_periods else (),
                rebases=rebases, objective_title=objective_title)


def _row(ind: IndicatorRecord, a: Assessment, *, leads: tuple[str, ...], objective_reference: str, outcome_id: int,
         outcome_reference: str, periods: tuple[IndicatorPeriodRow, ...] = (),
         rebases: Sequence[RebaseRow] = (), objective_title: str = "",
         convention: str = RagConvention.DEFAULT) -> IndicatorRow:
    return IndicatorRow(
        id=ind.id, version=ind.version, objective_id=ind.objective_id,
        objective_reference=objective_reference, outcome_id=outcome_id,
        outcome_reference=outcome_reference, code=ind.code, name=ind.name,
        definition=ind.definition, unit=ind.unit, polarity=ind.polarity, decimals=ind.decimals,
        baseline_value=ind.baseline_value, baseline_period=ind.baseline_period,
        target_value=ind.target_value, target_date=ind.target_date, data_source=ind.data_source,
        frequency=ind.frequency, tolerance_pct=ind.tolerance_pct, rag_definition=ind.rag_definition,
        notes=ind.notes, archived=ind.archived,
        awaiting_data=ind.target_value is None or ind.baseline_value is None,
        fingertips_id=ind.fingertips_id, fingertips_area=ind.fingertips_area, fingertips_sex=ind.fingertips_sex,
        fingertips_age=ind.fingertips_age, fingertips_category=ind.fingertips_category,
        leads=leads, latest=a.latest, rag=a.rag, trend=a.trend, forecast=a.forecast, periods=periods,
        rebases=tuple(sorted(rebases, key=lambda r: parse_period(r.period).end)),
        spc=a.spc, reporting_lag_months=ind.reporting_lag_months, target_figure=a.at_target,
        rag_convention=convention, target_period=ind.target_period,
        target_change=TargetChange(ind.target_change) if ind.target_change else None,
        target_amount=ind.target_amount, objective_title=objective_title)


def _stored_form(row: IndicatorRow) -> Assessment:
    spc = row.spc
    if spc is not None:
        spc = replace(spc, points=(), groups=(), point_count=spc.n_points)
    return Assessment(row.latest, row.rag, row.trend, row.forecast, spc, row.target_figure)


def keep_assessment(s: Session, row: IndicatorRow, as_of: int) -> None:
    """Keep the assessment of an indicator just read in full, for the tree to find: stored only
    if nothing has been written to the register since it was read (the change log's newest row
    is still as_of), otherwise made again from what is there now."""
    def assessor(wconn: Connection, ids: list[int]) -> dict[int, Assessment]:
        if latest_change_id_on(wconn) == as_of:
            return {row.id: _stored_form(row)}
        return _assess_for_store(wconn, ids)
    keep(s.connection(), row.id, assessor)


_ACTUAL_FACTS = ("id", "period", "value", "provisional", "illustrative", "version", "source", "note",
                 "assessed_rag", "assessed_reason")
_PLAN_FACTS = ("period", "value", "version")
_REBASE_FACTS = ("id", "version", "period", "reason")


def _facts(conn: Connection, ids: list[int], *, all_ids: bool) -> tuple[
        dict[int, list[ActualFacts]], dict[int, list[PlanFacts]], dict[int, list[RebaseRow]]]:
    """What assessing the indicators in ids reads, grouped by indicator: their actuals and plan
    edits (the columns an assessment reads, no more) and their rebases."""
    return (rows_by_indicator(conn, _table(Actual), ids, _ACTUAL_FACTS, ActualFacts, all_ids=all_ids),
            rows_by_indicator(conn, _table(TrajectoryPoint), ids, _PLAN_FACTS, PlanFacts, all_ids=all_ids),
            rows_by_indicator(conn, _table(IndicatorRebase), ids, _REBASE_FACTS, RebaseRow, all_ids=all_ids))


def _table(model: type[Any]) -> Table:
    return model.__table__


def _assess_for_store(conn: Connection, ids: list[int]) -> dict[int, Assessment]:
    """Assess the indicators in ids from what the register holds now (on `conn`)."""
    everything = len(ids) > 500
    table = Indicator.__table__
    q = select(table)
    if not everything:
        q = q.where(table.c.id.in_(ids))
    inds = {r.id: r for r in conn.execute(q)}
    actuals, edited, rebases = _facts(conn, ids, all_ids=everything)
    convention = rag_convention(conn)
    out: dict[int, Assessment] = {}
    for iid in ids:
        ind = inds.get(iid)
        if ind is None:
            continue
        out[iid] = _stored_form(assess(ind, actuals.get(iid, []), edited.get(iid, []), with_periods=False,
                                       rebases=rebases.get(iid, []), convention=convention))
    return out


def _lead(person_id, partner_id, team, role, pname, orgname, capacity=None) -> LeadRow:
    if person_id is not None:
        return LeadRow(LeadKind.PERSON, pname or "", person_id, capacity)
    if partner_id is not None:
        return LeadRow(LeadKind.PARTNER, orgname or "", partner_id, capacity)
    if team is not None:
        return LeadRow(LeadKind.TEAM, team, None, capacity)
    return LeadRow(LeadKind.ROLE, role or "", None, capacity)


def _leads(s: Session, objective_id: int | None = None) -> dict[int, list[LeadRow]]:
    """Each objective's leads, in the order they were given."""
    out: dict[int, list[LeadRow]] = defaultdict(list)
    q = (select(ObjectiveLead.objective_id, ObjectiveLead.person_id, ObjectiveLead.partner_id,
                ObjectiveLead.team, ObjectiveLead.role, Person.name, Partner.name)
         .outerjoin(Person, ObjectiveLead.person_id == Person.id)
         .outerjoin(Partner, ObjectiveLead.partner_id == Partner.id)
         .order_by(ObjectiveLead.id))
    if objective_id is not None:
        q = q.where(ObjectiveLead.objective_id == objective_id)
    for oid, *rest in s.execute(q):
        out[oid].append(_lead(*rest))
    return out


_CAPACITY_ORDER = {c: n for n, c in enumerate(LeadCapacity)}


def outcome_leads(s: Session, outcome_id: int | None = None) -> dict[int, list[LeadRow]]:
    """Each outcome's leads: its sponsors, lead partners and lead officers, in that order, each
    capacity's in the order they were given."""
    out: dict[int, list[LeadRow]] = defaultdict(list)
    q = (select(OutcomeLead.outcome_id, OutcomeLead.capacity, OutcomeLead.person_id, OutcomeLead.partner_id,
                OutcomeLead.team, OutcomeLead.role, Person.name, Partner.name)
         .outerjoin(Person, OutcomeLead.person_id == Person.id)
         .outerjoin(Partner, OutcomeLead.partner_id == Partner.id)
         .order_by(OutcomeLead.id))
    if outcome_id is not None:
        q = q.where(OutcomeLead.outcome_id == outcome_id)
    for oid, capacity, person_id, partner_id, team, role, pname, orgname in s.execute(q):
        out[oid].append(_lead(person_id, partner_id, team, role, pname, orgname, LeadCapacity(capacity)))
    for leads in out.values():  # stable: each capacity's in the order given
        leads.sort(key=lambda lead: _CAPACITY_ORDER.get(lead.capacity, 0) if lead.capacity else 0)
    return out


def _measure_leads(leads: tuple[LeadRow, ...]) -> tuple[str, ...]:
    """Who leads a measure of the outcome as a whole: its lead officers, else its lead partners,
    else its sponsors."""
    for capacity in (LeadCapacity.LEAD_OFFICER, LeadCapacity.LEAD_PARTNER, LeadCapacity.SPONSOR):
        names = tuple(lead.name for lead in leads if lead.capacity is capacity)
        if names:
            return names
    return ()


def outcome_tree(s: Session, *, include_archived: bool = False, with_periods: bool = True) -> list[OutcomeRow]:
    """Every outcome with its leads, its objectives (with their leads and assessed indicators)
    and the indicators directly under it, in board order."""
    oc, jc = Outcome.__table__.c, Objective.__table__.c  # plain rows, not ORM objects, throughout
    oq = (select(oc.id, oc.version, oc.reference, oc.title, oc.statement, oc.domain, oc.sort_order, oc.archived)
          .order_by(oc.sort_order, oc.reference))
    objq = select(Objective.__table__).order_by(jc.sort_order, jc.reference)
    indq = select(Indicator.__table__).order_by(Indicator.id)
    if not include_archived:
        oq = oq.where(oc.archived.is_(False))
        objq = objq.where(jc.archived.is_(False))
        indq = indq.where(Indicator.__table__.c.archived.is_(False))
    leads = _leads(s)
    convention = rag_convention(s.connection())
    by_outcome = outcome_leads(s)
    indicators: dict[int, list] = defaultdict(list)
    direct: dict[int, list] = defaultdict(list)
    all_ids: list[int] = []
    for ind in s.connection().execute(indq):
        if ind.objective_id is not None:
            indicators[ind.objective_id].append(ind)
        else:
            direct[ind.outcome_id].append(ind)
        all_ids.append(ind.id)
    if with_periods:
        # everything, period by period: tens of thousands of plain rows on a large register
        actuals, edited, rebases = _facts(s.connection(), all_ids, all_ids=True)
    else:
        summaries = assessments(s.connection(), all_ids, _assess_for_store)

    def rows_of(inds: list, names: tuple[str, ...], reference: str, title: str, o: Any) -> tuple[IndicatorRow, ...]:
        if with_periods:
            return tuple(
                assess(i, actuals.get(i.id, []), edited.get(i.id, []), leads=names, objective_reference=reference,
                       outcome_id=o.id, outcome_reference=o.reference, rebases=rebases.get(i.id, []),
                       objective_title=title, convention=convention)
                for i in inds)
        return tuple(
            _row(i, summaries[i.id], leads=names, objective_reference=reference, outcome_id=o.id,
                 outcome_reference=o.reference, objective_title=title, convention=convention)
            for i in inds)

    objectives: dict[int, list] = defaultdict(list)
    for obj in s.connection().execute(objq):
        objectives[obj.outcome_id].append(obj)
    result: list[OutcomeRow] = []
    for o in s.connection().execute(oq):
        obj_rows = []
        for obj in objectives.get(o.id, []):
            lead_list = tuple(leads.get(obj.id, []))
            names = tuple(lead.name for lead in lead_list)
            obj_rows.append(ObjectiveRow(
                obj.id, obj.version, obj.outcome_id, obj.reference, obj.title, obj.statement,
                obj.sort_order, obj.archived, names,
                tuple(lead.ref_id for lead in lead_list if lead.kind is LeadKind.PERSON and lead.ref_id is not None),
                tuple(lead.ref_id for lead in lead_list if lead.kind is LeadKind.PARTNER and lead.ref_id is not None),
                rows_of(indicators.get(obj.id, []), names, obj.reference, obj.title, o), lead_list))
        outcome_lead_rows = tuple(by_outcome.get(o.id, []))
        own_names = _measure_leads(outcome_lead_rows)
        result.append(OutcomeRow(o.id, o.version, o.reference, o.title, o.statement, o.domain, o.sort_order,
                                 o.archived, tuple(obj_rows), outcome_lead_rows,
                                 rows_of(direct.get(o.id, []), own_names, "", "", o)))
    return result


def indicator(s: Session, indicator_id: int) -> IndicatorRow | None:
    """One indicator with every period and its full SPC analysis (rows read by position, as
    the tree reads them: no ORM objects for its hundred-odd actuals)."""
    conn = s.connection()
    ind = conn.execute(select(Indicator.__table__).where(Indicator.__table__.c.id == indicator_id)).first()
    if ind is None:
        return None
    o, out = Objective.__table__.c, Outcome.__table__.c
    if ind.objective_id is not None:
        obj_ref, obj_title, out_id, out_ref = conn.execute(
            select(o.reference, o.title, out.id, out.reference).join(Outcome.__table__, out.id == o.outcome_id)
            .where(o.id == ind.objective_id)).one()
        names = tuple(lead.name for lead in _leads(s, ind.objective_id).get(ind.objective_id, []))
    else:  # a measure of the outcome as a whole: the outcome's leads lead it
        obj_ref, obj_title = "", ""
        out_id, out_ref = conn.execute(select(out.id, out.reference).where(out.id == ind.outcome_id)).one()
        names = _measure_leads(tuple(outcome_leads(s, out_id).get(out_id, [])))
    actuals, edited, rebases = _facts(conn, [indicator_id], all_ids=False)
    acts, tps, rbs = actuals.get(indicator_id, []), edited.get(indicator_id, []), rebases.get(indicator_id, [])
    return assess(ind, acts, tps, leads=names, objective_reference=obj_ref,
                  outcome_id=out_id, outcome_reference=out_ref, rebases=rbs, objective_title=obj_title,
                  convention=rag_convention(conn))


INDICATOR_DATA = frozenset({"actual", "trajectory_point", "indicator_rebase"})
_DATA_TABLES = {"actual": Actual, "trajectory_point": TrajectoryPoint, "indicator_rebase": IndicatorRebase}


def latest_change_id(s: Session) -> int:
    return latest_change_id_on(s.connection())


def latest_change_id_on(conn: Connection) -> int:
    return conn.execute(select(func.max(ChangeLog.__table__.c.id))).scalar() or 0


def changed_indicators(s: Session, since_change_id: int, *, most: int = 5000) -> set[int] | None:
    """The indicators whose actuals, plan or rebases changed after that change-log entry; None
    when anything else changed too (the tree's shape or its words may have moved), or more than
    `most` fields did (reading the whole tree again is then as quick)."""
    cl = ChangeLog.__table__.c
    conn = s.connection()
    rows = list(conn.execute(select(cl.entity, cl.entity_id, cl.change, cl.field, cl.old_value, cl.new_value)
                             .where(cl.id > since_change_id).limit(most + 1)))
    if len(rows) > most or any(entity not in INDICATOR_DATA for entity, *_ in rows):
        return None
    found: set[int] = set()
    records: dict[str, set[int]] = defaultdict(set)
    for entity, entity_id, change, fld, old, new in rows:
        created = created_values(change, fld, new)
        if created is not None:
            found.add(int(created["indicator_id"]))
        if fld == "indicator_id":  # deleted (or moved): the log names the indicator
            found.update(int(v) for v in (old, new) if v is not None)
        records[entity].add(entity_id)
    for entity, ids in records.items():
        table = _DATA_TABLES[entity].__table__
        for chunk in (sorted(ids)[k:k + 500] for k in range(0, len(ids), 500)):
            found.update(conn.execute(select(table.c.indicator_id).where(table.c.id.in_(chunk))).scalars())
    return found


def refresh_tree(s: Session, tree: list[OutcomeRow], indicator_ids: set[int]) -> list[OutcomeRow]:
    """The tree (without periods) with those indicators assessed again; the rest as they were."""
    present = {i.id for o in tree for i in o.all_indicators} & indicator_ids
    if not present:
        return tree
    fresh = assessments(s.connection(), sorted(present), _assess_for_store)

    def again(i: IndicatorRow) -> IndicatorRow:
        a = fresh[i.id]
        return replace(i, latest=a.latest, rag=a.rag, trend=a.trend, forecast=a.forecast, spc=a.spc,
                       target_figure=a.at_target)

    out = []
    for o in tree:
        if any(i.id in fresh for i in o.all_indicators):
            o = replace(o, objectives=tuple(
                replace(j, indicators=tuple(again(i) if i.id in fresh else i for i in j.indicators))
                if any(i.id in fresh for i in j.indicators) else j for j in o.objectives),
                indicators=tuple(again(i) if i.id in fresh else i for i in o.indicators))
        out.append(o)
    return out
