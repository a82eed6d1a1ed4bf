"""Domain layer: the RAG rating of one period's actual against its planned value."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Polarity, Rag

DEFAULT_TOLERANCE_PCT = 5.0


@dataclass(frozen=True, slots=True)
class RagResult:
    rag: Rag
    reason: str


def rate(
    actual: float | None,
    planned: float | None,
    polarity: Polarity,
    tolerance_pct: float = DEFAULT_TOLERANCE_PCT,
    provisional: bool = False,
) -> RagResult:
    """Rate an actual against the plan for its period.

    GREY: no actual; or validated data with no planned value to judge them against.
    AMBER: the data are provisional or incomplete (seed 000: "not yet validated - hence the
      amber rating"), whatever they show; or the actual is behind plan by no more than the
      tolerance, a percentage of the planned value.
    GREEN: on or ahead of plan in the direction of the indicator's polarity.
    RED: behind plan by more than the tolerance.
    """
    if actual is None:
        return RagResult(Rag.GREY, "no data for this period")
    if provisional:
        return RagResult(Rag.AMBER, "provisional or incomplete data")
    if planned is None:
        return RagResult(Rag.GREY, "no trajectory to judge against (baseline or target awaited)")
    sign = 1.0 if polarity is Polarity.HIGHER_IS_BETTER else -1.0
    ahead_by = (actual - planned) * sign
    if ahead_by >= 0:
        return RagResult(Rag.GREEN, "on or ahead of trajectory")
    allowed = abs(planned) * tolerance_pct / 100.0
    if -ahead_by <= allowed:
        return RagResult(Rag.AMBER, f"behind trajectory, within the {tolerance_pct:g}% tolerance")
    return RagResult(Rag.RED, f"behind trajectory by more than the {tolerance_pct:g}% tolerance")
