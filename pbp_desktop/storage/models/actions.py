"""Storage layer: the action log and each action's dated updates. Overdue is never stored."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import ActionStatus
from ..base import Base, Versioned, enum_column, fk


class Action(Versioned, Base):
    __tablename__ = "action"
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = fk("person.id", nullable=False)
    owner_partner_id: Mapped[int | None] = fk("partner.id")
    meeting_id: Mapped[int | None] = fk("meeting.id")
    agenda_item_id: Mapped[int | None] = fk("agenda_item.id")
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = enum_column(ActionStatus, "status", nullable=False, default=ActionStatus.OPEN)
    completed_on: Mapped[date | None] = mapped_column(Date)
    risk_id: Mapped[int | None] = fk("risk.id")
    objective_id: Mapped[int | None] = fk("objective.id")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ActionUpdate(Versioned, Base):
    __tablename__ = "action_update"
    action_id: Mapped[int] = fk("action.id", nullable=False)
    written_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
