"""Domain layer: the RAG rating of one period's actual against its planned value, under the
partnership's own convention for provisional figures; and the rules of age and dates that sit
beside it: a figure out of date, a target date passed (met or missed), and the trend as Making
Data Count reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import Frequency, Polarity, Rag

DEFAULT_TOLERANCE_PCT = 5.0


class RagConvention:
    """What provisional or incomplete data do to the RAG: the partnership's own rule, kept in
    the register and printed in the pack's key. Whatever the rule, the rating on the figure is
    kept beside it (RagResult.figure_rag), so a red is never hidden."""

    PROVISIONAL_AMBER = "provisional_amber"
    ON_THE_FIGURE = "on_the_figure"
    ALL = (PROVISIONAL_AMBER, ON_THE_FIGURE)
    DEFAULT = PROVISIONAL_AMBER  # the seed LAA report's: AMBER = incomplete performance data

    TITLES = {
        PROVISIONAL_AMBER: "Provisional counts as amber",
        ON_THE_FIGURE: "Rated on the figure",
    }
    KEYS = {
        PROVISIONAL_AMBER: ("Provisional counts as amber: a provisional or incomplete figure is rated Amber "
                            "whatever it shows (AMBER = incomplete performance data / within planned "
                            "trajectory); the rating its figure would have is printed beside it."),
        ON_THE_FIGURE: ("Rated on the figure: a provisional figure is rated on its value against the plan, "
                        "like a validated one, and marked provisional."),
    }

    @classmethod
    def parse(cls, text: object) -> str:
        """The convention named by its stored value or its title (any case); ValueError if neither."""
        wanted = str(text or "").strip().lower()
        for value in cls.ALL:
            if wanted in (value, cls.TITLES[value].lower()):
                return value
        raise ValueError(f"'{text}' is not a RAG convention: choose "
                         + " or ".join(f"'{cls.TITLES[v]}'" for v in cls.ALL))

    @classmethod
    def code(cls, value: str) -> int:
        """A small number for the convention (part of a stored assessment's key)."""
        return cls.ALL.index(value) if value in cls.ALL else 0


@dataclass(frozen=True, slots=True)
class RagResult:
    rag: Rag  # the convention's RAG: what the scorecard's colour shows
    reason: str
    figure_rag: Rag | None = None  # the RAG of the figure itself against the plan (None: no figure)
    figure_reason: str = ""

    @property
    def differs(self) -> bool:
        """The convention's RAG is not what the figure alone would get."""
        return self.figure_rag is not None and self.figure_rag is not self.rag


NOT_RATED = "no plan or target to judge against"


def _on_figure(actual: float, planned: float | None, polarity: Polarity, tolerance_pct: float) -> tuple[Rag, str]:
    if planned is None:
        return Rag.GREY, NOT_RATED
    sign = 1.0 if polarity is Polarity.HIGHER_IS_BETTER else -1.0
    ahead_by = (actual - planned) * sign
    if ahead_by >= 0:
        return Rag.GREEN, "on or ahead of trajectory"
    allowed = abs(planned) * tolerance_pct / 100.0
    if -ahead_by <= allowed:
        return Rag.AMBER, f"behind trajectory, within the {tolerance_pct:g}% tolerance"
    if tolerance_pct == 0:
        return Rag.RED, "behind trajectory, with no tolerance allowed"
    return Rag.RED, f"behind trajectory by more than the {tolerance_pct:g}% tolerance"


def rate(
    actual: float | None,
    planned: float | None,
    polarity: Polarity,
    tolerance_pct: float = DEFAULT_TOLERANCE_PCT,
    provisional: bool = False,
    convention: str = RagConvention.DEFAULT,
) -> RagResult:
    """Rate an actual against the plan for its period.

    On the figure: GREEN on or ahead of plan in the direction of the indicator's polarity; AMBER
    behind plan by no more than the tolerance, a percentage of the planned value; RED behind by
    more; GREY not rated (no plan or target to judge against).
    The convention's RAG: under "provisional counts as amber" a provisional or incomplete figure
    is AMBER whatever it shows (seed 000: "not yet validated - hence the amber rating"); under
    "rated on the figure" it is the figure's RAG. GREY with no actual: no data.
    """
    if actual is None:
        return RagResult(Rag.GREY, "no data for this period")
    figure, why = _on_figure(actual, planned, polarity, tolerance_pct)
    if provisional and convention == RagConvention.PROVISIONAL_AMBER:
        return RagResult(Rag.AMBER, "provisional or incomplete data", figure, why)
    if provisional:
        return RagResult(figure, f"{why} (provisional figure)", figure, why)
    return RagResult(figure, why, figure, why)


def rag_shown(rag: Rag, has_figure: bool) -> tuple[str, str]:
    """(letter, word) a RAG is printed with: GREY is ND "No data" only when there is no figure;
    a figure with nothing to judge it against is NR "Not rated"."""
    if rag is Rag.GREY and has_figure:
        return "NR", "Not rated"
    if rag is Rag.GREY:
        return "ND", "No data"
    return rag.letter, rag.label


# ---------------------------------------------------------------- age: out of date

# How long after a period ends its figure is usually published, by frequency (months). A latest
# figure whose period ended longer ago than this before the pack's "as at" date is out of date.
# Monthly NHS returns publish within about six weeks; quarterly ones within a quarter; annual
# public-health figures (Fingertips, ONS) a year or more after the year ends.
DEFAULT_LAG_MONTHS: dict[Frequency, int] = {
    Frequency.MONTHLY: 3,
    Frequency.QUARTERLY: 6,
    Frequency.ANNUAL_FINANCIAL: 24,
    Frequency.ANNUAL_CALENDAR: 24,
    Frequency.ROLLING_3_YEAR: 24,
}


def add_months(d: date, months: int) -> date:
    """The same day `months` later (the month's last day where it has fewer days)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def lag_months(frequency: Frequency, reporting_lag_months: int | None) -> int:
    """The indicator's expected reporting lag: its own, or its frequency's usual one."""
    return reporting_lag_months if reporting_lag_months is not None else DEFAULT_LAG_MONTHS.get(frequency, 24)


def out_of_date(period_end: date | None, frequency: Frequency, reporting_lag_months: int | None,
                as_at: date) -> bool:
    """The latest figure is older than the expected lag: its period end plus the lag is before
    the "as at" date."""
    if period_end is None:
        return False
    return add_months(period_end, lag_months(frequency, reporting_lag_months)) < as_at


# ---------------------------------------------------------------- the target date

@dataclass(frozen=True, slots=True)
class TargetVerdict:
    met: bool | None  # None: no figure to judge by
    shortfall: float  # how far the figure falls short of the target (0 when met), in its unit
    period: str | None  # the period whose figure was judged
    value: float | None


def target_verdict(target_value: float | None, target_date: date | None, polarity: Polarity,
                   figure: tuple[str, float] | None, as_at: date) -> TargetVerdict | None:
    """After the target date (as at `as_at`), whether the figure for the last period ending on
    or before the target date met the target; None while the date is still to come, or with no
    target. The forecast is shown only before the target date."""
    if target_value is None or target_date is None or as_at <= target_date:
        return None
    if figure is None:
        return TargetVerdict(None, 0.0, None, None)
    period, value = figure
    sign = 1.0 if polarity is Polarity.HIGHER_IS_BETTER else -1.0
    ahead = (value - target_value) * sign
    return TargetVerdict(ahead >= 0, max(0.0, -ahead), period, value)


# ---------------------------------------------------------------- trend (Making Data Count)

TREND_IMPROVING = "improving (special cause)"
TREND_WORSENING = "worsening (special cause)"
TREND_NO_CHANGE = "no significant change"
TREND_TOO_FEW = "too few points for a trend"
TREND_KEY = ("Trend follows Making Data Count: the SPC variation of the latest point where an indicator has "
             "enough figures for a chart (special cause improvement: improving; special cause concern: "
             "worsening; common cause: no significant change); with fewer, no trend is claimed. It never "
             "compares the last two points.")


def mdc_trend(variation_type: str | None, figures: int) -> str:
    """The trend a board is told: the SPC variation of the latest point (None: too few points for
    an SPC analysis), never a comparison of the last two points. "" with no figure at all."""
    if figures == 0:
        return ""
    if variation_type is None:
        return TREND_TOO_FEW
    if variation_type == "special_cause_improvement":
        return TREND_IMPROVING
    if variation_type == "special_cause_concern":
        return TREND_WORSENING
    if variation_type == "common_cause":
        return TREND_NO_CHANGE
    return "special cause variation (no direction of improvement)"
