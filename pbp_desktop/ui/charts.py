"""UI layer: the indicator chart - a ChartSpec drawn with pyqtgraph: the planned trajectory,
actuals coloured by RAG (with the letter as the symbol's neighbour), the target, the forecast.
Hovering a point shows its period and value."""

from __future__ import annotations

from datetime import datetime, time
from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ..domain.spc import SpcResult
from ..readmodels import ChartPoint, ChartSpec
from .mdc import POINTS, describe
from .theme import NHS_BLUE, NHS_DARK_BLUE, RAG_BACKGROUND

pg.setConfigOptions(antialias=True, background="w", foreground="#212B32")


LETTERED = 24


def _x(p: ChartPoint) -> float:
    return _day(p.when)


@lru_cache(maxsize=8192)
def _day(d) -> float:
    """Midday of a date as the axis's seconds (a local-time conversion each: kept, as the same
    period ends come back for every indicator)."""
    return datetime.combine(d, time(12)).timestamp()


class IndicatorChart(pg.PlotWidget):
    """Its lines, points and letters are made once and given new data for each indicator:
    making pyqtgraph items costs more than drawing them."""

    def __init__(self, parent=None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setAccessibleName("Indicator chart")
        self.setMinimumHeight(220)
        self.showGrid(x=False, y=True, alpha=0.2)
        self.setMenuEnabled(False)
        self.legend = self.addLegend(offset=(10, 10), labelTextSize="9pt", brush=(255, 255, 255, 210))
        self.spec: ChartSpec | None = None
        tip = lambda x, y, data: data  # noqa: E731 - pyqtgraph formats the tooltip with these names
        self.plan = pg.PlotDataItem(pen=pg.mkPen(NHS_BLUE, width=2, style=Qt.PenStyle.DashLine), name="Plan")
        self.plan_dots = pg.ScatterPlotItem(symbol="s", size=6, brush=pg.mkBrush(NHS_BLUE), pen=None,
                                            hoverable=True, tip=tip)
        self.actual = pg.PlotDataItem(pen=pg.mkPen(NHS_DARK_BLUE, width=1.5), name="Actual")
        self.actual_dots = pg.ScatterPlotItem(hoverable=True, tip=tip, hoverSize=14)
        self.target = pg.ScatterPlotItem(symbol="star", size=16, brush=pg.mkBrush("#FFB81C"), pen=pg.mkPen("#212B32"),
                                         hoverable=True, tip=tip, name="Target")
        self.forecast = pg.PlotDataItem(pen=pg.mkPen("#768692", width=1.5, style=Qt.PenStyle.DotLine), name="Forecast")
        self.letters: list[pg.TextItem] = []
        for item in (self.plan, self.plan_dots, self.actual, self.actual_dots, self.target, self.forecast):
            self.addItem(item)
        self.items: dict[str, pg.GraphicsObject] = {}
        self._legend: list | None = None  # what the legend lists now

    def show_spec(self, spec: ChartSpec) -> None:
        self.spec = spec
        legend = []  # (item, name) in order: the legend is made again only when they differ
        self.items = {}
        self.setLabel("left", spec.unit)
        points = ([spec.baseline] if spec.baseline else []) + list(spec.plan) if spec.plan else []
        xs, ys = [_x(p) for p in points], [p.value for p in points]
        self.plan.setData(xs, ys)
        self.plan_dots.setData(xs, ys, data=[f"{p.label}\nPlan {spec.fmt(p.value)}" for p in points])
        if points:
            self.items["plan"] = self.plan
            legend.append((self.plan, "Plan"))
        self.actual.setData([_x(p) for p in spec.actuals], [p.value for p in spec.actuals])
        tips = []
        for p in spec.actuals:
            flags = ", ".join(f for f, on in (("provisional", p.provisional), ("illustrative", p.illustrative)) if on)
            tips.append(f"{p.label}\nActual {spec.fmt(p.value)} - {p.rag.label}" + (f" ({flags})" if flags else ""))
        # as arrays, not a dict per point: pyqtgraph takes those five times faster
        self.actual_dots.setData(x=[_x(p) for p in spec.actuals], y=[p.value for p in spec.actuals], size=11,
                                 symbol="o", brush=[_brush(RAG_BACKGROUND[p.rag]) for p in spec.actuals],
                                 pen=_OUTLINE, data=tips)
        if spec.actuals:
            self.items["actuals"] = self.actual_dots
            legend.append((self.actual, "Actual"))
        # the RAG letter beside each point, readable without colour; on a long series beside
        # the latest LETTERED points only (the rest would overprint; hovering still says)
        lettered = spec.actuals[-LETTERED:]
        while len(self.letters) < len(lettered):
            text = pg.TextItem("", color="#212B32", anchor=(0, 1))
            self.addItem(text)
            self.letters.append(text)
        for k, text in enumerate(self.letters):
            if k < len(lettered):
                p = lettered[k]
                want = (p.rag.letter, _x(p), p.value)
                if getattr(text, "shown", None) != want:  # a letter's text is laid out again when set
                    text.setText(want[0])
                    text.setPos(want[1], want[2])
                    text.shown = want
            text.setVisible(k < len(lettered))
        t = spec.target
        self.target.setData([_x(t)] if t else [], [t.value] if t else [],
                            data=[f"{t.label}\nTarget {spec.fmt(t.value)}"] if t else [])
        if t:
            self.items["target"] = self.target
            legend.append((self.target, "Target"))
        f = spec.forecast or []
        self.forecast.setData([_x(p) for p in f], [p.value for p in f])
        if f:
            self.items["forecast"] = self.forecast
            legend.append((self.forecast, "Forecast"))
        if legend != self._legend:
            self.legend.clear()
            for item, name in legend:
                self.legend.addItem(item, name)
            self._legend = legend
        self.setTitle(spec.title if not spec.empty else f"{spec.title}: no plan or data yet", size="10pt",
                      color=QColor(NHS_DARK_BLUE))
        self.enableAutoRange()


_OUTLINE = pg.mkPen("#212B32", width=1)


@lru_cache(maxsize=16)
def _brush(colour: str):
    return pg.mkBrush(colour)


def _xd(d) -> float:
    return _day(d)


class SpcChart(pg.PlotWidget):
    """An XmR chart: each group's mean and process limits (broken at rebases), points coloured by
    type (hover for date, value and rule), the target. Its items are made once and reused."""

    def __init__(self, parent=None):
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setAccessibleName("Statistical process control chart")
        self.setMinimumHeight(220)
        self.setMenuEnabled(False)
        self.showGrid(x=False, y=True, alpha=0.2)
        self.result: SpcResult | None = None
        self.means: list[pg.PlotDataItem] = []
        self.limits: list[pg.PlotDataItem] = []
        self.rebases: list[pg.InfiniteLine] = []
        self.target = pg.InfiniteLine(0, angle=0, pen=pg.mkPen("#DE1F26", style=Qt.PenStyle.DashLine),
                                      label="target", labelOpts={"position": 0.98, "color": "#DE1F26"})
        self.line = pg.PlotDataItem(pen=pg.mkPen("#9A9A9A", width=1))
        self.dots = pg.ScatterPlotItem(hoverable=True, tip=lambda x, y, data: data, hoverSize=10)
        for item in (self.target, self.line, self.dots):
            self.addItem(item)
        self.show_nothing()

    def show_nothing(self) -> None:
        """No chart: every item hidden (not removed: they are reused). (Not clear(): PlotWidget
        hands that name to its PlotItem, whose clear() removes every item.)"""
        self.result = None
        for item in (*self.means, *self.limits, *self.rebases, self.target, self.line, self.dots):
            item.setVisible(False)

    def _pooled(self, pool: list, k: int, make):
        while len(pool) <= k:
            item = make()
            self.addItem(item)
            pool.append(item)
        pool[k].setVisible(True)
        return pool[k]

    def show_result(self, result: SpcResult, unit: str) -> None:
        self.show_nothing()
        self.result = result
        self.setLabel("left", unit)
        pts = result.points
        n_limits = n_rebases = 0
        for k, g in enumerate(result.groups):
            members = [p for p in pts if p.rebase_group == g.rebase_group]
            xs = [_xd(members[0].date), _xd(members[-1].date)]
            self._pooled(self.means, k, lambda: pg.PlotDataItem(pen=pg.mkPen("#212B32", width=1.5))).setData(
                xs, [g.mean_col] * 2)
            for limit in (g.lpl, g.upl):
                if limit is not None:
                    self._pooled(self.limits, n_limits, lambda: pg.PlotDataItem(pen=pg.mkPen(
                        "#768692", width=1.2, style=Qt.PenStyle.DashLine))).setData(xs, [limit] * 2)
                    n_limits += 1
            if g.rebase_group:
                self._pooled(self.rebases, n_rebases, lambda: pg.InfiniteLine(
                    0, angle=90, pen=pg.mkPen("#003087", style=Qt.PenStyle.DotLine), label="rebase",
                    labelOpts={"position": 0.95, "color": "#003087"})).setValue(_xd(members[0].date))
                n_rebases += 1
        if result.target is not None:
            self.target.setValue(result.target)
            self.target.setVisible(True)
        self.line.setData([_xd(p.date) for p in pts], [p.value for p in pts])
        self.line.setVisible(True)
        self.dots.setData(x=[_xd(p.date) for p in pts], y=[p.value for p in pts], size=7,
                          brush=[_brush(POINTS[p.point_type]) for p in pts], pen=None,
                          data=[f"{p.date:%b %Y}: {p.value:,.6g}\n{p.special_cause_type}" for p in pts])
        self.dots.setVisible(True)
        self.setTitle(f"XmR chart: {describe(result)}", size="9pt", color=QColor("#003087"))
        self.enableAutoRange()
