"""Reports layer: vector drawings of an indicator's trajectory (from a ChartSpec) and of the
5x5 risk heat map. Everything is drawn as shapes, so it prints sharp at any size, and RAG is
written as a letter beside each point so it reads in black and white."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Path, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_NON_ZERO

from ..domain.risk import band, score
from ..readmodels import ChartSpec
from ..readmodels.charts import thin_from_end, tick_text, value_ticks
from .theme import (
    BAND_BG,
    BAND_FG,
    BOLD,
    FONT,
    MID_GREY,
    NHS_BLUE,
    NHS_DARK_BLUE,
    RAG_BG,
    TEXT,
    register_fonts,
)


def _value_range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi - lo < abs(hi) * 0.1:  # one point, or points close together: show them in context
        spread = abs(hi) * 0.05 or 1.0
        lo, hi = lo - spread, hi + spread
    return lo, hi


def _dots(d: Drawing, points, r: float, strokeColor=None, strokeWidth: float = 0) -> None:  # noqa: N803
    """Round markers, each a stroke a hundredth of a point long with round caps (a disc),
    one path for each colour, an outline as a wider disc beneath: a long series has hundreds of
    points, and a shape each (or a circle's four curves each) is most of a chart's cost in the
    PDF. `points` are (x, y, fill colour)."""
    def path(colour, width):
        return Path(strokeColor=colour, strokeWidth=width, strokeLineCap=1, fillColor=None)

    outline = path(strokeColor, 2 * r + strokeWidth) if strokeColor is not None and strokeWidth else None
    fills: dict = {}
    for x, y, fill in points:
        for p in (outline, fills.get(fill) or fills.setdefault(fill, path(fill, 2 * r))):
            if p is not None:
                p.moveTo(x, y)
                p.lineTo(x + 0.01, y)  # not quite zero: some viewers skip a zero-length stroke
    for p in (outline, *fills.values()):
        if p is not None:
            d.add(p)


TARGET_FILL = colors.HexColor("#FFB81C")
TICK_SIZE = 6.5


def _legend_glyph(d: Drawing, key: str, lx: float, ly: float) -> None:
    if key == "plan":
        d.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=NHS_BLUE, strokeWidth=1.2, strokeDashArray=[4, 2]))
    elif key == "actual":
        d.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=NHS_DARK_BLUE, strokeWidth=1))
        d.add(Circle(lx + 7, ly + 2.5, 3, fillColor=colors.white, strokeColor=TEXT, strokeWidth=0.6))
    elif key == "target":
        d.add(Polygon([lx + 7, ly + 6.5, lx + 11, ly + 2.5, lx + 7, ly - 1.5, lx + 3, ly + 2.5],
                      fillColor=TARGET_FILL, strokeColor=TEXT, strokeWidth=0.6))
    elif key == "forecast":
        d.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=MID_GREY, strokeWidth=1, strokeDashArray=[1, 2]))


def _legend_rows(legend, room: float) -> list[list[tuple[str, str, float]]]:
    rows: list[list[tuple[str, str, float]]] = []
    used = room + 1
    for key, words in legend:
        w = 17 + stringWidth(words, FONT, TICK_SIZE) + 10
        if used + w > room:
            rows.append([])
            used = 0.0
        rows[-1].append((key, words, w))
        used += w
    return rows


def trajectory_drawing(spec: ChartSpec, width: float, height: float) -> Drawing:
    """The trajectory on the indicator's own periods: the plan dashed from the baseline, the
    actuals joined (broken at gaps) and lettered by RAG, the target as a diamond whose value is
    written in the right margin (where no line runs), the forecast dotted. A legend of only what
    is drawn. No chart for no figures, nor for one or two (the pack gives those as figures)."""
    register_fonts()  # the labels are measured in the pack's font
    d = Drawing(width, height)
    if not spec.drawn:
        text = "No figures yet" if not spec.actuals else "Too few figures for a chart"
        d.add(String(width / 2, height / 2, text, fontName=FONT, fontSize=9, fillColor=MID_GREY, textAnchor="middle"))
        return d
    points = [*spec.plan_line, *spec.actuals, *spec.forecast, *([spec.target] if spec.target else [])]
    lo, hi = _value_range([p.value for p in points])
    ticks, places = value_ticks(lo, hi, spec.decimals)
    y0, y1 = ticks[0], ticks[-1]
    labels = [tick_text(t, places) for t in ticks]
    target_text = spec.fmt_plain(spec.target.value) if spec.target else ""
    left = max(stringWidth(s, FONT, TICK_SIZE) for s in labels) + 8
    right = (stringWidth(target_text, FONT, TICK_SIZE) + 9) if spec.target else 10.0
    rows = _legend_rows(spec.legend, width - left)
    bottom, top = 22.0, 20.0 + 10 * len(rows)
    pw, ph = width - left - right, height - bottom - top
    x0, x1 = spec.x_range

    def px(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * pw

    def py(v: float) -> float:
        return bottom + (v - y0) / (y1 - y0) * ph

    # axes and grid
    for t, s in zip(ticks, labels, strict=True):
        d.add(Line(left, py(t), left + pw, py(t), strokeColor=colors.HexColor("#E0E4E6"), strokeWidth=0.4))
        d.add(String(left - 4, py(t) - 2.5, s, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT, textAnchor="end"))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=MID_GREY, strokeWidth=0.6))
    d.add(Line(left, bottom, left, bottom + ph, strokeColor=MID_GREY, strokeWidth=0.6))
    widest = max((stringWidth(s, FONT, TICK_SIZE) for s in spec.slots), default=20)
    shown = [i for i in range(len(spec.slots)) if x0 <= i <= x1]
    if len(shown) <= 60:  # a small mark on every period
        for i in shown:
            d.add(Line(px(i), bottom, px(i), bottom - 1.5, strokeColor=MID_GREY, strokeWidth=0.4))
    for i, label in spec.ticks(int(pw // (widest + 6))):
        d.add(Line(px(i), bottom, px(i), bottom - 3, strokeColor=MID_GREY, strokeWidth=0.5))
        d.add(String(px(i), bottom - 11, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT,
                     textAnchor="middle"))
    d.add(String(4, bottom + ph + 8, spec.unit, fontName=FONT, fontSize=TICK_SIZE, fillColor=MID_GREY))

    # plan from the baseline, dashed
    plan = spec.plan_line
    if len(plan) >= 2:
        coords = [c for p in plan for c in (px(p.x), py(p.value))]
        d.add(PolyLine(coords, strokeColor=NHS_BLUE, strokeWidth=1.2, strokeDashArray=[4, 2]))
    if plan:  # the plan's points as small squares, in one path
        squares = Path(fillColor=NHS_BLUE, strokeColor=None, autoclose="pdf", fillMode=FILL_NON_ZERO)
        for p in plan:
            x, y = px(p.x), py(p.value)
            squares.moveTo(x - 1.6, y - 1.6)
            squares.lineTo(x + 1.6, y - 1.6)
            squares.lineTo(x + 1.6, y + 1.6)
            squares.lineTo(x - 1.6, y + 1.6)
            squares.closePath()
        d.add(squares)
    # forecast, dotted
    if len(spec.forecast) == 2:
        a, b = spec.forecast
        d.add(Line(px(a.x), py(a.value), px(b.x), py(b.value), strokeColor=MID_GREY, strokeWidth=1,
                   strokeDashArray=[1, 2]))
    # actuals, joined within each run (a gap breaks the line), each coloured by RAG and lettered
    for run in spec.actual_runs:
        if len(run) >= 2:
            d.add(PolyLine([c for p in run for c in (px(p.x), py(p.value))], strokeColor=NHS_DARK_BLUE,
                           strokeWidth=1))
    dense = len(spec.actuals) > 24  # a long series: small points, and the letter on the latest only
    _dots(d, [(px(p.x), py(p.value), RAG_BG[p.rag]) for p in spec.actuals], 1.8 if dense else 3.4,
          strokeColor=TEXT, strokeWidth=0.3 if dense else 0.6)
    for k, p in enumerate(spec.actuals):
        if not dense or k == len(spec.actuals) - 1:
            d.add(String(px(p.x) + 4.5, py(p.value) + 3, p.rag.letter + ("*" if p.provisional else ""),
                         fontName=BOLD, fontSize=TICK_SIZE, fillColor=TEXT))
    # target: a diamond, its value in the right margin at its height (no line runs there)
    if spec.target:
        x, y = px(spec.target.x), py(spec.target.value)
        d.add(Polygon([x, y + 5, x + 5, y, x, y - 5, x - 5, y], fillColor=TARGET_FILL, strokeColor=TEXT,
                      strokeWidth=0.6))
        label = String(left + pw + 7, y - 2.3, target_text, fontName=BOLD, fontSize=TICK_SIZE, fillColor=TEXT)
        label.target_label = True  # found by the tests, which check no line crosses it
        d.add(label)
    # legend: only what is drawn, on as many rows as it needs (the plot is lowered to make room)
    for r, row in enumerate(rows):
        lx, ly = left, height - 9 - 10 * r
        for key, words, w in row:
            _legend_glyph(d, key, lx, ly)
            s = String(lx + 17, ly, words, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT)
            s.legend_key = key
            d.add(s)
            lx += w
    return d


REF_PT = 5.6  # a heat-map cell's references


def cell_lines(refs: list[str], width: float, lines: int, font: str = FONT, size: float = REF_PT) -> list[str]:
    """A cell's references set out in at most `lines` lines of `width`: as many as fit, in the
    order given, and "+N more" for the rest (so ten risks in one cell stay legible)."""
    def layout(items: list[str]) -> list[str]:
        out: list[str] = []
        line = ""
        for item in items:
            trial = f"{line} {item}" if line else item
            if line and stringWidth(trial, font, size) > width:
                out.append(line)
                line = item
            else:
                line = trial
        return [*out, line] if line else out
    full = layout(refs)
    if len(full) <= lines:
        return full
    fits = sum(len(x.split()) for x in full[:lines])  # no more than these can be shown
    for k in range(fits, -1, -1):
        out = layout([*refs[:k], f"+{len(refs) - k} more"])
        if len(out) <= lines:
            return out
    return [f"+{len(refs)} more"]


def heatmap_drawing(counts: dict[tuple[int, int], int], size: float = 190,
                    refs: dict[tuple[int, int], list[str]] | None = None) -> Drawing:
    """Likelihood across, consequence up; each cell's band colour and its score in small type;
    with `refs`, the references of the risks in it (as many as fit, then "+N more"), else the
    number of risks in it in large type (so it reads without colour too)."""
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
            here = (refs or {}).get((c, lk), [])
            if here:
                if n > 1:
                    d.add(String(x + cell - 2.5, y + cell - 8, f"({n})", fontName=FONT, fontSize=5.5,
                                 fillColor=BAND_FG[b], textAnchor="end"))
                leading = REF_PT + 1.0
                lines = cell_lines(here, cell - 5, max(1, int((cell - 12) // leading)), BOLD)
                for k, text in enumerate(lines):
                    d.add(String(x + cell / 2, y + cell - 16 - k * leading, text, fontName=BOLD, fontSize=REF_PT,
                                 fillColor=BAND_FG[b], textAnchor="middle"))
            elif n:
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


# ----------------------------------------------------------------------------- Making Data Count

VARIATION_COLOURS = {"common_cause": colors.HexColor("#A6A6A6"), "improvement": colors.HexColor("#00B0F0"),
                     "concern": colors.HexColor("#E46C0A"), "neutral": colors.HexColor("#490092")}
ASSURANCE_COLOURS = {"pass.svg": colors.HexColor("#00B0F0"), "fail.svg": colors.HexColor("#E46C0A"),
                     "inconsistent.svg": colors.HexColor("#A6A6A6")}
POINT_COLOURS = {"common_cause": colors.HexColor("#7F7F7F"), "special_cause_improvement": colors.HexColor("#00B0F0"),
                 "special_cause_concern": colors.HexColor("#E46C0A"),
                 "special_cause_neutral_high": colors.HexColor("#490092"),
                 "special_cause_neutral_low": colors.HexColor("#490092")}


def _icon(d: Drawing, x: float, y: float, r: float, fill, letter: str, caption: str | None = None,
          drop: float = 7) -> None:
    d.add(Circle(x, y, r, fillColor=colors.white, strokeColor=fill, strokeWidth=max(1.2, r / 5)))
    d.add(Circle(x, y, r * 0.72, fillColor=fill, strokeColor=None))
    d.add(String(x, y - r * 0.36, letter, fontName=BOLD, fontSize=r * 1.05, fillColor=colors.white,
                 textAnchor="middle"))
    if caption:
        d.add(String(x, y - r - drop, caption, fontName=FONT, fontSize=5.5, fillColor=TEXT, textAnchor="middle"))


def icons_drawing(variation_icon: str | None, assurance_icon: str | None, size: float = 11,
                  captions: bool = False) -> Drawing:
    """The variation icon (a circle with H, L or ~) and the assurance icon (P, F or ?), as MDC
    draws them: shape and letter carry the meaning, colour only repeats it."""
    from ..domain.spc import ICON_LETTERS
    r = size / 2
    # with captions, the second sits a line below the first: side by side, "improvement" and
    # "fails" overprinted each other
    d = Drawing(size * 2 + 4, size + (16 if captions else 0))
    base = 16 if captions else 0
    if variation_icon:
        kind = variation_icon.split("_")[0].replace(".svg", "")
        kind = "common_cause" if kind == "common" else kind
        label = {"common_cause": "common cause", "improvement": "improvement", "concern": "concern",
                 "neutral": "neutral"}[kind]
        _icon(d, r, base + r, r, VARIATION_COLOURS[kind], ICON_LETTERS[variation_icon], label if captions else None)
    if assurance_icon:
        label = {"pass.svg": "passes", "fail.svg": "fails", "inconsistent.svg": "hit or miss"}[assurance_icon]
        _icon(d, size + 4 + r, base + r, r, ASSURANCE_COLOURS[assurance_icon], ICON_LETTERS[assurance_icon],
              label if captions else None, drop=14 if variation_icon else 7)
    return d


TARGET_RED = colors.HexColor("#DE1F26")
POINT_WORDS = {"common_cause": "common cause", "special_cause_improvement": "improvement",
               "special_cause_concern": "concern", "special_cause_neutral_high": "special cause (high)",
               "special_cause_neutral_low": "special cause (low)"}


def spc_legend(result) -> list[tuple[str, str]]:
    """(key, words) of what an XmR chart draws: the kinds of point present, the mean, the
    process limits when there are any, the target when there is one."""
    present = {p.point_type for p in result.points}
    out = [(f"point:{t}", w) for t, w in POINT_WORDS.items() if t in present]
    out.append(("mean", "mean"))
    if any(g.lpl is not None for g in result.groups):
        out.append(("limits", "process limits"))
    if result.target is not None:
        out.append(("target", "target"))
    return out


def spc_ticks(result, spec: ChartSpec | None, width: float) -> list[tuple[int, str]]:
    """(point index, period label) of the labelled points of an XmR chart, thinned to fit the
    width, counted back from the latest point so it is always labelled."""
    names = {p.when: p.label for p in spec.actuals} if spec else {}
    labels = [names.get(p.date, f"{p.date:%b %Y}") for p in result.points]
    if not labels:
        return []
    widest = max(stringWidth(s, FONT, TICK_SIZE) for s in labels) + 6
    return thin_from_end(labels, int(width // widest))


def spc_drawing(result, unit: str, width: float, height: float, spec: ChartSpec | None = None) -> Drawing:
    """An XmR chart: each rebase group's mean and process limits (broken at rebases), the points
    coloured by type with a letter for special causes, and the target. With the indicator's
    ChartSpec, its points are labelled with their periods and its values to its decimals."""
    register_fonts()
    d = Drawing(width, height)
    left, right, bottom, top = 40.0, 12.0, 22.0, 16.0
    pts = result.points
    ys = [p.value for p in pts] + [v for p in pts for v in (p.lpl, p.upl) if v is not None]
    if result.target is not None:
        ys.append(result.target)
    lo, hi = _value_range(ys)
    ticks, places = value_ticks(lo, hi, spec.decimals if spec else 2)
    labels = [tick_text(t, places) for t in ticks]
    left = max(stringWidth(s, FONT, TICK_SIZE) for s in labels) + 8
    pw, ph = width - left - right, height - bottom - top
    y0, y1 = ticks[0], ticks[-1]
    n = len(pts)

    def px(i: int) -> float:
        return left + (i + 0.5) / n * pw

    def py(v: float) -> float:
        return bottom + (v - y0) / (y1 - y0) * ph

    for t, s in zip(ticks, labels, strict=True):
        d.add(Line(left, py(t), left + pw, py(t), strokeColor=colors.HexColor("#E0E4E6"), strokeWidth=0.4))
        d.add(String(left - 4, py(t) - 2.5, s, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT, textAnchor="end"))
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=MID_GREY, strokeWidth=0.6))
    d.add(String(4, bottom + ph + 4, unit, fontName=FONT, fontSize=TICK_SIZE, fillColor=MID_GREY))
    for i, label in spc_ticks(result, spec, pw):
        d.add(Line(px(i), bottom, px(i), bottom - 3, strokeColor=MID_GREY, strokeWidth=0.5))
        d.add(String(px(i), bottom - 11, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT,
                     textAnchor="middle"))
    for g in result.groups:
        members = [i for i, p in enumerate(pts) if p.rebase_group == g.rebase_group]
        a, b = px(members[0]) - pw / n / 2, px(members[-1]) + pw / n / 2
        d.add(Line(a, py(g.mean_col), b, py(g.mean_col), strokeColor=TEXT, strokeWidth=0.9))
        for limit in (g.lpl, g.upl):
            if limit is not None:
                d.add(Line(a, py(limit), b, py(limit), strokeColor=MID_GREY, strokeWidth=0.8, strokeDashArray=[3, 2]))
        if g.rebase_group > 0:
            d.add(Line(a, bottom, a, bottom + ph, strokeColor=NHS_DARK_BLUE, strokeWidth=0.6, strokeDashArray=[1, 2]))
            d.add(String(a + 2, bottom + ph - 6, "rebase", fontName=FONT, fontSize=5.5, fillColor=NHS_DARK_BLUE))
    if result.target is not None:
        d.add(Line(left, py(result.target), left + pw, py(result.target), strokeColor=TARGET_RED,
                   strokeWidth=0.8, strokeDashArray=[6, 2]))
    coords = [c for i, p in enumerate(pts) for c in (px(i), py(p.value))]
    if len(pts) >= 2:
        d.add(PolyLine(coords, strokeColor=colors.HexColor("#7F7F7F"), strokeWidth=0.7))
    r = 2.2 if n > 40 else 3
    _dots(d, [(px(i), py(p.value), POINT_COLOURS[p.point_type]) for i, p in enumerate(pts)], r, strokeColor=None)
    # legend: only what is drawn
    lx, ly = left, height - 9
    for key, words in spc_legend(result):
        w = (8 if key.startswith("point:") else 15) + stringWidth(words, FONT, TICK_SIZE) + 10
        if key.startswith("point:"):
            d.add(Circle(lx + 3, ly + 2.5, 2.6, fillColor=POINT_COLOURS[key[6:]], strokeColor=None))
            s = String(lx + 8, ly, words, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT)
        else:
            colour, dash, stroke = {"mean": (TEXT, None, 0.9), "limits": (MID_GREY, [3, 2], 0.8),
                                    "target": (TARGET_RED, [6, 2], 0.8)}[key]
            d.add(Line(lx, ly + 2.5, lx + 12, ly + 2.5, strokeColor=colour, strokeWidth=stroke, strokeDashArray=dash))
            s = String(lx + 15, ly, words, fontName=FONT, fontSize=TICK_SIZE, fillColor=TEXT)
        s.legend_key = key
        d.add(s)
        lx += w
    return d
