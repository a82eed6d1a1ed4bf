"""Storage layer: programmes (a strategic initiative or transformation programme) and their
projects or key activities in one table (a project is a programme with a parent), their
milestones (check points) with every change of forecast kept, their links, goals, benefits and
monthly highlight updates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import MilestoneStatus, ProgrammeStatus, Rag
from ..base import Archivable, Base, Versioned, enum_column, fk

# a programme link points at exactly one record: what it serves (an outcome or objective), a risk
# or action of its own, or a lead partner
LINK_TARGETS = ("outcome_id", "objective_id", "risk_id", "action_id", "partner_id")
ONE_TARGET = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in LINK_TARGETS) + " = 1"


class Programme(Versioned, Archivable, Base):
    """A programme, or (with a parent) one of its projects or key activities. Its gateway stage is
    a number into the partnership's named stages (a register setting); its contingency, in
    months, is what its milestones may slip before they turn red (a project without its own takes
    its programme's)."""

    __tablename__ = "programme"
    parent_id: Mapped[int | None] = fk("programme.id")
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    aim: Mapped[str | None] = mapped_column(Text)
    lead_director_id: Mapped[int | None] = fk("person.id")
    sponsor_id: Mapped[int | None] = fk("person.id")
    activity_manager_id: Mapped[int | None] = fk("person.id")
    gateway_stage: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[ProgrammeStatus] = enum_column(ProgrammeStatus, "status", nullable=False,
                                                  default=ProgrammeStatus.ACTIVE)
    confidence: Mapped[Rag | None] = enum_column(Rag, "confidence")
    confidence_reason: Mapped[str | None] = mapped_column(Text)
    contingency_months: Mapped[int | None] = mapped_column(Integer)
    investment: Mapped[float | None] = mapped_column(Float)
    key_partners: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = (
        CheckConstraint("gateway_stage >= 1", name="gateway_stage"),
        CheckConstraint("contingency_months >= 0", name="contingency_months"),
        CheckConstraint("investment >= 0", name="investment"),
        CheckConstraint("parent_id <> id", name="not_own_parent"),
    )


class ProgrammeLink(Versioned, Base):
    __tablename__ = "programme_link"
    programme_id: Mapped[int] = fk("programme.id", nullable=False)
    outcome_id: Mapped[int | None] = fk("outcome.id")
    objective_id: Mapped[int | None] = fk("objective.id")
    risk_id: Mapped[int | None] = fk("risk.id")
    action_id: Mapped[int | None] = fk("action.id")
    partner_id: Mapped[int | None] = fk("partner.id")
    __table_args__ = (
        CheckConstraint(ONE_TARGET, name="one_target"),
        UniqueConstraint("programme_id", *LINK_TARGETS, name="uq_programme_link_target"),
    )


class ProgrammeGoal(Versioned, Base):
    """What a programme contributes to one of the partnership's goals (the seed plan's appendix:
    quality, innovation, prevention, productivity), in words."""

    __tablename__ = "programme_goal"
    programme_id: Mapped[int] = fk("programme.id", nullable=False)
    goal: Mapped[str] = mapped_column(String(100))
    contribution: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("programme_id", "goal"),)


class ProgrammeBenefit(Versioned, Base):
    """A benefit a programme expects, and the indicator that measures it (if one does)."""

    __tablename__ = "programme_benefit"
    programme_id: Mapped[int] = fk("programme.id", nullable=False)
    description: Mapped[str] = mapped_column(Text)
    indicator_id: Mapped[int | None] = fk("indicator.id")


class ProgrammeUpdate(Versioned, Base):
    """A programme's highlight report for one month (stored as the month's first day): progress
    this period, plans for the next, risks and issues, the decisions asked of the board, and its
    delivery confidence as judged that month."""

    __tablename__ = "programme_update"
    programme_id: Mapped[int] = fk("programme.id", nullable=False)
    month: Mapped[date] = mapped_column(Date)
    progress: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    risks_issues: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[Rag | None] = enum_column(Rag, "confidence")
    confidence_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("programme_id", "month"),)


class Milestone(Versioned, Base):
    """A milestone or check point. Its RAG is derived from its slippage against the baseline and
    its programme's contingency, never stored."""

    __tablename__ = "milestone"
    programme_id: Mapped[int] = fk("programme.id", nullable=False)
    title: Mapped[str] = mapped_column(String(300))
    baseline_date: Mapped[date] = mapped_column(Date)
    forecast_date: Mapped[date | None] = mapped_column(Date)
    actual_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[MilestoneStatus] = enum_column(MilestoneStatus, "status", nullable=False,
                                                  default=MilestoneStatus.PLANNED)
    check_point: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reported_to: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class MilestoneForecast(Versioned, Base):
    """One change of a milestone's forecast date, kept so slippage can be shown over time."""

    __tablename__ = "milestone_forecast"
    milestone_id: Mapped[int] = fk("milestone.id", nullable=False)
    recorded_on: Mapped[date] = mapped_column(Date)
    forecast_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
