"""UI layer: one QAbstractTableModel over a list of frozen readmodel rows, described by columns.
Sorting goes through SORT_ROLE (typed values, not display strings); ROW_ROLE gives the row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    background: Callable[[Any], QColor | None] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    align_right: bool = False
    decoration: Callable[[Any], Any] | None = None
    key: str | None = None  # on a table paged from the register: the sort key the query knows


def _sortable(value: Any) -> Any:
    """Qt compares numbers and strings, not Python dates or enums: give it those."""
    if isinstance(value, date):
        return float(value.toordinal())
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, str):
        return value.casefold()
    return value


# Qt's roles as plain ints: a model's data() is called for each visible cell and role
DISPLAY_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, ALIGNMENT_ROLE, EDIT_ROLE, CHECK_ROLE, ACCESSIBLE_ROLE = (
    int(r.value) for r in (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.AccessibleTextRole))
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ANSWERED = frozenset({DISPLAY_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, ALIGNMENT_ROLE, SORT_ROLE, ROW_ROLE})


class RowsTableModel(QAbstractTableModel):
    """Rows are handed to the view in chunks as it scrolls (canFetchMore/fetchMore), so a log of
    tens of thousands of rows opens at once; searching or sorting fetches the rest first."""

    CHUNK = 500

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._all: list[Any] = list(rows)
        self._shown = min(len(self._all), self.CHUNK)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._search: dict[int, str] = {}
        self._all = list(rows)
        self._shown = min(len(self._all), max(self.CHUNK, self._shown))
        self.endResetModel()

    def update_rows(self, rows: Sequence[Any]) -> bool:
        """Put in new versions of the same records without a reset, so that the views keep
        their selection, current cell and scroll: in place when they come in the same order,
        moved (persistent indexes following them) when the order changed. False, and nothing
        done, when records came or went (or rows have no id): then set_rows is needed."""
        new = list(rows)
        old_ids = [getattr(r, "id", None) for r in self._all]
        new_ids = [getattr(r, "id", None) for r in new]
        if len(new) != len(self._all) or None in new_ids or len(set(new_ids)) != len(new_ids):
            return False
        if new_ids == old_ids:
            self._all, self._search = new, {}
            if self._shown:
                self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self._columns) - 1))
            return True
        if set(new_ids) != set(old_ids) or self._shown < len(self._all):
            return False
        self.layoutAboutToBeChanged.emit()
        where = {rid: i for i, rid in enumerate(new_ids)}
        before = self.persistentIndexList()
        after = [self.index(where[old_ids[ix.row()]], ix.column()) for ix in before]
        self._all, self._search = new, {}
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        return True

    def search_text(self, row: int) -> str:
        """Every column's text of a row, lower-cased, worked out once per load: what a search
        looks in."""
        cache = self.__dict__.setdefault("_search", {})
        text = cache.get(row)
        if text is None:
            item = self._all[row]
            text = cache[row] = "\x1f".join(c.text(item) for c in self._columns).casefold()
        return text

    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> Any:
        return self._all[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._shown >= len(self._all):
            return
        more = min(self.CHUNK, len(self._all) - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].title
        return None

    def data(self, index: Index, role: int = DISPLAY_ROLE):
        # a repaint asks each visible cell for a dozen roles: those no column answers go first
        if role not in _ANSWERED:
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < self._shown and 0 <= c < len(self._columns)) or not index.isValid():
            return None
        row, col = self._all[r], self._columns[c]
        if role == DISPLAY_ROLE:
            return col.text(row)
        if role == SORT_ROLE:
            return _sortable(col.sort(row) if col.sort else col.text(row))
        if role == ROW_ROLE:
            return row
        if role == BACKGROUND_ROLE:
            return col.background(row) if col.background else None
        if role == FOREGROUND_ROLE:
            return col.foreground(row) if col.foreground else None
        if role == DECORATION_ROLE:
            return col.decoration(row) if col.decoration else None
        if role == TOOLTIP_ROLE:
            return col.tooltip(row) if col.tooltip else None
        if role == ALIGNMENT_ROLE and col.align_right:
            return _RIGHT
        return None


class PagedRowsModel(RowsTableModel):
    """Rows read from the register a page at a time as the view scrolls: the query filters,
    searches and sorts, so a log of 20,000 actions opens as fast as one of twenty."""

    PAGE = 200

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(columns, parent=parent)
        self._fetch: Callable[[int, int], list[Any]] | None = None
        self._count = 0

    def set_source(self, fetch: Callable[[int, int], list[Any]], count: int, first: list[Any] | None = None) -> None:
        """fetch(offset, limit) gives rows in order; count is how many there are in all; first,
        when given, is the first page already read."""
        self.beginResetModel()
        self._search = {}
        self._fetch, self._count = fetch, count
        self._all = list(first) if first is not None else fetch(0, self.PAGE) if count else []
        self._shown = len(self._all)
        self.endResetModel()

    def refresh(self, fetch: Callable[[int, int], list[Any]], count: int, first: list[Any]) -> bool:
        """The same records read again (`first` covering every row loaded so far): put in place
        and True, or False when records came, went or moved (then set_source is needed)."""
        if count != self._count or [getattr(r, "id", None) for r in first] != [getattr(r, "id", None) for r in self._all]:
            return False
        self._fetch = fetch
        return super().update_rows(first)

    def update_rows(self, rows: Sequence[Any]) -> bool:
        return False  # its rows come from the register: refresh() reads them again

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Rows already in hand, paged out of memory (the same as set_source over a list)."""
        kept = list(rows)
        self.set_source(lambda offset, limit: kept[offset:offset + limit], len(kept))

    def total(self) -> int:
        return self._count

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and len(self._all) < self._count

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        more = self._fetch(len(self._all), self.PAGE)
        if not more:  # fewer than counted: another user deleted some meanwhile
            self._count = len(self._all)
            return
        self.beginInsertRows(QModelIndex(), len(self._all), len(self._all) + len(more) - 1)
        self._all.extend(more)
        self._shown = len(self._all)
        self.endInsertRows()
