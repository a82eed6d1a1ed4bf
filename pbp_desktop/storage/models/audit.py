"""Storage layer: the change log (append-only) and the record of each printed pack."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import ChangeKind, FileFormat, Paper, Session
from ..base import Base, enum_column, fk


class ChangeBatch(Base):
    """One command that changed the register: who ran it, when, and what it was. `batch` is the
    id the app knows the command by (undo takes it); its change-log rows point here, so the
    command's words are kept once, not on each of its rows (an import has tens of thousands)."""

    __tablename__ = "change_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    user: Mapped[str] = mapped_column(String(100))
    command: Mapped[str] = mapped_column(String(100))


class ChangeLog(Base):
    """One changed field of one record (or one create/delete), written in the same transaction
    as the change, under the command that made it (its ChangeBatch: a command is undone whole)."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = fk("change_batch.id", nullable=False)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    change: Mapped[ChangeKind] = enum_column(ChangeKind, "change", nullable=False, spelled_out=True)
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # a record's history, and "who changed this last" for a refused edit, are read by record
    __table_args__ = (Index("ix_change_log_entity_entity_id", "entity", "entity_id"),)


class Pack(Base):
    """A printed assurance pack: the exact bytes, their SHA-256 and the data they showed.
    Never edited after it is written, so it has no version column."""

    __tablename__ = "pack"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    meeting_id: Mapped[int | None] = fk("meeting.id")
    session: Mapped[Session] = enum_column(Session, "session", nullable=False)
    printed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    printed_by: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    snapshot: Mapped[str] = mapped_column(Text)
    draft: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # compared with nothing
    # what was printed (the pack, or a meeting's agenda, minutes, action log or register of
    # interests) and in which format; `pdf` holds the file's bytes whichever it is
    paper: Mapped[Paper] = enum_column(Paper, "paper", nullable=False, default=Paper.PACK)
    file_format: Mapped[FileFormat] = enum_column(FileFormat, "file_format", nullable=False, default=FileFormat.PDF)
