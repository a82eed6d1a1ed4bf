"""Storage layer: the record of printed packs (without their bytes)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import cast, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from ...readmodels import PackRow
from ..models import Body, Meeting, Pack


def packs(s: Session) -> list[PackRow]:
    q = (select(Pack.id, Pack.reference, Pack.meeting_id, Meeting.meets_on, Body.name, Pack.session,
                Pack.printed_at, Pack.printed_by, Pack.sha256, func.length(Pack.pdf))
         .outerjoin(Meeting, Pack.meeting_id == Meeting.id).outerjoin(Body, Meeting.body_id == Body.id)
         .order_by(Pack.printed_at.desc(), Pack.id.desc()))
    return [PackRow(pid, ref, mid, f"{body}, {meets_on:%d/%m/%Y}" if meets_on else None, session, at, by,
                    sha, size or 0)
            for pid, ref, mid, meets_on, body, session, at, by, sha, size in s.execute(q)]


def last_pack_risks(s: Session) -> tuple[str, list[dict[str, Any]]] | None:
    """The reference of the last pack printed and the risks its snapshot holds. Only the risks
    are taken out of the snapshot, by the database: a large register's snapshot is tens of
    megabytes, and parsing all of it in Python for the risks took over a second a print."""
    if s.connection().dialect.name == "postgresql":
        risks = func.jsonb_extract_path_text(cast(Pack.snapshot, JSONB), "risks")
    else:
        risks = func.json_extract(Pack.snapshot, "$.risks")
    row = s.execute(select(Pack.reference, risks).order_by(Pack.id.desc()).limit(1)).first()
    if row is None:
        return None
    return row[0], json.loads(row[1]) if row[1] else []
