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
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import (
    AgreementStatus,
    AllianceRole,
    InterestCategory,
    ItemKind,
    MeetingFrequency,
    Purpose,
    Sector,
    Standing,
)
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
    # its rules: how many members make a quorum, how often and where it meets, whether its
    # meetings are held in public by default, and who its papers name as contact and signatory
    quorum: Mapped[int | None] = mapped_column(Integer)
    frequency: Mapped[MeetingFrequency | None] = enum_column(MeetingFrequency, "frequency")
    meets_in_public: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    usual_time: Mapped[str | None] = mapped_column(String(20))
    usual_place: Mapped[str | None] = mapped_column(String(300))
    contact_officer: Mapped[str | None] = mapped_column(String(300))
    signatory: Mapped[str | None] = mapped_column(String(300))
    __table_args__ = (
        CheckConstraint("reports_to_id IS NULL OR reports_to_id <> id", name="not_own_parent"),
        CheckConstraint("quorum IS NULL OR quorum >= 1", name="quorum"),
    )


class StandingItem(Versioned, Base):
    """One item of a body's agenda template: a new meeting's agenda starts from these, the
    ones before the business first and the ones after it last."""

    __tablename__ = "standing_item"
    body_id: Mapped[int] = fk("body.id", nullable=False)
    kind: Mapped[ItemKind] = enum_column(ItemKind, "kind", nullable=False)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[Purpose | None] = enum_column(Purpose, "purpose")
    after_business: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Membership(Versioned, Base):
    __tablename__ = "membership"
    body_id: Mapped[int] = fk("body.id", nullable=False)
    person_id: Mapped[int] = fk("person.id", nullable=False)
    role: Mapped[str | None] = mapped_column(String(100))
    standing: Mapped[Standing] = enum_column(Standing, "standing", nullable=False, default=Standing.MEMBER)
    voting: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (UniqueConstraint("body_id", "person_id"),)


class Interest(Versioned, Base):
    """A declared interest on the register of interests (NHS England, "Managing Conflicts of
    Interest in the NHS"): whose, of which category, in which organisation or matter, and from
    and to when. A confidential one (a personal safety risk, say) stays out of the public register."""

    __tablename__ = "interest"
    person_id: Mapped[int] = fk("person.id", nullable=False)
    category: Mapped[InterestCategory] = enum_column(InterestCategory, "category", nullable=False)
    organisation: Mapped[str] = mapped_column(String(300))
    partner_id: Mapped[int | None] = fk("partner.id")
    description: Mapped[str | None] = mapped_column(Text)
    from_on: Mapped[date | None] = mapped_column(Date)
    to_on: Mapped[date | None] = mapped_column(Date)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
