"""Storage layer: the domain's field rules applied to whole tables - every column of every table
given a Field (the record's own spec from domain.records where it has one, else one read from the
column's type), so a register read from a file, and a stored register, are held to the same rules
as the forms and the import. Problems name the table, the record's id and the field."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..domain.fields import Field, clean, shown, sound_check
from ..domain.periods import parse_period
from ..domain.records import RULES, check

UNLIMITED = 1 << 40  # a Text column without a rule of its own has no length limit


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """One thing wrong with one stored (or to be stored) record."""

    table: str
    record: Any  # its id, or its place in the file when the id itself is wrong
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.table} {shown(self.record)}"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def _column_field(column) -> Field:
    t = column.type
    label = column.name.replace("_", " ").capitalize()
    required = not column.nullable
    if column.foreign_keys:
        ref = next(iter(column.foreign_keys)).column.table.name
        return Field(column.name, label, "ref", required=required, ref=ref)
    if isinstance(t, Boolean):
        return Field(column.name, label, "bool", required=required)
    if isinstance(t, Integer):
        low = 1 if column.name in ("id", "version") else None
        return Field(column.name, label, "int", required=required, minimum=low)
    if isinstance(t, Float):
        return Field(column.name, label, "number", required=required)
    if isinstance(t, DateTime):
        return Field(column.name, label, "datetime", required=required)
    if isinstance(t, Date):
        return Field(column.name, label, "date", required=required)
    if isinstance(t, Enum):
        return Field(column.name, label, "enum", required=required,
                     enum=cast("type[StrEnum] | None", t.enum_class))  # the app's enums are StrEnums
    if isinstance(t, Text):
        return Field(column.name, label, required=required, max_len=UNLIMITED, lines=True)
    if isinstance(t, String):
        return Field(column.name, label, required=required, max_len=t.length or UNLIMITED, lines=False)
    if isinstance(t, LargeBinary):
        return Field(column.name, label, "binary", required=required)
    raise AssertionError(f"no rule for the type of {column.table.name}.{column.name}")


def table_fields(table: Table) -> tuple[Field, ...]:
    """A Field for every column of the table: its record's rule where it has one (required also
    when the column cannot be empty, and no longer than the column holds), else its column's."""
    spec = {f.name: f for f in RULES.get(table.name, ())}
    fields = []
    for column in table.columns:
        own = _column_field(column)
        f = spec.get(column.name)
        if f is None:
            fields.append(own)
            continue
        if own.required and not f.required:
            f = dataclasses.replace(f, required=True)
        if f.kind == "text" and isinstance(column.type, String) and not isinstance(column.type, Text | Enum) \
                and column.type.length and column.type.length < f.max_len:
            f = dataclasses.replace(f, max_len=column.type.length)
        fields.append(f)
    return tuple(fields)


class TableRules:
    """The rules of one table, worked out once for checking many of its records: a record whose
    every value is plainly sound (domain.fields.sound_check) skips the full cleaning, which is
    only needed to say what is wrong; the rules across its fields are applied to every record."""

    def __init__(self, table: Table):
        self.table = table.name
        self.fields = table_fields(table)
        self.names = {f.name for f in self.fields}
        self.checks = [(f.name, sound_check(f)) for f in self.fields]
        self.numbers = [f.name for f in self.fields if f.kind == "number"]
        self.periodic = "period_start" in self.names and "period" in self.names

    def check(self, row: Mapping[str, Any], record: Any, context: Mapping[str, Any] | None = None
              ) -> tuple[dict[str, Any], list[RecordProblem]]:
        table = self.table
        if row.keys() == self.names and all(ok(row[name]) for name, ok in self.checks):
            cleaned = dict(row)
            for name in self.numbers:
                if type(cleaned[name]) is int:
                    cleaned[name] = float(cleaned[name])
        else:
            cleaned, errors = clean(self.fields, row, strict=True)
            if errors:  # the rules across fields need every field clean
                return cleaned, [RecordProblem(table, record, e.field, e.message) for e in errors]
        problems = [RecordProblem(table, record, e.field, e.message) for e in check(table, cleaned, context)]
        if self.periodic and cleaned.get("period"):
            p = parse_period(cleaned["period"])  # sound: the field's rule read it
            for name, day in (("period_start", p.start), ("period_end", p.end)):
                if cleaned.get(name) != day:
                    problems.append(RecordProblem(table, record, name, f"is not where {cleaned['period']} "
                                                  f"{'starts' if name == 'period_start' else 'ends'} ({day})"))
        return cleaned, problems


def unique_sets(table: Table) -> list[tuple[str, ...]]:
    """The column sets whose values are unique in the table: its primary key and constraints."""
    sets = [tuple(c.name for c in table.primary_key.columns)]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            sets.append(tuple(c.name for c in constraint.columns))
    for column in table.columns:
        if column.unique:
            sets.append((column.name,))
    return list(dict.fromkeys(sets))
