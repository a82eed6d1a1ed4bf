"""UI layer: the Dashboard screen - the summary a director reads before the board."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ..dashboard import DashboardView
from ..widgets import Page, section_label


class DashboardPage(Page):
    title = "Dashboard"
    entities = frozenset({"partnership", "partner", "outcome", "objective", "indicator", "actual",
                          "trajectory_point", "risk", "risk_score", "action", "meeting", "agenda_item",
                          "attendance", "objective_lead"})

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.view = DashboardView()
        self.missing_title = section_label("Still missing for the next meeting")
        self.missing = QLabel(objectName="note")
        self.missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing)

    def reload(self) -> None:
        summary = self.ops.read(self.ops.register.queries.summary, None)
        if summary is None:
            return
        self.view.show_summary(summary)
        if summary.next_meeting is None:
            self.missing_title.hide()
            self.missing.hide()
        else:
            self.missing_title.show()
            self.missing.show()
            self.missing.setText("\n".join(f"• {m}" for m in summary.next_meeting_missing)
                                 or "Nothing: the agenda, figures, risks and actions are ready.")
