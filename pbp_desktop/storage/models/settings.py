"""Storage layer: settings kept in the register itself (shared by everyone who opens it), such
as the cover sheet of the last pack, which the next pack starts from."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Versioned


class RegisterSetting(Versioned, Base):
    __tablename__ = "register_setting"
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
