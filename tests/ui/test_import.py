"""UI: the import dialog - preview, confirm, undo, and a refused file with its rows listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbp_desktop.domain.importing import RowAction
from pbp_desktop.ui.import_dialog import ImportDialog
from pbp_desktop.ui.operations.register import export_to

pytestmark = pytest.mark.ui
REALDATA = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"


def _write(tmp_path, text: str) -> str:
    path = tmp_path / "actuals.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _satod(demo, period="2025/26"):
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators if i.code == "SATOD")
    return next((p.actual for p in demo.queries.indicator(ind.id).periods if p.period == period), None)


def test_preview_confirm_and_undo(window, dialogs, demo, tmp_path):
    path = _write(tmp_path, "indicator_code,period,value,provisional,note\r\nSATOD,2025/26,6.1,yes,first look\r\n"
                            "SATOD,2024/25,6.6,no,validated\r\n")

    def handler(dialog: ImportDialog):
        assert dialog.choose_file(path)
        rows = dialog.rows.rows_shown()
        assert [(r.row, r.action) for r in rows] == [(2, RowAction.NEW), (3, RowAction.CHANGED)]
        assert dialog.rows.model.data(dialog.rows.model.index(1, 3)) == "changed actual, 6.8 → 6.6"
        assert _satod(demo) is None  # a preview writes nothing
        assert dialog.import_button.isEnabled()
        assert dialog.do_import()
        dialog.accept()
    dialogs.then(handler)
    window.import_actuals()
    assert _satod(demo) == 6.1 and _satod(demo, "2024/25") == 6.6
    assert window.act_undo.text().startswith("&Undo Import 2 actuals")
    window.act_undo.trigger()
    assert _satod(demo) is None and _satod(demo, "2024/25") == 6.8
    window.act_redo.trigger()
    assert _satod(demo) == 6.1


def test_a_refused_file_lists_its_bad_rows_and_imports_nothing(window, dialogs, demo, tmp_path):
    path = _write(tmp_path, "indicator_code,period,value\nSATOD,2025/26,6.1\nSATOD,2025/26,12.5%\n"
                            "LBW,2025,1_015\nNOPE,2025,1\n")
    before = demo.queries.change_log(limit=1)

    def handler(dialog: ImportDialog):
        dialog.choose_file(path)
        shown = dialog.rows.rows_shown()
        assert [(r.row, r.column) for r in shown] == [(3, "value"), (4, "value"), (5, "indicator_code")]
        assert "per cent sign" in shown[0].reason and "without underscores" in shown[1].reason
        assert "4 rows: 1 new, 3 with problems. Nothing can be imported while 3 rows have problems" in dialog.summary.text()
        assert not dialog.import_button.isEnabled() and not dialog.do_import()
        dialog.reject()
    dialogs.then(handler)
    window.import_actuals()
    assert demo.queries.change_log(limit=1) == before


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared/realdata is not beside the checkout")
def test_mapping_a_tidy_table_and_saving_the_profile(window, dialogs, demo):
    def handler(dialog: ImportDialog):
        dialog.choose_file(str(REALDATA / "trafford_93015_physically_inactive_adults.csv"))
        assert dialog.needs_mapping
        dialog.indicator.setCurrentIndex(dialog.indicator.findData("OHID 93015"))
        dialog.filter_column.setCurrentIndex(dialog.filter_column.findData("area_code"))
        dialog.filter_value.setText("E08000028")
        dialog.profile_name.setText("Trafford inactivity")
        plan = dialog.preview()
        assert plan.count(RowAction.NEW) == 3 and plan.count(RowAction.UNCHANGED) == 7  # 3 years before the demo's
        assert dialog.do_import()
        dialog.accept()
    dialogs.then(handler)
    window.import_actuals()
    assert [p.name for p in demo.imports.profiles()] == ["Trafford inactivity"]


def test_export_from_the_app(window, tmp_path):
    assert export_to(window.ops, tmp_path / "register", "xlsx").suffix == ".xlsx"
    assert (tmp_path / "register.xlsx").stat().st_size > 10_000
    assert export_to(window.ops, tmp_path / "json", "json").read_text(encoding="utf-8").startswith("{")


def _cancel_when_shown(window, monkeypatch, cls, name):
    """Press the progress dialog's Cancel as soon as it shows; the work (on its own thread)
    waits at `cls.name` until then, so that it is surely under way when cancelled."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from pbp_desktop.ui import work
    monkeypatch.setattr(work.Job, "show_after_ms", 0)
    clicked = threading.Event()
    original = getattr(cls, name)
    monkeypatch.setattr(cls, name, lambda *a, **kw: (clicked.wait(10), original(*a, **kw))[1])

    def press():
        dialog = window.findChild(QProgressDialog, "workProgress")
        if dialog is not None and dialog.isVisible() and not clicked.is_set():
            dialog.findChild(QPushButton).click()
            clicked.set()
    timer = QTimer(window)
    timer.timeout.connect(press)
    timer.start(5)
    return clicked


def test_an_import_cancelled_writes_nothing(window, dialogs, demo, tmp_path, monkeypatch):
    from pbp_desktop.services.importing import ImportService
    from pbp_desktop.ui.ops import UNEXPECTED
    path = _write(tmp_path, "indicator_code,period,value\r\nSATOD,2025/26,6.1\r\nSATOD,2024/25,6.6\r\n")
    before = demo.queries.change_log(limit=1)

    def handler(dialog: ImportDialog):
        assert dialog.choose_file(path) and dialog.import_button.isEnabled()
        clicked = _cancel_when_shown(window, monkeypatch, ImportService, "_apply")
        assert not dialog.do_import()
        assert clicked.is_set() and dialog.summary.text() == "The import was cancelled; nothing was written."
        dialog.reject()
    dialogs.then(handler)
    window.import_actuals()
    assert _satod(demo) is None and _satod(demo, "2024/25") == 6.8  # nothing written
    assert demo.queries.change_log(limit=1) == before and not window.ops.undo_stack.canUndo()
    assert UNEXPECTED not in window.ops.messages


def test_an_export_cancelled_writes_nothing(window, tmp_path, monkeypatch):
    from pbp_desktop.services.exporting import ExportService
    clicked = _cancel_when_shown(window, monkeypatch, ExportService, "sheets")
    assert export_to(window.ops, tmp_path / "out" / "register", "xlsx") is None
    assert clicked.is_set() and not (tmp_path / "out").exists()
    assert window.ops.messages[-1] == "The export was cancelled; nothing was written."


def test_a_file_with_only_its_header_says_there_is_nothing_to_import(window, dialogs, demo, tmp_path):
    """A header-only file is no change: no 'Imported 0 actual(s)', no undo advice, Import disabled."""
    path = _write(tmp_path, "indicator_code,period,value,provisional,note\r\n")
    before = demo.queries.change_log(limit=1)

    def handler(dialog: ImportDialog):
        assert dialog.choose_file(path)
        text = dialog.summary.text()
        assert text.startswith("Nothing to import: actuals.csv has no rows below its header"), text
        assert "Undo" not in text and "Imported" not in text
        assert not dialog.import_button.isEnabled() and not dialog.do_import()
        dialog.reject()
    dialogs.then(handler)
    window.import_actuals()
    assert demo.queries.change_log(limit=1) == before
