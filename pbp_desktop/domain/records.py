"""Domain layer: what each kind of record holds (its editable fields) and the rules across its
fields. Services use these before touching storage; forms use them to label and limit widgets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .enums import (
    ActionStatus,
    AgreementStatus,
    AllianceRole,
    AssuranceLevel,
    AttendanceRole,
    Frequency,
    InterestCategory,
    ItemKind,
    LeadCapacity,
    MeetingFrequency,
    MilestoneStatus,
    Polarity,
    ProgrammeStatus,
    Purpose,
    Rag,
    Recommendation,
    RiskCategory,
    RiskStatus,
    Sector,
    Session,
    Standing,
    TargetChange,
)
from .errors import ValidationError
from .fields import Field
from .periods import parse_period
from .targets import derived_value, period_end

PERCENT_UNITS = frozenset({"%", "percent", "percentage"})

PARTNERSHIP = (
    Field("name", "Name", required=True, max_len=200),
    Field("place", "Place", required=True, max_len=120),
    Field("integrated_care_system", "Integrated care system", max_len=200),
    Field("fy_start_month", "Financial year start month", "int", minimum=1, maximum=12),
)

PARTNER = (
    Field("name", "Name", required=True, max_len=200),
    Field("short_name", "Short name", max_len=40),
    Field("sector", "Sector", "enum", required=True, enum=Sector),
    Field("alliance_role", "Alliance role", "enum", enum=AllianceRole),
    Field("agreement_status", "Alliance agreement status", "enum", enum=AgreementStatus),
    Field("agreement_date", "Alliance agreement date", "date"),
    Field("is_host", "Host organisation", "bool"),
    Field("joined_on", "Joined", "date"),
    Field("left_on", "Left", "date"),
    Field("notes", "Notes", max_len=4000),
)

PERSON = (
    Field("name", "Name", required=True, max_len=200),
    Field("title", "Role or title", max_len=200),
    Field("partner_id", "Organisation", "ref", ref="partner"),
    Field("email", "Email", max_len=200),
    Field("phone", "Phone", max_len=40),
)

BODY = (
    Field("name", "Name", required=True, max_len=200),
    Field("short_name", "Short name", max_len=40),
    Field("reports_to_id", "Reports to", "ref", ref="body"),
    Field("purpose", "Purpose", max_len=4000),
    Field("quorum", "Quorum (members present)", "int", minimum=1, maximum=500),
    Field("frequency", "Meets", "enum", enum=MeetingFrequency),
    Field("meets_in_public", "Meetings held in public by default", "bool"),
    Field("usual_time", "Usual time", max_len=20),
    Field("usual_place", "Usual place", max_len=300),
    Field("contact_officer", "Contact officer (for the agenda)", max_len=300),
    Field("signatory", "Agenda issued by (name and title)", max_len=300),
)

STANDING_ITEM = (
    Field("body_id", "Board or body", "ref", required=True, ref="body"),
    Field("kind", "Kind of item", "enum", required=True, enum=ItemKind),
    Field("title", "Title", required=True, max_len=300),
    Field("description", "Wording on the agenda", max_len=4000),
    Field("purpose", "Purpose", "enum", enum=Purpose),
    Field("after_business", "After the business items", "bool"),
    Field("sort_order", "Order", "int", minimum=0, maximum=10_000),
)

INTEREST = (
    Field("person_id", "Person", "ref", required=True, ref="person"),
    Field("category", "Category", "enum", required=True, enum=InterestCategory),
    Field("organisation", "Organisation or matter", required=True, max_len=300),
    Field("partner_id", "Partner (when the organisation is one)", "ref", ref="partner"),
    Field("description", "Nature of the interest", max_len=4000),
    Field("from_on", "From", "date"),
    Field("to_on", "To", "date"),
    Field("confidential", "Withheld from the public register", "bool"),
)

MEMBERSHIP = (
    Field("body_id", "Board or body", "ref", required=True, ref="body"),
    Field("person_id", "Person", "ref", required=True, ref="person"),
    Field("standing", "Role", "enum", enum=Standing),
    Field("role", "Capacity or title on the body", max_len=100),
    Field("voting", "Voting member", "bool"),
    Field("start_on", "From", "date"),
    Field("end_on", "Until", "date"),
)

OUTCOME = (
    Field("reference", "Reference", required=True, max_len=20),
    Field("title", "Title", required=True, max_len=300),
    Field("statement", "Outcome statement", max_len=4000),
    Field("domain", "Domain", max_len=200),
    Field("sort_order", "Order", "int", minimum=0, maximum=10_000),
)

OBJECTIVE = (
    Field("outcome_id", "Priority outcome", "ref", required=True, ref="outcome"),
    Field("reference", "Reference", required=True, max_len=20),
    Field("title", "Title", required=True, max_len=300),
    Field("statement", "Objective statement", max_len=4000),
    Field("sort_order", "Order", "int", minimum=0, maximum=10_000),
)

INDICATOR = (
    Field("objective_id", "Objective", "ref", ref="objective"),
    Field("outcome_id", "Priority outcome (a measure of the outcome as a whole)", "ref", ref="outcome"),
    Field("code", "Code", max_len=40),
    Field("name", "Name", required=True, max_len=300),
    Field("definition", "Definition", max_len=4000),
    Field("unit", "Unit", required=True, max_len=40),
    Field("polarity", "Polarity", "enum", required=True, enum=Polarity),
    Field("decimals", "Decimal places", "int", minimum=0, maximum=4),
    Field("baseline_value", "Baseline value", "number"),
    Field("baseline_period", "Baseline period", "period"),
    Field("target_value", "Target value", "number"),
    Field("target_change", "Relative target (blank: the target value above)", "enum", enum=TargetChange),
    Field("target_amount", "Reduce or increase by (% or amount)", "number", minimum=0),
    Field("target_date", "Target date", "date"),
    Field("target_period", "Target year or period as written (e.g. 2016, 2015/16)", max_len=40),
    Field("data_source", "Data source", max_len=300),
    Field("frequency", "Reporting frequency", "enum", required=True, enum=Frequency),
    Field("tolerance_pct", "Amber tolerance (%)", "number", minimum=0, maximum=100),
    Field("reporting_lag_months", "Reporting lag (months; blank: the frequency's usual)", "int",
          minimum=0, maximum=120),
    Field("rag_definition", "RAG definition", max_len=2000),
    Field("notes", "Notes", max_len=4000),
    Field("fingertips_id", "Fingertips indicator ID", "int", minimum=1, maximum=10_000_000),
    Field("fingertips_area", "Fingertips area code", max_len=20),
    Field("fingertips_sex", "Fingertips sex (e.g. Persons)", max_len=40),
    Field("fingertips_age", "Fingertips age (e.g. 18+ yrs)", max_len=60),
    Field("fingertips_category", "Fingertips category (blank: all)", max_len=200),
)

ACTUAL = (
    Field("indicator_id", "Indicator", "ref", required=True, ref="indicator"),
    Field("period", "Period", "period", required=True),
    Field("value", "Value", "number", required=True),
    Field("provisional", "Provisional", "bool"),
    Field("source", "Source", max_len=300),
    Field("note", "Note", max_len=4000),
    Field("illustrative", "Illustrative (not real data)", "bool"),
    Field("assessed_rag", "Lead's assessed RAG", "enum", enum=Rag),
    Field("assessed_reason", "Reason for the lead's RAG", max_len=2000),
)

INDICATOR_REBASE = (
    Field("indicator_id", "Indicator", "ref", required=True, ref="indicator"),
    Field("period", "Rebase from period", "period", required=True),
    Field("reason", "Reason", required=True, max_len=2000),
)

TRAJECTORY_POINT = (
    Field("indicator_id", "Indicator", "ref", required=True, ref="indicator"),
    Field("period", "Period", "period", required=True),
    Field("value", "Planned value", "number", required=True),
)

def _score(name: str, label: str) -> Field:
    """A risk score: a whole number from 1 to 5."""
    return Field(name, label, "int", required=True, minimum=1, maximum=5)


RISK = (
    Field("reference", "Reference", required=True, max_len=20),
    Field("title", "Title", required=True, max_len=300),
    Field("cause", "Cause", max_len=4000),
    Field("event", "Event", max_len=4000),
    Field("effect", "Effect", max_len=4000),
    Field("category", "Category", "enum", required=True, enum=RiskCategory),
    Field("owner_id", "Owner", "ref", ref="person"),
    _score("inherent_consequence", "Inherent consequence"),
    _score("inherent_likelihood", "Inherent likelihood"),
    _score("current_consequence", "Current consequence"),
    _score("current_likelihood", "Current likelihood"),
    _score("target_consequence", "Target consequence"),
    _score("target_likelihood", "Target likelihood"),
    Field("controls", "Controls", max_len=8000),
    Field("gaps", "Gaps in control", max_len=8000),
    Field("assurances", "Assurances", max_len=8000),
    Field("assurance_gaps", "Gaps in assurance", max_len=8000),
    Field("mitigations", "Mitigating actions", max_len=8000),
    Field("review_date", "Review date", "date"),
    Field("status", "Status", "enum", enum=RiskStatus),
    Field("baf", "On the Board Assurance Framework", "bool"),
    Field("confidential", "Confidential", "bool"),
)

MEETING = (
    Field("body_id", "Board or body", "ref", required=True, ref="body"),
    Field("title", "Title", max_len=300),
    Field("meets_on", "Date", "date", required=True),
    Field("start_time", "Time", max_len=20),
    Field("location", "Place", max_len=300),
    Field("session", "Session", "enum", required=True, enum=Session),
    Field("chair_id", "Chair of this meeting", "ref", ref="person"),
    Field("ended_at", "Meeting ended at", max_len=20),
    Field("exclusion", "Resolution to exclude the public (Part 2)", max_len=4000),
)

ATTENDANCE = (
    Field("meeting_id", "Meeting", "ref", required=True, ref="meeting"),
    Field("person_id", "Person", "ref", ref="person"),
    Field("name", "Name", max_len=200),
    Field("capacity", "Capacity", max_len=300),
    Field("attendance", "Attendance", "enum", required=True, enum=AttendanceRole),
)

DECLARATION = (
    Field("meeting_id", "Meeting", "ref", required=True, ref="meeting"),
    Field("person_id", "Person", "ref", ref="person"),
    Field("name", "Name", max_len=200),
    Field("agenda_item_id", "Agenda item", "ref", ref="agenda_item"),
    Field("interest", "Interest declared", required=True, max_len=4000),
    Field("detail", "Its nature (as an employee of..., a trustee of...)", max_len=4000),
    Field("interest_id", "On the register of interests", "ref", ref="interest"),
    Field("category", "Category", "enum", enum=InterestCategory),
    Field("action_taken", "Action taken", max_len=300),
)

AGENDA_ITEM = (
    Field("meeting_id", "Meeting", "ref", required=True, ref="meeting"),
    Field("number", "Item number", max_len=20),  # the app numbers items in agenda order
    Field("minute_ref", "Minute reference", max_len=20),
    Field("title", "Title", required=True, max_len=300),
    Field("presenter", "Presenter", max_len=200),
    Field("kind", "Kind of item", "enum", enum=ItemKind),
    Field("purpose", "Purpose", "enum", enum=Purpose),
    Field("recommendation", "Recommendation", "enum", enum=Recommendation),
    Field("item_time", "Time", max_len=20),
    Field("paper_ref", "Paper reference", max_len=40),
    Field("description", "Wording on the agenda", max_len=4000),
    Field("confidential", "Private (Part 2)", "bool"),
    Field("sort_order", "Order", "int", minimum=0, maximum=10_000),
)

MINUTE = (
    Field("agenda_item_id", "Agenda item", "ref", required=True, ref="agenda_item"),
    Field("text", "Minutes", required=True, max_len=50_000),
    Field("confidential", "Confidential", "bool"),
)

RESOLUTION = (
    Field("agenda_item_id", "Agenda item", "ref", required=True, ref="agenda_item"),
    Field("number", "Number", "int", minimum=1, maximum=999),
    Field("text", "Resolution", required=True, max_len=8000),
)

MINUTE_AMENDMENT = (
    Field("agenda_item_id", "Agenda item", "ref", required=True, ref="agenda_item"),
    Field("amended_on", "Amended on", "date", required=True),
    Field("reason", "Reason for the amendment", required=True, max_len=4000),
    Field("old_text", "The minutes as approved", max_len=50_000),
    Field("new_text", "The minutes as amended", max_len=50_000),
    Field("minute_id", "The minutes amended", "ref", ref="minute"),
)

ACTION = (
    Field("reference", "Reference", max_len=20),
    Field("description", "Description", required=True, max_len=4000),
    Field("owner_id", "Owner", "ref", required=True, ref="person"),
    Field("owner_partner_id", "Owning partner", "ref", ref="partner"),
    Field("meeting_id", "Raised at meeting", "ref", ref="meeting"),
    Field("agenda_item_id", "Raised at item", "ref", ref="agenda_item"),
    Field("due_on", "Due date", "date", required=True),
    Field("status", "Status", "enum", enum=ActionStatus),
    Field("completed_on", "Completed on", "date"),
    Field("risk_id", "Linked risk", "ref", ref="risk"),
    Field("objective_id", "Linked objective", "ref", ref="objective"),
    Field("confidential", "Confidential", "bool"),
)

ACTION_UPDATE = (
    Field("action_id", "Action", "ref", required=True, ref="action"),
    Field("written_on", "Date", "date", required=True),
    Field("text", "Update", required=True, max_len=8000),
)

PROGRAMME = (
    Field("parent_id", "Part of programme", "ref", ref="programme"),
    Field("reference", "Reference", required=True, max_len=20),
    Field("title", "Title", required=True, max_len=300),
    Field("aim", "Aim", max_len=4000),
    Field("lead_director_id", "Lead director", "ref", ref="person"),
    Field("sponsor_id", "Sponsor director", "ref", ref="person"),
    Field("activity_manager_id", "Activity manager", "ref", ref="person"),
    Field("gateway_stage", "Gateway stage", "int", minimum=1, maximum=20),
    Field("status", "Status", "enum", enum=ProgrammeStatus),
    Field("confidence", "Delivery confidence", "enum", enum=Rag),
    Field("confidence_reason", "Reason for the delivery confidence", max_len=4000),
    Field("contingency_months", "Contingency for slippage (months)", "int", minimum=0, maximum=60),
    Field("investment", "Investment (£)", "number", minimum=0, maximum=1e12),
    Field("key_partners", "Key partners (as written)", max_len=2000),
    Field("confidential", "Confidential", "bool"),
)

MILESTONE_YEARS = (1990, 2100)  # a milestone dated outside these years is a typing slip (1900 for 2019)

PROGRAMME_GOAL = (
    Field("programme_id", "Programme", "ref", required=True, ref="programme"),
    Field("goal", "Goal", required=True, max_len=100),
    Field("contribution", "Contribution", required=True, max_len=4000),
)

PROGRAMME_BENEFIT = (
    Field("programme_id", "Programme", "ref", required=True, ref="programme"),
    Field("description", "Benefit expected", required=True, max_len=4000),
    Field("indicator_id", "Measured by indicator", "ref", ref="indicator"),
)

PROGRAMME_UPDATE = (
    Field("programme_id", "Programme", "ref", required=True, ref="programme"),
    Field("month", "Month", "date", required=True),
    Field("progress", "Progress this period", max_len=8000),
    Field("next_steps", "Plans for the next period", max_len=8000),
    Field("risks_issues", "Risks and issues", max_len=8000),
    Field("decisions", "Decisions asked of the board", max_len=8000),
    Field("confidence", "Delivery confidence this month", "enum", enum=Rag),
    Field("confidence_reason", "Reason for the delivery confidence", max_len=4000),
)

MILESTONE = (
    Field("programme_id", "Programme or project", "ref", required=True, ref="programme"),
    Field("title", "Milestone", required=True, max_len=300),
    Field("baseline_date", "Baseline date", "date", required=True),
    Field("forecast_date", "Forecast date", "date"),
    Field("actual_date", "Actual date", "date"),
    Field("status", "Status", "enum", enum=MilestoneStatus),
    Field("check_point", "A check point reported to a board", "bool"),
    Field("reported_to", "Reported to", max_len=300),
    Field("note", "Note", max_len=4000),
    Field("confidential", "Confidential", "bool"),
)

COVER = (
    Field("title", "Report title", required=True, max_len=300),
    Field("agenda_item", "Agenda item", max_len=40),
    Field("paper_number", "Paper number", max_len=60),
    Field("sponsor", "Sponsoring executive", max_len=300),
    Field("author", "Report author", max_len=300),
    Field("purpose", "Purpose of the paper", "enum", enum=Purpose),
    Field("assurance_level", "Level of assurance offered", "enum", enum=AssuranceLevel),
    Field("executive_summary", "Executive summary", max_len=4000),
    Field("baf_risks", "BAF risks it relates to", max_len=2000, lines=True),
    Field("objectives", "Objectives it relates to (their references)", max_len=1000),
    Field("discussion_points", "Suggested discussion points", max_len=4000),
    Field("previous_consideration", "Previous consideration", max_len=2000),
    Field("recommendations", "Recommendations (one a line, starting NOTE, DISCUSS, APPROVE or ENDORSE)", max_len=4000),
    Field("risk_register", "Impact on the risk register", max_len=1000),
    Field("baf", "Board Assurance Framework", max_len=1000),
    Field("eqia_required", "Equality impact assessment required", "bool"),
    Field("eqia_date", "Equality impact assessment completed on", "date"),
    Field("qia_required", "Quality impact assessment required", "bool"),
    Field("qia_date", "Quality impact assessment completed on", "date"),
    Field("judgement", "Overall judgement (blank: as computed)", max_len=40),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "partnership": PARTNERSHIP,
    "partner": PARTNER,
    "person": PERSON,
    "body": BODY,
    "membership": MEMBERSHIP,
    "standing_item": STANDING_ITEM,
    "interest": INTEREST,
    "outcome": OUTCOME,
    "objective": OBJECTIVE,
    "indicator": INDICATOR,
    "actual": ACTUAL,
    "trajectory_point": TRAJECTORY_POINT,
    "indicator_rebase": INDICATOR_REBASE,
    "risk": RISK,
    "meeting": MEETING,
    "attendance": ATTENDANCE,
    "declaration": DECLARATION,
    "agenda_item": AGENDA_ITEM,
    "minute": MINUTE,
    "resolution": RESOLUTION,
    "minute_amendment": MINUTE_AMENDMENT,
    "action": ACTION,
    "action_update": ACTION_UPDATE,
    "programme": PROGRAMME,
    "programme_goal": PROGRAMME_GOAL,
    "programme_benefit": PROGRAMME_BENEFIT,
    "programme_update": PROGRAMME_UPDATE,
    "milestone": MILESTONE,
}


# Records the app writes itself (no form edits them directly), held to rules all the same when a
# register is read from a file or checked.
OBJECTIVE_LEAD = (
    Field("objective_id", "Objective", "ref", required=True, ref="objective"),
    Field("person_id", "Person", "ref", ref="person"),
    Field("partner_id", "Partner", "ref", ref="partner"),
    Field("team", "Team or service", max_len=200),
    Field("role", "Role or group", max_len=200),
)

OUTCOME_LEAD = (
    Field("outcome_id", "Priority outcome", "ref", required=True, ref="outcome"),
    Field("capacity", "Capacity", "enum", required=True, enum=LeadCapacity),
    Field("person_id", "Person", "ref", ref="person"),
    Field("partner_id", "Partner", "ref", ref="partner"),
    Field("team", "Team or service", max_len=200),
    Field("role", "Role or group", max_len=200),
)

RISK_SCORE = (
    Field("risk_id", "Risk", "ref", required=True, ref="risk"),
    Field("assessed_on", "Assessed on", "date", required=True),
    _score("consequence", "Consequence"),
    _score("likelihood", "Likelihood"),
    Field("note", "Note", max_len=8000),
)

RISK_LINK = (
    Field("risk_id", "Risk", "ref", required=True, ref="risk"),
    Field("outcome_id", "Priority outcome", "ref", ref="outcome"),
    Field("objective_id", "Objective", "ref", ref="objective"),
)

# every kind of record with rules of its own, by table: what a file loaded into a register and a
# stored register are checked against (FIELDS above: the records people edit)
PROGRAMME_LINK = (
    Field("programme_id", "Programme", "ref", required=True, ref="programme"),
    Field("outcome_id", "Priority outcome", "ref", ref="outcome"),
    Field("objective_id", "Objective", "ref", ref="objective"),
    Field("risk_id", "Risk", "ref", ref="risk"),
    Field("action_id", "Action", "ref", ref="action"),
    Field("partner_id", "Lead partner", "ref", ref="partner"),
)

MILESTONE_FORECAST = (
    Field("milestone_id", "Milestone", "ref", required=True, ref="milestone"),
    Field("recorded_on", "Recorded on", "date", required=True),
    Field("forecast_date", "Forecast date", "date"),
    Field("reason", "Reason", max_len=4000),
)

RULES: dict[str, tuple[Field, ...]] = {
    **FIELDS, "objective_lead": OBJECTIVE_LEAD, "outcome_lead": OUTCOME_LEAD, "risk_score": RISK_SCORE, "risk_link": RISK_LINK,
    "programme_link": PROGRAMME_LINK, "milestone_forecast": MILESTONE_FORECAST,
}


@dataclass(frozen=True, slots=True)
class Leads:
    """The leads chosen for an objective, or for an outcome in one capacity: people and partners
    in the register (by id), teams and roles by name as written."""

    person_ids: tuple[int, ...] = ()
    partner_ids: tuple[int, ...] = ()
    teams: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


LEAD_NAME_MAX = 200


def lead_keys(leads: Leads, heading: str, key: str = "lead_") -> tuple[list[tuple[str, Any]], list[ValidationError]]:
    """The leads as (column, value) pairs, each once, in the order given; and what is wrong with
    the names of the teams and roles (`heading` names the list in the messages)."""
    out: list[tuple[str, Any]] = []
    errors: list[ValidationError] = []
    ids: tuple[tuple[str, tuple[int, ...]], ...] = (("person_id", leads.person_ids), ("partner_id", leads.partner_ids))
    for column, numbers in ids:
        for v in numbers:
            if isinstance(v, bool) or not isinstance(v, int):
                errors.append(ValidationError(f"{key}{column}s", "invalid", f"{heading}: {v!r} is not a record's id"))
            elif (column, v) not in out:
                out.append((column, v))
    named: tuple[tuple[str, tuple[str, ...]], ...] = (("team", leads.teams), ("role", leads.roles))
    for column, texts in named:
        what = column
        seen: set[str] = set()
        for raw in texts:
            name = " ".join(str(raw).split())
            if not name:
                continue
            if len(name) > LEAD_NAME_MAX:
                errors.append(ValidationError(f"{key}{column}s", "too_long",
                                              f"{heading}: the {what} '{name[:40]}…' is longer than "
                                              f"{LEAD_NAME_MAX} characters"))
            elif any(ord(c) < 32 for c in name):
                errors.append(ValidationError(f"{key}{column}s", "control", f"{heading}: a {what}'s name "
                                              "holds a control character"))
            elif name.casefold() not in seen:
                seen.add(name.casefold())
                out.append((column, name))
    return out, errors


def _after(values: Mapping[str, Any], first: str, second: str, message: str) -> list[ValidationError]:
    a, b = values.get(first), values.get(second)
    if a is not None and b is not None and b < a:
        return [ValidationError(second, "before_" + first, message)]
    return []


def is_percent(unit: str | None) -> bool:
    return (unit or "").strip().lower() in PERCENT_UNITS


def check(entity: str, v: Mapping[str, Any], context: Mapping[str, Any] | None = None) -> list[ValidationError]:
    """Rules across fields of one record, given its whole (merged, cleaned) values.
    `context` carries what the record's own fields cannot, such as an indicator's unit."""
    ctx = context or {}
    errors: list[ValidationError] = []
    if entity == "partner":
        errors += _after(v, "joined_on", "left_on", "Left must not be before Joined")
    elif entity == "membership":
        errors += _after(v, "start_on", "end_on", "Until must not be before From")
    elif entity == "interest":
        errors += _after(v, "from_on", "to_on", "To must not be before From")
    if entity in TIMES:
        errors += _times(v, TIMES[entity])
    elif entity == "person":
        email = v.get("email")
        if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
            errors.append(ValidationError("email", "invalid", f"Email: '{email}' is not an email address"))
    elif entity == "body":
        if v.get("id") is not None and v.get("reports_to_id") == v.get("id"):
            errors.append(ValidationError("reports_to_id", "own_parent", "Reports to: a body cannot report to itself"))
    elif entity in ("objective_lead", "outcome_lead"):
        if sum(v.get(k) is not None for k in ("person_id", "partner_id", "team", "role")) != 1:
            errors.append(ValidationError("person_id", "one_lead",
                                          "Name one lead: a person, a partner, a team or a role"))
    elif entity == "risk_link":
        errors += _one_of(v, "outcome_id", "objective_id", "an outcome or an objective")
    elif entity == "indicator":
        errors += _check_indicator(v)
    elif entity in ("actual", "trajectory_point"):
        errors += _indicator_value(v, "value", "Value", ctx.get("unit"))
        if entity == "actual" and v.get("assessed_rag") and not (v.get("assessed_reason") or "").strip():
            errors.append(ValidationError("assessed_reason", "required",
                                          "Reason for the lead's RAG: give the reason for the lead's assessed RAG"))
    elif entity == "attendance" or entity == "declaration":
        if not v.get("person_id") and not v.get("name"):
            errors.append(ValidationError("name", "required", "Name a person from the register or type a name"))
    elif entity == "programme_link":
        if sum(v.get(k) is not None for k in ("outcome_id", "objective_id", "risk_id", "action_id", "partner_id")) != 1:
            errors.append(ValidationError("outcome_id", "one_target",
                                          "Link one record: an outcome, an objective, a risk, an action or a partner"))
    elif entity == "programme":
        if v.get("id") is not None and v.get("parent_id") == v.get("id"):
            errors.append(ValidationError("parent_id", "own_parent", "Part of programme: a programme cannot be part of itself"))
    elif entity == "programme_update":
        if v.get("month") is not None and v["month"].day != 1:
            errors.append(ValidationError("month", "not_a_month", "Month: give the month's first day (01/MM/YYYY)"))
    elif entity == "milestone":
        for name, label in (("baseline_date", "Baseline date"), ("forecast_date", "Forecast date"),
                            ("actual_date", "Actual date")):
            day = v.get(name)
            if day is not None and not MILESTONE_YEARS[0] <= day.year <= MILESTONE_YEARS[1]:
                errors.append(ValidationError(name, "implausible", f"{label}: {day:%d/%m/%Y} is not a date a programme "
                                              f"plans for (give one from {MILESTONE_YEARS[0]} to {MILESTONE_YEARS[1]})"))
        status, actual = v.get("status"), v.get("actual_date")
        if status == MilestoneStatus.COMPLETE and actual is None:
            errors.append(ValidationError("actual_date", "required",
                                          "Actual date: a complete milestone needs the date it was done"))
        if actual is not None and status not in (None, MilestoneStatus.COMPLETE):
            errors.append(ValidationError("actual_date", "not_complete",
                                          "Actual date is only set when the milestone is complete"))
    elif entity == "action":
        status = v.get("status")
        if v.get("completed_on") is not None and status not in (None, ActionStatus.COMPLETE):
            errors.append(ValidationError("completed_on", "not_complete",
                                          "Completed on is only set when the action is complete"))
    return errors


# the fields holding a time of day, as people write it ("5.30 pm", "17:30")
TIMES: dict[str, tuple[tuple[str, str], ...]] = {
    "meeting": (("start_time", "Time"), ("ended_at", "Meeting ended at")),
    "agenda_item": (("item_time", "Time"),),
    "body": (("usual_time", "Usual time"),),
}


def _times(v: Mapping[str, Any], fields: tuple[tuple[str, str], ...]) -> list[ValidationError]:
    from .meetings import parse_time
    return [ValidationError(name, "not_a_time", f"{label}: '{v[name]}' is not a time of day; write it as "
                                                 "5.30 pm or 17:30")
            for name, label in fields if v.get(name) and parse_time(v[name]) is None]


def _indicator_value(v: Mapping[str, Any], name: str, label: str, unit: str | None) -> list[ValidationError]:
    """An indicator's figures count or rate things: never below 0, and a percentage at most 100."""
    value = v.get(name)
    if value is None:
        return []
    if is_percent(unit) and not 0 <= value <= 100:
        return [ValidationError(name, "out_of_range", f"{label}: {value:g} is not a percentage from 0 to 100")]
    if value < 0:
        return [ValidationError(name, "negative", f"{label}: {value:g} is below 0; indicators here count or rate "
                                                  "things, and cannot be below 0")]
    return []


def _one_of(v: Mapping[str, Any], first: str, second: str, what: str) -> list[ValidationError]:
    if (v.get(first) is None) == (v.get(second) is None):
        return [ValidationError(first, "one_of", f"Give {what}, one of the two")]
    return []


def derive(entity: str, v: Mapping[str, Any]) -> dict[str, Any]:
    """The values a record's own fields imply, given its whole (merged, cleaned) values: an
    indicator's target date from a target period written as a year or period (its end), and the
    target value of a relative target from the baseline (None while the baseline is awaited).
    Only the values that differ from those given are returned."""
    if entity == "milestone":  # a milestone given the date it was done is complete
        if v.get("actual_date") is not None and v.get("status") is None:
            return {"status": MilestoneStatus.COMPLETE}
        return {}
    if entity != "indicator":
        return {}
    out: dict[str, Any] = {}
    end = period_end(v.get("target_period"))
    if end is not None and v.get("target_date") != end:
        out["target_date"] = end
    change, amount = v.get("target_change"), v.get("target_amount")
    if change is not None and amount is not None:
        value = derived_value(TargetChange(change), amount, v.get("baseline_value"))
        if value is not None:
            value = round(value, 6)
        if v.get("target_value") != value:
            out["target_value"] = value
    return out


def _check_indicator(v: Mapping[str, Any]) -> list[ValidationError]:
    errors: list[ValidationError] = []
    if (v.get("objective_id") is None) == (v.get("outcome_id") is None):
        errors.append(ValidationError(
            "objective_id", "one_of",
            "Objective: give an objective, or a priority outcome for a measure of the outcome as a whole "
            "(one of the two)"))
    change, amount = v.get("target_change"), v.get("target_amount")
    if change is not None and amount is None:
        errors.append(ValidationError("target_amount", "required",
                                      "Reduce or increase by: give the percentage or amount of the relative target"))
    if amount is not None and change is None:
        errors.append(ValidationError("target_change", "required",
                                      "Relative target: choose reduce or increase, by a percentage or an amount"))
    if change is not None and amount is not None and TargetChange(change) is TargetChange.REDUCE_PCT and amount > 100:
        errors.append(ValidationError("target_amount", "out_of_range",
                                      f"Reduce by: {amount:g}% is more than the whole baseline (at most 100%)"))
    period = v.get("target_period")
    if period and period_end(period) is None:
        errors.append(ValidationError(
            "target_period", "not_a_period",
            f"Target year or period: '{period}' is not a year or period; write it as 2016, 2015/16 or Q4 2016/17"))
    unit = v.get("unit")
    for name, label in (("baseline_value", "Baseline value"), ("target_value", "Target value")):
        errors += _indicator_value(v, name, label, unit)
    if v.get("baseline_value") is not None and not v.get("baseline_period"):
        errors.append(ValidationError("baseline_period", "required",
                                      "Baseline period is required when a baseline value is given"))
    target_date = v.get("target_date")
    if (v.get("target_value") is not None or change is not None) and target_date is None and not period:
        errors.append(ValidationError("target_date", "required",
                                      "Target date is required when a target is given (or a target year or period)"))
    if target_date is not None and v.get("baseline_period"):
        baseline_end = parse_period(v["baseline_period"]).end
        if target_date <= baseline_end:
            errors.append(ValidationError(
                "target_date", "before_baseline",
                f"Target date {target_date:%d/%m/%Y} is not after the baseline period "
                f"{v['baseline_period']} (which ends {baseline_end:%d/%m/%Y})"))
    return errors
