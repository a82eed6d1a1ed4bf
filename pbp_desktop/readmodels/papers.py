"""Readmodels layer: the meeting papers - the agenda, the minutes, the action log and the register
of interests - each as everything it prints, already filtered for its session (services/papers.py
builds them; reports/papers.py and reports/papers_docx.py draw them). The rows they hold are the
register's own rows, so a public paper is searched for anything private by the same walk as the
pack (readmodels/privacy.py) before it is drawn."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..domain.enums import MinutesStatus, Paper, Session
from ..domain.papers import Block
from .rows import (
    ActionRow,
    ActionUpdateRow,
    AgendaItemRow,
    AmendmentRow,
    AttendanceRow,
    BodyRow,
    DeclarationRow,
    InterestRow,
    MeetingRow,
    MembershipRow,
)

__all__ = ["ActionLine", "ActionLogFilter", "ActionLogPaper", "AgendaEntry", "AgendaPaper", "AnyPaper",
           "InterestsPaper", "MinuteEntry", "MinutesPaper", "OwnerActions", "PersonInterests", "paper_kind",
           "snapshot"]


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One numbered line of the agenda. In a public agenda a private item is an entry with no
    item: it prints as "Item N: exempt information" (N its place in the agenda)."""

    number: str
    item: AgendaItemRow | None
    previous_meeting: MeetingRow | None = None  # the meeting whose minutes this item approves


@dataclass(frozen=True, slots=True)
class AgendaPaper:
    reference: str
    session: Session
    printed_on: date
    partnership: str
    meeting: MeetingRow
    body: BodyRow | None
    when: str  # "Monday 7 October, 2019 at 5.30 pm in Committee Room 1 at the Sandwell Council House, Oldbury"
    public_note: str  # "(Open to Public and Press)", or "" for a private meeting
    items: tuple[AgendaEntry, ...]  # Part 1: the business taken in public
    part2: tuple[AgendaEntry, ...]  # Part 2: private items (in a public agenda, entries without their item)
    exclusion: str | None  # the resolution to exclude the public, printed before Part 2
    carried_forward: tuple[ActionRow, ...]  # the body's open and overdue actions
    completed_since: tuple[ActionRow, ...]  # the body's actions completed since its last meeting
    completed_label: str  # "since the last meeting (29/07/2019)"
    next_meeting: str | None
    distribution: tuple[MembershipRow, ...]
    distribution_text: str  # "Councillor E M Giles (Chair); Councillor Piper (Vice-Chair); Councillors ..."
    contact_officer: str | None
    signatory: str | None
    withheld_actions: int = 0

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    @property
    def title(self) -> str:
        return f"Agenda: {self.meeting.body_name}, {self.meeting.meets_on:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class MinuteEntry:
    """One minute: its reference and item, the declarations minuted under it (the declarations
    item), its text as paragraphs and bullets, its resolutions worded, and the amendments made to
    it after approval."""

    ref: str
    item: AgendaItemRow
    declarations: tuple[DeclarationRow, ...] = ()
    declaration_lines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    resolution_lines: tuple[str, ...] = ()
    amendments: tuple[AmendmentRow, ...] = ()
    part2: bool = False


@dataclass(frozen=True, slots=True)
class MinutesPaper:
    reference: str
    session: Session
    printed_on: date
    partnership: str
    meeting: MeetingRow
    heading: str  # "Minutes of the Health and Adult Social Care Scrutiny Board"
    when: str  # "29th July, 2019 at 5.30pm at Sandwell Council House, Oldbury"
    present_text: str  # "Councillor Piper (Chair); Councillors Carmichael, ... and Tranter."
    in_attendance_text: str  # "Lisa McNally, Director - Public Health; ...; Alexia Farmer, Healthwatch Sandwell."
    apologies_text: str  # "Councillors E M Giles, Hackett and Jarvis."
    present: tuple[AttendanceRow, ...]
    in_attendance: tuple[AttendanceRow, ...]
    apologies: tuple[AttendanceRow, ...]
    entries: tuple[MinuteEntry, ...]
    exclusion: str | None  # printed before the Part 2 minutes (private minutes only)
    ended: str  # "(Meeting ended at 7.00pm)" or ""
    contact_officer: str | None
    status: MinutesStatus
    approved_text: str  # "Approved at the meeting of 7 October 2019", or the DRAFT marking
    # declarations recorded at a meeting whose agenda has no declarations item, minuted before the items
    declarations: tuple[DeclarationRow, ...] = ()
    declaration_lines: tuple[str, ...] = ()

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    @property
    def draft(self) -> bool:
        return self.status is not MinutesStatus.APPROVED

    @property
    def signature_line(self) -> str:
        """Approved minutes carry the chair's signature as a correct record; a draft does not."""
        return "" if self.draft else "Signed as a correct record: ______________________________ (Chair)    Date: ____________"

    @property
    def title(self) -> str:
        return f"Minutes: {self.meeting.body_name}, {self.meeting.meets_on:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class ActionLogFilter:
    """Which actions the action log prints: all open ones, or those of one body (raised at its
    meetings), one owner, the overdue, or those due within so many days."""

    body_id: int | None = None
    owner_id: int | None = None
    overdue_only: bool = False
    due_within_days: int | None = None


@dataclass(frozen=True, slots=True)
class ActionLine:
    action: ActionRow
    band: str  # "Not yet due", "1-30 days overdue", ... "Over 90 days overdue"
    latest_update: ActionUpdateRow | None


@dataclass(frozen=True, slots=True)
class OwnerActions:
    owner: str
    lines: tuple[ActionLine, ...]


@dataclass(frozen=True, slots=True)
class ActionLogPaper:
    reference: str
    session: Session
    printed_on: date
    partnership: str
    filters: str  # "Open actions; overdue only; owner Jane Smith" (words, for the heading)
    owners: tuple[OwnerActions, ...]
    bands: tuple[tuple[str, int], ...]  # each ageing band and how many actions are in it
    withheld: int = 0

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    @property
    def title(self) -> str:
        return "Action log"

    @property
    def lines(self) -> tuple[ActionLine, ...]:
        return tuple(line for o in self.owners for line in o.lines)


@dataclass(frozen=True, slots=True)
class PersonInterests:
    person: str
    interests: tuple[InterestRow, ...]


@dataclass(frozen=True, slots=True)
class InterestsPaper:
    reference: str
    session: Session
    printed_on: date
    partnership: str
    people: tuple[PersonInterests, ...]
    note: str  # what the public version leaves out, in words

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    @property
    def title(self) -> str:
        return "Register of interests"


AnyPaper = AgendaPaper | MinutesPaper | ActionLogPaper | InterestsPaper

_KINDS: dict[type, Paper] = {AgendaPaper: Paper.AGENDA, MinutesPaper: Paper.MINUTES,
                             ActionLogPaper: Paper.ACTION_LOG, InterestsPaper: Paper.INTERESTS}


def paper_kind(paper: AnyPaper) -> Paper:
    return _KINDS[type(paper)]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    raise TypeError(type(value).__name__)


def snapshot(paper: AnyPaper) -> str:
    """What a paper printed, as JSON, kept with its bytes (a public paper's holds only what it printed)."""
    return json.dumps(_plain(paper), default=_plain, sort_keys=True, ensure_ascii=False)


def item_detail(item: AgendaItemRow) -> str:
    """The line under an agenda item's title: presenter, purpose, time and paper, as given."""
    parts = [f"{label}: {value}" for label, value in (
        ("Presenter", item.presenter), ("Purpose", item.purpose.label if item.purpose else None),
        ("Time", item.item_time), ("Paper", item.paper_ref)) if value]
    return " · ".join(parts)
