"""Storage layer: integrity checks of an open register - SQLite's own check, links to missing
records, and the app's rules (scores in range, known values, parseable periods, the schema the
models expect). Returns problems as sentences; an empty list means the register is sound."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, Enum, select, text
from sqlalchemy.exc import DBAPIError

from ..domain.periods import PeriodError, parse_period
from .base import Base
from .models import ChangeLog  # noqa: F401  (imports every model into the metadata)

_SCORE_COLUMNS = {
    "risk": ("inherent_consequence", "inherent_likelihood", "current_consequence",
             "current_likelihood", "target_consequence", "target_likelihood"),
    "risk_score": ("consequence", "likelihood"),
}


def check_register(engine: Engine, *, quick_check: bool = True) -> list[str]:
    """quick_check=False when the caller has just run SQLite's own check (opening a register
    does, before anything else), so it is not run twice on every open."""
    problems: list[str] = []
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as conn:
            if sqlite and quick_check:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
                if rows != ["ok"]:
                    problems += [f"SQLite integrity check: {r}" for r in rows[:20]]
                    return problems  # nothing else can be trusted on a damaged file
            problems += _schema_problems(engine)
            if problems:
                return problems
            if sqlite:
                for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:50]:
                    problems.append(f"{table} row {rowid} links to a missing {parent} record")
            problems += _rule_problems(conn)
    except DBAPIError as exc:
        problems.append(f"The register cannot be read: {str(exc.orig).strip()}")
    return problems


def _schema_problems(engine: Engine) -> list[str]:
    problems = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            try:  # the columns a query of the table returns: one cheap statement per table
                have = set(conn.execute(select(text("*")).select_from(text(f'"{table.name}"')).where(
                    text("1 = 0"))).keys())
            except DBAPIError:
                conn.rollback()
                problems.append(f"The table '{table.name}' is missing: the schema is not one this app knows")
                continue
            for column in table.columns:
                if column.name not in have:
                    problems.append(f"The column '{table.name}.{column.name}' is missing: the schema is not one "
                                    "this app knows")
    return problems


def _rule_problems(conn) -> list[str]:
    problems: list[str] = []
    for table, columns in _SCORE_COLUMNS.items():
        for column in columns:
            n = conn.execute(text(
                f"SELECT COUNT(*) FROM {table} WHERE {column} IS NULL OR {column} < 1 OR {column} > 5")).scalar()
            if n:
                problems.append(f"{n} {table} record(s) have a {column.replace('_', ' ')} outside 1 to 5")
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum):
                allowed = set(column.type.enums)
                values = {r[0] for r in conn.execute(select(text(column.name)).select_from(text(table.name)).distinct())}
                bad = {v for v in values if v is not None and v not in allowed}
                if bad:
                    problems.append(f"{table.name}.{column.name} holds unknown values: {', '.join(sorted(map(str, bad)))}")
    for table in ("actual", "trajectory_point"):
        # each distinct label once (a large register holds 72,000 actuals over ~120 periods)
        for (period, rid) in conn.execute(text(f"SELECT period, MIN(id) FROM {table} GROUP BY period")):
            try:
                parse_period(period)
            except PeriodError:
                problems.append(f"{table} {rid} has a period that cannot be read: '{period}'")
    for (iid, code, baseline, target) in conn.execute(text(
            "SELECT id, code, baseline_period, target_date FROM indicator "
            "WHERE baseline_period IS NOT NULL AND target_date IS NOT NULL")):
        try:
            end = parse_period(baseline).end
        except PeriodError:
            problems.append(f"indicator {code or iid} has a baseline period that cannot be read: '{baseline}'")
            continue
        target_d = target if isinstance(target, date) else date.fromisoformat(str(target))
        if target_d <= end:
            problems.append(f"indicator {code or iid} has a target date before its baseline period ends")
    n = conn.execute(text("SELECT COUNT(*) FROM partnership")).scalar()
    if n and n > 1:
        problems.append(f"The register holds {n} partnerships; it should hold one")
    return problems
