"""Services layer: the monthly highlight report - every programme, its projects and milestones
for one month (readmodels/highlight.py), judged as at the month's end (or today when earlier),
and drawn through services/printing.py. A public report leaves out what the one privacy rule
makes private (services/privacy.py) and is searched for anything private, or public text quoting
it, before it is drawn, as the pack and the meeting papers are."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from ..domain.enums import ActionStatus, Session
from ..domain.errors import ValidationError, ValidationFailed
from ..readmodels.highlight import HighlightReport
from ..readmodels.privacy import PrivateRecords
from ..readmodels.programmes import ProgrammeRow
from ..storage.queries import actions as action_q
from ..storage.queries import outcomes as outcome_q
from ..storage.queries import people as people_q
from ..storage.queries import programmes as programme_q
from ..storage.queries import risks as risk_q
from .base import ServiceBase
from .printing import render_highlight

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str | date) -> date:
    """'2022-07' as the 1st of July 2022; anything else refused in words."""
    if isinstance(text, date):
        return text.replace(day=1)
    found = _MONTH.match(text or "")
    if found and 1 <= int(found.group(2)) <= 12 and 1900 <= int(found.group(1)) <= 2199:  # dates the app can count with
        return date(int(found.group(1)), int(found.group(2)), 1)
    raise ValidationFailed([ValidationError("month", "invalid", f"Month: '{(text or '').strip()}' is not a month; "
                                            "give it as YYYY-MM, for example 2022-07")], "highlight report")


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def public_programme(row: ProgrammeRow, records: PrivateRecords) -> ProgrammeRow:
    """A public programme as a public output may show it: without its private projects,
    milestones (and forecasts), links (a link to a private risk or action), goals, benefits and
    highlight reports; the one rule decides each (never a `confidential` column read here)."""
    def keep(rows: tuple) -> tuple:
        return tuple(x for x in rows if not records.row_private(x))
    milestones = tuple(dataclasses.replace(m, forecasts=keep(m.forecasts)) for m in keep(row.milestones))
    return dataclasses.replace(
        row, milestones=milestones, links=keep(row.links), goals=keep(row.goals), benefits=keep(row.benefits),
        updates=keep(row.updates),
        projects=tuple(public_programme(p, records) for p in row.projects if not records.row_private(p)))


def for_month(rows: list[ProgrammeRow], month: date | None) -> list[ProgrammeRow]:
    """The programmes with only that month's highlight report each (none without a month): a paper
    holds, and is checked for quotations of private records, only what it prints."""
    def one(p: ProgrammeRow) -> ProgrammeRow:
        update = p.update_for(month) if month else None
        return dataclasses.replace(p, updates=(update,) if update else (), projects=tuple(one(q) for q in p.projects))
    return [one(p) for p in rows]


def programmes_for(rows: list[ProgrammeRow], records: PrivateRecords, public: bool
                   ) -> tuple[tuple[ProgrammeRow, ...], int, dict[str, frozenset[int]]]:
    """The programmes a session shows, how many a public one withheld, and (private) the rows the
    rule makes private, by table, for marking CONFIDENTIAL."""
    if public:
        shown = tuple(public_programme(p, records) for p in rows if not records.row_private(p))
        return shown, len(rows) - len(shown), {}
    from ..readmodels.privacy import walk
    found: dict[str, set[int]] = {}
    for value, owner, _name in walk(tuple(rows)):
        if owner is not None and type(value) is not str and records.private(*owner):
            found.setdefault(owner[0], set()).add(owner[1])
    return tuple(rows), 0, {k: frozenset(v) for k, v in found.items()}


class HighlightService(ServiceBase):
    def next_reference(self, month: date, session: Session) -> str:
        return f"HIGHLIGHT-{month:%Y%m}-{'PUB' if session is Session.PUBLIC else 'PRIV'}"

    def build(self, month: str | date, session: Session | str, *, records: PrivateRecords | None = None
              ) -> HighlightReport:
        """The report for a month (YYYY-MM or a date in it), for a session; its milestones and
        linked actions judged as at the month's last day, or today when that is earlier."""
        month = parse_month(month)
        session = Session(session)
        today = self._clock()
        as_at = min(month_end(month), today)
        public = session is Session.PUBLIC
        with self._read() as s:
            if records is None:
                from ..storage.privacy import private_records
                records = private_records(s)
            partnership = people_q.partnership(s)
            rows = for_month(programme_q.programmes(s, as_at), month)
            shown, withheld, confidential = programmes_for(rows, records, public)
            everything = _flatten(shown)
            risk_ids = {link.id for p in everything for link in p.linked("risk")}
            action_ids = {link.id for p in everything for link in p.linked("action")}
            indicator_ids = {b.indicator_id for p in everything for b in p.benefits if b.indicator_id is not None}
            scores = ({r.id: r.current_score for r in risk_q.risks(s, as_at, with_history=False) if r.id in risk_ids}
                      if risk_ids else {})
            states: dict[int, str] = {}
            if action_ids:
                for a in action_q.actions(s, as_at, with_updates=False):
                    if a.id in action_ids:
                        states[a.id] = "overdue" if a.overdue else (
                            "open" if a.status not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
                            else a.status.label.lower())
            rags = {}
            if indicator_ids:
                rags = {i.id: (i.rag, f"{i.rag_letter} {i.rag_word}")
                        for o in outcome_q.outcome_tree(s, with_periods=False) for i in o.all_indicators
                        if i.id in indicator_ids}
        return HighlightReport(
            reference=self.next_reference(month, session), session=session, month=month, as_at=as_at,
            printed_on=today, partnership=partnership.name if partnership else "Partnership", programmes=shown,
            risk_scores=scores, action_states=states, indicator_rags=rags, withheld=withheld,
            confidential=confidential)

    def checked(self, month: str | date, session: Session | str) -> HighlightReport:
        """The report's data; a public one is searched for anything private before it is drawn
        (PrivacyBreach, or QuotesPrivate naming each public text that quotes a private record)."""
        from .privacy import PrivacyService
        guard = PrivacyService(self._engine, self._user, self._clock)
        records = guard.records()
        data = self.build(month, session, records=records)
        if not data.private:
            guard.guard(data, records)
        return data

    def render(self, month: str | date, session: Session | str) -> bytes:
        """The report as PDF bytes (nothing is recorded)."""
        return render_highlight(self.checked(month, session))

    @staticmethod
    def render_report(data: HighlightReport) -> bytes:
        """A report already built (and, public, checked) as PDF bytes."""
        return render_highlight(data)


def _flatten(rows: tuple[ProgrammeRow, ...]) -> list[ProgrammeRow]:
    out: list[ProgrammeRow] = []
    stack = list(rows)
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(p.projects)
    return out

