"""Storage layer: risks on the NHS 5x5 matrix, their score history and their links."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import RiskCategory, RiskStatus
from ..base import Archivable, Base, Versioned, enum_column, fk

_AXES = ("inherent_consequence", "inherent_likelihood", "current_consequence",
         "current_likelihood", "target_consequence", "target_likelihood")


class Risk(Versioned, Archivable, Base):
    """Scores are stored as their two factors only; the product is computed wherever shown."""

    __tablename__ = "risk"
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    cause: Mapped[str | None] = mapped_column(Text)
    event: Mapped[str | None] = mapped_column(Text)
    effect: Mapped[str | None] = mapped_column(Text)
    category: Mapped[RiskCategory] = enum_column(RiskCategory, "category", nullable=False)
    owner_id: Mapped[int | None] = fk("person.id")
    inherent_consequence: Mapped[int] = mapped_column(Integer)
    inherent_likelihood: Mapped[int] = mapped_column(Integer)
    current_consequence: Mapped[int] = mapped_column(Integer)
    current_likelihood: Mapped[int] = mapped_column(Integer)
    target_consequence: Mapped[int] = mapped_column(Integer)
    target_likelihood: Mapped[int] = mapped_column(Integer)
    controls: Mapped[str | None] = mapped_column(Text)
    gaps: Mapped[str | None] = mapped_column(Text)  # gaps in control
    assurance_gaps: Mapped[str | None] = mapped_column(Text)
    assurances: Mapped[str | None] = mapped_column(Text)
    mitigations: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RiskStatus] = enum_column(RiskStatus, "status", nullable=False, default=RiskStatus.OPEN)
    baf: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = tuple(CheckConstraint(f"{c} BETWEEN 1 AND 5", name=c) for c in _AXES)


class RiskScore(Versioned, Base):
    """One entry of a risk's score history: the current score as assessed on a date."""

    __tablename__ = "risk_score"
    risk_id: Mapped[int] = fk("risk.id", nullable=False)
    assessed_on: Mapped[date] = mapped_column(Date)
    consequence: Mapped[int] = mapped_column(Integer)
    likelihood: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("consequence BETWEEN 1 AND 5", name="consequence"),
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood"),
    )


class RiskLink(Versioned, Base):
    __tablename__ = "risk_link"
    risk_id: Mapped[int] = fk("risk.id", nullable=False)
    outcome_id: Mapped[int | None] = fk("outcome.id")
    objective_id: Mapped[int | None] = fk("objective.id")
    __table_args__ = (
        CheckConstraint("(outcome_id IS NULL) <> (objective_id IS NULL)", name="outcome_or_objective"),
        UniqueConstraint("risk_id", "outcome_id", "objective_id"),
    )
