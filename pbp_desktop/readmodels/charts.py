"""Readmodels layer: ChartSpec, what an indicator's trajectory chart shows - built once from an
IndicatorRow and drawn by the screen (pyqtgraph) and by the pack (ReportLab) alike.

The horizontal axis counts the indicator's own reporting periods (months, quarters, financial or
calendar years, rolling periods), one slot each: a point sits on the slot of the period it
reports, and a tick is labelled with the period it sits on ("2024/25" for financial-year data,
"2024" for calendar years). A date that is not a period end (a target date) sits between slots in
proportion. A period missing from an otherwise regular series is a gap: the line breaks there.
A series of one or two figures is given as figures, not drawn; each chart has a one-line
description in words (`ChartSpec.description`)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.enums import Frequency, Rag
from ..domain.periods import Period, PeriodKind, next_period, parse_period, period_of, uk_date
from .rows import IndicatorRow

MAX_SLOTS = 1200  # a hundred years of months: more is a typing slip, and the axis is cut there
FEW = 2  # a series of this many figures or fewer is given as figures, not as a chart


@dataclass(frozen=True, slots=True)
class ChartPoint:
    when: date  # the period's end
    value: float
    label: str  # the period, as the board reads it
    rag: Rag = Rag.GREY
    provisional: bool = False
    illustrative: bool = False
    x: float = 0.0  # place on the period axis: the index of its period (fractional between period ends)


@dataclass(frozen=True, slots=True)
class ChartSpec:
    title: str
    unit: str
    decimals: int
    plan: tuple[ChartPoint, ...]
    actuals: tuple[ChartPoint, ...]
    target: ChartPoint | None
    baseline: ChartPoint | None
    forecast: tuple[ChartPoint, ...]  # from the latest actual to the target date
    lower_is_better: bool
    slots: tuple[str, ...] = ()  # the label of each period along the axis, by index
    kind: str = PeriodKind.FINANCIAL_YEAR.value  # the PeriodKind of the slots
    slot_starts: tuple[int, ...] = ()  # each slot's month number (year * 12 + month - 1) at its start

    # ------------------------------------------------------------------ what is drawn

    @property
    def empty(self) -> bool:
        return not (self.plan or self.actuals or self.target)

    @property
    def as_figures(self) -> bool:
        """One or two figures (and no plan line worth drawing): given as figures, not as a chart."""
        return 0 < len(self.actuals) <= FEW and len(self.plan) <= FEW

    @property
    def drawn(self) -> bool:
        """True when a chart is drawn at all (not empty, not given as figures)."""
        return bool(self.plan or self.actuals) and not self.as_figures

    @property
    def plan_line(self) -> tuple[ChartPoint, ...]:
        """The plan as drawn: from the baseline through the planned points."""
        return ((self.baseline,) if self.baseline else ()) + self.plan if self.plan else ()

    @property
    def actual_runs(self) -> tuple[tuple[ChartPoint, ...], ...]:
        """The actuals as joined lines: broken where periods are missing from an otherwise
        regular series (a step longer than the series' usual step between figures)."""
        a = self.actuals
        if not a:
            return ()
        step = usual_step(a)
        runs: list[list[ChartPoint]] = [[a[0]]]
        for prev, p in zip(a, a[1:], strict=False):
            if p.x - prev.x > step + 1e-9:
                runs.append([p])
            else:
                runs[-1].append(p)
        return tuple(tuple(r) for r in runs)

    @property
    def gaps(self) -> tuple[tuple[str, str], ...]:
        """(first, last) missing period of each gap in the actuals."""
        out = []
        runs = self.actual_runs
        for before, after in zip(runs, runs[1:], strict=False):
            a, b = int(round(before[-1].x)) + 1, int(round(after[0].x)) - 1
            if 0 <= a <= b < len(self.slots):
                out.append((self.slots[a], self.slots[b]))
        return tuple(out)

    @property
    def legend(self) -> tuple[tuple[str, str], ...]:
        """(key, words) of each thing drawn, in order: only what is drawn is listed."""
        if not self.drawn:
            return ()
        out = []
        if self.plan_line:
            out.append(("plan", "Plan"))
        if self.actuals:
            marks = "; * provisional" if any(p.provisional for p in self.actuals) else ""
            out.append(("actual", f"Actual (R/A/G{marks})"))
        if self.target:
            out.append(("target", "Target"))
        if len(self.forecast) == 2:
            out.append(("forecast", "Forecast"))
        return tuple(out)

    def fmt(self, value: float) -> str:
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit.strip() == "%" else f"{text} {self.unit}".rstrip()

    def fmt_plain(self, value: float) -> str:
        """A figure without its unit (the percent sign kept): for tables and tick labels."""
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit.strip() == "%" else text

    # ------------------------------------------------------------------ the axes

    @property
    def x_range(self) -> tuple[float, float]:
        xs = [p.x for p in (*self.plan_line, *self.actuals, *self.forecast)]
        if self.target:
            xs.append(self.target.x)
        if not xs:
            return (-0.5, 0.5)
        return (min(xs) - 0.5, max(xs) + 0.5)

    def ticks(self, max_labels: int) -> tuple[tuple[int, str], ...]:
        """The labelled ticks along the axis, each on the period it names, thinned to at most
        `max_labels`: months every 1, 2, 3, 6 or 12 months from January, quarters from Q1,
        years every 1, 2, 5 or 10 years."""
        return period_ticks(self.slots, self.slot_starts, self.kind, max_labels, self.x_range)

    def value_ticks(self, lo: float, hi: float, n: int = 5) -> tuple[list[float], int]:
        return value_ticks(lo, hi, self.decimals, n)

    def figures(self) -> tuple[tuple[str, str, str], ...]:
        """(period, figure, plan for that period) of each actual: the table given instead of a
        chart for one or two figures."""
        plans = {p.label: p for p in self.plan}
        out = []
        for a in self.actuals:
            plan = plans.get(a.label)
            text = self.fmt_plain(a.value) + (" (provisional)" if a.provisional else "")
            out.append((a.label, text, self.fmt_plain(plan.value) if plan else "—"))
        return tuple(out)

    @property
    def description(self) -> str:
        return describe(self)


# ---------------------------------------------------------------------------- axes, as pure functions

def usual_step(points) -> float:
    """The commonest step between consecutive points (the smallest when steps tie): 1 for a
    figure every period, 2 for a survey every other year."""
    steps = [round(b.x - a.x, 6) for a, b in zip(points, points[1:], strict=False) if b.x > a.x]
    if not steps:
        return 1.0
    counts = Counter(steps)
    top = max(counts.values())
    return min(s for s, c in counts.items() if c == top)


_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 36, 60, 120, 240)
_QUARTER_STEPS = (1, 2, 4, 8, 12, 20, 40, 80)  # quarters
_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def period_ticks(slots: tuple[str, ...], starts: tuple[int, ...], kind: str, max_labels: int,
                 x_range: tuple[float, float] | None = None) -> tuple[tuple[int, str], ...]:
    if not slots:
        return ()
    max_labels = max(1, max_labels)
    lo, hi = x_range if x_range else (0, len(slots) - 1)
    shown = [i for i in range(len(slots)) if lo <= i <= hi]
    if not shown:
        return ()
    steps: tuple[int, ...]
    if kind == PeriodKind.MONTH.value:
        unit, steps = 1, _MONTH_STEPS
    elif kind == PeriodKind.QUARTER.value:
        unit, steps = 3, tuple(q * 3 for q in _QUARTER_STEPS)
    else:
        unit, steps = 12, tuple(y * 12 for y in _YEAR_STEPS)
    for step in steps:
        if step < unit:
            continue
        # months from April for quarters and financial years (their Q1 and year start there),
        # from January otherwise
        base = 3 if kind in (PeriodKind.QUARTER.value, PeriodKind.FINANCIAL_YEAR.value,
                             PeriodKind.ROLLING_FINANCIAL.value) else 0
        chosen = [i for i in shown if (starts[i] - base) % step == 0] if starts else shown[::max(1, step // unit)]
        if len(chosen) <= max_labels and chosen:
            return tuple((i, slots[i]) for i in chosen)
    return ((shown[-1], slots[shown[-1]]),)


def thin_from_end(labels, max_labels: int) -> list[tuple[int, str]]:
    """(index, label) of every k-th label counted back from the last (so the latest is always
    labelled), k the smallest of 1, 2, 3, 4, 6, 12, 24... that leaves at most max_labels."""
    if not labels:
        return []
    room = max(1, max_labels)
    step = next((k for k in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240) if math.ceil(len(labels) / k) <= room),
                len(labels))
    last = len(labels) - 1
    return [(i, labels[i]) for i in range(len(labels)) if (last - i) % step == 0]


def places_for(step: float, decimals: int) -> int:
    """The decimals a tick step needs (0.25 needs 2, 5 needs none), never more than the indicator's."""
    if step <= 0 or not math.isfinite(step):
        return max(0, decimals)
    places = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(step * 10 ** places - round(step * 10 ** places)) > 1e-6:
        places += 1
    return min(places, max(0, decimals))


def value_ticks(lo: float, hi: float, decimals: int, n: int = 5) -> tuple[list[float], int]:
    """Round ticks from at or below lo to at or above hi, about n of them, never closer than the
    indicator's precision (10^-decimals), with the decimals their labels need (never more than the
    indicator's): no float noise such as 812.400000000004."""
    finest = 10.0 ** -max(0, decimals)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi <= lo:
        spread = max(abs(hi) * 0.05, finest * 2)
        lo, hi = lo - spread, hi + spread
    raw = max((hi - lo) / n, finest)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    step = max(step, finest)
    places = places_for(step, decimals)
    first = math.floor(lo / step + 1e-9) * step
    ticks = [round(first, places + 2)]
    while ticks[-1] < hi - 1e-9 * max(1.0, abs(hi)):
        ticks.append(round(first + len(ticks) * step, places + 2))
    if len(ticks) == 1:
        ticks.append(round(first + step, places + 2))
    return ticks, places


def tick_text(value: float, places: int) -> str:
    text = f"{value:,.{places}f}"
    return "0" if text.strip("-0.,") == "" else text


# ---------------------------------------------------------------------------- building the spec

def _slots(frequency: Frequency, first: date, last: date) -> list[Period]:
    out = [period_of(frequency, first)]
    while out[-1].end < last and len(out) < MAX_SLOTS:
        out.append(next_period(frequency, out[-1]))
    return out


def _start_month(p: Period) -> int:
    return p.start.year * 12 + p.start.month - 1


def chart_spec(ind: IndicatorRow) -> ChartSpec:
    freq = ind.frequency
    base_period = None
    if ind.baseline_value is not None and ind.baseline_period:
        try:
            base_period = parse_period(ind.baseline_period)
        except ValueError:
            base_period = None
    dates = [p.period_end for p in ind.periods if p.planned is not None or p.actual is not None]
    if base_period is not None:
        dates.append(base_period.end)
    if ind.target_value is not None and ind.target_date is not None:
        dates.append(ind.target_date)
    periods = _slots(freq, min(dates), max(dates)) if dates else []
    index = {p.end: i for i, p in enumerate(periods)}

    def at(d: date) -> float:
        """The place of a date on the axis: its period's index, less the part of the period
        still to run (a period end is exactly on its slot)."""
        if d in index:
            return float(index[d])
        p = period_of(freq, d)
        i = index.get(p.end)
        if i is None:
            i = min(range(len(periods)), key=lambda k: abs((periods[k].end - d).days)) if periods else 0
            return float(i)
        before = p.start - timedelta(days=1)
        span = max(1, (p.end - before).days)
        return i - 1 + (d - before).days / span

    plan = tuple(ChartPoint(p.period_end, p.planned, p.period, x=at(p.period_end))
                 for p in ind.periods if p.planned is not None)
    actuals = tuple(ChartPoint(p.period_end, p.actual, p.period, p.rag, p.provisional, p.illustrative,
                               x=at(p.period_end))
                    for p in ind.periods if p.actual is not None)
    target = None
    if ind.target_value is not None and ind.target_date is not None:
        target = ChartPoint(ind.target_date, ind.target_value, f"Target {ind.target_date:%d/%m/%Y}",
                            x=at(ind.target_date))
    baseline = None
    if base_period is not None and ind.baseline_value is not None:
        baseline = ChartPoint(base_period.end, ind.baseline_value, f"Baseline {ind.baseline_period}",
                              x=at(base_period.end))
    forecast: tuple[ChartPoint, ...] = ()
    if ind.forecast is not None and actuals and ind.target_date is not None and ind.target_date > actuals[-1].when:
        forecast = (actuals[-1], ChartPoint(ind.target_date, ind.forecast, f"Forecast {ind.target_date:%d/%m/%Y}",
                                            x=at(ind.target_date)))
    kind = periods[0].kind.value if periods else PeriodKind.FINANCIAL_YEAR.value
    return ChartSpec(ind.label, ind.unit, ind.decimals, plan, actuals, target, baseline, forecast,
                     ind.polarity.value == "lower", tuple(p.label for p in periods), kind,
                     tuple(_start_month(p) for p in periods))


# ---------------------------------------------------------------------------- the description

def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"


def _against(spec: ChartSpec) -> str:
    if spec.plan:
        last = spec.plan[-1]
        return f", against a plan of {spec.fmt(last.value)} for {last.label}"
    if spec.target:
        return f", against a target of {spec.fmt(spec.target.value)} by {uk_date(spec.target.when)}"
    return ""


def describe(spec: ChartSpec) -> str:
    """The chart in one line of words, for the pack (under the chart) and for readers who cannot
    see it (the screen's accessible description): its direction, its first and last figures and
    periods, any gap, and the plan or target it is measured against. It states what the figures
    do, not whether that is good (the RAG and Making Data Count say that)."""
    a = spec.actuals
    against = _against(spec)
    if not a:
        if spec.plan:
            return f"No figures yet; the plan runs from {spec.fmt(spec.plan[0].value)} for {spec.plan[0].label} " \
                   f"to {spec.fmt(spec.plan[-1].value)} for {spec.plan[-1].label}."
        if spec.target:
            return f"No figures yet; the target is {spec.fmt(spec.target.value)} by {uk_date(spec.target.when)}."
        return "No figures yet."
    if len(a) == 1:
        return f"One figure so far: {spec.fmt(a[0].value)} in {a[0].label}{against}."
    first, last = a[0], a[-1]
    shown = [round(p.value, spec.decimals) for p in a]
    lead = "Two figures: " if len(a) == 2 else ""
    if len(set(shown)) == 1:
        core = f"unchanged at {spec.fmt(first.value)} in every period from {first.label} to {last.label}" \
            if len(a) > 2 else f"{spec.fmt(first.value)} in both {first.label} and {last.label}"
    elif shown[-1] > shown[0]:
        core = f"rising from {spec.fmt(first.value)} in {first.label} to {spec.fmt(last.value)} in {last.label}"
    elif shown[-1] < shown[0]:
        core = f"falling from {spec.fmt(first.value)} in {first.label} to {spec.fmt(last.value)} in {last.label}"
    else:
        core = (f"{spec.fmt(last.value)} in {last.label}, as in {first.label}, having ranged from "
                f"{spec.fmt(min(p.value for p in a))} to {spec.fmt(max(p.value for p in a))}")
    gaps = spec.gaps
    gap_text = ""
    if gaps:
        gap_text = "; no figures for " + " or ".join(_span(f, t) for f, t in gaps)
    text = lead + core
    text = text[0].upper() + text[1:]
    return f"{text}{gap_text}{against}."
