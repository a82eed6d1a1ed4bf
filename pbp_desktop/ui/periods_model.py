"""UI layer: the editable grid of an indicator's periods - planned, actual, provisional, note -
each edit a service command (so it is validated, logged and undoable), and the RAG beside it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from ..domain.enums import Rag
from ..domain.rag import rag_shown
from ..readmodels import IndicatorPeriodRow, IndicatorRow
from .operations import outcomes as operations
from .ops import Ops, Outcome
from .table_model import (
    ALIGNMENT_ROLE,
    BACKGROUND_ROLE,
    CHECK_ROLE,
    DISPLAY_ROLE,
    EDIT_ROLE,
    FOREGROUND_ROLE,
    ROW_ROLE,
    TOOLTIP_ROLE,
)
from .theme import rag_colour, rag_text_colour

Index = QModelIndex | QPersistentModelIndex
COL_PERIOD, COL_PLANNED, COL_ACTUAL, COL_PROVISIONAL, COL_NOTE, COL_RAG, COL_SOURCE, COL_LEAD = range(8)
HEADERS = ("Period", "Planned", "Actual", "Provisional", "Note", "RAG", "Source", "Lead's RAG")
EDITABLE = {COL_PLANNED, COL_ACTUAL, COL_PROVISIONAL, COL_NOTE}


_ANSWERED = frozenset({DISPLAY_ROLE, EDIT_ROLE, CHECK_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE, TOOLTIP_ROLE, ALIGNMENT_ROLE, ROW_ROLE})


class PeriodsTableModel(QAbstractTableModel):
    edit_refused = Signal(str)  # what was wrong, said in full

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.indicator: IndicatorRow | None = None
        self._rows: list[IndicatorPeriodRow] = []

    def set_indicator(self, ind: IndicatorRow | None, *, soft: bool = False) -> None:
        """Show an indicator's periods. soft: the same indicator read again after an edit made
        in this grid; when its periods are the same ones they are put in place (no reset), so
        the grid keeps its current cell and scroll."""
        if (soft and ind is not None and self.indicator is not None and ind.id == self.indicator.id
                and [p.period for p in ind.periods] == [p.period for p in self._rows]):
            self.indicator, self._rows = ind, list(ind.periods)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.indicator = ind
        self._rows = list(ind.periods) if ind else []
        self.endResetModel()

    def period_at(self, row: int) -> IndicatorPeriodRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self._rows[index.row()]
        col = index.column()
        if col == COL_PROVISIONAL:
            return base | Qt.ItemFlag.ItemIsUserCheckable if row.actual is not None else base
        if col in (COL_NOTE,) and row.actual is None:
            return base
        if col in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED:  # most of the roles a repaint asks for, at once
            return None
        if not index.isValid() or self.indicator is None or not 0 <= index.row() < len(self._rows):
            return None
        row, col, ind = self._rows[index.row()], index.column(), self.indicator
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            edit = role == Qt.ItemDataRole.EditRole
            if col == COL_PERIOD:
                return row.period
            if col == COL_PLANNED:
                if row.planned is None:
                    return ""
                return f"{row.planned:g}" if edit else ind.fmt(row.planned) + (" (edited)" if row.planned_edited else "")
            if col == COL_ACTUAL:
                if row.actual is None:
                    return ""
                return f"{row.actual:g}" if edit else ind.fmt(row.actual) + (" (illustrative)" if row.illustrative else "")
            if col == COL_NOTE:
                return row.note or ""
            if col == COL_RAG:
                if row.actual is None:
                    return ""
                letter, word = rag_shown(row.rag, True)
                figure = (f" (on the figure: {row.figure_rag.letter})"
                          if row.figure_rag is not None and row.figure_rag is not row.rag and row.figure_rag is not Rag.GREY
                          else "")
                return f"{letter}  {word}{figure}"
            if col == COL_LEAD:
                return f"{row.assessed_rag.letter}  {row.assessed_reason or ''}" if row.assessed_rag else ""
            if col == COL_SOURCE:
                return row.source or ""
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_PROVISIONAL and row.actual is not None:
            return Qt.CheckState.Checked if row.provisional else Qt.CheckState.Unchecked
        if col == COL_RAG and row.actual is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return rag_colour(row.rag)
            if role == Qt.ItemDataRole.ForegroundRole:
                return rag_text_colour(row.rag)
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.figure_rag is not None and row.figure_rag is not row.rag:
                    return f"{row.rag_reason}; on the figure: {row.figure_reason}"
                return row.rag_reason
        if col == COL_LEAD and row.assessed_rag is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return rag_colour(row.assessed_rag)
            if role == Qt.ItemDataRole.ForegroundRole:
                return rag_text_colour(row.assessed_rag)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Lead's assessment: {row.assessed_rag.label} \u2014 {row.assessed_reason or ''}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_PLANNED, COL_ACTUAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.indicator is None:
            return False
        row, col, ind = self._rows[index.row()], index.column(), self.indicator
        ops, parent = self.ops, self._initiator()
        outcome: Outcome | None = None
        if col == COL_PROVISIONAL and role == Qt.ItemDataRole.CheckStateRole and row.actual_id is not None:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            outcome = operations.mark_provisional(ops, ind, row, checked, parent=parent)
        elif role == Qt.ItemDataRole.EditRole and col == COL_PLANNED:
            text = str(value).strip()
            if text == (f"{row.planned:g}" if row.planned is not None else ""):
                return False
            outcome = operations.set_planned(ops, ind, row, text, parent=parent)
        elif role == Qt.ItemDataRole.EditRole and col == COL_ACTUAL:
            text = str(value).strip()
            if row.actual_id is None:
                if not text:
                    return False
                outcome = operations.record_actual(ops, ind, {"period": row.period, "value": text}, parent=parent)
            else:
                if text == f"{row.actual:g}":
                    return False
                if not text:
                    self.edit_refused.emit(f"{row.period} actual: to remove an actual, choose its row and press "
                                           "Delete actual (or the Delete key).")
                    return False
                outcome = operations.change_actual(ops, ind, row, text, parent=parent)
        elif role == Qt.ItemDataRole.EditRole and col == COL_NOTE and row.actual_id is not None:
            text = str(value)
            if text == (row.note or ""):
                return False
            outcome = operations.note_actual(ops, ind, row, text, parent=parent)
        if outcome is None:
            return False
        if outcome.errors:
            self.edit_refused.emit(f"{row.period}: " + "; ".join(e.message for e in outcome.errors))
        return outcome.ok

    def _initiator(self) -> QWidget | None:
        """The widget this grid's model belongs to: told it started the edit, its page keeps
        the grid's current cell and scroll."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None
