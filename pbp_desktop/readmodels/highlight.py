"""Readmodels layer: the monthly highlight report - every programme (projects and milestones
within it) as the board reads it for one month, built by the highlight service from the same
queries as the Programmes screen and drawn by reports.highlight (and, shorter, by the pack)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain.enums import Rag, Session
from .programmes import ProgrammeRow


@dataclass(frozen=True, slots=True)
class HighlightReport:
    reference: str
    session: Session
    month: date  # the 1st of the month reported
    as_at: date  # the date the milestones are judged at: the month's end, or today when earlier
    printed_on: date
    partnership: str
    programmes: tuple[ProgrammeRow, ...]
    risk_scores: dict[int, int] = field(default_factory=dict)  # a linked risk's current score
    action_states: dict[int, str] = field(default_factory=dict)  # a linked action: "open", "overdue", "complete"...
    indicator_rags: dict[int, Rag] = field(default_factory=dict)  # a benefit's indicator's latest RAG
    withheld: int = 0  # private programmes left out of a public report
    # a private report's rows that the one privacy rule makes private, by table: marked CONFIDENTIAL
    confidential: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    @property
    def month_label(self) -> str:
        return f"{self.month:%B %Y}"

    @property
    def title(self) -> str:
        return f"Highlight report, {self.month_label}"

    def marked(self, row: Any) -> bool:
        from .privacy import row_key
        key = row_key(row)
        return key is not None and key[1] in self.confidential.get(key[0], ())
