"""Storage layer: every table of the register, imported here so the metadata is complete."""

from .actions import Action, ActionUpdate
from .audit import ChangeBatch, ChangeLog, Pack
from .meetings import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minute,
    MinuteAmendment,
    Resolution,
)
from .outcomes import (
    Actual,
    Indicator,
    IndicatorRebase,
    Objective,
    ObjectiveLead,
    Outcome,
    OutcomeLead,
    TrajectoryPoint,
)
from .people import Body, Interest, Membership, Partner, Partnership, Person, StandingItem
from .privacy import Disclosure
from .programmes import (
    Milestone,
    MilestoneForecast,
    Programme,
    ProgrammeBenefit,
    ProgrammeGoal,
    ProgrammeLink,
    ProgrammeUpdate,
)
from .risks import Risk, RiskLink, RiskScore
from .settings import RegisterSetting

__all__ = [
    "Action", "ActionUpdate", "Actual", "AgendaItem", "Attendance", "Body", "ChangeBatch", "ChangeLog",
    "Declaration", "Disclosure", "Indicator", "IndicatorRebase", "Interest", "Meeting", "Membership", "Milestone",
    "MilestoneForecast", "Minute", "MinuteAmendment", "Programme", "ProgrammeBenefit", "ProgrammeGoal", "ProgrammeLink",
    "ProgrammeUpdate", "Objective", "ObjectiveLead", "Outcome", "OutcomeLead", "Pack", "Partner", "Partnership", "Person",
    "Resolution", "Risk", "RiskLink", "RegisterSetting", "RiskScore", "StandingItem", "TrajectoryPoint",
]

MODELS = {
    "partnership": Partnership, "partner": Partner, "person": Person, "body": Body,
    "membership": Membership, "outcome": Outcome, "objective": Objective,
    "indicator": Indicator, "actual": Actual, "trajectory_point": TrajectoryPoint,
    "indicator_rebase": IndicatorRebase,
    "risk": Risk, "meeting": Meeting, "attendance": Attendance, "declaration": Declaration,
    "agenda_item": AgendaItem, "minute": Minute, "resolution": Resolution, "action": Action,
    "action_update": ActionUpdate, "standing_item": StandingItem, "interest": Interest,
    "minute_amendment": MinuteAmendment,
    "programme": Programme, "programme_goal": ProgrammeGoal, "programme_benefit": ProgrammeBenefit,
    "programme_update": ProgrammeUpdate, "milestone": Milestone,
}

# every table's model by table name (MODELS above holds the records users edit directly)
TABLES = {
    m.__tablename__: m for m in (
        *MODELS.values(), ObjectiveLead, OutcomeLead, RiskScore, RiskLink, ProgrammeLink, MilestoneForecast, ChangeBatch,
        ChangeLog, Pack, RegisterSetting, Disclosure)
}
