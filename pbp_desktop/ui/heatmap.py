"""UI layer: the NHS 5x5 risk matrix as a widget. As a heat map it shows how many risks sit in
each cell (click or Space on a cell to filter the register by it); as a picker it chooses a
consequence and likelihood, and the score shown is always their product, never typed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain.enums import RiskBand
from ..domain.risk import CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, band, score

BAND_COLOURS = {RiskBand.LOW: "#78BE20", RiskBand.MODERATE: "#FFEB3B", RiskBand.HIGH: "#ED8B00",
                RiskBand.EXTREME: "#D5281B"}
BAND_TEXT = {RiskBand.LOW: "#212B32", RiskBand.MODERATE: "#212B32", RiskBand.HIGH: "#212B32",
             RiskBand.EXTREME: "#FFFFFF"}


class RiskMatrix(QWidget):
    """Likelihood across (1 to 5), consequence up (1 at the bottom): the NHS layout."""

    cell_clicked = Signal(int, int)  # consequence, likelihood
    picked = Signal(int, int)

    def __init__(self, *, picker: bool = False, parent=None):
        super().__init__(parent)
        self.picker = picker
        self.counts: dict[tuple[int, int], int] = {}
        self.selected: tuple[int, int] | None = None
        self.focus_cell = (3, 3)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Risk matrix picker" if picker else "Risk heat map")
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(230, 200) if self.picker else QSize(340, 290)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 160)

    # ------------------------------------------------------------------ state

    def set_counts(self, counts: dict[tuple[int, int], int]) -> None:
        self.counts = dict(counts)
        self._describe()
        self.update()

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        self.selected = cell
        if cell:
            self.focus_cell = cell
        self._describe()
        self.update()

    def _describe(self) -> None:
        if self.picker and self.selected:
            c, lk = self.selected
            self.setAccessibleDescription(
                f"{CONSEQUENCE_LABELS[c]} ({c}) x {LIKELIHOOD_LABELS[lk]} ({lk}) = {score(c, lk)}")
        elif not self.picker:
            total = sum(self.counts.values())
            self.setAccessibleDescription(f"{total} risks on the matrix")

    # ------------------------------------------------------------------ geometry

    def _grid(self) -> tuple[QRectF, float, float]:
        left, bottom = 26.0, 22.0
        area = QRectF(left, 4.0, self.width() - left - 4.0, self.height() - bottom - 8.0)
        return area, area.width() / 5, area.height() / 5

    def _cell_rect(self, consequence: int, likelihood: int) -> QRectF:
        area, w, h = self._grid()
        return QRectF(area.left() + (likelihood - 1) * w, area.top() + (5 - consequence) * h, w, h)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        area, w, h = self._grid()
        if not area.contains(x, y):
            return None
        likelihood = int((x - area.left()) // w) + 1
        consequence = 5 - int((y - area.top()) // h)
        return (min(max(consequence, 1), 5), min(max(likelihood, 1), 5))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        for c in range(1, 6):
            for lk in range(1, 6):
                rect = self._cell_rect(c, lk)
                b = band(score(c, lk))
                n = self.counts.get((c, lk), 0)
                colour = QColor(BAND_COLOURS[b])
                if not self.picker and n == 0:
                    colour = colour.lighter(150)
                p.fillRect(rect.adjusted(1, 1, -1, -1), colour)
                if (c, lk) == self.selected:
                    p.setPen(QPen(QColor("#003087"), 3))
                    p.drawRect(rect.adjusted(2, 2, -2, -2))
                if self.hasFocus() and (c, lk) == self.focus_cell:
                    p.setPen(QPen(QColor("#212B32"), 1, Qt.PenStyle.DashLine))
                    p.drawRect(rect.adjusted(4, 4, -4, -4))
                p.setPen(QColor(BAND_TEXT[b]))
                if self.picker:
                    font.setPointSizeF(max(7.0, rect.height() / 3.2))
                    font.setBold((c, lk) == self.selected)
                    p.setFont(font)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(score(c, lk)))
                elif n:
                    font.setPointSizeF(max(8.0, rect.height() / 3))
                    font.setBold(True)
                    p.setFont(font)
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
        font.setBold(False)
        font.setPointSizeF(8)
        p.setFont(font)
        p.setPen(QColor("#425563"))
        area, w, h = self._grid()
        for i in range(1, 6):
            p.drawText(QRectF(area.left() + (i - 1) * w, area.bottom() + 2, w, 16), Qt.AlignmentFlag.AlignCenter, str(i))
            p.drawText(QRectF(0, area.top() + (5 - i) * h, area.left() - 4, h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(i))
        p.end()

    # ------------------------------------------------------------------ input

    def _choose(self, cell: tuple[int, int]) -> None:
        if self.picker:
            self.set_selected(cell)
            self.picked.emit(*cell)
        else:
            self.cell_clicked.emit(*cell)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None:
            self.focus_cell = cell
            self._choose(cell)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is None:
            self.setToolTip("")
            return
        c, lk = cell
        text = (f"Consequence {CONSEQUENCE_LABELS[c]} ({c}) x likelihood {LIKELIHOOD_LABELS[lk]} ({lk}) "
                f"= {score(c, lk)} ({band(score(c, lk)).label})")
        if not self.picker:
            text += f"\n{self.counts.get(cell, 0)} risk(s)"
        self.setToolTip(text)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        c, lk = self.focus_cell
        key = event.key()
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0)}
        if key in moves:
            dc, dl = moves[key]
            self.focus_cell = (min(max(c + dc, 1), 5), min(max(lk + dl, 1), 5))
            self.update()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._choose(self.focus_cell)
        else:
            super().keyPressEvent(event)
