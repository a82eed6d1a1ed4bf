"""Domain layer: field specifications and the one function that turns what a user typed (or a
file held) into clean values, collecting a ValidationError for every field that is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any

from .errors import ValidationError
from .periods import PeriodError, parse_date, parse_period

LONG_TEXT = 600  # text fields allowed more characters than this are long text, kept over several lines

# Characters refused in every text field: C0 controls but tab, line feed and carriage return;
# DEL; C1 controls; and lone surrogates (not text at all). Excel refuses the C0 ones, PostgreSQL
# refuses NUL, and none of them can be printed. Tab and line breaks are kept in long text only.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


@dataclass(frozen=True, slots=True)
class Field:
    """One editable field. kind: text, int, number, date, datetime, enum, bool, period, ref,
    binary. `lines`: whether text may run over several lines (None: when it is long text)."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    max_len: int = 500
    enum: type[StrEnum] | None = None
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None  # entity a ref field points at
    lines: bool | None = None

    @property
    def multiline(self) -> bool:
        if self.lines is not None:
            return self.lines
        return self.kind == "text" and self.max_len > LONG_TEXT


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message may quote it: control characters escaped, long text cut short."""
    text = value if isinstance(value, str) else repr(value)
    text = _CONTROL_OR_BREAK.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                 else f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why `value` cannot be kept in a text field (one line, or long text), or None."""
    m = (_CONTROL if multiline else _CONTROL_OR_BREAK).search(value)
    if m is None:
        return None
    ch, at = m.group(), m.start() + 1
    if ch in _BREAKS:
        return f"has {_BREAKS[ch]} at character {at}; this field holds one line: remove it"
    if "\ud800" <= ch <= "\udfff":
        return f"has a broken character (U+{ord(ch):04X}) at character {at}: retype the text"
    return (f"has a control character (U+{ord(ch):04X}) at character {at}, which cannot be printed, exported or "
            "stored: remove it")


# What a person writes as a number: digits 0-9, thousands commas only in whole groups of three,
# one decimal point, an optional sign and exponent. Not what float() also takes: '1_000',
# full-width or other scripts' digits, 'inf', 'nan', or a value too small or large to keep.
_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


class NumberProblem(ValueError):
    """Why a text is not a number; the message says what to write instead."""


def parse_number(text: str) -> float:
    """The one reading of a number typed or held as text (forms, the import, files); raises
    NumberProblem with the reason."""
    s = text.strip()
    if not _NUMBER.fullmatch(s):
        q = shown(s)
        if "_" in s:
            raise NumberProblem(f"'{q}' is not a number: write it without underscores")
        if _DECIMAL_COMMA.fullmatch(s):
            raise NumberProblem(f"'{q}' is not a number: write the decimal point as a full stop "
                                f"({s.replace(',', '.')})")
        if any(not c.isascii() and c.isdigit() for c in s) or any(
                not c.isascii() and c.isnumeric() for c in s):
            raise NumberProblem(f"'{q}' is not a number: write it with the digits 0 to 9")
        raise NumberProblem(f"'{q}' is not a number")
    f = float(s.replace(",", ""))
    if math.isinf(f):
        raise NumberProblem(f"'{shown(s)}' is too large a number to keep")
    if f == 0 and any(c in "123456789" for c in re.split("[eE]", s)[0]):
        raise NumberProblem(f"'{shown(s)}' is too small a number to keep: it would be stored as 0")
    return f


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        f = float(value)
    elif isinstance(value, str):
        f = parse_number(value)
    else:
        raise ValueError
    if math.isnan(f) or math.isinf(f):
        raise ValueError
    return f


def _strict_number(value: Any) -> float:
    """A number as a file holds one: a number, not text, not true/false, finite."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError
    f = float(value)
    if math.isnan(f) or math.isinf(f):
        raise ValueError
    return f


def _text(f: Field, value: Any, strict: bool) -> str:
    if not isinstance(value, str):
        if strict:
            raise ValueError(f"{shown(value)} is not text")
        value = str(value)
    if not strict:
        value = value.strip()
    if len(value) > f.max_len:
        raise ValueError(f"is {len(value):,} characters long; the most allowed is {f.max_len:,}")
    problem = text_problem(value, multiline=f.multiline)
    if problem:
        raise ValueError(problem)
    return value


def _coerce(f: Field, value: Any, strict: bool = False) -> Any:
    """Return the clean value or raise ValueError/PeriodError with a user-facing reason. strict:
    the value comes from a file or the database, not a person, and must already be of its type
    (a number a number, true/false a boolean, an id an integer, a date ISO 8601) and is kept
    exactly as it is (text is not trimmed)."""
    if f.kind == "text":
        return _text(f, value, strict)
    if f.kind == "number":
        try:
            n = _strict_number(value) if strict else _number(value)
        except NumberProblem as exc:
            raise ValueError(str(exc)) from None
        except ValueError:
            raise ValueError(f"{_quoted(value)} is not a number") from None
        _check_range(f, n)
        return n
    if f.kind in ("int", "ref"):
        if strict and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{_quoted(value)} is not a whole number")
        try:
            n = _number(value)
        except NumberProblem as exc:
            raise ValueError(str(exc).replace("a number", "a whole number", 1)) from None
        except ValueError:
            raise ValueError(f"{_quoted(value)} is not a whole number") from None
        if n != int(n):
            raise ValueError(f"{_quoted(value)} is not a whole number")
        if f.kind == "ref" and n < 1:
            raise ValueError(f"{_quoted(value)} is not a record id")
        _check_range(f, n)
        return int(n)
    if f.kind == "date":
        if isinstance(value, datetime):
            if strict:
                raise ValueError(f"{_quoted(value)} is a time, not a date")
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise ValueError(f"{_quoted(value)} is not a date")
        if strict:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(f"{_quoted(value)} is not a date written as 2025-03-31")
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{_quoted(value)} is not a date") from None
        return parse_date(value)
    if f.kind == "datetime":
        if isinstance(value, datetime):
            return value
        if not isinstance(value, str) or not _ISO_DATETIME.fullmatch(value):
            raise ValueError(f"{_quoted(value)} is not a date and time written as 2025-03-31T09:30:00")
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{_quoted(value)} is not a date and time") from None
    if f.kind == "period":
        if not isinstance(value, str):
            raise ValueError(f"{_quoted(value)} is not a period")
        label = parse_period(value).label
        if strict and label != value:
            raise ValueError(f"'{shown(value)}' is not written as the app writes this period ({label})")
        return label
    if f.kind == "enum":
        assert f.enum is not None
        if isinstance(value, f.enum):
            return value
        if isinstance(value, str):
            try:
                return f.enum(value) if strict else f.enum.parse(value)  # type: ignore[attr-defined]
            except ValueError:
                pass
        choices = ", ".join(m.value if strict else m.label for m in f.enum)  # type: ignore[attr-defined]
        raise ValueError(f"{_quoted(value)} is not one of: {choices}")
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        if strict:
            raise ValueError(f"{_quoted(value)} is not true or false")
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(f"'{shown(value)}' is not yes or no")
    if f.kind == "binary":
        if isinstance(value, bytes | bytearray | memoryview):
            return bytes(value)
        raise ValueError("is not binary data")
    raise AssertionError(f"unknown field kind {f.kind}")


_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([+-][0-9]{2}:[0-9]{2})?")


def _quoted(value: Any) -> str:
    """A value as the message quotes it: text in quotes, anything else as a file writes it."""
    if isinstance(value, str):
        return f"'{shown(value)}'"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return shown(value, 80)


def _check_range(f: Field, n: float) -> None:
    if f.minimum is not None and n < f.minimum:
        raise ValueError(f"must be at least {f.minimum:g}, not {n:g}")
    if f.maximum is not None and n > f.maximum:
        raise ValueError(f"must be at most {f.maximum:g}, not {n:g}")


def _plainly_sound(f: Field, value: Any) -> bool:
    """True when a value from a file or the register is plainly sound for its field: of the type,
    in range, text without a character it may not hold. Only a quicker way to the same answer
    (`check` reads every record of a register of hundreds of thousands): whatever this does not
    pass takes _coerce, which says what is wrong. Never passes anything _coerce would refuse."""
    return sound_check(f)(value)


def sound_check(f: Field) -> Callable[[Any], bool]:
    """_plainly_sound for one field, worked out once: a function of the value alone (None is
    sound when the field is not required), for a caller checking many records of one kind."""
    kind, low, high, required = f.kind, f.minimum, f.maximum, f.required
    if kind == "ref":
        low = 1 if low is None else max(low, 1)
    search = (_CONTROL if f.multiline else _CONTROL_OR_BREAK).search
    most, enum = f.max_len, f.enum

    def text(v: Any) -> bool:
        return type(v) is str and len(v) <= most and (not required or bool(v.strip())) and search(v) is None

    def whole(v: Any) -> bool:
        return type(v) is int and (low is None or v >= low) and (high is None or v <= high)

    def number(v: Any) -> bool:
        return ((type(v) is float or type(v) is int) and math.isfinite(v) and (low is None or v >= low)
                and (high is None or v <= high))

    def period(v: Any) -> bool:
        return type(v) is str and _is_period_label(v)

    def member(v: Any) -> bool:
        return enum is not None and isinstance(v, enum)

    def never(v: Any) -> bool:
        return False

    kinds: dict[str, Callable[[Any], bool]] = {
        "text": text, "int": whole, "ref": whole, "number": number, "period": period, "enum": member,
        "bool": lambda v: type(v) is bool, "date": lambda v: type(v) is date,
        "datetime": lambda v: type(v) is datetime}
    check = kinds.get(kind, never)
    if required:
        return check

    def optional(v: Any) -> bool:
        return v is None or check(v)

    return optional


@lru_cache(maxsize=4096)
def _is_period_label(text: str) -> bool:
    try:
        return parse_period(text).label == text
    except PeriodError:
        return False


def _blank(value: Any, strict: bool = False) -> bool:
    if strict:  # a file's empty text is kept as it is, unless the field must have a value
        return value is None
    return value is None or (isinstance(value, str) and not value.strip())


def clean(
    fields: Iterable[Field], values: Mapping[str, Any], *, partial: bool = False, strict: bool = False
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Coerce `values` by `fields`. With partial=False (a create) every required field must be
    given; with partial=True (an update) only the given ones are checked, and none of the
    required ones may be blanked. Unknown names are errors too, so nothing is silently dropped.
    strict=True: the values come from a file or a stored register rather than a person's typing
    (see _coerce): each must already be of its field's type, and is kept as it is."""
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
        if _blank(value, strict) or (strict and f.required and isinstance(value, str) and not value.strip()):
            if f.required:
                errors.append(ValidationError(name, "required", f"{f.label} is required"))
            else:
                out[name] = None if strict or f.kind != "bool" else False
            continue
        try:
            out[name] = _coerce(f, value, strict)
        except (ValueError, PeriodError) as exc:
            errors.append(ValidationError(name, "invalid", f"{f.label}: {exc}"))
    return out, errors
