"""Services: every command (a public method that writes through a unit of work) returns Changes,
so the screens can be told what it touched and the undo stack can take it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pbp_desktop.readmodels as readmodels
import pbp_desktop.services as services

# commands that return something else, each with the reason; none may be added without one
NOT_CHANGES: dict[str, str] = {}
# Changes, or a kind of Changes that also carries what the command made (printing a pack)
CHANGES = {name for name in dir(readmodels)
           if isinstance(getattr(readmodels, name), type) and issubclass(getattr(readmodels, name), readmodels.Changes)}
WRITES = ("_work(", "_set_archived(", "_simple_create(", "_simple_update(", "_simple_delete(")


def commands_not_returning_changes(source: str) -> set[str]:
    found = set()
    for cls in (n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)):
        for f in cls.body:
            if not isinstance(f, ast.FunctionDef) or f.name.startswith("_"):
                continue
            body = ast.unparse(f)
            if any(w in body for w in WRITES) and (f.returns is None or ast.unparse(f.returns) not in CHANGES):
                found.add(f"{cls.name}.{f.name}")
    return found


def test_every_service_command_returns_changes():
    found = set()
    for path in sorted(Path(services.__file__).parent.glob("*.py")):
        found |= commands_not_returning_changes(path.read_text("utf-8"))
    assert found <= set(NOT_CHANGES), sorted(found - set(NOT_CHANGES))


def test_the_check_sees_a_command_returning_none():
    source = ("class PartnerService:\n"
              "    def archive(self, pid: int) -> None:\n"
              "        with self._work('archive_partner') as w:\n"
              "            pass\n")
    assert commands_not_returning_changes(source) == {"PartnerService.archive"}
