"""Domain layer: the rules of importing actuals (and programmes' milestones) from a table - reading
a value or a date the way a spreadsheet or a public-health download writes it (with a reason for
each thing it refuses), recognising a file's format by its column names, and the plan of what
each row will do."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from .enums import MilestoneStatus, Rag
from .fields import NumberProblem, parse_number, shown
from .periods import PeriodError, parse_date, uk_date

# ----------------------------------------------------------------------------- values

MISSING = {
    "": "the value is blank: leave the row out, or give the figure",
    "n/a": "'n/a' (not applicable) is not a value: leave the row out, or give the figure",
    "na": "'NA' (not available) is not a value: leave the row out until the figure is published",
    "*": "'*' marks a value the publisher suppressed: there is no figure to record",
    "x": "'x' marks a value that is not available: there is no figure to record",
    "-": "'-' is not a value: leave the row out, or give the figure",
    "..": "'..' (not available) is not a value: leave the row out until the figure is published",
}


class ValueProblem(ValueError):
    """Why a cell is not a value; the text names what is wrong and how to put it right."""


class PercentCell(float):
    """A spreadsheet cell formatted as a percentage: it shows 12.5% and holds 0.125. Kept apart
    from a plain number so the import can say what it does with it (see percent_cell)."""

    __slots__ = ()

    @property
    def shown(self) -> str:
        return f"{round(float(self) * 100, 10):g}%"


def percent_cell(cell: PercentCell, *, percent: bool, code: str, unit: str | None) -> tuple[float, str]:
    """The value of a cell formatted as a percentage, and what the plan says about it: for a
    per-cent indicator the figure it shows (12.5% is 12.5, not 0.125); for any other, refused."""
    if not percent:
        raise ValueProblem(f"the cell shows {cell.shown}, a percentage, but {code} is measured in "
                           f"'{unit}': write the figure as a plain number")
    value = parse_value(round(float(cell) * 100, 10), percent=True)
    return value, f"the cell shows {cell.shown} (stored by Excel as {float(cell):g}): recorded as {value:g}"


def parse_value(text: object, *, percent: bool = False) -> float:
    """A number as an import needs it: read by the one number parser (domain.fields), no units,
    not negative, at most 100 for a percentage. Raises ValueProblem with the reason."""
    if type(text) is str:  # a text file's every cell: asked first
        raw = text.strip()
    elif isinstance(text, bool):
        raise ValueProblem(f"'{text}' is not a number")
    elif isinstance(text, int | float):
        value = float(text)
        raw = repr(text)
        if math.isnan(value) or math.isinf(value):
            raise ValueProblem(f"'{raw}' is not a number")
        return _held(value, raw, percent)
    else:
        raw = "" if text is None else str(text).strip()
    try:
        value = parse_number(raw)
    except NumberProblem as exc:
        key = raw.lower()
        if key in MISSING:
            raise ValueProblem(MISSING[key]) from None
        if raw.endswith("%"):
            raise ValueProblem(f"'{shown(raw)}' has a per cent sign: write the number alone "
                               f"({shown(raw[:-1].strip())})") from None
        raise ValueProblem(str(exc)) from None
    return _held(value, raw, percent)


def _held(value: float, raw: str, percent: bool) -> float:
    if value < 0:
        raise ValueProblem(f"{shown(raw)} is negative: indicators here count or rate things, and cannot be below 0")
    if percent and value > 100:
        raise ValueProblem(f"{shown(raw)} is over 100, and this indicator is a percentage")
    return value


def parse_lead_rag(text: object) -> Rag | None:
    """A lead's RAG as a file writes it: red, amber or green, or R, A or G (any case); blank: none."""
    raw = "" if text is None else str(text).strip().lower()
    if raw == "":
        return None
    for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
        if raw in (rag.value, rag.letter.lower()):
            return rag
    raise ValueProblem(f"'{text}' is not a RAG: write red, amber or green (or R, A, G)")


def parse_flag(text: object) -> bool:
    raw = "" if text is None else str(text).strip().lower()
    if raw in ("", "no", "n", "false", "0", "validated", "final"):
        return False
    if raw in ("yes", "y", "true", "1", "provisional", "p"):
        return True
    raise ValueProblem(f"'{text}' is not yes or no")


# ----------------------------------------------------------------------------- formats

def norm(header: str) -> str:
    """Column names compared without case, spaces, dots or underscores: 'Time period',
    'Time.period', 'Timeperiod' and 'time_period' are one column."""
    return re.sub(r"[^a-z0-9]", "", (header or "").lower())


class Format(StrEnum):
    TEMPLATE = "template"
    FINGERTIPS = "fingertips"
    MAPPED = "mapped"


TEMPLATE_COLUMNS = ("indicator_code", "period", "value", "provisional", "note")
FINGERTIPS_NEEDS = ("indicatorid", "areacode", "timeperiod", "value")


def detect(headers: Sequence[str]) -> Format:
    names = {norm(h) for h in headers}
    if {"indicatorcode", "period", "value"} <= names:
        return Format.TEMPLATE
    if set(FINGERTIPS_NEEDS) <= names:
        return Format.FINGERTIPS
    return Format.MAPPED


@dataclass(frozen=True)
class Profile:
    """How to read a table that is neither the template nor a Fingertips download: the column
    holding the period and the one holding the value (a tidy table), or the columns whose
    headers are periods (a wide table); and the filters that pick the rows, such as
    area_code = E08000028. Saved under a name, to reuse next month."""

    name: str
    indicator_code: str
    value_column: str = ""
    period_column: str = ""
    wide: bool = False
    filters: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"name": self.name, "indicator_code": self.indicator_code, "value_column": self.value_column,
                "period_column": self.period_column, "wide": self.wide, "filters": dict(self.filters)}

    @classmethod
    def from_json(cls, data: Mapping) -> Profile:
        return cls(name=data["name"], indicator_code=data["indicator_code"],
                   value_column=data.get("value_column", ""), period_column=data.get("period_column", ""),
                   wide=bool(data.get("wide")), filters=dict(data.get("filters", {})))


# ----------------------------------------------------------------------------- the plan

class RowAction(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    ERROR = "error"


class PlannedRow(NamedTuple):
    """What one row of the file will do. `row` is the spreadsheet's row number (the header is 1).
    A named tuple: as immutable as a frozen dataclass, and made in a quarter of the time, which
    counts when a file has tens of thousands of rows."""

    row: int
    action: RowAction
    indicator_code: str = ""
    indicator_id: int | None = None
    period: str = ""
    value: float | None = None
    old_value: float | None = None
    provisional: bool = False
    note: str | None = None
    column: str = ""
    reason: str = ""
    lead_rag: Any = None  # the lead's assessed RAG (a Rag) from the optional lead_rag column; None: not given
    lead_reason: str | None = None

    def describe(self) -> str:
        said = f" ({self.reason})" if self.reason else ""  # what was done to read the value
        lead = f"; lead's RAG {self.lead_rag.letter}: {self.lead_reason}" if self.lead_rag is not None else ""
        if self.action is RowAction.CHANGED:
            if self.old_value == self.value and lead:
                return f"lead's RAG set{lead}"
            return f"changed actual, {self.old_value:g} → {self.value:g}{said}{lead}"
        if self.action is RowAction.NEW:
            return f"new actual {self.value:g}{said}{lead}"
        if self.action is RowAction.UNCHANGED:
            return "unchanged"
        return f"{self.action.value}: {self.reason}"


# ----------------------------------------------------------------------------- milestones

# The milestone import's columns (a spreadsheet of a programme's check points): the programme's
# reference and the milestone's title name the milestone (an existing one is updated, another
# created); the dates and status are its; the reason is kept with a moved forecast.
MILESTONE_COLUMNS = ("programme_reference", "milestone_title", "baseline_date", "forecast_date", "actual_date",
                     "status", "reason")
# the same columns as the export's Milestones sheet heads them, so an exported sheet imports back
MILESTONE_ALIASES = {"programme": "programmereference", "milestone": "milestonetitle", "title": "milestonetitle",
                     "baseline": "baselinedate", "forecast": "forecastdate", "actual": "actualdate",
                     "reasonfortheforecastchange": "reason", "forecastreason": "reason", "reasonforthechange": "reason",
                     "reasonforchange": "reason"}
# the record's fields as the file's columns name them (a problem found by the field's rule is
# named at the column that holds it)
MILESTONE_FIELD_COLUMNS = {"programme_id": "programme_reference", "title": "milestone_title",
                           "baseline_date": "baseline_date", "forecast_date": "forecast_date",
                           "actual_date": "actual_date", "status": "status"}


def milestone_columns(headers: Sequence[str]) -> dict[str, int]:
    """Where each milestone column is in a header row ({column: index}); headers compared as
    norm() compares them, the export's Milestones headings taken as their import names."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        key = norm(h)
        key = MILESTONE_ALIASES.get(key, key)
        wanted = next((c for c in MILESTONE_COLUMNS if norm(c) == key), None)
        if wanted is not None and wanted not in found:
            found[wanted] = i
    return found


_DAY_FIRST = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{2,4})")
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?")


def parse_import_date(cell: object, today: date) -> date | None:
    """A date as a spreadsheet or a CSV file writes it, read in UK order: 31/12/2022, 31-12-2022,
    31.12.2022, 31 Dec 2022, 2022-12-31, or a workbook's date cell; blank: None. A number (a
    date cell Excel stored without its date format), a two-digit year, a US-order date and a
    date more than a century from `today` are refused with the reason (ValueProblem)."""
    if cell is None:
        return None
    if isinstance(cell, datetime):
        if cell.time() != datetime.min.time():
            raise ValueProblem(f"'{cell}' has a time of day: give the date alone")
        return cell.date()
    if isinstance(cell, date):
        return _plausible(cell, str(cell), today)
    if isinstance(cell, bool) or isinstance(cell, int | float):
        raise ValueProblem(f"'{cell:g}' is a number, not a date (a spreadsheet date cell that lost its date "
                           "format): format the cell as a date, or type the date as 31/12/2022")
    raw = str(cell).strip()
    if raw == "":
        return None
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        raise ValueProblem(f"'{shown(raw)}' is a number, not a date (a spreadsheet date cell that lost its date "
                           "format): format the cell as a date, or type the date as 31/12/2022")
    midnight = _MIDNIGHT.fullmatch(raw)
    if midnight:  # a workbook's date cell, as the table reader gives it
        raw = midnight.group(1)
    m = _DAY_FIRST.fullmatch(raw)
    if m:
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) != 4:
            raise ValueProblem(f"'{shown(raw)}' has a two-digit year: write the year in full, as 31/12/2022")
        if month > 12 and day <= 12:
            raise ValueProblem(f"'{shown(raw)}' reads as month {month}: dates are read day first (UK order), "
                               f"so write it as {month:02d}/{day:02d}/{year}")
        try:
            return _plausible(date(year, month, day), raw, today)
        except ValueError:
            raise ValueProblem(f"'{shown(raw)}' is not a date: there is no day {day} in month {month} of "
                               f"{year}") from None
    try:
        found = parse_date(raw)
    except PeriodError as exc:
        what = str(exc)
        if "is a period, not a date" in what:
            raise ValueProblem(what) from None
        raise ValueProblem(f"'{shown(raw)}' is not a date: write it as 31/12/2022") from None
    return _plausible(found, raw, today)


def _plausible(d: date, raw: str, today: date) -> date:
    if abs(d.year - today.year) > 100:
        raise ValueProblem(f"'{shown(raw)}' is more than a century from today: check the year")
    return d


def parse_milestone_status(cell: object) -> MilestoneStatus | None:
    """A milestone's status as its value or its label ("in_progress", "In progress"), any case;
    'done' or 'completed' for complete; blank: None."""
    raw = "" if cell is None else str(cell).strip()
    if raw == "":
        return None
    if raw.lower() in ("done", "completed", "achieved"):
        return MilestoneStatus.COMPLETE
    try:
        return MilestoneStatus(MilestoneStatus.parse(raw.replace("-", " ")))
    except ValueError:
        names = ", ".join(s.label.lower() for s in MilestoneStatus)
        raise ValueProblem(f"'{shown(raw)}' is not a milestone status: write one of {names}") from None


class MilestonePlannedRow(NamedTuple):
    """What one row of a milestone file will do. `values` are the fields it writes (a new
    milestone: all it gives; a changed one: those that differ), `old` those fields' values now."""

    row: int
    action: RowAction
    programme: str = ""  # the programme's reference as the file writes it
    title: str = ""
    programme_id: int | None = None
    milestone_id: int | None = None
    version: int | None = None  # the milestone's version when planned: a change since is refused
    values: tuple[tuple[str, Any], ...] = ()
    old: tuple[tuple[str, Any], ...] = ()
    forecast_reason: str | None = None
    column: str = ""
    reason: str = ""  # an error's cause

    @property
    def forecast_moves(self) -> bool:
        new, old = dict(self.values), dict(self.old)
        return "forecast_date" in new and new["forecast_date"] != old.get("forecast_date")

    def describe(self) -> str:
        if self.action is RowAction.ERROR:
            return f"error: {self.reason}"
        if self.action is RowAction.UNCHANGED:
            return "unchanged"
        old = dict(self.old)
        parts = []
        for name, value in self.values:
            if name in ("programme_id", "title"):
                continue
            said = _said(value)
            if self.action is RowAction.CHANGED:
                said = f"{_said(old.get(name))} → {said}"
            parts.append(f"{name.replace('_date', '').replace('_', ' ')} {said}")
        why = ""
        if self.action is RowAction.CHANGED and self.forecast_moves:
            why = f"; reason: {self.forecast_reason}" if self.forecast_reason else "; no reason given"
        what = "new milestone" if self.action is RowAction.NEW else "changed"
        return f"{what}: {', '.join(parts)}{why}" if parts else what


def _said(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, date):
        return uk_date(value)
    return value.label.lower() if hasattr(value, "label") else str(value)
