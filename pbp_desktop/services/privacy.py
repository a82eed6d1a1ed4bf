"""Services layer: what a public output may show. Every public output (the public pack,
`pbp-cli summary`, the papers) asks `records()` which records the rule makes private, keeps
those out, and before printing has `guard()` search what it is about to print: a private row
left in is refused outright, and public text that quotes a private record is named, place by
place, until it is reworded or confirmed public (a logged choice, as is publishing a record the
rule would keep private)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from ..domain.errors import NotFound, PbpError
from ..domain.privacy import INHERITS, MARKS, fold, private_tables
from ..domain.registers import label
from ..readmodels import Changes
from ..readmodels.privacy import PrivateRecords, Quotation, walk
from ..storage.base import Base
from ..storage.models import Disclosure
from ..storage.privacy import private_records, text_digest
from .base import ServiceBase

_VIA = {"meeting_id": "raised at", "agenda_item_id": "raised at", "risk_id": "mitigates", "action_id": "an update of"}


class PrivacyBreach(PbpError):
    """A public output would have shown a private record: a fault of the app, never printed."""


class QuotesPrivate(PbpError):
    """Public text quotes a private record; each place is named until reworded or confirmed."""

    def __init__(self, quotations: list[Quotation]):
        self.quotations = quotations
        places = "; ".join(q.describe() for q in quotations[:10])
        more = f" and {len(quotations) - 10} more" if len(quotations) > 10 else ""
        super().__init__(f"The public paper was not printed: {len(quotations)} place(s) in public text quote a private "
                         f"record: {places}{more}. Reword each, or confirm it public.")


_WORD = re.compile(r"\w+")


def quotations(data: Any, records: PrivateRecords, found_in: list | None = None) -> list[Quotation]:
    """Public text in `data` that quotes a private record and is not confirmed public: the text of
    each row, and of the cover sheet (text the app composes from rows, such as a label, is
    searched in the rows it comes from). Texts are folded as a reader sees them (fold()); each
    distinct text is searched once, and only for the records whose first word it holds."""
    if not records.quotables:
        return []
    by_word: dict[str, list] = {}
    for q in records.quotables:
        first = _WORD.search(fold(q.value))
        by_word.setdefault(first.group(0) if first else "", []).append(q)
    always = by_word.pop("", [])
    hits: dict[str, list] = {}
    found: dict[tuple, Quotation] = {}
    # a confirmation holds for the same text of the same record wherever a paper shows it (an
    # action's description, and the same description shown as a programme's linked action)
    confirmed = {c[:2] + c[3:] for c in records.confirmed}
    for value, owner, name in (found_in if found_in is not None else walk(data)):
        if type(value) is not str or (owner is None and not name.startswith("cover.")):
            continue
        quoted = hits.get(value)
        if quoted is None:
            folded = fold(value)
            candidates = always + [q for w in set(_WORD.findall(folded)) & by_word.keys() for q in by_word[w]]
            quoted = hits[value] = [q for q in candidates if q.pattern.search(folded)]
        if not quoted:
            continue
        table, ident = owner if owner else ("cover", 0)
        digest = text_digest(value)
        for q in quoted:
            key = (table, ident, q.table, q.id, digest)  # the same text of a record, found once
            if (table, ident) == (q.table, q.id) or key in found or key in confirmed:
                continue
            found[key] = Quotation(table, ident, name, value, q)
    return list(found.values())


def breaches(data: Any, records: PrivateRecords, found_in: list | None = None) -> list[str]:
    """Private rows found in `data`, as 'table id' (nothing, for a sound public output)."""
    return sorted({f"{owner[0]} {owner[1]}" for value, owner, _ in (found_in if found_in is not None else walk(data))
                   if owner and type(value) is not str and records.private(*owner)})


class PrivacyService(ServiceBase):
    def records(self) -> PrivateRecords:
        with self._read() as s:
            return private_records(s)

    def guard(self, data: Any, records: PrivateRecords) -> None:
        """Refuse a public output holding a private row, or quoting one unconfirmed."""
        found_in = walk(data)
        leaked = breaches(data, records, found_in)
        if leaked:
            raise PrivacyBreach(f"The public paper was not printed: it would have shown private records "
                                f"({', '.join(leaked[:5])}). Please report this.")
        found = quotations(data, records, found_in)
        if found:
            raise QuotesPrivate(found)

    # ------------------------------------------------------------------ deliberate choices

    def publish(self, table: str, record_id: int, reason: str) -> Changes:
        """Publish a record the rule keeps private only because of what it belongs to (an action
        raised in private whose existence the board publishes). Logged, and shown."""
        if table not in private_tables() or table not in Base.metadata.tables:
            raise PbpError(f"A {label(table)} is never private, so it cannot be published on purpose.")
        reason = (reason or "").strip()
        if not reason:
            raise PbpError("Say why this record is published although the rule keeps it private.")
        with self._work("publish_record") as w:
            t = Base.metadata.tables[table]
            row = w.session.execute(select(t).where(t.c.id == record_id)).first()
            if row is None:
                raise NotFound(table, record_id)
            for mark in MARKS:
                if mark.table == table and row._mapping[mark.column] == mark.value:
                    raise PbpError(f"This {label(table)} is marked private itself ({mark.column}): "
                                   "unmark it to publish it.")
            if w.session.scalar(select(Disclosure.id).where(
                    Disclosure.record_table == table, Disclosure.record_id == record_id,
                    Disclosure.field.is_(None))) is None:
                w.session.add(Disclosure(record_table=table, record_id=record_id, reason=reason))
        return w.changes()

    def withdraw(self, disclosure_id: int) -> Changes:
        with self._work("withdraw_disclosure") as w:
            d = w.session.get(Disclosure, disclosure_id)
            if d is None:
                raise NotFound("disclosure", disclosure_id)
            w.session.delete(d)
        return w.changes()

    def confirm(self, quotation: Quotation, reason: str) -> Changes:
        """Confirm public a text that quotes a private record, as it reads now (a rewording asks again)."""
        reason = (reason or "").strip()
        if not reason:
            raise PbpError("Say why this text may be published although it quotes a private record.")
        with self._work("confirm_public_text") as w:
            w.session.add(Disclosure(record_table=quotation.table, record_id=quotation.id, field=quotation.field,
                                     quoted_table=quotation.quoted.table, quoted_id=quotation.quoted.id,
                                     text_sha256=text_digest(quotation.text), reason=reason))
        return w.changes()

    def why_private(self, table: str, record_id: int, records: PrivateRecords | None = None) -> str | None:
        """In words, why the rule keeps a record out of public papers ("raised at a private
        agenda item"), "published on purpose: REASON" for one published although the rule would
        keep it private, or None for a public record."""
        records = records or self.records()
        t = Base.metadata.tables.get(table)
        if t is None:
            return None
        with self._read() as s:
            row = s.execute(select(t).where(t.c.id == record_id)).mappings().first()
            published = s.scalar(select(Disclosure.reason).where(
                Disclosure.record_table == table, Disclosure.record_id == record_id, Disclosure.field.is_(None)))
        if row is None:
            return None
        for mark in MARKS:
            if mark.table == table and row[mark.column] == mark.value:
                return "marked private" if mark.column == "session" else "marked confidential"
        reasons = [f"{_VIA.get(e.via, 'belongs to')} a private {label(e.parent)}"
                   for e in INHERITS if e.table == table and records.private(e.parent, row[e.via])]
        if reasons and published:
            return f"published on purpose ({', '.join(reasons)}): {published}"
        return ", ".join(reasons) if records.private(table, record_id) else None

    def disclosure_of(self, table: str, record_id: int) -> int | None:
        """The id of the disclosure publishing this record, if it was published on purpose."""
        with self._read() as s:
            return s.scalar(select(Disclosure.id).where(
                Disclosure.record_table == table, Disclosure.record_id == record_id, Disclosure.field.is_(None)))

    def disclosures(self) -> list[dict[str, Any]]:
        with self._read() as s:
            return [dict(id=d.id, table=d.record_table, record_id=d.record_id, field=d.field,
                         quoted_table=d.quoted_table, quoted_id=d.quoted_id, reason=d.reason)
                    for d in s.scalars(select(Disclosure).order_by(Disclosure.id))]
