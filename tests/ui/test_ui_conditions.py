"""UI: a pack is recorded only when its file is written (or the printer took it); a full disk,
a folder chosen for a file and a failed printer are said in one sentence, with no .part file
left; the app's error display says ordinary conditions for what they are; a register that
cannot be written is opened read-only, says so, and refuses a change saying why."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from pbp_desktop.ui.ops import UNEXPECTED
from pbp_desktop.ui.pack_dialog import PrintPackDialog
from pbp_desktop.ui.pages.packs import PacksPage
from tests.conftest import TODAY

pytestmark = pytest.mark.ui


def print_with(dialogs, page, action):
    seen = {}

    def handler(dialog: PrintPackDialog):
        seen["result"] = action(dialog)
        seen["message"] = dialog.message.text()
        dialog.reject()
    dialogs.then(handler)
    page.print_pack()
    return seen["result"], seen["message"]


def test_a_folder_chosen_for_the_pack_is_said_and_nothing_is_recorded(window, dialogs, demo, tmp_path):
    page = window.show_page(PacksPage)
    result, message = print_with(dialogs, page, lambda d: d.print_to_file(str(tmp_path)))
    assert result is None
    assert message.startswith("The pack was not printed, and not recorded: ") and "is a folder" in message
    assert demo.queries.packs() == [] and not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_full_disk_is_said_and_nothing_is_recorded_or_left(window, dialogs, demo, tmp_path, monkeypatch):
    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    page = window.show_page(PacksPage)
    target = tmp_path / "out" / "pack.pdf"
    result, message = print_with(dialogs, page, lambda d: d.print_to_file(str(target)))
    assert result is None and "no space left on the disk" in message and str(target) in message
    assert demo.queries.packs() == [] and list(target.parent.iterdir()) == []
    assert UNEXPECTED not in window.ops.messages


def test_a_printer_that_fails_records_nothing(window, dialogs, demo, monkeypatch):
    import pbp_desktop.ui.pack_dialog as pack_dialog

    def broken(_pdf, _printer):
        raise OSError("the printer could not be opened")
    monkeypatch.setattr(pack_dialog, "print_pdf", broken)
    page = window.show_page(PacksPage)
    result, message = print_with(dialogs, page, lambda d: d.print_to_printer(object()))
    assert result == 0 and message.endswith("the printer could not be opened.")
    assert demo.queries.packs() == []


def test_saving_a_copy_to_a_folder_is_said_plainly(window, dialogs, demo, tmp_path):
    page = window.show_page(PacksPage)
    result, _ = print_with(dialogs, page, lambda d: d.print_to_file(str(tmp_path / "pack.pdf")))
    [row] = demo.queries.packs()
    assert page.save_copy(row, str(tmp_path)) is None
    assert "is a folder" in window.ops.messages[-1] and UNEXPECTED not in window.ops.messages


def test_an_ordinary_condition_in_a_command_is_said_for_what_it_is(window):
    def full():
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/media/usb/register-export.xlsx")
    outcome = window.ops.execute("Export", full)
    assert not outcome.ok and "no space left on the disk" in outcome.refused
    assert window.ops.messages[-1] == outcome.refused and UNEXPECTED not in window.ops.messages
    assert window.ops.execute("Broken", lambda: 1 / 0).refused == UNEXPECTED  # a bug is still a bug


def test_a_read_of_a_register_another_program_holds_is_said_so(window, demo, monkeypatch):
    from pbp_desktop.storage import engine
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 500)
    demo.close()  # its connections go; new ones take the short wait
    code = ("import sqlite3, sys\n"
            f"con = sqlite3.connect({str(demo.path)!r}, isolation_level=None)\n"
            "con.execute('PRAGMA locking_mode=EXCLUSIVE'); con.execute('BEGIN EXCLUSIVE')\n"
            "con.execute('UPDATE partnership SET name = name'); print('held', flush=True); sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert window.ops.read(lambda: demo.queries.partners(), "nothing") == "nothing"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert "Another program is using the register" in window.ops.messages[-1]


def test_a_register_that_cannot_be_written_opens_read_only_and_says_why(qtbot, demo_path, settings, quiet, monkeypatch):
    """The folder is said not to be writable (root writes any folder, so the check is what is
    replaced here; tests/cli/test_cli_conditions.py makes the folder read-only for real): the register
    is opened with SQLite's read-only mode, which refuses every write itself."""
    from pbp_desktop.services import Register
    from pbp_desktop.storage import migrate
    from pbp_desktop.ui.main_window import MainWindow
    reason = f"'{demo_path.parent}' is not writable"
    monkeypatch.setattr(migrate, "write_refusal", lambda _path: reason)
    reg = Register.open(f"sqlite:///{demo_path}", user="secretary", clock=lambda: TODAY)
    w = MainWindow(reg, settings=settings)
    qtbot.addWidget(w)
    assert "(read-only)" in w.windowTitle() and reason in w.statusBar().currentMessage()
    # printing a pack records it, so is refused: the bar offers only what works
    assert "preview packs" in w.statusBar().currentMessage() and "print from" not in w.statusBar().currentMessage()
    partner = reg.queries.partners()[0]
    outcome = w.ops.execute("Edit partner", lambda: reg.partners.update(partner.id, {"notes": "x"}, partner.version))
    assert not outcome.ok and outcome.refused.startswith(f"The register is read-only ({reason}): nothing was changed.")
    assert "damaged" not in outcome.refused


def test_the_import_template_to_a_folder_is_said_plainly(window, tmp_path):
    assert window.save_template(str(tmp_path)) is None
    assert "is a folder" in window.ops.messages[-1] and str(tmp_path) in window.ops.messages[-1]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
