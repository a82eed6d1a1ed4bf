"""The meeting papers (services/papers.py): what each prints in each session, what a public one
leaves out under the one privacy rule, and the record of each printed paper in the pack table."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from pbp_desktop.domain.enums import FileFormat, ItemKind, MinutesStatus, Paper, Session
from pbp_desktop.domain.errors import PbpError
from pbp_desktop.domain.meetings import PUBLIC_NOTE
from pbp_desktop.readmodels.papers import ActionLogFilter
from pbp_desktop.services.privacy import QuotesPrivate
from tests.conftest import approve_and_amend_july_minutes


def _meeting(reg, iso: str):
    return next(m for m in reg.queries.meetings() if m.meets_on.isoformat() == iso)


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def _private_item(reg, meeting_id: int, title: str = "Procurement of the community respiratory service") -> int:
    changes = reg.meetings.add_item({"meeting_id": meeting_id, "title": title, "confidential": True,
                                     "presenter": "Andy Williams", "description": "Commercially sensitive."})
    return changes.created_id("agenda_item")


# ------------------------------------------------------------------ the agenda


def test_agenda_in_the_council_form(demo):
    october = _meeting(demo, "2019-10-07")
    paper = demo.papers.agenda(october.id, "public")
    assert paper.when == ("Monday 7 October, 2019 at 5.30 pm in Committee Room 1 at the Sandwell Council House, "
                          "Oldbury")
    assert paper.public_note == PUBLIC_NOTE
    titles = [e.item.title for e in paper.items]
    assert titles[0] == "Apologies for absence"
    assert "To confirm the minutes of the meeting held on 29 July 2019 as a correct record" in titles
    approving = next(e for e in paper.items if e.item.kind is ItemKind.PREVIOUS_MINUTES)
    assert approving.previous_meeting is not None and approving.previous_meeting.meets_on == date(2019, 7, 29)
    assert paper.next_meeting == "18 November 2019"
    assert titles[-1] == "Date of the next meeting"  # printed as "7 Date of next meeting: 18 November 2019"
    assert "Date of next meeting: 18 November 2019" in pdf_text(demo.papers.render(paper))
    assert paper.distribution_text == ("Councillor E M Giles (Chair); Councillor Piper (Vice-Chair); Councillors "
                                       "Carmichael, Costigan, Hackett, Hartwell, Jarvis, R Jones, Kausar, Phillips "
                                       "and Tranter.")
    assert paper.signatory == "David Stevens, Interim Chief Executive"
    assert paper.contact_officer.startswith("Deb Breedon")
    assert paper.reference == "AGENDA-20191007-PUB-1"
    assert not paper.part2 and paper.exclusion is None


def test_agenda_carries_the_bodys_actions_forward(demo):
    october = _meeting(demo, "2019-10-07")
    paper = demo.papers.agenda(october.id, "private")
    carried = {a.reference for a in paper.carried_forward}
    completed = {a.reference for a in paper.completed_since}
    assert "16/19.1" in carried  # open, raised at the scrutiny board on 29 July
    assert "15/19.1" in completed  # completed on 7 October, since the last meeting
    # overdue as at the meeting, not as at the day it is reprinted
    late = next(a for a in paper.carried_forward if a.reference == "16/19.1")
    assert late.overdue and late.days_overdue == (date(2019, 10, 7) - late.due_on).days
    # only the body's own actions: none raised at the Senior Management Team's workshop
    assert not any((a.meeting_label or "").startswith("Senior Management Team") for a in paper.carried_forward)
    assert paper.completed_label == "since the last meeting (29/07/2019)"


def test_public_agenda_shows_part2_heading_but_not_private_items(demo):
    october = _meeting(demo, "2019-10-07")
    _private_item(demo, october.id)
    public = demo.papers.agenda(october.id, "public")
    private = demo.papers.agenda(october.id, "private")
    assert public.exclusion and public.exclusion.startswith("Resolved that the public and press be excluded")
    assert [e.item for e in public.part2] == [None]
    number = public.part2[0].number
    assert number == str(len(public.items) + 1)  # after the public items, the date of the next meeting last
    assert private.part2[0].item.title == "Procurement of the community respiratory service"
    assert private.part2[0].number == number
    text = pdf_text(demo.papers.render(public))
    assert f"Item {number}: exempt information" in text
    assert "Part 2" in text and "Procurement" not in text and "Commercially sensitive" not in text
    words = docx_text(demo.papers.render(public, FileFormat.DOCX))
    assert "exempt information" in words and "Procurement" not in words
    private_text = pdf_text(demo.papers.render(private))
    assert "Procurement of the community respiratory service" in private_text
    assert "PRIVATE - NOT FOR PUBLICATION" in private_text


def test_a_public_paper_of_a_private_meeting_is_refused(demo):
    workshop = _meeting(demo, "2019-08-09")
    for paper in ("agenda", "minutes"):
        with pytest.raises(PbpError, match="cannot be printed for a private meeting"):
            demo.papers.print_paper(paper, workshop.id, "public")
        assert demo.papers.print_paper(paper, workshop.id, "private").reference.endswith("-PRIV-1")


def test_public_text_quoting_a_private_item_is_caught_before_printing(demo):
    october = _meeting(demo, "2019-10-07")
    _private_item(demo, october.id)
    july = demo.queries.meeting(_meeting(demo, "2019-07-29").id)
    item = next(i for i in july.items if i.minutes)
    demo.meetings.record_minutes(item.id, item.minutes + "\n\nSee Procurement of the community respiratory service.",
                                 expected_version=item.minute_version)
    with pytest.raises(QuotesPrivate, match="Procurement of the community respiratory service"):
        demo.papers.print_paper("minutes", july.meeting.id, "public")
    assert not [p for p in demo.queries.packs() if p.paper is Paper.MINUTES]


# ------------------------------------------------------------------ the minutes


def test_minutes_sections(demo):
    july = _meeting(demo, "2019-07-29")
    paper = demo.papers.minutes(july.id, "public")
    assert paper.heading == "Minutes of the Health and Adult Social Care Scrutiny Board"
    assert paper.when == "29th July, 2019 at 5.30pm at Sandwell Council House, Oldbury"
    assert paper.present_text == ("Councillor Piper (Chair); Councillors Carmichael, Costigan, Hartwell, R Jones, "
                                  "Phillips and Tranter.")
    assert paper.apologies_text == "Councillors E M Giles, Hackett and Jarvis."
    assert paper.in_attendance_text.startswith("Lisa McNally, Director - Public Health; Andy Williams, ")
    assert paper.in_attendance_text.endswith("Alexia Farmer, Healthwatch Sandwell.")
    refs = [e.ref for e in paper.entries]
    assert refs == ["12/19", "13/19", "14/19", "15/19", "16/19"]
    declarations = paper.entries[0]
    assert declarations.declaration_lines == (
        "Councillor R Jones declared a non-pecuniary interest in the item relating to Reconfiguration of "
        "Inpatients Respiratory Medicines, as an employee of the West Midlands Ambulance Service.",)
    assert paper.entries[1].resolution_lines == (
        "Resolved that the minutes of the meeting held on 17th June 2019 be approved as a correct record.",)
    assert paper.entries[2].resolution_lines[0] == "Resolved: -"
    assert paper.entries[2].resolution_lines[1].startswith("(1) that the report") \
        and paper.entries[2].resolution_lines[1].endswith(";")
    assert paper.entries[2].resolution_lines[-1] == "(2) that an update be provided to a future meeting."
    assert any(b.bullet for b in paper.entries[2].blocks) and not paper.entries[2].blocks[0].bullet
    assert paper.ended == "(Meeting ended at 7.00pm)"
    assert paper.status is MinutesStatus.DRAFT and paper.draft
    assert paper.approved_text == "DRAFT - subject to approval at the next meeting"
    text = pdf_text(demo.papers.render(paper))
    assert text.count("DRAFT - subject to approval at the next meeting") >= len(PdfReader(io.BytesIO(
        demo.papers.render(paper))).pages)  # on every page


def test_approved_minutes_say_so_and_list_their_amendments(demo):
    approve_and_amend_july_minutes(demo)
    july = _meeting(demo, "2019-07-29")
    paper = demo.papers.minutes(july.id, "public")
    assert paper.status is MinutesStatus.APPROVED and not paper.draft
    assert paper.approved_text == "Approved at the meeting of 7 October 2019"
    amended = [e for e in paper.entries if e.amendments]
    assert len(amended) == 1 and amended[0].amendments[0].reason == "A typing error"
    text = pdf_text(demo.papers.render(paper))
    assert "DRAFT" not in text and "Approved at the meeting of 7 October 2019" in text
    assert "A typing error" in text
    assert "A typing error" in docx_text(demo.papers.render(paper, "docx"))
    # approved minutes carry the chair's signature line as a correct record; drafts do not
    assert "Signed as a correct record" in text and "(Chair)" in text
    assert "Signed as a correct record" in docx_text(demo.papers.render(paper, "docx"))
    draft = demo.papers.minutes(_meeting(demo, "2019-10-07").id, "private")
    assert draft.draft and "Signed as a correct record" not in pdf_text(demo.papers.render(draft))


def test_private_minutes_of_a_confidential_item_stay_out_of_the_public_minutes(demo):
    july = _meeting(demo, "2019-07-29")
    item_id = _private_item(demo, july.id, "Estates options appraisal for the respiratory hub")
    demo.meetings.record_minutes(item_id, "The Board considered three sites.")
    demo.meetings.add_resolution({"agenda_item_id": item_id, "number": 1, "text": "That option two be pursued."})
    public = demo.papers.minutes(july.id, "public")
    private = demo.papers.minutes(july.id, "private")
    assert all(not e.part2 for e in public.entries) and public.exclusion is None
    last = private.entries[-1]
    assert last.part2 and last.resolution_lines == ("Resolved that option two be pursued.",)
    assert private.exclusion  # the resolution to exclude the public comes before Part 2
    text = pdf_text(demo.papers.render(private))
    assert "Part 2" in text and "three sites" in text
    assert "three sites" not in pdf_text(demo.papers.render(public))


# ------------------------------------------------------------------ the action log


def test_action_log_by_owner_with_ageing_and_filters(demo):
    paper = demo.papers.action_log("private")
    owners = [o.owner for o in paper.owners]
    assert owners == sorted(owners, key=lambda n: (n.split()[-1].lower(), n.lower()))
    assert all(line.action.status.value not in ("complete", "cancelled") for line in paper.lines)
    counts = dict(paper.bands)
    assert sum(counts.values()) == len(paper.lines)
    assert set(counts) == {"Not yet due", "1-30 days overdue", "31-60 days overdue", "61-90 days overdue",
                           "Over 90 days overdue"}
    mcnally = next(pid for pid, name in demo.queries.action_owners() if name == "Lisa McNally")
    mine = demo.papers.action_log("private", owner_id=mcnally)
    assert {o.owner for o in mine.owners} == {"Lisa McNally"}
    overdue = demo.papers.action_log("private", overdue_only=True)
    assert all(line.action.overdue for line in overdue.lines)
    soon = demo.papers.action_log("private", due_within_days=14)
    assert all((line.action.due_on - demo.queries.today()).days <= 14 for line in soon.lines)
    with pytest.raises(PbpError):
        demo.papers.action_log("private", due_within_days=-1)


def test_public_action_log_leaves_out_private_actions(demo):
    private = demo.papers.action_log("private")
    public = demo.papers.action_log("public")
    records = demo.privacy.records()
    assert any(records.row_private(line.action) for line in private.lines)
    assert not any(records.row_private(line.action) for line in public.lines)
    assert public.withheld == len(private.lines) - len(public.lines) > 0


def test_action_log_csv_neutralises_formulas(demo):
    owner = demo.queries.action_owners()[0][0]
    demo.actions.create({"description": "=HYPERLINK(\"http://x\")", "owner_id": owner, "due_on": "2026-12-01",
                         "reference": "+A1"})
    data = demo.papers.action_log_csv(demo.papers.action_log("private")).decode("utf-8-sig")
    assert "\"'=HYPERLINK(\"\"http://x\"\")\"" in data and "\"'+A1\"" in data
    assert data.splitlines()[0].startswith("Owner,Reference,Description")


# ------------------------------------------------------------------ the register of interests


def test_register_of_interests_public_leaves_out_confidential(demo):
    private = demo.papers.interests("private")
    public = demo.papers.interests("public")
    everyone = {i.organisation for p in private.people for i in p.interests}
    shown = {i.organisation for p in public.people for i in p.interests}
    assert "Sandwell and West Birmingham Hospitals NHS Trust" in everyone - shown
    assert "Councillor Hartwell" not in {p.person for p in public.people}
    assert public.note and not private.note
    text = pdf_text(demo.papers.render(public))
    assert "respiratory service" not in text and "West Midlands Ambulance Service" in text
    assert "Non-financial professional" in " ".join(text.split())


# ------------------------------------------------------------------ printing and the record


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_printed_papers_are_recorded_as_packs_are(demo, file_format):
    october = _meeting(demo, "2019-10-07")
    written: list[bytes] = []
    printed = demo.papers.print_paper("agenda", october.id, "public", file_format, write=written.append)
    assert written == [printed.pdf]
    assert printed.reference == "AGENDA-20191007-PUB-1" and ("pack", printed.created_id("pack")) in printed.created
    again = demo.papers.print_paper("agenda", october.id, "public", file_format)
    assert again.reference == "AGENDA-20191007-PUB-2"
    demo.papers.print_paper("action_log", ActionLogFilter(overdue_only=True), "private", file_format)
    demo.papers.print_paper("interests", None, "public", file_format)
    rows = {p.reference: p for p in demo.queries.packs()}
    agenda = rows["AGENDA-20191007-PUB-1"]
    assert agenda.paper is Paper.AGENDA and agenda.file_format is FileFormat(file_format)
    assert agenda.session is Session.PUBLIC and agenda.meeting_id == october.id
    assert agenda.sha256 == hashlib.sha256(printed.pdf).hexdigest() and agenda.size == len(printed.pdf)
    assert agenda.printed_at.date() == demo.queries.today()
    kinds = {p.paper for p in rows.values()}
    assert kinds == {Paper.AGENDA, Paper.ACTION_LOG, Paper.INTERESTS}
    log = next(p for p in rows.values() if p.paper is Paper.ACTION_LOG)
    assert log.reference == f"ACTIONS-{demo.queries.today():%Y%m%d}-PRIV-1" and log.meeting_id is None
    # the bytes kept are those printed, and the snapshot is what the paper showed
    assert demo.packs.pdf(printed.reference) == printed.pdf
    from sqlalchemy import select

    from pbp_desktop.storage.models import Pack
    with demo.opened.engine.connect() as conn:
        snap = json.loads(conn.scalar(select(Pack.snapshot).where(Pack.reference == printed.reference)))
    assert snap["reference"] == printed.reference and snap["next_meeting"] == "18 November 2019"
    # the history names the command
    assert any(c.command == "print_paper" for c in demo.queries.change_log(batch=printed.batch))


def test_a_paper_whose_file_cannot_be_written_is_not_recorded(demo):
    def fail(_data: bytes) -> None:
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        demo.papers.print_paper("interests", None, "public", write=fail)
    assert not demo.queries.packs()


def test_the_same_paper_gives_the_same_bytes(demo):
    october = _meeting(demo, "2019-10-07")
    paper = demo.papers.agenda(october.id, "private")
    for fmt in ("pdf", "docx"):
        assert demo.papers.render(paper, fmt) == demo.papers.render(paper, fmt)


def test_docx_papers_have_headings_and_paragraphs(demo):
    october = _meeting(demo, "2019-10-07")
    doc = Document(io.BytesIO(demo.papers.render(demo.papers.agenda(october.id, "public"), "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Agenda"
    assert "1. Apologies for absence" in headings
    assert any(h.endswith("Black Country and West Birmingham Long Term Plan") for h in headings)
    texts = [p.text for p in doc.paragraphs]
    assert doc.paragraphs[0].text == "Health and Adult Social Care Scrutiny Board"
    assert PUBLIC_NOTE in texts
    assert any(t.startswith("Councillor E M Giles (Chair)") for t in texts)
    assert "AGENDA-20191007-PUB-1" in doc.sections[0].footer.paragraphs[0].text
    assert doc.core_properties.title.endswith("(AGENDA-20191007-PUB-1)")
    july = _meeting(demo, "2019-07-29")
    minutes = Document(io.BytesIO(demo.papers.render(demo.papers.minutes(july.id, "public"), "docx")))
    heads = [p.text for p in minutes.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:2] == ["12/19 Declaration of Interest", "13/19 Minutes"]
    bullets = [p.text for p in minutes.paragraphs if p.style.name == "List Bullet"]
    assert "transport would be required between the two sites;" in bullets
    header = "\n".join(p.text for p in minutes.sections[0].header.paragraphs)
    assert "DRAFT - subject to approval at the next meeting" in header


def test_papers_say_their_language(demo):
    """Issue 19: en-GB in the PDF's catalogue and in the DOCX's properties and default text."""
    paper = demo.papers.agenda(_meeting(demo, "2019-10-07").id, "private")
    assert PdfReader(io.BytesIO(demo.papers.render(paper, "pdf"))).trailer["/Root"]["/Lang"] == "en-GB"
    doc = Document(io.BytesIO(demo.papers.render(paper, "docx")))
    assert doc.core_properties.language == "en-GB"
    assert 'w:val="en-GB"' in doc.styles.element.xml
