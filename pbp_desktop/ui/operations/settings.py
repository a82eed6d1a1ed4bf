"""UI layer: named operations on the register's settings (the partnership's details) and the
user's own settings kept between runs (their name, which the papers print as their author)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ...readmodels import PartnershipRow
from . import Ops, Outcome, run


def save_partnership(ops: Ops, row: PartnershipRow | None, values: Mapping[str, Any], *,
                     parent: QWidget | None = None) -> Outcome:
    """Create the register's one partnership (row None) or update it."""
    version = row.version if row is not None else None
    return run(ops, "Partnership details", lambda: ops.register.partnership.save(values, version),
               parent=parent, form=True)


USER_NAME_KEY = "user/name"  # the user's own name (never the computer's login): the papers' author


def user_name(settings: QSettings) -> str:
    return " ".join(str(settings.value(USER_NAME_KEY) or "").split())


def remember_user_name(settings: QSettings, name: str) -> None:
    name = " ".join((name or "").split())
    if name:
        settings.setValue(USER_NAME_KEY, name)
    else:
        settings.remove(USER_NAME_KEY)
    settings.sync()
