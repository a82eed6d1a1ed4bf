"""UI layer: the Outcomes & objectives screen - the outcome -> objective -> indicator tree, and
beside it the chosen record: an outcome or objective with its leads, or an indicator with its
definition, trajectory chart and editable grid of periods."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import LeadCapacity, LeadKind
from ...domain.periods import uk_date
from ...domain.rag import RagConvention, rag_shown
from ...domain.records import ACTUAL, INDICATOR, INDICATOR_REBASE, OBJECTIVE, OUTCOME, Leads
from ...readmodels import OutcomeRow, chart_spec
from ..forms import FormDialog, initial_from
from ..history import show_history
from ..mdc import describe, icons_for
from ..operations import outcomes as ops_outcomes
from ..periods_model import PeriodsTableModel
from ..table_model import ROW_ROLE
from ..tree_model import COL_NAME, Node, OutcomeTreeModel
from ..widgets import Page, button, keyboard_view, section_label, title_label

NAME_FLOOR = 220  # px: the outcome tree's names are never squeezed below this


def _labels(pairs: list[tuple[str, str]]) -> QWidget:
    w = QWidget()
    form = QFormLayout(w)
    form.setContentsMargins(0, 0, 0, 0)
    for name, value in pairs:
        label = QLabel(value or "—")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        label.setObjectName(name)
        form.addRow(QLabel(f"<b>{name}</b>"), label)
    return w


class LeadsPanel(QWidget):
    """Leads of one list: people and partners in the register (ticked), and teams and roles
    named as written, one a line (teams and roles only when asked for)."""

    def __init__(self, people, partners, chosen_people, chosen_partners, *, teams: list[str] | None = None,
                 roles: list[str] | None = None, names: tuple[str, str] = ("People", "Partners"), parent=None):
        super().__init__(parent)
        self.people = LeadsDialog._list(people, chosen_people, names[0])
        self.partners = LeadsDialog._list(partners, chosen_partners, names[1])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        # partners' names are long ("Sandwell and West Birmingham Hospitals NHS Trust"): their list
        # takes the larger share
        for title, widget, share in ((names[0], self.people, 2), (names[1], self.partners, 3)):
            col = QVBoxLayout()
            col.addWidget(section_label(title))
            col.addWidget(widget)
            row.addLayout(col, share)
        layout.addLayout(row, 1)
        self.teams: QPlainTextEdit | None = None
        self.roles: QPlainTextEdit | None = None
        if teams is not None and roles is not None:
            self.teams = self._names(teams, "Teams or services (one a line)")
            self.roles = self._names(roles, "Roles or groups (one a line)")
            names_row = QHBoxLayout()
            for title, edit in (("Teams or services, one a line (e.g. Public Health service)", self.teams),
                                ("Roles or groups, one a line (e.g. Children's Trust Board)", self.roles)):
                col = QVBoxLayout()
                label = QLabel(title)
                label.setWordWrap(True)
                col.addWidget(label)
                col.addWidget(edit)
                names_row.addLayout(col)
            layout.addLayout(names_row)

    @staticmethod
    def _names(values: list[str], name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(values))
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(64)
        return edit

    @staticmethod
    def lines(edit: QPlainTextEdit | None) -> list[str]:
        return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()] if edit else []

    def leads(self) -> Leads:
        return Leads(tuple(LeadsDialog.checked(self.people)), tuple(LeadsDialog.checked(self.partners)),
                     tuple(self.lines(self.teams)), tuple(self.lines(self.roles)))


class LeadsDialog(QDialog):
    """Choose an objective's responsible leads: people, partner organisations, and (when given)
    teams and roles named as written."""

    def __init__(self, people, partners, chosen_people, chosen_partners, parent=None, *,
                 teams: list[str] | None = None, roles: list[str] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Responsible leads")
        self.panel = LeadsPanel(people, partners, chosen_people, chosen_partners, teams=teams, roles=roles)
        self.people, self.partners = self.panel.people, self.panel.partners
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _list(items, chosen, name) -> QListWidget:
        lw = keyboard_view(QListWidget())
        lw.setAccessibleName(name)
        for ident, text in items:
            item = QListWidgetItem(text)
            item.setToolTip(text)  # a long partner name cut at the list's edge reads whole here
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in chosen else Qt.CheckState.Unchecked)
            lw.addItem(item)
        return lw

    @staticmethod
    def checked(lw: QListWidget) -> list[int]:
        return [lw.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lw.count())
                if lw.item(i).checkState() == Qt.CheckState.Checked]


class RagConventionDialog(QDialog):
    """Choose the partnership's RAG convention for provisional figures (printed in the pack's key)."""

    def __init__(self, current: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("RAG convention")
        layout = QVBoxLayout(self)
        intro = QLabel("What a provisional or incomplete figure does to its RAG. Whatever the rule, the pack "
                       "prints where the figure stands against the plan beside it, so a red is never hidden. "
                       "Every indicator is rated again when it changes.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QRadioButton] = {}
        for value in RagConvention.ALL:
            radio = QRadioButton(RagConvention.TITLES[value])
            radio.setAccessibleName(RagConvention.TITLES[value])
            radio.setChecked(value == current)
            layout.addWidget(radio)
            text = QLabel(RagConvention.KEYS[value])
            text.setObjectName("note")
            text.setWordWrap(True)
            layout.addWidget(text)
            self.buttons[value] = radio
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str:
        return next(v for v, b in self.buttons.items() if b.isChecked())


class OutcomeLeadsDialog(QDialog):
    """An outcome's leads in their capacities, a tab each: sponsors, lead partners, lead officers;
    each a person, a partner, a team or a role, several of each."""

    def __init__(self, people, partners, row: OutcomeRow | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Sponsors and leads of {row.reference}" if row else "Sponsors and leads")
        self.tabs = QTabWidget()
        self.panels: dict[LeadCapacity, LeadsPanel] = {}
        leads = row.leads if row else ()
        for capacity in LeadCapacity:
            mine = [lead for lead in leads if lead.capacity is capacity]
            panel = LeadsPanel(
                people, partners,
                {lead.ref_id for lead in mine if lead.kind is LeadKind.PERSON},
                {lead.ref_id for lead in mine if lead.kind is LeadKind.PARTNER},
                teams=[lead.name for lead in mine if lead.kind is LeadKind.TEAM],
                roles=[lead.name for lead in mine if lead.kind is LeadKind.ROLE])
            self.panels[capacity] = panel
            self.tabs.addTab(panel, capacity.label + "s")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Several of each may lead: tick people and partners, or name a team or a role."))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(760, self.sizeHint().height())  # within a 1280x720 screen at 150% (853 wide)

    def leads(self) -> dict[str, Leads]:
        return {capacity.value: panel.leads() for capacity, panel in self.panels.items()}


class IndicatorPanel(QWidget):
    def __init__(self, page: OutcomesPage):
        super().__init__()
        self.page = page
        self.heading = QLabel(objectName="subTitle")
        self.heading.setWordWrap(True)
        self.details = QWidget()
        self.chart = None  # pyqtgraph is loaded when the first indicator is shown
        self.chart_holder = QVBoxLayout()
        self.periods = PeriodsTableModel(page.ops, self)
        self.grid = keyboard_view(QTableView())
        self.grid.setAccessibleName("Periods")
        self.grid.setModel(self.periods)
        self.grid.verticalHeader().hide()
        # fitted to the first indicator shown (to a sample of its rows), then kept: fitting every
        # column to hundreds of periods on each change costs more than the change
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setResizeContentsPrecision(60)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid_error = QLabel(objectName="fieldError")
        self.grid_error.setStyleSheet("color: #D5281B;")
        self.grid_error.setWordWrap(True)
        self.grid_error.hide()
        self.periods.edit_refused.connect(self._show_grid_error)
        self.periods.modelReset.connect(self.grid_error.hide)
        bar = QGridLayout()  # two rows of two: the panel stays narrow, the tree keeps its width
        bar.addWidget(button("&Record actual…", self.record_actual), 0, 0)
        bar.addWidget(button("&Delete actual", self.delete_actual), 0, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.grid, self.delete_actual,
                  context=Qt.ShortcutContext.WidgetShortcut)
        bar.addWidget(button("Edit &indicator…", self.edit), 1, 0)
        bar.addWidget(button("Hi&story…", self.history), 1, 1)
        bar.addWidget(button("Lead's &assessment…", self.assess,
                             tip="The lead's own RAG for the period chosen in the grid, with its reason; "
                                 "shown beside the computed RAG, never replacing it"), 2, 0)
        bar.setColumnStretch(2, 1)
        self.details_holder = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addLayout(self.details_holder)
        self.spc_chart = None
        self.spc_holder = QVBoxLayout()
        self.spc_icons = QLabel()
        self.spc_text = QLabel(objectName="note")
        self.spc_text.setWordWrap(True)
        self.rebases = QLabel(objectName="note")
        self.rebases.setWordWrap(True)
        spc_box = QWidget()
        sl = QVBoxLayout(spc_box)
        sl.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.spc_icons)
        top.addWidget(self.spc_text, 1)
        top.addWidget(button("Re&base from…", self.add_rebase))
        top.addWidget(button("Remove rebase…", self.remove_rebase))
        sl.addLayout(top)
        sl.addWidget(self.rebases)
        sl.addLayout(self.spc_holder, 1)
        self.charts = QTabWidget()
        trajectory = QWidget()
        trajectory.setLayout(self.chart_holder)
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        self.charts.addTab(trajectory, "&Trajectory")
        self.charts.addTab(spc_box, "&SPC (Making Data Count)")
        self._spc_pending = None  # an indicator whose SPC chart waits for its tab to be shown
        self.charts.currentChanged.connect(lambda _i: self._draw_spc())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.charts)
        grid_box = QWidget()
        gl = QVBoxLayout(grid_box)
        gl.setContentsMargins(0, 0, 0, 0)
        periods = section_label("Periods")
        hint = QLabel("Double-click Planned, Actual or Note to edit.")
        hint.setObjectName("note")
        hint.setWordWrap(True)  # the panel stays narrow enough to leave the tree its names
        gl.addWidget(periods)
        gl.addWidget(hint)
        gl.addWidget(self.grid)
        gl.addWidget(self.grid_error)
        split.addWidget(grid_box)
        split.setSizes([300, 300])
        layout.addWidget(split, 1)
        self.row = None

    def _show_grid_error(self, text: str) -> None:
        self.grid_error.setText(text)
        self.grid_error.show()

    def _ensure_charts(self) -> None:
        if self.chart is None:
            from ..charts import IndicatorChart, SpcChart
            self.chart = IndicatorChart()
            self.chart_holder.addWidget(self.chart, 1)
            self.chart_words = QLabel()  # the chart's one-line description, under it
            self.chart_words.setWordWrap(True)
            self.chart_words.setObjectName("chart_description")
            self.chart_holder.addWidget(self.chart_words)
            self.spc_chart = SpcChart()
            self.spc_holder.addWidget(self.spc_chart)

    def show_indicator(self, ind, *, soft: bool = False) -> None:
        """Show an indicator; soft: the one shown, read again after an edit made here (the grid
        keeps its current cell and scroll)."""
        self._ensure_charts()
        self.row = ind
        flag = " (awaiting data)" if ind.awaiting_data else ""
        self.heading.setText(f"{ind.label}{flag}")
        baseline = f"{ind.fmt(ind.baseline_value)} ({ind.baseline_period})" if ind.baseline_value is not None else "awaited"
        target = f"{ind.fmt(ind.target_value)} by {uk_date(ind.target_date)}" if ind.target_value is not None else "awaited"
        as_at = self.page.as_at()
        latest = "no data yet"
        if ind.latest:
            latest = (f"{ind.fmt(ind.latest.actual)} in {ind.latest.period}: {ind.rag_letter} {ind.rag_word}"
                      f" ({ind.latest.rag_reason})")
            if ind.rag_note():
                latest += f"; {ind.rag_note()}"
        age = "—"
        if ind.latest is not None:
            age = ("OUT OF DATE: " + ind.age_note(as_at).split(": ", 1)[1]) if ind.out_of_date(as_at) else "up to date"
        at_target = ind.forecast_text(as_at)
        if at_target and not at_target.startswith("target date passed"):
            at_target = f"forecast {at_target}"
        lead = ind.lead_note().split(": ", 1)[1] if ind.lead_note() else "none recorded"
        pairs = [
            ("Definition", ind.definition or ""), ("Unit", f"{ind.unit} · {ind.polarity.label.lower()}"),
            ("Baseline", baseline), ("Target", target), ("Latest", latest), ("Age", age),
            ("Lead's assessment", lead),
            ("At the target date", at_target), ("Trend", ind.trend or "—"),
            ("Frequency", ind.frequency.label), ("Amber tolerance", f"{ind.tolerance_pct:g}% of plan"),
            ("Leads", ", ".join(ind.leads)), ("Source", ind.data_source or ""),
            ("RAG definition", ind.rag_definition or ""), ("Notes", ind.notes or ""),
        ]
        if not self.details_holder.count():  # made once; each indicator then only sets the texts
            self.details = _labels(pairs)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(self.details)
            scroll.setMaximumHeight(190)
            self.details_holder.addWidget(scroll)
        else:
            for name, value in pairs:
                self.details.findChild(QLabel, name).setText(value or "—")
        spec = chart_spec(ind)
        self.chart.show_spec(spec)
        self.chart_words.setText(spec.description)
        self.chart_words.setVisible(not spec.empty)  # an empty chart says "No figures yet" itself
        self.periods.set_indicator(ind, soft=soft)
        if not getattr(self, "_grid_fitted", False) and ind.periods:
            self.grid.resizeColumnsToContents()
            self._grid_fitted = True
        self.rebases.setText("Rebased from " + "; ".join(f"{r.period} ({r.reason})" for r in ind.rebases)
                             if ind.rebases else "No rebase.")
        self._spc_pending = ind
        self._draw_spc()
        if ind.spc is None:
            self.spc_icons.clear()
            self.spc_text.setText("Making Data Count needs 12 or more figures of this indicator.")
        else:
            pix = icons_for(ind.spc, 28).pixmap(64, 28)
            self.spc_icons.setPixmap(pix)
            warn = " Trial limits: a group has fewer than 13 points." if ind.spc.warnings else ""
            self.spc_text.setText(f"{describe(ind.spc)} ({len(ind.spc.points)} points).{warn}")

    def _draw_spc(self) -> None:
        """The SPC chart, drawn when its tab is shown (not for every figure recorded meanwhile)."""
        ind = self._spc_pending
        if ind is None or self.charts.currentIndex() != 1:
            return
        self._spc_pending = None
        if ind.spc is None:
            self.spc_chart.show_nothing()
            self.spc_chart.setTitle("An SPC chart needs 12 or more figures", size="9pt")
        else:
            self.spc_chart.show_result(ind.spc, ind.unit, chart_spec(ind))

    def record_actual(self) -> None:
        ind = self.row
        if ind is None:
            return
        fields = [f for f in ACTUAL if f.name != "indicator_id"]
        self.page.run_dialog(FormDialog(f"Record an actual for {ind.label}", fields,
                                        lambda v: ops_outcomes.record_actual(self.page.ops, ind, v, parent=self),
                                        parent=self))

    def assess(self) -> None:
        """The lead's assessed RAG, with its reason, for the period chosen in the grid (a period
        with a figure); both blank clears it. Logged and undone like any edit."""
        ind = self.row
        period = self.periods.period_at(self.grid.currentIndex().row()) if ind is not None else None
        if ind is None or period is None or period.actual_id is None:
            self._show_grid_error("Choose, in the grid, a period that has an actual to give the lead's RAG for.")
            return
        fields = [f for f in ACTUAL if f.name in ("assessed_rag", "assessed_reason")]
        initial = {"assessed_rag": period.assessed_rag.value if period.assessed_rag else None,
                   "assessed_reason": period.assessed_reason}
        self.page.run_dialog(FormDialog(
            f"Lead's assessment of {ind.code or ind.name}, {period.period} (computed: {ind.fmt(period.actual)}, "
            f"{rag_shown(period.rag, True)[1]})", fields,
            lambda v: ops_outcomes.assess_actual(self.page.ops, ind, period, v, parent=self),
            initial=initial, send_all=True, parent=self))

    def delete_actual(self) -> None:
        """Delete the figure of the period chosen in the grid, after asking (undone by Ctrl+Z)."""
        ind = self.row
        period = self.periods.period_at(self.grid.currentIndex().row()) if ind is not None else None
        if period is None or period.actual_id is None:
            self._show_grid_error("Choose, in the grid, a period that has an actual to delete.")
            return
        ops = self.page.ops
        if ops.confirm("Delete actual", f"Delete the {period.period} figure ({ind.fmt(period.actual)}) of {ind.label}?"):
            ops_outcomes.delete_actual(ops, ind, period, parent=self)

    def add_rebase(self) -> None:
        ind = self.row
        if ind is None:
            return
        fields = [f for f in INDICATOR_REBASE if f.name != "indicator_id"]
        self.page.run_dialog(FormDialog(f"Rebase the SPC chart of {ind.label}", fields,
                                        lambda v: ops_outcomes.add_rebase(self.page.ops, ind, v, parent=self),
                                        parent=self))

    def remove_rebase(self) -> None:
        ind = self.row
        if ind is None or not ind.rebases:
            return
        last = ind.rebases[-1]
        if self.page.ops.confirm("Remove rebase", f"Remove the rebase from {last.period}?"):
            ops_outcomes.remove_rebase(self.page.ops, last, parent=self)

    def edit(self) -> None:
        ind = self.row
        if ind is not None:
            self.page.edit_indicator(ind)

    def history(self) -> None:
        if self.row is not None:
            show_history(self.page.ops, "indicator", self.row.id, self.row.label, self)


def indicator_initial(row) -> dict:
    """An indicator's form as it opens: the row's outcome is named only for a measure of the
    outcome as a whole (an indicator under an objective names the objective alone)."""
    initial = initial_from(row, INDICATOR)
    if row.objective_id is not None:
        initial["outcome_id"] = None
    return initial


def _lead_words(leads, capacity: LeadCapacity | None = None) -> list[str]:
    """Leads as the screen names them: a team or a role marked as such."""
    return [lead.name + (f" ({lead.kind.label.lower()})" if lead.kind in (LeadKind.TEAM, LeadKind.ROLE) else "")
            for lead in leads if capacity is None or lead.capacity is capacity]


class SummaryPanel(QWidget):
    """An outcome or an objective: what it says, who leads it, its indicators' RAG."""

    def __init__(self, page: OutcomesPage):
        super().__init__()
        self.page = page
        self.heading = QLabel(objectName="subTitle")
        self.heading.setWordWrap(True)
        self.body = QVBoxLayout()
        self.bar = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.bar)
        layout.addLayout(self.body)
        layout.addStretch(1)

    def _clear(self) -> None:
        for box in (self.body, self.bar):
            while box.count():
                item = box.takeAt(0)
                if item.widget():
                    item.widget().hide()
                    item.widget().deleteLater()

    def show_node(self, node: Node) -> None:
        self._clear()
        row = node.row
        self.heading.setText(f"{row.reference}  {row.title}")
        if node.kind == "outcome":
            self.bar.addWidget(button("E&dit outcome…", lambda: self.page.edit_outcome(row)))
            self.bar.addWidget(button("Set &leads…", lambda: self.page.set_outcome_leads(row)))
            self.bar.addWidget(button("Add &objective…", lambda: self.page.add_objective(row)))
            self.bar.addWidget(button("Add &measure…", lambda: self.page.add_indicator(row)))
            self.bar.addWidget(button("Hi&story…", lambda: show_history(self.page.ops, "outcome", row.id, row.title, self)))
            pairs = [("Statement", row.statement or ""), ("Domain", row.domain or "")]
            pairs += [(capacity.label + "s", "; ".join(_lead_words(row.leads, capacity)) or "none yet")
                      for capacity in LeadCapacity]
            measures = "\n".join(f"{i.rag.letter} {i.rag.label}: {i.label}" for i in row.indicators)
            pairs.append(("Measures of the outcome as a whole", measures or "none"))
        else:
            self.bar.addWidget(button("E&dit objective…", lambda: self.page.edit_objective(row)))
            self.bar.addWidget(button("Set &leads…", lambda: self.page.set_leads(row)))
            self.bar.addWidget(button("Add &indicator…", lambda: self.page.add_indicator(row)))
            self.bar.addWidget(button("Hi&story…", lambda: show_history(self.page.ops, "objective", row.id, row.title, self)))
            pairs = [("Statement", row.statement or ""),
                     ("Responsible leads", "; ".join(_lead_words(row.lead_rows)) or "none yet")]
            indicators = "\n".join(f"{i.rag.letter} {i.rag.label}: {i.label}" for i in row.indicators)
            pairs.append(("Indicators", indicators or "No measure agreed yet"))
        self.bar.addStretch(1)
        self.body.addWidget(_labels(pairs))


class OutcomesPage(Page):
    title = "Outcomes & objectives"
    entities = frozenset({"outcome", "outcome_lead", "objective", "objective_lead", "indicator", "actual",
                          "trajectory_point", "indicator_rebase", "person", "partner", "register_setting"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.model = OutcomeTreeModel(self)
        self.tree = keyboard_view(QTreeView())
        self.tree.setAccessibleName("Outcomes, objectives and indicators")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        # the figures' columns are never cut: fitted to their text when the tree is read; the
        # names take the rest of the width, never less than NAME_FLOOR (the tree scrolls
        # sideways instead; a name cut short shows whole in its tooltip)
        self.tree.header().setMinimumSectionSize(40)
        self.tree.viewport().installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self._show(cur))
        self.tree.selectionModel().currentChanged.connect(lambda _cur, _prev: self._update_restore())
        self.summary_panel = SummaryPanel(self)
        self.indicator_panel = IndicatorPanel(self)
        self.empty = QLabel("Choose an outcome, objective or indicator on the left.", objectName="note")
        self.stack = QStackedWidget()
        for w in (self.empty, self.summary_panel, self.indicator_panel):
            self.stack.addWidget(w)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.toggled.connect(lambda _: self._on_show_archived_toggled())
        self.restore_button = button("Res&tore", self.restore_current,
                                     tip="Bring an archived outcome, objective or indicator back into the tree and the pack")
        bar = QHBoxLayout()
        bar.addWidget(button("Add o&utcome…", self.add_outcome))
        self.archive_button = button("Ar&chive", self.archive_current)
        bar.addWidget(self.archive_button)
        bar.addWidget(self.restore_button)
        bar.addWidget(button("RA&G convention…", self.choose_convention,
                             tip="What provisional figures do to the RAG: the partnership's own rule, printed "
                                 "in the pack's key"))
        bar.addStretch(1)
        bar.addWidget(self.show_archived)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(bar)
        ll.addWidget(self.tree)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setSizes([700, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label("Outcomes & objectives"))
        layout.addWidget(split, 1)

    def as_at(self):
        """The register's "today" (the injected clock): what out of date and target dates are judged at."""
        return self.ops.register.queries.today()

    def choose_convention(self) -> None:
        current = self.ops.read(self.ops.register.queries.rag_convention, RagConvention.DEFAULT)
        dialog = RagConventionDialog(current, self)
        if self.run_dialog(dialog) and dialog.chosen() != current:
            ops_outcomes.set_rag_convention(self.ops, dialog.chosen(), parent=self)

    # ------------------------------------------------------------------ loading

    def current_node(self) -> Node | None:
        idx = self.tree.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def reload(self, *, soft: bool = False) -> None:
        node = self.current_node()
        key = node.key if node else None
        q = self.ops.register.queries
        # the indicator shown is read first: its assessment is then kept for the tree to find
        full = self.ops.read(lambda: q.indicator(key[1]), None) if key and key[0] == "indicator" else None
        archived = self.show_archived.isChecked()
        tree = self.ops.read(lambda: q.outcome_tree(include_archived=archived), [])
        self.model.as_at = self.as_at()
        changed = self.model.update_outcomes(tree) if self.model.rowCount() else None
        if changed is not None:  # the same shape: only some rows' figures moved
            if key is not None and (key in changed or key[0] == "indicator"):
                # (an indicator's periods may move, its summary not)
                self._show(self.tree.currentIndex(), full, soft=soft)
            self._update_restore()
            return
        self.model.set_outcomes(tree)
        self.tree.expandAll()
        self._fit_tree()
        if key:
            self.select(key)
        else:
            self.stack.setCurrentWidget(self.empty)
        self._update_restore()

    def _fit_tree(self) -> None:
        """The RAG, latest and target columns as wide as their widest text (they are short);
        the names take the rest (the tree is given most of the screen's width)."""
        for col in range(self.model.columnCount()):
            if col != COL_NAME:
                self.tree.resizeColumnToContents(col)
        self._fit_names()

    def _fit_names(self) -> None:
        """The name column takes the width the figures leave, but never less than NAME_FLOOR
        (or its widest name, when that is less): a narrow window scrolls the tree sideways rather
        than cut every name to a few letters."""
        header = self.tree.header()
        figures = sum(header.sectionSize(c) for c in range(self.model.columnCount()) if c != COL_NAME)
        floor = min(NAME_FLOOR, max(self.tree.sizeHintForColumn(COL_NAME), header.sectionSizeHint(COL_NAME)))
        width = max(floor, self.tree.viewport().width() - figures)
        if header.sectionSize(COL_NAME) != width:
            header.resizeSection(COL_NAME, width)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_names()
        return super().eventFilter(watched, event)

    def _on_show_archived_toggled(self) -> None:
        self._dirty = True
        self.refresh_if_needed()

    def _update_restore(self) -> None:
        """Restore shows with 'Show archived', and works on an archived record."""
        node = self.current_node()
        self.restore_button.setVisible(self.show_archived.isChecked())
        self.restore_button.setEnabled(bool(node is not None and node.row.archived))
        self.archive_button.setEnabled(not (node is not None and node.row.archived))

    def select(self, key: tuple[str, int]) -> bool:
        idx = self.model.find(key)
        if not idx.isValid():
            self.stack.setCurrentWidget(self.empty)
            return False
        if self.tree.currentIndex() == idx:
            self._show(idx)
        else:  # the selection's currentChanged shows it
            self.tree.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _show(self, idx, full=None, *, soft: bool = False) -> None:
        """Show the row at idx; `full`, when given, is its indicator already read in full."""
        node = idx.data(ROW_ROLE) if idx.isValid() else None
        if node is None:
            self.stack.setCurrentWidget(self.empty)
        elif node.kind == "indicator":
            # the tree holds each indicator's summary; its periods and SPC points are read now
            if full is None or full.id != node.row.id:
                full = self.ops.read(lambda: self.ops.register.queries.indicator(node.row.id), None)
            self.indicator_panel.show_indicator(full or node.row, soft=soft)
            self.stack.setCurrentWidget(self.indicator_panel)
        else:
            self.summary_panel.show_node(node)
            self.stack.setCurrentWidget(self.summary_panel)

    def _choices(self) -> dict:
        q = self.ops.register.queries
        tree = self.ops.read(q.outcome_tree, [])
        return {
            "outcome_id": [(o.id, f"{o.reference} {o.title}") for o in tree],
            "objective_id": [(j.id, f"{j.reference} {j.title}") for o in tree for j in o.objectives],
        }

    def _after_create(self, dialog: FormDialog, entity: str) -> None:
        if dialog.outcome is not None and dialog.outcome.ok:
            self.select((entity, dialog.outcome.changes.created_id(entity)))

    # ------------------------------------------------------------------ commands

    def add_outcome(self) -> None:
        dialog = FormDialog("Add priority outcome", OUTCOME,
                            lambda v: ops_outcomes.create_outcome(self.ops, v, parent=self),
                            choices=self._choices(), parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "outcome")

    def edit_outcome(self, row) -> None:
        self.run_dialog(FormDialog(f"Edit {row.reference}", OUTCOME,
                                   lambda v: ops_outcomes.update_outcome(self.ops, row, v, parent=self),
                                   initial=initial_from(row, OUTCOME), choices=self._choices(), parent=self))

    def add_objective(self, outcome) -> None:
        fields = [f for f in OBJECTIVE if f.name != "outcome_id"]
        dialog = FormDialog(f"Add an objective to {outcome.reference}", fields,
                            lambda v: ops_outcomes.create_objective(self.ops, outcome, v, parent=self), parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "objective")

    def edit_objective(self, row) -> None:
        self.run_dialog(FormDialog(f"Edit {row.reference}", OBJECTIVE,
                                   lambda v: ops_outcomes.update_objective(self.ops, row, v, parent=self),
                                   initial=initial_from(row, OBJECTIVE), choices=self._choices(), parent=self))

    def set_leads(self, row) -> None:
        q = self.ops.register.queries
        dialog = LeadsDialog([(p.id, p.name) for p in self.ops.read(q.people, [])],
                             [(p.id, p.name) for p in self.ops.read(q.partners, [])],
                             set(row.lead_person_ids), set(row.lead_partner_ids), self,
                             teams=list(row.lead_teams), roles=list(row.lead_roles))
        dialog.setWindowTitle(f"Responsible leads of {row.reference}")
        if self.run_dialog(dialog):
            chosen = dialog.panel.leads()
            ops_outcomes.set_objective_leads(self.ops, row, chosen.person_ids, chosen.partner_ids,
                                             teams=chosen.teams, roles=chosen.roles, parent=self)

    def set_outcome_leads(self, row) -> None:
        """The outcome's sponsors, lead partners and lead officers."""
        q = self.ops.register.queries
        dialog = OutcomeLeadsDialog([(p.id, p.name) for p in self.ops.read(q.people, [])],
                                    [(p.id, p.name) for p in self.ops.read(q.partners, [])], row, self)
        if self.run_dialog(dialog):
            ops_outcomes.set_outcome_leads(self.ops, row, dialog.leads(), parent=self)

    def add_indicator(self, under) -> None:
        """An indicator under an objective, or directly under an outcome (a measure of it as a whole)."""
        fields = [f for f in INDICATOR if f.name not in ("objective_id", "outcome_id")]
        what = "a measure of the outcome as a whole to" if isinstance(under, OutcomeRow) else "an indicator to"
        dialog = FormDialog(f"Add {what} {under.reference}", fields,
                            lambda v: ops_outcomes.create_indicator(self.ops, under, v, parent=self),
                            initial={"tolerance_pct": 5.0, "decimals": 1}, send_all=True, parent=self)
        if self.run_dialog(dialog):
            self._after_create(dialog, "indicator")

    def edit_indicator(self, row) -> None:
        """The indicator's form; it hangs under its objective or (with no objective) its outcome."""
        self.run_dialog(FormDialog(f"Edit {row.label}", INDICATOR,
                                   lambda v: ops_outcomes.update_indicator(self.ops, row, v, parent=self),
                                   initial=indicator_initial(row), choices=self._choices(), parent=self))

    @staticmethod
    def _name(node: Node) -> str:
        return node.row.label if node.kind == "indicator" else f"{node.row.reference} {node.row.title}"

    def archive_current(self) -> None:
        node = self.current_node()
        if node is None or node.row.archived:
            return
        name = self._name(node)
        if not self.ops.confirm("Archive", f"Archive {name}? It leaves the tree and the pack but stays in the "
                                           "register's history; 'Show archived' shows it again, and Restore "
                                           "brings it back."):
            return
        ops_outcomes.ARCHIVE[node.kind](self.ops, node.row, parent=self)

    def restore_current(self) -> None:
        """Bring the archived outcome, objective or indicator chosen back (Ctrl+Z archives it again)."""
        node = self.current_node()
        if node is not None and node.row.archived:
            ops_outcomes.RESTORE[node.kind](self.ops, node.row, parent=self)
