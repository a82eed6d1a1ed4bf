"""Storage layer: the partnership's RAG convention, kept in the register as a setting (shared by
everyone who opens it, logged and undone like any change) and read by every assessment."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..domain.rag import RagConvention
from .models import RegisterSetting

RAG_CONVENTION_KEY = "rag.convention"


def rag_convention(conn: Connection) -> str:
    """The convention in force: the register's setting, else the default (provisional counts as
    amber). A setting the app cannot read counts as the default."""
    table = RegisterSetting.__table__
    value = conn.execute(select(table.c.value).where(table.c.key == RAG_CONVENTION_KEY)).scalar()
    if value is None:
        return RagConvention.DEFAULT
    try:
        return RagConvention.parse(json.loads(value))
    except (ValueError, TypeError):
        return RagConvention.DEFAULT
