"""Domain layer: the rules of importing actuals from a table - reading a value the way a
spreadsheet or a public-health download writes it (with a reason for each thing it refuses),
recognising a file's format by its column names, and the plan of what each row will do."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

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
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class ValueProblem(ValueError):
    """Why a cell is not a value; the text names what is wrong and how to put it right."""


def parse_value(text: object, *, percent: bool = False) -> float:
    """A number as an import needs it: plain, no units, no separators. Raises ValueProblem."""
    if type(text) is str:  # a CSV cell: the common case, and a plain number the commonest
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is not None and value >= 0 and value != math.inf and (not percent or value <= 100):
            return value  # NaN fails >= 0 and takes the long way, to its reason
    if isinstance(text, bool):
        raise ValueProblem(f"'{text}' is not a number")
    if isinstance(text, int | float):
        value = float(text)
        raw = repr(text)
    else:
        raw = "" if text is None else str(text).strip()
        try:  # most cells are plain numbers; what float() refuses is explained below
            value = float(raw)
        except ValueError:
            value = None
    if value is None:
        key = raw.lower()
        if key in MISSING:
            raise ValueProblem(MISSING[key])
        if raw.endswith("%"):
            raise ValueProblem(f"'{raw}' has a per cent sign: write the number alone ({raw[:-1].strip()})")
        if _THOUSANDS.match(raw):
            raise ValueProblem(f"'{raw}' has a thousands separator: write it without commas ({raw.replace(',', '')})")
        raise ValueProblem(f"'{raw}' is not a number")
    if math.isnan(value) or math.isinf(value):
        raise ValueProblem(f"'{raw}' is not a number")
    if value < 0:
        raise ValueProblem(f"{raw} is negative: indicators here count or rate things, and cannot be below 0")
    if percent and value > 100:
        raise ValueProblem(f"{raw} is over 100, and this indicator is a percentage")
    return value


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

    def describe(self) -> str:
        if self.action is RowAction.CHANGED:
            return f"changed actual, {self.old_value:g} → {self.value:g}"
        if self.action is RowAction.NEW:
            return f"new actual {self.value:g}"
        if self.action is RowAction.UNCHANGED:
            return "unchanged"
        return f"{self.action.value}: {self.reason}"
