"""Risk movements compare with the last final pack of the same session for an earlier meeting
of the same body, named in the heading; drafts, the other session and other bodies' packs are
never compared with. Only the risks are read out of that pack's snapshot, by the database."""

from __future__ import annotations

from datetime import date

from pbp_desktop.domain.enums import Session as SessionKind


def _meeting(demo, on: date, session: str = "public"):
    board = next(m for m in demo.queries.meetings() if m.body_name == "Sandwell Place Based Partnership Board")
    demo.meetings.create({"body_id": board.body_id, "meets_on": on, "session": session})
    return next(m for m in demo.queries.meetings() if m.body_id == board.body_id and m.meets_on == on)


def _rescore(demo, ref: str, c: int, lk: int) -> None:
    risk = next(r for r in demo.queries.risks() if r.reference == ref)
    demo.risks.rescore(risk.id, {"consequence": c, "likelihood": lk}, risk.version)


def test_movements_since_the_last_final_pack_of_the_session_for_an_earlier_meeting(demo, backend):
    earlier = _meeting(demo, date(2026, 10, 8))
    later = demo.packs.resolve_meeting("next")
    data = demo.packs.build(later, "public")
    assert "previous assessment" in data.movements_since  # no pack yet: each risk's own history

    printed = demo.packs.print_pack(earlier, "public")
    reference = printed.reference
    demo.packs.print_pack(earlier, "private")  # the other session's pack changes nothing
    _rescore(demo, "SR3", 4, 4)
    demo.packs.print_pack(earlier, "public", draft=True)  # a draft is never compared with
    data = demo.packs.build(later, "public")
    assert reference in data.movements_since and "08/10/2026" in data.movements_since
    assert "printed 23/11/2026" in data.movements_since  # the day it was printed as at
    [move] = data.movements
    assert (move.reference, move.previous, move.current) == ("SR3", 12, 16), backend

    # the private pack compares with the private pack: the confidential risk is not "new"
    private = demo.packs.build(later, SessionKind.PRIVATE)
    assert [m.reference for m in private.movements] == ["SR3"]


def test_a_pack_for_the_earlier_meeting_never_compares_with_a_later_one(demo):
    earlier = _meeting(demo, date(2026, 10, 8))
    later = demo.packs.resolve_meeting("next")
    demo.packs.print_pack(later, "public")
    assert "previous assessment" in demo.packs.build(earlier, "public").movements_since


def test_the_private_pack_printed_first_leaves_the_public_movements_alone(demo):
    earlier = _meeting(demo, date(2026, 10, 8))
    later = demo.packs.resolve_meeting("next")
    demo.packs.print_pack(earlier, "public")
    _rescore(demo, "SR3", 4, 4)
    demo.packs.print_pack(later, "private")
    assert [m.reference for m in demo.packs.build(later, "public").movements] == ["SR3"]
