"""Readmodels layer: the frozen rows and summaries that queries return. No ORM objects ever
leave storage; these are what the screens, the CLI and the printed pack show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.enums import (
    ActionStatus,
    AgreementStatus,
    AllianceRole,
    AttendanceRole,
    ChangeKind,
    FileFormat,
    Frequency,
    InterestCategory,
    ItemKind,
    LeadCapacity,
    LeadKind,
    MeetingFrequency,
    MinutesStatus,
    Paper,
    Polarity,
    Purpose,
    Rag,
    Recommendation,
    RiskBand,
    RiskCategory,
    RiskStatus,
    Sector,
    Session,
    Standing,
    TargetChange,
)
from ..domain.rag import RagConvention, lag_months, out_of_date, rag_shown, target_verdict
from ..domain.records import is_percent
from ..domain.spc import SpcResult
from ..domain.targets import describe as describe_target

__all__ = [
    "ALL_ACTIONS", "ActionFilter", "AmendmentRow", "InterestSuggestion", "AttendanceSheet", "SheetLine", "InterestRow", "StandingItemRow", "PreviousMinutes", "ActionRow", "ActionUpdateRow", "AgendaItemRow", "AttendanceRow", "BodyRow", "ChangeRow",
    "Changes", "DeclarationRow", "PackRow", "PrintedPack", "IndicatorPeriodRow", "IndicatorRow", "MeetingDetail",
    "MeetingRow", "MembershipRow", "ObjectiveRow", "OutcomeRagSummary", "OutcomeRow", "LeadRow", "lead_names",
    "ObjectiveSummary",
    "PartnerRow", "PartnershipRow", "PersonRow", "RebaseRow", "RegisterSummary", "ResolutionRow",
    "RiskRow", "RiskScoreRow", "RAG_ORDER",
]

RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY)


@dataclass(frozen=True, slots=True)
class Changes:
    """What one command changed: (entity, id) pairs, and the change-log batch that records it.
    Views look at it and reload only what was touched."""

    batch: str = ""
    created: frozenset[tuple[str, int]] = frozenset()
    updated: frozenset[tuple[str, int]] = frozenset()
    deleted: frozenset[tuple[str, int]] = frozenset()

    def touches(self, *entities: str) -> bool:
        wanted = set(entities)
        return any(e in wanted for e, _ in self.created | self.updated | self.deleted)

    def ids(self, entity: str) -> set[int]:
        return {i for e, i in self.created | self.updated | self.deleted if e == entity}

    def created_id(self, entity: str) -> int:
        """The id of the one record of this kind that the command created."""
        ids = sorted(i for e, i in self.created if e == entity)
        if len(ids) != 1:
            raise LookupError(f"expected one created {entity}, found {len(ids)}")
        return ids[0]

    @property
    def empty(self) -> bool:
        return not (self.created or self.updated or self.deleted)


@dataclass(frozen=True, slots=True)
class PrintedPack(Changes):
    """What printing a pack changed (the pack recorded, its cover sheet kept), with what was
    printed: the pack's reference and its PDF's bytes."""

    reference: str = ""
    pdf: bytes = b""


@dataclass(frozen=True, slots=True)
class PartnershipRow:
    id: int
    version: int
    name: str
    place: str
    integrated_care_system: str | None
    fy_start_month: int
    host_partner: str | None


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    version: int
    name: str
    short_name: str | None
    sector: Sector
    alliance_role: AllianceRole | None
    agreement_status: AgreementStatus | None
    agreement_date: date | None
    is_host: bool
    joined_on: date | None
    left_on: date | None
    notes: str | None
    archived: bool
    representatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: int
    version: int
    name: str
    title: str | None
    partner_id: int | None
    partner_name: str | None
    email: str | None
    phone: str | None
    archived: bool
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BodyRow:
    id: int
    version: int
    name: str
    short_name: str | None
    reports_to_id: int | None
    reports_to_name: str | None
    purpose: str | None
    archived: bool
    member_count: int = 0
    quorum: int | None = None
    frequency: MeetingFrequency | None = None
    meets_in_public: bool = True
    usual_time: str | None = None
    usual_place: str | None = None
    contact_officer: str | None = None
    signatory: str | None = None


@dataclass(frozen=True, slots=True)
class StandingItemRow:
    id: int
    version: int
    body_id: int
    kind: ItemKind
    title: str
    description: str | None
    purpose: Purpose | None
    after_business: bool
    sort_order: int


@dataclass(frozen=True, slots=True)
class InterestRow:
    id: int
    version: int
    person_id: int
    person_name: str
    category: InterestCategory
    organisation: str
    partner_id: int | None
    partner_name: str | None
    description: str | None
    from_on: date | None
    to_on: date | None
    confidential: bool

    def current_on(self, day: date) -> bool:
        """Held on `day`: begun by then (or undated) and not ended before it."""
        return (self.from_on is None or self.from_on <= day) and (self.to_on is None or self.to_on >= day)


@dataclass(frozen=True, slots=True)
class MembershipRow:
    id: int
    version: int
    body_id: int
    body_name: str
    person_id: int
    person_name: str
    role: str | None
    voting: bool
    start_on: date | None
    end_on: date | None
    standing: Standing = Standing.MEMBER

    def current_on(self, day: date) -> bool:
        return (self.start_on is None or self.start_on <= day) and (self.end_on is None or self.end_on >= day)


@dataclass(frozen=True, slots=True)
class IndicatorPeriodRow:
    """One reporting period of an indicator, as the grid and the chart show it."""

    period: str
    period_start: date
    period_end: date
    planned: float | None
    planned_edited: bool
    planned_version: int | None  # of the hand-edited plan point, when there is one
    actual: float | None
    actual_id: int | None
    actual_version: int | None
    provisional: bool
    illustrative: bool
    source: str | None
    note: str | None
    rag: Rag
    rag_reason: str
    assessed_rag: Rag | None = None  # the lead's own RAG for the period, never replacing the computed one
    assessed_reason: str | None = None
    figure_rag: Rag | None = None  # the figure's own RAG against the plan, whatever the convention
    figure_reason: str = ""


@dataclass(frozen=True, slots=True)
class RebaseRow:
    id: int
    version: int
    period: str
    reason: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    id: int
    version: int
    objective_id: int | None  # None: a measure of the outcome as a whole (directly under it)
    objective_reference: str
    outcome_id: int
    outcome_reference: str
    code: str | None
    name: str
    definition: str | None
    unit: str
    polarity: Polarity
    decimals: int
    baseline_value: float | None
    baseline_period: str | None
    target_value: float | None
    target_date: date | None
    data_source: str | None
    frequency: Frequency
    tolerance_pct: float
    rag_definition: str | None
    notes: str | None
    archived: bool
    awaiting_data: bool
    fingertips_id: int | None
    fingertips_area: str | None
    fingertips_sex: str | None
    fingertips_age: str | None
    fingertips_category: str | None
    leads: tuple[str, ...]
    latest: IndicatorPeriodRow | None
    rag: Rag
    trend: str  # Making Data Count's reading (domain.rag.mdc_trend); "" with no figure
    forecast: float | None
    periods: tuple[IndicatorPeriodRow, ...] = ()
    rebases: tuple[RebaseRow, ...] = ()
    spc: SpcResult | None = None  # Making Data Count analysis, when there are enough actuals
    reporting_lag_months: int | None = None  # None: the frequency's usual lag
    target_figure: tuple[str, float] | None = None  # the figure judged at the target date: (period, value)
    rag_convention: str = RagConvention.DEFAULT  # the register's convention the RAG was made under
    target_period: str | None = None  # the target's year or period as written ("2015/16")
    target_change: TargetChange | None = None  # a relative target as written ...
    target_amount: float | None = None  # ... by this percentage or amount
    objective_title: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    @property
    def objective_words(self) -> str:
        """The objective in words ("1.2 Reduce smoking in pregnancy"), or what stands for it."""
        if self.objective_id is None:
            return "Outcome as a whole"
        return f"{self.objective_reference} {self.objective_title}".strip()

    @property
    def target_text(self) -> str:
        """The target as written: "reduce by 20% from 14.2 (2013) — 11.4 — by 2016", "11.4 by 31/03/2017"."""
        return describe_target(self.fmt, target_value=self.target_value, target_date=self.target_date,
                               target_period=self.target_period, change=self.target_change,
                               amount=self.target_amount, baseline_value=self.baseline_value,
                               baseline_period=self.baseline_period)

    def fmt(self, value: float | None) -> str:
        if value is None:
            return ""
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit.strip() == "%" else text

    def amount(self, value: float) -> str:
        """A difference in the indicator's unit: '3.5 percentage points', '12 per 100,000'."""
        text = f"{abs(value):,.{self.decimals}f}"
        unit = self.unit.strip()
        if is_percent(unit):
            return f"{text} percentage point{'' if text == '1' else 's'}"
        return f"{text} {unit}" if unit and unit.lower() not in ("count", "number") else text

    # ------------------------------------------------------------ RAG, age and dates, in words

    @property
    def has_figure(self) -> bool:
        return self.latest is not None and self.latest.actual is not None

    @property
    def rag_letter(self) -> str:
        """R, A, G; ND no data; NR a figure not rated (no plan or target to judge against)."""
        return rag_shown(self.rag, self.has_figure)[0]

    @property
    def rag_word(self) -> str:
        return rag_shown(self.rag, self.has_figure)[1]

    def against_plan(self) -> str:
        """Where the latest figure stands against the plan: '288 against a plan of 507.5'."""
        latest = self.latest
        if latest is None or latest.actual is None or latest.planned is None:
            return ""
        return f"{self.fmt(latest.actual)} against a plan of {self.fmt(latest.planned)}"

    def rag_note(self) -> str:
        """What the RAG cell says beside its letter, so that a red is never hidden: under
        'provisional counts as amber' a provisional figure reads 'provisional; R on the figure
        (288 against a plan of 507.5)'; a provisional figure rated on its value says so."""
        latest = self.latest
        if latest is None or latest.actual is None:
            return ""
        figure = latest.figure_rag
        if latest.provisional and figure is Rag.GREY and self.rag is not Rag.GREY:
            return "provisional; no plan or target to rate the figure against"
        if latest.provisional and figure is not None and figure is not self.rag:
            plan = self.against_plan()
            return f"provisional; {figure.letter} on the figure" + (f" ({plan})" if plan else "")
        if latest.provisional:
            return "provisional figure, rated on its value"
        return ""

    def lead_note(self) -> str:
        """The lead's own RAG for the latest period, with its reason, printed beside the computed
        one and never replacing it: 'Lead's assessment: G - reason (differs from the computed A)'."""
        latest = self.latest
        if latest is None or latest.assessed_rag is None:
            return ""
        text = f"Lead's assessment: {latest.assessed_rag.letter}"
        if latest.assessed_reason:
            text += f" \u2014 {latest.assessed_reason}"
        if latest.assessed_rag is not self.rag:
            text += f" (differs from the computed {self.rag_letter})"
        return text

    def out_of_date(self, as_at: date) -> bool:
        """The latest figure is older than the indicator's expected reporting lag, as at that date."""
        latest = self.latest
        return latest is not None and out_of_date(latest.period_end, self.frequency, self.reporting_lag_months, as_at)

    def age_note(self, as_at: date) -> str:
        latest = self.latest
        if latest is None or not self.out_of_date(as_at):
            return ""
        lag = lag_months(self.frequency, self.reporting_lag_months)
        return f"out of date: the latest figure is for {latest.period} (expected within {lag} months of the period's end)"

    def target_passed(self, as_at: date, *, brief: bool = False) -> str:
        """'target date passed: met' or '... missed by X' once the target date is past (with the
        figure judged, unless brief); '' before it."""
        verdict = target_verdict(self.target_value, self.target_date, self.polarity, self.target_figure, as_at)
        if verdict is None:
            return ""
        if verdict.met is None:
            return "target date passed: no figure to judge it by"
        said = "met" if verdict.met else f"missed by {self.amount(verdict.shortfall)}"
        if brief:
            return f"target date passed: {said}"
        return (f"target date passed: {said} ({self.fmt(verdict.value)} in {verdict.period} against a target of "
                f"{self.fmt(self.target_value)})")

    def forecast_text(self, as_at: date) -> str:
        """The forecast at the target date while it is still to come; after it, met or missed."""
        passed = self.target_passed(as_at)
        if passed:
            return passed
        return self.fmt(self.forecast) if self.forecast is not None else ""


@dataclass(frozen=True, slots=True)
class LeadRow:
    """A lead of an outcome (in a capacity) or of an objective (capacity None): a person or a
    partner in the register, or a team or a role named as written."""

    kind: LeadKind
    name: str
    ref_id: int | None = None  # the person's or partner's id
    capacity: LeadCapacity | None = None


def lead_names(leads: tuple[LeadRow, ...], capacity: LeadCapacity | None = None) -> tuple[str, ...]:
    return tuple(lead.name for lead in leads if capacity is None or lead.capacity is capacity)


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    id: int
    version: int
    outcome_id: int
    reference: str
    title: str
    statement: str | None
    sort_order: int
    archived: bool
    leads: tuple[str, ...]
    lead_person_ids: tuple[int, ...]
    lead_partner_ids: tuple[int, ...]
    indicators: tuple[IndicatorRow, ...] = ()
    lead_rows: tuple[LeadRow, ...] = ()

    @property
    def lead_teams(self) -> tuple[str, ...]:
        return tuple(lead.name for lead in self.lead_rows if lead.kind is LeadKind.TEAM)

    @property
    def lead_roles(self) -> tuple[str, ...]:
        return tuple(lead.name for lead in self.lead_rows if lead.kind is LeadKind.ROLE)


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    id: int
    version: int
    reference: str
    title: str
    statement: str | None
    domain: str | None
    sort_order: int
    archived: bool
    objectives: tuple[ObjectiveRow, ...] = ()
    leads: tuple[LeadRow, ...] = ()  # in their capacities: sponsor, lead partner, lead officer
    indicators: tuple[IndicatorRow, ...] = ()  # measures of the outcome as a whole (under no objective)

    def names(self, capacity: LeadCapacity) -> tuple[str, ...]:
        return lead_names(self.leads, capacity)

    @property
    def all_indicators(self) -> tuple[IndicatorRow, ...]:
        """Every indicator of the outcome: its objectives' in order, then its own."""
        return tuple(i for o in self.objectives for i in o.indicators) + self.indicators

    def rag_counts(self) -> dict[Rag, int]:
        counts = {r: 0 for r in RAG_ORDER}
        for i in self.all_indicators:
            counts[i.rag] += 1
        return counts


@dataclass(frozen=True, slots=True)
class RiskScoreRow:
    id: int
    assessed_on: date
    consequence: int
    likelihood: int
    score: int
    note: str | None


@dataclass(frozen=True, slots=True)
class RiskRow:
    id: int
    version: int
    reference: str
    title: str
    cause: str | None
    event: str | None
    effect: str | None
    category: RiskCategory
    owner_id: int | None
    owner_name: str | None
    inherent_consequence: int
    inherent_likelihood: int
    inherent_score: int
    current_consequence: int
    current_likelihood: int
    current_score: int
    current_band: RiskBand
    target_consequence: int
    target_likelihood: int
    target_score: int
    controls: str | None
    gaps: str | None
    assurances: str | None
    mitigations: str | None
    review_date: date | None
    review_overdue: bool
    status: RiskStatus
    baf: bool
    confidential: bool
    archived: bool
    movement: int  # current score minus the previous assessed score (0 when no history)
    outcome_ids: tuple[int, ...] = ()
    objective_ids: tuple[int, ...] = ()
    history: tuple[RiskScoreRow, ...] = ()
    assurance_gaps: str | None = None


@dataclass(frozen=True, slots=True)
class ActionUpdateRow:
    id: int
    version: int
    written_on: date
    text: str
    author: str | None


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    version: int
    reference: str
    description: str
    owner_id: int
    owner_name: str
    owner_partner_id: int | None
    owner_partner_name: str | None
    meeting_id: int | None
    meeting_label: str | None
    agenda_item_id: int | None
    agenda_item_label: str | None
    agenda_item_confidential: bool
    due_on: date
    status: ActionStatus
    completed_on: date | None
    overdue: bool
    days_overdue: int
    risk_id: int | None
    objective_id: int | None
    confidential: bool
    updates: tuple[ActionUpdateRow, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which actions a screen or a summary asks for. status: None (any), "open_any" (neither
    complete nor cancelled) or an ActionStatus value; search: words in the reference, the
    description, the owner, the owner's organisation, the meeting's body or the agenda item."""

    owner_id: int | None = None
    status: str | None = None
    meeting_id: int | None = None
    overdue_only: bool = False
    include_confidential: bool = True
    search: str = ""
    action_id: int | None = None
    body_id: int | None = None  # raised at a meeting of this body
    due_by: date | None = None  # due on or before this date


ALL_ACTIONS = ActionFilter()


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    version: int
    body_id: int
    body_name: str
    title: str | None
    meets_on: date
    start_time: str | None
    location: str | None
    session: Session
    chair_id: int | None = None
    chair_name: str | None = None
    ended_at: str | None = None
    exclusion: str | None = None
    minutes_status: MinutesStatus = MinutesStatus.DRAFT
    minutes_approved_on: date | None = None

    @property
    def label(self) -> str:
        return f"{self.body_name}, {self.meets_on:%d/%m/%Y}"

    @property
    def locked(self) -> bool:
        """Approved minutes: they change only by an amendment."""
        return self.minutes_status is MinutesStatus.APPROVED


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    id: int
    version: int
    person_id: int | None
    name: str
    capacity: str | None
    attendance: AttendanceRole


@dataclass(frozen=True, slots=True)
class DeclarationRow:
    id: int
    version: int
    person_id: int | None
    name: str
    agenda_item_id: int | None
    interest: str
    detail: str | None = None
    interest_id: int | None = None
    category: InterestCategory | None = None
    action_taken: str | None = None


@dataclass(frozen=True, slots=True)
class ResolutionRow:
    id: int
    version: int
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    id: int
    version: int
    number: str
    minute_ref: str | None
    title: str
    presenter: str | None
    recommendation: Recommendation | None
    confidential: bool
    sort_order: int
    minute_id: int | None
    minute_version: int | None
    minutes: str | None
    minutes_confidential: bool
    resolutions: tuple[ResolutionRow, ...] = ()
    action_ids: tuple[int, ...] = ()
    kind: ItemKind = ItemKind.BUSINESS
    purpose: Purpose | None = None
    item_time: str | None = None
    paper_ref: str | None = None
    description: str | None = None
    approves_id: int | None = None
    amendments: tuple[AmendmentRow, ...] = ()


@dataclass(frozen=True, slots=True)
class AmendmentRow:
    id: int
    version: int
    agenda_item_id: int
    amended_on: date
    reason: str
    old_text: str | None
    new_text: str | None
    minute_id: int | None = None


@dataclass(frozen=True, slots=True)
class InterestSuggestion:
    """A registered interest that may be relevant to an agenda item, and why."""

    agenda_item_id: int
    item_label: str
    interest: InterestRow
    reason: str
    declared: bool  # the person has declared an interest on this item already


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One line of a meeting's attendance sheet: a member of the body on the day, or someone
    else recorded as attending."""

    person_id: int | None
    name: str
    standing: Standing | None  # None: not a member of the body
    attendance: AttendanceRole | None  # None: not recorded yet
    capacity: str | None
    attendance_id: int | None
    attendance_version: int | None


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    lines: tuple[SheetLine, ...]
    chair_id: int | None
    quorum_required: int | None
    members_present: int
    members: int

    @property
    def quorate(self) -> bool | None:
        return None if self.quorum_required is None else self.members_present >= self.quorum_required


@dataclass(frozen=True, slots=True)
class PreviousMinutes:
    """The meeting whose minutes a meeting's "minutes of the last meeting" item is to approve:
    the body's latest earlier meeting of the same session or a public one (a public meeting
    approves only public minutes)."""

    meeting: MeetingRow
    approved_here: bool


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    meeting: MeetingRow
    attendance: tuple[AttendanceRow, ...]
    declarations: tuple[DeclarationRow, ...]
    items: tuple[AgendaItemRow, ...]
    previous: PreviousMinutes | None = None

    def by_attendance(self, role: AttendanceRole) -> tuple[AttendanceRow, ...]:
        return tuple(a for a in self.attendance if a.attendance is role)


@dataclass(frozen=True, slots=True)
class ChangeRow:
    id: int
    batch: str
    at: datetime
    user: str
    command: str
    entity: str
    entity_id: int
    change: ChangeKind
    field: str | None
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True, slots=True)
class PackRow:
    id: int
    reference: str
    meeting_id: int | None
    meeting_label: str | None
    session: Session
    printed_at: datetime
    printed_by: str
    sha256: str
    size: int
    draft: bool = False
    paper: Paper = Paper.PACK
    file_format: FileFormat = FileFormat.PDF


@dataclass(frozen=True, slots=True)
class ObjectiveSummary:
    """An objective as the pack prints it in words: its leads and its indicators (by id)."""

    id: int
    reference: str
    title: str
    leads: tuple[LeadRow, ...]
    indicator_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OutcomeRagSummary:
    outcome_id: int
    reference: str
    title: str
    counts: dict[Rag, int]
    indicators: tuple[IndicatorRow, ...]
    leads: tuple[LeadRow, ...] = ()  # in their capacities
    objectives: tuple[ObjectiveSummary, ...] = ()  # every objective, with or without an indicator
    direct_ids: tuple[int, ...] = ()  # the indicators directly under the outcome

    @staticmethod
    def of(o: OutcomeRow) -> OutcomeRagSummary:
        return OutcomeRagSummary(
            o.id, o.reference, o.title, o.rag_counts(), o.all_indicators, o.leads,
            tuple(ObjectiveSummary(j.id, j.reference, j.title, j.lead_rows, tuple(i.id for i in j.indicators))
                  for j in o.objectives),
            tuple(i.id for i in o.indicators))


@dataclass(frozen=True, slots=True)
class RegisterSummary:
    partnership: PartnershipRow | None
    today: date
    outcomes: tuple[OutcomeRagSummary, ...]
    overdue_actions: tuple[ActionRow, ...]  # the longest overdue (at most OVERDUE_SHOWN), without updates
    extreme_risks: tuple[RiskRow, ...]  # every open risk scoring 15 or more, without its history
    next_meeting: MeetingRow | None
    illustrative_values: int = 0
    next_meeting_missing: tuple[str, ...] = field(default_factory=tuple)
    overdue_count: int = 0  # all overdue actions, of which overdue_actions lists the first
    withheld_actions: int = 0  # confidential overdue actions left out of a public summary
    withheld_risks: int = 0  # confidential extreme risks left out of a public summary
    reviews_overdue: tuple[str, ...] = ()  # references of open risks past their review date
    meeting_notes: tuple[str, ...] = ()  # what the next meeting's agenda and attendance still lack
    illustrative_by_indicator: tuple[tuple[int, int], ...] = ()  # (indicator id, illustrative actuals)
    # the listed actions and risks that the privacy rule keeps out of public papers (storage/privacy.py),
    # as ("action" | "risk", id): the dashboard marks them, as the Risks and Actions screens do
    private_rows: frozenset[tuple[str, int]] = frozenset()

    def privacy_mark(self, row: ActionRow | RiskRow) -> str:
        """'[confidential]' for an action or risk marked so, '[private]' for one the rule makes private
        by where it was raised or what it belongs to (an action raised at a private meeting), else ''."""
        if row.confidential:
            return "[confidential]"
        kind = "action" if isinstance(row, ActionRow) else "risk"
        return "[private]" if (kind, row.id) in self.private_rows else ""
