"""UI layer: the dashboard - RAG counts per priority outcome (word and colour), overdue actions,
risks scoring 15 or more, and the next meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels import RegisterSummary
from .mdc import describe, icons_for
from .table_model import SORT_ROLE, Column, RowsTableModel
from .theme import rag_colour, rag_text_colour
from .widgets import keyboard_view


def _count_column(rag: Rag) -> Column:
    return Column(
        f"{rag.label} ({rag.letter})" if rag is not Rag.GREY else "No data",
        lambda o, r=rag: f"{o.counts[r]} {r.letter}" if o.counts[r] else "0",
        sort=lambda o, r=rag: o.counts[r],
        background=lambda o, r=rag: rag_colour(r) if o.counts[r] else None,
        foreground=lambda o, r=rag: rag_text_colour(r) if o.counts[r] else None,
        align_right=True)


OUTCOME_COLUMNS = [
    Column("Priority outcome", lambda o: f"{o.reference}  {o.title}"),
    *(_count_column(r) for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY)),
]
def _marked(mark: Callable[[Any], str], text: str, row: Any) -> str:
    """The row's privacy marker ("[confidential]", "[private]") leading its text, as the Risks
    screen shows it: first, so a narrow column never cuts it off."""
    marker = mark(row)
    return f"{marker}  {text}" if marker else text


def _no_mark(_row: Any) -> str:
    return ""


def action_columns(mark: Callable[[Any], str] = _no_mark) -> list[Column]:
    return [
        Column("Ref", lambda a: a.reference),
        Column("Action", lambda a: _marked(mark, a.description, a), tooltip=lambda a: a.description,
               sort=lambda a: a.description.casefold()),
        Column("Owner", lambda a: a.owner_name),
        Column("Due", lambda a: uk_date(a.due_on), sort=lambda a: a.due_on),
        Column("Overdue", lambda a: f"OVERDUE {a.days_overdue:,} days", sort=lambda a: a.days_overdue,
               foreground=lambda a: QColor("#D5281B")),
    ]


ACTION_COLUMNS = action_columns()
MDC_COLUMNS = [
    Column("Indicator", lambda i: i.label),
    Column("Making Data Count", lambda i: describe(i.spc), decoration=lambda i: icons_for(i.spc, 16)),
]
def risk_columns(mark: Callable[[Any], str] = _no_mark) -> list[Column]:
    return [
        Column("Ref", lambda r: r.reference),
        Column("Risk", lambda r: _marked(mark, r.title, r), sort=lambda r: r.title.casefold()),
        Column("Owner", lambda r: r.owner_name or ""),
        Column("Score", lambda r: f"{r.current_score} {r.current_band.label}", sort=lambda r: r.current_score,
               background=lambda r: QColor("#D5281B"), foreground=lambda r: QColor("white")),
    ]


RISK_COLUMNS = risk_columns()


def _table(model: RowsTableModel, sort_column: int | None = None,
           order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = keyboard_view(QTableView())
    view.setModel(proxy)
    if sort_column is None:  # keep the register's own order until a header is clicked
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    if sort_column is not None:
        view.sortByColumn(sort_column, order)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return view


def _fit_height(view: QTableView, rows: int, most: int = 8) -> None:
    """A short table as tall as its rows (no scroll bar, no empty space below); a long one shows
    `most` rows and scrolls."""
    header = view.horizontalHeader().sizeHint().height()
    row = view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(header + row * min(max(rows, 1), most) + 2 * view.frameWidth() + 2)


class DashboardView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(objectName="pageTitle")
        self.subtitle = QLabel(objectName="note")
        self.outcomes = RowsTableModel(OUTCOME_COLUMNS)
        self._summary: RegisterSummary | None = None
        self.actions = RowsTableModel(action_columns(self._privacy_mark))
        self.risks = RowsTableModel(risk_columns(self._privacy_mark))
        self.mdc = RowsTableModel(MDC_COLUMNS)
        self.mdc_title = QLabel("Making Data Count: variation and assurance", objectName="sectionTitle")
        self.actions_title = QLabel(objectName="sectionTitle")
        self.risks_title = QLabel(objectName="sectionTitle")
        self.meeting = QLabel(objectName="subTitle")
        self.meeting.setWordWrap(True)
        self.missing = QLabel(objectName="note")
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName("Still missing for the next meeting")
        self.illustrative = QLabel(objectName="note")
        self.illustrative.setWordWrap(True)
        self.outcome_view = _table(self.outcomes)
        self.outcome_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header = self.outcome_view.horizontalHeader()
        for c in range(1, len(OUTCOME_COLUMNS)):  # counts: as wide as their heading, never measured again
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(c, header.fontMetrics().horizontalAdvance(OUTCOME_COLUMNS[c].title) + 28)
        self.outcome_view.setAccessibleName("RAG counts per priority outcome")
        self.action_view = _table(self.actions)  # longest overdue first, as the summary orders them
        self.action_view.setAccessibleName("Overdue actions")
        self.risk_view = _table(self.risks)  # highest score first, as the summary orders them
        self.risk_view.setAccessibleName("Risks scoring 15 or more")

        left = QVBoxLayout()
        left.addWidget(self.actions_title)
        left.addWidget(self.action_view, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("Next meeting", objectName="sectionTitle"))
        right.addWidget(self.meeting)
        right.addWidget(self.missing)
        right.addWidget(self.risks_title)
        right.addWidget(self.risk_view)
        self.mdc_view = _table(self.mdc)
        self.mdc_view.setAccessibleName("Making Data Count icons")
        self.mdc_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.mdc_title)
        right.addWidget(self.mdc_view)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(QLabel("Priority outcomes: RAG of each indicator's latest figure", objectName="sectionTitle"))
        layout.addWidget(self.outcome_view)
        layout.addLayout(columns, 1)
        layout.addWidget(self.illustrative)

    def show_summary(self, s: RegisterSummary) -> None:
        p = s.partnership
        self.title.setText(p.name if p else "New register")
        host = f" · host organisation: {p.host_partner}" if p and p.host_partner else ""
        self.subtitle.setText(f"{p.place if p else 'Name the partnership under File > Partnership details'}"
                              f"{host} · as at {uk_date(s.today)}")
        self.outcomes.set_rows(s.outcomes)
        _fit_height(self.outcome_view, len(s.outcomes), most=8)
        shown = getattr(self, "_shown", None)
        if shown is None or shown.overdue_actions is not s.overdue_actions or shown.extreme_risks is not s.extreme_risks:
            self._show_actions_and_risks(s)  # (the same lists as shown when only indicators' figures changed)
        self._shown = s
        with_spc = [i for o in s.outcomes for i in o.indicators if i.spc is not None]
        self.mdc.set_rows(with_spc)
        _fit_height(self.mdc_view, len(with_spc))
        self.mdc_title.setVisible(bool(with_spc))
        self.mdc_view.setVisible(bool(with_spc))
        m = s.next_meeting
        if m is None:
            self.meeting.setText("None planned")
            self.missing.setText("")
        else:
            self.meeting.setText(f"{m.body_name}, {uk_date(m.meets_on)}{' at ' + m.start_time if m.start_time else ''}")
            self.missing.setText("Still missing:\n" + "\n".join(f"• {x}" for x in s.next_meeting_missing)
                                 if s.next_meeting_missing else "Nothing is missing: agenda, figures, risks and actions are ready.")
        self.illustrative.setText(
            f"{s.illustrative_values} actuals in this register are illustrative (generated for the demo), "
            "not published data." if s.illustrative_values else "")
        self.illustrative.setVisible(bool(s.illustrative_values))

    def _privacy_mark(self, row: Any) -> str:
        """What the summary's privacy rule says of a listed action or risk (see RegisterSummary)."""
        return self._summary.privacy_mark(row) if self._summary is not None else ""

    def _show_actions_and_risks(self, s: RegisterSummary) -> None:
        self._summary = s
        actions, risks = s.overdue_actions, s.extreme_risks
        more = f": the {len(actions)} longest overdue (the Actions screen lists them all)" \
            if s.overdue_count > len(actions) else ""
        self.actions_title.setText(f"Overdue actions ({s.overdue_count:,}){more}")
        self.actions.set_rows(actions)
        self.risks_title.setText(f"Risks scoring 15 or more ({len(risks):,})")
        self.risks.set_rows(risks)
        _fit_height(self.risk_view, len(risks))
