"""UI layer: Making Data Count on screen - the variation and assurance icons (drawn by the app,
each with its letter, so colour is never the only signal) and the XmR chart of an indicator."""

from __future__ import annotations

from datetime import datetime, time

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from ..domain.spc import ICON_LETTERS, SpcResult

VARIATION = {"common": "#A6A6A6", "improvement": "#00B0F0", "concern": "#E46C0A", "neutral": "#490092"}
ASSURANCE = {"pass.svg": "#00B0F0", "fail.svg": "#E46C0A", "inconsistent.svg": "#A6A6A6"}
POINTS = {"common_cause": "#7F7F7F", "special_cause_improvement": "#00B0F0", "special_cause_concern": "#E46C0A",
          "special_cause_neutral_high": "#490092", "special_cause_neutral_low": "#490092"}
WORDS = {"common_cause.svg": "common cause", "improvement_high.svg": "improvement (high)",
         "improvement_low.svg": "improvement (low)", "concern_high.svg": "concern (high)",
         "concern_low.svg": "concern (low)", "neutral_high.svg": "neutral (high)", "neutral_low.svg": "neutral (low)",
         "pass.svg": "passes the target", "fail.svg": "fails the target", "inconsistent.svg": "hit or miss"}


def _colour(icon: str) -> str:
    if icon in ASSURANCE:
        return ASSURANCE[icon]
    return VARIATION[icon.split("_")[0]]


def icon_pixmap(icon: str, size: int = 22) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(_colour(icon))
    p.setPen(QPen(colour, max(1.5, size / 10)))
    p.setBrush(Qt.GlobalColor.white)
    p.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    inset = size * 0.18
    p.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(7, int(size * 0.5)))
    p.setFont(font)
    p.setPen(Qt.GlobalColor.white)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, ICON_LETTERS[icon])
    p.end()
    return pix


def icons_for(spc: SpcResult, size: int = 18) -> QIcon:
    """Both icons side by side, for an item view's decoration."""
    icons = [i for i in (spc.variation_icon, spc.assurance_icon) if i]
    pix = QPixmap(size * len(icons) + 2 * (len(icons) - 1), size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    for k, icon in enumerate(icons):
        p.drawPixmap(k * (size + 2), 0, icon_pixmap(icon, size))
    p.end()
    return QIcon(pix)


def describe(spc: SpcResult) -> str:
    text = WORDS[spc.variation_icon]
    if spc.assurance_icon:
        text += f"; {WORDS[spc.assurance_icon]}"
    return text


def _x(d) -> float:
    return datetime.combine(d, time(12)).timestamp()


class SpcChart(pg.PlotWidget):
    """An XmR chart: each group's mean and process limits (broken at rebases), points coloured by
    type (hover for date, value and rule), the target."""

    def __init__(self, parent=None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setAccessibleName("Statistical process control chart")
        self.setMinimumHeight(220)
        self.setMenuEnabled(False)
        self.showGrid(x=False, y=True, alpha=0.2)
        self.result: SpcResult | None = None

    def show_result(self, result: SpcResult, unit: str) -> None:
        self.result = result
        self.clear()
        self.setLabel("left", unit)
        pts = result.points
        for g in result.groups:
            members = [p for p in pts if p.rebase_group == g.rebase_group]
            xs = [_x(members[0].date), _x(members[-1].date)]
            self.addItem(pg.PlotDataItem(xs, [g.mean_col] * 2, pen=pg.mkPen("#212B32", width=1.5)))
            for limit in (g.lpl, g.upl):
                if limit is not None:
                    self.addItem(pg.PlotDataItem(xs, [limit] * 2, pen=pg.mkPen("#768692", width=1.2,
                                                                               style=Qt.PenStyle.DashLine)))
            if g.rebase_group:
                self.addItem(pg.InfiniteLine(_x(members[0].date), angle=90,
                                             pen=pg.mkPen("#003087", style=Qt.PenStyle.DotLine), label="rebase",
                                             labelOpts={"position": 0.95, "color": "#003087"}))
        if result.target is not None:
            self.addItem(pg.InfiniteLine(result.target, angle=0, pen=pg.mkPen("#DE1F26", style=Qt.PenStyle.DashLine),
                                         label="target", labelOpts={"position": 0.98, "color": "#DE1F26"}))
        self.addItem(pg.PlotDataItem([_x(p.date) for p in pts], [p.value for p in pts], pen=pg.mkPen("#9A9A9A", width=1)))
        spots = [{"pos": (_x(p.date), p.value), "size": 7, "brush": pg.mkBrush(POINTS[p.point_type]), "pen": None,
                  "data": f"{p.date:%b %Y}: {p.value:,.6g}\n{p.special_cause_type}"} for p in pts]
        self.addItem(pg.ScatterPlotItem(spots=spots, hoverable=True, tip=lambda x, y, data: data, hoverSize=10))
        self.setTitle(f"XmR chart: {describe(result)}", size="9pt", color=QColor("#003087"))
        self.enableAutoRange()
