"""UI layer: the Programmes screen - the programme -> project -> milestone tree, beside it the
chosen record (aim, leads, partners, goals, benefits, links, the latest highlight report) with
its commands, and a timeline of its milestones (baseline against forecast, the contingency band,
today) with the forecast history of the chosen milestone."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Rag
from ...domain.errors import ValidationError
from ...domain.periods import uk_date
from ...domain.programmes import stage_name
from ...domain.records import MILESTONE, PROGRAMME, PROGRAMME_BENEFIT, PROGRAMME_UPDATE
from ...readmodels import MilestoneRow, ProgrammeRow
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..operations import programmes as ops_prog
from ..ops import Outcome
from ..programme_tree import COL_NAME, Node, ProgrammeTreeModel, marks, rag_words
from ..table_model import ROW_ROLE, Column
from ..timeline import Timeline
from ..widgets import (
    Page,
    RowsTable,
    button,
    fit_small_screen,
    keyboard_view,
    section_label,
    title_label,
)
from .outcomes import LeadsDialog

FORECASTS = [
    Column("Recorded", lambda f: uk_date(f.recorded_on), sort=lambda f: (f.recorded_on.toordinal(), f.id)),
    Column("Forecast", lambda f: uk_date(f.forecast_date) if f.forecast_date else "",
           sort=lambda f: f.forecast_date.toordinal() if f.forecast_date else 0),
    Column("Reason for the change", lambda f: f.reason or ""),
]
LINK_TABS = (("outcome", "Outcomes"), ("objective", "Objectives"), ("risk", "Risks"), ("action", "Actions"),
             ("partner", "Lead partners"))
KEY = ("◇ baseline   ○ forecast   ● done   a bar from the baseline to the forecast (or actual, or today when "
       "overdue), coloured and lettered by its RAG   shaded: the contingency   dashed red line: today")
NAME_WIDTH = 260


def _esc(text: Any) -> str:
    return (str(text) if text is not None else "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _money(value: float | None) -> str:
    return f"£{value:,.0f}" if value is not None else ""


def month_label(month: date) -> str:
    return month.strftime("%B %Y")


# ---------------------------------------------------------------------------------- dialogs


class ChooseDialog(QDialog):
    """Choose one of a few things from a drop-down list (a gateway stage, a month, a benefit)."""

    def __init__(self, title: str, prompt: str, items: list[tuple[Any, str]], current: Any = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo = QComboBox()
        self.combo.setAccessibleName(prompt)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        self._values = [data for data, _text in items]  # kept here: Qt would turn a date into a QDate
        for i, (_data, text) in enumerate(items):
            self.combo.addItem(text, i)
        if current in self._values:
            self.combo.setCurrentIndex(self._values.index(current))
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setBuddy(self.combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        fit_small_screen(self, 520, self.sizeHint().height())

    def chosen(self) -> Any:
        i = self.combo.currentIndex()
        return self._values[i] if 0 <= i < len(self._values) else None

    def choose(self, value: Any) -> None:
        if value in self._values:
            self.combo.setCurrentIndex(self._values.index(value))


class NamesDialog(QDialog):
    """The partnership's names for something, in order, one a line (its gateway stages, its goals)."""

    def __init__(self, title: str, intro: str, names: list[str] | tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.edit = QPlainTextEdit("\n".join(names))
        self.edit.setAccessibleName(title)
        self.edit.setTabChangesFocus(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        fit_small_screen(self, 480, 360)

    def names(self) -> list[str]:
        return [line.strip() for line in self.edit.toPlainText().splitlines() if line.strip()]


class GoalsDialog(QDialog):
    """A programme's contribution to each of the partnership's goals (blank: none)."""

    def __init__(self, row: ProgrammeRow, goals: list[str] | tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Goals of {row.reference}")
        have = {g.goal: g.contribution for g in row.goals}
        names = list(goals) + [g for g in have if g not in goals]  # a goal since renamed keeps its text
        inner = QWidget()
        form = QVBoxLayout(inner)
        self.edits: dict[str, QPlainTextEdit] = {}
        for goal in names:
            label = QLabel(f"<b>{_esc(goal)}</b>")
            edit = QPlainTextEdit(have.get(goal, ""))
            edit.setAccessibleName(f"Contribution to {goal}")
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(70)
            label.setBuddy(edit)
            form.addWidget(label)
            form.addWidget(edit)
            self.edits[goal] = edit
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        intro = QLabel("What this programme contributes to each goal, as the plan writes it; leave a goal blank "
                       "when it contributes nothing to it.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_small_screen(self, 620, 470)

    def contributions(self) -> dict[str, str]:
        return {goal: edit.toPlainText() for goal, edit in self.edits.items()}


class ProgrammeLinksDialog(QDialog):
    """What a programme links to: outcomes, objectives, risks, actions and its lead partners, a tab each."""

    def __init__(self, title: str, options: dict[str, list[tuple[int, str]]], chosen: dict[str, set[int]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tabs = QTabWidget()
        self.lists = {}
        for kind, name in LINK_TABS:
            lw = LeadsDialog._list(options.get(kind, []), chosen.get(kind, set()), name)
            self.lists[kind] = lw
            self.tabs.addTab(lw, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tick what this programme serves, what threatens it, what it must do, and who leads it."))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_small_screen(self, 720, 440)

    def links(self) -> dict[str, list[int]]:
        return {kind: LeadsDialog.checked(lw) for kind, lw in self.lists.items()}


# ---------------------------------------------------------------------------------- the page


class ProgrammesPage(Page):
    title = "Programmes"
    entities = frozenset({"programme", "programme_link", "programme_goal", "programme_benefit", "programme_update",
                          "milestone", "milestone_forecast", "person", "partner", "outcome", "objective", "risk",
                          "action", "indicator", "register_setting"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.model = ProgrammeTreeModel(self)
        self.tree = keyboard_view(QTreeView())
        self.tree.setAccessibleName("Programmes, projects and milestones")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self._show(cur))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree, self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.tree.doubleClicked.connect(lambda _i: self.edit_current())
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.toggled.connect(lambda _: self._on_show_archived_toggled())
        top = QHBoxLayout()
        top.addWidget(button("Add &programme…", self.add_programme))
        top.addWidget(button("Gate&way stages…", self.edit_gateway_stages,
                             tip="The partnership's names for the stages of its investment gateway"))
        top.addWidget(button("Goals &list…", self.edit_goals_list,
                             tip="The partnership's goals, against which each programme's contribution is written"))
        top.addStretch(1)
        top.addWidget(self.show_archived)
        tree_box = QWidget()
        ll = QVBoxLayout(tree_box)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.tree)

        # the chosen record
        self.heading = QLabel("Choose a programme, project or milestone on the left.", objectName="subTitle")
        self.heading.setWordWrap(True)
        self.buttons: dict[str, Any] = {}
        grid = QGridLayout()
        specs = [
            ("project", "Add pro&ject…", self.add_project, "A project or key activity under this programme"),
            ("edit", "E&dit…", self.edit_current, None),
            ("stage", "Set &gateway stage…", self.set_stage, None),
            ("links", "Lin&ks…", self.edit_links, None),
            ("goals", "G&oals…", self.edit_goals, None),
            ("add_benefit", "Add &benefit…", self.add_benefit, None),
            ("edit_benefit", "Ed&it benefit…", self.edit_benefit, None),
            ("remove_benefit", "Remove &a benefit…", self.remove_benefit, None),
            ("report", "Highlight report for a mo&nth…", self.edit_report,
             "The monthly highlight report: progress, plans, risks and issues, decisions asked of the board"),
            ("remove_report", "Delete highlight &report…", self.remove_report, None),
            ("add_milestone", "Add &milestone…", self.add_milestone, None),
            ("edit_milestone", "Edit mile&stone…", self.edit_milestone, None),
            ("delete", "Delete", self.delete_current, "Delete the record chosen (Delete key); Ctrl+Z brings it back"),
            ("archive", "Ar&chive", self.archive_current, None),
            ("restore", "Res&tore", self.restore_current, "Bring an archived programme or project back"),
            ("history", "Histor&y…", self.history, None),
        ]
        self.button_grid = grid
        for name, text, slot, tip in specs:
            self.buttons[name] = button(text, slot, tip=tip)
        self.detail = QLabel(objectName="note")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(self.detail)
        detail_scroll.viewport().setStyleSheet("background: white;")
        # the timeline (under the tree) and the forecast history (under the details)
        self.timeline = Timeline()
        timeline_scroll = QScrollArea()
        timeline_scroll.setWidgetResizable(True)
        timeline_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        timeline_scroll.setWidget(self.timeline)
        timeline_scroll.viewport().setStyleSheet("background: white;")
        self.timeline_title = section_label("Timeline")
        key = QLabel(KEY, objectName="note")
        key.setWordWrap(True)
        timeline_box = QWidget()
        tl = QVBoxLayout(timeline_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.timeline_title)
        tl.addWidget(key)
        tl.addWidget(timeline_scroll, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(tree_box)
        left.addWidget(timeline_box)
        left.setSizes([340, 300])
        self.forecast_title = section_label("Forecast history")
        self.forecast_title.setWordWrap(True)  # a milestone's long title never widens the panel
        self.timeline_title.setWordWrap(True)
        self.forecasts = RowsTable(FORECASTS, name="forecast history", stretch=2)
        # the reasons take the panel's width (a long one is cut with "…" and reads whole in its tooltip)
        self.forecasts.CAP_MAIN = 220
        details_box = QWidget()
        ul = QVBoxLayout(details_box)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.heading)
        ul.addLayout(grid)
        ul.addWidget(detail_scroll, 1)
        history_box = QWidget()
        hl = QVBoxLayout(history_box)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.forecast_title)
        hl.addWidget(self.forecasts, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(details_box)
        right.addWidget(history_box)
        right.setSizes([440, 200])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([660, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Programmes"))
        layout.addWidget(split, 1)
        self._show(self.tree.currentIndex())

    # ------------------------------------------------------------------ loading

    def today(self) -> date:
        return self.ops.register.queries.today()

    def current_node(self) -> Node | None:
        idx = self.tree.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def reload(self, *, soft: bool = False) -> None:
        node = self.current_node()
        key = node.key if node else None
        archived = self.show_archived.isChecked()
        rows = self.ops.read(lambda: self.ops.register.queries.programmes(include_archived=archived), [])
        expanded = {n.key for n in self.model.nodes() if self.tree.isExpanded(self.model.find(n.key))} if soft else None
        self.model.set_programmes(rows)
        if expanded:
            for n in self.model.nodes():
                if n.key in expanded or n.kind == "programme":
                    self.tree.setExpanded(self.model.find(n.key), True)
        else:
            self.tree.expandAll()
        self._fit_tree()
        if key is not None and self.select(key):
            return
        self._show(self.tree.currentIndex())

    def _fit_tree(self) -> None:
        header = self.tree.header()
        for col in range(self.model.columnCount()):
            if col != COL_NAME:
                self.tree.resizeColumnToContents(col)
        header.resizeSection(COL_NAME, min(max(NAME_WIDTH, self.tree.sizeHintForColumn(COL_NAME)), 340))

    def _on_show_archived_toggled(self) -> None:
        self._dirty = True
        self.refresh_if_needed()

    def select(self, key: tuple[str, int]) -> bool:
        idx = self.model.find(key)
        if not idx.isValid():
            return False
        if self.tree.currentIndex() == idx:
            self._show(idx)
        else:
            self.tree.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _show(self, idx) -> None:
        node = idx.data(ROW_ROLE) if idx.isValid() else None
        kind = node.kind if node else None
        on_programme = kind in ("programme", "project")
        archived = bool(node and on_programme and node.row.archived)
        visible = {
            "project": kind == "programme", "edit": on_programme, "stage": on_programme, "links": on_programme,
            "goals": on_programme, "add_benefit": on_programme, "edit_benefit": on_programme,
            "remove_benefit": on_programme, "report": on_programme, "remove_report": on_programme,
            "add_milestone": node is not None, "edit_milestone": kind == "milestone", "delete": node is not None,
            "archive": on_programme and not archived, "restore": on_programme and archived,
            "history": node is not None,
        }
        self._lay_out_buttons([name for name in self.buttons if visible[name]])
        if on_programme and node is not None:
            has_benefits = bool(node.row.benefits)
            self.buttons["edit_benefit"].setEnabled(has_benefits)
            self.buttons["remove_benefit"].setEnabled(has_benefits)
            self.buttons["remove_report"].setEnabled(bool(node.row.updates))
        if node is None:
            self.heading.setText("Choose a programme, project or milestone on the left, or add a programme."
                                 if self.model.rowCount() else
                                 "No programmes yet: Add programme… starts the transformation plan.")
            self.detail.setText("")
            self.timeline.set_milestones([], self.today())
            self.timeline_title.setText("Timeline")
            self.forecasts.set_rows([])
            self.forecast_title.setText("Forecast history (choose a milestone)")
            return
        programme = node.programme
        if kind == "milestone":
            m: MilestoneRow = node.row
            self.heading.setText(f"{marks(m)}{m.title}")
            self.detail.setText(self._milestone_html(m, programme))
            self.forecasts.set_rows(list(reversed(m.forecasts)))
            self.forecast_title.setText(f"Forecast history of {m.title}")
        else:
            self.heading.setText(f"{marks(programme)}{programme.reference}  {programme.title}")
            self.detail.setText(self._programme_html(programme))
            self.forecasts.set_rows([])
            self.forecast_title.setText("Forecast history (choose a milestone)")
        self.timeline_title.setText(f"Timeline of {programme.reference}")
        self.timeline.set_milestones(programme.all_milestones(), self.today(),
                                     selected=node.row.id if kind == "milestone" else None, title=programme.label)

    def _lay_out_buttons(self, shown: list[str]) -> None:
        """The buttons that apply to the record chosen, three a row, without gaps."""
        grid = self.button_grid
        while grid.count():
            grid.takeAt(0)
        for name, b in self.buttons.items():
            b.setVisible(name in shown)
        for i, name in enumerate(shown):
            grid.addWidget(self.buttons[name], i // 3, i % 3)

    def _programme_html(self, p: ProgrammeRow) -> str:
        def line(name: str, value: Any) -> str:
            return f"<b>{name}:</b> {_esc(value)}" if value not in (None, "") else ""
        confidence = rag_words(p.confidence) if p.confidence else "not given"
        if p.confidence_reason:
            confidence += f" — {p.confidence_reason}"
        latest = p.updates[0] if p.updates else None
        if latest is not None and latest.confidence is not None and (
                latest.confidence, latest.confidence_reason) != (p.confidence, p.confidence_reason):
            # the month's report may judge differently: the report prints the month's, so say both
            confidence += (f" (the {month_label(latest.month)} highlight report: {rag_words(latest.confidence)}"
                           + (f" — {latest.confidence_reason}" if latest.confidence_reason else "") + ")")
        contingency = (f"{p.contingency} months" + ("" if p.contingency_months is not None else " (its programme's)")
                       if p.contingency is not None else "none")
        parts = [
            line("Kind", "Project or key activity" if p.parent_id else "Programme"),
            line("Status", p.status.label), line("Gateway stage", p.gateway_name or "not set"),
            line("Delivery confidence", confidence),
            line("Aim", p.aim), line("Lead director", p.lead_director), line("Sponsor director", p.sponsor),
            line("Activity manager", p.activity_manager),
            line("Lead partners", "; ".join(link.title for link in p.lead_partners)),
            line("Key partners", p.key_partners), line("Contingency for slippage", contingency),
            line("Investment", _money(p.investment)),
        ]
        if p.confidential:
            parts.append("<b>Confidential:</b> left out of public papers")
        if p.goals:
            parts.append("<b>Contribution to the goals:</b><br>" + "<br>".join(
                f"&nbsp;&nbsp;{_esc(g.goal)}: {_esc(g.contribution)}" for g in p.goals))
        if p.benefits:
            parts.append("<b>Benefits:</b><br>" + "<br>".join(
                f"&nbsp;&nbsp;{_esc(b.description)}" + (f" (measured by {_esc(b.indicator_label)})"
                                                        if b.indicator_label else " (no indicator yet)")
                for b in p.benefits))
        for kind, name in (("outcome", "Outcomes"), ("objective", "Objectives"), ("risk", "Risks"), ("action", "Actions")):
            linked = p.linked(kind)
            if linked:
                parts.append(line(name, "; ".join(f"{link.reference} {link.title}".strip() for link in linked)))
        counts = p.milestone_counts()
        words = {Rag.RED: "red", Rag.AMBER: "amber", Rag.GREEN: "green", Rag.GREY: "cancelled"}  # a milestone not rated is cancelled
        shown = ", ".join(f"{counts[r]} {words[r]}" for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY) if counts[r])
        parts.append(line("Milestones", shown or "none yet"))
        if p.updates:
            u = p.updates[0]
            report = [f"<b>Latest highlight report ({month_label(u.month)}):</b>"]
            if u.confidence:
                report.append(f"Confidence {rag_words(u.confidence)}" + (f" — {_esc(u.confidence_reason)}"
                                                                         if u.confidence_reason else ""))
            for name, value in (("Progress", u.progress), ("Next", u.next_steps), ("Risks and issues", u.risks_issues),
                                ("Decisions asked of the board", u.decisions)):
                if value:
                    report.append(f"<i>{name}:</i> {_esc(value)}")
            parts.append("<br>".join(report))
        else:
            parts.append(line("Highlight report", "none written yet"))
        return "<br>".join(x for x in parts if x)

    @staticmethod
    def _milestone_html(m: MilestoneRow, p: ProgrammeRow | None) -> str:
        parts = [
            f"<b>Of:</b> {_esc(p.label) if p else ''}",
            f"<b>RAG:</b> {rag_words(m.rag)} — {_esc(m.slippage.words)}",
            f"<b>Status:</b> {m.status.label}",
            f"<b>Baseline:</b> {uk_date(m.baseline_date)}",
            f"<b>Forecast:</b> {uk_date(m.forecast_date) if m.forecast_date else '—'}",
            f"<b>Actual:</b> {uk_date(m.actual_date) if m.actual_date else '—'}",
            f"<b>Contingency:</b> {m.contingency_months} months" if m.contingency_months else "<b>Contingency:</b> none",
        ]
        if m.check_point:
            parts.append("<b>Check point</b>" + (f" reported to {_esc(m.reported_to)}" if m.reported_to else ""))
        if m.note:
            parts.append(f"<b>Note:</b> {_esc(m.note)}")
        if m.confidential:
            parts.append("<b>Confidential:</b> left out of public papers")
        return "<br>".join(parts)

    # ------------------------------------------------------------------ choices

    def _people(self) -> list[tuple[int, str]]:
        return [(p.id, p.name) for p in self.ops.read(self.ops.register.queries.people, [])]

    def _programmes(self) -> list[ProgrammeRow]:
        return self.ops.read(lambda: self.ops.register.queries.programmes(include_archived=True), [])

    def _stages(self) -> tuple[str, ...]:
        return self.ops.read(self.ops.register.queries.gateway_stages, ())

    def _stage_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem("", None)
        stages = self._stages()
        for i in range(1, len(stages) + 1):
            combo.addItem(stage_name(i, stages), i)
        return combo

    def _programme_choices(self) -> dict:
        people = self._people()
        return {"lead_director_id": people, "sponsor_id": people, "activity_manager_id": people,
                "parent_id": [(p.id, p.label) for p in self._programmes()]}

    def _after_create(self, dialog: FormDialog, entity: str) -> None:
        changes = dialog.outcome.changes if dialog.outcome is not None else None
        if changes is not None:
            self.select((entity, changes.created_id(entity)))

    def _programme_of(self, node: Node | None) -> ProgrammeRow | None:
        return node.programme if node is not None else None

    # ------------------------------------------------------------------ programmes and projects

    def add_programme(self) -> None:
        fields = [f for f in PROGRAMME if f.name != "parent_id"]
        dialog = FormDialog("Add programme", fields, lambda v: ops_prog.create_programme(self.ops, v, parent=self),
                            choices=self._programme_choices(), custom={"gateway_stage": self._stage_combo()},
                            initial={"status": "active"}, send_all=True, parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "programme")

    def add_project(self) -> None:
        node = self.current_node()
        if node is None or node.kind != "programme":
            return
        row = node.row
        fields = [f for f in PROGRAMME if f.name != "parent_id"]
        dialog = FormDialog(f"Add a project or key activity to {row.reference}", fields,
                            lambda v: ops_prog.create_programme(self.ops, {**v, "parent_id": row.id}, parent=self),
                            choices=self._programme_choices(), custom={"gateway_stage": self._stage_combo()},
                            initial={"status": "active"}, send_all=True, parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "programme")

    def edit_current(self) -> None:
        node = self.current_node()
        if node is None:
            return
        if node.kind == "milestone":
            self.edit_milestone()
            return
        row = node.row
        fields = list(PROGRAMME)
        initial = initial_from(row, fields)
        choices = self._programme_choices()
        choices["parent_id"] = [c for c in choices["parent_id"] if c[0] != row.id]
        self.run_dialog(FormDialog(f"Edit {row.reference}", fields,
                                   lambda v: ops_prog.update_programme(self.ops, row, v, parent=self),
                                   initial=initial, choices=choices, custom={"gateway_stage": self._stage_combo()},
                                   parent=self))

    def set_stage(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        stages = self._stages()
        items = [(None, "No stage")] + [(i, stage_name(i, stages)) for i in range(1, len(stages) + 1)]
        dialog = ChooseDialog(f"Gateway stage of {row.reference}", "The stage of the investment gateway it has reached:",
                              items, row.gateway_stage, self)
        if self.run_dialog(dialog) and dialog.chosen() != row.gateway_stage:
            ops_prog.set_gateway_stage(self.ops, row, dialog.chosen(), parent=self)

    def edit_links(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        q = self.ops.register.queries
        tree = self.ops.read(q.outcome_tree, [])
        options = {
            "outcome": [(o.id, f"{o.reference} {o.title}") for o in tree],
            "objective": [(j.id, f"{j.reference} {j.title}") for o in tree for j in o.objectives],
            "risk": [(r.id, f"{r.reference} {r.title}") for r in self.ops.read(lambda: q.risks(with_history=False), [])],
            "action": [(a.id, f"{a.reference} {a.description}") for a in self.ops.read(q.actions, [])],
            "partner": [(p.id, p.name) for p in self.ops.read(q.partners, [])],
        }
        chosen = {kind: {link.id for link in row.linked(kind)} for kind, _ in LINK_TABS}
        dialog = ProgrammeLinksDialog(f"Links of {row.reference}", options, chosen, self)
        if self.run_dialog(dialog):
            ops_prog.set_links(self.ops, row, dialog.links(), parent=self)

    def edit_goals(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        dialog = GoalsDialog(row, self.ops.read(self.ops.register.queries.programme_goals, ()), self)
        if self.run_dialog(dialog):
            ops_prog.set_goals(self.ops, row, dialog.contributions(), parent=self)

    def _indicators(self) -> list[tuple[int, str]]:
        tree = self.ops.read(self.ops.register.queries.outcome_tree, [])
        found = [i for o in tree for i in o.indicators] + [i for o in tree for j in o.objectives for i in j.indicators]
        return [(i.id, i.label) for i in found]

    def add_benefit(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        fields = [f for f in PROGRAMME_BENEFIT if f.name != "programme_id"]
        self.run_dialog(FormDialog(f"Add a benefit to {row.reference}", fields,
                                   lambda v: ops_prog.add_benefit(self.ops, row, v, parent=self),
                                   choices={"indicator_id": self._indicators()}, parent=self))

    def _choose_benefit(self, row: ProgrammeRow, title: str):
        if not row.benefits:
            return None
        if len(row.benefits) == 1:
            return row.benefits[0]
        dialog = ChooseDialog(title, "Which benefit?", [(b.id, b.description[:90]) for b in row.benefits], parent=self)
        if not self.run_dialog(dialog):
            return None
        return next((b for b in row.benefits if b.id == dialog.chosen()), None)

    def edit_benefit(self) -> None:
        row = self._programme_of(self.current_node())
        benefit = self._choose_benefit(row, f"Edit a benefit of {row.reference}") if row else None
        if row is None or benefit is None:
            return
        fields = [f for f in PROGRAMME_BENEFIT if f.name != "programme_id"]
        self.run_dialog(FormDialog(f"Edit a benefit of {row.reference}", fields,
                                   lambda v: ops_prog.update_benefit(self.ops, row, benefit, v, parent=self),
                                   initial={"description": benefit.description, "indicator_id": benefit.indicator_id},
                                   choices={"indicator_id": self._indicators()}, parent=self))

    def remove_benefit(self) -> None:
        row = self._programme_of(self.current_node())
        benefit = self._choose_benefit(row, f"Remove a benefit of {row.reference}") if row else None
        if row is None or benefit is None:
            return
        if self.ops.confirm("Remove benefit", f"Remove the benefit '{benefit.description[:120]}' of {row.reference}?"):
            ops_prog.delete_benefit(self.ops, row, benefit, parent=self)

    def _months(self, row: ProgrammeRow) -> list[tuple[date, str]]:
        """The months a highlight report may be written for: the last two years and next month, newest first."""
        this = self.today().replace(day=1)
        months = []
        y, m = this.year, this.month + 1
        for _ in range(26):
            if m == 0:
                y, m = y - 1, 12
            if m == 13:
                y, m = y + 1, 1
            months.append(date(y, m, 1))
            m -= 1
        written = {u.month for u in row.updates}
        months = sorted(set(months) | written, reverse=True)
        return [(d, month_label(d) + ("  (written)" if d in written else "")) for d in months]

    def edit_report(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        chooser = ChooseDialog(f"Highlight report of {row.reference}", "The month the highlight report is for:",
                               self._months(row), self.today().replace(day=1), self)
        if not self.run_dialog(chooser):
            return
        month: date = chooser.chosen()
        existing = row.update_for(month)
        fields = [f for f in PROGRAMME_UPDATE if f.name not in ("programme_id", "month")]
        initial = initial_from(existing, fields) if existing else {"confidence": row.confidence,
                                                                  "confidence_reason": row.confidence_reason}
        self.run_dialog(FormDialog(f"Highlight report of {row.reference}, {month_label(month)}", fields,
                                   lambda v: ops_prog.save_update(self.ops, row, month, v, parent=self),
                                   initial=initial, parent=self))

    def remove_report(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None or not row.updates:
            return
        chooser = ChooseDialog(f"Delete a highlight report of {row.reference}", "The month whose report is deleted:",
                               [(u.id, month_label(u.month)) for u in row.updates], parent=self)
        if not self.run_dialog(chooser):
            return
        update = next((u for u in row.updates if u.id == chooser.chosen()), None)
        if update is not None and self.ops.confirm(
                "Delete highlight report", f"Delete the {month_label(update.month)} highlight report of {row.reference}?"):
            ops_prog.delete_update(self.ops, row, update, parent=self)

    def archive_current(self) -> None:
        node = self.current_node()
        if node is None or node.kind == "milestone" or node.row.archived:
            return
        row = node.row
        if self.ops.confirm("Archive", f"Archive {row.label}? It leaves the tree and the pack but stays in the "
                                       "register's history; 'Show archived' shows it again, and Restore brings it back."):
            ops_prog.archive_programme(self.ops, row, parent=self)

    def restore_current(self) -> None:
        node = self.current_node()
        if node is not None and node.kind != "milestone" and node.row.archived:
            ops_prog.restore_programme(self.ops, node.row, parent=self)

    def delete_current(self) -> None:
        node = self.current_node()
        if node is None:
            return
        if node.kind == "milestone":
            m = node.row
            if self.ops.confirm("Delete milestone", f"Delete the milestone '{m.title}' and its forecast history? "
                                                    "Ctrl+Z brings them back."):
                ops_prog.delete_milestone(self.ops, m, parent=self)
            return
        row = node.row
        if self.ops.confirm("Delete", f"Delete {row.label}? Only one with no projects, milestones or highlight "
                                      "reports can be deleted (archive it instead); Ctrl+Z brings it back."):
            ops_prog.delete_programme(self.ops, row, parent=self)

    def history(self) -> None:
        node = self.current_node()
        if node is None:
            return
        if node.kind == "milestone":
            show_history(self.ops, "milestone", node.row.id, node.row.title, self)
        else:
            show_history(self.ops, "programme", node.row.id, node.row.label, self)

    # ------------------------------------------------------------------ milestones

    def add_milestone(self) -> None:
        row = self._programme_of(self.current_node())
        if row is None:
            return
        fields = [f for f in MILESTONE if f.name != "programme_id"]
        dialog = FormDialog(f"Add a milestone to {row.reference}", fields,
                            lambda v: ops_prog.create_milestone(self.ops, {**v, "programme_id": row.id}, parent=self),
                            initial={"status": "planned"}, send_all=True, parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "milestone")

    def edit_milestone(self) -> None:
        node = self.current_node()
        if node is None or node.kind != "milestone":
            return
        m: MilestoneRow = node.row
        fields = list(MILESTONE)
        reason = QLineEdit()
        reason.setObjectName("reason")
        reason.setAccessibleName("Reason for a changed forecast")
        reason.setMaxLength(4000)
        box = QWidget()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Reason the forecast moved (asked when the forecast date changes; kept in its history):")
        label.setWordWrap(True)
        label.setBuddy(reason)
        bl.addWidget(label)
        bl.addWidget(reason)
        choices = {"programme_id": [(p.id, p.label) for p in self._all_programmes()]}

        def submit(values: dict) -> Outcome:
            moved = "forecast_date" in values and (values["forecast_date"] or "").strip() != ""
            if moved and not reason.text().strip():
                return Outcome(errors=(ValidationError(
                    "forecast_date", "reason", "Forecast date: it has moved; say why in the reason below"),))
            return ops_prog.update_milestone(self.ops, m, values, reason=reason.text() or None, parent=self)
        dialog = FormDialog(f"Edit milestone {m.title[:60]}", fields, submit, initial=initial_from(m, fields),
                            choices=choices, extra=box, parent=self)
        self.run_dialog(dialog)

    def _all_programmes(self) -> list[ProgrammeRow]:
        found, stack = [], list(reversed(self._programmes()))
        while stack:
            p = stack.pop()
            found.append(p)
            stack.extend(reversed(p.projects))
        return found

    # ------------------------------------------------------------------ the partnership's names

    def edit_gateway_stages(self) -> None:
        dialog = NamesDialog("Gateway stages", "The stages of the partnership's investment gateway, in order, one a "
                             "line. A programme keeps its stage's number when the stages are renamed.",
                             self._stages(), self)
        if self.run_dialog(dialog):
            ops_prog.set_gateway_stages(self.ops, dialog.names(), parent=self)

    def edit_goals_list(self) -> None:
        dialog = NamesDialog("Goals", "The partnership's goals, one a line; each programme's contribution is "
                             "written against them (Goals… on a programme).",
                             self.ops.read(self.ops.register.queries.programme_goals, ()), self)
        if self.run_dialog(dialog):
            ops_prog.set_goals_list(self.ops, dialog.names(), parent=self)
