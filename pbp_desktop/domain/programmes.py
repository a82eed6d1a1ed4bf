"""Domain layer: the rules of programmes and milestones. A milestone's RAG is derived from its
slippage against its baseline and its programme's contingency (late but within the contingency
is amber, beyond it red), never typed; the partnership names its gateway stages and its goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .enums import MilestoneStatus, Rag
from .periods import uk_date
from .rag import add_months

# The four-phase investment Gateway of the seed strategic plan: it names the pilot and roll-out
# phases; the first two are this app's words for what comes before them (a partnership renames them).
DEFAULT_GATEWAY_STAGES = ("Proposal", "Business case", "Pilot", "Roll-out")
# The seed plan's four goals, against which each key activity's contribution is written.
DEFAULT_GOALS = ("Quality", "Innovation", "Prevention", "Productivity")


@dataclass(frozen=True, slots=True)
class Slippage:
    """Where a milestone stands: its RAG, the date it is judged by (done, forecast, or today when
    its forecast has passed undone), the days that date lies past the baseline (negative: early),
    the last day its contingency allows, and the judgement in words."""

    rag: Rag
    judged_on: date | None
    days: int | None
    allowed_until: date | None
    overdue: bool
    words: str

    @property
    def beyond_contingency(self) -> bool:
        return self.rag is Rag.RED


def slip_words(days: int | None, *, brief: bool = False) -> str:
    """Slippage in words: "57 days (8 weeks) late"; brief, for a narrow column: "8 weeks late"."""
    if days is None:
        return ""
    if days == 0:
        return "on time" if brief else "on its baseline"
    what = "late" if days > 0 else "early"
    n = abs(days)
    if n >= 60:
        return f"{round(n / 30.44)} months {what}" if brief else f"{n} days ({round(n / 30.44)} months) {what}"
    if n >= 14:
        return f"{n // 7} weeks {what}" if brief else f"{n} days ({n // 7} weeks) {what}"
    return f"{n} day{'s' if n != 1 else ''} {what}"


def contingency_end(baseline: date, months: int | None) -> date:
    """The last day the contingency allows: `months` after the baseline, and a month's end stays a
    month's end ("by the end of September" with three months' contingency: 31/12, not 30/12)."""
    allowed = add_months(baseline, months or 0)
    if (baseline + timedelta(days=1)).month != baseline.month:  # the baseline is a month's last day
        allowed = (allowed.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return allowed


def milestone_slippage(baseline: date, forecast: date | None, actual: date | None, status: MilestoneStatus | None,
                       contingency_months: int | None, today: date) -> Slippage:
    """A milestone's RAG: green on or before its baseline; amber late but within the contingency
    (`contingency_months` after the baseline; none given: no contingency); red beyond it. A
    milestone not done whose forecast (or baseline) has passed is judged at today: it cannot now be
    done sooner. A cancelled milestone is not rated."""
    allowed = contingency_end(baseline, contingency_months)
    if status is MilestoneStatus.CANCELLED:
        return Slippage(Rag.GREY, None, None, allowed, False, "cancelled")
    done = actual is not None
    judged: date = actual if actual is not None else (forecast or baseline)
    overdue = not done and judged < today
    if overdue:
        judged = today
    days = (judged - baseline).days
    if days <= 0:
        rag = Rag.GREEN
    elif judged <= allowed:
        rag = Rag.AMBER
    else:
        rag = Rag.RED
    if done:
        words = f"done {uk_date(actual)}, {slip_words(days)}"
    elif overdue:
        words = f"overdue: forecast {uk_date(forecast or baseline)} has passed; {slip_words(days)} at least"
    else:
        words = f"forecast {uk_date(judged)}, {slip_words(days)}"
    if rag is Rag.AMBER:
        words += f", within the contingency (to {uk_date(allowed)})"
    elif rag is Rag.RED and days > 0:
        words += (f", beyond the contingency (to {uk_date(allowed)})" if contingency_months
                  else ", and the programme has no contingency")
    return Slippage(rag, judged, days, allowed, overdue, words)


def stage_name(stage: int | None, stages: tuple[str, ...] | list[str]) -> str:
    """A gateway stage as the partnership names it: "3 Pilot"; a stage past the named ones by number."""
    if stage is None:
        return ""
    if 1 <= stage <= len(stages):
        return f"{stage} {stages[stage - 1]}"
    return f"Stage {stage}"
