"""Storage layer: the record of printed packs (without their bytes)."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date

from sqlalchemy import cast, func, select, true
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from ...domain.enums import Paper
from ...domain.enums import Session as SessionKind
from ...readmodels import MeetingRow, PackRow
from ...readmodels.pack import PreviousPack
from ..models import Body, Meeting, Pack


def packs(s: Session) -> list[PackRow]:
    q = (select(Pack.id, Pack.reference, Pack.meeting_id, Meeting.meets_on, Body.name, Pack.session,
                Pack.printed_at, Pack.printed_by, Pack.sha256, func.length(Pack.pdf), Pack.draft, Pack.paper,
                Pack.file_format)
         .outerjoin(Meeting, Pack.meeting_id == Meeting.id).outerjoin(Body, Meeting.body_id == Body.id)
         .order_by(Pack.printed_at.desc(), Pack.id.desc()))
    return [PackRow(pid, ref, mid, f"{body}, {meets_on:%d/%m/%Y}" if meets_on else None, session, at, by,
                    sha, size or 0, draft, paper, file_format)
            for pid, ref, mid, meets_on, body, session, at, by, sha, size, draft, paper, file_format in s.execute(q)]


def previous_final_pack(s: Session, session: SessionKind, meeting: MeetingRow | None,
                        exclude: Collection[int] = ()) -> PreviousPack | None:
    """The last final (not draft) pack of the same session printed for an earlier meeting of
    the same body, and the risks its snapshot holds; None for a pack tied to no meeting. Only
    the risks are taken out of the snapshot, by the database: a large register's snapshot is
    tens of megabytes, and parsing all of it in Python for the risks took over a second a print.
    `exclude`: packs never to compare with (for a public pack, those private under the rule: of
    a meeting made private since, say)."""
    if meeting is None:
        return None
    if s.connection().dialect.name == "postgresql":
        risks = func.jsonb_extract_path_text(cast(Pack.snapshot, JSONB), "risks")
        printed_on = func.jsonb_extract_path_text(cast(Pack.snapshot, JSONB), "printed_on")
    else:
        risks = func.json_extract(Pack.snapshot, "$.risks")
        printed_on = func.json_extract(Pack.snapshot, "$.printed_on")
    row = s.execute(
        select(Pack.reference, printed_on, Body.name, Meeting.meets_on, risks)
        .join(Meeting, Pack.meeting_id == Meeting.id).join(Body, Meeting.body_id == Body.id)
        .where(Pack.draft.is_(False), Pack.paper == Paper.PACK, Pack.session == session,
               Meeting.body_id == meeting.body_id,
               Meeting.meets_on < meeting.meets_on)
        .where(Pack.id.not_in(sorted(exclude)) if exclude else true())
        .order_by(Meeting.meets_on.desc(), Pack.id.desc()).limit(1)).first()
    if row is None:
        return None
    reference, printed, body, meets_on, found = row  # printed: the day the pack was printed as at
    return PreviousPack(reference, date.fromisoformat(printed), f"{body}, {meets_on:%d/%m/%Y}",
                        json.loads(found) if found else [])
