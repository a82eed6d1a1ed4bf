"""UI layer: the indicator chart - a ChartSpec drawn with pyqtgraph: the planned trajectory,
actuals coloured by RAG (with the letter as the symbol's neighbour, the line broken at gaps), the
target (its value on the right-hand axis, where no line runs), the forecast. The horizontal axis
counts the indicator's periods and labels each tick with the period it sits on, as the pack does;
values are labelled to the indicator's decimals. No figures, or one or two, are said in words
instead of drawn. The chart's one-line description is its accessible description.
Hovering a point shows its period and value."""

from __future__ import annotations

from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ..domain.spc import SpcResult
from ..readmodels import ChartPoint, ChartSpec
from ..readmodels.charts import places_for, thin_from_end, tick_text
from .mdc import POINTS, describe
from .theme import NHS_BLUE, NHS_DARK_BLUE, RAG_BACKGROUND

pg.setConfigOptions(antialias=True, background="w", foreground="#212B32")


LETTERED = 24
CHAR_PX = 7  # about the width of a tick label's character, for thinning the labels


def _x(p: ChartPoint) -> float:
    return p.x


class PeriodAxis(pg.AxisItem):
    """The horizontal axis of periods: ticks at whole slots, labelled with the periods they sit
    on, thinned to the width (by `ticks(max_labels)`, a ChartSpec's or a list's)."""

    def __init__(self):
        super().__init__(orientation="bottom")
        self.ticks_for = lambda max_labels: ()  # max_labels -> ((index, label), ...)
        self.widest = 8

    def set_ticks(self, ticks_for, widest: int) -> None:
        self.ticks_for, self.widest = ticks_for, max(1, widest)
        self.picture = None
        self.update()

    def labelled(self, size: float) -> tuple[tuple[int, str], ...]:
        return tuple(self.ticks_for(max(1, int(size // (self.widest * CHAR_PX + 14)))))

    def tickValues(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph's names
        return [(1.0, [float(i) for i, _ in self.labelled(size) if minVal <= i <= maxVal])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        names = dict(self.labelled(self.geometry().width() or 600))
        return [names.get(int(round(v)), "") for v in values]


class ValueAxis(pg.AxisItem):
    """The value axis: ticks never closer than the indicator's precision, labelled to its
    decimals (no 812.400000000004)."""

    def __init__(self, orientation: str = "left"):
        super().__init__(orientation=orientation)
        self.decimals = 2

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803
        finest = 10.0 ** -max(0, self.decimals)
        levels = [(s, o) for s, o in super().tickSpacing(minVal, maxVal, size) if s >= finest * (1 - 1e-9)]
        return levels or [(finest, 0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        places = places_for(spacing * scale, self.decimals)
        return [tick_text(v * scale, places) for v in values]


class IndicatorChart(pg.PlotWidget):
    """Its lines, points and letters are made once and given new data for each indicator:
    making pyqtgraph items costs more than drawing them."""

    def __init__(self, parent=None):
        periods, values, right = PeriodAxis(), ValueAxis(), pg.AxisItem(orientation="right")
        super().__init__(parent, axisItems={"bottom": periods, "left": values, "right": right})
        self.period_axis, self.value_axis, self.target_axis = periods, values, right
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
        self.actual = pg.PlotDataItem(pen=pg.mkPen(NHS_DARK_BLUE, width=1.5), name="Actual", connect="finite")
        self.actual_dots = pg.ScatterPlotItem(hoverable=True, tip=tip, hoverSize=14)
        self.target = pg.ScatterPlotItem(symbol="star", size=16, brush=pg.mkBrush("#FFB81C"), pen=pg.mkPen("#212B32"),
                                         hoverable=True, tip=tip, name="Target")
        self.forecast = pg.PlotDataItem(pen=pg.mkPen("#768692", width=1.5, style=Qt.PenStyle.DotLine), name="Forecast")
        self.message = pg.TextItem("", color="#425563", anchor=(0.5, 0.5))  # no figures, or one or two
        self.letters: list[pg.TextItem] = []
        for item in (self.plan, self.plan_dots, self.actual, self.actual_dots, self.target, self.forecast,
                     self.message):
            self.addItem(item)
        self.message.setVisible(False)
        self.items: dict[str, pg.GraphicsObject] = {}
        self._legend: list | None = None  # what the legend lists now

    def _axes(self, shown: bool, target: bool = False) -> None:
        for name, on in (("left", shown), ("bottom", shown), ("right", shown and target)):
            (self.plotItem.showAxis if on else self.plotItem.hideAxis)(name)

    def show_spec(self, spec: ChartSpec) -> None:
        self.spec = spec
        self.setAccessibleDescription(spec.description)
        self.value_axis.decimals = spec.decimals
        self.period_axis.set_ticks(spec.ticks, max((len(s) for s in spec.slots), default=4))
        drawn = spec.drawn
        legend = []  # (item, name) in order: the legend is made again only when they differ
        self.items = {}
        self.setLabel("left", spec.unit)
        points = list(spec.plan_line) if drawn else []
        xs, ys = [_x(p) for p in points], [p.value for p in points]
        self.plan.setData(xs, ys)
        self.plan_dots.setData(xs, ys, data=[f"{p.label}\nPlan {spec.fmt(p.value)}" for p in points])
        words = dict(spec.legend)
        if points:
            self.items["plan"] = self.plan
            legend.append((self.plan, words["plan"]))
        actuals = spec.actuals if drawn else ()
        line_x: list[float] = []
        line_y: list[float] = []
        for run in spec.actual_runs if drawn else ():
            if line_x:  # a gap: the line breaks (pyqtgraph does not join across a NaN with connect="finite")
                line_x.append(line_x[-1] + 0.5)
                line_y.append(float("nan"))
            line_x += [_x(p) for p in run]
            line_y += [p.value for p in run]
        self.actual.setData(line_x, line_y, connect="finite")
        tips = []
        for p in actuals:
            flags = ", ".join(f for f, on in (("provisional", p.provisional), ("illustrative", p.illustrative)) if on)
            tips.append(f"{p.label}\nActual {spec.fmt(p.value)} - {p.rag.label}" + (f" ({flags})" if flags else ""))
        # as arrays, not a dict per point: pyqtgraph takes those five times faster
        self.actual_dots.setData(x=[_x(p) for p in actuals], y=[p.value for p in actuals], size=11,
                                 symbol="o", brush=[_brush(RAG_BACKGROUND[p.rag]) for p in actuals],
                                 pen=_OUTLINE, data=tips)
        if actuals:
            self.items["actuals"] = self.actual_dots
            legend.append((self.actual, words["actual"]))
        # the RAG letter beside each point, readable without colour; on a long series beside
        # the latest LETTERED points only (the rest would overprint; hovering still says)
        lettered = actuals[-LETTERED:]
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
        t = spec.target if drawn else None
        self.target.setData([_x(t)] if t else [], [t.value] if t else [],
                            data=[f"{t.label}\nTarget {spec.fmt(t.value)}"] if t else [])
        if t:
            self.items["target"] = self.target
            legend.append((self.target, words["target"]))
            # the target's value on the right-hand axis, at its height: outside the plot, where no line runs
            label = spec.fmt_plain(t.value)
            self.target_axis.setTicks([[(t.value, label)], []])
            self.target_axis.setWidth(len(label) * CHAR_PX + 16)
        f = spec.forecast if drawn else ()
        self.forecast.setData([_x(p) for p in f], [p.value for p in f])
        if f:
            self.items["forecast"] = self.forecast
            legend.append((self.forecast, words["forecast"]))
        if legend != self._legend:
            self.legend.clear()
            for item, name in legend:
                self.legend.addItem(item, name)
            self._legend = legend
        self.setTitle(None)  # the page names the indicator above; a long title here would widen the chart
        self._axes(drawn, t is not None)
        self.message.setVisible(not drawn)
        if drawn:
            self.enableAutoRange()
            return
        lines = [spec.description]  # no figures: the description says so (and what the plan is)
        if spec.as_figures:  # the description is under the chart: here, the figures themselves
            lines = ["Too few figures for a chart:"] + [f"{period}: {figure}" + (f" (plan {plan})" if plan != "—" else "")
                                                        for period, figure, plan in spec.figures()]
        self.message.setText("\n".join(lines))
        self.message.setPos(0.5, 0.5)
        self.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)


_OUTLINE = pg.mkPen("#212B32", width=1)


@lru_cache(maxsize=16)
def _brush(colour: str):
    return pg.mkBrush(colour)


class SpcChart(pg.PlotWidget):
    """An XmR chart: each group's mean and process limits (broken at rebases), points coloured by
    type (hover for date, value and rule), the target. Its items are made once and reused."""

    def __init__(self, parent=None):
        periods, values = PeriodAxis(), ValueAxis()
        super().__init__(parent, axisItems={"bottom": periods, "left": values})
        self.period_axis, self.value_axis = periods, values
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

    def show_result(self, result: SpcResult, unit: str, spec: ChartSpec | None = None) -> None:
        """The points one per place, labelled with their periods (from the indicator's ChartSpec
        when given) and values to its decimals."""
        self.show_nothing()
        self.result = result
        self.setLabel("left", unit)
        pts = result.points
        names = {p.when: p.label for p in spec.actuals} if spec else {}
        labels = [names.get(p.date, f"{p.date:%b %Y}") for p in pts]
        self.period_axis.set_ticks(lambda n: thin_from_end(labels, n), max((len(s) for s in labels), default=4))
        self.value_axis.decimals = spec.decimals if spec else 2
        where = {id(p): float(i) for i, p in enumerate(pts)}
        n_limits = n_rebases = 0
        for k, g in enumerate(result.groups):
            members = [p for p in pts if p.rebase_group == g.rebase_group]
            xs = [where[id(members[0])], where[id(members[-1])]]
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
                    labelOpts={"position": 0.95, "color": "#003087"})).setValue(xs[0] - 0.5)
                n_rebases += 1
        if result.target is not None:
            self.target.setValue(result.target)
            self.target.setVisible(True)
        xs = [float(i) for i in range(len(pts))]
        self.line.setData(xs, [p.value for p in pts])
        self.line.setVisible(True)
        self.dots.setData(x=xs, y=[p.value for p in pts], size=7,
                          brush=[_brush(POINTS[p.point_type]) for p in pts], pen=None,
                          data=[f"{label}: {p.value:,.6g}\n{p.special_cause_type}" for label, p in zip(labels, pts,
                                                                                                   strict=True)])
        self.dots.setVisible(True)
        self.setTitle(f"XmR chart: {describe(result)}", size="9pt", color=QColor("#003087"))
        self.setAccessibleDescription(f"XmR chart of {len(pts)} points: {describe(result)}")
        self.enableAutoRange()
