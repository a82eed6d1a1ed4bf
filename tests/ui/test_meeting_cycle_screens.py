"""The board secretary's whole cycle through the screens, on the demo register: the 7 October
2019 scrutiny board's agenda built (a business item added and moved, a private item under Part
2), attendance taken in the one view with the chair and the quorum, a declaration recorded from
the register's suggestion and the minutes written, an action raised, the minutes of 29 July
approved at item 3 (and then locked), and the agenda and the minutes printed in both sessions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from pbp_desktop.domain.enums import (
    AttendanceRole,
    FileFormat,
    ItemKind,
    MinutesStatus,
    Paper,
    Session,
)
from pbp_desktop.ui.pages.meetings import MeetingsPage
from pbp_desktop.ui.papers_dialog import PapersDialog

pytestmark = pytest.mark.ui


def pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_secretary_takes_a_meeting_from_agenda_to_approved_minutes(window, dialogs, demo, qtbot, monkeypatch,
                                                                       tmp_path):
    page = window.show_page(MeetingsPage)
    october = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 10, 7))
    july = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 7, 29))
    page.meetings.select_id(october.id)

    # the agenda: a business item goes in before the date of the next meeting, then moves up
    dialogs.then(dialogs.fill_and_save(title="Winter pressures on respiratory services", purpose="assurance",
                                       presenter="Andy Williams"))
    page.add_item()
    titles = [i.title for i in page.items.rows_shown()]
    assert titles[-2:] == ["Winter pressures on respiratory services", "Date of the next meeting"]
    winter = next(i for i in page.items.rows_shown() if i.title.startswith("Winter"))
    page.items.select_id(winter.id)
    qtbot.keyClick(page.items.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [i.title for i in page.items.rows_shown()].index("Winter pressures on respiratory services") == 5
    # dragged onto the row of item 5, it takes its place
    view = page.items.view
    rows = page.items.rows_shown()
    start = view.visualRect(page.items.proxy.index(5, 1)).center()
    view.scrollTo(page.items.proxy.index(5, 1))
    start = view.visualRect(page.items.proxy.index(5, 1)).center()
    end = view.visualRect(page.items.proxy.index(4, 1)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert [i.title for i in page.items.rows_shown()].index("Winter pressures on respiratory services") == 4
    assert rows[4].title in [i.title for i in page.items.rows_shown()][5:6]
    # a private item sits under Part 2, after the public ones, with the exclusion worded
    dialogs.then(dialogs.fill_and_save(title="Capitated budget: the partners' risk positions", confidential=True))
    page.add_item()
    last = page.items.rows_shown()[-1]
    assert last.confidential and last.number == "9"
    assert "excluded" in page.detail.meeting.exclusion

    # attendance in one view: the chair, members present and sending apologies, the quorum
    page.tabs.setCurrentWidget(page.attendance)
    sheet = page.attendance
    names = [line.name for line in sheet.sheet.lines]
    for name, choice in (("Councillor E M Giles", AttendanceRole.PRESENT), ("Councillor Piper", AttendanceRole.PRESENT),
                         ("Councillor R Jones", AttendanceRole.PRESENT), ("Councillor Hackett", AttendanceRole.APOLOGIES)):
        combo = sheet.table.cellWidget(names.index(name), 2)
        combo.setFocus()
        qtbot.keyClicks(combo, choice.label[0])  # the choice's first letter chooses it, and saves it
        assert combo.currentData() == choice.value
        names = [line.name for line in sheet.sheet.lines]  # the sheet is read again after each choice
    assert "NOT QUORATE" not in sheet.quorum.text() and "3 of 11 members present" in sheet.quorum.text()
    # Up and Down move between people on the sheet; they do not change anyone's attendance
    row = names.index("Councillor R Jones")
    sheet.table.cellWidget(row, 2).setFocus()
    qtbot.keyClick(sheet.table.cellWidget(row, 2), Qt.Key.Key_Down)
    assert sheet.table.cellWidget(row + 1, 2).hasFocus()
    assert next(line for line in sheet.sheet.lines if line.name == "Councillor R Jones").attendance \
        is AttendanceRole.PRESENT
    giles = next(line.person_id for line in sheet.sheet.lines if line.name == "Councillor E M Giles")
    sheet.chair.setCurrentIndex(sheet.chair.findData(giles))
    sheet.chair.activated.emit(sheet.chair.currentIndex())
    detail = demo.queries.meeting(october.id)
    assert detail.meeting.chair_name == "Councillor E M Giles"
    assert {a.name for a in detail.by_attendance(AttendanceRole.APOLOGIES)} == {"Councillor Hackett"}

    # a declaration recorded from the register's suggestion, on the item it touches
    page.tabs.setCurrentWidget(page.declarations)
    suggestion = next(s for s in page.declarations.suggested.rows_shown()
                      if s.interest.person_name == "Councillor Hartwell" and s.item_label.endswith("services"))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("left the room for the item", True)))
    page.declarations.declare(suggestion)
    declared = demo.queries.meeting(october.id).declarations
    assert declared[0].name == "Councillor Hartwell" and declared[0].action_taken == "left the room for the item"

    # the minutes of the item, a resolution, and an action raised from it
    page.tabs.setCurrentIndex(0)
    page.items.select_id(winter.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # its shortcuts answer
    page.minutes.setFocus()
    qtbot.keyClicks(page.minutes, "The Board received a report on winter pressures.")
    qtbot.keyClick(page.minutes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page._unsaved())  # the button's shortcut clicks it a moment later
    dialogs.then(dialogs.fill_and_save(text="that the report be noted"))
    page.add_resolution()
    owner = next(p.id for p in demo.queries.people() if p.name == "Andy Williams")
    dialogs.then(dialogs.fill_and_save(description="Report winter bed occupancy to the next meeting",
                                       owner_id=owner, due_on="18/11/2019"))
    page.raise_action(page.items.current())
    item = next(i for i in demo.queries.meeting(october.id).items if i.id == winter.id)
    assert item.minutes.startswith("The Board received") and item.resolutions and item.action_ids

    # approve the minutes of 29 July at item 3: they are then locked
    approving = next(i for i in page.items.rows_shown() if i.kind is ItemKind.PREVIOUS_MINUTES)
    page.items.select_id(approving.id)
    assert page.approve_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("", True)))
    page.approve_button.click()
    approved = next(m for m in demo.queries.meetings() if m.id == july.id)
    assert approved.minutes_status is MinutesStatus.APPROVED and approved.minutes_approved_on == date(2019, 10, 7)
    page.meetings.select_id(july.id)
    assert "approved 07/10/2019 (locked)" in page.heading.text()
    page.items.select_id(next(i.id for i in page.items.rows_shown() if i.minute_ref == "14/19"))
    assert page.minutes.isReadOnly() and page.amend_button.isEnabled()

    # print the agenda and the minutes of 7 October in both sessions, PDF and Word
    page.meetings.select_id(october.id)
    printed = {}
    for paper in (Paper.AGENDA, Paper.MINUTES):
        for session in Session:
            dialog = PapersDialog(window.ops, page.detail.meeting, window)
            dialog.choose(paper, session, FileFormat.PDF)
            target = dialog.print_to_file(str(tmp_path / dialog.default_name()))
            assert target is not None, dialog.message.text()
            printed[(paper, session)] = pdf_text(target)
    public_agenda, private_agenda = printed[(Paper.AGENDA, Session.PUBLIC)], printed[(Paper.AGENDA, Session.PRIVATE)]
    assert "Winter pressures on respiratory services" in public_agenda
    assert "Capitated budget" not in public_agenda and "Capitated budget" in private_agenda
    assert "Open to Public and Press" in public_agenda
    # Councillor Hartwell's interest is withheld from the public register: so is the declaration of it
    assert "Councillor Hartwell declared" not in printed[(Paper.MINUTES, Session.PUBLIC)]
    assert "Councillor Hartwell declared" in printed[(Paper.MINUTES, Session.PRIVATE)]
    assert "DRAFT" in printed[(Paper.MINUTES, Session.PRIVATE)]
    dialog = PapersDialog(window.ops, page.detail.meeting, window)
    dialog.choose(Paper.MINUTES, Session.PUBLIC, FileFormat.DOCX)
    assert dialog.print_to_file(str(tmp_path / "minutes.docx")) is not None
    kinds = {(p.paper, p.session, p.file_format) for p in demo.queries.packs()}
    assert {(Paper.AGENDA, Session.PUBLIC, FileFormat.PDF), (Paper.MINUTES, Session.PRIVATE, FileFormat.PDF),
            (Paper.MINUTES, Session.PUBLIC, FileFormat.DOCX)} <= kinds


def test_chasing_actions_due_soon_printed_by_owner_and_exported(window, dialogs, demo, tmp_path):
    from pbp_desktop.ui.pages.actions import ActionsPage
    page = window.show_page(ActionsPage)
    owner = next(p.id for p in demo.queries.people() if p.name == "Andy Williams")
    today = demo.queries.today()
    demo.actions.create({"description": "Chase the winter plan", "owner_id": owner,
                         "due_on": date.fromordinal(today.toordinal() + 10)})
    demo.actions.create({"description": "Review next spring", "owner_id": owner,
                         "due_on": date.fromordinal(today.toordinal() + 60)})
    page.reload()
    page.due_soon.setChecked(True)
    shown = [a.description for a in page.table.rows_shown()]
    assert "Chase the winter plan" in shown and "Review next spring" not in shown
    assert all(a.due_on <= date.fromordinal(today.toordinal() + 14) for a in page.table.rows_shown())
    made = []
    dialogs.then(made.append)
    page.print_log()
    dialog = made[0]
    dialog.choose(Paper.ACTION_LOG, Session.PRIVATE, "csv")
    table = dialog.print_to_file(str(tmp_path / "chase.csv")).read_text(encoding="utf-8-sig")
    assert "Chase the winter plan" in table and "Review next spring" not in table
    dialog.choose(Paper.ACTION_LOG, Session.PRIVATE, FileFormat.PDF)
    text = pdf_text(dialog.print_to_file(str(tmp_path / "chase.pdf")))
    assert "Andy Williams" in text and "Chase the winter plan" in text


def test_the_public_register_of_interests_leaves_out_those_withheld(window, dialogs, demo, tmp_path):
    from pbp_desktop.ui.pages.interests import InterestsPage
    page = window.show_page(InterestsPage)
    assert any(r.confidential for r in page.table.rows_shown())
    made = []
    dialogs.then(made.append)
    page.print_register()
    public = pdf_text(made[0].print_to_file(str(tmp_path / "interests.pdf")))
    assert "West Midlands Ambulance Service" in public and "close family member" not in public
    made[0].choose(Paper.INTERESTS, Session.PRIVATE, FileFormat.PDF)
    private = pdf_text(made[0].print_to_file(str(tmp_path / "interests-private.pdf")))
    assert "close family member" in " ".join(private.split())
