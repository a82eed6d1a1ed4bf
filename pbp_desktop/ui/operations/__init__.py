"""UI layer: named operations, one module per area (after Anki's aqt/operations). Each function
is one service command under a name a screen can call - archive_partner(ops, row, parent=page) -
run through Ops.execute, which shows refusals, puts the command on the undo stack and tells the
views what changed and which view (the `parent`, the initiator) started it.

A form's submission passes `form=True`: field-level refusals are then only returned, for the form
to show beside its fields. Screens hand Ops no lambdas of their own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ...readmodels import Changes
from ..ops import Ops, Outcome

__all__ = ["Ops", "Outcome", "run"]


def run(ops: Ops, text: str, command: Callable[[], Changes], *, parent: QWidget | None,
        form: bool = False) -> Outcome:
    """Run one command as the operation `text` (its name on the undo stack)."""
    return ops.execute(text, command, show_errors=not form, initiator=parent)
