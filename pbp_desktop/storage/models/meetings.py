"""Storage layer: meetings, who attended, declarations, agenda items, minutes and resolutions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import AttendanceRole, Recommendation, Session
from ..base import Base, Versioned, enum_column, fk


class Meeting(Versioned, Base):
    __tablename__ = "meeting"
    body_id: Mapped[int] = fk("body.id", nullable=False)
    title: Mapped[str | None] = mapped_column(String(300))
    meets_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str | None] = mapped_column(String(20))
    location: Mapped[str | None] = mapped_column(String(300))
    session: Mapped[Session] = enum_column(Session, "session", nullable=False)


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


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"
    meeting_id: Mapped[int] = fk("meeting.id", nullable=False)
    number: Mapped[str] = mapped_column(String(20))
    minute_ref: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str | None] = mapped_column(String(200))
    recommendation: Mapped[Recommendation | None] = enum_column(Recommendation, "recommendation")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)


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
