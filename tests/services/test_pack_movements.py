"""A new pack names the risks whose score has moved since the last pack, reading only the risks
out of that pack's snapshot (by the database: SQLite's json_extract, PostgreSQL's jsonb)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbp_desktop.storage.models import Pack
from pbp_desktop.storage.queries.packs import last_pack_risks


def test_movements_since_the_last_pack_on_either_database(demo, backend):
    with Session(demo.opened.engine) as s:
        assert last_pack_risks(s) is None
    meeting = demo.packs.resolve_meeting("next")
    demo.packs.print_pack(meeting, "private")
    with Session(demo.opened.engine) as s:
        reference, risks = last_pack_risks(s)
        snapshot = json.loads(s.scalar(select(Pack.snapshot)))
    assert reference == snapshot["reference"] and risks == snapshot["risks"] and risks, backend
    risk = next(r for r in demo.queries.risks() if r.reference == "SR3")
    demo.risks.rescore(risk.id, {"consequence": 4, "likelihood": 4}, risk.version)
    [move] = demo.packs.build(meeting, "private").movements
    assert (move.reference, move.previous, move.current, move.since) == ("SR3", 12, 16, f"pack {reference}")
