"""The Print pack dialog offers the programmes section (it lists the declared sections) and
prints it through its own path."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.reports.programmes_example import plant_programmes


def test_the_print_pack_dialog_offers_and_prints_the_programmes_section(demo, tmp_path, qtbot, monkeypatch):
    from pbp_desktop.ui import drafts
    from pbp_desktop.ui.ops import Ops
    from pbp_desktop.ui.pack_dialog import PrintPackDialog

    plant_programmes(demo)
    monkeypatch.setattr(drafts, "drafts_file", lambda: tmp_path / "drafts.json")  # never the user's own drafts
    dialog = PrintPackDialog(Ops(demo))
    qtbot.addWidget(dialog)
    box = dialog.sections["programmes"]
    assert box.text() == "Programmes and milestones" and box.isChecked()
    for key, other in dialog.sections.items():
        other.setChecked(key in ("summary", "programmes"))
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(demo.packs.resolve_meeting("next").id))
    dialog.public.setChecked(True)
    target = tmp_path / "pack.pdf"
    assert dialog.print_to_file(str(target)) == target, dialog.message.text()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Programmes and milestones" in text and "SW-T2" in text and "SW-T9" not in text
