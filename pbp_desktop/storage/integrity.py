"""Storage layer: integrity checks of an open register - SQLite's own check, links to missing
records, and the app's rules (scores in range, known values, parseable periods, the schema the
models expect). Returns problems as sentences; an empty list means the register is sound."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, Enum, String, select, text, type_coerce
from sqlalchemy.exc import DBAPIError

from ..domain.fields import shown
from ..domain.periods import PeriodError, parse_period
from .base import Base
from .models import ChangeLog  # noqa: F401  (imports every model into the metadata)
from .rules import TableRules

MAX_LISTED = 200  # field problems listed by `check`; past these it says how many more

_SCORE_COLUMNS = {
    "risk": ("inherent_consequence", "inherent_likelihood", "current_consequence",
             "current_likelihood", "target_consequence", "target_likelihood"),
    "risk_score": ("consequence", "likelihood"),
}


def check_register(engine: Engine, *, quick_check: bool = True, field_rules: bool = False) -> list[str]:
    """quick_check=False when the caller has just run SQLite's own check (opening a register
    does, before anything else), so it is not run twice on every open. field_rules=True (`pbp-cli
    check`): every stored record is held to the field rules too (those of the forms, the import
    and the JSON loader), each problem naming the table, the record's id and the field. Opening a
    register does not: a value that breaks a rule is not damage, and is put right in the app."""
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
            if field_rules:
                problems += field_rule_problems(conn)
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
    for scored, names in _SCORE_COLUMNS.items():
        for name in names:
            n = conn.execute(text(
                f"SELECT COUNT(*) FROM {scored} WHERE {name} IS NULL OR {name} < 1 OR {name} > 5")).scalar()
            if n:
                problems.append(f"{n} {scored} record(s) have a {name.replace('_', ' ')} outside 1 to 5")
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum):
                allowed = set(column.type.enums)
                values = {r[0] for r in conn.execute(select(text(column.name)).select_from(text(table.name)).distinct())}
                bad = {v for v in values if v is not None and v not in allowed}
                if bad:
                    problems.append(f"{table.name}.{column.name} holds unknown values: {', '.join(sorted(map(str, bad)))}")
    for periodic in ("actual", "trajectory_point"):
        # each distinct label once (a large register holds 72,000 actuals over ~120 periods)
        for (period, rid) in conn.execute(text(f"SELECT period, MIN(id) FROM {periodic} GROUP BY period")):
            try:
                parse_period(period)
            except PeriodError:
                problems.append(f"{periodic} {rid} has a period that cannot be read: '{period}'")
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


def field_rule_problems(conn) -> list[str]:
    """Every stored record held to its field rules, as a file loaded into a register is: each
    problem names the table, the record's id and the field. Enum columns are read as the text
    stored (an unknown value is reported above, and must not stop the reading)."""
    problems: list[str] = []
    count = 0
    units: dict[int, str | None] = {}
    for table in Base.metadata.sorted_tables:
        rules = TableRules(table)
        names = [c.name for c in table.columns]
        enums = [(c.name, c.type.enum_class) for c in table.columns
                 if isinstance(c.type, Enum) and c.type.enum_class is not None]
        columns = [type_coerce(c, String).label(c.name) if isinstance(c.type, Enum) else c for c in table.columns]
        linked = "indicator_id" in names
        try:
            for row in conn.execute(select(*columns).order_by(*table.primary_key.columns)):
                values = dict(zip(names, row, strict=True))
                for name, enum in enums:
                    if values[name] is not None:
                        try:
                            values[name] = enum(values[name])
                        except ValueError:
                            pass  # the rule names it
                if table.name == "indicator":
                    units[values["id"]] = values["unit"]
                context = {"unit": units.get(values["indicator_id"])} if linked else None
                _, found = rules.check(values, values.get("id"), context)
                if found:
                    count += len(found)
                    problems += [str(p) for p in found[:max(0, MAX_LISTED - len(problems))]]
        except (ValueError, TypeError) as exc:  # a stored value the driver cannot read as its type
            problems.append(f"{table.name}: a stored value cannot be read ({shown(str(exc), 120)})")
    if count > len(problems):
        problems.append(f"... and {count - len(problems):,} more problems with the field rules")
    return problems
