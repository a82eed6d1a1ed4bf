"""Readmodels layer: which records of a register are private under the one rule
(domain/privacy.py), as the storage layer found them, and which readmodel rows stand for which
table, so that a public output can be searched for anything private before it is printed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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
}


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
        return f"{self.table.replace('_', ' ')} {self.id}, {self.field.replace('_', ' ')}"

    def describe(self) -> str:
        return (f"{self.where} quotes the private {self.quoted.table.replace('_', ' ')} "
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
        table = ROW_TABLES.get(type(row))
        return table is not None and self.private(table, getattr(row, "id", None))


def walk(value: Any, owner: tuple[str, int] | None = None, name: str = "") -> Iterator[tuple[Any, tuple[str, int] | None, str]]:
    """Every value inside a readmodel tree, with the nearest row it belongs to and its field."""
    kind = type(value)
    if kind is str:
        yield value, owner, name
        return
    if kind in (tuple, list):
        for v in value:
            yield from walk(v, owner, name)
        return
    if kind is dict:
        for k, v in value.items():
            yield from walk(v, owner, str(k))
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        table = ROW_TABLES.get(kind)
        here = (table, value.id) if table else owner
        yield value, here, name
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name), here, f.name if table or not name else f"{name}.{f.name}")
