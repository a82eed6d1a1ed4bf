"""Architecture: the layers of ARCHITECTURE.md import only downwards.
domain <- readmodels <- storage <- services <- ui, cli; reports sees readmodels and domain."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "pbp_desktop"

# what each layer may import from the app and from outside (beyond the standard library)
ALLOWED = {
    "domain": ({"domain"}, set()),
    "readmodels": ({"domain", "readmodels"}, set()),
    "storage": ({"domain", "readmodels", "storage", "paths"}, {"sqlalchemy", "alembic"}),
    "services": ({"domain", "readmodels", "storage", "services", "reports", "paths", "clock"}, {"sqlalchemy"}),
    "reports": ({"domain", "readmodels", "reports", "paths"}, {"reportlab"}),
    "cli": ({"domain", "readmodels", "services", "cli", "__init__", "clock", "config"}, set()),
    "ui": ({"domain", "readmodels", "services", "ui", "__init__", "config", "paths"}, {"PySide6", "pyqtgraph", "shiboken6"}),
}
SEAM = "services/printing.py"  # the services' one door to the reports layer
THIRD_PARTY = {"sqlalchemy", "alembic", "PySide6", "pyqtgraph", "shiboken6", "reportlab", "platformdirs", "numpy"}


def _imports(path: Path, package: Path = PACKAGE) -> list[tuple[str, int]]:
    """(app layer or top-level package, line) for every import in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(package)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                found.append((alias.name.split(".")[1] if top == "pbp_desktop" and "." in alias.name else top, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel.parent.parts)[: len(rel.parent.parts) - (node.level - 1)]
                parts = base + (node.module.split(".") if node.module else [])
                target = parts[0] if parts else (node.names[0].name if node.names else "")
                if not parts:  # "from .. import x" at the package root
                    target = node.names[0].name
                found.append((target, node.lineno))
            else:
                mod = node.module or ""
                top = mod.split(".")[0]
                found.append((mod.split(".")[1] if top == "pbp_desktop" and "." in mod else top, node.lineno))
    return found


def layer_problems(package: Path) -> list[str]:
    problems = []
    app_modules = {p.stem for p in package.iterdir()} | {p.name for p in package.iterdir() if p.is_dir()}
    for layer, (app_ok, libs_ok) in ALLOWED.items():
        for path in (package / layer).rglob("*.py"):
            for target, line in _imports(path, package):
                where = f"{path.relative_to(package)}:{line} imports {target}"
                if target in THIRD_PARTY and target not in libs_ok:
                    problems.append(where)
                elif target in app_modules and target not in app_ok and target != "__init__":
                    problems.append(where)
    # the services reach the reports layer through one documented seam (services/printing.py)
    for path in (package / "services").rglob("*.py"):
        if path.relative_to(package).as_posix() == SEAM:
            continue
        problems += [f"{path.relative_to(package).as_posix()}:{line} imports reports (only {SEAM} may)"
                     for target, line in _imports(path, package) if target == "reports"]
    return problems


def test_layers_import_only_downwards():
    assert layer_problems(PACKAGE) == []


def test_the_check_itself_catches_a_leak(tmp_path):
    """A test that cannot fail is no test: plant leaks in a copy of the layout and see them caught."""
    fake = tmp_path / "pbp_desktop"
    for layer in ("domain", "storage", "ui"):
        (fake / layer).mkdir(parents=True)
    (fake / "domain" / "bad.py").write_text("from PySide6.QtCore import Qt\nfrom ..storage import models\n")
    (fake / "ui" / "worse.py").write_text("import sqlalchemy\nfrom pbp_desktop.storage.models import Risk\n")
    (fake / "services").mkdir()
    (fake / "services" / "printing.py").write_text("from ..reports import build_pack\n")  # the seam
    (fake / "services" / "packs.py").write_text("def f():\n    from ..reports import build_pack\n")
    assert sorted(layer_problems(fake)) == [
        "domain/bad.py:1 imports PySide6", "domain/bad.py:2 imports storage",
        "services/packs.py:2 imports reports (only services/printing.py may)",
        "ui/worse.py:1 imports sqlalchemy", "ui/worse.py:2 imports storage"]


def test_every_module_opens_with_a_docstring():
    missing = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert missing == []


def test_a_register_url_is_made_in_one_place():
    """A file path becomes a database URL in config.to_url (a path or URL as a user typed it) or
    storage.engine.sqlite_url (a path the app holds): nowhere else spells the URL out."""
    makers = {"config.py", "storage/engine.py"}
    spelled = sorted(
        f"{path.relative_to(PACKAGE)}:{n}" for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if 'f"sqlite:///' in line and str(path.relative_to(PACKAGE)).replace("\\", "/") not in makers)
    assert spelled == []
