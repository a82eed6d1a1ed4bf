"""Domain layer: statistical process control (XmR) charts as NHS England's "Making Data Count"
reads them - the semantics of the R package NHSRplotthedots 0.2.2, point by point: limits with
the moving-range screen, shift, trend, two-in-three, one label per point by precedence, point
types by improvement direction, the variation icon of the latest point, assurance against a
target, rebasing, a fixed baseline, trial limits for short groups, undefined limits.

`mdc_excel=True` follows the MDC Excel tool instead: no moving-range screen, and two-in-three
counts points beyond the limits too."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

LIMIT = 2.66
NEAR = 2.66 * 2 / 3  # 1.77333...: the band two-in-three looks beyond
SCREEN = 3.267
RUN = 7  # points in a shift or a trend
SHORT_GROUP = 13  # groups with fewer points have trial limits
SHORT_WARNING = ("Some groups have 'n < 12' observations. These have trial limits, which will be revised with "
                 "each additional observation until 'n = fix_after_n_points' has been reached.")

ABOVE_UCL, BELOW_LCL = "Above UCL", "Below LCL"
TREND_UP, TREND_DOWN = "7 Point Trend (Increasing)", "7 Point Trend (Decreasing)"
TWO_ABOVE, TWO_BELOW = "2 in 3 Above CL", "2 in 3 Below CL"
SHIFT_ABOVE, SHIFT_BELOW = "7 Points Above CL", "7 Points Below CL"
COMMON = "Common Cause"
HIGH = {ABOVE_UCL, TREND_UP, TWO_ABOVE, SHIFT_ABOVE}

ICON_LETTERS = {  # what each icon says without colour, as MDC's icons do
    "common_cause.svg": "~", "improvement_high.svg": "H", "improvement_low.svg": "L",
    "concern_high.svg": "H", "concern_low.svg": "L", "neutral_high.svg": "H", "neutral_low.svg": "L",
    "pass.svg": "P", "fail.svg": "F", "inconsistent.svg": "?",
}


@dataclass(frozen=True, slots=True)
class SpcPoint:
    index: int
    date: date
    value: float
    rebase_group: int
    short_group_warning: bool
    fix_y: float | None
    mean_col: float
    lpl: float | None
    upl: float | None
    outside_limits: bool
    relative_to_mean: int
    close_to_limits: bool
    special_cause_type: str
    special_cause_flag: bool
    point_type: str
    target: float | None


@dataclass(frozen=True, slots=True)
class SpcGroup:
    rebase_group: int
    mean_col: float
    lpl: float | None
    upl: float | None
    n: int
    common_cause: int
    special_cause_improvement: int
    special_cause_concern: int
    variation_type: str
    assurance_type: str | None = None


@dataclass(frozen=True)
class SpcResult:
    points: tuple[SpcPoint, ...]
    groups: tuple[SpcGroup, ...]
    variation_type: str
    variation_icon: str
    assurance_type: str | None
    assurance_icon: str | None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    improvement_direction: str = "increase"
    target: float | None = None
    point_count: int | None = None  # set on a summary that keeps the icons but not the points

    @property
    def rebased(self) -> bool:
        return len(self.groups) > 1

    @property
    def n_points(self) -> int:
        return self.point_count if self.point_count is not None else len(self.points)


def _mean(xs: Sequence[float]) -> float:
    return math.fsum(xs) / len(xs) if xs else float("nan")


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _limits(values: Sequence[float], screen: bool) -> tuple[float, float | None]:
    """(mean, average moving range) of a group's baseline values; mR-bar is None when undefined.

    As NHSRplotthedots 0.2.2 (ptd_spc_standard): the screen keeps the moving ranges strictly
    below 3.267 times their mean, so a series that never changes (every range 0) keeps none and
    its limits are undefined (NaN there, None here); unscreened, its mR-bar is 0 and both limits
    equal the mean."""
    mean = _mean(values)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    if not ranges:
        return mean, None
    amr = _mean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN * amr]
        if not kept:
            return mean, None
        amr = _mean(kept)
    if math.isnan(amr):
        return mean, None
    return mean, amr


def _runs(signs: Sequence[int], length: int) -> list[tuple[int, int, int]]:
    """(start, end inclusive, sign) of each run of at least `length` equal non-zero signs."""
    out, i = [], 0
    while i < len(signs):
        j = i
        while j + 1 < len(signs) and signs[j + 1] == signs[i]:
            j += 1
        if signs[i] != 0 and j - i + 1 >= length:
            out.append((i, j, signs[i]))
        i = j + 1
    return out


def _group_points(values: Sequence[float], dates: Sequence[date], start: int, group: int, *, screen: bool,
                  fix_after: int | None, mdc_excel: bool, direction: str, target: float | None,
                  short: bool) -> list[SpcPoint]:
    n = len(values)
    base = list(values[:fix_after]) if fix_after else list(values)
    mean, amr = _limits(base, screen)
    lpl = mean - LIMIT * amr if amr is not None else None
    upl = mean + LIMIT * amr if amr is not None else None
    nlpl = mean - NEAR * amr if amr is not None else None
    nupl = mean + NEAR * amr if amr is not None else None
    rel = [_sign(v - mean) for v in values]
    if upl is not None and lpl is not None and nupl is not None and nlpl is not None:
        outside = [v > upl or v < lpl for v in values]
        close = [not outside[i] and (v > nupl or v < nlpl) for i, v in enumerate(values)]
    else:  # too few points for limits: nothing is outside them
        outside = [False] * n
        close = [False] * n
    labels = [COMMON] * n
    if amr is not None:
        # shift: 7 or more on one side of the mean; a point on the mean breaks the run
        shift = [0] * n
        for a, b, s in _runs(rel, RUN):
            for k in range(a, b + 1):
                shift[k] = s
        # trend: 7 points each strictly beyond the last (6 steps); a point shared by an up- and a
        # down-trend takes the direction to its right (later runs overwrite)
        trend = [0] * n
        steps = [_sign(values[k] - values[k - 1]) for k in range(1, n)]
        for a, b, s in _runs(steps, RUN - 1):
            for k in range(a, b + 2):
                trend[k] = s
        # two in three beyond the near band, all three on one side of the mean
        beyond = [close[k] or (mdc_excel and outside[k]) for k in range(n)]
        two = [False] * n
        for k in range(n - 2):
            window = range(k, k + 3)
            side = rel[k]
            if side != 0 and all(rel[w] == side for w in window) and sum(beyond[w] for w in window) >= 2:
                for w in window:
                    if beyond[w]:
                        two[w] = True
        for k, v in enumerate(values):
            if outside[k]:
                labels[k] = ABOVE_UCL if upl is not None and v > upl else BELOW_LCL
            elif trend[k]:
                labels[k] = TREND_UP if trend[k] > 0 else TREND_DOWN
            elif two[k]:
                labels[k] = TWO_ABOVE if rel[k] > 0 else TWO_BELOW
            elif shift[k]:
                labels[k] = SHIFT_ABOVE if shift[k] > 0 else SHIFT_BELOW
    points = []
    for k in range(n):
        label = labels[k]
        points.append(SpcPoint(
            index=start + k, date=dates[k], value=values[k], rebase_group=group, short_group_warning=short,
            fix_y=values[k] if fix_after is None or k < fix_after else None, mean_col=mean, lpl=lpl, upl=upl,
            outside_limits=outside[k], relative_to_mean=rel[k], close_to_limits=close[k],
            special_cause_type=label, special_cause_flag=label != COMMON,
            point_type=point_type(label, direction), target=target))
    return points


def point_type(label: str, direction: str) -> str:
    if label == COMMON:
        return "common_cause"
    high = label in HIGH
    if direction == "neutral":
        return "special_cause_neutral_high" if high else "special_cause_neutral_low"
    good = high if direction == "increase" else not high
    return "special_cause_improvement" if good else "special_cause_concern"


def variation_icon(p: SpcPoint, direction: str) -> str:
    if p.point_type == "common_cause":
        return "common_cause.svg"
    high = p.special_cause_type in HIGH
    kind = {"special_cause_improvement": "improvement", "special_cause_concern": "concern"}.get(p.point_type, "neutral")
    return f"{kind}_{'high' if high else 'low'}.svg"


def assurance(p: SpcPoint, direction: str, target: float | None) -> str | None:
    if target is None or direction == "neutral" or p.lpl is None or p.upl is None:
        return None
    if target > p.upl:
        return "consistent_fail" if direction == "increase" else "consistent_pass"
    if target < p.lpl:
        return "consistent_pass" if direction == "increase" else "consistent_fail"
    return "inconsistent"


ASSURANCE_ICONS = {"consistent_pass": "pass.svg", "consistent_fail": "fail.svg", "inconsistent": "inconsistent.svg"}


def analyse(values: Sequence[float], dates: Sequence[date], *, improvement_direction: str = "increase",
            target: float | None = None, rebase: Sequence[date] = (), fix_after_n_points: int | None = None,
            screen_outliers: bool = True, mdc_excel: bool = False) -> SpcResult:
    """The XmR analysis of a series sorted by date. Rebase dates that are not data dates are
    ignored, as the reference implementation ignores them."""
    if len(values) != len(dates):
        raise ValueError("values and dates must be the same length")
    if improvement_direction not in ("increase", "decrease", "neutral"):
        raise ValueError(f"improvement direction must be increase, decrease or neutral, not {improvement_direction!r}")
    if fix_after_n_points is not None and fix_after_n_points < 12:
        raise ValueError("fix_after_n_points must be at least 12")
    if not values:
        raise ValueError("an SPC chart needs at least one value")
    order = sorted(range(len(values)), key=lambda i: dates[i])
    vs = [float(values[i]) for i in order]
    ds = [dates[i] for i in order]
    cuts = sorted({ds.index(r) for r in rebase if r in ds and ds.index(r) > 0})
    bounds = [0, *cuts, len(vs)]
    screen = screen_outliers and not mdc_excel
    points: list[SpcPoint] = []
    groups: list[SpcGroup] = []
    for g, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        short = (b - a) < SHORT_GROUP
        pts = _group_points(vs[a:b], ds[a:b], a, g, screen=screen, fix_after=fix_after_n_points,
                            mdc_excel=mdc_excel, direction=improvement_direction, target=target, short=short)
        points.extend(pts)
        types = [p.point_type for p in pts]
        groups.append(SpcGroup(
            rebase_group=g, mean_col=pts[0].mean_col, lpl=pts[0].lpl, upl=pts[0].upl, n=len(pts),
            common_cause=types.count("common_cause"),
            special_cause_improvement=types.count("special_cause_improvement"),
            special_cause_concern=types.count("special_cause_concern"),
            variation_type=pts[-1].point_type))
    last = points[-1]
    assured = assurance(last, improvement_direction, target)
    if target is not None:
        groups[-1] = SpcGroup(**{**{f: getattr(groups[-1], f) for f in SpcGroup.__slots__}, "assurance_type": assured})
    warnings = (SHORT_WARNING,) if any(p.short_group_warning for p in points) else ()
    return SpcResult(tuple(points), tuple(groups), last.point_type, variation_icon(last, improvement_direction),
                     assured, ASSURANCE_ICONS.get(assured) if assured else None, warnings,
                     improvement_direction, target)


def expected_shape(result: SpcResult) -> dict:
    """The result in the shape of the reference cases' `expected` object."""
    rebased = result.rebased
    summary = []
    for g in result.groups:
        row = {"mean_col": g.mean_col, "lpl": g.lpl, "upl": g.upl, "n": g.n, "common_cause": g.common_cause,
               "special_cause_improvement": g.special_cause_improvement,
               "special_cause_concern": g.special_cause_concern, "variation_type": g.variation_type}
        if rebased:
            row = {"rebase_group": g.rebase_group, **row}
        if result.target is not None and g is result.groups[-1]:
            row["assurance_type"] = g.assurance_type
        summary.append(row)
    return {
        "points": [{
            "index": p.index, "date": p.date.isoformat(), "value": p.value, "rebase_group": p.rebase_group,
            "short_group_warning": p.short_group_warning, "fix_y": p.fix_y, "mean_col": p.mean_col, "lpl": p.lpl,
            "upl": p.upl, "outside_limits": p.outside_limits, "relative_to_mean": p.relative_to_mean,
            "close_to_limits": p.close_to_limits, "special_cause_type": p.special_cause_type,
            "special_cause_flag": p.special_cause_flag, "point_type": p.point_type, "target": p.target,
        } for p in result.points],
        "variation": {"latest_point_type": result.variation_type, "icon": result.variation_icon},
        "assurance": {"assurance_type": result.assurance_type, "icon": result.assurance_icon},
        "summary": summary,
        "warnings": list(result.warnings),
    }
