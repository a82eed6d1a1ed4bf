"""Domain layer: field specifications and the one function that turns what a user typed (or a
file held) into clean values, collecting a ValidationError for every field that is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .errors import ValidationError
from .periods import PeriodError, parse_date, parse_period


@dataclass(frozen=True, slots=True)
class Field:
    """One editable field. kind: text, int, number, date, enum, bool, period, ref."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    max_len: int = 500
    enum: type[StrEnum] | None = None
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None  # entity a ref field points at


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        f = float(value)
    elif isinstance(value, str):
        s = value.strip()
        if _THOUSANDS.match(s):
            s = s.replace(",", "")
        f = float(s)  # raises ValueError on text
    else:
        raise ValueError
    if math.isnan(f) or math.isinf(f):
        raise ValueError
    return f


def _coerce(f: Field, value: Any) -> Any:
    """Return the clean value or raise ValueError/PeriodError with a user-facing reason."""
    if f.kind == "text":
        if not isinstance(value, str):
            value = str(value)
        value = value.strip()
        if len(value) > f.max_len:
            raise ValueError(f"is {len(value)} characters long; the most allowed is {f.max_len}")
        return value
    if f.kind == "number":
        try:
            n = _number(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a number") from None
        _check_range(f, n)
        return n
    if f.kind in ("int", "ref"):
        try:
            n = _number(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a whole number") from None
        if n != int(n):
            raise ValueError(f"'{value}' is not a whole number")
        if f.kind == "ref" and n < 1:
            raise ValueError(f"'{value}' is not a record id")
        _check_range(f, n)
        return int(n)
    if f.kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"'{value}' is not a date")
        return parse_date(value)
    if f.kind == "period":
        if not isinstance(value, str):
            raise ValueError(f"'{value}' is not a period")
        return parse_period(value).label
    if f.kind == "enum":
        assert f.enum is not None
        if isinstance(value, f.enum):
            return value
        if isinstance(value, str):
            try:
                return f.enum.parse(value)  # type: ignore[attr-defined]
            except ValueError:
                pass
        choices = ", ".join(m.label for m in f.enum)  # type: ignore[attr-defined]
        raise ValueError(f"'{value}' is not one of: {choices}")
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"'{value}' is not yes or no")
    raise AssertionError(f"unknown field kind {f.kind}")


def _check_range(f: Field, n: float) -> None:
    if f.minimum is not None and n < f.minimum:
        raise ValueError(f"must be at least {f.minimum:g}, not {n:g}")
    if f.maximum is not None and n > f.maximum:
        raise ValueError(f"must be at most {f.maximum:g}, not {n:g}")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean(
    fields: Iterable[Field], values: Mapping[str, Any], *, partial: bool = False
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Coerce `values` by `fields`. With partial=False (a create) every required field must be
    given; with partial=True (an update) only the given ones are checked, and none of the
    required ones may be blanked. Unknown names are errors too, so nothing is silently dropped."""
    spec = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    errors: list[ValidationError] = []
    for name in values:
        if name not in spec:
            errors.append(ValidationError(name, "unknown_field", "is not a field of this record"))
    for name, f in spec.items():
        if name not in values:
            if f.required and not partial:
                errors.append(ValidationError(name, "required", f"{f.label} is required"))
            continue
        value = values[name]
        if _blank(value):
            if f.required:
                errors.append(ValidationError(name, "required", f"{f.label} is required"))
            else:
                out[name] = False if f.kind == "bool" else None
            continue
        try:
            out[name] = _coerce(f, value)
        except (ValueError, PeriodError) as exc:
            errors.append(ValidationError(name, "invalid", f"{f.label}: {exc}"))
    return out, errors
