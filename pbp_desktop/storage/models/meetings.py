"""Storage layer: meetings, who attended, declarations, agenda items, minutes and resolutions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import (
    AttendanceRole,
    InterestCategory,
    ItemKind,
    MinutesStatus,
    Purpose,
    Recommendation,
    Session,
)
from ..base import Base, Versioned, enum_column, fk


class Meeting(Versioned, Base):
    __tablename__ = "meeting"
    body_id: Mapped[int] = fk("body.id", nullable=False)
    title: Mapped[str | None] = mapped_column(String(300))
    meets_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(300))
    session: Mapped[Session] = enum_column(Session, "session", nullable=False)
    chair_id: Mapped[int | None] = fk("person.id")
    ended_at: Mapped[str | None] = mapped_column(String(20))
    # the resolution to exclude the public and press before the private (Part 2) items
    exclusion: Mapped[str | None] = mapped_column(Text)
    # draft until approved at a later meeting (whose "minutes of the last meeting" item points
    # here, agenda_item.approves_id); approved minutes change only by a logged amendment
    minutes_status: Mapped[MinutesStatus] = enum_column(MinutesStatus, "minutes_status", nullable=False,
                                                         default=MinutesStatus.DRAFT)
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)


class Attendance(Versioned, Base):
    """A person present, in attendance or sending apologies; a name is kept for people who are
    not in the register (councillors, members of the public), so nobody need be added to it."""

    __tablename__ = "attendance"
    meeting_id: Mapped[int] = fk("meeting.id", nullable=False)
    person_id: Mapped[int | None] = fk("person.id")
    name: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[str | None] = mapped_column(String(300))
    attendance: Mapped[AttendanceRole] = enum_column(AttendanceRole, "attendance", nullable=False)


class Declaration(Versioned, Base):
    __tablename__ = "declaration"
    meeting_id: Mapped[int] = fk("meeting.id", nullable=False)
    person_id: Mapped[int | None] = fk("person.id")
    name: Mapped[str | None] = mapped_column(String(200))
    agenda_item_id: Mapped[int | None] = fk("agenda_item.id")
    interest: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    interest_id: Mapped[int | None] = fk("interest.id")
    category: Mapped[InterestCategory | None] = enum_column(InterestCategory, "category")
    action_taken: Mapped[str | None] = mapped_column(String(300))


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"
    meeting_id: Mapped[int] = fk("meeting.id", nullable=False)
    number: Mapped[str] = mapped_column(String(20))
    minute_ref: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[ItemKind] = enum_column(ItemKind, "kind", nullable=False, default=ItemKind.BUSINESS)
    purpose: Mapped[Purpose | None] = enum_column(Purpose, "purpose")
    item_time: Mapped[str | None] = mapped_column(String(20))
    paper_ref: Mapped[str | None] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    approves_id: Mapped[int | None] = fk("meeting.id")  # the meeting whose minutes this item approved
    recommendation: Mapped[Recommendation | None] = enum_column(Recommendation, "recommendation")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # numbers follow the order (services.meetings renumbers the agenda on every change), so they
    # are not held unique while an agenda is renumbered


class Minute(Versioned, Base):
    """The minutes of one agenda item; confidential minutes stay out of public packs even when
    the item itself is public."""

    __tablename__ = "minute"
    agenda_item_id: Mapped[int] = fk("agenda_item.id", nullable=False, index=False)
    text: Mapped[str] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = (UniqueConstraint("agenda_item_id"),)


class Resolution(Versioned, Base):
    __tablename__ = "resolution"
    agenda_item_id: Mapped[int] = fk("agenda_item.id", nullable=False)
    number: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)


class MinuteAmendment(Versioned, Base):
    """A change to approved minutes: approved minutes are locked, and change only by an
    amendment that keeps what they said, what they say now, why, and when."""

    __tablename__ = "minute_amendment"
    agenda_item_id: Mapped[int] = fk("agenda_item.id", nullable=False)
    amended_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    # the minutes it amends: confidential minutes make their amendments private (domain.privacy),
    # whenever they become so
    minute_id: Mapped[int | None] = fk("minute.id")
