"""UI layer: the one place the screens call services and show their errors to the user."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import ConflictError, PbpError, ValidationFailed
from ..readmodels import RegisterSummary
from ..services import Register

T = TypeVar("T")
log = logging.getLogger(__name__)


class Ops:
    def __init__(self, register: Register, parent: QWidget | None = None):
        self.register = register
        self.parent = parent

    def where(self) -> str:
        return str(self.register.path or self.register.opened.url)

    def run(self, fn: Callable[[], T], *, title: str = "PBP Desktop") -> T | None:
        """Call a service; show a refusal as a message that says what is wrong, never a traceback."""
        try:
            return fn()
        except ValidationFailed as exc:
            QMessageBox.warning(self.parent, title, "\n".join(str(e) for e in exc.errors))
        except ConflictError as exc:
            QMessageBox.warning(self.parent, title, str(exc))
        except PbpError as exc:
            QMessageBox.critical(self.parent, title, str(exc))
        except Exception:  # noqa: BLE001 - logged in full; the user gets a plain sentence
            log.exception("unexpected error")
            QMessageBox.critical(self.parent, title, "Something went wrong and nothing was changed. "
                                 "The details were written to the log file.")
        return None

    def summary(self) -> RegisterSummary | None:
        return self.run(self.register.queries.summary)
