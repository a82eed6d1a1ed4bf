"""Composition support: where resources/ and db/ are, in a source tree, an editable or regular
install, or a frozen (PyInstaller-style) build."""

from __future__ import annotations

import sys
from pathlib import Path


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(here.parent)          # source tree or editable install: the repository root
    roots.append(here / "_data")       # a wheel that ships the folders inside the package
    return roots


def _root() -> Path:
    for root in _candidates():
        if (root / "db" / "alembic.ini").is_file():
            return root
    raise FileNotFoundError("PBP Desktop cannot find its db/ folder; the installation is incomplete")


def db_dir() -> Path:
    return _root() / "db"


def resources_dir() -> Path:
    return _root() / "resources"


def alembic_ini() -> Path:
    return db_dir() / "alembic.ini"
