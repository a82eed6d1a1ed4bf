"""Services layer: each register's export sheets (XLSX sheets, CSV files), declared once per
register. A sheet's column names the stored columns it carries (`carries`), so a test can hold
every column of every table to a sheet (tests/test_registers.py); a column a register leaves out
of its sheets is named in `not_exported`, with the reason. services.exporting loops over these."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, select

from ..domain.enums import LeadCapacity, LeadKind
from ..domain.registers import label
from ..readmodels import IndicatorRow, LeadRow, MeetingDetail, MilestoneRow, ProgrammeRow
from ..storage.base import Base

# columns every table has that no sheet carries: the JSON export carries them (and every other)
BOOKKEEPING = {
    "id": "the record's internal number; the sheets name records by their references and names",
    "version": "the count of edits the app keeps to refuse a lost update",
}


@dataclass(frozen=True, slots=True)
class Col:
    """One column of a sheet: its header, how to read its value from a row, and the stored
    columns ("table.column") it carries (none for a figure the app works out, such as a RAG)."""

    header: str
    get: Callable[[Any], Any]
    carries: tuple[str, ...] = ()


def col(header: str, get: Callable[[Any], Any], *carries: str) -> Col:
    return Col(header, get, carries)


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    columns: tuple[Col, ...]
    rows: Callable[[ExportData], Iterable[Any]]


@dataclass(frozen=True, slots=True)
class ExportContribution:
    """A register's sheets, and the columns of its tables they leave out, each with the reason."""

    register: str
    sheets: tuple[SheetSpec, ...]
    not_exported: dict[str, str] = field(default_factory=dict)


EXPORTS: list[ExportContribution] = []


def contribute(c: ExportContribution) -> ExportContribution:
    if any(e.register == c.register for e in EXPORTS):
        raise ValueError(f"the export sheets of the register {c.register} are declared twice")
    EXPORTS.append(c)
    return c


class ExportData:
    """What the sheets read, each asked of the register once, when a sheet first needs it: the
    readmodels the screens show, and for what they leave out, a table's own records."""

    def __init__(self, queries: Any, engine: Engine):
        self.q = queries
        self._engine = engine

    def records(self, table: str) -> list[dict[str, Any]]:
        """A table's records as stored, in the order of their ids."""
        t = Base.metadata.tables[table]
        with self._engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()]

    def typed_names(self, table: str) -> dict[int, str | None]:
        """The name typed on attendance or declaration records (the readmodels show the register
        person's name instead, when one is linked)."""
        return {r["id"]: r["name"] for r in self.records(table)}

    @cached_property
    def outcome_refs(self) -> dict[int, str]:
        return {o.id: o.reference for o in self.tree}

    @cached_property
    def objective_refs(self) -> dict[int, str]:
        return {j.id: j.reference for o in self.tree for j in o.objectives}

    @cached_property
    def body_names(self) -> dict[int, str]:
        return {b.id: b.name for b in self.q.bodies(include_archived=True)}

    @cached_property
    def risk_refs(self) -> dict[int, str]:
        return {r.id: r.reference for r in self.risks}

    @cached_property
    def tree(self) -> list[Any]:
        return self.q.outcome_tree(include_archived=True, with_periods=True)

    @cached_property
    def indicators(self) -> list[IndicatorRow]:
        return [i for o in self.tree for i in o.all_indicators]

    @cached_property
    def risks(self) -> list[Any]:
        return self.q.risks(include_archived=True)

    @cached_property
    def actions(self) -> list[Any]:
        return self.q.actions()

    @cached_property
    def meetings(self) -> list[Any]:
        return self.q.meetings()

    @cached_property
    def details(self) -> list[MeetingDetail]:
        return [d for d in (self.q.meeting(m.id) for m in self.meetings) if d]

    @cached_property
    def programmes(self) -> list[ProgrammeRow]:
        """Every programme and project, archived and confidential ones too, each programme
        followed by its projects."""
        out: list[ProgrammeRow] = []
        for p in self.q.programmes(include_archived=True, include_confidential=True):
            out.append(p)
            out.extend(p.projects)
        return out

    @cached_property
    def programme_refs(self) -> dict[int, str]:
        return {p.id: p.reference for p in self.programmes}

    @cached_property
    def milestones(self) -> list[tuple[ProgrammeRow, MilestoneRow]]:
        return [(p, m) for p in self.programmes for m in p.milestones]


def _enum(v: Any) -> Any:
    return v.label if hasattr(v, "label") else v


_OUTCOME_LEAD = ("outcome_lead.outcome_id", "outcome_lead.capacity", "outcome_lead.person_id",
                 "outcome_lead.partner_id", "outcome_lead.team", "outcome_lead.role")


def _leads(leads: tuple[LeadRow, ...], capacity: LeadCapacity | None = None) -> str | None:
    """The leads in words, a team or a role marked as such: "Dr A Shah; Public Health service (team)"."""
    words = [lead.name + (f" ({lead.kind.value})" if lead.kind in (LeadKind.TEAM, LeadKind.ROLE) else "")
             for lead in leads if capacity is None or lead.capacity is capacity]
    return "; ".join(words) or None


def _latest(i: IndicatorRow, name: str) -> Any:
    return getattr(i.latest, name) if i.latest else None


def _linked(p: ProgrammeRow, kind: str) -> str | None:
    """A programme's links of one kind by reference ("PO1; PO2"); a partner, which has none, by
    name; an action without a reference by its number."""
    return "; ".join(link.reference or link.title for link in p.linked(kind)) or None


def _with_typed_names(d: ExportData, table: str, rows: list[tuple[Any, Any]]) -> list[tuple[Any, Any, Any]]:
    typed = d.typed_names(table)
    return [(m, x, typed.get(x.id)) for m, x in rows]


# ------------------------------------------------------------------ the registers' sheets

contribute(ExportContribution("partners", (
    SheetSpec("Partnership", (
        col("Name", lambda p: p.name, "partnership.name"),
        col("Place", lambda p: p.place, "partnership.place"),
        col("Integrated care system", lambda p: p.integrated_care_system, "partnership.integrated_care_system"),
        col("Financial year starts (month)", lambda p: p.fy_start_month, "partnership.fy_start_month"),
        col("Host organisation", lambda p: p.host_partner),
    ), lambda d: [p for p in (d.q.partnership(),) if p is not None]),
    SheetSpec("Partners", (
        col("Name", lambda p: p.name, "partner.name"),
        col("Short name", lambda p: p.short_name, "partner.short_name"),
        col("Sector", lambda p: _enum(p.sector), "partner.sector"),
        col("Alliance role", lambda p: _enum(p.alliance_role), "partner.alliance_role"),
        col("Agreement status", lambda p: _enum(p.agreement_status), "partner.agreement_status"),
        col("Agreement date", lambda p: p.agreement_date, "partner.agreement_date"),
        col("Host", lambda p: p.is_host, "partner.is_host"),
        col("Joined", lambda p: p.joined_on, "partner.joined_on"),
        col("Left", lambda p: p.left_on, "partner.left_on"),
        col("Archived", lambda p: p.archived, "partner.archived"),
        col("Notes", lambda p: p.notes, "partner.notes"),
    ), lambda d: d.q.partners(include_archived=True)),
)))

contribute(ExportContribution("people", (
    SheetSpec("People", (
        col("Name", lambda p: p.name, "person.name"),
        col("Role or title", lambda p: p.title, "person.title"),
        col("Organisation", lambda p: p.partner_name, "person.partner_id"),
        col("Email", lambda p: p.email, "person.email"),
        col("Phone", lambda p: p.phone, "person.phone"),
        col("Boards", lambda p: ", ".join(p.bodies)),
        col("Archived", lambda p: p.archived, "person.archived"),
    ), lambda d: d.q.people(include_archived=True)),
    SheetSpec("Boards", (
        col("Body", lambda b: b.name, "body.name"),
        col("Short name", lambda b: b.short_name, "body.short_name"),
        col("Reports to", lambda b: b.reports_to_name, "body.reports_to_id"),
        col("Members", lambda b: b.member_count),
        col("Purpose", lambda b: b.purpose, "body.purpose"),
        col("Quorum", lambda b: b.quorum, "body.quorum"),
        col("Meets", lambda b: _enum(b.frequency), "body.frequency"),
        col("In public by default", lambda b: b.meets_in_public, "body.meets_in_public"),
        col("Usual time", lambda b: b.usual_time, "body.usual_time"),
        col("Usual place", lambda b: b.usual_place, "body.usual_place"),
        col("Contact officer", lambda b: b.contact_officer, "body.contact_officer"),
        col("Agenda issued by", lambda b: b.signatory, "body.signatory"),
        col("Archived", lambda b: b.archived, "body.archived"),
    ), lambda d: d.q.bodies(include_archived=True)),
    SheetSpec("Agenda templates", (
        col("Body", lambda r: r[0], "standing_item.body_id"),
        col("Kind", lambda r: _enum(r[1].kind), "standing_item.kind"),
        col("Title", lambda r: r[1].title, "standing_item.title"),
        col("Wording", lambda r: r[1].description, "standing_item.description"),
        col("Purpose", lambda r: _enum(r[1].purpose), "standing_item.purpose"),
        col("After the business", lambda r: r[1].after_business, "standing_item.after_business"),
        col("Order", lambda r: r[1].sort_order, "standing_item.sort_order"),
    ), lambda d: [(d.body_names.get(i.body_id), i) for i in d.q.standing_items()]),
    SheetSpec("Memberships", (
        col("Body", lambda m: m.body_name, "membership.body_id"),
        col("Person", lambda m: m.person_name, "membership.person_id"),
        col("Standing", lambda m: _enum(m.standing), "membership.standing"),
        col("Role", lambda m: m.role, "membership.role"),
        col("Voting", lambda m: m.voting, "membership.voting"),
        col("From", lambda m: m.start_on, "membership.start_on"),
        col("Until", lambda m: m.end_on, "membership.end_on"),
    ), lambda d: d.q.memberships()),
)))

contribute(ExportContribution("outcomes", (
    SheetSpec("Outcomes", (
        col("Reference", lambda o: o.reference, "outcome.reference"),
        col("Title", lambda o: o.title, "outcome.title"),
        col("Statement", lambda o: o.statement, "outcome.statement"),
        col("Domain", lambda o: o.domain, "outcome.domain"),
        col("Sponsors", lambda o: _leads(o.leads, LeadCapacity.SPONSOR), *_OUTCOME_LEAD),
        col("Lead partners", lambda o: _leads(o.leads, LeadCapacity.LEAD_PARTNER), *_OUTCOME_LEAD),
        col("Lead officers", lambda o: _leads(o.leads, LeadCapacity.LEAD_OFFICER), *_OUTCOME_LEAD),
        col("Order", lambda o: o.sort_order, "outcome.sort_order"),
        col("Archived", lambda o: o.archived, "outcome.archived"),
    ), lambda d: d.tree),
    SheetSpec("Objectives", (
        col("Outcome", lambda r: r[0].reference, "objective.outcome_id"),
        col("Reference", lambda r: r[1].reference, "objective.reference"),
        col("Title", lambda r: r[1].title, "objective.title"),
        col("Statement", lambda r: r[1].statement, "objective.statement"),
        col("Leads", lambda r: _leads(r[1].lead_rows),
            "objective_lead.objective_id", "objective_lead.person_id", "objective_lead.partner_id",
            "objective_lead.team", "objective_lead.role"),
        col("Order", lambda r: r[1].sort_order, "objective.sort_order"),
        col("Archived", lambda r: r[1].archived, "objective.archived"),
    ), lambda d: [(o, j) for o in d.tree for j in o.objectives]),
    SheetSpec("Indicators", (
        col("Outcome", lambda i: i.outcome_reference, "indicator.outcome_id"),
        col("Objective", lambda i: i.objective_reference, "indicator.objective_id"),
        col("Code", lambda i: i.code, "indicator.code"),
        col("Name", lambda i: i.name, "indicator.name"),
        col("Unit", lambda i: i.unit, "indicator.unit"),
        col("Polarity", lambda i: _enum(i.polarity), "indicator.polarity"),
        col("Baseline", lambda i: i.baseline_value, "indicator.baseline_value"),
        col("Baseline period", lambda i: i.baseline_period, "indicator.baseline_period"),
        col("Target", lambda i: i.target_value, "indicator.target_value"),
        col("Target date", lambda i: i.target_date, "indicator.target_date"),
        col("Target period", lambda i: i.target_period, "indicator.target_period"),
        col("Relative target", lambda i: _enum(i.target_change) if i.target_change else None,
            "indicator.target_change"),
        col("Relative by", lambda i: i.target_amount, "indicator.target_amount"),
        col("Target as written", lambda i: i.target_text),
        col("Frequency", lambda i: _enum(i.frequency), "indicator.frequency"),
        col("Tolerance %", lambda i: i.tolerance_pct, "indicator.tolerance_pct"),
        col("Reporting lag (months)", lambda i: i.reporting_lag_months, "indicator.reporting_lag_months"),
        col("Latest period", lambda i: _latest(i, "period")),
        col("Latest", lambda i: _latest(i, "actual")),
        col("RAG", lambda i: i.rag.label),
        col("Trend", lambda i: i.trend),
        col("Forecast", lambda i: i.forecast),
        col("Source", lambda i: i.data_source, "indicator.data_source"),
        col("Fingertips ID", lambda i: i.fingertips_id, "indicator.fingertips_id"),
        col("Fingertips area", lambda i: i.fingertips_area, "indicator.fingertips_area"),
        col("Fingertips sex", lambda i: i.fingertips_sex, "indicator.fingertips_sex"),
        col("Fingertips age", lambda i: i.fingertips_age, "indicator.fingertips_age"),
        col("Fingertips category", lambda i: i.fingertips_category, "indicator.fingertips_category"),
        col("Decimal places", lambda i: i.decimals, "indicator.decimals"),
        col("Definition", lambda i: i.definition, "indicator.definition"),
        col("RAG definition", lambda i: i.rag_definition, "indicator.rag_definition"),
        col("Leads", lambda i: ", ".join(i.leads)),
        col("Notes", lambda i: i.notes, "indicator.notes"),
        col("Archived", lambda i: i.archived, "indicator.archived"),
    ), lambda d: d.indicators),
    SheetSpec("Periods", (
        col("Indicator", lambda r: r[0].code or r[0].name, "actual.indicator_id", "trajectory_point.indicator_id"),
        col("Period", lambda r: r[1].period, "actual.period", "trajectory_point.period"),
        col("Period start", lambda r: r[1].period_start, "actual.period_start", "trajectory_point.period_start"),
        col("Period end", lambda r: r[1].period_end, "actual.period_end", "trajectory_point.period_end"),
        col("Planned", lambda r: r[1].planned, "trajectory_point.value"),
        col("Plan edited", lambda r: r[1].planned_edited),
        col("Actual", lambda r: r[1].actual, "actual.value"),
        col("Provisional", lambda r: r[1].provisional, "actual.provisional"),
        col("Illustrative", lambda r: r[1].illustrative, "actual.illustrative"),
        col("RAG", lambda r: r[1].rag.label),
        col("Lead's RAG", lambda r: r[1].assessed_rag.label if r[1].assessed_rag else None, "actual.assessed_rag"),
        col("Lead's reason", lambda r: r[1].assessed_reason, "actual.assessed_reason"),
        col("Source", lambda r: r[1].source, "actual.source"),
        col("Note", lambda r: r[1].note, "actual.note"),
    ), lambda d: [(i, p) for i in d.indicators for p in i.periods]),
    SheetSpec("Rebases", (
        col("Indicator", lambda r: r[0].code or r[0].name, "indicator_rebase.indicator_id"),
        col("From period", lambda r: r[1].period, "indicator_rebase.period"),
        col("Reason", lambda r: r[1].reason, "indicator_rebase.reason"),
    ), lambda d: [(i, r) for i in d.indicators for r in i.rebases]),
)))

contribute(ExportContribution("risks", (
    SheetSpec("Risks", (
        col("Reference", lambda r: r.reference, "risk.reference"),
        col("Title", lambda r: r.title, "risk.title"),
        col("Category", lambda r: _enum(r.category), "risk.category"),
        col("Owner", lambda r: r.owner_name, "risk.owner_id"),
        col("Inherent consequence", lambda r: r.inherent_consequence, "risk.inherent_consequence"),
        col("Inherent likelihood", lambda r: r.inherent_likelihood, "risk.inherent_likelihood"),
        col("Inherent", lambda r: r.inherent_score),
        col("Current consequence", lambda r: r.current_consequence, "risk.current_consequence"),
        col("Current likelihood", lambda r: r.current_likelihood, "risk.current_likelihood"),
        col("Current", lambda r: r.current_score),
        col("Band", lambda r: r.current_band.label),
        col("Target consequence", lambda r: r.target_consequence, "risk.target_consequence"),
        col("Target likelihood", lambda r: r.target_likelihood, "risk.target_likelihood"),
        col("Target", lambda r: r.target_score),
        col("Movement", lambda r: r.movement),
        col("Review date", lambda r: r.review_date, "risk.review_date"),
        col("Status", lambda r: _enum(r.status), "risk.status"),
        col("BAF", lambda r: r.baf, "risk.baf"),
        col("Confidential", lambda r: r.confidential, "risk.confidential"),
        col("Archived", lambda r: r.archived, "risk.archived"),
        col("Cause", lambda r: r.cause, "risk.cause"),
        col("Event", lambda r: r.event, "risk.event"),
        col("Effect", lambda r: r.effect, "risk.effect"),
        col("Controls", lambda r: r.controls, "risk.controls"),
        col("Gaps in control", lambda r: r.gaps, "risk.gaps"),
        col("Gaps in assurance", lambda r: r.assurance_gaps, "risk.assurance_gaps"),
        col("Assurances", lambda r: r.assurances, "risk.assurances"),
        col("Mitigations", lambda r: r.mitigations, "risk.mitigations"),
    ), lambda d: d.risks),
    SheetSpec("Risk history", (
        col("Risk", lambda r: r[0].reference, "risk_score.risk_id"),
        col("Assessed", lambda r: r[1].assessed_on, "risk_score.assessed_on"),
        col("Consequence", lambda r: r[1].consequence, "risk_score.consequence"),
        col("Likelihood", lambda r: r[1].likelihood, "risk_score.likelihood"),
        col("Score", lambda r: r[1].score),
        col("Note", lambda r: r[1].note, "risk_score.note"),
    ), lambda d: [(r, h) for r in d.risks for h in r.history]),
    SheetSpec("Risk links", (
        col("Risk", lambda r: r[0], "risk_link.risk_id"),
        col("Outcome", lambda r: r[1], "risk_link.outcome_id"),
        col("Objective", lambda r: r[2], "risk_link.objective_id"),
    ), lambda d: [(r.reference, d.outcome_refs.get(i), None) for r in d.risks for i in r.outcome_ids]
        + [(r.reference, None, d.objective_refs.get(i)) for r in d.risks for i in r.objective_ids]),
)))

contribute(ExportContribution("meetings", (
    SheetSpec("Meetings", (
        col("Date", lambda m: m.meets_on, "meeting.meets_on"),
        col("Body", lambda m: m.body_name, "meeting.body_id"),
        col("Title", lambda m: m.title, "meeting.title"),
        col("Time", lambda m: m.start_time, "meeting.start_time"),
        col("Place", lambda m: m.location, "meeting.location"),
        col("Session", lambda m: _enum(m.session), "meeting.session"),
        col("Chair", lambda m: m.chair_name, "meeting.chair_id"),
        col("Ended at", lambda m: m.ended_at, "meeting.ended_at"),
        col("Resolution to exclude the public", lambda m: m.exclusion, "meeting.exclusion"),
        col("Minutes", lambda m: _enum(m.minutes_status), "meeting.minutes_status"),
        col("Minutes approved on", lambda m: m.minutes_approved_on, "meeting.minutes_approved_on"),
    ), lambda d: d.meetings),
    SheetSpec("Attendance", (
        col("Date", lambda r: r[0].meeting.meets_on, "attendance.meeting_id"),
        col("Body", lambda r: r[0].meeting.body_name),
        col("Name", lambda r: r[1].name, "attendance.person_id"),
        col("Capacity", lambda r: r[1].capacity, "attendance.capacity"),
        col("Attendance", lambda r: _enum(r[1].attendance), "attendance.attendance"),
        col("Name as typed", lambda r: r[2], "attendance.name"),
    ), lambda d: _with_typed_names(d, "attendance", [(m, a) for m in d.details for a in m.attendance])),
    SheetSpec("Declarations", (
        col("Date", lambda r: r[0].meeting.meets_on, "declaration.meeting_id"),
        col("Body", lambda r: r[0].meeting.body_name),
        col("Name", lambda r: r[1].name, "declaration.person_id"),
        col("Item", lambda r: next((i.number for i in r[0].items if i.id == r[1].agenda_item_id), None),
            "declaration.agenda_item_id"),
        col("Interest declared", lambda r: r[1].interest, "declaration.interest"),
        col("Its nature", lambda r: r[1].detail, "declaration.detail"),
        col("Category", lambda r: _enum(r[1].category), "declaration.category"),
        col("On the register (id)", lambda r: r[1].interest_id, "declaration.interest_id"),
        col("Action taken", lambda r: r[1].action_taken, "declaration.action_taken"),
        col("Name as typed", lambda r: r[2], "declaration.name"),
    ), lambda d: _with_typed_names(d, "declaration", [(m, x) for m in d.details for x in m.declarations])),
    SheetSpec("Agenda", (
        col("Date", lambda r: r[0].meeting.meets_on, "agenda_item.meeting_id"),
        col("Body", lambda r: r[0].meeting.body_name),
        col("Item", lambda r: r[1].number, "agenda_item.number"),
        col("Minute", lambda r: r[1].minute_ref, "agenda_item.minute_ref"),
        col("Title", lambda r: r[1].title, "agenda_item.title"),
        col("Presenter", lambda r: r[1].presenter, "agenda_item.presenter"),
        col("Kind", lambda r: _enum(r[1].kind), "agenda_item.kind"),
        col("Purpose", lambda r: _enum(r[1].purpose), "agenda_item.purpose"),
        col("Time", lambda r: r[1].item_time, "agenda_item.item_time"),
        col("Paper", lambda r: r[1].paper_ref, "agenda_item.paper_ref"),
        col("Wording", lambda r: r[1].description, "agenda_item.description"),
        col("Approves the minutes of", lambda r: r[0].previous.meeting.meets_on
            if r[1].approves_id and r[0].previous else None, "agenda_item.approves_id"),
        col("Recommendation", lambda r: _enum(r[1].recommendation), "agenda_item.recommendation"),
        col("Private", lambda r: r[1].confidential, "agenda_item.confidential"),
        col("Order", lambda r: r[1].sort_order, "agenda_item.sort_order"),
        col("Minutes", lambda r: r[1].minutes, "minute.agenda_item_id", "minute.text"),
        col("Minutes confidential", lambda r: r[1].minutes_confidential, "minute.confidential"),
        col("Resolutions", lambda r: "\n".join(f"{x.number}. {x.text}" for x in r[1].resolutions),
            "resolution.agenda_item_id", "resolution.number", "resolution.text"),
    ), lambda d: [(m, i) for m in d.details for i in m.items]),
    SheetSpec("Minute amendments", (
        col("Date", lambda r: r[0].meeting.meets_on),
        col("Item", lambda r: r[1].minute_ref or r[1].number, "minute_amendment.agenda_item_id"),
        col("Amended on", lambda r: r[2].amended_on, "minute_amendment.amended_on"),
        col("Reason", lambda r: r[2].reason, "minute_amendment.reason"),
        col("As approved", lambda r: r[2].old_text, "minute_amendment.old_text"),
        col("As amended", lambda r: r[2].new_text, "minute_amendment.new_text"),
        col("Of the minutes (id)", lambda r: r[2].minute_id, "minute_amendment.minute_id"),
    ), lambda d: [(m, i, a) for m in d.details for i in m.items for a in i.amendments]),
)))

contribute(ExportContribution("interests", (
    SheetSpec("Interests", (
        col("Id", lambda i: i.id),
        col("Person", lambda i: i.person_name, "interest.person_id"),
        col("Category", lambda i: _enum(i.category), "interest.category"),
        col("Organisation or matter", lambda i: i.organisation, "interest.organisation"),
        col("Partner", lambda i: i.partner_name, "interest.partner_id"),
        col("Nature", lambda i: i.description, "interest.description"),
        col("From", lambda i: i.from_on, "interest.from_on"),
        col("To", lambda i: i.to_on, "interest.to_on"),
        col("Withheld from the public register", lambda i: i.confidential, "interest.confidential"),
    ), lambda d: d.q.interests()),
)))

_LINK = "programme_link.programme_id"


def _programme_rows(d: ExportData) -> list[tuple[ProgrammeRow, str | None]]:
    return [(p, d.programme_refs.get(p.parent_id) if p.parent_id else None) for p in d.programmes]


contribute(ExportContribution("programmes", (
    SheetSpec("Programmes", (
        col("Reference", lambda r: r[0].reference, "programme.reference"),
        col("Part of programme", lambda r: r[1], "programme.parent_id"),
        col("Title", lambda r: r[0].title, "programme.title"),
        col("Aim", lambda r: r[0].aim, "programme.aim"),
        col("Lead director", lambda r: r[0].lead_director, "programme.lead_director_id"),
        col("Sponsor director", lambda r: r[0].sponsor, "programme.sponsor_id"),
        col("Activity manager", lambda r: r[0].activity_manager, "programme.activity_manager_id"),
        col("Gateway stage", lambda r: r[0].gateway_name or None, "programme.gateway_stage"),
        col("Status", lambda r: _enum(r[0].status), "programme.status"),
        col("Delivery confidence", lambda r: _enum(r[0].confidence), "programme.confidence"),
        col("Reason for the confidence", lambda r: r[0].confidence_reason, "programme.confidence_reason"),
        col("Contingency (months)", lambda r: r[0].contingency_months, "programme.contingency_months"),
        col("Contingency judged by (months)", lambda r: r[0].contingency),
        col("Investment (£)", lambda r: r[0].investment, "programme.investment"),
        col("Key partners", lambda r: r[0].key_partners, "programme.key_partners"),
        col("Lead partners", lambda r: _linked(r[0], "partner"), _LINK, "programme_link.partner_id"),
        col("Outcomes", lambda r: _linked(r[0], "outcome"), _LINK, "programme_link.outcome_id"),
        col("Objectives", lambda r: _linked(r[0], "objective"), _LINK, "programme_link.objective_id"),
        col("Risks", lambda r: _linked(r[0], "risk"), _LINK, "programme_link.risk_id"),
        col("Actions", lambda r: _linked(r[0], "action"), _LINK, "programme_link.action_id"),
        col("Confidential", lambda r: r[0].confidential, "programme.confidential"),
        col("Archived", lambda r: r[0].archived, "programme.archived"),
    ), _programme_rows),
    SheetSpec("Milestones", (
        col("Programme", lambda r: r[0].reference, "milestone.programme_id"),
        col("Milestone", lambda r: r[1].title, "milestone.title"),
        col("Baseline", lambda r: r[1].baseline_date, "milestone.baseline_date"),
        col("Forecast", lambda r: r[1].forecast_date, "milestone.forecast_date"),
        col("Actual", lambda r: r[1].actual_date, "milestone.actual_date"),
        col("Status", lambda r: _enum(r[1].status), "milestone.status"),
        col("Check point", lambda r: r[1].check_point, "milestone.check_point"),
        col("Reported to", lambda r: r[1].reported_to, "milestone.reported_to"),
        col("Note", lambda r: r[1].note, "milestone.note"),
        col("Confidential", lambda r: r[1].confidential, "milestone.confidential"),
        col("RAG", lambda r: r[1].rag.label),
        col("Slippage (days)", lambda r: r[1].slippage.days),
        col("Slippage", lambda r: r[1].slippage.words),
        col("Contingency to", lambda r: r[1].slippage.allowed_until),
    ), lambda d: d.milestones),
    SheetSpec("Forecast history", (
        col("Programme", lambda r: r[0].reference),
        col("Milestone", lambda r: r[1].title, "milestone_forecast.milestone_id"),
        col("Recorded on", lambda r: r[2].recorded_on, "milestone_forecast.recorded_on"),
        col("Forecast", lambda r: r[2].forecast_date, "milestone_forecast.forecast_date"),
        col("Reason", lambda r: r[2].reason, "milestone_forecast.reason"),
    ), lambda d: [(p, m, f) for p, m in d.milestones for f in m.forecasts]),
    SheetSpec("Highlight reports", (
        col("Programme", lambda r: r[0].reference, "programme_update.programme_id"),
        col("Month", lambda r: r[1].month, "programme_update.month"),
        col("Progress this period", lambda r: r[1].progress, "programme_update.progress"),
        col("Plans for the next period", lambda r: r[1].next_steps, "programme_update.next_steps"),
        col("Risks and issues", lambda r: r[1].risks_issues, "programme_update.risks_issues"),
        col("Decisions asked of the board", lambda r: r[1].decisions, "programme_update.decisions"),
        col("Delivery confidence", lambda r: _enum(r[1].confidence), "programme_update.confidence"),
        col("Reason for the confidence", lambda r: r[1].confidence_reason, "programme_update.confidence_reason"),
    ), lambda d: [(p, u) for p in d.programmes for u in sorted(p.updates, key=lambda u: u.month)]),
    SheetSpec("Goals", (
        col("Programme", lambda r: r[0].reference, "programme_goal.programme_id"),
        col("Goal", lambda r: r[1].goal, "programme_goal.goal"),
        col("Contribution", lambda r: r[1].contribution, "programme_goal.contribution"),
    ), lambda d: [(p, g) for p in d.programmes for g in p.goals]),
    SheetSpec("Benefits", (
        col("Programme", lambda r: r[0].reference, "programme_benefit.programme_id"),
        col("Benefit expected", lambda r: r[1].description, "programme_benefit.description"),
        col("Measured by", lambda r: r[1].indicator_label, "programme_benefit.indicator_id"),
    ), lambda d: [(p, b) for p in d.programmes for b in p.benefits]),
)))

contribute(ExportContribution("actions", (
    SheetSpec("Actions", (
        col("Reference", lambda r: r[0].reference, "action.reference"),
        col("Description", lambda r: r[0].description, "action.description"),
        col("Owner", lambda r: r[0].owner_name, "action.owner_id"),
        col("Owning partner", lambda r: r[0].owner_partner_name, "action.owner_partner_id"),
        col("Raised at", lambda r: r[0].meeting_label, "action.meeting_id"),
        col("Item", lambda r: r[0].agenda_item_label, "action.agenda_item_id"),
        col("Due", lambda r: r[0].due_on, "action.due_on"),
        col("Status", lambda r: _enum(r[0].status), "action.status"),
        col("Overdue", lambda r: r[0].overdue),
        col("Completed", lambda r: r[0].completed_on, "action.completed_on"),
        col("Linked risk", lambda r: r[1], "action.risk_id"),
        col("Linked objective", lambda r: r[2], "action.objective_id"),
        col("Confidential", lambda r: r[0].confidential, "action.confidential"),
    ), lambda d: [(a, d.risk_refs.get(a.risk_id) if a.risk_id else None,
                   d.objective_refs.get(a.objective_id) if a.objective_id else None) for a in d.actions]),
    SheetSpec("Action updates", (
        col("Action", lambda r: r[0].reference, "action_update.action_id"),
        col("Date", lambda r: r[1].written_on, "action_update.written_on"),
        col("Update", lambda r: r[1].text, "action_update.text"),
        col("By", lambda r: r[1].author, "action_update.author"),
    ), lambda d: [(a, u) for a in d.actions for u in a.updates]),
)))

contribute(ExportContribution("history", (
    SheetSpec("Change log", (
        col("When (UTC)", lambda c: c.at, "change_log.batch_id", "change_batch.at"),
        col("Who", lambda c: c.user, "change_batch.user"),
        col("Command", lambda c: c.command, "change_batch.command"),
        col("Record", lambda c: c.entity, "change_log.entity"),
        col("Id", lambda c: c.entity_id, "change_log.entity_id"),
        col("Change", lambda c: _enum(c.change), "change_log.change"),
        col("Field", lambda c: c.field, "change_log.field"),
        col("Old", lambda c: c.old_value, "change_log.old_value"),
        col("New", lambda c: c.new_value, "change_log.new_value"),
        col("Batch", lambda c: c.batch, "change_batch.batch"),
    ), lambda d: list(reversed(d.q.change_log()))),
)))

contribute(ExportContribution("packs", (
    SheetSpec("Packs", (
        col("Reference", lambda p: p.reference, "pack.reference"),
        col("Meeting", lambda p: p.meeting_label, "pack.meeting_id"),
        col("Session", lambda p: _enum(p.session), "pack.session"),
        col("Printed (UTC)", lambda p: p.printed_at, "pack.printed_at"),
        col("By", lambda p: p.printed_by, "pack.printed_by"),
        col("Paper", lambda p: _enum(p.paper), "pack.paper"),
        col("Format", lambda p: _enum(p.file_format), "pack.file_format"),
        col("Draft", lambda p: p.draft, "pack.draft"),
        col("SHA-256", lambda p: p.sha256, "pack.sha256"),
        col("Size (bytes)", lambda p: p.size),
    ), lambda d: list(reversed(d.q.packs()))),
), not_exported={
    "pack.pdf": "the printed PDF itself: save it from the Packs screen (pbp-cli pack-file); the JSON export "
                "carries it",
    "pack.snapshot": "the data the pack showed, as JSON: tens of megabytes for a large register, more than a "
                     "spreadsheet cell holds (32,767 characters); the JSON export carries it",
}))

contribute(ExportContribution("settings", (
    SheetSpec("Settings", (
        col("Setting", lambda r: r["key"], "register_setting.key"),
        col("Value", lambda r: r["value"], "register_setting.value"),
    ), lambda d: d.records("register_setting")),
)))

contribute(ExportContribution("disclosures", (
    SheetSpec("Disclosures", (
        col("Record", lambda r: label(r["record_table"]), "disclosure.record_table"),
        col("Record id", lambda r: r["record_id"], "disclosure.record_id"),
        col("Field", lambda r: r["field"], "disclosure.field"),
        col("Quoted record", lambda r: r["quoted_table"] and label(r["quoted_table"]), "disclosure.quoted_table"),
        col("Quoted record id", lambda r: r["quoted_id"], "disclosure.quoted_id"),
        col("Text (SHA-256)", lambda r: r["text_sha256"], "disclosure.text_sha256"),
        col("Reason", lambda r: r["reason"], "disclosure.reason"),
    ), lambda d: d.records("disclosure")),
)))
