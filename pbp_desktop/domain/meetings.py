"""Domain layer: the rules of the meeting cycle that need no register: a body's default agenda
template, the wording of the resolution to exclude the public, a meeting's time read from what
people write ("5.30 pm", "17:30"), the quorum, minute numbers ("14/19"), the sentence a
declaration prints as, which registered interests an agenda item may touch, and which records
approved minutes lock."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from .enums import AttendanceRole, ItemKind, Purpose, Standing

# ------------------------------------------------------------------ the agenda template


@dataclass(frozen=True, slots=True)
class TemplateItem:
    kind: ItemKind
    title: str
    description: str = ""
    purpose: Purpose | None = None
    after_business: bool = False


DEFAULT_TEMPLATE: tuple[TemplateItem, ...] = (
    TemplateItem(ItemKind.APOLOGIES, "Apologies for absence",
                 "To receive any apologies for absence from the members of the board."),
    TemplateItem(ItemKind.DECLARATIONS, "Declarations of interest",
                 "Members to declare any interest in matters to be discussed at the meeting."),
    TemplateItem(ItemKind.PREVIOUS_MINUTES, "Minutes of the last meeting",
                 "To confirm the minutes of the last meeting as a correct record.", Purpose.DECISION),
    TemplateItem(ItemKind.ACTION_LOG, "Matters arising and action log",
                 "To review the actions open since the last meeting.", Purpose.ASSURANCE),
    TemplateItem(ItemKind.PUBLIC_QUESTIONS, "Questions from the public", after_business=True),
    TemplateItem(ItemKind.OTHER_BUSINESS, "Any other business", after_business=True),
    TemplateItem(ItemKind.NEXT_MEETING, "Date of the next meeting", purpose=Purpose.INFORMATION,
                 after_business=True),
)

# Items of these kinds close the agenda: new business goes in before the first of them.
CLOSING_KINDS = frozenset({ItemKind.PUBLIC_QUESTIONS, ItemKind.OTHER_BUSINESS, ItemKind.NEXT_MEETING})

EXCLUSION = ("Resolved that the public and press be excluded from the meeting for the items of business "
             "that follow, having regard to the confidential nature of the business to be transacted, "
             "publicity on which would be prejudicial to the public interest (Section 1(2) of the Public "
             "Bodies (Admission to Meetings) Act 1960).")

PUBLIC_NOTE = "(Open to Public and Press)"


def previous_minutes_title(previous: date | None) -> str:
    """The wording of the item that approves the last meeting's minutes."""
    if previous is None:
        return "Minutes of the last meeting"
    return f"To confirm the minutes of the meeting held on {long_date(previous)} as a correct record"


def long_date(day: date) -> str:
    """'29 July 2019': the date as council and NHS papers write it."""
    return f"{day.day} {day:%B %Y}"


# ------------------------------------------------------------------ times

_TIME = re.compile(r"^\s*(\d{1,2})(?:[.:](\d{2}))?\s*([ap]\.?\s*m\.?)?\s*$", re.IGNORECASE)


def parse_time(text: str | None) -> time | None:
    """'5.30 pm', '5.30pm', '17:30', '5pm', '17.30' as a time of day; None when the text is
    empty or not a time (the text is kept as written all the same)."""
    if not text:
        return None
    if text.strip().lower() in ("noon", "midday", "12 noon", "12 midday"):
        return time(12, 0)
    m = _TIME.match(text)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    suffix = (m.group(3) or "").lower().replace(".", "").replace(" ", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59) or (suffix and not 1 <= int(m.group(1)) <= 12):
        return None
    return time(hour, minute)


def same_time(a: str | None, b: str | None) -> bool:
    """Two times as written name the same time of day (an unreadable one only itself)."""
    ta, tb = parse_time(a), parse_time(b)
    if ta is not None and tb is not None:
        return ta == tb
    return (a or "").strip().lower() == (b or "").strip().lower()


# ------------------------------------------------------------------ the quorum


@dataclass(frozen=True, slots=True)
class Quorum:
    required: int | None  # None: the body has no quorum recorded
    present: int  # members (not officers) present
    members: int  # members of the body on the day

    @property
    def quorate(self) -> bool | None:
        return None if self.required is None else self.present >= self.required

    @property
    def words(self) -> str:
        if self.required is None:
            return f"{self.present} of {self.members} members present (no quorum recorded for this body)"
        state = "quorate" if self.quorate else "NOT QUORATE"
        return f"{self.present} of {self.members} members present; quorum {self.required}: {state}"


def quorum(required: int | None, standings: Iterable[Standing], attended: Iterable[AttendanceRole | None]) -> Quorum:
    """standings and attended run side by side, one pair for each member of the body on the day."""
    pairs = [(s, a) for s, a in zip(standings, attended, strict=True) if s.is_member]
    return Quorum(required, sum(1 for _, a in pairs if a is AttendanceRole.PRESENT), len(pairs))


# ------------------------------------------------------------------ minute numbers

_MINUTE = re.compile(r"^(\d+)/(\d{2})$")


def minute_year(day: date) -> str:
    return f"{day:%y}"


def next_minute_numbers(taken: Iterable[str], day: date, count: int) -> list[str]:
    """`count` minute references ('12/19', '13/19', ...) after the highest of the year taken."""
    year = minute_year(day)
    last = max((int(m.group(1)) for r in taken if (m := _MINUTE.match(r or "")) and m.group(2) == year), default=0)
    return [f"{last + i}/{year}" for i in range(1, count + 1)]


# ------------------------------------------------------------------ declarations


def declaration_sentence(name: str, interest: str, item_title: str | None, detail: str | None,
                         action_taken: str | None) -> str:
    """'Councillor R Jones declared a non-pecuniary interest in the item relating to X, as an
    employee of Y.' - a declaration as the minutes print it."""
    text = f"{name} declared {interest.strip().rstrip('.')}"
    if item_title:
        text += f" in the item relating to {item_title.strip()}"
    if detail:
        text += f", {detail.strip().rstrip('.')}"
    text += "."
    if action_taken:
        act = action_taken.strip().rstrip(".")
        text += f" {act[0].upper() + act[1:]}."
    return text


# ------------------------------------------------------------------ interests an item may touch

_WORD = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    "a an and the of for to in on at by with from as or is are be was were this that these those it its "
    "nhs trust council board group service services care health partnership partner member members "
    "limited ltd plc cic public private chief officer director deputy head lead executive manager "
    "accountable team unit department report update plan".split())


def words(text: str | None) -> set[str]:
    """The words that carry meaning (for matching an interest to an item)."""
    return {w for w in _WORD.findall((text or "").lower()) if len(w) > 2 and w not in STOP_WORDS}


def interest_touches(item_text: str, organisation: str, partner_name: str | None, description: str | None,
                     common: frozenset[str] = frozenset(), *, named_in: str | None = None) -> str | None:
    """Why an interest may be relevant to an agenda item (its title, wording and presenter given
    as item_text), or None. An interest in an organisation or partner the item names is relevant;
    so is one whose organisation or description shares with the item two meaningful words, or one
    distinctive word (of six letters or more). `common`: words every item of the partnership
    shares (its place, its integrated care system, the body's name), which say nothing."""
    lowered = (named_in or item_text).lower()  # the presenter's organisation counts as named
    for name in (partner_name, organisation):
        if name and name.lower() in lowered:
            return f"the item names {name}"
    theirs = (words(organisation) | words(description)) - common
    shared = theirs & (words(item_text) - common)
    if len(shared) >= 2 or any(len(w) >= 6 for w in shared):
        return "the item mentions " + ", ".join(sorted(shared))
    return None


# ------------------------------------------------------------------ what approved minutes lock


@dataclass(frozen=True, slots=True)
class LockedBy:
    """A `table` record belongs to the meeting reached through `path` (columns and tables in
    turn: ('agenda_item_id', 'agenda_item', 'meeting_id') reads the item's meeting)."""

    table: str
    path: tuple[str, ...]


LOCKED_BY: tuple[LockedBy, ...] = (
    LockedBy("meeting", ("id",)),
    LockedBy("attendance", ("meeting_id",)),
    LockedBy("declaration", ("meeting_id",)),
    LockedBy("agenda_item", ("meeting_id",)),
    LockedBy("minute", ("agenda_item_id", "agenda_item", "meeting_id")),
    LockedBy("resolution", ("agenda_item_id", "agenda_item", "meeting_id")),
)

# Records that point at a meeting or its items but are not its minutes, so approval does not
# lock them, and why.
NOT_LOCKED: dict[str, str] = {
    "action": "an action lives on after the meeting that raised it: its progress is recorded until it is done",
    "action_update": "the progress of an action, recorded after the meeting",
    "pack": "the record of a printed paper, written once and never edited",
    "minute_amendment": "the amendment is how approved minutes change",
}

LOCKED_MESSAGE = ("The minutes of the meeting of {label} were approved{when}; they are locked. Change them by "
                  "amending the minutes of an item (Amend approved minutes…), which is logged.")
