"""No dead ends: every command a service offers (a public method returning Changes) has a caller
in the app or the command line, not only in tests. A command nobody can reach is either wired
to the screen a user needs it on, or deleted. The commands are read from a live Register, so a
service or command added later is covered without editing this test."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pbp_desktop.readmodels as readmodels

PACKAGE = Path(__file__).parents[1] / "pbp_desktop"

# commands kept without a caller yet, each with its reason
WAITING: dict[str, str] = {}  # commands kept for an issue still to come, with the reason


def commands(register) -> dict[str, type]:
    """'service.method' for every public method of the register's services that returns Changes."""
    found = {}
    for attr, service in vars(register).items():
        if attr.startswith("_") or not type(service).__module__.startswith("pbp_desktop.services"):
            continue
        for name, fn in inspect.getmembers(type(service), inspect.isfunction):
            if name.startswith("_"):
                continue
            returns = inspect.signature(fn).return_annotation
            kind = getattr(readmodels, returns, None) if isinstance(returns, str) else returns
            if isinstance(kind, type) and issubclass(kind, readmodels.Changes):
                found[f"{attr}.{name}"] = type(service)
    return found


def references(sources: dict[str, str], service_attrs: set[str]) -> set[str]:
    """'service.method' for every reference in the sources: `x.service.method`, `alias.method`
    where `alias = something.service`, and `self.method` inside a service's own class (given as
    'ClassName:method', resolved by the caller)."""
    seen: set[str] = set()
    for _path, text in sources.items():
        tree = ast.parse(text)
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):  # alias = <...>.service
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) \
                    and node.value.attr in service_attrs:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        aliases[target.id] = node.value.attr
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            if isinstance(owner, ast.Attribute) and owner.attr in service_attrs:
                seen.add(f"{owner.attr}.{node.attr}")
            elif isinstance(owner, ast.Name) and owner.id in aliases:
                seen.add(f"{aliases[owner.id]}.{node.attr}")
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                        and node.value.id == "self":
                    seen.add(f"{cls.name}:{node.attr}")
    return seen


def dead_ends(found: dict[str, type], sources: dict[str, str]) -> list[str]:
    attrs = {key.split(".")[0] for key in found}
    seen = references(sources, attrs)
    dead = []
    for key, cls in found.items():
        name = key.split(".")[1]
        own = any(f"{c.__name__}:{name}" in seen for c in cls.__mro__)
        if key not in seen and not own:
            dead.append(key)
    return sorted(dead)


def app_sources() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def test_every_command_has_a_caller_outside_the_tests(register):
    found = commands(register)
    assert len(found) > 40  # the services were found: a test that finds none would pass anything
    dead = [key for key in dead_ends(found, app_sources()) if key not in WAITING]
    assert dead == [], f"service commands that nothing in the app or the CLI calls: {dead}"


def test_the_waiting_list_names_only_commands_still_waiting(register):
    """A command kept for later leaves the list once it has its caller (or is deleted)."""
    found = commands(register)
    dead = set(dead_ends(found, app_sources()))
    assert sorted(k for k in WAITING if k not in found or k not in dead) == []


def test_the_check_catches_a_command_nobody_calls(register):
    """Self-check: the same check over the app's sources with one caller removed reports it."""
    found = commands(register)
    sources = app_sources()
    assert "actions.delete_update" in found and "actions.delete_update" not in dead_ends(found, sources)
    cut = {path: text.replace(".delete_update", ".some_other_name") for path, text in sources.items()}
    assert "actions.delete_update" in dead_ends(found, cut)
    # an alias counts as a caller: privacy = register.privacy; privacy.publish(...)
    alias = {"x.py": "def f(register):\n    svc = register.actions\n    svc.delete_update(1, 1)\n"}
    assert "actions.delete_update" not in dead_ends({"actions.delete_update": found["actions.delete_update"]}, alias)
