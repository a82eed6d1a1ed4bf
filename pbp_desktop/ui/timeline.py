"""UI layer: a programme's milestones on a timeline, painted with QPainter. Each milestone is a
row: its contingency band (baseline to the last day the contingency allows) shaded, a bar from
the baseline to the date it is judged by, coloured by its RAG, the baseline marked with an open
diamond and the forecast (open circle) or actual (filled circle) marked; a line marks today.
Beside each row its RAG in a letter, so nothing is said by colour alone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels import MilestoneRow
from .theme import NHS_DARK_BLUE, RAG_BACKGROUND

ROW = 26
TOP = 30  # the axis of months
BOTTOM = 26  # the key
LABEL = 190  # the milestones' titles
RAG_COL = 30
BAND = QColor("#D6E3F3")


def _days(d: date) -> int:
    return d.toordinal()


class Timeline(QWidget):
    """The milestones of one programme or project (its projects' included), baseline against
    forecast, with the contingency band and today."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.milestones: list[MilestoneRow] = []
        self.today: date | None = None
        self.selected: int | None = None
        self.title = ""
        self.setAccessibleName("Timeline of milestones")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)

    def set_milestones(self, milestones, today: date | None, *, selected: int | None = None, title: str = "") -> None:
        self.milestones = sorted(milestones, key=lambda m: (m.baseline_date, m.id))
        self.today = today
        self.selected = selected
        self.title = title
        self.setAccessibleDescription(self.describe())
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def describe(self) -> str:
        """The timeline in words, for a screen reader."""
        if not self.milestones:
            return "No milestones yet."
        return "; ".join(f"{m.title}: {m.slippage.words}" for m in self.milestones)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, TOP + BOTTOM + max(len(self.milestones), 1) * ROW + 8)

    def event(self, event) -> bool:
        """A row's tooltip: the milestone's title whole and its judgement in words."""
        if event.type() == QEvent.Type.ToolTip:
            row = int((event.pos().y() - TOP) // ROW) if event.pos().y() >= TOP else -1
            if 0 <= row < len(self.milestones):
                m = self.milestones[row]
                QToolTip.showText(event.globalPos(), f"{m.title}\n{m.slippage.words[:1].upper()}{m.slippage.words[1:]}",
                                  self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _range(self) -> tuple[int, int]:
        days: list[int] = []
        for m in self.milestones:
            days.append(_days(m.baseline_date))
            for d in (m.forecast_date, m.actual_date, m.slippage.allowed_until, m.slippage.judged_on):
                if d is not None:
                    days.append(_days(d))
        if self.today is not None:
            days.append(_days(self.today))
        lo, hi = min(days), max(days)
        pad = max(14, (hi - lo) // 20)
        return lo - pad, hi + pad

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.fillRect(self.rect(), QColor("white"))
            if not self.milestones:
                p.setPen(QColor("#425563"))
                p.drawText(self.rect().adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                           "No milestones yet: Add milestone… gives this programme its check points.")
                return
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        lo, hi = self._range()
        left = LABEL + RAG_COL
        right = max(self.width() - 12, left + 50)
        span = max(hi - lo, 1)

        def x(d: date) -> float:
            return left + (right - left) * (_days(d) - lo) / span

        font = QFont(self.font())
        metrics = QFontMetrics(font)
        height = TOP + len(self.milestones) * ROW
        # the axis: a tick at the start of each month (every few months on a long span), its year at January
        months = span / 30.44
        every = 1 if months <= 14 else 3 if months <= 40 else 6 if months <= 80 else 12
        d = date.fromordinal(lo).replace(day=1)
        last_end = -1e9
        first = True
        while _days(d) <= hi:
            if _days(d) >= lo and (d.month - 1) % every == 0:
                xx = x(d)
                p.setPen(QPen(QColor("#E8EDEE"), 1))
                p.drawLine(QPointF(xx, TOP - 4), QPointF(xx, height))
                # the year at each January; the first label has it too, unless a January follows closely
                soon_january = d.month != 1 and (13 - d.month) % 12 < 2 * every
                label = d.strftime("%b %Y") if (first and not soon_january) or d.month == 1 or every >= 12 \
                    else d.strftime("%b")
                if xx + 2 > last_end + 6 and xx + 2 + metrics.horizontalAdvance(label) <= self.width():
                    p.setPen(QColor("#425563"))
                    p.drawText(QPointF(xx + 2, TOP - 8), label)
                    last_end = xx + 2 + metrics.horizontalAdvance(label)
                    first = False
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        for i, m in enumerate(self.milestones):
            top = TOP + i * ROW
            mid = top + ROW / 2
            if m.id == self.selected:  # the milestone chosen in the tree: outlined, its title in bold
                p.setPen(QPen(QColor(NHS_DARK_BLUE), 1.5))
                p.drawRect(QRectF(1, top + 1, self.width() - 2, ROW - 2))
            bold = QFont(font)
            bold.setBold(m.id == self.selected)
            p.setFont(bold)
            p.setPen(QColor("#212B32"))
            title = QFontMetrics(bold).elidedText(m.title, Qt.TextElideMode.ElideRight, LABEL - 8)
            p.drawText(QRectF(4, top, LABEL - 8, ROW), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
            p.setFont(font)
            rag = m.rag
            letter = "—" if rag is Rag.GREY else rag.letter
            box = QRectF(LABEL, top + 4, RAG_COL - 6, ROW - 8)
            p.fillRect(box, QColor(RAG_BACKGROUND[rag]))
            p.setPen(QColor("white") if rag in (Rag.RED, Rag.GREEN) else QColor("#212B32"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, letter)
            allowed = m.slippage.allowed_until
            if allowed is not None and allowed > m.baseline_date:
                band = QRectF(x(m.baseline_date), top + 4, x(allowed) - x(m.baseline_date), ROW - 8)
                p.fillRect(band, BAND)
                p.setPen(QPen(QColor("#7C9CC4"), 1, Qt.PenStyle.DotLine))
                p.drawRect(band)
            judged = m.slippage.judged_on
            if judged is not None and judged != m.baseline_date and rag is not Rag.GREY:
                a, b = sorted((x(m.baseline_date), x(judged)))
                p.fillRect(QRectF(a, mid - 3, max(b - a, 1), 6), QColor(RAG_BACKGROUND[rag]))
            # the baseline: an open diamond
            p.setPen(QPen(QColor(NHS_DARK_BLUE), 1.5))
            p.setBrush(QColor("white"))
            bx = x(m.baseline_date)
            diamond = QPainterPath()
            diamond.moveTo(bx, mid - 6)
            diamond.lineTo(bx + 6, mid)
            diamond.lineTo(bx, mid + 6)
            diamond.lineTo(bx - 6, mid)
            diamond.closeSubpath()
            p.drawPath(diamond)
            # the actual (filled) or the forecast (open) circle
            when = m.actual_date or m.forecast_date
            if when is not None:
                p.setBrush(QColor("#212B32") if m.actual_date else QColor("white"))
                p.setPen(QPen(QColor("#212B32"), 1.5))
                p.drawEllipse(QPointF(x(when), mid), 5, 5)
            p.setBrush(Qt.BrushStyle.NoBrush)
        if self.today is not None:
            tx = x(self.today)
            pen = QPen(QColor("#D5281B"), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(tx, TOP - 4), QPointF(tx, height))
            p.setPen(QColor("#D5281B"))
            words = f"today {uk_date(self.today)}"
            width = metrics.horizontalAdvance(words)
            at = tx + 3 if tx + 3 + width <= self.width() - 2 else tx - 3 - width  # never past the edge
            p.drawText(QPointF(at, height + 12), words)
