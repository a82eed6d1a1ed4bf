"""Storage layer: the record of printed packs (without their bytes)."""

from __future__ import annotations

from sqlalchemy import func, select
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
