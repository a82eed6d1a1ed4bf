"""Domain layer: the rules of importing actuals from a table - reading a value the way a
spreadsheet or a public-health download writes it (with a reason for each thing it refuses),
recognising a file's format by its column names, and the plan of what each row will do."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from .enums import Rag
from .fields import NumberProblem, parse_number, shown

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
