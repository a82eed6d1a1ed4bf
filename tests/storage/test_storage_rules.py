"""What the storage layer no longer does, held by a scan of its source: no trigger DDL (CREATE or
DROP TRIGGER) outside db/migrations - a trigger is schema, made and changed by a migration, never
dropped and re-made inside a user's transaction - and no threads (a background WAL checkpoint
was one: the import's commit checkpoints as every commit does). Each rule shows it can fail."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pbp_desktop

PACKAGE = Path(pbp_desktop.__file__).parent
STORAGE = PACKAGE / "storage"
TRIGGER_DDL = re.compile(r"\b(CREATE|DROP)\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b", re.IGNORECASE)
THREAD_MODULES = {"threading", "_thread", "concurrent.futures", "concurrent", "multiprocessing"}


def trigger_ddl(source: str) -> list[int]:
    """The lines of a module's text that make or drop a trigger."""
    return [n for n, line in enumerate(source.splitlines(), start=1) if TRIGGER_DDL.search(line)]


def thread_imports(source: str) -> list[str]:
    """The modules for threads (or processes) a module imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        found += [n for n in names if n in THREAD_MODULES or n.split(".")[0] in THREAD_MODULES]
    return found


def test_no_trigger_ddl_in_the_app_outside_the_migrations():
    offenders = {str(p.relative_to(PACKAGE)): lines for p in sorted(PACKAGE.rglob("*.py"))
                 if (lines := trigger_ddl(p.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_no_threads_in_the_storage_layer():
    modules = sorted(STORAGE.rglob("*.py"))
    assert len(modules) > 10  # the scan sees the layer
    offenders = {str(p.relative_to(PACKAGE)): found for p in modules
                 if (found := thread_imports(p.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_the_scans_find_what_they_look_for():
    """Self-check: the removed code (storage.assessments.insert_trigger_held and
    storage.checkpoint, as they were) is found."""
    assert trigger_ddl('conn.exec_driver_sql(f\'DROP TRIGGER "{name}"\')\nx = 1\n'
                       'ddl.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)') == [1, 3]
    assert trigger_ddl("op.execute('create temp trigger t after insert on a begin select 1; end')") == [1]
    assert trigger_ddl("# a trigger made by migration 0006 deletes the row") == []
    assert thread_imports("import logging\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\n") == [
        "threading", "concurrent.futures"]
    assert thread_imports("import sqlite3\nfrom weakref import WeakKeyDictionary\n") == []
