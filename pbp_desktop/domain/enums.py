"""Domain layer: the closed vocabularies of the register (stored by value, shown by label)."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a human label; the value is what is stored."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Accept the stored value or the label, case-insensitively; raise ValueError if neither."""
        wanted = text.strip().lower()
        for member in cls:
            if wanted in (member.value.lower(), member.label.lower()):
                return member
        raise ValueError(text)


class Sector(LabelledEnum):
    NHS_TRUST = "nhs_trust"
    ICB_CCG = "icb_ccg"
    LOCAL_AUTHORITY = "local_authority"
    PRIMARY_CARE_NETWORK = "primary_care_network"
    VOLUNTARY_COMMUNITY = "voluntary_community"
    HEALTHWATCH = "healthwatch"
    INDEPENDENT = "independent"


class AllianceRole(LabelledEnum):
    RISK_BEARING = "risk_bearing"
    INNOVATION = "innovation"
    TRANSACTION = "transaction"
    BESPOKE_MOU = "bespoke_mou"


class AgreementStatus(LabelledEnum):
    NOT_STARTED = "not_started"
    IN_DRAFT = "in_draft"
    AGREED = "agreed"
    SIGNED = "signed"
    WITHDRAWN = "withdrawn"


class Polarity(LabelledEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Frequency(LabelledEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL_FINANCIAL = "annual_fy"
    ANNUAL_CALENDAR = "annual_cy"
    ROLLING_3_YEAR = "rolling_3y"

    @property
    def a_period(self) -> str:
        """'a monthly period', 'an annual (financial year) period': for messages."""
        word = self.label.lower()
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word} period"


class Rag(LabelledEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"

    @property
    def letter(self) -> str:
        """R, A, G, or ND for no data: printed beside the colour so RAG survives grey print."""
        return "ND" if self is Rag.GREY else self.value[0].upper()


class RiskBand(LabelledEnum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    EXTREME = "extreme"


class RiskStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"


class RiskCategory(LabelledEnum):
    DELIVERABILITY = "deliverability"
    WORKFORCE = "workforce"
    AFFORDABILITY = "affordability"
    REPUTATION = "reputation"
    CLINICAL_ENGAGEMENT = "clinical_engagement"
    PUBLIC_PERCEPTION = "public_perception"
    FINANCE = "finance"
    QUALITY_SAFETY = "quality_safety"
    INFORMATION_GOVERNANCE = "information_governance"
    PARTNERSHIP = "partnership"
    OTHER = "other"


class ScoreKind(LabelledEnum):
    INHERENT = "inherent"
    CURRENT = "current"
    TARGET = "target"


class Recommendation(LabelledEnum):
    NOTE = "note"
    DISCUSS = "discuss"
    APPROVE = "approve"
    ENDORSE = "endorse"


class Session(LabelledEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class AttendanceRole(LabelledEnum):
    PRESENT = "present"
    IN_ATTENDANCE = "in_attendance"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class Standing(LabelledEnum):
    """A person's place on a body: its chair, vice-chair, a member, or an officer who attends
    by standing (counted in attendance, never in the quorum)."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    OFFICER = "officer"

    @property
    def is_member(self) -> bool:
        return self is not Standing.OFFICER


class MeetingFrequency(LabelledEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    SIX_WEEKLY = "six_weekly"
    BI_MONTHLY = "bi_monthly"
    QUARTERLY = "quarterly"
    AS_REQUIRED = "as_required"


class ItemKind(LabelledEnum):
    """What an agenda item is: one of the standing items a body's agenda carries (each with a
    behaviour of its own: the minutes of the last meeting are approved there, the action log is
    carried forward there) or an item of business."""

    APOLOGIES = "apologies"
    DECLARATIONS = "declarations"
    PREVIOUS_MINUTES = "previous_minutes"
    ACTION_LOG = "action_log"
    BUSINESS = "business"
    PUBLIC_QUESTIONS = "public_questions"
    OTHER_BUSINESS = "other_business"
    NEXT_MEETING = "next_meeting"


class Purpose(LabelledEnum):
    DECISION = "decision"
    ASSURANCE = "assurance"
    DISCUSSION = "discussion"
    INFORMATION = "information"


class AssuranceLevel(LabelledEnum):
    """The level of assurance a paper offers the board: the NHS internal-audit scale."""

    SUBSTANTIAL = "substantial"
    REASONABLE = "reasonable"
    LIMITED = "limited"
    NO_ASSURANCE = "no_assurance"


class MinutesStatus(LabelledEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class InterestCategory(LabelledEnum):
    """The categories of NHS England's "Managing Conflicts of Interest in the NHS"."""

    FINANCIAL = "financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal"
    INDIRECT = "indirect"


class FileFormat(LabelledEnum):
    PDF = "pdf"
    DOCX = "docx"


class Paper(LabelledEnum):
    """What a printed paper is: the assurance pack, or one of the meeting's papers."""

    PACK = "pack"
    AGENDA = "agenda"
    MINUTES = "minutes"
    ACTION_LOG = "action_log"
    INTERESTS = "interests"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"


class ProgrammeStatus(LabelledEnum):
    """Where a programme or project stands in its life (a project that fails its gateway at pilot
    or roll-out is decommissioned, as the seed strategic plan describes)."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"
    DECOMMISSIONED = "decommissioned"


class MilestoneStatus(LabelledEnum):
    """A milestone's own state; whether it is late is derived from its dates, never typed."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    CANCELLED = "cancelled"


class LeadCapacity(LabelledEnum):
    """In what capacity a lead leads a priority outcome (a chapter of the strategy)."""

    SPONSOR = "sponsor"
    LEAD_PARTNER = "lead_partner"
    LEAD_OFFICER = "lead_officer"


class LeadKind(LabelledEnum):
    """What a lead is: a person or a partner in the register, or a team or a role named as written."""

    PERSON = "person"
    PARTNER = "partner"
    TEAM = "team"
    ROLE = "role"


class TargetChange(LabelledEnum):
    """A relative target as the board wrote it: reduce or increase from the baseline, by a
    percentage of it or by an amount in the indicator's unit."""

    REDUCE_PCT = "reduce_pct"
    INCREASE_PCT = "increase_pct"
    REDUCE_BY = "reduce_by"
    INCREASE_BY = "increase_by"

    @property
    def percent(self) -> bool:
        return self in (TargetChange.REDUCE_PCT, TargetChange.INCREASE_PCT)

    @property
    def sign(self) -> int:
        return -1 if self in (TargetChange.REDUCE_PCT, TargetChange.REDUCE_BY) else 1


class ChangeKind(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


_LABELS: dict[StrEnum, str] = {
    Sector.NHS_TRUST: "NHS trust",
    Sector.ICB_CCG: "ICB or CCG",
    Sector.LOCAL_AUTHORITY: "Local authority",
    Sector.PRIMARY_CARE_NETWORK: "Primary care network",
    Sector.VOLUNTARY_COMMUNITY: "Voluntary & community",
    Sector.HEALTHWATCH: "Healthwatch",
    Sector.INDEPENDENT: "Independent",
    AllianceRole.RISK_BEARING: "Risk-bearing partner",
    AllianceRole.INNOVATION: "Innovation partner",
    AllianceRole.TRANSACTION: "Transaction partner",
    AllianceRole.BESPOKE_MOU: "Bespoke (MOU)",
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
    Frequency.ANNUAL_FINANCIAL: "Annual (financial year)",
    Frequency.ANNUAL_CALENDAR: "Annual (calendar year)",
    Frequency.ROLLING_3_YEAR: "Rolling 3-year",
    Rag.GREEN: "Green",
    Rag.AMBER: "Amber",
    Rag.RED: "Red",
    Rag.GREY: "No data",
    RiskCategory.QUALITY_SAFETY: "Quality & safety",
    Recommendation.NOTE: "NOTE",
    Recommendation.DISCUSS: "DISCUSS",
    Recommendation.APPROVE: "APPROVE",
    Recommendation.ENDORSE: "ENDORSE",
    AttendanceRole.IN_ATTENDANCE: "In attendance",
    Standing.VICE_CHAIR: "Vice-chair",
    Standing.OFFICER: "Officer in attendance",
    MeetingFrequency.SIX_WEEKLY: "Every six weeks",
    MeetingFrequency.BI_MONTHLY: "Every two months",
    MeetingFrequency.AS_REQUIRED: "As required",
    ItemKind.APOLOGIES: "Apologies for absence",
    ItemKind.DECLARATIONS: "Declarations of interest",
    ItemKind.PREVIOUS_MINUTES: "Minutes of the last meeting",
    ItemKind.ACTION_LOG: "Matters arising and action log",
    ItemKind.BUSINESS: "Business",
    ItemKind.PUBLIC_QUESTIONS: "Questions from the public",
    ItemKind.OTHER_BUSINESS: "Any other business",
    ItemKind.NEXT_MEETING: "Date of the next meeting",
    Purpose.DECISION: "Decision / approval",
    InterestCategory.NON_FINANCIAL_PROFESSIONAL: "Non-financial professional",
    InterestCategory.NON_FINANCIAL_PERSONAL: "Non-financial personal",
    Paper.PACK: "Assurance pack",
    FileFormat.PDF: "PDF",
    FileFormat.DOCX: "Word (DOCX)",
    Paper.ACTION_LOG: "Action log",
    Paper.INTERESTS: "Register of interests",
    ActionStatus.IN_PROGRESS: "In progress",
    LeadCapacity.SPONSOR: "Sponsor",
    LeadCapacity.LEAD_PARTNER: "Lead partner",
    LeadCapacity.LEAD_OFFICER: "Lead officer",
    TargetChange.REDUCE_PCT: "Reduce by a percentage",
    TargetChange.INCREASE_PCT: "Increase by a percentage",
    TargetChange.REDUCE_BY: "Reduce by an amount",
    TargetChange.INCREASE_BY: "Increase by an amount",
}
