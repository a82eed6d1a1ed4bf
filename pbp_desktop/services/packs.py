"""Services layer: the assurance pack - what it shows (PackData, from the same queries as the
screens), printing it (PDF bytes, SHA-256, snapshot and cover sheet recorded in one
transaction), the list of printed packs, and reprinting exactly the bytes printed then."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from ..domain.enums import ActionStatus, Rag, Session
from ..domain.errors import NotFound, PbpError, ValidationFailed
from ..domain.fields import clean
from ..domain.judgement import JUDGEMENTS, judge
from ..domain.records import COVER
from ..domain.risk import EXTREME_THRESHOLD
from ..readmodels import MeetingRow
from ..readmodels.pack import SECTIONS, CoverSheet, PackData, RiskMovement
from ..storage.models import Actual, Pack, RegisterSetting
from ..storage.queries import actions as action_q
from ..storage.queries import meetings as meeting_q
from ..storage.queries import outcomes as outcome_q
from ..storage.queries import packs as pack_q
from ..storage.queries import people as people_q
from ..storage.queries import risks as risk_q
from ..storage.queries.summary import OutcomeRagSummary
from .base import ServiceBase

COVER_KEY = "pack.cover"


class PackService(ServiceBase):
    # ------------------------------------------------------------------ the cover sheet

    def cover_draft(self) -> CoverSheet:
        """The cover sheet the next pack starts from: the last one saved, else a default."""
        with self._read() as s:
            setting = s.scalar(select(RegisterSetting).where(RegisterSetting.key == COVER_KEY))
            if setting is not None:
                stored = json.loads(setting.value)
                cleaned, errors = clean(COVER, stored)
                if not errors:
                    return CoverSheet(**{k: v for k, v in cleaned.items() if v is not None})
            partnership = people_q.partnership(s)
        name = partnership.name if partnership else "the partnership"
        return CoverSheet(
            title=f"Assurance report: {name}", author=self._user,
            discussion_points="The indicators rated red and the risks scoring 15 or more.",
            recommendations="NOTE the assurance report\nDISCUSS the exceptions and the actions to address them",
            previous_consideration="Reported to each meeting of the board.")

    @staticmethod
    def _cover(values: Mapping[str, Any]) -> CoverSheet:
        cleaned, errors = clean(COVER, values)
        judgement = (cleaned.get("judgement") or "").strip().lower()
        if judgement and judgement not in JUDGEMENTS:
            from ..domain.errors import ValidationError
            errors.append(ValidationError("judgement", "invalid",
                                          f"Overall judgement: '{judgement}' is not one of: {', '.join(JUDGEMENTS)}"))
        if errors:
            raise ValidationFailed(errors, "cover sheet")
        cleaned["judgement"] = judgement
        return CoverSheet(**{k: v for k, v in cleaned.items() if v is not None})

    # ------------------------------------------------------------------ which meeting

    def resolve_meeting(self, which: str | int | None) -> MeetingRow | None:
        """A meeting by id, or "next" (the first on or after today) or "latest" (the last on or
        before today); None when the pack is not for a meeting."""
        if which in (None, ""):
            return None
        with self._read() as s:
            meetings = meeting_q.meetings(s)
        today = self._clock()
        if which == "next":
            coming = [m for m in meetings if m.meets_on >= today]
            found = min(coming, key=lambda m: (m.meets_on, m.id)) if coming else None
        elif which == "latest":
            past = [m for m in meetings if m.meets_on <= today]
            found = max(past, key=lambda m: (m.meets_on, m.id)) if past else None
        else:
            try:
                ident = int(which)
            except (TypeError, ValueError):
                raise PbpError(f"'{which}' is not a meeting: give its id, 'next' or 'latest'") from None
            found = next((m for m in meetings if m.id == ident), None)
            if found is None:
                raise NotFound("meeting", ident)
        if found is None:
            raise PbpError(f"There is no {which} meeting in this register.")
        return found

    # ------------------------------------------------------------------ what the pack shows

    def next_reference(self, printed_on: date | None = None) -> str:
        day = printed_on or self._clock()
        prefix = f"PACK-{day:%Y%m%d}-"
        with self._read() as s:
            n = s.scalar(select(func.count()).select_from(Pack).where(Pack.reference.like(prefix + "%"))) or 0
        return f"{prefix}{n + 1:02d}"

    def build(self, meeting: MeetingRow | None, session: Session | str, *, cover: CoverSheet | None = None,
              sections: Iterable[str] = SECTIONS, reference: str | None = None) -> PackData:
        session = Session(session) if not isinstance(session, Session) else session
        chosen = tuple(k for k in SECTIONS if k in set(sections))
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise PbpError(f"Unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        if not chosen:
            raise PbpError("Choose at least one section for the pack.")
        today = self._clock()
        public = session is Session.PUBLIC
        with self._read() as s:
            partnership = people_q.partnership(s)
            tree = outcome_q.outcome_tree(s)
            all_risks = [r for r in risk_q.risks(s, today) if r.status.value == "open"]
            all_actions = action_q.actions(s, today)
            meetings = meeting_q.meetings(s)
            detail = meeting_q.meeting(s, meeting.id) if meeting else None
            partners = people_q.partners(s)
            illustrative = s.scalar(select(func.count()).select_from(Actual).where(Actual.illustrative.is_(True))) or 0
            previous_pack = pack_q.last_pack_risks(s)
        withheld: dict[str, int] = {}

        risks = [r for r in all_risks if not (public and r.confidential)]
        withheld["risks"] = len(all_risks) - len(risks)
        actions = [a for a in all_actions if not (public and a.confidential)]
        withheld["actions"] = len(all_actions) - len(actions)
        if public:  # an action may be public while the item it came from is not: say so, never what
            actions = [dataclasses.replace(a, agenda_item_label="a private item") if a.agenda_item_confidential else a
                       for a in actions]

        outcomes = tuple(OutcomeRagSummary(o.id, o.reference, o.title, o.rag_counts(),
                                           tuple(i for j in o.objectives for i in j.indicators)) for o in tree)
        scorecard = tuple(i for o in outcomes for i in o.indicators)
        red = sum(o.counts[Rag.RED] for o in outcomes)
        rated = sum(n for o in outcomes for r, n in o.counts.items() if r is not Rag.GREY)
        extreme = tuple(sorted((r for r in risks if r.current_score >= EXTREME_THRESHOLD),
                               key=lambda r: (-r.current_score, r.reference)))
        overdue = [a for a in actions if a.overdue]
        top = max((r.current_score for r in risks), default=0)
        verdict = judge(red, rated, top, len(overdue))
        cover = cover or self.cover_draft()
        judgement, reason = verdict.level, verdict.reason
        if cover.judgement and cover.judgement != verdict.level:
            judgement, reason = cover.judgement, f"Judgement of the report's author; the rule gives {verdict.level} ({verdict.reason})."

        exceptions = [f"{i.label}: {i.fmt(i.latest.actual)} in {i.latest.period} against a plan of "
                      f"{i.fmt(i.latest.planned)} ({i.rag.label.lower()})"
                      + (f", {i.trend}" if i.trend else "")
                      for i in scorecard if i.rag is Rag.RED and i.latest and i.latest.planned is not None]
        exceptions += [f"{i.label}: {i.fmt(i.latest.actual)} in {i.latest.period} is red with no plan to judge against"
                       for i in scorecard if i.rag is Rag.RED and i.latest and i.latest.planned is None]
        exceptions += [f"{i.label}: worsening ({i.fmt(i.latest.actual)} in {i.latest.period}, {i.rag.label.lower()})"
                       for i in scorecard if i.trend == "worsening" and i.rag is not Rag.RED and i.latest]

        movements = self._movements(risks, previous_pack)
        open_actions = tuple(a for a in actions if a.status not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED))
        previous_meeting = None
        if meeting is not None:
            earlier = [m for m in meetings if m.body_id == meeting.body_id and m.meets_on < meeting.meets_on]
            previous_meeting = max(earlier, key=lambda m: m.meets_on) if earlier else None
        completed_since = previous_meeting.meets_on if previous_meeting else today - timedelta(days=91)
        completed_label = (f"the last meeting ({previous_meeting.meets_on:%d/%m/%Y})" if previous_meeting else "")
        completed = tuple(sorted((a for a in actions if a.status is ActionStatus.COMPLETE and a.completed_on
                                  and a.completed_on >= completed_since),
                                 key=lambda a: (a.completed_on, a.reference)))
        agenda = ()
        attendance: tuple = ()
        attendance_label = "No meeting chosen for this pack."
        if detail is not None:
            agenda = tuple(i for i in detail.items if not (public and i.confidential))
            withheld["agenda items"] = len(detail.items) - len(agenda)
            attendance = detail.attendance
            attendance_label = f"{detail.meeting.body_name}, {detail.meeting.meets_on:%d/%m/%Y}"
            if not attendance and previous_meeting is not None:
                with self._read() as s:
                    prev = meeting_q.meeting(s, previous_meeting.id)
                attendance = prev.attendance if prev else ()
                attendance_label = (f"No attendance is recorded yet for this meeting; attendance at the previous "
                                    f"meeting, {previous_meeting.body_name}, {previous_meeting.meets_on:%d/%m/%Y}:")
            elif not attendance:
                attendance_label += ": no attendance recorded yet."
        return PackData(
            reference=reference or self.next_reference(today), session=session, printed_on=today,
            partnership=partnership, meeting=meeting, cover=cover, sections=chosen, outcomes=outcomes,
            judgement=judgement, judgement_reason=reason, exceptions=tuple(exceptions), scorecard=scorecard,
            risks=tuple(risks), extreme_risks=extreme, movements=movements, open_actions=open_actions,
            completed_actions=completed, completed_since=completed_since, completed_label=completed_label,
            partners=tuple(partners),
            agenda=agenda, attendance=attendance, attendance_label=attendance_label,
            withheld={k: v for k, v in withheld.items() if v} if public else {},
            illustrative_values=illustrative)

    @staticmethod
    def _movements(risks, previous_pack) -> tuple[RiskMovement, ...]:
        moves: list[RiskMovement] = []
        if previous_pack is not None:
            reference, previous_risks = previous_pack
            before = {r["reference"]: r["current_score"] for r in previous_risks}
            for r in risks:
                was = before.get(r.reference)
                if was != r.current_score:
                    moves.append(RiskMovement(r.reference, r.title, was, r.current_score, f"pack {reference}"))
        else:
            for r in risks:
                if len(r.history) >= 2 and r.movement:
                    prev = r.history[-2]
                    moves.append(RiskMovement(r.reference, r.title, prev.score, r.current_score,
                                              f"assessment of {prev.assessed_on:%d/%m/%Y}"))
        return tuple(moves)

    # ------------------------------------------------------------------ printing

    def preview(self, meeting: MeetingRow | None, session: Session | str, *,
                cover_values: Mapping[str, Any] | None = None, sections: Iterable[str] = SECTIONS) -> bytes:
        """The pack as it would print now, with the reference it would get; nothing is recorded."""
        from ..reports import build_pack  # ReportLab is loaded when a pack is first built
        cover = self._cover(cover_values) if cover_values is not None else self.cover_draft()
        return build_pack(self.build(meeting, session, cover=cover, sections=sections))

    def print_pack(self, meeting: MeetingRow | None, session: Session | str, *,
                   cover_values: Mapping[str, Any] | None = None, sections: Iterable[str] = SECTIONS,
                   write: Callable[[bytes], None] | None = None) -> tuple[str, bytes]:
        """Print a pack: render it, and record it (bytes, SHA-256, snapshot) with the cover sheet
        remembered for the next pack, in one transaction. `write` (the PDF's bytes to the user's
        file) runs inside that transaction, before it commits: a pack whose file could not be
        written is not recorded. Returns (reference, PDF bytes)."""
        from ..reports import build_pack
        cover = self._cover(cover_values) if cover_values is not None else self.cover_draft()
        data = self.build(meeting, session, cover=cover, sections=sections)
        pdf = build_pack(data)
        digest = hashlib.sha256(pdf).hexdigest()
        with self._work("print_pack") as w:
            s = w.session
            if s.scalar(select(Pack.id).where(Pack.reference == data.reference)) is not None:
                raise PbpError(f"A pack {data.reference} was printed meanwhile; print again.")
            s.add(Pack(reference=data.reference, meeting_id=meeting.id if meeting else None, session=data.session,
                       printed_at=_utcnow(), printed_by=self._user, sha256=digest, pdf=pdf,
                       snapshot=data.snapshot()))
            stored = json.dumps({k: _jsonable(v) for k, v in dataclasses.asdict(cover).items()}, sort_keys=True)
            setting = s.scalar(select(RegisterSetting).where(RegisterSetting.key == COVER_KEY))
            if setting is None:
                s.add(RegisterSetting(key=COVER_KEY, value=stored))
            elif setting.value != stored:
                setting.value = stored
            if write is not None:
                write(pdf)
        return data.reference, pdf

    def pdf(self, reference: str) -> bytes:
        """Exactly the bytes printed as `reference`, checked against their recorded SHA-256."""
        with self._read() as s:
            row = s.execute(select(Pack.pdf, Pack.sha256).where(Pack.reference == reference.strip())).first()
        if row is None:
            raise NotFound("pack", reference)
        if hashlib.sha256(row.pdf).hexdigest() != row.sha256:
            raise PbpError(f"The stored pack {reference} does not match its recorded SHA-256; it has been altered.")
        return bytes(row.pdf)


def _utcnow():
    from ..storage.uow import utcnow
    return utcnow()


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v
