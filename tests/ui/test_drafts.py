"""UI: nothing typed is lost. Minutes are saved when their item, meeting or screen is left or
the window closed, and Ctrl+S leaves the cursor where it was; every free-text editor keeps a
draft on disk that a crash does not lose (the app "dies": its window is dropped without a save
or a close, and a new window opens on the same register and drafts file); a changed form asks
Save / Discard / Cancel before it is left. And "Mark complete" asks the date and a note."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pbp_desktop.domain.enums import ActionStatus
from pbp_desktop.services import Register
from pbp_desktop.ui import drafts
from pbp_desktop.ui.pages.actions import ActionsPage
from pbp_desktop.ui.pages.meetings import MeetingsPage
from pbp_desktop.ui.pages.partners import PartnersPage
from pbp_desktop.ui.pages.risks import RisksPage
from tests.conftest import TODAY

pytestmark = pytest.mark.ui

SHOTS = os.environ.get("PBP_SHOTS")  # a folder to save pictures of the screens in, to look at
RESTORED = re.compile(r"Restored unsaved (minutes|text) kept at \d\d:\d\d on \d\d/\d\d/\d{4}")


def _drafts_on_disk(path: Path) -> dict:
    if not path.exists():
        return {}
    return {k: v["text"] for reg in json.loads(path.read_text(encoding="utf-8"))["registers"].values()
            for k, v in reg.items()}


def _wait_for_draft(qtbot, path: Path, words: str) -> None:
    qtbot.waitUntil(lambda: any(words in t for t in _drafts_on_disk(path).values()), timeout=4000)


def _board(page, demo, day=date(2019, 10, 7)):
    meeting = next(m for m in demo.queries.meetings() if m.meets_on == day)
    page.meetings.select_id(meeting.id)
    return meeting


def _item(page, number: str):
    item = next(i for i in page.items.rows_shown() if i.number == number)
    page.items.select_id(item.id)
    return item


def _stored(demo, meeting_id: int, item_id: int):
    return next(i for i in demo.queries.meeting(meeting_id).items if i.id == item_id)


def _ctrl_s(qtbot, page) -> None:
    """Ctrl+S as typed (a button's shortcut clicks it a moment later, as a click would)."""
    qtbot.keyClick(page.minutes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)  # QAbstractButton.animateClick: 100 ms


def _shot(widget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def _die(window) -> None:
    """The app is killed: nothing more is saved, and its window goes without being closed."""
    for page in window.pages:
        page.leave = lambda: None
    window.hide()


@pytest.fixture
def reopen(qtbot, demo, settings, tmp_path):
    """A new window on the same register and the same drafts file, as after a restart."""
    opened = []

    def make():
        from pbp_desktop.ui.main_window import MainWindow
        reg = Register.open(demo.opened.url, user="secretary", clock=lambda: TODAY)
        w = MainWindow(reg, settings=settings)
        qtbot.addWidget(w)
        w.show()
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)  # its shortcuts answer
        opened.append(reg)
        return w
    yield make
    for reg in opened:
        reg.close()


# ---------------------------------------------------------------------------- the minutes

def test_ctrl_s_keeps_the_cursor_and_leaving_the_item_screen_or_window_saves_the_minutes(
        window, demo, qtbot, drafts_file):
    page = window.show_page(MeetingsPage)
    board = _board(page, demo)
    four = _item(page, "4")
    page.minutes.setFocus()
    qtbot.keyClicks(page.minutes, "The Board noted the plan.")
    _ctrl_s(qtbot, page)
    assert _stored(demo, board.id, four.id).minutes == "The Board noted the plan."
    assert page.minutes.textCursor().position() == len("The Board noted the plan.")  # not back at the top
    qtbot.keyClicks(page.minutes, " It asked for a report in March.")
    assert page.minutes.toPlainText() == "The Board noted the plan. It asked for a report in March."

    five = _item(page, "5")  # another item: item 4's minutes are saved, not dropped
    assert _stored(demo, board.id, four.id).minutes == "The Board noted the plan. It asked for a report in March."
    assert page.minutes.toPlainText() == (five.minutes or "")
    qtbot.keyClicks(page.minutes, "The alliance plan was received.")
    later = next(m for m in demo.queries.meetings() if m.id != board.id)
    page.meetings.select_id(later.id)  # another meeting
    assert _stored(demo, board.id, five.id).minutes == "The alliance plan was received."

    _board(page, demo)
    _item(page, "5")
    qtbot.keyClicks(page.minutes, " Comments to the CCG.")  # the cursor waits at the end
    window.show_page(PartnersPage)  # another screen
    assert _stored(demo, board.id, five.id).minutes == "The alliance plan was received. Comments to the CCG."
    window.show_page(MeetingsPage)
    qtbot.keyClicks(page.minutes, " Agreed.")
    window.close()  # the window
    assert _stored(demo, board.id, five.id).minutes == \
        "The alliance plan was received. Comments to the CCG. Agreed."
    assert _drafts_on_disk(drafts_file) == {}  # saved: no draft is left behind


def test_a_change_elsewhere_does_not_save_or_overwrite_minutes_being_typed(window, demo, qtbot, dialogs):
    page = window.show_page(MeetingsPage)
    board = _board(page, demo)
    four = _item(page, "4")
    qtbot.keyClicks(page.minutes, "Half a sentence")
    dialogs.then(dialogs.fill_and_save(text="The Board approved the plan."))
    page.add_resolution()  # a command reloads the screen
    assert page.resolutions.rows_shown()[-1].text == "The Board approved the plan."
    assert page.minutes.toPlainText() == "Half a sentence"
    assert page.minutes.textCursor().position() == len("Half a sentence")
    assert _stored(demo, board.id, four.id).minutes is None  # only leaving saves


def test_minutes_typed_before_a_crash_come_back_confidential_and_are_saved(
        window, demo, qtbot, drafts_file, reopen):
    page = window.show_page(MeetingsPage)
    board = _board(page, demo)
    four = _item(page, "4")
    words = "The Board discussed the budget gap in confidence."
    qtbot.keyClicks(page.minutes, words)
    page.minutes_confidential.setChecked(True)
    _wait_for_draft(qtbot, drafts_file, words)  # a second after the typing stops
    qtbot.waitUntil(lambda: not page.minutes_draft.pending())
    _die(window)
    assert _stored(demo, board.id, four.id).minutes is None

    again = reopen()
    page = again.show_page(MeetingsPage)
    _board(page, demo)
    _item(page, "4")
    assert page.minutes.toPlainText() == words
    assert page.minutes_confidential.isChecked()  # never restored as public minutes
    assert page.minutes.textCursor().position() == len(words)
    assert RESTORED.match(page.minutes_note.text()) and page.minutes_note.isVisibleTo(page)
    _shot(page, "minutes-restored.png")
    page.minutes.setFocus()
    _ctrl_s(qtbot, page)
    item = _stored(demo, board.id, four.id)
    assert (item.minutes, item.minutes_confidential) == (words, True)
    assert _drafts_on_disk(drafts_file) == {}
    assert not page.minutes_note.isVisibleTo(page)


def test_revert_throws_the_changes_and_their_draft_away(window, demo, qtbot, drafts_file):
    page = window.show_page(MeetingsPage)
    board = _board(page, demo)
    four = _item(page, "4")
    qtbot.keyClicks(page.minutes, "Not what was said")
    _wait_for_draft(qtbot, drafts_file, "Not what was said")
    page.revert_minutes()
    assert page.minutes.toPlainText() == "" and _drafts_on_disk(drafts_file) == {}
    _item(page, "5")
    assert _stored(demo, board.id, four.id).minutes is None


# ---------------------------------------------------------------------------- forms

def _a0005(page):
    page.table.search.setText("A0005")
    page.table.select_id(next(a.id for a in page.table.rows_shown() if a.reference == "A0005"))
    return page.table.current()


def test_a_changed_form_asks_before_it_is_left(window, demo, qtbot, dialogs, unsaved, drafts_file):
    page = window.show_page(ActionsPage)
    action = _a0005(page)
    closed = []

    def type_then(answer, leave):
        def handler(dialog):
            dialog.finished.connect(closed.append)
            dialogs.fill(dialog, text="Evidence review drafted")
            _wait_for_draft(qtbot, drafts_file, "Evidence review drafted")
            unsaved.answer = answer
            leave(dialog)
        return handler

    dialogs.then(type_then(drafts.CANCEL, lambda d: d.reject()))  # Escape or Cancel: asked, stays open
    page.add_update(action)
    assert unsaved.asked == ["Update on A0005"] and closed == []
    assert "Evidence review drafted" in _drafts_on_disk(drafts_file).values()

    def close_button(dialog):
        dialog.show()
        dialog.close()
    dialogs.then(type_then(drafts.DISCARD, close_button))  # the close button: asked, thrown away
    page.add_update(action)
    assert closed == [0] and _drafts_on_disk(drafts_file) == {}
    assert demo.queries.action(action.id).updates == ()

    dialogs.then(type_then(drafts.SAVE, lambda d: d.reject()))  # asked, saved
    page.add_update(action)
    assert [u.text for u in demo.queries.action(action.id).updates] == ["Evidence review drafted"]
    assert _drafts_on_disk(drafts_file) == {}


def test_text_typed_in_a_form_before_a_crash_is_restored_in_the_same_form(
        window, demo, qtbot, dialogs, drafts_file, reopen):
    page = window.show_page(RisksPage)
    sr1 = next(r for r in demo.queries.risks() if r.reference == "SR1")
    page.table.select_id(sr1.id)

    def typed_then_died(dialog):  # a line and a long text; the form is never closed
        dialogs.fill(dialog, title="Workforce gaps in neighbourhood teams",
                     controls="Joint recruitment campaign with the council")
        _wait_for_draft(qtbot, drafts_file, "Joint recruitment campaign")
        _wait_for_draft(qtbot, drafts_file, "Workforce gaps")
    dialogs.then(typed_then_died)
    page.edit(page.table.current())
    _die(window)

    again = reopen()
    page = again.show_page(RisksPage)
    other = next(r for r in demo.queries.risks() if r.reference == "SR2")
    seen = {}

    def look(dialog):
        seen[dialog.windowTitle()] = ({n: dialog.widgets[n].get() for n in ("title", "controls")},
                                      dialog.restored.text() if dialog.restored.isVisibleTo(dialog) else "")
        if dialog.windowTitle() == "Edit SR1":
            _shot(dialog, "form-restored.png")
            dialogs.save(dialog)
        else:
            dialog.reject()
    page.table.select_id(other.id)
    dialogs.then(look)
    page.edit(page.table.current())  # another risk's form: nothing of SR1's
    page.table.select_id(sr1.id)
    dialogs.then(look)
    page.edit(page.table.current())
    assert seen["Edit SR2"] == ({"title": other.title, "controls": other.controls or ""}, "")
    values, note = seen["Edit SR1"]
    assert values == {"title": "Workforce gaps in neighbourhood teams",
                      "controls": "Joint recruitment campaign with the council"}
    assert RESTORED.match(note) and "Title, Controls" in note
    saved = next(r for r in demo.queries.risks() if r.reference == "SR1")
    assert (saved.title, saved.controls) == tuple(values.values())
    assert _drafts_on_disk(drafts_file) == {}


# ---------------------------------------------------------------------------- mark complete

def test_mark_complete_asks_the_date_and_a_closing_note(window, demo, dialogs):
    page = window.show_page(ActionsPage)
    action = _a0005(page)
    seen = {}

    def handler(dialog):
        seen["today"] = dialog.widgets["completed_on"].get()
        dialogs.fill(dialog, completed_on="30/11/2026", note="Signed off by the SMT")
        dialogs.save(dialog)
        seen["error"] = dialog.widgets["completed_on"].error.text()
        dialogs.fill(dialog, completed_on="20/11/2026")
        _shot(dialog, "mark-complete.png")
        dialogs.save(dialog)
    dialogs.then(handler)
    page.complete(action)
    assert seen["today"] == "23/11/2026"  # the register's today
    assert "30/11/2026 is after today (23/11/2026)" in seen["error"]
    done = demo.queries.action(action.id)
    assert (done.status, done.completed_on) == (ActionStatus.COMPLETE, date(2026, 11, 20))
    assert [(u.text, u.written_on) for u in done.updates] == [("Signed off by the SMT", date(2026, 11, 20))]
    assert page.updates.rows_shown()[0].text == "Signed off by the SMT"


# ---------------------------------------------------------------------------- the drafts file

def test_the_drafts_file_keeps_each_registers_drafts_apart_and_is_replaced_whole(tmp_path):
    path = tmp_path / "data" / "drafts.json"
    ours, theirs = drafts.DraftStore(path, "/a/register.sqlite"), drafts.DraftStore(path, "/b/register.sqlite")
    assert ours.put("agenda_item:4:minutes", "Ours", 4, {"confidential": True})
    assert theirs.put("agenda_item:4:minutes", "Theirs", 0)
    draft = ours.get("agenda_item:4:minutes")
    assert (draft.text, draft.cursor, dict(draft.extra)) == ("Ours", 4, {"confidential": True})
    assert RESTORED.match("Restored unsaved text kept at " + draft.kept())
    assert theirs.get("agenda_item:4:minutes").text == "Theirs"
    ours.remove("agenda_item:4:minutes")
    assert ours.get("agenda_item:4:minutes") is None and ours.keys() == []
    assert list(json.loads(path.read_text(encoding="utf-8"))["registers"]) == ["/b/register.sqlite"]
    assert [p.name for p in path.parent.iterdir()] == ["drafts.json"]  # no temporary file left
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600  # drafts may hold confidential minutes


def test_a_drafts_file_that_cannot_be_read_is_kept_aside_not_overwritten(tmp_path):
    path = tmp_path / "drafts.json"
    path.write_text('{"registers": {"/a": {"k": {"text": "half a minu', encoding="utf-8")
    store = drafts.DraftStore(path, "/a")
    assert store.get("k") is None
    assert store.put("k", "again")
    assert (tmp_path / "drafts-unreadable-1.json").read_text(encoding="utf-8").endswith("half a minu")
    assert store.get("k").text == "again"


def test_a_draft_that_cannot_be_written_is_said_beside_the_editor(window, demo, qtbot, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(drafts, "drafts_file", lambda: blocker / "drafts.json")
    page = window.show_page(MeetingsPage)
    _board(page, demo)
    _item(page, "4")
    qtbot.keyClicks(page.minutes, "Words with nowhere to go")
    qtbot.waitUntil(lambda: page.minutes_note.isVisibleTo(page), timeout=4000)
    assert page.minutes_note.text().startswith(f"Unsaved text cannot be kept as a draft in {blocker / 'drafts.json'}")
    assert page.minutes_note.text().endswith("save your work now.")


def test_a_rescore_note_typed_and_cancelled_comes_back(window, dialogs, demo, qtbot):
    page = window.show_page(RisksPage)
    risk = next(r for r in demo.queries.risks() if r.reference == "SR3")

    def typed(dialog):
        qtbot.keyClicks(dialog.note, "Reviewed with the finance leads")
        dialog.reject()

    def again(dialog):
        assert dialog.note.text() == "Reviewed with the finance leads"
        dialog.accept()
    def empty(dialog):
        assert dialog.note.text() == ""
        dialog.reject()
    dialogs.then(typed).then(again).then(empty)
    page.rescore(risk)
    page.rescore(risk)
    assert demo.queries.risk(risk.id).history[-1].note == "Reviewed with the finance leads"
    page.rescore(demo.queries.risk(risk.id))  # saved: the draft has gone
