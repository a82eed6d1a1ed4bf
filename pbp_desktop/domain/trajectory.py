"""Domain layer: planned trajectories (the value expected each reporting period, linear from
baseline to target and then editable point by point) and the forecast at the target date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .enums import Frequency
from .periods import Period, reporting_periods


@dataclass(frozen=True, slots=True)
class PlannedPoint:
    period: Period
    value: float


def linear_trajectory(
    frequency: Frequency,
    baseline_value: float,
    baseline_date: date,
    target_value: float,
    target_date: date,
) -> list[PlannedPoint]:
    """One planned value per reporting period after the baseline up to the target, moving in
    equal steps: period k of n plans baseline + (target - baseline) * k / n.

    NI 123 (seed 000): 0 quitters at 31/03/2008 to 1,015 at 31/03/2009, quarterly, plans
    253.75, 507.5, 761.25 and 1,015 - the "linear position of c500" at Q2.
    """
    periods = reporting_periods(frequency, baseline_date, target_date)
    n = len(periods)
    if n == 0:
        return []
    step = (target_value - baseline_value) / n
    points = [PlannedPoint(p, baseline_value + step * (k + 1)) for k, p in enumerate(periods)]
    # the last point is the target itself, not a sum of rounded steps
    points[-1] = PlannedPoint(periods[-1], target_value)
    return points


def merge_plan(generated: Sequence[PlannedPoint], edited: Mapping[Period, float]) -> list[PlannedPoint]:
    """The plan a board sees: generated points, overridden (and extended) by edited points."""
    by_period = {p.period: p.value for p in generated}
    by_period.update(edited)
    return [PlannedPoint(period, value) for period, value in sorted(by_period.items())]


def forecast_at(
    observations: Sequence[tuple[Period, float]],
    target_date: date | None,
    recent: int = 6,
) -> float | None:
    """Forecast the value at the target date by a least-squares straight line through the
    most recent `recent` observations, indexed by period end date (days), so gaps count.

    Returns None with fewer than two observations or no target date.
    """
    if target_date is None:
        return None
    obs = sorted(observations, key=lambda o: o[0])[-recent:]
    if len(obs) < 2:
        return None
    xs = [o[0].end.toordinal() for o in obs]
    ys = [o[1] for o in obs]
    n = len(obs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return my + slope * (target_date.toordinal() - mx)
