"""Storage layer: the partnership, its partners, people, boards and their memberships."""

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

from ...domain.enums import AgreementStatus, AllianceRole, Sector
from ..base import Archivable, Base, Versioned, enum_column, fk


class Partnership(Versioned, Base):
    __tablename__ = "partnership"
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(120))
    integrated_care_system: Mapped[str | None] = mapped_column(String(200))
    fy_start_month: Mapped[int] = mapped_column(Integer, default=4)
    __table_args__ = (CheckConstraint("fy_start_month BETWEEN 1 AND 12", name="fy_start_month"),)


class Partner(Versioned, Archivable, Base):
    __tablename__ = "partner"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40), unique=True)
    sector: Mapped[Sector] = enum_column(Sector, "sector", nullable=False)
    alliance_role: Mapped[AllianceRole | None] = enum_column(AllianceRole, "alliance_role")
    agreement_status: Mapped[AgreementStatus | None] = enum_column(AgreementStatus, "agreement_status")
    agreement_date: Mapped[date | None] = mapped_column(Date)
    is_host: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class Person(Versioned, Archivable, Base):
    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    partner_id: Mapped[int | None] = fk("partner.id")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))


class Body(Versioned, Archivable, Base):
    __tablename__ = "body"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40))
    reports_to_id: Mapped[int | None] = fk("body.id")
    purpose: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (CheckConstraint("reports_to_id IS NULL OR reports_to_id <> id", name="not_own_parent"),)


class Membership(Versioned, Base):
    __tablename__ = "membership"
    body_id: Mapped[int] = fk("body.id", nullable=False)
    person_id: Mapped[int] = fk("person.id", nullable=False)
    role: Mapped[str | None] = mapped_column(String(100))
    voting: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("body_id", "person_id"),)
