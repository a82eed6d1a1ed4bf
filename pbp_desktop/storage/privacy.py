"""Storage layer: the privacy rule of domain/privacy.py applied to a register. Which records are
private (marked, or inheriting through each edge until nothing changes), less those published on
purpose; what quotes them; and the disclosures confirmed. Read straight from the tables by the
rule's names, so a table or edge added to the rule is applied without code here."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from ..domain.privacy import INHERITS, MARKS, PUBLIC_NAMES, QUOTED_BY, fold, quotation_pattern
from ..readmodels.privacy import PrivateRecords, Quotable
from .base import Base
from .models import Disclosure


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def private_records(s: Session) -> PrivateRecords:
    published: dict[str, set[int]] = defaultdict(set)
    confirmed: set[tuple[str, int, str, str, int, str]] = set()
    for d in s.scalars(select(Disclosure)):
        if d.field is None:
            published[d.record_table].add(d.record_id)
        elif d.quoted_table and d.quoted_id is not None and d.text_sha256:
            confirmed.add((d.record_table, d.record_id, d.field, d.quoted_table, d.quoted_id, d.text_sha256))

    private: dict[str, set[int]] = defaultdict(set)
    for mark in MARKS:
        t = _table(mark.table)
        column = t.c[mark.column]
        value = mark.value
        private[mark.table].update(s.scalars(select(t.c.id).where(column == value)))

    links = []
    for edge in INHERITS:
        t = _table(edge.table)
        via = t.c[edge.via]
        links.append((edge, s.execute(select(t.c.id, via).where(via.is_not(None))).all()))
    changed = True
    while changed:  # until no edge makes another record private (edges may chain: meeting > item > action > update)
        changed = False
        for edge, rows in links:
            parents, mine, kept_public = private[edge.parent], private[edge.table], published[edge.table]
            for ident, parent in rows:
                if parent in parents and ident not in mine and ident not in kept_public:
                    mine.add(ident)
                    changed = True

    public_words = {fold(" ".join(str(v).split())) for table, column in PUBLIC_NAMES
                    for v in s.scalars(select(_table(table).c[column])) if v}
    for table, fields in QUOTED_BY.items():  # a public record's own title or reference is public words too
        t = _table(table)
        for row in s.execute(select(t.c.id, *(t.c[f] for f in fields))):
            if row[0] not in private.get(table, ()):
                public_words.update(fold(" ".join(v.split())) for v in row[1:] if isinstance(v, str))
    quotables: list[Quotable] = []
    for table, fields in QUOTED_BY.items():
        ids = private.get(table)
        if not ids:
            continue
        t = _table(table)
        for row in s.execute(select(t.c.id, *(t.c[f] for f in fields))):
            if row[0] not in ids:
                continue
            for f, value in zip(fields, row[1:], strict=True):
                if not isinstance(value, str) or fold(" ".join(value.split())) in public_words:
                    continue
                pattern = quotation_pattern(value, f)
                if pattern is not None:
                    quotables.append(Quotable(table, row[0], f, value, pattern))
    return PrivateRecords({k: frozenset(v) for k, v in private.items()}, tuple(quotables), frozenset(confirmed))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
