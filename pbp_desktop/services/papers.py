"""Services layer: the meeting papers - the agenda, the minutes, the action log and the register
of interests - built from the register for a session (readmodels/papers.py), and printed: drawn
(PDF or DOCX, through services/printing.py) and recorded in the pack table exactly as a pack is
(reference, SHA-256, bytes, who, when, what it printed). A public paper leaves out what the one
privacy rule makes private (services/privacy.py, as the public pack does) and is searched for
anything private, or public text quoting it, before it is drawn."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from ..domain.enums import (
    ActionStatus,
    AttendanceRole,
    FileFormat,
    ItemKind,
    MinutesStatus,
    Paper,
    Session,
    Standing,
)
from ..domain.errors import NotFound, PbpError
from ..domain.meetings import PUBLIC_NOTE, declaration_sentence, long_date
from ..domain.papers import (
    BANDS,
    CLOSED_BAND,
    ageing_band,
    agenda_date,
    blocks,
    grouped_names,
    minutes_date,
    resolution_lines,
    surname_key,
    when_and_where,
)
from ..domain.periods import uk_date
from ..readmodels import (
    ActionFilter,
    ActionRow,
    AgendaItemRow,
    MeetingDetail,
    MeetingRow,
    PrintedPack,
)
from ..readmodels.papers import (
    ActionLine,
    ActionLogFilter,
    ActionLogPaper,
    AgendaEntry,
    AgendaPaper,
    AnyPaper,
    InterestsPaper,
    MinuteEntry,
    MinutesPaper,
    OwnerActions,
    PersonInterests,
    paper_kind,
    snapshot,
)
from ..readmodels.privacy import PrivateRecords
from ..storage.models import Pack
from ..storage.queries import actions as action_q
from ..storage.queries import meetings as meeting_q
from ..storage.queries import people as people_q
from .base import ServiceBase
from .packs import PackService
from .printing import render_paper_docx, render_paper_pdf
from .privacy import PrivacyService

PUBLIC_PAPER_OF_PRIVATE_MEETING = ("A public {paper} cannot be printed for a private meeting: everything about it is "
                                   "private. Print the private {paper}, or choose a public meeting.")
DRAFT_MINUTES = "DRAFT - subject to approval at the next meeting"
PREFIX = {Paper.AGENDA: "AGENDA", Paper.MINUTES: "MINUTES", Paper.ACTION_LOG: "ACTIONS", Paper.INTERESTS: "INTERESTS"}
EXEMPT = "exempt information"
CONFIDENTIAL_INTERESTS = ("Interests held in confidence (for example where publishing them would put someone at "
                          "risk) are not published in this version of the register.")


class PaperService(ServiceBase):
    # ------------------------------------------------------------------ shared

    def _records(self) -> PrivateRecords:
        return PrivacyService(self._engine, self._user, self._clock).records()

    def _partnership(self) -> str:
        with self._read() as s:
            p = people_q.partnership(s)
        return p.name if p else "Partnership"

    def resolve_meeting(self, which: str | int) -> MeetingRow:
        """A meeting by id, or 'next' / 'latest' (as the pack resolves them)."""
        found = PackService(self._engine, self._user, self._clock).resolve_meeting(which)
        if found is None:
            raise PbpError("Name a meeting: its id, 'next' or 'latest'.")
        return found

    def _detail(self, meeting_id: int) -> MeetingDetail:
        with self._read() as s:
            detail = meeting_q.meeting(s, meeting_id)
        if detail is None:
            raise NotFound("meeting", meeting_id)
        return detail

    @staticmethod
    def _session(session: Session | str, meeting: MeetingRow | None, paper: str) -> Session:
        session = Session(session)
        if session is Session.PUBLIC and meeting is not None and meeting.session is Session.PRIVATE:
            raise PbpError(PUBLIC_PAPER_OF_PRIVATE_MEETING.format(paper=paper))
        return session

    def next_reference(self, paper: Paper, day: date, session: Session) -> str:
        """'AGENDA-20191007-PUB-1': the paper, the meeting's date (the day printed, for the action
        log and the register of interests), the session, and a number counting the prints."""
        prefix = f"{PREFIX[paper]}-{day:%Y%m%d}-{'PUB' if session is Session.PUBLIC else 'PRIV'}-"
        with self._read() as s:
            n = s.scalar(select(func.count()).select_from(Pack).where(Pack.reference.like(prefix + "%"))) or 0
        return f"{prefix}{n + 1}"

    # ------------------------------------------------------------------ the agenda

    def agenda(self, meeting_id: int, session: Session | str, *, records: PrivateRecords | None = None,
               reference: str | None = None) -> AgendaPaper:
        """The agenda in the council and NHS form. A public agenda still prints the Part 2 heading
        and the resolution to exclude the public (the public must know they will be asked to
        leave), but each private item only as "Item N: exempt information", N its place in the
        agenda (the item's own number is one of its private words)."""
        detail = self._detail(meeting_id)
        meeting = detail.meeting
        session = self._session(session, meeting, "agenda")
        public = session is Session.PUBLIC
        records = records if records is not None else self._records()
        today = self._clock()
        with self._read() as s:
            body = next((b for b in people_q.bodies(s, include_archived=True) if b.id == meeting.body_id), None)
            members = people_q.memberships(s, body_id=meeting.body_id)
            body_meetings = meeting_q.meetings(s, body_id=meeting.body_id)
            # overdue as at the meeting (or today, for a meeting still to come)
            as_at = min(today, meeting.meets_on)
            body_actions = action_q.actions(s, as_at, ActionFilter(body_id=meeting.body_id))
        previous = detail.previous.meeting if detail.previous else None
        if public and previous is not None and records.row_private(previous):
            previous = None

        part1: list[AgendaEntry] = []
        part2: list[AgendaEntry] = []
        next_meeting = None
        ordered = [i for i in detail.items if not i.confidential] + [i for i in detail.items if i.confidential]
        for place, item in enumerate(ordered, start=1):  # numbered as the meeting service numbers them
            hidden = records.row_private(item)
            if item.kind is ItemKind.NEXT_MEETING and not hidden:  # printed "Date of next meeting: ..."
                next_meeting = (item.description or "").strip() or None
            if hidden or item.confidential:
                if public:
                    part2.append(AgendaEntry(str(place), None))
                else:
                    part2.append(AgendaEntry(item.number, _as_on_agenda(item)))
                continue
            item = _as_on_agenda(item)
            part1.append(AgendaEntry(item.number, item,
                                     previous if item.kind is ItemKind.PREVIOUS_MINUTES else None))

        # the actions carried forward: the body's, raised at its meetings before this one
        earlier = {m.id for m in body_meetings if (m.meets_on, m.id) < (meeting.meets_on, meeting.id)}
        since = previous.meets_on if previous else None
        carried: list[ActionRow] = []
        completed: list[ActionRow] = []
        withheld = 0
        for a in body_actions:
            if a.meeting_id not in earlier:
                continue
            is_open = a.status not in (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
            done = a.status is ActionStatus.COMPLETE and since is not None and a.completed_on is not None \
                and since <= a.completed_on <= as_at
            if not (is_open or done):
                continue
            if public and records.row_private(a):
                withheld += 1
                continue
            a = PackService._public_action(a, records) if public else a
            (carried if is_open else completed).append(a)
        carried.sort(key=lambda a: (not a.overdue, a.due_on, a.reference))
        completed.sort(key=lambda a: (a.completed_on or a.due_on, a.reference))

        current = [m for m in members if m.current_on(meeting.meets_on) and m.standing.is_member]
        order = {Standing.CHAIR: 0, Standing.VICE_CHAIR: 1}
        current.sort(key=lambda m: (order.get(m.standing, 2), surname_key(m.person_name)))
        dist: list[str] = []
        for m in current:
            if m.standing is Standing.CHAIR:
                dist.append(f"{m.person_name} (Chair)")
            elif m.standing is Standing.VICE_CHAIR:
                dist.append(f"{m.person_name} (Vice-Chair)")
        rest = [m.person_name for m in current if m.standing not in order]
        if rest:
            dist.append(grouped_names(rest))
        exclusion = (meeting.exclusion or "").strip() or None if part2 else None
        return AgendaPaper(
            reference=reference or self.next_reference(Paper.AGENDA, meeting.meets_on, session), session=session,
            printed_on=today, partnership=self._partnership(), meeting=meeting, body=body,
            when=when_and_where(agenda_date(meeting.meets_on), meeting.start_time, meeting.location),
            public_note=PUBLIC_NOTE if meeting.session is Session.PUBLIC else "",
            items=tuple(part1), part2=tuple(part2), exclusion=exclusion,
            carried_forward=tuple(carried), completed_since=tuple(completed),
            completed_label=f"since the last meeting ({uk_date(since)})" if since else "",
            next_meeting=next_meeting, distribution=tuple(current),
            distribution_text="; ".join(dist) + ("." if dist else ""),
            contact_officer=body.contact_officer if body else None, signatory=body.signatory if body else None,
            withheld_actions=withheld if public else 0)

    # ------------------------------------------------------------------ the minutes

    def minutes(self, meeting_id: int, session: Session | str, *, records: PrivateRecords | None = None,
                reference: str | None = None) -> MinutesPaper:
        """The minutes in the form of the council's: present, in attendance, apologies, then each
        item under its minute number (the declarations minuted from the declarations recorded),
        its text, its resolutions, the amendments made after approval; the time the meeting
        ended. A draft until approved at the next meeting."""
        detail = self._detail(meeting_id)
        meeting = detail.meeting
        session = self._session(session, meeting, "set of minutes")
        public = session is Session.PUBLIC
        records = records if records is not None else self._records()
        hidden = records.row_private if public else (lambda _row: False)
        with self._read() as s:
            body = next((b for b in people_q.bodies(s, include_archived=True) if b.id == meeting.body_id), None)
            body_meetings = meeting_q.meetings(s, body_id=meeting.body_id)

        attendance = [a for a in detail.attendance if not hidden(a)]
        present = [a for a in attendance if a.attendance is AttendanceRole.PRESENT]
        chair = next((a for a in present if meeting.chair_id is not None and a.person_id == meeting.chair_id), None) \
            or next((a for a in present if meeting.chair_name and a.name == meeting.chair_name), None)
        others = sorted((a for a in present if a is not chair), key=lambda a: surname_key(a.name))
        parts = [f"{chair.name} (Chair)"] if chair else []
        if others:
            parts.append(grouped_names([a.name for a in others]))
        in_attendance = [a for a in attendance if a.attendance is AttendanceRole.IN_ATTENDANCE]
        apologies = sorted((a for a in attendance if a.attendance is AttendanceRole.APOLOGIES),
                           key=lambda a: surname_key(a.name))

        items = [i for i in detail.items if not i.confidential] + [i for i in detail.items if i.confidential]
        items = [i for i in items if not hidden(i)]
        items = [PackService._public_item(i, records) for i in items] if public else items
        titles = {i.id: i.title for i in items}
        declarations = tuple(d for d in detail.declarations if not hidden(d)
                             and (d.agenda_item_id is None or d.agenda_item_id in titles))
        entries = []
        sentence = lambda d: declaration_sentence(d.name, d.interest, titles.get(d.agenda_item_id or -1),  # noqa: E731
                                                  d.detail, d.action_taken)
        for item in items:
            decl: tuple = ()
            lines: tuple[str, ...] = ()
            if item.kind is ItemKind.DECLARATIONS:
                decl = declarations
                lines = tuple(sentence(d) for d in decl) or ("No declarations of interest were made.",)
            if item.kind is ItemKind.NEXT_MEETING and not item.minutes and not item.resolutions \
                    and item.description:
                entries.append(MinuteEntry(item.minute_ref or item.number, item,
                                           blocks=tuple(blocks(f"The next meeting: {item.description}")),
                                           part2=item.confidential))
                continue
            # the minutes print when and why they were amended; what they said before is the record's,
            # not the paper's (the paper holds only what it prints)
            amendments = tuple(dataclasses.replace(a, old_text=None, new_text=None)
                               for a in item.amendments if not hidden(a))
            entries.append(MinuteEntry(
                item.minute_ref or item.number, item, decl, lines, tuple(blocks(item.minutes)),
                tuple(resolution_lines([r.text for r in item.resolutions])), amendments,
                part2=item.confidential))

        if meeting.minutes_status is MinutesStatus.APPROVED:
            approved_on = meeting.minutes_approved_on
            approver_private = approved_on is not None and any(
                m.meets_on == approved_on and records.row_private(m) for m in body_meetings)
            if approved_on is None or (public and approver_private):
                approved = "Approved as a correct record"
            else:
                approved = f"Approved at the meeting of {long_date(approved_on)}"
        else:
            approved = DRAFT_MINUTES
        part2 = any(e.part2 for e in entries)
        unminuted = () if any(i.kind is ItemKind.DECLARATIONS for i in items) else declarations
        return MinutesPaper(
            reference=reference or self.next_reference(Paper.MINUTES, meeting.meets_on, session),
            session=session, printed_on=self._clock(), partnership=self._partnership(), meeting=meeting,
            heading=f"Minutes of the {meeting.body_name}",
            when=when_and_where(minutes_date(meeting.meets_on), meeting.start_time, meeting.location, joiner="at"),
            present_text="; ".join(parts) + ("." if parts else ""),
            in_attendance_text="; ".join(f"{a.name}, {a.capacity}" if a.capacity else a.name
                                         for a in in_attendance) + ("." if in_attendance else ""),
            apologies_text=grouped_names([a.name for a in apologies]) + ("." if apologies else ""),
            present=tuple([chair] if chair else []) + tuple(others), in_attendance=tuple(in_attendance),
            apologies=tuple(apologies), entries=tuple(entries),
            exclusion=((meeting.exclusion or "").strip() or None) if part2 else None,
            ended=f"(Meeting ended at {ended})" if (ended := (meeting.ended_at or "").strip()) else "",
            contact_officer=body.contact_officer if body else None, status=meeting.minutes_status,
            approved_text=approved, declarations=unminuted,
            declaration_lines=tuple(sentence(d) for d in unminuted))

    # ------------------------------------------------------------------ the action log

    def action_log(self, session: Session | str, *, body_id: int | None = None, owner_id: int | None = None,
                   overdue_only: bool = False, due_within_days: int | None = None,
                   records: PrivateRecords | None = None, reference: str | None = None) -> ActionLogPaper:
        """The open actions by owner, with how long each is overdue (ageing bands) and its
        latest update; of one body, one owner, the overdue only, or those due within N days."""
        session = Session(session)
        public = session is Session.PUBLIC
        if due_within_days is not None and due_within_days < 0:
            raise PbpError("Due within: give a number of days, 0 or more.")
        records = records if records is not None else self._records()
        today = self._clock()
        f = ActionFilter(owner_id=owner_id, status="open_any", overdue_only=overdue_only, body_id=body_id,
                         due_by=today + timedelta(days=due_within_days) if due_within_days is not None else None)
        with self._read() as s:
            found = action_q.actions(s, today, f)
            bodies = {b.id: b.name for b in people_q.bodies(s, include_archived=True)}
        withheld = 0
        rows: list[ActionRow] = []
        for a in found:
            if public and records.row_private(a):
                withheld += 1
                continue
            rows.append(PackService._public_action(a, records) if public else a)
        by_owner: dict[str, list[ActionLine]] = {}
        for a in sorted(rows, key=lambda a: (surname_key(a.owner_name), a.owner_name, a.due_on, a.reference)):
            band = ageing_band(a.days_overdue, a.status in (ActionStatus.COMPLETE, ActionStatus.CANCELLED))
            by_owner.setdefault(a.owner_name, []).append(ActionLine(a, band, a.updates[-1] if a.updates else None))
        counts = {b: 0 for b in BANDS}
        for lines in by_owner.values():
            for line in lines:
                if line.band != CLOSED_BAND:
                    counts[line.band] += 1
        words = ["Open actions"]
        if body_id is not None:
            words.append(f"raised at meetings of the {bodies.get(body_id, f'body {body_id}')}")
        if owner_id is not None:
            words.append(f"owned by {rows[0].owner_name}" if rows else f"of owner {owner_id}")
        if overdue_only:
            words.append("overdue only")
        if due_within_days is not None:
            words.append(f"due within {due_within_days} days (by {uk_date(f.due_by)})")
        return ActionLogPaper(
            reference=reference or self.next_reference(Paper.ACTION_LOG, today, session), session=session,
            printed_on=today, partnership=self._partnership(), filters="; ".join(words) + f", as at {uk_date(today)}",
            owners=tuple(OwnerActions(o, tuple(lines)) for o, lines in by_owner.items()),
            bands=tuple(counts.items()), withheld=withheld if public else 0)

    def action_log_csv(self, paper: ActionLogPaper) -> bytes:
        """The action log's rows as CSV (UTF-8 with a byte-order mark, for Excel): no cell starts
        a formula (the export's neutralisation)."""
        from .exporting import csv_line
        header = ("Owner", "Reference", "Description", "Raised at", "Due", "Status", "Days overdue", "Ageing",
                  "Latest update")
        out = [csv_line(header)]
        for line in paper.lines:
            a = line.action
            update = f"{uk_date(line.latest_update.written_on)}: {line.latest_update.text}" if line.latest_update else ""
            out.append(csv_line((a.owner_name, a.reference, a.description, _raised_at(a), uk_date(a.due_on),
                                 a.status.label, str(a.days_overdue), line.band, update)))
        return ("\ufeff" + "".join(out)).encode("utf-8")

    # ------------------------------------------------------------------ the register of interests

    def interests(self, session: Session | str, *, records: PrivateRecords | None = None,
                  reference: str | None = None) -> InterestsPaper:
        """The register of interests by person: category, organisation or matter, nature, from,
        to. The public version leaves out the interests held in confidence."""
        session = Session(session)
        public = session is Session.PUBLIC
        records = records if records is not None else self._records()
        today = self._clock()
        with self._read() as s:
            rows = people_q.interests(s)
        shown = [i for i in rows if not (public and records.row_private(i))]
        by_person: dict[str, list] = {}
        order = {c: n for n, c in enumerate(type(rows[0].category))} if rows else {}
        for i in sorted(shown, key=lambda i: (surname_key(i.person_name), i.person_id, order.get(i.category, 0),
                                              i.from_on or date.min, i.organisation)):
            by_person.setdefault(i.person_name, []).append(i)
        return InterestsPaper(
            reference=reference or self.next_reference(Paper.INTERESTS, today, session), session=session,
            printed_on=today, partnership=self._partnership(),
            people=tuple(PersonInterests(p, tuple(v)) for p, v in by_person.items()),
            note=CONFIDENTIAL_INTERESTS if public else "")

    # ------------------------------------------------------------------ printing

    def build(self, paper: Paper | str, target: int | str | ActionLogFilter | None, session: Session | str, *,
              records: PrivateRecords | None = None, reference: str | None = None) -> AnyPaper:
        """A paper's data: `target` is the meeting (id, 'next' or 'latest') of an agenda or
        minutes, the filter of an action log, and nothing for the register of interests."""
        paper = Paper(paper)
        if paper in (Paper.AGENDA, Paper.MINUTES):
            if target is None or isinstance(target, ActionLogFilter):
                raise PbpError(f"Name the meeting whose {paper.label.lower()} to print.")
            meeting = self.resolve_meeting(target)
            make = self.agenda if paper is Paper.AGENDA else self.minutes
            return make(meeting.id, session, records=records, reference=reference)
        if paper is Paper.ACTION_LOG:
            f = target if isinstance(target, ActionLogFilter) else ActionLogFilter()
            return self.action_log(session, body_id=f.body_id, owner_id=f.owner_id, overdue_only=f.overdue_only,
                                   due_within_days=f.due_within_days, records=records, reference=reference)
        if paper is Paper.INTERESTS:
            return self.interests(session, records=records, reference=reference)
        raise PbpError("The assurance pack is printed from the Print pack dialog or 'pbp-cli pack'.")

    def checked(self, paper: Paper | str, target: int | str | ActionLogFilter | None,
                session: Session | str) -> AnyPaper:
        """A paper's data; a public one is searched for anything private before it is drawn."""
        guard = PrivacyService(self._engine, self._user, self._clock)
        records = guard.records()
        data = self.build(paper, target, session, records=records)
        if data.session is Session.PUBLIC:
            guard.guard(data, records)
        return data

    @staticmethod
    def render(data: AnyPaper, file_format: FileFormat | str = FileFormat.PDF) -> bytes:
        return render_paper_pdf(data) if FileFormat(file_format) is FileFormat.PDF else render_paper_docx(data)

    def preview(self, paper: Paper | str, target: int | str | ActionLogFilter | None, session: Session | str,
                file_format: FileFormat | str = FileFormat.PDF) -> bytes:
        """The paper as it would print now; nothing is recorded."""
        return self.render(self.checked(paper, target, session), file_format)

    def print_paper(self, paper: Paper | str, target: int | str | ActionLogFilter | None, session: Session | str,
                    file_format: FileFormat | str = FileFormat.PDF, *,
                    write: Callable[[bytes], None] | None = None) -> PrintedPack:
        """Print a paper and record it as a pack is recorded (reference, SHA-256, bytes, who and
        when, the paper and its format, a snapshot of what it printed), in one transaction.
        `write` (the bytes to the user's file) runs inside it: a paper whose file could not be
        written is not recorded. Returns the Changes, with the reference and the bytes."""
        file_format = FileFormat(file_format)
        data = self.checked(paper, target, session)
        content = self.render(data, file_format)
        meeting = getattr(data, "meeting", None)
        with self._work("print_paper") as w:
            s = w.session
            if s.scalar(select(Pack.id).where(Pack.reference == data.reference)) is not None:
                raise PbpError(f"A paper {data.reference} was printed meanwhile; print again.")
            s.add(Pack(reference=data.reference, meeting_id=meeting.id if meeting is not None else None,
                       session=data.session, printed_at=self._printed_at(), printed_by=self._user,
                       sha256=hashlib.sha256(content).hexdigest(), pdf=content, snapshot=snapshot(data),
                       draft=bool(getattr(data, "draft", False)), paper=paper_kind(data), file_format=file_format))
            s.flush()  # a register that cannot take the record (read-only, full) refuses before the file is written
            if write is not None:
                write(content)
        changes = w.changes()
        return PrintedPack(changes.batch, changes.created, changes.updated, changes.deleted,
                           reference=data.reference, pdf=content)

    def _printed_at(self) -> datetime:
        """The day from the injected clock (a paper printed 'as at' a day is recorded on it), the
        time of day as the change log records it."""
        from ..storage.uow import utcnow
        return datetime.combine(self._clock(), utcnow().time())


def _as_on_agenda(item: AgendaItemRow) -> AgendaItemRow:
    """An item as the agenda prints it: before the meeting, with no minutes, resolutions,
    amendments or actions (the paper's record holds only what it printed)."""
    return dataclasses.replace(item, minute_id=None, minute_version=None, minutes=None, minutes_confidential=False,
                               resolutions=(), action_ids=(), amendments=())


def _raised_at(a: ActionRow) -> str:
    return " - ".join(p for p in (a.meeting_label, a.agenda_item_label) if p)

