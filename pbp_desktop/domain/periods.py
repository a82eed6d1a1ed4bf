"""Domain layer: reporting periods (NHS financial years and quarters, months, calendar years,
rolling periods, single days), their parsing from the forms that board papers and Fingertips
downloads use, and the sequence of reporting periods between two dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .enums import Frequency

FY_START_MONTH = 4  # NHS financial years run 1 April to 31 March


class PeriodKind(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "fy"
    CALENDAR_YEAR = "cy"
    ROLLING_CALENDAR = "rolling_cy"
    ROLLING_FINANCIAL = "rolling_fy"


class PeriodError(ValueError):
    """The text is not a period this app can read; the message gives the forms it accepts."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed date interval with the kind that names it. Ordered by end date, then start."""

    end: date
    start: date
    kind: PeriodKind

    @property
    def label(self) -> str:
        return _label(self)

    def _label(self) -> str:
        k = self.kind
        if k is PeriodKind.DAY:
            return self.start.strftime("%d/%m/%Y")
        if k is PeriodKind.MONTH:
            return f"{calendar.month_abbr[self.start.month]} {self.start.year}"
        if k is PeriodKind.QUARTER:
            fy = financial_year_of(self.start)
            q = (self.start.month - FY_START_MONTH) % 12 // 3 + 1
            return f"Q{q} {fy.label}"
        if k is PeriodKind.FINANCIAL_YEAR:
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if k is PeriodKind.CALENDAR_YEAR:
            return str(self.start.year)
        if k is PeriodKind.ROLLING_CALENDAR:
            return f"{self.start.year} - {self.end.year % 100:02d}"
        # rolling financial years: "2016/17 - 18/19"
        first = self.start.year
        last = self.end.year - 1
        return f"{first}/{(first + 1) % 100:02d} - {last % 100:02d}/{(last + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label


@lru_cache(maxsize=65536)
def _label(period: Period) -> str:
    """Labels are asked for often (every grid cell, every key): worked out once per period."""
    return period._label()


# ---------------------------------------------------------------- constructors

def day(d: date) -> Period:
    return Period(end=d, start=d, kind=PeriodKind.DAY)


def month(year: int, month_no: int) -> Period:
    last = calendar.monthrange(year, month_no)[1]
    return Period(end=date(year, month_no, last), start=date(year, month_no, 1), kind=PeriodKind.MONTH)


def financial_year(start_year: int) -> Period:
    return Period(
        end=date(start_year + 1, FY_START_MONTH, 1) - timedelta(days=1),
        start=date(start_year, FY_START_MONTH, 1),
        kind=PeriodKind.FINANCIAL_YEAR,
    )


def quarter(fy_start_year: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise PeriodError(f"Q{q} is not a quarter: use Q1 to Q4")
    first = FY_START_MONTH + 3 * (q - 1)  # months counted from January of the FY's first year
    last = first + 2
    start = date(fy_start_year + (first - 1) // 12, (first - 1) % 12 + 1, 1)
    end = month(fy_start_year + (last - 1) // 12, (last - 1) % 12 + 1).end
    return Period(end=end, start=start, kind=PeriodKind.QUARTER)


def calendar_year(year: int) -> Period:
    return Period(end=date(year, 12, 31), start=date(year, 1, 1), kind=PeriodKind.CALENDAR_YEAR)


MAX_ROLLING_YEARS = 10


def rolling_calendar(first_year: int, last_year: int) -> Period:
    if not first_year < last_year < first_year + MAX_ROLLING_YEARS:
        raise PeriodError(f"'{first_year} - {last_year}' is not a rolling period of 2 to {MAX_ROLLING_YEARS} years")
    return Period(end=date(last_year, 12, 31), start=date(first_year, 1, 1), kind=PeriodKind.ROLLING_CALENDAR)


def rolling_financial(first_start_year: int, last_start_year: int) -> Period:
    if not first_start_year < last_start_year < first_start_year + MAX_ROLLING_YEARS:
        raise PeriodError(f"not a rolling period of 2 to {MAX_ROLLING_YEARS} financial years")
    return Period(
        end=financial_year(last_start_year).end,
        start=financial_year(first_start_year).start,
        kind=PeriodKind.ROLLING_FINANCIAL,
    )


def financial_year_of(d: date) -> Period:
    return financial_year(d.year if d.month >= FY_START_MONTH else d.year - 1)


def quarter_of(d: date) -> Period:
    fy = financial_year_of(d)
    q = (d.month - FY_START_MONTH) % 12 // 3 + 1
    return quarter(fy.start.year, q)


# ---------------------------------------------------------------- parsing

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_ACCEPTED = (
    "2024/25, Q1 2024/25, 2024/25 Q1, Mar 2025, March 2025, 2025-03, 2019, "
    "2017 - 19, 2016/17 - 18/19, 31 March 2025, 31/03/2025 or 2025-03-31"
)


def _year2(first: int, two: str) -> int:
    """The year that a two- or four-digit follower of `first` names ("19" after 2017 is 2019)."""
    if len(two) == 4:
        return int(two)
    century = first - first % 100
    value = century + int(two)
    return value if value >= first else value + 100


def _fy(first: str, second: str, text: str) -> int:
    start = int(first)
    end = _year2(start, second)
    if end != start + 1:
        raise PeriodError(f"'{text}' is not a financial year: the second year must follow the first")
    return start


_FY = r"(\d{4})\s*/\s*(\d{2}|\d{4})"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_FY}$"), "fy"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "fy_or_month"),
    (re.compile(rf"^q([1-4])\s*[,-]?\s*{_FY}$"), "q_first"),
    (re.compile(rf"^{_FY}\s*[,-]?\s*q([1-4])$"), "q_last"),
    (re.compile(rf"^{_FY}\s*-\s*(\d{{2}}|\d{{4}})\s*/\s*(\d{{2}}|\d{{4}})$"), "rolling_fy"),
    (re.compile(r"^(\d{4})\s*-\s*(\d{2}|\d{4})$"), "rolling_cy"),
    (re.compile(r"^(\d{4})$"), "cy"),
    (re.compile(rf"^{_MONTH_RE}[\s-]*(\d{{4}})$"), "month_name"),
    (re.compile(rf"^(\d{{4}})\s+{_MONTH_RE}$"), "year_month_name"),
    (re.compile(r"^(\d{1,2})/(\d{4})$"), "mm_yyyy"),
    (re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH_RE}[\s,-]+(\d{{4}})$"), "day_name"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dd_mm_yyyy"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "iso_day"),
]


def parse_period(text: str, frequency: Frequency | None = None) -> Period:
    """Read a period as written in board papers or Fingertips; raise PeriodError if it cannot.
    "2011-12" is both December 2011 and the financial year 2011/12: for a monthly indicator
    (`frequency` MONTHLY) it is the month; otherwise, or when the frequency is not known, the
    financial year (board papers write years so far more often than months)."""
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a period")
    return _parse_period(text, frequency is Frequency.MONTHLY)


@lru_cache(maxsize=65536)
def _parse_period(text: str, months_first: bool = False) -> Period:
    if not isinstance(text, str):
        raise PeriodError(f"{text!r} is not a period")
    raw = " ".join(text.split())
    s = raw.lower()
    if not s:
        raise PeriodError("the period is empty")
    for pattern, form in _PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        g = m.groups()
        try:
            if form == "fy":
                return financial_year(_fy(g[0], g[1], raw))
            if form == "fy_or_month":
                year, tail = int(g[0]), int(g[1])
                if months_first and 1 <= tail <= 12:
                    return month(year, tail)
                if tail == (year + 1) % 100:
                    return financial_year(year)
                if 1 <= tail <= 12:
                    return month(year, tail)
                last = _year2(year, g[1])
                if not year < last < year + MAX_ROLLING_YEARS:  # "2019-13": no month 13, nor a rolling period
                    raise PeriodError(f"'{raw}' cannot be read as a period: there is no month {tail}, and {year} "
                                      f"to {last} is not a rolling period of 2 to {MAX_ROLLING_YEARS} years; use "
                                      f"a form such as {_ACCEPTED}")
                continue  # "2017-19": a rolling period, tried below
            if form == "q_first":
                return quarter(_fy(g[1], g[2], raw), int(g[0]))
            if form == "q_last":
                return quarter(_fy(g[0], g[1], raw), int(g[2]))
            if form == "rolling_fy":
                first = _fy(g[0], g[1], raw)
                last_start = _year2(first, g[2])
                if _year2(last_start, g[3]) != last_start + 1:
                    break
                return rolling_financial(first, last_start)
            if form == "rolling_cy":
                first = int(g[0])
                last = _year2(first, g[1])
                if not first < last < first + MAX_ROLLING_YEARS:  # quoted as typed, not as worked out
                    raise PeriodError(f"'{raw}' cannot be read as a period: {first} to {last} is not a rolling "
                                      f"period of 2 to {MAX_ROLLING_YEARS} years; use a form such as {_ACCEPTED}")
                return rolling_calendar(first, last)
            if form == "cy":
                return calendar_year(int(g[0]))
            if form == "month_name":
                return month(int(g[1]), _MONTHS[g[0]])
            if form == "year_month_name":
                return month(int(g[0]), _MONTHS[g[1]])
            if form == "mm_yyyy":
                return month(int(g[1]), int(g[0]))
            if form == "day_name":
                return day(date(int(g[2]), _MONTHS[g[1]], int(g[0])))
            if form == "dd_mm_yyyy":
                return day(date(int(g[2]), int(g[1]), int(g[0])))
            if form == "iso_day":
                return day(date(int(g[0]), int(g[1]), int(g[2])))
        except PeriodError:
            raise
        except ValueError:
            break  # e.g. month 13 or 31 February: fall through to the message below
    raise PeriodError(f"'{raw}' is not a period this app can read; use a form such as {_ACCEPTED}")


_NUMERIC_DATE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def parse_date(text: str) -> date:
    """Read a single date (UK order for slashes); raise PeriodError, saying what is wrong with it,
    if it is not one."""
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:  # a date written in figures: say which part is wrong, as a person would
        day, mon, year = (int(g) for g in numeric.groups())
        if not 1 <= mon <= 12:
            raise PeriodError(f"'{text.strip()}' reads as month {mon}: dates are read day first, as 31/03/2025")
        try:
            return date(year, mon, day)
        except ValueError:
            raise PeriodError(f"'{text.strip()}': there is no day {day} in {_MONTH_NAMES[mon - 1]} {year}") from None
    try:
        p = parse_period(text)
    except PeriodError:
        raise PeriodError(f"'{text.strip()}' is not a date; write a day such as 31/03/2025") from None
    if p.kind is not PeriodKind.DAY:
        raise PeriodError(f"'{text.strip()}' is a period, not a date; write a day such as 31/03/2025")
    return p.start


# ---------------------------------------------------------------- reporting periods

def period_of(frequency: Frequency, d: date) -> Period:
    """The reporting period of this frequency that contains (or, for rolling, ends in) date d."""
    if frequency is Frequency.MONTHLY:
        return month(d.year, d.month)
    if frequency is Frequency.QUARTERLY:
        return quarter_of(d)
    if frequency is Frequency.ANNUAL_FINANCIAL:
        return financial_year_of(d)
    if frequency is Frequency.ANNUAL_CALENDAR:
        return calendar_year(d.year)
    return rolling_calendar(d.year - 2, d.year)


def next_period(frequency: Frequency, p: Period) -> Period:
    if frequency is Frequency.ROLLING_3_YEAR:
        return rolling_calendar(p.start.year + 1, p.end.year + 1)
    return period_of(frequency, p.end + timedelta(days=1))


def reporting_periods(frequency: Frequency, after: date, until: date) -> list[Period]:
    """The periods of `frequency` whose end falls after `after` and on or before `until`:
    the periods a trajectory from a baseline at `after` to a target at `until` runs through."""
    return list(_reporting_periods(frequency, after, until))


@lru_cache(maxsize=4096)
def _reporting_periods(frequency: Frequency, after: date, until: date) -> tuple[Period, ...]:
    if until <= after:
        return ()
    periods: list[Period] = []
    p = period_of(frequency, after)
    if p.end <= after:
        p = next_period(frequency, p)
    while p.end <= until:
        periods.append(p)
        p = next_period(frequency, p)
    return tuple(periods)


_SHAPE = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.ANNUAL_FINANCIAL: PeriodKind.FINANCIAL_YEAR,
    Frequency.ANNUAL_CALENDAR: PeriodKind.CALENDAR_YEAR,
    Frequency.ROLLING_3_YEAR: PeriodKind.ROLLING_CALENDAR,
}


def frequency_matches(frequency: Frequency, p: Period) -> bool:
    """True when a period has the shape this frequency reports in."""
    return p.kind is _SHAPE[frequency]


EARLIEST_YEAR = 1900  # no partnership holds figures older than this: such a year is a typing slip
YEARS_AHEAD = 5  # an actual is observed: one for a period starting further ahead than this is a slip


def implausible(p: Period, today: date) -> str | None:
    """Why an actual cannot be for period p (a year before 1900, or a period starting more than
    five years after the register's today), or None when it can."""
    if p.start.year < EARLIEST_YEAR:
        return f"{p.label} is before {EARLIEST_YEAR}: check the year"
    try:
        horizon = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        horizon = today.replace(year=today.year + YEARS_AHEAD, day=28)
    if p.start > horizon:
        return (f"{p.label} starts more than {YEARS_AHEAD} years after today ({uk_date(today)}): "
                "check the year")
    return None


def uk_date(d: date | None) -> str:
    """31/03/2025, the date form UK boards read."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}" if d else ""  # strftime is ten times slower
