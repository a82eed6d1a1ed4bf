"""UI layer: the Dashboard screen - the summary a director reads before the board."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from ...domain.registers import summarised
from ..dashboard import DashboardView
from ..widgets import Page


class DashboardPage(Page):
    title = "Dashboard"
    entities = summarised()  # the kinds the register summary reads, as their registers declare

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.view = DashboardView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def reload(self, *, soft: bool = False) -> None:
        summary = self.ops.read(self.ops.register.queries.summary, None)
        if summary is not None:
            self.view.show_summary(summary)
