"""UI: the Print pack dialog previews the PDF in the app, prints it to a file or a printer
(recording it), and the Packs screen shows printed packs as printed."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from pbp_desktop.ui.pack_dialog import PrintPackDialog
from pbp_desktop.ui.pages.packs import PacksPage

pytestmark = pytest.mark.ui


def test_preview_then_print_to_a_file_and_find_it_on_the_packs_screen(window, dialogs, demo, tmp_path, qtbot):
    page = window.show_page(PacksPage)
    target = tmp_path / "pack.pdf"

    def handler(dialog: PrintPackDialog):
        assert dialog.meeting.currentText().endswith("Sandwell Place Based Partnership Board")  # the next one
        dialog.private.setChecked(True)
        dialog.cover_widgets["title"].widget.setText("Board assurance report, December 2026")
        dialog.sections["indicators"].setChecked(False)
        pdf = dialog.show_preview()
        assert pdf and dialog.preview.page_count >= 5
        assert demo.queries.packs() == []  # a preview records nothing
        dialog.public.setChecked(True)  # another session: the private preview is not left showing
        assert dialog.preview.page_count == 0
        dialog.private.setChecked(True)
        assert dialog.print_to_file(str(target)) == target
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    [row] = page.table.rows_shown()
    assert row.session.value == "private" and target.read_bytes() == demo.packs.pdf(row.reference)
    assert demo.packs.cover_draft(row_meeting(demo, row), "private").title == "Board assurance report, December 2026"
    page.table.select_id(row.id)
    assert page.preview.page_count >= 5
    copy = page.save_copy(row, str(tmp_path / "copy.pdf"))
    assert copy.read_bytes() == target.read_bytes()


def row_meeting(demo, row):
    return next(m for m in demo.queries.meetings() if m.id == row.meeting_id)


def test_a_cover_sheet_problem_is_shown_beside_its_field(window, dialogs, demo):
    page = window.show_page(PacksPage)

    def handler(dialog: PrintPackDialog):
        dialog.cover_widgets["title"].widget.setText("")
        dialog.cover_widgets["eqia_date"].widget.setText("next week")
        assert dialog.show_preview() is None
        assert dialog.cover_widgets["title"].error.isVisibleTo(dialog)
        assert "is not a date; write a day such as 31/03/2025" in dialog.cover_widgets["eqia_date"].error.text()
        assert dialog.print_to_file("/nonexistent/never.pdf") is None
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    assert demo.queries.packs() == []


def test_send_to_a_printer(window, dialogs, demo, tmp_path):
    page = window.show_page(PacksPage)
    printed_file = tmp_path / "printer.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed_file))

    def handler(dialog: PrintPackDialog):
        assert dialog.print_to_printer(printer) > 5
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    assert printed_file.stat().st_size > 10_000
    [row] = demo.queries.packs()
    assert row.session.value == "public"


def test_the_dialog_keeps_a_cover_per_session_and_asks_about_quotations(window, dialogs, demo, tmp_path, monkeypatch):
    """The Print pack dialog's own path: the private cover never reaches the public one; a
    private meeting offers only the private pack; a quotation of a private record is named and,
    confirmed with a reason, printed."""
    page = window.show_page(PacksPage)
    quoting = next(a for a in demo.queries.actions() if not demo.privacy.records().row_private(a)
                   and a.status.value == "open")
    demo.actions.update(quoting.id, {"description": "Report on the QIPP gap of £144 million by 2022/23"},
                        quoting.version)
    asked = []
    monkeypatch.setattr(PrintPackDialog, "ask", lambda self, box: (asked.append(box.text()), box.buttons()[0])[1])
    monkeypatch.setattr(PrintPackDialog, "ask_reason", lambda self: ("Published in the annual report", True))

    def handler(dialog: PrintPackDialog):
        dialog.private.setChecked(True)
        dialog.cover_widgets["title"].widget.setText("ZQ private title")
        assert dialog.print_to_file(str(tmp_path / "private.pdf"))
        dialog.public.setChecked(True)
        assert dialog.cover_widgets["title"].widget.text() != "ZQ private title"
        dialog.draft.setChecked(True)
        assert dialog.print_to_file(str(tmp_path / "public.pdf"))
        assert asked and "QIPP gap of £144 million" in asked[0]
        dialog.private.setChecked(True)  # what was typed on the private cover is still there
        assert dialog.cover_widgets["title"].widget.text() == "ZQ private title"
        private_meeting = next(m for m in demo.queries.meetings() if m.session.value == "private")
        dialog.meeting.setCurrentIndex(dialog.meeting.findData(private_meeting.id))
        assert not dialog.public.isEnabled() and dialog.private.isChecked()
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    public = (tmp_path / "public.pdf").read_bytes()
    assert b"ZQ private title" not in public
    import io

    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(public))
    assert "ZQ" not in reader.metadata.title and reader.metadata.title.startswith("DRAFT")


def test_a_cover_typed_and_not_printed_comes_back_for_its_session(window, dialogs, demo, qtbot):
    page = window.show_page(PacksPage)

    def first(dialog: PrintPackDialog):
        dialog.private.setChecked(True)
        title = dialog.cover_widgets["title"].widget
        title.clear()
        qtbot.keyClicks(title, "Typed before the crash")
        dialog.cover_drafts.flush()  # a second after typing: kept as a draft
        dialog.reject()

    def second(dialog: PrintPackDialog):
        assert dialog.cover_widgets["title"].widget.text() != "Typed before the crash"  # public: never the private one
        dialog.private.setChecked(True)
        assert dialog.cover_widgets["title"].widget.text() == "Typed before the crash"
        assert "Restored unsaved text" in dialog.restored.text()
        dialog.reject()
    dialogs.then(first).then(second)
    page.print_pack()
    page.print_pack()


def test_a_cover_typed_in_the_last_moment_before_close_is_kept(window, dialogs, demo, qtbot):
    page = window.show_page(PacksPage)

    def first(dialog: PrintPackDialog):
        points = dialog.cover_widgets["discussion_points"].widget
        qtbot.keyClicks(points, " And the winter plan.")
        dialog.reject()  # at once: no second for the draft's timer

    def second(dialog: PrintPackDialog):
        assert "And the winter plan." in dialog.cover_widgets["discussion_points"].widget.toPlainText()
        dialog.reject()
    dialogs.then(first).then(second)
    page.print_pack()
    page.print_pack()


def test_the_window_answers_while_a_pack_prints_off_its_thread(window, dialogs, demo, tmp_path, monkeypatch):
    """Long work off the window's thread: while the pack is drawn on a worker, the window's
    event loop turns (a timer ticks) and the progress dialog moves."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from pbp_desktop.services.packs import PackService
    from pbp_desktop.ui import work
    monkeypatch.setattr(work.Job, "show_after_ms", 0)
    drawn_on = []
    checked = PackService._checked
    monkeypatch.setattr(PackService, "_checked",
                        lambda self, *a, **kw: (drawn_on.append(threading.current_thread()), checked(self, *a, **kw))[1])
    ticks, seen = [], []

    def tick():
        ticks.append(1)
        dialog = window.findChild(QProgressDialog, "workProgress")
        if dialog is not None and dialog.isVisible():
            seen.append(dialog.value())
    timer = QTimer()
    timer.timeout.connect(tick)
    target = tmp_path / "pack.pdf"

    def handler(dialog: PrintPackDialog):
        timer.start(5)
        assert dialog.print_to_file(str(target)) == target
        timer.stop()
        dialog.reject()
    dialogs.then(handler)
    window.show_page(PacksPage).print_pack()
    assert drawn_on and threading.main_thread() not in drawn_on  # drawn on a worker
    assert len(ticks) >= 3 and seen and max(seen) > 0  # the loop turned, the bar moved
    assert target.exists() and len(demo.queries.packs()) == 1


def test_cancel_stops_a_pack_and_leaves_no_file_and_no_record(window, dialogs, demo, tmp_path, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from pbp_desktop.services.packs import PackService
    from pbp_desktop.ui import work
    from pbp_desktop.ui.ops import UNEXPECTED
    monkeypatch.setattr(work.Job, "show_after_ms", 0)
    clicked = threading.Event()
    checked = PackService._checked
    # the work waits (on its own thread) until Cancel is pressed, so that it is surely under way
    monkeypatch.setattr(PackService, "_checked",
                        lambda self, *a, **kw: (clicked.wait(10), checked(self, *a, **kw))[1])

    def press_cancel():
        dialog = window.findChild(QProgressDialog, "workProgress")
        if dialog is not None and dialog.isVisible() and not clicked.is_set():
            dialog.findChild(QPushButton).click()
            clicked.set()
    timer = QTimer()
    timer.timeout.connect(press_cancel)
    target = tmp_path / "out" / "pack.pdf"
    seen = {}

    def handler(dialog: PrintPackDialog):
        timer.start(5)
        seen["result"] = dialog.print_to_file(str(target))
        seen["message"] = dialog.message.text()
        timer.stop()
        dialog.reject()
    dialogs.then(handler)
    window.show_page(PacksPage).print_pack()
    assert clicked.is_set() and seen["result"] is None
    assert seen["message"] == "The pack was cancelled: it was not printed, and not recorded."
    assert not target.parent.exists() or list(target.parent.iterdir()) == []  # no PDF, no .part
    assert demo.queries.packs() == []
    assert UNEXPECTED not in window.ops.messages


def test_the_pack_is_judged_as_at_the_date_chosen(window, dialogs, demo, tmp_path):
    """Issue 19: the "as at" date is set in the app, as the CLI's --today sets it."""
    import io

    from pypdf import PdfReader
    page = window.show_page(PacksPage)
    target = tmp_path / "asat.pdf"

    def handler(dialog: PrintPackDialog):
        assert dialog.as_at.text() == "23/11/2026"  # today, by the register's clock
        for name, box in dialog.sections.items():
            box.setChecked(name == "summary")
        dialog.as_at.setText("31 March 2020x")
        assert dialog.show_preview() is None and "As at:" in dialog.message.text()
        dialog.as_at.setText("31/03/2020")
        assert dialog.print_to_file(str(target)) == target
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "as at 31/03/2020" in " ".join(text.split())


def test_the_pack_dialog_shows_the_cover_fields_and_prints_your_name_as_author(window, dialogs, demo, settings,
                                                                                qtbot):
    """Issue 19: the cover's agenda item, purpose, level of assurance, executive summary, BAF
    risks and objectives are fields of the dialog, filled from the register; the author is the
    user's name, asked the first time (the cursor waits in "Your name"), remembered between
    runs and given to the services; the login stays in the change log."""
    import io

    from pypdf import PdfReader
    page = window.show_page(PacksPage)
    fields = ("agenda_item", "paper_number", "purpose", "assurance_level", "executive_summary", "baf_risks",
              "objectives", "risk_register", "baf")

    def handler(dialog: PrintPackDialog):
        for name in fields:
            assert dialog.cover_widgets[name].widget.isVisibleTo(dialog), name
        assert dialog.cover_widgets["agenda_item"].get() == "3"  # from the meeting's agenda
        assert dialog.cover_widgets["purpose"].widget.currentText() == "Assurance"
        assert dialog.cover_widgets["risk_register"].get().startswith("PBP2 Fragile domiciliary care market")
        assert dialog.cover_widgets["author"].get() == "" and dialog.your_name_note.isVisibleTo(dialog)
        assert dialog.focusWidget() is dialog.your_name  # asked the first time it is needed
        qtbot.keyClicks(dialog.your_name, "Christine Anne Guest")
        assert dialog.cover_widgets["author"].get() == "Christine Anne Guest"
        assert not dialog.your_name_note.isVisibleTo(dialog)
        level = dialog.cover_widgets["assurance_level"].widget
        level.setCurrentIndex(level.findText("Limited"))
        dialog.sections["indicators"].setChecked(False)
        dialog.sections["scorecard"].setChecked(False)
        pdf = dialog.show_preview()
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "Christine Anne Guest" in text and "[X] Limited" in text and "secretary" not in text
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    assert settings.value("user/name") == "Christine Anne Guest"  # remembered between runs
    assert demo.packs.cover_draft(None, "public").author == "Christine Anne Guest"
    # Edit > Your name changes it; a window opened later over the same settings gives it to its register
    assert window.ask_user_name("Dr Lisa McNally") == "Dr Lisa McNally"
    assert window.register.user_name == "Dr Lisa McNally" and demo.user == "secretary"
    window.register.set_user_name("")
    window.set_register(window.register)
    assert window.register.packs.cover_draft(None, "public").author == "Dr Lisa McNally"
