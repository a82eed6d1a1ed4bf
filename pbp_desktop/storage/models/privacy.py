"""Storage layer: deliberate disclosures. A record the privacy rule would make private that the
board publishes on purpose (field NULL), and public text confirmed public although it quotes a
private record (field, the record quoted, and the text as confirmed: a rewording asks again).
Each is made and withdrawn through the services, so the change log records who chose it."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Versioned


class Disclosure(Versioned, Base):
    __tablename__ = "disclosure"
    record_table: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(60))
    quoted_table: Mapped[str | None] = mapped_column(String(40))
    quoted_id: Mapped[int | None] = mapped_column(Integer)
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
