"""UI: the Print pack dialog previews the PDF in the app, prints it to a file or a printer
(recording it), and the Packs screen shows printed packs as printed."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter

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
        assert dialog.print_to_file(str(target)) == target
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    [row] = page.table.rows_shown()
    assert row.session.value == "private" and target.read_bytes() == demo.packs.pdf(row.reference)
    assert demo.packs.cover_draft().title == "Board assurance report, December 2026"
    page.table.select_id(row.id)
    assert page.preview.page_count >= 5
    copy = page.save_copy(row, str(tmp_path / "copy.pdf"))
    assert copy.read_bytes() == target.read_bytes()


def test_a_cover_sheet_problem_is_shown_beside_its_field(window, dialogs, demo):
    page = window.show_page(PacksPage)

    def handler(dialog: PrintPackDialog):
        dialog.cover_widgets["title"].widget.setText("")
        dialog.cover_widgets["eqia_date"].widget.setText("next week")
        assert dialog.show_preview() is None
        assert dialog.cover_widgets["title"].error.isVisibleTo(dialog)
        assert "is not a period" in dialog.cover_widgets["eqia_date"].error.text()
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
