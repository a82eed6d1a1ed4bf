"""Services layer: the assurance pack - what it shows (PackData, from the same queries as the
screens), printing it (PDF bytes, SHA-256, snapshot and cover sheet recorded in one
transaction), the list of printed packs, and reprinting exactly the bytes printed then."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ..domain.enums import ActionStatus, LeadCapacity, Purpose, Rag, Session
from ..domain.errors import NotFound, PbpError, ValidationFailed
from ..domain.fields import clean
from ..domain.judgement import JUDGEMENTS, Judgement, judge
from ..domain.periods import PeriodError, parse_date
from ..domain.privacy import PUBLIC_PACK_OF_PRIVATE_MEETING, WITHHELD_REASON
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.rag import TREND_WORSENING, add_months
from ..domain.records import COVER
from ..domain.risk import EXTREME_THRESHOLD
from ..readmodels import ActionRow, AgendaItemRow, MeetingRow, PrintedPack, RiskRow
from ..readmodels.pack import SECTIONS, CoverSheet, PackData, RiskMovement
from ..readmodels.privacy import PrivateRecords
from ..storage.conventions import rag_convention
from ..storage.models import Actual, Outcome, Pack, RegisterSetting
from ..storage.privacy import private_records
from ..storage.queries import actions as action_q
from ..storage.queries import meetings as meeting_q
from ..storage.queries import outcomes as outcome_q
from ..storage.queries import packs as pack_q
from ..storage.queries import people as people_q
from ..storage.queries import programmes as programme_q
from ..storage.queries import risks as risk_q
from ..storage.queries.summary import OutcomeRagSummary
from .base import ServiceBase
from .highlight import for_month, programmes_for
from .printing import render_pack


def _cover_key(meeting_id: int | None, session: Session) -> str:
    return f"pack.cover.{meeting_id if meeting_id is not None else 'none'}.{session.value}"


def _suggested_key(meeting_id: int | None, session: Session) -> str:
    """What the register suggested for the cover kept for this meeting and session, when it was printed."""
    return f"pack.cover.suggested.{meeting_id if meeting_id is not None else 'none'}.{session.value}"


def _last_cover_key(session: Session) -> str:
    return f"pack.cover.last.{session.value}"


def _judgement_key(meeting_id: int | None) -> str:
    return f"pack.judgement.{meeting_id if meeting_id is not None else 'none'}"


def _setting(s, key: str) -> RegisterSetting | None:
    return s.scalar(select(RegisterSetting).where(RegisterSetting.key == key))


class PackService(ServiceBase):
    # ------------------------------------------------------------------ the cover sheet

    author_name: str = ""  # the user's name from the app's settings (never the login): the cover's author

    def cover_draft(self, meeting: MeetingRow | None = None, session: Session | str = Session.PUBLIC) -> CoverSheet:
        """The cover sheet a pack starts from: the one saved for this meeting and session, else
        the last one saved for a pack of the same session (with what belongs to this meeting -
        agenda item, paper number, the risks named - suggested again), else a default with every
        suggestion the register can make. A cover never starts from the other session's. The
        overall judgement is the meeting's, whichever session's cover set it: the board has one
        judgement. The author is the user's name (author_name), never the computer's login."""
        session = Session(session)
        meeting_id = meeting.id if meeting else None
        with self._read() as s:
            cover, own = None, False
            for n, key in enumerate((_cover_key(meeting_id, session), _last_cover_key(session))):
                setting = _setting(s, key)
                if setting is not None:
                    cleaned, errors = clean(COVER, json.loads(setting.value))
                    if not errors:
                        cover = CoverSheet(**{k: v for k, v in cleaned.items() if v is not None})
                        own = n == 0
                        break
            judged = _setting(s, _judgement_key(meeting_id))
            suggested = self._suggestions(s, meeting, session)
            was = _setting(s, _suggested_key(meeting_id, session)) if own else None
        if cover is None:
            cover = CoverSheet(
                title=f"Assurance report: {suggested.pop('partnership')}",
                discussion_points="The indicators rated red and the risks scoring 15 or more.",
                recommendations="NOTE the assurance report\nDISCUSS the exceptions and the actions to address them",
                previous_consideration="Reported to each meeting of the board.",
                executive_summary=("This report gives the board assurance on the partnership's priority outcomes, "
                                   "its risks (the Board Assurance Framework first) and its actions, as at the date "
                                   "above. The summary that follows gives the overall judgement and the exceptions."),
                **suggested)
        elif own and was is not None:
            # this meeting's cover, kept: a line the register suggested and nobody changed follows
            # the register (a risk added or made confidential since); what the author wrote stays
            before = json.loads(was.value)
            fresh = {k: suggested[k] for k in _FOR_THE_MEETING
                     if k in before and getattr(cover, k) == before[k] and suggested[k] != before[k]}
            if fresh:
                cover = dataclasses.replace(cover, **fresh)
        elif not own:  # another meeting's cover: what belongs to this meeting is suggested afresh
            cover = dataclasses.replace(cover, **{k: suggested[k] for k in _FOR_THE_MEETING},
                                        sponsor=cover.sponsor or suggested["sponsor"])
        if self.author_name and cover.author in ("", self._user):  # a login is never the author
            cover = dataclasses.replace(cover, author=self.author_name)
        elif cover.author == self._user:
            cover = dataclasses.replace(cover, author="")
        return dataclasses.replace(cover, judgement=json.loads(judged.value) if judged is not None else "")

    def _suggestions(self, s, meeting: MeetingRow | None, session: Session) -> dict[str, Any]:
        """What the register suggests for a cover: the agenda item and paper number from the
        meeting's agenda, the sponsor from the outcomes' sponsors, the risks that the paper
        affects (scoring 15 or more) and the BAF risks, named, and the outcomes it covers. A
        public cover names nothing private."""
        today = self._clock()
        public = session is Session.PUBLIC
        records = private_records(s) if public else None

        def hidden(row) -> bool:
            return records is not None and records.row_private(row)
        partnership = people_q.partnership(s)
        risks = sorted((r for r in risk_q.risks(s, today, with_history=False) if r.status.value == "open"
                        and not hidden(r)), key=lambda r: (-r.current_score, r.reference))
        extreme = [r for r in risks if r.current_score >= EXTREME_THRESHOLD]
        baf = [r for r in risks if r.baf]
        baf_extreme = [r for r in baf if r.current_score >= EXTREME_THRESHOLD]
        if baf_extreme:
            baf_line = _named(baf_extreme)
        elif baf:
            baf_line = f"Reports on the {len(baf)} BAF risk{'s' if len(baf) != 1 else ''}; none scores 15 or more."
        else:
            baf_line = ""
        leads = outcome_q.outcome_leads(s)
        refs = s.execute(select(Outcome.id, Outcome.reference).where(Outcome.archived.is_(False))
                         .order_by(Outcome.sort_order, Outcome.reference)).all()
        sponsors = [(ref, lead.name) for oid, ref in refs for lead in leads.get(oid, [])
                    if lead.capacity is LeadCapacity.SPONSOR]
        item = None
        if meeting is not None:
            detail = meeting_q.meeting(s, meeting.id)
            items = [i for i in (detail.items if detail else ()) if not hidden(i)]
            item = next((i for i in items if _PACK_ITEM.search(i.title)), None)
        return {
            "partnership": partnership.name if partnership else "the partnership",
            "agenda_item": (item.minute_ref or item.number) if item else "",
            "paper_number": (item.paper_ref or "") if item else "",
            "purpose": (item.purpose if item and item.purpose else Purpose.ASSURANCE),
            "sponsor": _sponsors(sponsors),
            "risk_register": _named(extreme),
            "baf": baf_line,
            "baf_risks": _named(baf, limit=12),
            "objectives": ", ".join(ref for _id, ref in refs),
        }

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

    def as_at_date(self, as_at: date | str | None) -> date:
        """The date a pack is judged at: given (a date, or typed as 31/03/2025), else today."""
        if as_at is None or (isinstance(as_at, str) and not as_at.strip()):
            return self._clock()
        if isinstance(as_at, date):
            return as_at
        try:
            return parse_date(as_at)
        except (PeriodError, ValueError):
            from ..domain.errors import ValidationError
            why = f"'{as_at.strip()}' is not a date; type a day such as 31/03/2025"
            raise ValidationFailed([ValidationError("as_at", "invalid", f"As at: {why}")], "pack") from None

    def next_reference(self, printed_on: date | None = None) -> str:
        day = printed_on or self._clock()
        prefix = f"PACK-{day:%Y%m%d}-"
        with self._read() as s:
            n = s.scalar(select(func.count()).select_from(Pack).where(Pack.reference.like(prefix + "%"))) or 0
        return f"{prefix}{n + 1:02d}"

    def build(self, meeting: MeetingRow | None, session: Session | str, *, cover: CoverSheet | None = None,
              sections: Iterable[str] = SECTIONS, reference: str | None = None, draft: bool = False,
              records: PrivateRecords | None = None, progress: Progress = NO_PROGRESS,
              as_at: date | str | None = None) -> PackData:
        """What the pack shows, as at a date (default today): the latest figures, overdue actions,
        reviews due and every window are judged at it. A public pack leaves out every record the
        privacy rule makes private (services/privacy.py); its judgement is the one judgement made
        from everything."""
        session = Session(session) if not isinstance(session, Session) else session
        chosen = tuple(k for k in SECTIONS if k in set(sections))
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise PbpError(f"Unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        if not chosen:
            raise PbpError("Choose at least one section for the pack.")
        public = session is Session.PUBLIC
        if public and meeting is not None and meeting.session is Session.PRIVATE:
            raise PbpError(PUBLIC_PACK_OF_PRIVATE_MEETING)
        today = self.as_at_date(as_at)
        with self._read() as s:  # a large register's reads take seconds: each step may be cancelled
            if records is None:
                records = private_records(s)
            partnership = people_q.partnership(s)
            progress(0, 4, "Reading the outcomes and indicators")
            tree = outcome_q.outcome_tree(s)
            convention = rag_convention(s.connection())
            progress(1, 4, "Reading the risks")
            all_risks = [r for r in risk_q.risks(s, today) if r.status.value == "open"]
            progress(2, 4, "Reading the actions")
            all_actions = action_q.actions(s, today)
            progress(3, 4, "Reading the meetings")
            meetings = meeting_q.meetings(s)
            detail = meeting_q.meeting(s, meeting.id) if meeting else None
            partners = people_q.partners(s)
            illustrative = s.scalar(select(func.count()).select_from(Actual).where(Actual.illustrative.is_(True))) or 0
            programme_month = (meeting.meets_on if meeting else today).replace(day=1)
            programme_rows = (for_month(programme_q.programmes(s, today), programme_month)
                              if "programmes" in chosen else [])
            previous_pack = pack_q.previous_final_pack(s, session, meeting,
                                                       records.ids.get("pack", frozenset()) if public else ())
        withheld: dict[str, int] = {}
        hidden = records.row_private if public else (lambda _row: False)

        # every open risk, the Board Assurance Framework's first, each part in score order
        risks = sorted((r for r in all_risks if not hidden(r)), key=lambda r: (not r.baf, -r.current_score, r.reference))
        withheld["risks"] = len(all_risks) - len(risks)
        actions = [a for a in all_actions if not hidden(a)]
        withheld["actions"] = len(all_actions) - len(actions)
        if public:  # a published action keeps its words; where it came from, and its private updates, stay private
            actions = [self._public_action(a, records) for a in actions]

        outcomes = tuple(OutcomeRagSummary.of(o) for o in tree)
        scorecard = tuple(i for o in outcomes for i in o.indicators)
        red = sum(o.counts[Rag.RED] for o in outcomes)
        rated = sum(n for o in outcomes for r, n in o.counts.items() if r is not Rag.GREY)
        extreme = tuple(sorted((r for r in risks if r.current_score >= EXTREME_THRESHOLD),
                               key=lambda r: (-r.current_score, r.reference)))
        overdue = [a for a in actions if a.overdue]
        cover = cover or self.cover_draft(meeting, session)
        judgement, reason = self._judgement(
            judge(red, rated, max((r.current_score for r in all_risks), default=0), sum(a.overdue for a in all_actions)),
            judge(red, rated, max((r.current_score for r in risks), default=0), len(overdue)),
            cover.judgement, public)

        exceptions = self._exceptions(scorecard, today)

        movements, movements_since = self._movements(risks, previous_pack)
        open_actions = tuple(a for a in actions if a.status not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED))
        previous_meeting = None
        if meeting is not None:
            earlier = [m for m in meetings if m.body_id == meeting.body_id and m.meets_on < meeting.meets_on]
            previous_meeting = max(earlier, key=lambda m: m.meets_on) if earlier else None
        # counted from the meeting the pack is for (its last meeting, else three months before it);
        # only a pack for no meeting counts back from the day it is printed
        completed_since = (previous_meeting.meets_on if previous_meeting
                           else add_months(meeting.meets_on if meeting else today, -3))
        completed_label = ""
        if previous_meeting is not None:  # a private meeting's date is not published
            completed_label = ("the last meeting" if public and records.row_private(previous_meeting)
                               else f"the last meeting ({previous_meeting.meets_on:%d/%m/%Y})")
        completed_until = min(today, meeting.meets_on) if meeting else today  # as the agenda counts them
        completed = tuple(sorted((a for a in actions if a.status is ActionStatus.COMPLETE and a.completed_on
                                  and completed_since <= a.completed_on <= completed_until),
                                 key=lambda a: (a.completed_on, a.reference)))
        agenda: tuple[AgendaItemRow, ...] = ()
        attendance: tuple = ()
        attendance_label = "No meeting chosen for this pack."
        if detail is not None:
            agenda = tuple(self._public_item(i, records) if public else i
                           for i in detail.items if not hidden(i))
            withheld["agenda items"] = len(detail.items) - len(agenda)
            attendance = tuple(a for a in detail.attendance if not hidden(a))
            attendance_label = f"{detail.meeting.body_name}, {detail.meeting.meets_on:%d/%m/%Y}"
            if not attendance and previous_meeting is not None and not hidden(previous_meeting):
                with self._read() as s:
                    prev = meeting_q.meeting(s, previous_meeting.id)
                attendance = tuple(a for a in prev.attendance if not hidden(a)) if prev else ()
                attendance_label = (f"No attendance is recorded yet for this meeting; attendance at the previous "
                                    f"meeting, {previous_meeting.body_name}, {previous_meeting.meets_on:%d/%m/%Y}:")
            elif not attendance:
                attendance_label += ": no attendance recorded yet."
        programmes, withheld["programmes"], programme_marks = programmes_for(programme_rows, records, public)
        confidential: dict[str, frozenset[int]] = dict(programme_marks)
        if not public:  # the private pack marks each row the one rule makes private CONFIDENTIAL
            shown = {"risk": [r.id for r in risks], "action": [a.id for a in actions],
                     "agenda_item": [i.id for i in agenda], "attendance": [a.id for a in attendance]}
            for table, ids in shown.items():
                private = records.ids.get(table, frozenset()).intersection(ids)
                if private:
                    confidential[table] = frozenset(private)
        return PackData(
            outcome_labels={o.id: f"{o.reference} {o.title}" for o in tree},
            objective_labels={j.id: f"{j.reference} {j.title}" for o in tree for j in o.objectives},
            confidential=confidential,
            reference=reference or self.next_reference(), session=session, printed_on=today,
            partnership=partnership, meeting=meeting, cover=cover, sections=chosen, outcomes=outcomes,
            judgement=judgement, judgement_reason=reason, exceptions=tuple(exceptions), scorecard=scorecard,
            risks=tuple(risks), extreme_risks=extreme, movements=movements, movements_since=movements_since,
            open_actions=open_actions,
            completed_actions=completed, completed_since=completed_since, completed_label=completed_label,
            partners=tuple(partners),
            agenda=agenda, attendance=attendance, attendance_label=attendance_label,
            withheld={k: v for k, v in withheld.items() if v} if public else {},
            illustrative_values=illustrative, draft=draft, rag_convention=convention,
            programmes=programmes,
            # the highlight reports for the board's meeting are that month's (today's when no meeting)
            programme_month=programme_month if programmes else None)

    @staticmethod
    def _exceptions(scorecard: Iterable[Any], as_at: date) -> list[str]:
        """Red indicators (where they stand against the plan), a red hidden by the convention
        (provisional amber, red on the figure), deteriorations as Making Data Count reads them
        (special cause concern, never the last two points), and figures out of date."""
        out: list[str] = []
        rows = list(scorecard)
        for i in rows:
            latest = i.latest
            if latest is None or latest.actual is None:
                continue
            where = f"{i.fmt(latest.actual)} in {latest.period}"
            if i.rag is Rag.RED:
                out.append(f"{i.label}: {where} against a plan of {i.fmt(latest.planned)} (red)"
                           if latest.planned is not None else f"{i.label}: {where} is red with no plan to judge against")
            elif latest.figure_rag is Rag.RED:
                out.append(f"{i.label}: {where} against a plan of {i.fmt(latest.planned)}: "
                           f"{i.rag.label.lower()} as provisional, red on the figure")
        out += [f"{i.label}: worsening (special cause variation); {i.fmt(i.latest.actual)} in {i.latest.period}, "
                f"{i.rag_word.lower()}" for i in rows if i.trend == TREND_WORSENING and i.latest]
        stale = [i for i in rows if i.out_of_date(as_at)]
        if stale:
            names = ", ".join(f"{i.code or i.name} ({i.latest.period})" for i in stale)
            out.append(f"{len(stale)} indicator{'s' if len(stale) != 1 else ''} out of date (the latest figure older "
                       f"than its expected reporting lag): {names}")
        return out

    @staticmethod
    def _public_action(a: ActionRow, records: PrivateRecords) -> ActionRow:
        changes: dict[str, Any] = {}
        if records.private("meeting", a.meeting_id):
            changes.update(meeting_id=None, meeting_label="a private meeting")
        if a.agenda_item_confidential or records.private("agenda_item", a.agenda_item_id):
            changes.update(agenda_item_id=None, agenda_item_label="a private item")
        updates = tuple(u for u in a.updates if not records.row_private(u))
        if updates != a.updates:
            changes["updates"] = updates
        return dataclasses.replace(a, **changes) if changes else a

    @staticmethod
    def _public_item(item: AgendaItemRow, records: PrivateRecords) -> AgendaItemRow:
        changes: dict[str, Any] = {}
        if item.minute_id is not None and records.private("minute", item.minute_id):
            changes.update(minute_id=None, minute_version=None, minutes=None, minutes_confidential=False)
        resolutions = tuple(r for r in item.resolutions if not records.row_private(r))
        if resolutions != item.resolutions:
            changes["resolutions"] = resolutions
        amendments = tuple(a for a in item.amendments if not records.row_private(a))
        if amendments != item.amendments:
            changes["amendments"] = amendments
        actions = tuple(i for i in item.action_ids if not records.private("action", i))
        if actions != item.action_ids:
            changes["action_ids"] = actions
        return dataclasses.replace(item, **changes) if changes else item

    @staticmethod
    def _judgement(full: Judgement, shown: Judgement, author: str, public: bool) -> tuple[str, str]:
        """One judgement for the meeting, made from everything the register holds (or the
        author's, recorded for the meeting). A public pack gives the same judgement; where the
        public facts do not bear it out, the reason says it rests on the private session's business."""
        reason = full.reason
        if public and shown.level != full.level:
            reason = f"{shown.reason}; {WITHHELD_REASON}"
        elif public:
            reason = shown.reason
        if author and author != full.level:
            return author, f"Judgement of the report's author; the rule gives {full.level} ({reason})."
        return full.level, reason

    @staticmethod
    def _movements(risks, previous_pack) -> tuple[tuple[RiskMovement, ...], str]:
        """Movements since the last final pack of the same session for an earlier meeting of the
        same body (named in the heading); without one, since each risk's previous assessment."""
        moves: list[RiskMovement] = []
        if previous_pack is not None:
            before = {r["reference"]: r["current_score"] for r in previous_pack.risks}
            for r in risks:
                was = before.get(r.reference)
                if was != r.current_score:
                    moves.append(RiskMovement(r.reference, r.title, was, r.current_score, f"pack {previous_pack.reference}"))
            return tuple(moves), (f"the last pack, {previous_pack.reference} (printed {previous_pack.printed_on:%d/%m/%Y} "
                                  f"for {previous_pack.meeting_label})")
        for r in risks:
            if len(r.history) >= 2 and r.movement:
                prev = r.history[-2]
                moves.append(RiskMovement(r.reference, r.title, prev.score, r.current_score,
                                          f"assessment of {prev.assessed_on:%d/%m/%Y}"))
        return tuple(moves), "each risk's previous assessment (no earlier final pack of this session for this body)"

    # ------------------------------------------------------------------ printing

    def preview(self, meeting: MeetingRow | None, session: Session | str, *,
                cover_values: Mapping[str, Any] | None = None, sections: Iterable[str] = SECTIONS,
                draft: bool = False, progress: Progress = NO_PROGRESS, as_at: date | str | None = None) -> bytes:
        """The pack as it would print now, with the reference it would get; nothing is recorded."""
        cover = self._cover(cover_values) if cover_values is not None else self.cover_draft(meeting, session)
        data = self._checked(meeting, session, cover, sections, draft, progress.part(0.0, 0.15), as_at)
        return render_pack(data, progress=progress.part(0.15, 1.0))

    def _checked(self, meeting: MeetingRow | None, session: Session | str, cover: CoverSheet,
                 sections: Iterable[str], draft: bool, progress: Progress = NO_PROGRESS,
                 as_at: date | str | None = None) -> PackData:
        """The pack's data; a public pack is searched for anything private before it is drawn."""
        from .privacy import PrivacyService
        guard = PrivacyService(self._engine, self._user, self._clock)
        progress(0, 10, "Reading the register")
        records = guard.records()
        data = self.build(meeting, session, cover=cover, sections=sections, draft=draft, records=records,
                          progress=progress.part(0.2, 0.9), as_at=as_at)
        if data.session is Session.PUBLIC:
            progress(9, 10, "Checking the public pack for anything private")
            guard.guard(data, records)
        progress(10, 10, "Drawing the pack")
        return data

    def print_pack(self, meeting: MeetingRow | None, session: Session | str, *,
                   cover_values: Mapping[str, Any] | None = None, sections: Iterable[str] = SECTIONS,
                   write: Callable[[bytes], None] | None = None, draft: bool = False,
                   progress: Progress = NO_PROGRESS, as_at: date | str | None = None) -> PrintedPack:
        """Print a pack: render it, and record it (bytes, SHA-256, snapshot) with the cover sheet
        remembered for the next pack of this meeting and session, in one transaction. `write`
        (the PDF's bytes to the user's file) runs inside that transaction, before it commits: a
        pack whose file could not be written is not recorded. A draft is marked DRAFT on every
        page and nothing later compares with it. Returns the Changes made, with the pack's
        reference and PDF bytes (PrintedPack).

        `progress` hears how far the drawing has gone and may cancel it (Cancelled), up to the
        moment the file is written: a cancelled pack is neither written nor recorded."""
        session = Session(session)
        cover = self._cover(cover_values) if cover_values is not None else self.cover_draft(meeting, session)
        data = self._checked(meeting, session, cover, sections, draft, progress.part(0.0, 0.15), as_at)
        pdf = render_pack(data, progress=progress.part(0.15, 0.97))
        digest = hashlib.sha256(pdf).hexdigest()
        meeting_id = meeting.id if meeting else None
        progress(97, 100, "Recording the pack in the register")
        with self._work("print_pack") as w:
            s = w.session
            if s.scalar(select(Pack.id).where(Pack.reference == data.reference)) is not None:
                raise PbpError(f"A pack {data.reference} was printed meanwhile; print again.")
            s.add(Pack(reference=data.reference, meeting_id=meeting_id, session=data.session,
                       printed_at=_utcnow(), printed_by=self._user, sha256=digest, pdf=pdf,
                       snapshot=data.snapshot(), draft=draft))
            kept = {k: _jsonable(v) for k, v in dataclasses.asdict(cover).items() if k != "judgement"}
            stored = json.dumps(kept, sort_keys=True)
            for key in (_cover_key(meeting_id, session), _last_cover_key(session)):
                _put_setting(s, key, stored)
            _put_setting(s, _judgement_key(meeting_id), json.dumps(cover.judgement) if cover.judgement else None)
            now = self._suggestions(s, meeting, session)
            _put_setting(s, _suggested_key(meeting_id, session),
                         json.dumps({k: _jsonable(now[k]) for k in _FOR_THE_MEETING}, sort_keys=True))
            progress(97, 100, "Writing the pack")  # the last moment to cancel: nothing written yet
            if write is not None:
                write(pdf)
        changes = w.changes()
        return PrintedPack(changes.batch, changes.created, changes.updated, changes.deleted,
                           reference=data.reference, pdf=pdf)

    def pdf(self, reference: str) -> bytes:
        """Exactly the bytes printed as `reference`, checked against their recorded SHA-256."""
        with self._read() as s:
            row = s.execute(select(Pack.pdf, Pack.sha256).where(Pack.reference == reference.strip())).first()
        if row is None:
            raise NotFound("pack", reference)
        if hashlib.sha256(row.pdf).hexdigest() != row.sha256:
            raise PbpError(f"The stored pack {reference} does not match its recorded SHA-256; it has been altered.")
        return bytes(row.pdf)


# the parts of a cover that belong to its meeting and the register as it is now: a cover carried
# over from another meeting's pack has them suggested again
_FOR_THE_MEETING = ("agenda_item", "paper_number", "risk_register", "baf", "baf_risks")
# the agenda item a pack is the paper for: its title speaks of assurance, performance or the pack
_PACK_ITEM = re.compile(r"\b(assurance|performance|scorecard|dashboard|pack)\b", re.IGNORECASE)


def _named(risks: list[RiskRow], limit: int = 6) -> str:
    """Risks as a cover names them: "PBP4 QIPP gap (20); PBP2 Fragile care market (16)"."""
    named = "; ".join(f"{r.reference} {r.title} ({r.current_score})" for r in risks[:limit])
    more = len(risks) - limit
    return named + (f"; and {more} more" if more > 0 else "")


def _sponsors(outcomes: list) -> str:
    """The outcomes' sponsors, the one sponsoring most first: "Lisa McNally (PO1, PO3); ..."."""
    by: dict[str, list[str]] = {}
    for reference, name in outcomes:
        if name:
            by.setdefault(name, []).append(reference)
    ranked = sorted(by.items(), key=lambda kv: -len(kv[1]))
    if len(ranked) == 1:
        return ranked[0][0]
    text = "; ".join(f"{name} ({', '.join(refs)})" for name, refs in ranked[:4])
    return text + (f"; and {len(ranked) - 4} other sponsors" if len(ranked) > 4 else "")


def _put_setting(s, key: str, value: str | None) -> None:
    setting = _setting(s, key)
    if value is None:
        if setting is not None:
            s.delete(setting)
    elif setting is None:
        s.add(RegisterSetting(key=key, value=value))
    elif setting.value != value:
        setting.value = value


def _utcnow():
    from ..storage.uow import utcnow
    return utcnow()


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v
