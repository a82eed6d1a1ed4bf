"""UI layer: shared widgets - a searchable, sortable table over a RowsTableModel, a base Page
that reloads only when a command touched what it shows, and small helpers."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..readmodels import Changes
from .ops import Ops
from .table_model import ROW_ROLE, SORT_ROLE, Column, PagedRowsModel, RowsTableModel

log = logging.getLogger(__name__)

# The menu bar's letters: Alt+F, Alt+E, Alt+V and Alt+H open File, Edit, View and Help, so no
# button takes them (button() drops such a mnemonic). tests/ui/test_keyboard.py reads the live
# menu bar: a menu added to it must add its letter here.
MENU_LETTERS = frozenset("fevh")

# The smallest screen the app is made for: a 1280x720 laptop at 150% scaling, in logical pixels.
# Every dialog fits it (its size hints and the size it opens at); what does not fit scrolls.
SMALL_SCREEN = QSize(853, 480)


def fit_small_screen(dialog: QWidget, width: int, height: int) -> None:
    """Open `dialog` at width x height, or at most the small screen (the user may enlarge it)."""
    dialog.resize(min(width, SMALL_SCREEN.width()), min(height, SMALL_SCREEN.height()))


def _mnemonic_at(text: str) -> int | None:
    """Where the single '&' marking a label's mnemonic stands ('&&' is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return i
            i += 1
        i += 1
    return None


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' in a label (Alt+letter presses the button), lower case."""
    at = _mnemonic_at(text)
    return None if at is None else text[at + 1].lower()


def off_the_menus(text: str) -> str:
    """The one rule for buttons' mnemonics: never a letter of the menu bar. Such a label keeps
    its words and loses its '&' (the button is still reached with Tab), and the developer is
    told in the log; choose another letter of the label ('E&dit…', 'Hi&story…')."""
    at = _mnemonic_at(text)
    if at is None or text[at + 1].lower() not in MENU_LETTERS:
        return text
    log.warning("button %r: Alt+%s opens a menu; its mnemonic is dropped", text, text[at + 1].upper())
    return text[:at] + text[at + 1:]


class _CellKeys(QObject):
    """Ctrl+Tab and Ctrl+Shift+Tab move to the next and previous cell of a table or tree (row by
    row); Tab and Shift+Tab, untouched, leave it for the next and previous widget."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractItemView):
            return False
        key, mods = event.key(), event.modifiers()  # type: ignore[attr-defined]
        if not mods & Qt.KeyboardModifier.ControlModifier or key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
        step_cell(watched, forward)
        return True


def step_cell(view: QAbstractItemView, forward: bool) -> None:
    """Move the current cell of `view` one cell on (or back), to the next row (or tree line) at
    the end of a row; it stays put at the first and last cells."""
    model = view.model()
    if model is None or model.columnCount() == 0:
        return
    current = view.currentIndex()
    columns = [c for c in range(model.columnCount(current.parent() if current.isValid() else QModelIndex()))
               if not (isinstance(view, QTableView) and view.isColumnHidden(c))]
    if not current.isValid():
        first = model.index(0, columns[0]) if model.rowCount() else QModelIndex()
        if first.isValid():
            view.setCurrentIndex(first)
        return
    at = columns.index(current.column()) if current.column() in columns else 0
    if 0 <= at + (1 if forward else -1) < len(columns):
        view.setCurrentIndex(current.siblingAtColumn(columns[at + (1 if forward else -1)]))
        return
    if isinstance(view, QTreeView):
        line = view.indexBelow(current) if forward else view.indexAbove(current)
    else:
        line = current.sibling(current.row() + (1 if forward else -1), 0)
    if line.isValid():
        view.setCurrentIndex(line.siblingAtColumn(columns[0 if forward else -1]))


ViewT = TypeVar("ViewT", bound=QAbstractItemView)


def keyboard_view(view: ViewT) -> ViewT:
    """Every table, tree and list of the app is made through here (RowsTable, the dashboard's
    tables, the outcomes tree, the periods grid, the leads lists): Tab leaves it, as it leaves any
    other widget; arrow keys and Ctrl+Tab move inside. Qt's tables keep Tab for their cells, which
    traps a keyboard user in the first table reached."""
    view.setTabKeyNavigation(False)
    if not view.property("pbpCellKeys"):
        view.installEventFilter(_CellKeys(view))
        view.setProperty("pbpCellKeys", True)
    return view


class RowsFilterProxy(QSortFilterProxyModel):
    """Text search over every column, plus an optional row predicate set by the page."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._predicate = None
        self.server_sort = None  # set on a paged table: the register sorts, not the proxy

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.server_sort is not None:
            self.server_sort(column, order)
        else:
            super().sort(column, order)

    def set_predicate(self, predicate) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._predicate = predicate
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._predicate = predicate
            self.invalidateRowsFilter()

    def setFilterFixedString(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._needle = text.casefold()
        super().setFilterFixedString(text)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if self.server_sort is not None:
            return True  # the register has filtered the rows already
        model = self.sourceModel()
        if self._predicate is not None:
            if not self._predicate(model.row_at(source_row)):
                return False
        needle = getattr(self, "_needle", "")
        return not needle or needle in model.search_text(source_row)


class RowsTable(QWidget):
    """A search box over a sortable table. Signals carry the readmodel row, not an index."""

    row_selected = Signal(object)
    row_activated = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, columns: list[Column], *, name: str, stretch: int | None = 1, paged: bool = False,
                 parent=None):
        """paged=True: the rows come from set_source, a page at a time, searched and sorted by
        the register; otherwise from set_rows, searched and sorted here."""
        super().__init__(parent)
        self.model = PagedRowsModel(columns, parent=self) if paged else RowsTableModel(columns, parent=self)
        self.proxy = RowsFilterProxy(self)
        self._source = None
        self._sort: tuple[str | None, bool] = (None, False)
        if paged:
            self.proxy.server_sort = self._on_server_sort
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText=f"Search {name}…", clearButtonEnabled=True)
        self.search.setAccessibleName(f"Search {name}")
        self.search.textChanged.connect(self._on_search_text_changed)
        self.view = keyboard_view(QTableView())
        self.view.setAccessibleName(name.capitalize())
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(60)  # fit columns to the first rows, not to thousands
        header.setStretchLastSection(False)
        self._stretch = stretch  # the column given the width the others leave (never less than its text)
        self._stretched: int | None = None  # the width last given to it (the user's own is kept)
        self._main_fit = 0
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._on_delete_shortcut_activated)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self._on_enter_shortcut_activated)
        self.count = QLabel(objectName="note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._fit_columns()

    def _on_sort_indicator_changed(self, *_: Any) -> None:
        if self.proxy.server_sort is None:
            self.model.fetch_all()

    def _on_server_sort(self, column: int, order: Qt.SortOrder) -> None:
        key = self.model._columns[column].key if 0 <= column < self.model.columnCount() else None
        self._sort = (key, order == Qt.SortOrder.DescendingOrder)
        self._refetch()

    def set_source(self, source, *, keep: Any = None, soft: bool = False) -> None:
        """A paged table's rows: source(search, sort_key, descending, offset, limit) gives a page,
        source.first(search, sort_key, descending, limit) the first page and how many match, and
        source.everything() how many there are. soft: the same rows read again after a command
        this table's page started; the selection, current cell and scroll stay."""
        key = keep if keep is not None else getattr(self.current(), "id", None)
        self._source = source
        if soft and self._refetch(in_place=True):
            return
        place = self._place() if soft else None
        self._refetch()
        if not getattr(self, "_fitted", False):
            self._fit_columns()
        if key is not None:
            self.select_id(key)
        if place is not None:
            self._go_back(place)

    def _refetch(self, *, in_place: bool = False) -> bool:
        source = self._source
        if source is None:
            return False
        search, (key, desc) = self.search.text(), self._sort
        loaded = len(self.model._all) if in_place else 0
        first, count = source.first(search, key, desc, max(self.model.PAGE, loaded))

        def fetch(offset: int, limit: int) -> list:
            return source(search, key, desc, offset, limit)
        if in_place:
            if not self.model.refresh(fetch, count, first):
                return False
        else:
            self.model.set_source(fetch, count, first)
        self._update_count()
        return True

    def _place(self) -> tuple[int, int, int]:
        """Where the user is in the table: the scroll bars and the current column."""
        return (self.view.verticalScrollBar().value(), self.view.horizontalScrollBar().value(),
                self.view.currentIndex().column())

    def _go_back(self, place: tuple[int, int, int]) -> None:
        vertical, horizontal, column = place
        current = self.view.currentIndex()
        if current.isValid() and column > 0:
            self.view.selectionModel().setCurrentIndex(
                current.siblingAtColumn(column), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.verticalScrollBar().setValue(vertical)
        self.view.horizontalScrollBar().setValue(horizontal)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        self.row_activated.emit(index.data(ROW_ROLE))

    def _on_delete_shortcut_activated(self) -> None:
        if self.current() is not None:
            self.delete_requested.emit(self.current())

    def _on_enter_shortcut_activated(self) -> None:
        if self.current() is not None:
            self.row_activated.emit(self.current())

    def _on_search_text_changed(self, text: str) -> None:
        if self.proxy.server_sort is not None:
            self._refetch()
            return
        if text:
            self.model.fetch_all()  # a search looks at every row, not only those scrolled to
        self.proxy.setFilterFixedString(text)

    def _update_count(self, *_: Any) -> None:
        if self._source is not None:
            shown, total = self.model.total(), self._source.everything()
        else:
            shown, total = self.proxy.rowCount(), self.model.total()
        self.count.setText(f"{shown:,} of {total:,}" if shown != total else f"{total:,}")

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.row_selected.emit(current.data(ROW_ROLE) if current.isValid() else None)

    CAP_MAIN, CAP_OTHER = 400, 300  # widest a column is fitted to: the main (stretch) one, the others
    SAMPLE = 100  # rows measured

    def _cap(self, col: int) -> int:
        return self.CAP_MAIN if col == self._stretch else self.CAP_OTHER

    def fit_width(self, col: int) -> int:
        """What a column needs: its header's width and the 95th percentile of its cells' (of the
        first rows shown), up to its cap. Wider cells are cut with '…' and show in full in their
        tooltip (elided_tip)."""
        header = self.view.horizontalHeader()
        rows = min(self.proxy.rowCount(), self.SAMPLE)
        grid = 1 if self.view.showGrid() else 0  # the grid line is drawn inside the section
        widths = sorted(self.view.sizeHintForIndex(self.proxy.index(r, col)).width() + grid for r in range(rows))
        cells = widths[max(math.ceil(0.95 * len(widths)) - 1, 0)] if widths else 0
        return min(max(header.sectionSizeHint(col), cells), self._cap(col))

    def _fit_columns(self) -> None:
        """Once, when rows first arrive (until then, to the headers): each column as wide as
        fit_width; the main column takes what width is left over (the table scrolls sideways rather than squeeze a column of
        words). After that the user's widths are kept."""
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.resizeSection(col, self.fit_width(col))
        self._fitted = self.model.rowCount() > 0  # an empty table is fitted to its headers until rows come
        self._stretched = None
        self._main_fit = header.sectionSize(self._stretch) if self._stretch is not None else 0
        self._spread()

    def _spread(self) -> None:
        """Give the main column the width the others leave, never less than it needs; not once
        the user has set its width by hand."""
        col = self._stretch
        if col is None or not 0 <= col < self.model.columnCount():
            return
        header = self.view.horizontalHeader()
        if self._stretched is not None and header.sectionSize(col) != self._stretched:
            return  # resized by the user
        others = sum(header.sectionSize(c) for c in range(self.model.columnCount())
                     if c != col and not header.isSectionHidden(c))
        width = max(self._main_fit, self.view.viewport().width() - others)
        if width != header.sectionSize(col):
            header.resizeSection(col, width)
        self._stretched = width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._spread()
        elif watched is self.view.viewport() and event.type() == QEvent.Type.ToolTip:
            index = self.view.indexAt(event.pos())  # type: ignore[attr-defined]
            tip = elided_tip(self.view, index) if index.isValid() else None
            if tip is not None and not index.data(Qt.ItemDataRole.ToolTipRole):
                QToolTip.showText(event.globalPos(), tip, self.view.viewport(),  # type: ignore[attr-defined]
                                  self.view.visualRect(index))
                return True
        return super().eventFilter(watched, event)

    def set_rows(self, rows: Iterable[Any], *, keep: Any = None, soft: bool = False) -> None:
        """Replace the rows, keeping the selection on the record with the same id. soft: after
        a command this table's page started; the same records are updated in place (nothing
        is reset) and otherwise the scroll and current column are put back after the reset."""
        rows = list(rows)
        if soft and keep is None and self.model.update_rows(rows):
            self._update_count()
            return
        key = keep if keep is not None else getattr(self.current(), "id", None)
        place = self._place() if soft else None
        self.model.set_rows(rows)
        if not getattr(self, "_fitted", False):
            self._fit_columns()
        self._update_count()
        if key is not None:
            self.select_id(key)
        if place is not None:
            self._go_back(place)

    def select_id(self, record_id: int) -> bool:
        r = 0
        while True:
            while r < self.proxy.rowCount():
                row = self.proxy.index(r, 0).data(ROW_ROLE)
                if getattr(row, "id", None) == record_id:
                    self.view.selectRow(r)
                    self.view.scrollTo(self.proxy.index(r, 0))
                    return True
                r += 1
            if self._source is None or not self.model.canFetchMore():
                return False
            self.model.fetchMore()  # a paged table reads on until it finds the record

    def current(self) -> Any:
        idx = self.view.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def rows_shown(self) -> list[Any]:
        if self._source is not None:
            self.model.fetch_all()
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]


def elided_tip(view: QAbstractItemView, index: QModelIndex) -> str | None:
    """The tooltip of a cell: its own, or else its full text when the cell is too narrow to show
    it whole (cut to '…'); None for a cell shown whole."""
    own = index.data(Qt.ItemDataRole.ToolTipRole)
    if own:
        return str(own)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text and view.sizeHintForIndex(index).width() > view.visualRect(index).width():
        return str(text)
    return None


def button(text: str, slot, *, tip: str | None = None, shortcut: str | None = None) -> QPushButton:
    """A push button calling `slot`. Its mnemonic ('&' before a letter: Alt+letter presses it) is
    never a letter of the menu bar (off_the_menus), and no two buttons on one screen or dialog
    share one (tests/ui/test_keyboard.py walks the live window)."""
    text = off_the_menus(text)
    b = QPushButton(text)
    b.setAccessibleName(text.replace("&", "").rstrip("…"))
    if tip:
        b.setToolTip(tip)
    if shortcut:
        b.setShortcut(QKeySequence(shortcut))
    b.clicked.connect(lambda _checked=False: _discard(slot()))
    return b


def _discard(_result: Any) -> None:
    """Slots connected through lambdas return None: a returned bool upsets PySide's refcounts."""


class Page(QWidget):
    """A screen of the main window. It names the kinds of record it shows; after a command it
    reloads at once if visible and touched, or when next shown (Anki's refresh_if_needed). When
    it started the command itself (the initiator) it reloads softly: its tables and grids keep
    the selected record, the current cell and the scroll position."""

    title = ""
    entities: frozenset[str] = frozenset()

    def __init__(self, ops: Ops, parent=None):
        super().__init__(parent)
        self.setObjectName("page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ops = ops
        self._dirty = True
        self.reload_count = 0
        ops.executed.connect(self._on_ops_executed)

    def started(self, initiator: object) -> bool:
        """Whether this page (or a widget on it, or a model of one) started a command."""
        if initiator is None:
            return False
        if isinstance(initiator, QObject) and not isinstance(initiator, QWidget):
            initiator = initiator.parent()
        return initiator is self or (isinstance(initiator, QWidget) and self.isAncestorOf(initiator))

    def _on_ops_executed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(*self.entities):
            self._dirty = True
            if self.isVisible():
                self.refresh_if_needed(soft=self.started(initiator))

    def refresh_if_needed(self, *, soft: bool = False) -> None:
        if self._dirty:
            self._dirty = False
            self.reload_count += 1
            self.reload(soft=soft)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh_if_needed()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Another screen chosen, or the window closed: the screen is left (a window minimised
        or covered is not left; Qt marks those hide events spontaneous)."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.leave()

    def leave(self) -> None:
        """Deal with anything typed on the screen and not yet saved (a screen with an editor of
        its own saves it: ui/drafts.py keeps it meanwhile)."""

    def reload(self, *, soft: bool = False) -> None:  # pragma: no cover - every page implements it
        """Read what the page shows again; soft: keep the user's place (the page started it)."""
        raise NotImplementedError

    def run_dialog(self, dialog) -> bool:
        """Show a modal dialog; True when it was accepted. (Tests replace this to fill the form.)"""
        return bool(dialog.exec())

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the page's main table (the first one on it)."""
        main = getattr(self, "table", None)
        tables = [main] if isinstance(main, RowsTable) else self.findChildren(RowsTable)
        visible = [t for t in tables if t.isVisibleTo(self)]
        if visible:
            visible[0].search.setFocus()
            visible[0].search.selectAll()


def title_label(text: str) -> QLabel:
    return QLabel(text, objectName="pageTitle")


def section_label(text: str) -> QLabel:
    return QLabel(text, objectName="sectionTitle")
