"""Storage layer: priority outcomes, objectives and their leads, indicators, plans and actuals."""

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

from ...domain.enums import Frequency, LeadCapacity, Polarity, Rag, TargetChange
from ..base import Archivable, Base, Versioned, enum_column, fk


class Outcome(Versioned, Archivable, Base):
    __tablename__ = "outcome"
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    statement: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Objective(Versioned, Archivable, Base):
    __tablename__ = "objective"
    outcome_id: Mapped[int] = fk("outcome.id", nullable=False)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    statement: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


# a lead is one of: a person or a partner in the register, or a team or a role named as written
ONE_LEAD = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("person_id", "partner_id", "team", "role")) + " = 1"


class OutcomeLead(Versioned, Base):
    """A lead of a priority outcome in one capacity (sponsor, lead partner, lead officer): a person,
    a partner, a team or a role, one per row; several in each capacity."""

    __tablename__ = "outcome_lead"
    outcome_id: Mapped[int] = fk("outcome.id", nullable=False)
    capacity: Mapped[LeadCapacity] = enum_column(LeadCapacity, "capacity", nullable=False)
    person_id: Mapped[int | None] = fk("person.id")
    partner_id: Mapped[int | None] = fk("partner.id")
    team: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (CheckConstraint(ONE_LEAD, name="one_lead"),)


class ObjectiveLead(Versioned, Base):
    """A responsible lead of an objective: a person, a partner, a team or a role, one per row."""

    __tablename__ = "objective_lead"
    objective_id: Mapped[int] = fk("objective.id", nullable=False)
    person_id: Mapped[int | None] = fk("person.id")
    partner_id: Mapped[int | None] = fk("partner.id")
    team: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        CheckConstraint(ONE_LEAD, name="one_lead"),
        UniqueConstraint("objective_id", "person_id", "partner_id"),
    )


class Indicator(Versioned, Archivable, Base):
    __tablename__ = "indicator"
    # under an objective, or directly under an outcome (a measure of the outcome as a whole)
    objective_id: Mapped[int | None] = fk("objective.id")
    outcome_id: Mapped[int | None] = fk("outcome.id")
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    definition: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(40))
    polarity: Mapped[Polarity] = enum_column(Polarity, "polarity", nullable=False)
    decimals: Mapped[int] = mapped_column(Integer, default=1)
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_period: Mapped[str | None] = mapped_column(String(40))
    target_value: Mapped[float | None] = mapped_column(Float)
    # a target date written as a year or a period ("2016", "2015/16") is kept as written and
    # target_date is the period's end
    target_date: Mapped[date | None] = mapped_column(Date)
    target_period: Mapped[str | None] = mapped_column(String(40))
    # a relative target as written ("reduce by 20%"): target_value is derived from the baseline
    target_change: Mapped[TargetChange | None] = enum_column(TargetChange, "target_change")
    target_amount: Mapped[float | None] = mapped_column(Float)
    data_source: Mapped[str | None] = mapped_column(String(300))
    frequency: Mapped[Frequency] = enum_column(Frequency, "frequency", nullable=False)
    tolerance_pct: Mapped[float] = mapped_column(Float, default=5.0)
    # months after a period ends that its figure is normally published; None: the frequency's default
    reporting_lag_months: Mapped[int | None] = mapped_column(Integer)
    rag_definition: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # the OHID Fingertips rows this indicator takes its actuals from
    fingertips_id: Mapped[int | None] = mapped_column(Integer)
    fingertips_area: Mapped[str | None] = mapped_column(String(20))
    fingertips_sex: Mapped[str | None] = mapped_column(String(40))
    fingertips_age: Mapped[str | None] = mapped_column(String(60))
    fingertips_category: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        CheckConstraint("decimals BETWEEN 0 AND 4", name="decimals"),
        CheckConstraint("tolerance_pct >= 0 AND tolerance_pct <= 100", name="tolerance_pct"),
        CheckConstraint("reporting_lag_months BETWEEN 0 AND 120", name="reporting_lag_months"),
        CheckConstraint("(objective_id IS NULL) <> (outcome_id IS NULL)", name="objective_or_outcome"),
        CheckConstraint("(target_change IS NULL) = (target_amount IS NULL)", name="relative_target"),
        CheckConstraint("target_amount IS NULL OR target_amount >= 0", name="target_amount"),
    )


class _PeriodValue:
    """A value for one reporting period of one indicator; period is the canonical label and
    the dates are kept beside it so rows sort and filter in SQL."""

    # no index of its own: the unique (indicator_id, period) index serves every look-up by
    # indicator, and a second index on the same column only slows each write (an import's most)
    indicator_id: Mapped[int] = fk("indicator.id", nullable=False, index=False)
    period: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)


class TrajectoryPoint(Versioned, _PeriodValue, Base):
    """A planned value edited by hand; periods without one follow the linear plan."""

    __tablename__ = "trajectory_point"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)


class Actual(Versioned, _PeriodValue, Base):
    __tablename__ = "actual"
    provisional: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    source: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the lead's own RAG for this period, with its reason: printed beside the computed one
    assessed_rag: Mapped[Rag | None] = enum_column(Rag, "assessed_rag")
    assessed_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("indicator_id", "period"),
        CheckConstraint("assessed_rag IS NULL OR assessed_reason IS NOT NULL", name="assessed_with_reason"),
    )


class IndicatorRebase(Versioned, Base):
    """A period from which an indicator's SPC chart starts a new group (a rebase), and why."""

    __tablename__ = "indicator_rebase"
    # no index of its own: the unique (indicator_id, period) index serves every look-up by
    # indicator, and a second index on the same column only slows each write (an import's most)
    indicator_id: Mapped[int] = fk("indicator.id", nullable=False, index=False)
    period: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)
