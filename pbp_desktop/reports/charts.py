"""Reports layer: vector drawings of an indicator's trajectory (from a ChartSpec) and of the
5x5 risk heat map. Everything is drawn as shapes, so it prints sharp at any size, and RAG is
written as a letter beside each point so it reads in black and white."""

from __future__ import annotations

import math
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from ..domain.risk import band, score
from ..readmodels import ChartSpec
from .theme import BAND_BG, BAND_FG, BOLD, FONT, MID_GREY, NHS_BLUE, NHS_DARK_BLUE, RAG_BG, TEXT


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    ticks = [round(math.floor(lo / step) * step, 10)]
    while ticks[-1] < hi - 1e-9:  # the top tick is at or above the highest value
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt_tick(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def trajectory_drawing(spec: ChartSpec, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    left, right, bottom, top = 40.0, 12.0, 22.0, 30.0
    pw, ph = width - left - right, height - bottom - top
    points = [*spec.plan, *spec.actuals, *spec.forecast]
    if spec.target:
        points.append(spec.target)
    if spec.baseline:
        points.append(spec.baseline)
    if not points:
        d.add(String(width / 2, height / 2, "No plan or data yet", fontName=FONT, fontSize=9,
                     fillColor=MID_GREY, textAnchor="middle"))
        return d
    xs = [p.when.toordinal() for p in points]
    ys = [p.value for p in points]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x0, x1 = x0 - 200, x1 + 200
    pad = (x1 - x0) * 0.04
    x0, x1 = x0 - pad, x1 + pad
    lo, hi = min(ys), max(ys)
    if hi - lo < abs(hi) * 0.1:  # one point, or points close together: show them in context
        spread = abs(hi) * 0.05 or 1.0
        lo, hi = lo - spread, hi + spread
    ticks = _nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    if y1 == y0:
        y1 = y0 + 1

    def px(day: int) -> float:
        return left + (day - x0) / (x1 - x0) * pw

    def py(v: float) -> float:
        return bottom + (v - y0) / (y1 - y0) * ph

    # axes and grid
    for t in ticks:
        d.add(Line(left, py(t), left + pw, py(t), strokeColor=colors.HexColor("#E0E4E6"), strokeWidth=0.4))
        d.add(String(left - 4, py(t) - 2.5, _fmt_tick(t), fontName=FONT, fontSize=6.5, fillColor=TEXT,
                     textAnchor="end"))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=MID_GREY, strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=MID_GREY, strokeWidth=0.6))
    first_year, last_year = date.fromordinal(int(x0)).year, date.fromordinal(int(x1)).year
    step = max(1, math.ceil((last_year - first_year + 1) / 9))
    for year in range(first_year, last_year + 1, step):
        day = date(year, 1, 1).toordinal()
        if x0 <= day <= x1:
            d.add(Line(px(day), bottom, px(day), bottom - 3, strokeColor=MID_GREY, strokeWidth=0.5))
            d.add(String(px(day), bottom - 11, str(year), fontName=FONT, fontSize=6.5, fillColor=TEXT,
                         textAnchor="middle"))
    d.add(String(4, bottom + ph + 8, spec.unit, fontName=FONT, fontSize=6.5, fillColor=MID_GREY))

    # plan from the baseline, dashed
    plan = ([spec.baseline] if spec.baseline else []) + list(spec.plan)
    if len(plan) >= 2:
        coords = [c for p in plan for c in (px(p.when.toordinal()), py(p.value))]
        d.add(PolyLine(coords, strokeColor=NHS_BLUE, strokeWidth=1.2, strokeDashArray=[4, 2]))
    for p in plan:
        x, y = px(p.when.toordinal()), py(p.value)
        d.add(Rect(x - 1.6, y - 1.6, 3.2, 3.2, fillColor=NHS_BLUE, strokeColor=None))
    # forecast, dotted
    if len(spec.forecast) == 2:
        a, b = spec.forecast
        d.add(Line(px(a.when.toordinal()), py(a.value), px(b.when.toordinal()), py(b.value),
                   strokeColor=MID_GREY, strokeWidth=1, strokeDashArray=[1, 2]))
    # actuals, joined, each coloured by RAG and labelled with its letter
    if len(spec.actuals) >= 2:
        coords = [c for p in spec.actuals for c in (px(p.when.toordinal()), py(p.value))]
        d.add(PolyLine(coords, strokeColor=NHS_DARK_BLUE, strokeWidth=1))
    for p in spec.actuals:
        x, y = px(p.when.toordinal()), py(p.value)
        d.add(Circle(x, y, 3.4, fillColor=RAG_BG[p.rag], strokeColor=TEXT, strokeWidth=0.6))
        d.add(String(x + 4.5, y + 3, p.rag.letter + ("*" if p.provisional else ""), fontName=BOLD,
                     fontSize=6.5, fillColor=TEXT))
    # target: a diamond with its value
    if spec.target:
        x, y = px(spec.target.when.toordinal()), py(spec.target.value)
        d.add(Polygon([x, y + 5, x + 5, y, x, y - 5, x - 5, y], fillColor=colors.HexColor("#FFB81C"),
                      strokeColor=TEXT, strokeWidth=0.6))
        value = f"{spec.target.value:,.{spec.decimals}f}" + ("%" if spec.unit.strip() == "%" else "")
        d.add(String(x - 7, y + (6 if y < bottom + 12 else -9), f"Target {value}", fontName=FONT, fontSize=6.5,
                     fillColor=TEXT, textAnchor="end"))
    # legend
    lx = left
    ly = height - 9
    for label, draw in (("Plan", "plan"), ("Actual (R/A/G; * provisional)", "actual"), ("Target", "target"),
                        ("Forecast", "forecast")):
        if draw == "plan":
            d.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=NHS_BLUE, strokeWidth=1.2, strokeDashArray=[4, 2]))
        elif draw == "actual":
            d.add(Circle(lx + 7, ly + 2.5, 3, fillColor=colors.white, strokeColor=TEXT, strokeWidth=0.6))
        elif draw == "target":
            d.add(Polygon([lx + 7, ly + 6.5, lx + 11, ly + 2.5, lx + 7, ly - 1.5, lx + 3, ly + 2.5],
                          fillColor=colors.HexColor("#FFB81C"), strokeColor=TEXT, strokeWidth=0.6))
        else:
            d.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=MID_GREY, strokeWidth=1, strokeDashArray=[1, 2]))
        d.add(String(lx + 17, ly, label, fontName=FONT, fontSize=6.5, fillColor=TEXT))
        lx += 17 + len(label) * 3.6 + 12
    return d


def heatmap_drawing(counts: dict[tuple[int, int], int], size: float = 190) -> Drawing:
    """Likelihood across, consequence up; each cell's band colour, its score in small type and
    the number of risks in it in large type (so it reads without colour too)."""
    left, bottom = 26.0, 26.0
    cell = (size - left - 6) / 5
    d = Drawing(size, size)
    for c in range(1, 6):
        for lk in range(1, 6):
            s = score(c, lk)
            b = band(s)
            x, y = left + (lk - 1) * cell, bottom + (c - 1) * cell
            n = counts.get((c, lk), 0)
            d.add(Rect(x, y, cell, cell, fillColor=BAND_BG[b], strokeColor=colors.white, strokeWidth=1.2))
            d.add(String(x + 2.5, y + cell - 8, str(s), fontName=FONT, fontSize=5.5, fillColor=BAND_FG[b]))
            if n:
                d.add(String(x + cell / 2, y + cell / 2 - 5, str(n), fontName=BOLD, fontSize=13,
                             fillColor=BAND_FG[b], textAnchor="middle"))
    for i in range(1, 6):
        d.add(String(left + (i - 0.5) * cell, bottom - 10, str(i), fontName=FONT, fontSize=7, fillColor=TEXT,
                     textAnchor="middle"))
        d.add(String(left - 6, bottom + (i - 0.5) * cell - 2.5, str(i), fontName=FONT, fontSize=7,
                     fillColor=TEXT, textAnchor="end"))
    d.add(String(left + 2.5 * cell, 2, "Likelihood", fontName=BOLD, fontSize=7, fillColor=TEXT, textAnchor="middle"))
    label = String(0, 0, "Consequence", fontName=BOLD, fontSize=7, fillColor=TEXT, textAnchor="middle")
    from reportlab.graphics.shapes import Group
    g = Group(label)
    g.translate(8, bottom + 2.5 * cell)
    g.rotate(90)
    d.add(g)
    return d
