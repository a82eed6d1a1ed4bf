"""UI layer: the programme -> project -> milestone tree as a Qt item model. A programme or project
shows its status, gateway stage (as the partnership names it) and delivery confidence; a
milestone its baseline, forecast, actual, slippage and the RAG derived from it. Every RAG is a
letter and a word as well as a colour; confidential and archived records are marked in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..domain.programmes import slip_words
from ..readmodels import MilestoneRow, ProgrammeRow
from .table_model import ROW_ROLE
from .theme import rag_colour, rag_text_colour
from .tree_model import NodeTreeModel

Index = QModelIndex | QPersistentModelIndex
COL_NAME, COL_STATUS, COL_STAGE, COL_RAG, COL_BASELINE, COL_FORECAST, COL_ACTUAL, COL_SLIP = range(8)
HEADERS = ("Name", "Status", "Gateway", "RAG", "Baseline", "Forecast", "Actual", "Slippage")
HEADER_TIPS = (
    "Programme, project or key activity, and milestone",
    "Where the programme, project or milestone stands",
    "Gateway stage, as the partnership names its stages",
    "A programme or project: its delivery confidence. A milestone: derived from its slippage against "
    "its baseline and the contingency (late but within the contingency is amber, beyond it red)",
    "The milestone's baseline date",
    "The milestone's forecast date",
    "The date the milestone was done",
    "How far the milestone lies past its baseline (done, forecast, or today when its forecast has passed)",
)


def rag_words(rag: Rag | None) -> str:
    """A RAG in a letter and a word ("R Red"); never a colour alone."""
    if rag is None:
        return ""
    if rag is Rag.GREY:
        return "not rated"
    return f"{rag.letter} {rag.label}"


def marks(row: Any) -> str:
    """The words that lead a record's name: never cut off by a narrow column."""
    return ("[archived]  " if getattr(row, "archived", False) else "") + \
        ("[confidential]  " if getattr(row, "confidential", False) else "")


def short_slip(days: int | None) -> str:
    """Slippage in a few words for the tree ("6 months late"); the whole judgement is in the
    cell's tooltip."""
    return slip_words(days, brief=True)


@dataclass(eq=False)
class Node:
    kind: str  # "programme", "project" or "milestone"
    row: Any
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    pos: int = 0

    @property
    def key(self) -> tuple[str, int]:
        return ("milestone" if self.kind == "milestone" else "programme"), self.row.id

    @property
    def programme(self) -> ProgrammeRow | None:
        """The programme or project this node is, or the one a milestone belongs to."""
        if self.kind == "milestone":
            return self.parent.row if self.parent is not None else None
        return self.row


class ProgrammeTreeModel(NodeTreeModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[Node] = []

    def set_programmes(self, programmes: list[ProgrammeRow]) -> None:
        self.beginResetModel()
        self._roots = []
        for p in programmes:
            self._roots.append(self._build("programme", p, None, len(self._roots)))
        self.endResetModel()

    def _build(self, kind: str, row: ProgrammeRow, parent: Node | None, pos: int) -> Node:
        node = Node(kind, row, parent, pos=pos)
        for m in sorted(row.milestones, key=lambda m: (m.baseline_date, m.id)):
            node.children.append(Node("milestone", m, node, pos=len(node.children)))
        for project in row.projects:
            node.children.append(self._build("project", project, node, len(node.children)))
        return node

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    # ------------------------------------------------------------------ data

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._node(index)
        if node is None:
            return None
        col = index.column()
        if role == ROW_ROLE:
            return node
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(node, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(node, col)
        if col == COL_RAG:
            rag = self._rag(node)
            if rag is not None and role == Qt.ItemDataRole.BackgroundRole:
                return rag_colour(rag)
            if rag is not None and role == Qt.ItemDataRole.ForegroundRole:
                return rag_text_colour(rag)
        return None

    @staticmethod
    def _rag(node: Node) -> Rag | None:
        return node.row.rag if node.kind == "milestone" else node.row.confidence

    def text(self, node: Node, col: int) -> str:
        row = node.row
        if node.kind == "milestone":
            m: MilestoneRow = row
            if col == COL_NAME:
                return marks(m) + ("◆ " if m.check_point else "") + m.title
            if col == COL_STATUS:
                return m.status.label
            if col == COL_RAG:
                return rag_words(m.rag)
            if col == COL_BASELINE:
                return uk_date(m.baseline_date)
            if col == COL_FORECAST:
                return uk_date(m.forecast_date) if m.forecast_date else ""
            if col == COL_ACTUAL:
                return uk_date(m.actual_date) if m.actual_date else ""
            if col == COL_SLIP:
                return short_slip(m.slippage.days)
            return ""
        p: ProgrammeRow = row
        if col == COL_NAME:
            return f"{marks(p)}{p.reference}  {p.title}"
        if col == COL_STATUS:
            return p.status.label
        if col == COL_STAGE:
            return p.gateway_name
        if col == COL_RAG:
            return rag_words(p.confidence)
        if col == COL_SLIP:
            counts = p.milestone_counts()
            return "  ".join(f"{counts[r]} {r.letter}" for r in (Rag.RED, Rag.AMBER, Rag.GREEN) if counts[r])
        return ""

    def _tip(self, node: Node, col: int) -> str | None:
        row = node.row
        if node.kind == "milestone":
            if col in (COL_RAG, COL_SLIP, COL_NAME):
                head = self.text(node, COL_NAME) if col == COL_NAME else rag_words(row.rag)
                return f"{head}\n{row.slippage.words[:1].upper()}{row.slippage.words[1:]}"
            return self.text(node, col) or None
        if col == COL_RAG and row.confidence is not None:
            return f"Delivery confidence: {rag_words(row.confidence)}" + \
                (f"\n{row.confidence_reason}" if row.confidence_reason else "")
        if col == COL_SLIP:
            return "Its milestones' RAG (red, amber, green), its projects' included"
        return self.text(node, col) or None

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

    def nodes(self) -> list[Node]:
        found, stack = [], list(reversed(self._roots))
        while stack:
            n = stack.pop()
            found.append(n)
            stack.extend(reversed(n.children))
        return found
