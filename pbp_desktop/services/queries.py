"""Services layer: the read side. Every screen, the CLI and the pack read through here and get
frozen readmodels, never ORM objects."""

from __future__ import annotations

from datetime import date

from ..domain.enums import ItemKind, Standing
from ..domain.meetings import interest_touches, quorum, words
from ..readmodels import (
    ALL_ACTIONS,
    ActionFilter,
    ActionRow,
    AttendanceSheet,
    BodyRow,
    ChangeRow,
    IndicatorRow,
    InterestRow,
    InterestSuggestion,
    MeetingDetail,
    MeetingRow,
    MembershipRow,
    OutcomeRow,
    PackRow,
    PartnerRow,
    PartnershipRow,
    PersonRow,
    ProgrammeRow,
    RegisterSummary,
    RiskRow,
    SheetLine,
    StandingItemRow,
)
from ..storage.queries import (
    actions,
    changes,
    meetings,
    outcomes,
    packs,
    people,
    programmes,
    risks,
    summary,
)
from .base import ServiceBase


class QueryService(ServiceBase):
    def today(self) -> date:
        return self._clock()

    def partnership(self) -> PartnershipRow | None:
        with self._read() as s:
            return people.partnership(s)

    def partners(self, *, include_archived: bool = False) -> list[PartnerRow]:
        with self._read() as s:
            return people.partners(s, include_archived=include_archived)

    def people(self, *, include_archived: bool = False) -> list[PersonRow]:
        with self._read() as s:
            return people.people(s, include_archived=include_archived)

    def bodies(self, *, include_archived: bool = False) -> list[BodyRow]:
        with self._read() as s:
            return people.bodies(s, include_archived=include_archived)

    def memberships(self, *, body_id: int | None = None, person_id: int | None = None) -> list[MembershipRow]:
        with self._read() as s:
            return people.memberships(s, body_id=body_id, person_id=person_id)

    def standing_items(self, *, body_id: int | None = None) -> list[StandingItemRow]:
        with self._read() as s:
            return people.standing_items(s, body_id)

    def interests(self, *, person_id: int | None = None, person_ids: list[int] | None = None) -> list[InterestRow]:
        with self._read() as s:
            return people.interests(s, person_id=person_id, person_ids=person_ids)

    def attendance_sheet(self, meeting_id: int) -> AttendanceSheet | None:
        """The attendance of a meeting in one view: every member of its body on the day (chair and
        vice-chair first), whether recorded yet or not, then everyone else recorded; the quorum."""
        detail = self.meeting(meeting_id)
        if detail is None:
            return None
        m = detail.meeting
        members = [x for x in self.memberships(body_id=m.body_id) if x.current_on(m.meets_on)]
        order = {Standing.CHAIR: 0, Standing.VICE_CHAIR: 1, Standing.MEMBER: 2, Standing.OFFICER: 3}
        members.sort(key=lambda x: (order[x.standing], x.person_name.casefold()))
        recorded = {a.person_id: a for a in detail.attendance if a.person_id is not None}
        lines = []
        for x in members:
            a = recorded.pop(x.person_id, None)
            lines.append(SheetLine(x.person_id, x.person_name, x.standing, a.attendance if a else None,
                                   a.capacity if a else None, a.id if a else None, a.version if a else None))
        for a in detail.attendance:
            if a.person_id is None or a.person_id in recorded:
                lines.append(SheetLine(a.person_id, a.name, None, a.attendance, a.capacity, a.id, a.version))
        q = quorum(self.bodies_by_id(include_archived=True).get(m.body_id),
                   [x.standing for x in members], [line.attendance for line in lines[:len(members)]])
        return AttendanceSheet(tuple(lines), m.chair_id, q.required, q.present, q.members)

    def bodies_by_id(self, *, include_archived: bool = False) -> dict[int, int | None]:
        """Each body's quorum, by id."""
        return {b.id: b.quorum for b in self.bodies(include_archived=include_archived)}

    def interest_suggestions(self, meeting_id: int) -> list[InterestSuggestion]:
        """For each item of a meeting, the registered interests (held on the day) of its members
        and of those recorded as attending that the item may touch: the partners and organisations
        it names, and the words of the interest (domain.meetings.interest_touches)."""
        detail = self.meeting(meeting_id)
        if detail is None:
            return []
        m = detail.meeting
        people = {x.person_id for x in self.memberships(body_id=m.body_id) if x.current_on(m.meets_on)}
        people |= {a.person_id for a in detail.attendance if a.person_id is not None}
        held = [i for i in self.interests(person_ids=sorted(people)) if i.current_on(m.meets_on)]
        declared = {(d.agenda_item_id, d.person_id) for d in detail.declarations}
        p = self.partnership()
        common = frozenset(words(" ".join(x for x in (m.body_name, p.name if p else None, p.place if p else None,
                                                       p.integrated_care_system if p else None) if x)))
        found = []
        for item in detail.items:
            if item.kind is not ItemKind.BUSINESS:
                continue
            text = " ".join(x for x in (item.title, item.description) if x)
            named = " ".join(x for x in (item.title, item.description, item.presenter) if x)
            for interest in held:
                reason = interest_touches(text, interest.organisation, interest.partner_name,
                                          interest.description, common, named_in=named)
                if reason:
                    found.append(InterestSuggestion(item.id, f"{item.minute_ref or item.number} {item.title}", interest, reason,
                                                    (item.id, interest.person_id) in declared))
        return found

    def previous_meeting(self, meeting_id: int) -> MeetingRow | None:
        """The body's meeting before this one whose business this one follows up."""
        with self._read() as s:
            rows = meetings.meetings(s, meeting_id=meeting_id)
            return meetings.previous_meeting(s, rows[0]) if rows else None

    def meeting_clashes(self, body_id: int, meets_on: date, start_time: str | None, *,
                        except_id: int | None = None) -> list[MeetingRow]:
        """Meetings of the body already at that date and time (the screen warns of a second)."""
        with self._read() as s:
            return meetings.clashes(s, body_id, meets_on, start_time, except_id=except_id)

    def rag_convention(self) -> str:
        """The partnership's RAG convention for provisional figures (domain.rag.RagConvention)."""
        from ..storage.conventions import rag_convention
        with self._read() as s:
            return rag_convention(s.connection())

    def outcome_tree(self, *, include_archived: bool = False, with_periods: bool = False) -> list[OutcomeRow]:
        """The tree with each indicator's latest figure, RAG, trend and icons (kept assessed in the
        register); with_periods=True also gives every period and the full SPC analysis."""
        with self._read() as s:
            if with_periods:
                return outcomes.outcome_tree(s, include_archived=include_archived, with_periods=True)
            return list(self._light_tree(s, include_archived))

    def _light_tree(self, s, include_archived: bool, now: int | None = None) -> list[OutcomeRow]:
        """The tree without periods, kept from the last time it was read: when only indicators'
        figures have changed since (the change log says which), only those are read again.
        now: the change log's newest id, when the caller has just read it in this session."""
        memos = self.__dict__.setdefault("_trees", {})
        if now is None:
            now = outcomes.latest_change_id(s)
        memo = memos.get(include_archived)
        if memo is not None and memo[0] == now:
            return memo[1]
        changed = self._changed(s, memo[0], now) if memo is not None else None
        if memo is not None and changed is not None:
            tree = outcomes.refresh_tree(s, memo[1], changed)
        else:
            tree = outcomes.outcome_tree(s, include_archived=include_archived, with_periods=False)
        memos[include_archived] = (now, tree)
        return tree

    def _changed(self, s, since: int, now: int) -> set[int] | None:
        """The indicators whose figures changed between two points of the change log (None if
        anything else did), kept for the last few pairs: the tree and the summary both ask it
        after the same change."""
        memo = self.__dict__.setdefault("_changed_memo", {})
        key = (since, now)
        if key not in memo:
            if len(memo) > 8:
                memo.clear()
            memo[key] = outcomes.changed_indicators(s, since)
        return memo[key]

    def indicator(self, indicator_id: int) -> IndicatorRow | None:
        """One indicator with every period and its SPC analysis. Its assessment is kept in the
        register too, so the tree read after it (a figure just recorded) need not make it again."""
        with self._read() as s:
            as_of = outcomes.latest_change_id(s)
            row = outcomes.indicator(s, indicator_id)
            if row is not None:
                outcomes.keep_assessment(s, row, as_of)
            return row

    def programmes(self, *, include_archived: bool = False, include_confidential: bool = True,
                   as_at: date | None = None) -> list[ProgrammeRow]:
        """Every programme with its projects and milestones, each milestone judged as at `as_at`
        (default: today)."""
        with self._read() as s:
            return programmes.programmes(s, as_at or self._clock(), include_archived=include_archived,
                                         include_confidential=include_confidential)

    def programme(self, programme_id: int, *, as_at: date | None = None) -> ProgrammeRow | None:
        """One programme or project (with its projects), archived or not."""
        stack = list(self.programmes(include_archived=True, as_at=as_at))
        while stack:
            row = stack.pop()
            if row.id == programme_id:
                return row
            stack.extend(row.projects)
        return None

    def gateway_stages(self) -> tuple[str, ...]:
        with self._read() as s:
            return programmes.gateway_stages(s.connection())

    def programme_goals(self) -> tuple[str, ...]:
        with self._read() as s:
            return programmes.goals(s.connection())

    def risks(self, *, include_archived: bool = False, include_confidential: bool = True,
              with_history: bool = True) -> list[RiskRow]:
        """with_history=False: each risk's movement but not its score history (see risk())."""
        with self._read() as s:
            return risks.risks(s, self._clock(), include_archived=include_archived,
                               include_confidential=include_confidential, with_history=with_history)

    def risk(self, risk_id: int) -> RiskRow | None:
        with self._read() as s:
            rows = risks.risks(s, self._clock(), include_archived=True, risk_id=risk_id)
            return rows[0] if rows else None

    def actions(self, *, include_confidential: bool = True) -> list[ActionRow]:
        with self._read() as s:
            return actions.actions(s, self._clock(), ActionFilter(include_confidential=include_confidential))

    def action_page(self, f: ActionFilter, *, sort: str = "due", descending: bool = False, offset: int = 0,
                    limit: int = 200) -> list[ActionRow]:
        """One page of the action log that passes the filter (without each action's updates)."""
        with self._read() as s:
            return actions.actions(s, self._clock(), f, with_updates=False, sort=sort, descending=descending,
                                   offset=offset, limit=limit)

    def action_first_page(self, f: ActionFilter, *, sort: str = "due", descending: bool = False,
                          limit: int = 200) -> tuple[list[ActionRow], int]:
        """The first page of the log that passes the filter, and how many pass it in all."""
        with self._read() as s:
            return actions.first_page(s, self._clock(), f, sort=sort, descending=descending, limit=limit)

    def action_count(self, f: ActionFilter = ALL_ACTIONS) -> int:
        with self._read() as s:
            return actions.count_actions(s, self._clock(), f)

    def action_owners(self) -> list[tuple[int, str]]:
        with self._read() as s:
            return actions.action_owners(s)

    def action(self, action_id: int) -> ActionRow | None:
        with self._read() as s:
            rows = actions.actions(s, self._clock(), ActionFilter(action_id=action_id))
            return rows[0] if rows else None

    def meetings(self, *, body_id: int | None = None) -> list[MeetingRow]:
        with self._read() as s:
            return meetings.meetings(s, body_id=body_id)

    def meeting(self, meeting_id: int) -> MeetingDetail | None:
        with self._read() as s:
            return meetings.meeting(s, meeting_id)

    def summary(self, *, include_confidential: bool = True) -> RegisterSummary:
        """The dashboard's summary. Kept from the last time it was made: when only indicators'
        figures have changed since, the actions, risks and meeting parts are not read again."""
        memos = self.__dict__.setdefault("_summaries", {})
        today = self._clock()
        with self._read() as s:
            now = outcomes.latest_change_id(s)
            memo = memos.get((today, include_confidential))
            if memo is not None and memo[0] == now:
                return memo[1]
            changed = self._changed(s, memo[0], now) if memo is not None else None
            reuse = memo[1] if changed is not None else None
            result = summary.register_summary(s, today, include_confidential=include_confidential,
                                              tree=self._light_tree(s, False, now), reuse=reuse, changed=changed)
            memos[(today, include_confidential)] = (now, result)
            return result

    def latest_change_id(self) -> int:
        """The id of the newest change-log row (0 for none): what another writer has changed
        since is whatever lies above it."""
        with self._read() as s:
            return outcomes.latest_change_id(s)

    def change_log(self, *, entity: str | None = None, entity_id: int | None = None,
                   batch: str | None = None, limit: int | None = None, after_id: int | None = None) -> list[ChangeRow]:
        with self._read() as s:
            return changes.change_log(s, entity=entity, entity_id=entity_id, batch=batch, limit=limit,
                                      after_id=after_id)

    def packs(self) -> list[PackRow]:
        with self._read() as s:
            return packs.packs(s)

