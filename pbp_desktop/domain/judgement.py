"""Domain layer: the overall judgement a pack's summary offers the board, from its RAG counts,
its extreme risks and its overdue actions. The author may override it on the cover sheet."""

from __future__ import annotations

from dataclasses import dataclass

SERIOUS, SOME, SPECIFIC, NONE = "serious concern", "some concern", "specific concerns", "no concerns"
NO_ASSESSMENT = "no assessment possible"
JUDGEMENTS = (SERIOUS, SOME, SPECIFIC, NONE, NO_ASSESSMENT)
NOTHING_RATED = "no indicator has a figure to rate"


@dataclass(frozen=True, slots=True)
class Judgement:
    level: str
    reason: str


def judge(red: int, rated: int, top_risk_score: int, overdue_actions: int) -> Judgement:
    """serious concern: half or more of the rated indicators are red, or a risk scores 20 or
    more; some concern: a quarter or more are red, or a risk scores 15 or more; specific
    concerns: any red indicator or overdue action; otherwise no concerns. With no rated
    indicator the performance cannot be judged: no assessment possible (never "no concerns"),
    unless a risk already calls for concern.
    `rated` counts indicators with a RAG other than grey."""
    share = red / rated if rated else 0.0
    why = f"{red} of {rated} rated indicators red" if rated else NOTHING_RATED
    if share >= 0.5 or top_risk_score >= 20:
        extra = f"; a risk scores {top_risk_score}" if top_risk_score >= 20 else ""
        return Judgement(SERIOUS, why + extra)
    if share >= 0.25 or top_risk_score >= 15:
        extra = f"; a risk scores {top_risk_score}" if top_risk_score >= 15 else ""
        return Judgement(SOME, why + extra)
    if not rated:
        extra = f"; {overdue_actions} overdue action(s)" if overdue_actions else ""
        return Judgement(NO_ASSESSMENT, why + extra)
    if red or overdue_actions:
        return Judgement(SPECIFIC, f"{why}; {overdue_actions} overdue action(s)")
    return Judgement(NONE, why + "; no overdue actions and no risk of 15 or more")
