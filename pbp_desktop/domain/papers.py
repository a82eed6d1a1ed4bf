"""Domain layer: the wording of the meeting papers (agenda, minutes, action log, register of
interests) that needs no register: dates as council papers write them, lists of names grouped
as minutes group them ("Councillors Carmichael, Costigan and Tranter"), resolutions worded
"Resolved that ..." or numbered, minutes text split into paragraphs and bullets, and the
ageing bands of overdue actions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# ------------------------------------------------------------------ dates


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 29th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def agenda_date(day: date) -> str:
    """'Monday 7 October, 2019': the date at the head of a council agenda."""
    return f"{day:%A} {day.day} {day:%B}, {day:%Y}"


def minutes_date(day: date) -> str:
    """'29th July, 2019': the date at the head of the minutes."""
    return f"{ordinal(day.day)} {day:%B}, {day:%Y}"


def when_and_where(day_text: str, start_time: str | None, place: str | None, *, joiner: str = "in") -> str:
    """'Monday 7 October, 2019 at 5.30 pm in Committee Room 1 ...' (a missing part left out)."""
    text = day_text
    if start_time and start_time.strip():
        text += f" at {start_time.strip()}"
    if place and place.strip():
        text += f" {joiner} {place.strip()}"
    return text


# ------------------------------------------------------------------ names

TITLES = {"Councillor": "Councillors", "Cllr": "Cllrs"}


def surname_key(name: str) -> tuple[str, str]:
    """Sort by the last word of a name ('Councillor R Jones' among the Js), then the whole name."""
    words = name.split()
    return (words[-1].casefold() if words else "", name.casefold())


def and_list(parts: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def grouped_names(names: Sequence[str]) -> str:
    """Names as minutes list them: those with the same title grouped under its plural
    ('Councillors E M Giles, Hackett and Jarvis'), one alone keeping its title ('Councillor
    Piper'); other names after them, the groups parted by semicolons."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for name in names:
        title, _, rest = name.strip().partition(" ")
        if title in TITLES and rest:
            groups.setdefault(title, []).append(rest)
        else:
            others.append(name.strip())
    parts = [f"{TITLES[t] if len(rest) > 1 else t} {and_list(rest)}" for t, rest in groups.items()]
    if others:
        parts.append(and_list(others))
    return "; ".join(parts)


# ------------------------------------------------------------------ resolutions

def resolution_clause(text: str) -> str:
    """A resolution's words as they follow 'Resolved': a leading 'That' made 'that', any
    'Resolved' typed in front and the ending punctuation taken off."""
    body = text.strip()
    m = re.match(r"^resolved\s*(?::\s*-?\s*)?", body, re.IGNORECASE)
    if m:
        body = body[m.end():]
    body = body.strip().rstrip(" .;,")
    if body[:5].lower() == "that " or body.lower() == "that":
        body = "that" + body[4:]
    return body


def resolution_lines(texts: Sequence[str]) -> list[str]:
    """'Resolved that ...' for one resolution; 'Resolved: -' then '(1) that ...;' ... '(n) that ....'
    for several."""
    clauses = [c for c in (resolution_clause(t) for t in texts) if c]
    if not clauses:
        return []
    if len(clauses) == 1:
        return [f"Resolved {clauses[0]}."]
    return ["Resolved: -"] + [f"({n}) {c}{'.' if n == len(clauses) else ';'}"
                              for n, c in enumerate(clauses, start=1)]


# ------------------------------------------------------------------ minutes text


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of minutes, or a bullet (a line starting '- '); level 1: a bullet under a
    bullet (its line indented further than the one above)."""

    text: str
    bullet: bool = False
    level: int = 0


def blocks(text: str | None) -> list[Block]:
    """Minutes as written on screen: paragraphs parted by blank lines; a line starting '- ' (or
    '* ', or '• ') is a bullet, and one indented further than the bullet above it is a bullet
    under that bullet; other lines of a paragraph run on."""
    out: list[Block] = []
    for para in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip("\n").rstrip()):
        current: list[str] = []
        indents: list[int] = []  # the indentation of this paragraph's top-level bullets
        for line in para.split("\n"):
            stripped = line.strip()
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            m = re.match(r"^[-*\u2022\u25e6]\s+(.*)$", stripped)
            if m:
                if current:
                    out.append(Block(" ".join(current)))
                    current = []
                level = 1 if indents and indent >= min(indents) + 2 and out and out[-1].bullet else 0
                if level == 0:
                    indents.append(indent)
                out.append(Block(m.group(1), bullet=True, level=level))
            elif stripped:
                if out and out[-1].bullet and not current and line[:1].isspace():
                    last = out[-1]
                    out[-1] = Block(last.text + " " + stripped, bullet=True, level=last.level)  # a bullet's second line
                else:
                    current.append(stripped)
        if current:
            out.append(Block(" ".join(current)))
    return out


# ------------------------------------------------------------------ ageing of actions

NOT_YET_DUE = "Not yet due"
AGEING_BANDS: tuple[tuple[int, int | None, str], ...] = (
    (1, 30, "1-30 days overdue"),
    (31, 60, "31-60 days overdue"),
    (61, 90, "61-90 days overdue"),
    (91, None, "Over 90 days overdue"),
)
BANDS: tuple[str, ...] = (NOT_YET_DUE,) + tuple(b[2] for b in AGEING_BANDS)
CLOSED_BAND = "Closed"


def ageing_band(days_overdue: int, closed: bool = False) -> str:
    """The ageing band of an action: closed, not yet due, or how long overdue."""
    if closed:
        return CLOSED_BAND
    if days_overdue <= 0:
        return NOT_YET_DUE
    for low, high, name in AGEING_BANDS:
        if days_overdue >= low and (high is None or days_overdue <= high):
            return name
    return AGEING_BANDS[-1][2]
