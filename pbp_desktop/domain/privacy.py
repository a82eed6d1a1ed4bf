"""Domain layer: the one rule of what is private, as data, asked by every public output.

A record is private when it is marked so, or when it belongs to or was raised at something
private; a record that the rule makes private only by inheritance can be published on purpose
(a logged disclosure). The storage layer applies these edges to a register
(storage/privacy.py); the public pack, `pbp-cli summary` and the papers ask the result."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """`table` is private where `column` holds `value` (a flag, or the private session)."""

    table: str
    column: str
    value: object


@dataclass(frozen=True, slots=True)
class Inherits:
    """A `table` record whose `via` points at a private `parent` is private too."""

    table: str
    via: str
    parent: str


MARKS: tuple[Mark, ...] = (
    Mark("meeting", "session", "private"),
    Mark("agenda_item", "confidential", True),
    Mark("minute", "confidential", True),
    Mark("action", "confidential", True),
    Mark("risk", "confidential", True),
    Mark("interest", "confidential", True),
    Mark("pack", "session", "private"),
    Mark("programme", "confidential", True),
    Mark("milestone", "confidential", True),
)

INHERITS: tuple[Inherits, ...] = (
    # a private meeting makes all of it private
    Inherits("agenda_item", "meeting_id", "meeting"),
    Inherits("attendance", "meeting_id", "meeting"),
    Inherits("declaration", "meeting_id", "meeting"),
    Inherits("action", "meeting_id", "meeting"),
    Inherits("pack", "meeting_id", "meeting"),
    # a private agenda item makes its minutes, resolutions, declarations and actions private
    Inherits("minute", "agenda_item_id", "agenda_item"),
    Inherits("resolution", "agenda_item_id", "agenda_item"),
    Inherits("declaration", "agenda_item_id", "agenda_item"),
    Inherits("action", "agenda_item_id", "agenda_item"),
    Inherits("minute_amendment", "agenda_item_id", "agenda_item"),
    Inherits("minute_amendment", "minute_id", "minute"),  # confidential minutes: their amendments too
    # a declaration of an interest withheld from the public register is withheld with it
    Inherits("declaration", "interest_id", "interest"),
    # a confidential risk makes its history, its links and the actions that mitigate it private
    Inherits("risk_score", "risk_id", "risk"),
    Inherits("risk_link", "risk_id", "risk"),
    Inherits("action", "risk_id", "risk"),
    # a private action makes its updates private
    Inherits("action_update", "action_id", "action"),
    # a confidential programme makes its projects, milestones, links, goals, benefits and
    # highlight reports private; a confidential milestone its forecast history
    Inherits("programme", "parent_id", "programme"),
    Inherits("programme_link", "programme_id", "programme"),
    Inherits("programme_goal", "programme_id", "programme"),
    Inherits("programme_benefit", "programme_id", "programme"),
    Inherits("programme_update", "programme_id", "programme"),
    Inherits("milestone", "programme_id", "programme"),
    Inherits("milestone_forecast", "milestone_id", "milestone"),
    # a link to a confidential risk or a private action is private with it
    Inherits("programme_link", "risk_id", "risk"),
    Inherits("programme_link", "action_id", "action"),
)

# Tables the rule never makes private, and why: the partnership's standing register, which its
# public papers name by design, and the app's own bookkeeping, which no paper prints.
NEVER_PRIVATE: dict[str, str] = {
    "partnership": "the partnership itself is public",
    "partner": "the alliance's members are public",
    "person": "people are named in public papers by role",
    "body": "the boards and committees are public",
    "membership": "who sits on a board is public",
    "standing_item": "a body's agenda template: the standing items every agenda of it carries",
    "outcome": "the priority outcomes are the published strategy",
    "objective": "objectives are part of the published strategy",
    "objective_lead": "leads of the published objectives",
    "outcome_lead": "sponsors, lead partners and lead officers of the published outcomes",
    "indicator": "indicators are published with their figures",
    "trajectory_point": "the published plan of an indicator",
    "actual": "published figures of an indicator",
    "indicator_rebase": "a published change of an indicator's basis",
    "indicator_assessment": "derived from an indicator's figures; never printed as such",
    "register_setting": "the app's settings; printed only through the cover sheet of its session",
    "change_batch": "the change log: never printed in a paper",
    "change_log": "the change log: never printed in a paper",
    "disclosure": "the record of deliberate disclosures; never printed in a paper",
    "alembic_version": "the schema's revision",
}

# What a private record is quoted by: a public text holding one of these values names it.
QUOTED_BY: dict[str, tuple[str, ...]] = {
    "risk": ("reference", "title"),
    "action": ("reference",),
    "agenda_item": ("title",),
    "meeting": ("title",),
    "programme": ("reference", "title"),
    "milestone": ("title",),
}

MIN_QUOTED_TITLE = 12  # shorter titles ("Finance") are words, not quotations

# Public names: a private record whose title is also one of these (a private meeting titled with
# its board's name, an item titled with the partnership's) is not quoted by public text using it.
PUBLIC_NAMES: tuple[tuple[str, str], ...] = (
    ("partnership", "name"), ("partnership", "place"), ("partner", "name"), ("body", "name"),
    ("outcome", "title"), ("objective", "title"), ("indicator", "name"),
)


def private_tables() -> set[str]:
    return {m.table for m in MARKS} | {e.table for e in INHERITS}


_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


# Cyrillic and Greek letters a reader takes for Latin ones (Unicode's confusables, the plain
# look-alikes only): "Fаcilities" with a Cyrillic 'а' reads as "Facilities", so it quotes it.
_LOOK_ALIKES = str.maketrans({
    # Cyrillic capitals and small letters
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "Ү": "Y", "З": "3", "Ӏ": "I", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "ѕ": "s", "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ѵ": "v", "ґ": "r",
    # Greek capitals and small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K",
    "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "ο": "o", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "υ": "u", "χ": "x",
    "α": "a", "ϳ": "j", "ϲ": "c",
})


def fold(text: str) -> str:
    """Text as a reader sees it, for finding quotations: compatibility forms made plain (NFKC),
    invisible characters (soft hyphens, zero-width spaces and joiners) removed, curly quotes,
    primes and dashes made straight, Cyrillic and Greek look-alikes of Latin letters made Latin,
    and case folded. "Partners’ risk" and "Partners' risk" are one quotation, and so are a title
    and the same title with a soft hyphen, or a Cyrillic 'а' for a Latin 'a', in it."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.translate(_TYPOGRAPHY).translate(_LOOK_ALIKES).casefold()


def quotation_pattern(value: str, field: str) -> re.Pattern[str] | None:
    """The pattern that finds `value` (a private record's reference or title) quoted in text
    (both folded: see fold()): whole words, any case and spacing; None for a title too short to
    be a quotation."""
    words = fold(value).split()
    if not words or (field != "reference" and len(" ".join(words)) < MIN_QUOTED_TITLE):
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


PUBLIC_PACK_OF_PRIVATE_MEETING = ("A public pack cannot be printed for a private meeting: everything about it is "
                                  "private. Print the private pack, or choose a public meeting.")
WITHHELD_REASON = "the judgement also rests on business considered in the private session"
