"""Private business stays private: each way the public pack once leaked, held shut; quotations
of private records caught before a public print; deliberate disclosures logged; one judgement."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import update

from pbp_desktop.domain.errors import PbpError
from pbp_desktop.domain.privacy import WITHHELD_REASON
from pbp_desktop.readmodels.privacy import walk
from pbp_desktop.services.privacy import QuotesPrivate
from pbp_desktop.storage.models import Action, AgendaItem, Meeting, Risk


def _board(demo):
    return demo.packs.resolve_meeting("next")


def _earlier_private_meeting(demo, marker: str):
    """A private meeting of the next meeting's body, before it, with its attendance recorded."""
    nxt = _board(demo)
    mid = demo.meetings.create({"body_id": nxt.body_id, "meets_on": date(2026, 11, 12), "session": "private",
                                "title": marker}).created_id("meeting")
    demo.meetings.add_attendance({"meeting_id": mid, "name": f"{marker} attendee", "attendance": "present"})
    return mid


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(p.extract_text() for p in reader.pages) + str(reader.metadata)


def test_the_previous_meetings_attendance_is_never_a_private_meetings(demo):
    _earlier_private_meeting(demo, "ZQPRIVATEATT")
    nxt = _board(demo)
    assert not demo.queries.meeting(nxt.id).attendance  # the coming meeting has none yet
    printed = demo.packs.print_pack(nxt, "public")
    pdf = printed.pdf
    text = _text(pdf)
    assert "ZQPRIVATEATT" not in text and "12/11/2026" not in text
    printed = demo.packs.print_pack(nxt, "private")
    private = printed.pdf
    assert "ZQPRIVATEATTattendee" in _text(private).replace(" ", "")


def test_a_public_pack_for_a_private_meeting_is_refused_in_a_sentence(demo):
    mid = _earlier_private_meeting(demo, "Workshop")
    meeting = demo.packs.resolve_meeting(mid)
    with pytest.raises(PbpError) as refused:
        demo.packs.print_pack(meeting, "public")
    assert str(refused.value).startswith("A public pack cannot be printed for a private meeting")
    assert demo.queries.packs() == []
    demo.packs.print_pack(meeting, "private")


def test_the_cover_sheet_is_kept_per_meeting_and_session(demo):
    nxt = _board(demo)
    secret = {"title": "ZQ private cover", "discussion_points": "ZQ the capitated budget gap",
              "recommendations": "NOTE ZQ the private recommendation", "judgement": "serious concern"}
    demo.packs.print_pack(nxt, "private", cover_values={**vars_of(demo.packs.cover_draft(nxt, "private")), **secret})
    public_cover = demo.packs.cover_draft(nxt, "public")
    assert "ZQ" not in " ".join(str(v) for v in vars_of(public_cover).values() if v != "serious concern")
    printed = demo.packs.print_pack(nxt, "public")
    pdf = printed.pdf
    assert "ZQ" not in _text(pdf)
    assert demo.packs.cover_draft(nxt, "private").title == "ZQ private cover"
    # another meeting of the same session starts from the last cover of that session
    assert demo.packs.cover_draft(None, "private").title == "ZQ private cover"
    assert demo.packs.cover_draft(None, "public").title == public_cover.title


def vars_of(cover) -> dict:
    import dataclasses
    return {k: v for k, v in dataclasses.asdict(cover).items()}


def test_one_judgement_for_the_meeting_whichever_session(demo):
    nxt = _board(demo)
    public, private = demo.packs.build(nxt, "public"), demo.packs.build(nxt, "private")
    assert public.judgement == private.judgement
    # the confidential PBP4 (scoring 20) makes it serious: the public reason says so without naming it
    assert private.judgement == "serious concern"
    assert WITHHELD_REASON in public.judgement_reason and "20" not in public.judgement_reason
    # an author's judgement is the meeting's, in both sessions
    demo.packs.print_pack(nxt, "private", cover_values={**vars_of(demo.packs.cover_draft(nxt, "private")),
                                                         "judgement": "some concern"})
    assert demo.packs.build(nxt, "public").judgement == "some concern"
    assert demo.packs.cover_draft(nxt, "public").judgement == "some concern"


def test_actions_raised_in_private_and_private_updates_stay_out(demo):
    nxt = _board(demo)
    public = demo.packs.build(nxt, "public")
    records = demo.privacy.records()
    shown = {a.id for a in public.open_actions + public.completed_actions}
    inherited = [a for a in demo.queries.actions() if records.row_private(a) and not a.confidential]
    assert inherited and not shown & {a.id for a in inherited}
    public_action = next(a for a in demo.queries.actions() if not records.row_private(a) and a.status.value == "open")
    demo.actions.add_update(public_action.id, "ZQ public update")
    assert "ZQ public update" in str(demo.packs.build(nxt, "public").open_actions)


def test_publishing_an_action_raised_in_private_is_deliberate_shown_and_logged(demo):
    nxt = _board(demo)
    records = demo.privacy.records()
    raised = next(a for a in demo.queries.actions() if records.row_private(a) and not a.confidential
                  and records.private("agenda_item", a.agenda_item_id) and not records.private("risk", a.risk_id)
                  and a.status.value == "open")
    with pytest.raises(PbpError):
        demo.privacy.publish("action", raised.id, "")  # a reason is asked for
    demo.privacy.publish("action", raised.id, "The board publishes the actions of the alliance workshop")
    public = demo.packs.build(nxt, "public")
    shown = next(a for a in public.open_actions + public.completed_actions if a.id == raised.id)
    assert (shown.agenda_item_label, shown.agenda_item_id) == ("a private item", None)
    assert (shown.meeting_label, shown.meeting_id) == ("a private meeting", None)
    assert any(d["table"] == "action" and d["record_id"] == raised.id for d in demo.privacy.disclosures())
    log = demo.queries.change_log(entity="disclosure")
    assert log and log[0].user == "secretary" and log[0].command == "publish_record"
    confidential = next(a for a in demo.queries.actions() if a.confidential)
    with pytest.raises(PbpError, match="marked private itself"):
        demo.privacy.publish("action", confidential.id, "no")


def test_public_text_quoting_a_private_record_is_named_until_reworded_or_confirmed(demo):
    nxt = _board(demo)
    quoting = next(a for a in demo.queries.actions() if not demo.privacy.records().row_private(a)
                   and a.status.value == "open")
    demo.actions.update(quoting.id, {"description": "Close the QIPP gap of £144 million by 2022/23 plan"},
                        quoting.version)
    with pytest.raises(QuotesPrivate) as refused:
        demo.packs.print_pack(nxt, "public")
    [q] = refused.value.quotations
    assert (q.table, q.id, q.field, q.quoted.table) == ("action", quoting.id, "description", "risk")
    assert "QIPP gap of £144 million by 2022/23" in str(refused.value) and demo.queries.packs() == []
    demo.packs.print_pack(nxt, "private")  # the private pack may quote anything
    demo.privacy.confirm(q, "The QIPP gap is published in the partners' annual reports")
    demo.packs.print_pack(nxt, "public")
    assert demo.queries.change_log(entity="disclosure")[0].command == "confirm_public_text"
    again = demo.queries.action(quoting.id)
    demo.actions.update(quoting.id, {"description": again.description + " (revised)"}, again.version)
    with pytest.raises(QuotesPrivate):  # a rewording is asked about again
        demo.packs.print_pack(nxt, "public")


def test_a_draft_is_marked_on_every_page(demo):
    nxt = _board(demo)
    printed = demo.packs.print_pack(nxt, "public", draft=True)
    pdf = printed.pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert all("DRAFT" in p.extract_text() for p in reader.pages)
    assert reader.metadata.title.startswith("DRAFT")
    printed = demo.packs.print_pack(nxt, "public")
    final = printed.pdf
    assert not any("DRAFT" in p.extract_text() for p in PdfReader(io.BytesIO(final)).pages)


def _rows(data) -> set[tuple[str, int]]:
    return {owner for _, owner, _ in walk(data) if owner}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_everything_in_a_public_output_is_in_the_private_one(demo, data):
    """Over random registers (random marks on the demo's risks, actions, items and meetings):
    every record the public pack or summary shows is in the private one, and the judgement is one."""
    with demo.opened.engine.begin() as conn:
        for model in (Risk, Action, AgendaItem):
            ids = list(conn.scalars(model.__table__.select().with_only_columns(model.__table__.c.id)))
            chosen = data.draw(st.sets(st.sampled_from(ids)), label=model.__tablename__)
            conn.execute(update(model).values(confidential=False))
            if chosen:
                conn.execute(update(model).where(model.id.in_(chosen)).values(confidential=True))
        ids = list(conn.scalars(Meeting.__table__.select().with_only_columns(Meeting.__table__.c.id)))
        chosen = data.draw(st.sets(st.sampled_from(ids)), label="private meetings")
        conn.execute(update(Meeting).values(session="public"))
        if chosen:
            conn.execute(update(Meeting).where(Meeting.id.in_(chosen)).values(session="private"))
    meeting = data.draw(st.sampled_from([None] + [m for m in demo.queries.meetings() if m.session.value == "public"]),
                        label="meeting")
    public, private = demo.packs.build(meeting, "public"), demo.packs.build(meeting, "private")
    assert _rows(public) <= _rows(private)
    assert public.judgement == private.judgement
    records = demo.privacy.records()
    assert not any(records.private(*owner) for owner in _rows(public))
    shown = demo.queries.summary(include_confidential=False)
    everything = demo.queries.summary(include_confidential=True)
    assert _rows(shown.overdue_actions) <= _rows(everything.overdue_actions) or len(everything.overdue_actions) >= 100
    assert _rows(shown.extreme_risks) <= _rows(everything.extreme_risks)



def test_a_pack_of_a_meeting_made_private_since_is_never_compared_with_in_public(demo):
    nxt = _board(demo)
    earlier_id = demo.meetings.create({"body_id": nxt.body_id, "meets_on": date(2026, 10, 8),
                                       "session": "public"}).created_id("meeting")
    earlier = demo.packs.resolve_meeting(earlier_id)
    printed = demo.packs.print_pack(earlier, "public")
    reference = printed.reference
    demo.meetings.update(earlier_id, {"session": "private"}, earlier.version)
    data = demo.packs.build(nxt, "public")
    assert reference not in data.movements_since and "08/10/2026" not in data.movements_since


@pytest.mark.parametrize("variant", [
    "QIPP gap of £144 mil\u00adlion by 2022/23",  # a soft hyphen
    "QIPP gap of £144\u200b million by 2022/23",  # a zero-width space
    "qipp GAP of  £144\nmillion by 2022/23",  # case, spacing, a line break
    "ＱＩＰＰ gap of £144 million by 2022/23",  # full-width letters
    "QIPP g\u0430p of £144 million by 2022/23",  # a Cyrillic 'а' for the Latin 'a'
    "Q\u0406PP gap \u03bff £144 m\u0456llion by 2022/23",  # Cyrillic 'І' and 'і', a Greek 'ο'
    "QIPP GAP \u039fF £144 MILLI\u041eN BY 2022/23",  # a Greek and a Cyrillic capital 'O'
])
def test_a_quotation_is_found_however_it_is_typed(demo, variant):
    quoting = next(a for a in demo.queries.actions() if not demo.privacy.records().row_private(a))
    demo.actions.update(quoting.id, {"description": f"Close the {variant} now"}, quoting.version)
    with pytest.raises(QuotesPrivate):
        demo.packs.print_pack(_board(demo), "public")


def test_look_alike_letters_fold_to_the_latin_ones():
    from pbp_desktop.domain.privacy import fold
    assert fold("F\u0430\u0441ilities \u0391\u0392\u0395") == fold("Facilities ABE") == "facilities abe"
    assert fold("\u0420\u0435\u043e\u0440l\u0435") == "people"  # every letter but the l Cyrillic


def test_typographic_quotes_and_dashes_are_one_quotation(demo):
    nxt = _board(demo)
    item = demo.meetings.add_item({"meeting_id": nxt.id, "number": "9", "title": "Partners’ risk positions – review",
                                   "confidential": True}).created_id("agenda_item")
    quoting = next(a for a in demo.queries.actions() if not demo.privacy.records().row_private(a))
    demo.actions.update(quoting.id, {"description": "See Partners' risk positions - review"}, quoting.version)
    with pytest.raises(QuotesPrivate) as refused:
        demo.packs.print_pack(nxt, "public")
    assert refused.value.quotations[0].quoted.id == item


def test_public_words_are_not_quotations_of_a_private_record_that_shares_them(demo):
    """A private meeting titled with its board's name, or an item titled with the partnership's,
    does not make every public mention of the board or the partnership a quotation."""
    nxt = _board(demo)
    demo.meetings.create({"body_id": nxt.body_id, "meets_on": date(2026, 11, 12), "session": "private",
                          "title": nxt.body_name})
    partnership = demo.queries.partnership()
    demo.meetings.add_item({"meeting_id": nxt.id, "number": "9", "title": partnership.name, "confidential": True})
    demo.packs.print_pack(nxt, "public")


def test_a_meeting_marked_private_is_not_published_by_a_disclosure(demo):
    private = next(m for m in demo.queries.meetings() if m.session.value == "private")
    with pytest.raises(PbpError, match="marked private itself"):
        demo.privacy.publish("meeting", private.id, "The board publishes it")
