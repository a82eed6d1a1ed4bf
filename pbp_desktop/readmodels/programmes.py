"""Readmodels layer: programmes, their projects and milestones as the Programmes screen, the
highlight report and the pack read them (frozen; a milestone's RAG and slippage already judged)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import MilestoneStatus, ProgrammeStatus, Rag
from ..domain.programmes import Slippage

__all__ = ["ForecastRow", "MilestoneRow", "ProgrammeRow", "ProgrammeUpdateRow", "LinkedRow", "GoalRow", "BenefitRow"]


@dataclass(frozen=True, slots=True)
class ForecastRow:
    """One change of a milestone's forecast (the first is the forecast it was created with)."""

    id: int
    recorded_on: date
    forecast_date: date | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class MilestoneRow:
    id: int
    version: int
    programme_id: int
    title: str
    baseline_date: date
    forecast_date: date | None
    actual_date: date | None
    status: MilestoneStatus
    check_point: bool
    reported_to: str | None
    note: str | None
    confidential: bool
    contingency_months: int | None  # the contingency it is judged by (its programme's, or a project's own)
    slippage: Slippage
    forecasts: tuple[ForecastRow, ...] = ()

    @property
    def rag(self) -> Rag:
        return self.slippage.rag


@dataclass(frozen=True, slots=True)
class ProgrammeUpdateRow:
    """A programme's highlight report for one month."""

    id: int
    version: int
    programme_id: int
    month: date
    progress: str | None
    next_steps: str | None
    risks_issues: str | None
    decisions: str | None
    confidence: Rag | None
    confidence_reason: str | None


@dataclass(frozen=True, slots=True)
class LinkedRow:
    """A record a programme links to: its kind ("outcome", "objective", "risk", "action",
    "partner"), id, reference (if it has one) and title or name."""

    link_id: int
    kind: str
    id: int
    reference: str
    title: str


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: int
    goal: str
    contribution: str


@dataclass(frozen=True, slots=True)
class BenefitRow:
    id: int
    description: str
    indicator_id: int | None
    indicator_label: str | None


@dataclass(frozen=True, slots=True)
class ProgrammeRow:
    """A programme, or (parent_id set) one of its projects or key activities."""

    id: int
    version: int
    parent_id: int | None
    reference: str
    title: str
    aim: str | None
    lead_director_id: int | None
    lead_director: str | None
    sponsor_id: int | None
    sponsor: str | None
    activity_manager_id: int | None
    activity_manager: str | None
    gateway_stage: int | None
    gateway_name: str  # "3 Pilot", as the partnership names its stages ("" when none)
    status: ProgrammeStatus
    confidence: Rag | None
    confidence_reason: str | None
    contingency_months: int | None  # its own
    contingency: int | None  # what its milestones are judged by: its own, else its programme's
    investment: float | None
    key_partners: str | None
    confidential: bool
    archived: bool
    links: tuple[LinkedRow, ...] = ()
    goals: tuple[GoalRow, ...] = ()
    benefits: tuple[BenefitRow, ...] = ()
    milestones: tuple[MilestoneRow, ...] = ()
    updates: tuple[ProgrammeUpdateRow, ...] = ()  # newest month first
    projects: tuple[ProgrammeRow, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.reference} {self.title}"

    def linked(self, kind: str) -> tuple[LinkedRow, ...]:
        return tuple(link for link in self.links if link.kind == kind)

    @property
    def lead_partners(self) -> tuple[LinkedRow, ...]:
        return self.linked("partner")

    def all_milestones(self) -> tuple[MilestoneRow, ...]:
        """Its own milestones and its projects', in baseline order."""
        found = list(self.milestones) + [m for p in self.projects for m in p.all_milestones()]
        return tuple(sorted(found, key=lambda m: (m.baseline_date, m.id)))

    def milestone_counts(self) -> dict[Rag, int]:
        counts = {r: 0 for r in Rag}
        for m in self.all_milestones():
            counts[m.rag] += 1
        return counts

    def update_for(self, month: date) -> ProgrammeUpdateRow | None:
        return next((u for u in self.updates if u.month == month), None)
