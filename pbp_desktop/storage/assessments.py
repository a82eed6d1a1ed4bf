"""Storage layer: each indicator's assessment (latest figure, RAG, trend, forecast, Making Data
Count icons), kept in the register so that the dashboard and the outcome tree need not read and
assess every actual of a large register each time they open.

The table is derived data, not part of the governance record: it is not audited, dumped,
exported or checked, and it can always be rebuilt. Triggers made by migration 0006 delete an
indicator's row in the same transaction as any change to the indicator, its actuals, its plan or
its rebases, whoever makes it (a command, an undo, an import, another tool). A reader that finds
a row missing, or made by another version of the assessment rules (ALGORITHM), assesses that
indicator again and stores the result; where it cannot write (a read-only register, a writer
holding the lock) it uses the result without storing it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import Column, Integer, MetaData, Table, Text, delete, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from ..domain.enums import Rag
from ..domain.rag import RagConvention
from ..domain.spc import SpcResult
from ..readmodels import IndicatorPeriodRow

# Bump when the rules behind an assessment change: every stored row is then made again.
# 3: the RAG convention and the figure's own RAG, the figure at the target date, the MDC trend.
ALGORITHM = 4

T = TypeVar("T")

derived_metadata = MetaData()
assessment_table = Table(
    "indicator_assessment", derived_metadata,
    Column("indicator_id", Integer, primary_key=True, autoincrement=False),
    Column("algorithm", Integer, nullable=False),
    Column("payload", Text, nullable=False),
)

@dataclass(frozen=True, slots=True)
class Assessment:
    """What the tree, the dashboard and the summary show of an indicator without its periods."""

    latest: IndicatorPeriodRow | None
    rag: Rag
    trend: str
    forecast: float | None
    spc: SpcResult | None  # the icons and words only: no points (the full analysis has them)
    at_target: tuple[str, float] | None = None  # the figure judged at the target date: (period, value)


def algorithm_key(conn: Connection) -> int:
    """What a stored assessment is made by: these rules (ALGORITHM) under the register's RAG
    convention. Changing the convention (or undoing the change, by any tool) leaves every stored
    row made under the other one unread, and so made again."""
    from .conventions import rag_convention
    return ALGORITHM * 10 + RagConvention.code(rag_convention(conn))


def to_payload(a: Assessment) -> str:
    latest = None
    if a.latest is not None:
        r = a.latest
        latest = [r.period, r.period_start.isoformat(), r.period_end.isoformat(), r.planned, r.planned_edited,
                  r.planned_version, r.actual, r.actual_id, r.actual_version, r.provisional, r.illustrative,
                  r.source, r.note, r.rag.value, r.rag_reason,
                  r.assessed_rag.value if r.assessed_rag else None, r.assessed_reason,
                  r.figure_rag.value if r.figure_rag else None, r.figure_reason]
    spc = None
    if a.spc is not None:
        s = a.spc
        spc = [s.variation_type, s.variation_icon, s.assurance_type, s.assurance_icon, list(s.warnings),
               s.improvement_direction, s.target, s.n_points]
    at_target = list(a.at_target) if a.at_target is not None else None
    return json.dumps([a.rag.value, a.trend, a.forecast, latest, spc, at_target], separators=(",", ":"))


def from_payload(payload: str) -> Assessment:
    rag, trend, forecast, latest, spc, at_target = json.loads(payload)
    row = None
    if latest is not None:
        (period, start, end, planned, planned_edited, planned_version, actual, actual_id, actual_version,
         provisional, illustrative, source, note, prag, reason, assessed, assessed_reason, figure,
         figure_reason) = latest
        row = IndicatorPeriodRow(period, date.fromisoformat(start), date.fromisoformat(end), planned,
                                 planned_edited, planned_version, actual, actual_id, actual_version, provisional,
                                 illustrative, source, note, Rag(prag), reason,
                                 Rag(assessed) if assessed else None, assessed_reason,
                                 Rag(figure) if figure else None, figure_reason)
    result = None
    if spc is not None:
        variation_type, variation_icon, assurance_type, assurance_icon, warnings, direction, target, n = spc
        result = SpcResult(points=(), groups=(), variation_type=variation_type, variation_icon=variation_icon,
                           assurance_type=assurance_type, assurance_icon=assurance_icon, warnings=tuple(warnings),
                           improvement_direction=direction, target=target, point_count=n)
    return Assessment(row, Rag(rag), trend, forecast, result,
                      (at_target[0], at_target[1]) if at_target is not None else None)


Assessor = Callable[[Connection, list[int]], Mapping[int, Assessment]]


def stored(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, Assessment]:
    """The stored assessments made by these rules, by indicator id (all of them when ids is None)."""
    q = select(assessment_table.c.indicator_id, assessment_table.c.payload).where(
        assessment_table.c.algorithm == algorithm_key(conn))
    if ids is not None:
        q = q.where(assessment_table.c.indicator_id.in_(list(ids)))
    return {iid: from_payload(payload) for iid, payload in conn.execute(q)}


def assessments(conn: Connection, ids: list[int], assess: Assessor) -> dict[int, Assessment]:
    """The assessment of each indicator in ids: stored ones as they are, the others made by
    `assess` (which reads what it needs on the connection it is given) and stored for next time."""
    found = stored(conn, None if len(ids) > 500 else ids)
    missing = [i for i in ids if i not in found]
    if missing:
        found.update(_make_and_store(conn, missing, assess))
    return {i: found[i] for i in ids}


def keep(conn: Connection, indicator_id: int, assess: Assessor) -> None:
    """Store one indicator's assessment when none is stored (made by `assess` on the write
    connection, under the same lock as any other)."""
    if not stored(conn, [indicator_id]):
        _make_and_store(conn, [indicator_id], assess)


def _make_and_store(conn: Connection, ids: list[int], assess: Assessor) -> Mapping[int, Assessment]:
    engine = conn.engine
    try:
        with engine.connect().execution_options(pbp_write=True) as wconn, _cache_write(wconn), wconn.begin():
            if wconn.dialect.name == "postgresql":
                # Wait for every transaction that has changed an indicator's data (its triggers
                # hold this table) to end, and keep new ones out until these rows are in: a row is
                # never stored from data that a transaction still in flight is changing.
                wconn.execute(text("LOCK TABLE indicator_assessment IN SHARE ROW EXCLUSIVE MODE"))
            made = assess(wconn, ids)
            key = algorithm_key(wconn)
            for chunk in _chunks(ids, 500):
                wconn.execute(delete(assessment_table).where(assessment_table.c.indicator_id.in_(chunk)))
            if made:
                wconn.execute(insert(assessment_table), [
                    {"indicator_id": i, "algorithm": key, "payload": to_payload(a)} for i, a in made.items()])
            return made
    except DBAPIError:
        # read-only, locked by a writer for longer than the busy timeout, or a server that
        # refuses: assess on the reader's own connection and store nothing
        return assess(conn, ids)


@contextmanager
def _cache_write(wconn: Connection) -> Iterator[None]:
    """On SQLite, a write of derived data only is committed without waiting for the disk
    (synchronous=NORMAL, which in WAL mode keeps the file whole; only the last such writes can be
    lost at a power cut, and they are made again). The next command's commit (synchronous=FULL)
    makes them durable anyway, as the log is written in order. Saves a disk flush each time a
    recorded figure's assessment is kept."""
    raw = wconn.connection.driver_connection if wconn.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA synchronous=FULL")


def _chunks(items: list[int], n: int) -> Iterable[list[int]]:
    for k in range(0, len(items), n):
        yield items[k:k + n]


def rows_by_indicator(conn: Connection, table: Table, ids: list[int], columns: Sequence[str],
                      make: Callable[..., T], *, all_ids: bool) -> dict[int, list[T]]:
    """The rows of `table` for the indicators in ids (all of them when all_ids), grouped by
    indicator id: only the named columns, each row made by `make` from their values in order
    (a typed row; a database row's attributes cost ten times as much, read for each of tens of
    thousands of actuals)."""
    out: dict[int, list[T]] = defaultdict(list)
    q = select(table.c.indicator_id, *(table.c[n] for n in columns))
    for chunk in [None] if all_ids else _chunks(ids, 500):
        for iid, *values in conn.execute(q if chunk is None else q.where(table.c.indicator_id.in_(chunk))):
            out[iid].append(make(*values))
    return out
