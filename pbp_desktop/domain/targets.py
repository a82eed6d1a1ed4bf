"""Domain layer: an indicator's target as the board wrote it: an absolute value, or a relative one
("reduce by 20%" from the baseline), by a date or a period ("2016", "2015/16", "Q4 2016/17").
The absolute value of a relative target is derived from the baseline, and awaited with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .enums import TargetChange
from .periods import parse_period, uk_date


def derived_value(change: TargetChange | None, amount: float | None, baseline: float | None) -> float | None:
    """The absolute target of a relative one: the baseline moved by the amount (or by that
    percentage of it); None while the baseline is awaited."""
    if change is None or amount is None or baseline is None:
        return None
    step = baseline * amount / 100 if change.percent else amount
    return baseline + change.sign * step


def period_end(text: str | None) -> date | None:
    """The date a target period written as the board wrote it ends (None: not a period)."""
    if not text or not text.strip():
        return None
    try:
        return parse_period(text.strip()).end
    except ValueError:
        return None


def _num(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def describe(fmt: Callable[[float | None], str], *, target_value: float | None, target_date: date | None,
             target_period: str | None, change: TargetChange | None, amount: float | None,
             baseline_value: float | None, baseline_period: str | None) -> str:
    """The target in words: "reduce by 20% from 14.2 (2013) — 11.4 — by 2016" (the value derived
    from the baseline between dashes); "11.4 by 31/03/2017"; "awaited" when there is none ("awaited (by 2016)" when only its date is set)."""
    by = f"by {target_period.strip()}" if target_period and target_period.strip() else (
        f"by {uk_date(target_date)}" if target_date else "")
    if change is not None and amount is not None:
        verb = "reduce" if change.sign < 0 else "increase"
        size = f"{_num(amount)}%" if change.percent else fmt(amount)
        if baseline_value is None:
            words = f"{verb} by {size} from the baseline (awaited)"
        else:
            since = f" ({baseline_period})" if baseline_period else ""
            value = target_value if target_value is not None else derived_value(change, amount, baseline_value)
            words = f"{verb} by {size} from {fmt(baseline_value)}{since} \u2014 {fmt(value)}"
        return f"{words} \u2014 {by}" if by else words
    if target_value is None:
        return f"awaited ({by})" if by else "awaited"  # the date is the board's even while the value is not
    return f"{fmt(target_value)} {by}".strip()
