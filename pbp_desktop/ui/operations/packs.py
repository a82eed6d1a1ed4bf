"""UI layer: named operations around assurance packs: confirming public a text that quotes a
private record (a deliberate, logged disclosure). Printing the pack itself is long work, run by
the pack dialog off the screen's thread."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...readmodels.privacy import Quotation
from . import Ops, Outcome, run


def confirm_public_text(ops: Ops, quotation: Quotation, reason: str, *, parent: QWidget | None = None) -> Outcome:
    return run(ops, f"Confirm public: {quotation.describe()}",
               lambda: ops.register.privacy.confirm(quotation, reason), parent=parent)
