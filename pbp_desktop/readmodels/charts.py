"""Readmodels layer: ChartSpec, what an indicator's trajectory chart shows - built once from an
IndicatorRow and drawn by the screen (pyqtgraph) and by the pack (ReportLab) alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import Rag
from .rows import IndicatorRow


@dataclass(frozen=True, slots=True)
class ChartPoint:
    when: date  # the period's end
    value: float
    label: str  # the period, as the board reads it
    rag: Rag = Rag.GREY
    provisional: bool = False
    illustrative: bool = False


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

    @property
    def empty(self) -> bool:
        return not (self.plan or self.actuals or self.target)

    def fmt(self, value: float) -> str:
        text = f"{value:,.{self.decimals}f}"
        return f"{text}%" if self.unit.strip() == "%" else f"{text} {self.unit}".rstrip()


def chart_spec(ind: IndicatorRow) -> ChartSpec:
    plan = tuple(ChartPoint(p.period_end, p.planned, p.period) for p in ind.periods if p.planned is not None)
    actuals = tuple(ChartPoint(p.period_end, p.actual, p.period, p.rag, p.provisional, p.illustrative)
                    for p in ind.periods if p.actual is not None)
    target = (ChartPoint(ind.target_date, ind.target_value, f"Target {ind.target_date:%d/%m/%Y}")
              if ind.target_value is not None and ind.target_date is not None else None)
    baseline = None
    if ind.baseline_value is not None and ind.baseline_period:
        from ..domain.periods import parse_period
        baseline = ChartPoint(parse_period(ind.baseline_period).end, ind.baseline_value,
                              f"Baseline {ind.baseline_period}")
    forecast: tuple[ChartPoint, ...] = ()
    if ind.forecast is not None and actuals and ind.target_date is not None and ind.target_date > actuals[-1].when:
        forecast = (actuals[-1], ChartPoint(ind.target_date, ind.forecast, f"Forecast {ind.target_date:%d/%m/%Y}"))
    return ChartSpec(ind.label, ind.unit, ind.decimals, plan, actuals, target, baseline, forecast,
                     ind.polarity.value == "lower")
