"""UI test fixtures: the real main window over a real temporary register, with settings in a
temporary file, message boxes that never wait for a click, and dialogs filled by the test."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit

from pbp_desktop.ui import drafts
from pbp_desktop.ui.forms import FormDialog
from pbp_desktop.ui.ops import Ops
from pbp_desktop.ui.widgets import Page

pytestmark = pytest.mark.ui


class Dialogs:
    """Answers the dialogs a page opens, in order: each handler gets the dialog, fills it in
    through its widgets and clicks a button, as a user would."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.handlers: deque[Callable[[QDialog], None]] = deque()
        self.seen: list[QDialog] = []

    def then(self, handler: Callable[[QDialog], None]) -> Dialogs:
        self.handlers.append(handler)
        return self

    def run(self, dialog: QDialog) -> bool:
        self.seen.append(dialog)
        assert self.handlers, f"unexpected dialog: {dialog.windowTitle()}"
        self.handlers.popleft()(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    def fill_and_save(self, **values) -> Callable[[QDialog], None]:
        def handler(dialog: FormDialog) -> None:
            self.fill(dialog, **values)
            self.save(dialog)
        return handler

    def fill(self, dialog: FormDialog, **values) -> None:
        """Type into a form's fields by name: text is typed key by key, choices are chosen."""
        for name, value in values.items():
            fw = dialog.widgets[name]
            widget = fw.widget
            line = widget if isinstance(widget, QLineEdit) else getattr(widget, "line", None)
            if isinstance(line, QLineEdit) and isinstance(value, str):
                line.clear()
                self.qtbot.keyClicks(line, value)
            elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
                widget.clear()
                self.qtbot.keyClicks(widget, value)
            else:
                fw.set(value)

    def save(self, dialog: FormDialog) -> None:
        self.qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


@pytest.fixture
def dialogs(qtbot, monkeypatch) -> Dialogs:
    d = Dialogs(qtbot)
    monkeypatch.setattr(Page, "run_dialog", lambda self, dialog: d.run(dialog))
    return d


class Unsaved:
    """Answers the Save / Discard / Cancel question asked before unsaved text is left: the
    answer set (Discard unless a test says otherwise), and what was asked."""

    def __init__(self):
        self.answer = drafts.DISCARD
        self.asked: list[str] = []

    def __call__(self, parent, title: str, question: str) -> str:
        self.asked.append(title)
        return self.answer


@pytest.fixture(autouse=True)
def drafts_file(tmp_path, monkeypatch):
    """Drafts go to a file of the test's own, never the user's data folder."""
    path = tmp_path / "drafts" / "drafts.json"
    monkeypatch.setattr(drafts, "drafts_file", lambda: path)
    return path


@pytest.fixture(autouse=True)
def unsaved(monkeypatch) -> Unsaved:
    answers = Unsaved()
    monkeypatch.setattr(drafts, "ask_unsaved", answers)
    return answers


@pytest.fixture
def quiet(monkeypatch):
    monkeypatch.setattr(Ops, "_non_blocking", True)
    monkeypatch.setattr(Ops, "_auto_confirm", True)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo, settings, quiet, dialogs):
    from pbp_desktop.ui.main_window import MainWindow
    w = MainWindow(demo, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def empty_window(qtbot, register, settings, quiet, dialogs):
    from pbp_desktop.ui.main_window import MainWindow
    register.partnership.save({"name": "Test Partnership", "place": "Testville"}, None)
    w = MainWindow(register, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _programme_row(window):
    """A programme of the register shown (one is added when it has none)."""
    q = window.register.queries
    if not q.programmes():
        window.register.programmes.create_programme({"reference": "PRIME", "title": "Practice based commissioning"})
    return q.programmes()[0]


def _ui_dialog_classes() -> list[type]:
    """Every QDialog subclass defined in pbp_desktop.ui, found by importing its modules."""
    import importlib
    import inspect
    import pkgutil

    import pbp_desktop.ui as ui
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(ui.__path__, "pbp_desktop.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == info.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


@pytest.fixture
def every_dialog(window, tmp_path, dialogs) -> list[tuple[str, Callable[[], QDialog]]]:
    """(name, make) for every kind of dialog the app shows: a form for every kind of record in
    domain.records.FIELDS, every other QDialog subclass in pbp_desktop.ui (each needs a maker
    below; one without fails here, by name), the import dialog with a table that needs its
    column mapping, and the "Add" forms of the screens as their buttons open them (the risk form
    with its score pickers). The choices of a form's drop-down lists are the demo's longest names."""
    from pbp_desktop.domain.records import FIELDS
    from pbp_desktop.domain.registers import label
    from pbp_desktop.ui.history import HistoryDialog
    from pbp_desktop.ui.import_dialog import ImportDialog
    from pbp_desktop.ui.milestone_import import MilestoneImportDialog
    from pbp_desktop.ui.pack_dialog import PrintPackDialog
    from pbp_desktop.ui.pages.outcomes import LeadsDialog, OutcomeLeadsDialog, RagConventionDialog
    from pbp_desktop.ui.pages.programmes import (
        ChooseDialog,
        GoalsDialog,
        NamesDialog,
        ProgrammeLinksDialog,
    )
    from pbp_desktop.ui.pages.risks import RescoreDialog
    from pbp_desktop.ui.papers_dialog import PapersDialog

    q = window.register.queries
    people = [(p.id, p.name) for p in q.people()]
    partners = [(p.id, p.name) for p in q.partners()]
    longest = sorted(people + partners, key=lambda c: -len(c[1]))
    choices = {f.name: longest for fields in FIELDS.values() for f in fields if f.kind == "ref"}

    def form(kind: str) -> QDialog:
        return FormDialog(f"Edit {label(kind)}", FIELDS[kind], lambda _values: None, choices=choices,  # type: ignore[arg-type,return-value]
                          parent=window)

    def import_mapped() -> QDialog:
        path = tmp_path / "wide.csv"
        path.write_text("Area Code,Area Name,Indicator,2022/23,2023/24,2024/25\r\n"
                        "E08000028,Sandwell,Something long measured over several years,1,2,3\r\n", encoding="utf-8")
        dialog = ImportDialog(window.ops, window)
        dialog.choose_file(str(path))
        return dialog

    makers: dict[type, Callable[[], QDialog]] = {
        FormDialog: lambda: form("risk"),
        HistoryDialog: lambda: HistoryDialog(q.change_log(limit=200), "History of the register", window),
        PrintPackDialog: lambda: PrintPackDialog(window.ops, window),
        PapersDialog: lambda: PapersDialog(window.ops, q.meetings()[0], window),
        ImportDialog: lambda: ImportDialog(window.ops, window),
        MilestoneImportDialog: lambda: MilestoneImportDialog(window.ops, window),
        RescoreDialog: lambda: RescoreDialog(q.risks()[0], window),
        LeadsDialog: lambda: LeadsDialog(people, partners, {people[0][0]}, set(), window,
                                         teams=["Public Health service"], roles=["Children's Trust Board"]),
        OutcomeLeadsDialog: lambda: OutcomeLeadsDialog(people, partners, q.outcome_tree()[0], window),
        RagConventionDialog: lambda: RagConventionDialog("provisional_amber", window),
        ChooseDialog: lambda: ChooseDialog("Highlight report of a programme with a long reference",
                                           "The month the highlight report is for:",
                                           [(i, f"{longest[0][1]} {i}") for i in range(30)], parent=window),
        NamesDialog: lambda: NamesDialog("Gateway stages", "The stages of the gateway, one a line. " * 6,
                                         ["Proposal", "Business case", "Pilot", "Roll-out"], window),
        GoalsDialog: lambda: GoalsDialog(_programme_row(window), ["Quality", "Innovation", "Prevention",
                                                                  "Productivity", "A goal with a long name " * 4],
                                         window),
        ProgrammeLinksDialog: lambda: ProgrammeLinksDialog(
            "Links of a programme", {"outcome": [(o.id, f"{o.reference} {o.title}") for o in q.outcome_tree()],
                                     "partner": partners, "risk": [(r.id, f"{r.reference} {r.title}") for r in q.risks()]},
            {"partner": {partners[0][0]}}, window),
    }
    missing = [cls.__qualname__ for cls in _ui_dialog_classes() if cls not in makers]
    assert not missing, f"no maker in tests/ui/conftest.py every_dialog for {missing}"
    made = [(f"form for {kind}", lambda kind=kind: form(kind)) for kind in FIELDS]
    made += [(cls.__qualname__, make) for cls, make in makers.items() if cls is not FormDialog]
    made.append(("ImportDialog with a table to map", import_mapped))

    def opened_by(page_class: str, method: str) -> QDialog:
        from pbp_desktop.ui.main_window import PAGES
        page = window.show_page(next(c for c in PAGES if c.__name__ == page_class))
        caught: list[QDialog] = []
        dialogs.then(caught.append)  # seen, not answered: the form is closed by the test
        getattr(page, method)()
        return caught[0]
    for page_class, method in (("PartnersPage", "add"), ("PeoplePage", "add_person"), ("PeoplePage", "add_body"),
                               ("OutcomesPage", "add_outcome"), ("RisksPage", "add"), ("ActionsPage", "add")):
        made.append((f"{page_class}.{method}", lambda c=page_class, m=method: opened_by(c, m)))

    def on_programmes(method: str, kind: str) -> QDialog:
        """A Programmes screen form, opened on a programme or on a milestone of it."""
        from pbp_desktop.ui.pages.programmes import ProgrammesPage
        row = _programme_row(window)
        if not row.milestones:
            window.register.programmes.create_milestone({"programme_id": row.id, "title": "A check point " * 8,
                                                         "baseline_date": "31/12/2026"})
            row = _programme_row(window)
        page = window.show_page(ProgrammesPage)
        page.reload()
        page.select(("milestone", row.milestones[0].id) if kind == "milestone" else ("programme", row.id))
        caught: list[QDialog] = []
        dialogs.then(caught.append)
        getattr(page, method)()
        return caught[0]
    for method, kind in (("add_programme", "programme"), ("add_milestone", "programme"),
                         ("edit_milestone", "milestone"), ("edit_current", "programme")):
        made.append((f"ProgrammesPage.{method}", lambda m=method, k=kind: on_programmes(m, k)))
    return made
