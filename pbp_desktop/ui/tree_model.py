"""UI layer: the outcome -> objective -> indicator tree as a Qt item model, with the RAG of
each indicator (word and colour) and counts for outcomes and objectives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels import IndicatorRow, ObjectiveRow, OutcomeRow
from .mdc import describe, icons_for
from .table_model import (
    ACCESSIBLE_ROLE,
    BACKGROUND_ROLE,
    DECORATION_ROLE,
    DISPLAY_ROLE,
    FOREGROUND_ROLE,
    ROW_ROLE,
    TOOLTIP_ROLE,
)
from .theme import rag_colour, rag_text_colour

Index = QModelIndex | QPersistentModelIndex
COL_NAME, COL_RAG, COL_LATEST, COL_TARGET = range(4)
HEADERS = ("Name", "RAG", "Latest", "Target")  # short: a narrow tree never cuts its header
HEADER_TIPS = ("Outcome, objective or indicator", "Rating: red, amber, green, or no data", "Latest figure and its period (a clock: out of date, older than its reporting lag)",
               "Target and its date")


@dataclass(eq=False)
class Node:
    kind: str  # "outcome", "objective" or "indicator"
    row: Any
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    pos: int = 0  # its row under its parent
    texts: list[str] | None = None  # each column's text, worked out when first painted

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.row.id


def _counts(node: Node) -> dict[Rag, int]:
    """The RAG of the indicators under a node; archived records below it are not counted, so
    showing them (Show archived) never changes a status count."""
    counts = {r: 0 for r in Rag}
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "indicator":
            counts[n.row.rag] += 1
        stack.extend(c for c in n.children if not getattr(c.row, "archived", False))
    return counts


_ANSWERED = frozenset({DISPLAY_ROLE, ACCESSIBLE_ROLE, TOOLTIP_ROLE, DECORATION_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE, ROW_ROLE,
                       Qt.ItemDataRole.FontRole})


@lru_cache(maxsize=1)
def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


@lru_cache(maxsize=4)
def stale_icon(size: int = 14) -> QIcon:
    """A clock face: the figure beside it is older than the indicator's reporting lag."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#7a4b00"))
    pen.setWidthF(1.4)
    p.setPen(pen)
    p.setBrush(QColor("#fff3d6"))
    r = size / 2
    p.drawEllipse(QPointF(r, r), r - 1, r - 1)
    p.drawLine(QPointF(r, r), QPointF(r, 3))
    p.drawLine(QPointF(r, r), QPointF(size - 4, r))
    p.end()
    return QIcon(pix)


class NodeTreeModel(QAbstractItemModel):
    """The structure of a tree of nodes (each with `children`, `parent` and `pos`, its row under
    its parent) as a Qt item model: the outcome tree and the programme tree share it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[Any] = []

    def _node(self, index: Index) -> Any:
        return index.internalPointer() if index.isValid() else None

    def _children(self, parent: Index) -> list[Any]:
        node = self._node(parent)
        return node.children if node is not None else self._roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children(parent)[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        p = node.parent
        return self.createIndex(p.pos, 0, p)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self._children(parent))


class OutcomeTreeModel(NodeTreeModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[Node] = []
        self.as_at: date | None = None  # the register's "today": a latest figure older than its lag is out of date

    def set_outcomes(self, outcomes: list[OutcomeRow]) -> None:
        self.beginResetModel()
        self._roots = []
        for o in outcomes:
            on = Node("outcome", o, pos=len(self._roots))
            for obj in o.objectives:
                bn = Node("objective", obj, on, pos=len(on.children))
                bn.children = [Node("indicator", i, bn, pos=k) for k, i in enumerate(obj.indicators)]
                on.children.append(bn)
            for i in o.indicators:  # measures of the outcome as a whole, after its objectives
                on.children.append(Node("indicator", i, on, pos=len(on.children)))
            self._roots.append(on)
        self.endResetModel()

    def update_outcomes(self, outcomes: list[OutcomeRow]) -> set[tuple[str, int]] | None:
        """Put in new rows where the tree keeps its shape (the same records in the same places),
        telling the view only of the rows that changed; their keys are returned. None when the
        shape has changed: then set_outcomes is needed."""
        new: list[tuple[Node, Any]] = []

        def below(kind: str, row) -> list[tuple[str, Any]]:
            if kind == "outcome":  # its objectives, then the measures of the outcome as a whole
                return [("objective", j) for j in row.objectives] + [("indicator", i) for i in row.indicators]
            if kind == "objective":
                return [("indicator", i) for i in row.indicators]
            return []

        def pair(nodes: list[Node], items: list[tuple[str, Any]]) -> bool:
            if len(nodes) != len(items):
                return False
            for node, (kind, row) in zip(nodes, items, strict=True):
                if node.kind != kind or node.row.id != row.id:
                    return False
                if node.row is row:  # the very row shown: nothing in it or below it has changed
                    continue
                new.append((node, row))
                if not pair(node.children, below(kind, row)):
                    return False
            return True

        if not pair(self._roots, [("outcome", o) for o in outcomes]):
            return None
        changed: set[tuple[str, int]] = set()
        for node, row in new:
            if node.row is not row and node.row != row:
                node.row = row
                n: Node | None = node
                while n is not None:  # an outcome's and an objective's counts come from below
                    changed.add(n.key)
                    n.texts = None
                    n = n.parent
        for node, _row in new:
            if node.key in changed:
                siblings = node.parent.children if node.parent else self._roots
                r = siblings.index(node)
                self.dataChanged.emit(self.createIndex(r, 0, node), self.createIndex(r, len(HEADERS) - 1, node))
        return changed

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(HEADERS):
            return HEADER_TIPS[section]
        return None

    # ------------------------------------------------------------------ data

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED:  # most of the roles a repaint asks for, at once
            return None
        node = self._node(index)
        if node is None:
            return None
        col = index.column()
        if role == ROW_ROLE:
            return node
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            texts = node.texts  # a repaint asks for every visible cell's text: work each out once
            if texts is None:
                texts = node.texts = [self._text(node, c) for c in range(len(HEADERS))]
            if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_LATEST and self._stale(node):
                return texts[col] + " \u2014 out of date"  # said, where the eye sees the clock
            return texts[col]
        if col == COL_LATEST and self._stale(node):
            # out of date: a clock, the figure in italics and the reason in its tooltip (words in
            # the cell would push the names off a laptop's screen)
            if role == Qt.ItemDataRole.DecorationRole:
                return stale_icon()
            if role == Qt.ItemDataRole.FontRole:
                return _italic()
            if role == Qt.ItemDataRole.ToolTipRole:
                note = node.row.age_note(self.as_at)
                return f"{self._text(node, col)}\n{note[:1].upper()}{note[1:]}"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            spc = node.row.spc if node.kind == "indicator" else None
            return self._text(node, col) + (f"\nMaking Data Count: {describe(spc)}" if spc else "")
        if role == Qt.ItemDataRole.ToolTipRole and col not in (COL_NAME, COL_RAG):
            return self._text(node, col) or None  # a figure's column may be narrower than its text
        if role == Qt.ItemDataRole.DecorationRole and col == COL_RAG and node.kind == "indicator" and node.row.spc:
            return icons_for(node.row.spc, 14)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_RAG and node.kind == "indicator":
            ind = node.row
            if ind.latest is None:
                return "No data yet"
            return "\n".join(t for t in (ind.latest.rag_reason, ind.rag_note(), ind.lead_note()) if t)
        if node.kind == "indicator" and col == COL_RAG:
            if role == Qt.ItemDataRole.BackgroundRole:
                return rag_colour(node.row.rag)
            if role == Qt.ItemDataRole.ForegroundRole:
                return rag_text_colour(node.row.rag)
        return None

    def _text(self, node: Node, col: int) -> str:
        row = node.row
        if col == COL_NAME:
            archived = "[archived]  " if getattr(row, "archived", False) else ""  # leads: never cut off
            if node.kind == "indicator":
                return archived + row.label
            return f"{archived}{row.reference}  {row.title}"
        if node.kind != "indicator":
            if col == COL_RAG:
                c = _counts(node)
                return "  ".join(f"{c[r]} {r.letter}" for r in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY) if c[r])
            return ""
        ind: IndicatorRow = row
        if col == COL_RAG:
            lead = ind.latest.assessed_rag if ind.latest else None
            return f"{ind.rag_letter}  {ind.rag_word}" + (f" (lead: {lead.letter})" if lead else "")
        if col == COL_LATEST:
            if ind.latest is None:
                return "awaiting data" if ind.awaiting_data else "no data yet"
            flags = " (provisional)" if ind.latest.provisional else ""
            return f"{ind.fmt(ind.latest.actual)} {ind.latest.period}{flags}"
        if col == COL_TARGET:
            if ind.target_value is None:
                return "awaited"
            return f"{ind.fmt(ind.target_value)} by {uk_date(ind.target_date)}"
        return ""

    def _stale(self, node: Node) -> bool:
        """An indicator whose latest figure is older than its reporting lag, as at the register's today."""
        return node.kind == "indicator" and self.as_at is not None and node.row.out_of_date(self.as_at)

    # ------------------------------------------------------------------ lookup

    def find(self, key: tuple[str, int]) -> QModelIndex:
        stack = [(n, i, QModelIndex()) for i, n in enumerate(self._roots)]
        while stack:
            node, row, parent = stack.pop()
            idx = self.index(row, 0, parent)
            if node.key == key:
                return idx
            stack.extend((c, i, idx) for i, c in enumerate(node.children))
        return QModelIndex()


def objective_of(node: Node) -> ObjectiveRow | None:
    if node.kind == "objective":
        return node.row
    if node.kind == "indicator" and node.parent:
        return node.parent.row
    return None
