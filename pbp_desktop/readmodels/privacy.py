"""Readmodels layer: which records of a register are private under the one rule
(domain/privacy.py), as the storage layer found them, and which readmodel rows stand for which
table, so that a public output can be searched for anything private before it is printed."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..domain.registers import field_label, label
from . import programmes as pg
from . import rows as r

# The table each readmodel row with an `id` stands for. A row type added later and not listed
# here is caught by tests/services/test_privacy.py (every row type is listed, or said public).
ROW_TABLES: dict[type, str] = {
    r.PartnershipRow: "partnership", r.PartnerRow: "partner", r.PersonRow: "person", r.BodyRow: "body",
    r.MembershipRow: "membership", r.RebaseRow: "indicator_rebase",
    r.IndicatorRow: "indicator", r.ObjectiveRow: "objective", r.OutcomeRow: "outcome",
    r.RiskScoreRow: "risk_score", r.RiskRow: "risk", r.ActionUpdateRow: "action_update", r.ActionRow: "action",
    r.MeetingRow: "meeting", r.AttendanceRow: "attendance", r.DeclarationRow: "declaration",
    r.ResolutionRow: "resolution", r.AgendaItemRow: "agenda_item", r.ChangeRow: "change_log", r.PackRow: "pack",
    r.InterestRow: "interest", r.AmendmentRow: "minute_amendment",
    pg.ProgrammeRow: "programme", pg.MilestoneRow: "milestone", pg.ForecastRow: "milestone_forecast",
    pg.ProgrammeUpdateRow: "programme_update", pg.GoalRow: "programme_goal", pg.BenefitRow: "programme_benefit",
    pg.LinkedRow: "programme_link",
}
# the field holding a row's own id where `id` names something else (a link's `id` is its target's)
ROW_IDS: dict[type, str] = {pg.LinkedRow: "link_id"}
# rows whose text is a copy of another record's (a link shows its target's reference and title):
# that text is the target's, and a quotation in it is the target's quotation, found once
TEXT_OWNERS: dict[type, typing.Callable[[Any], tuple[str, int]]] = {pg.LinkedRow: lambda link: (link.kind, link.id)}
# ... and the target's own field each copied field holds
_LINKED_TITLE = {"action": "description", "partner": "name"}  # others: their title
TEXT_FIELDS: dict[type, typing.Callable[[Any, str], str]] = {
    pg.LinkedRow: lambda link, f: _LINKED_TITLE.get(link.kind, "title") if f == "title" else f}


def row_key(row: Any) -> tuple[str, int] | None:
    """The (table, id) a readmodel row stands for, or None for a row of no table."""
    table = ROW_TABLES.get(type(row))
    if table is None:
        return None
    ident = getattr(row, ROW_IDS.get(type(row), "id"), None)
    return (table, ident) if isinstance(ident, int) else None


@dataclass(frozen=True, slots=True)
class Quotable:
    """A private record's reference or title, which public text must not quote."""

    table: str
    id: int
    field: str
    value: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Quotation:
    """Public text (table, id, field) that quotes a private record."""

    table: str
    id: int
    field: str
    text: str
    quoted: Quotable

    @property
    def where(self) -> str:
        if self.table == "cover":
            return f"the cover sheet, {self.field.removeprefix('cover.').replace('_', ' ')}"
        return f"{label(self.table)} {self.id}, {field_label(self.table, self.field).lower()}"

    def describe(self) -> str:
        return (f"{self.where} quotes the private {label(self.quoted.table)} "
                f"{self.quoted.field} \"{self.quoted.value}\"")


@dataclass(frozen=True, slots=True)
class PrivateRecords:
    """The ids the rule makes private, by table; those published on purpose are not among them."""

    ids: dict[str, frozenset[int]] = field(default_factory=dict)
    quotables: tuple[Quotable, ...] = ()
    confirmed: frozenset[tuple[str, int, str, str, int, str]] = frozenset()  # quotations confirmed public

    def private(self, table: str, ident: int | None) -> bool:
        return ident is not None and ident in self.ids.get(table, frozenset())

    def row_private(self, row: Any) -> bool:
        key = row_key(row)
        return key is not None and self.private(*key)


_SKIP = (int, float, bool, date, datetime, Enum)
_PLANS: dict[type, tuple[str, ...]] = {}


def _plan(kind: type) -> tuple[str, ...]:
    """The fields of a readmodel type that can hold text or other rows: numbers, dates, flags
    and enums are never visited (a pack's data is hundreds of thousands of them)."""
    plan = _PLANS.get(kind)
    if plan is None:
        try:
            hints = typing.get_type_hints(kind)
        except Exception:  # noqa: BLE001 - an annotation that cannot be resolved: visit the field
            hints = {}
        keep = []
        for f in dataclasses.fields(kind):
            hint = hints.get(f.name)
            options = [a for a in typing.get_args(hint) if a is not type(None)] if typing.get_origin(hint) in (
                typing.Union, types.UnionType) else [hint]
            if hint is not None and all(isinstance(o, type) and issubclass(o, _SKIP) and not issubclass(o, str)
                                        for o in options):
                continue
            keep.append(f.name)
        plan = _PLANS[kind] = tuple(keep)
    return plan


def walk(value: Any) -> list[tuple[Any, tuple[str, int] | None, str]]:
    """Every text inside a readmodel tree and every row it holds, with the nearest row each
    belongs to and its field: (text, (table, id), field), and (row, (table, id), field) for
    each row. Iterative, and only through fields that can hold text or rows."""
    found: list[tuple[Any, tuple[str, int] | None, str]] = []
    stack: list[tuple[Any, tuple[str, int] | None, str]] = [(value, None, "")]
    pop, push = stack.pop, stack.append
    while stack:
        value, owner, name = pop()
        kind = type(value)
        if kind is str:
            found.append((value, owner, name))
        elif kind is tuple or kind is list:
            stack.extend([(v, owner, name) for v in value])
        elif kind is dict:
            stack.extend([(v, owner, str(k)) for k, v in value.items()])
        elif value is not None and dataclasses.is_dataclass(value) and not isinstance(value, type):
            table = ROW_TABLES.get(kind)
            if table is not None:
                row: Any = value  # every row in ROW_TABLES has an id (ROW_IDS: where it is not `id`)
                owner = (table, getattr(row, ROW_IDS[kind]) if kind in ROW_IDS else row.id)
                found.append((value, owner, name))
                if kind in TEXT_OWNERS:
                    owner = TEXT_OWNERS[kind](row)
                    rename = TEXT_FIELDS[kind]
                    for f in _plan(kind):
                        v = getattr(value, f)
                        if v is not None:
                            push((v, owner, rename(row, f)))
                    continue
            for f in _plan(kind):
                v = getattr(value, f)
                if v is not None:
                    push((v, owner, f if table or not name else f"{name}.{f}"))
    return found
