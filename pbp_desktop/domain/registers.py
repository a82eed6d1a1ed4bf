"""Domain layer: the registers, each declaring itself once (after Picard's register_options_page):
its kinds of record with their labels and field specs (domain.records), the pack sections it owns,
and where each kind's records print in the pack, or why they do not. Every aggregator (the export,
the pack, the change notices) loops over these; tests/test_registers.py holds every table to them."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Field
from .records import RULES


@dataclass(frozen=True, slots=True)
class PackSection:
    """A section of the assurance pack: its key (the name of its part of reports.pack), its
    title, and its place in the pack (sections print in `order`, whichever register owns them)."""

    key: str
    title: str
    order: int


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record (one table). label: the kind named in messages and the history
    ("board or body"); plural: in counts. in_pack: the key of the pack section its records print
    in, else not_in_pack says why not. no_fields: why it has no field spec of its own (the app
    writes it; its columns' types are its rules, storage.rules), when it has none. summarised:
    the register summary (the dashboard, pbp-cli summary) reads it, so a change to one of its
    records refreshes the dashboard."""

    name: str
    label: str
    plural: str
    in_pack: str = ""
    not_in_pack: str = ""
    no_fields: str = ""
    summarised: bool = False

    @property
    def fields(self) -> tuple[Field, ...]:
        return RULES.get(self.name, ())


@dataclass(frozen=True, slots=True)
class Register:
    """A register: its key, its title, its kinds of record and the pack sections it owns."""

    key: str
    title: str
    kinds: tuple[Kind, ...]
    pack_sections: tuple[PackSection, ...] = ()


REGISTERS: list[Register] = []


def register(contribution: Register) -> Register:
    """Add a register; a kind or a pack section declared twice is a mistake, refused here."""
    known = {k.name for r in REGISTERS for k in r.kinds}
    sections = {s.key for r in REGISTERS for s in r.pack_sections}
    for k in contribution.kinds:
        if k.name in known:
            raise ValueError(f"the kind {k.name} is declared by two registers")
    for s in contribution.pack_sections:
        if s.key in sections:
            raise ValueError(f"the pack section {s.key} is declared by two registers")
    if any(r.key == contribution.key for r in REGISTERS):
        raise ValueError(f"the register {contribution.key} is declared twice")
    REGISTERS.append(contribution)
    return contribution


def kinds() -> dict[str, Kind]:
    """Every kind of record, by table name, in the registers' order."""
    return {k.name: k for r in REGISTERS for k in r.kinds}


def register_of(kind: str) -> Register:
    return next(r for r in REGISTERS if any(k.name == kind for k in r.kinds))


def label(kind: str) -> str:
    """A kind of record as a message names it ("board or body", "agenda item")."""
    found = kinds().get(kind)
    return found.label if found else kind.replace("_", " ")


def field_label(kind: str, name: str | None) -> str:
    """A field of a kind of record as the history names it: its field spec's label, else the
    column's name in words."""
    if not name:
        return ""
    found = kinds().get(kind)
    spec = next((f for f in found.fields if f.name == name), None) if found else None
    return spec.label if spec else name.replace("_", " ")


def summarised() -> frozenset[str]:
    """The kinds the register summary reads (the dashboard reloads when one changes)."""
    return frozenset(k.name for r in REGISTERS for k in r.kinds if k.summarised)


def pack_sections() -> tuple[PackSection, ...]:
    """Every register's pack sections, in the order they print."""
    return tuple(sorted((s for r in REGISTERS for s in r.pack_sections), key=lambda s: s.order))


# ------------------------------------------------------------------ the registers

_APP_WRITES = "the app writes it, no form edits it; the rules of its columns' types hold it (storage.rules)"

register(Register("partners", "Partners", (
    Kind("partnership", "partnership", "partnerships", in_pack="cover", summarised=True),
    Kind("partner", "partner", "partners", in_pack="appendix", summarised=True),
)))

register(Register("people", "People and bodies", (
    Kind("person", "person", "people",
         not_in_pack="people are named where they lead, own or attend (scorecard, risks, actions, appendix); "
                     "the pack keeps no list of people of its own (personal data kept to a minimum)"),
    Kind("body", "board or body", "boards and bodies",
         not_in_pack="a body is named with its meeting on the cover and in the appendix"),
    Kind("membership", "membership", "memberships",
         not_in_pack="who sits on which body is not assurance business; the People & boards screen and the "
                     "export hold it"),
    Kind("standing_item", "standing agenda item", "standing agenda items",
         not_in_pack="a body's agenda template: it prints in the agenda of each meeting built from it"),
)))

register(Register("outcomes", "Outcomes, objectives and indicators", (
    Kind("outcome", "outcome", "outcomes", in_pack="summary", summarised=True),
    Kind("outcome_lead", "outcome lead", "outcome leads", in_pack="indicators", summarised=True),
    Kind("objective", "objective", "objectives", in_pack="scorecard", summarised=True),
    Kind("objective_lead", "objective lead", "objective leads", in_pack="scorecard", summarised=True),
    Kind("indicator", "indicator", "indicators", in_pack="scorecard", summarised=True),
    Kind("trajectory_point", "planned value", "planned values", in_pack="indicators", summarised=True),
    Kind("actual", "actual", "actuals", in_pack="indicators", summarised=True),
    Kind("indicator_rebase", "indicator rebase", "indicator rebases", in_pack="mdc", summarised=True),
), pack_sections=(
    PackSection("scorecard", "Scorecard", 30),
    PackSection("mdc", "Making Data Count", 40),
    PackSection("indicators", "Indicators", 50),
)))

register(Register("risks", "Risks", (
    Kind("risk", "risk", "risks", in_pack="risks", summarised=True),
    Kind("risk_score", "risk score", "risk scores", in_pack="risks", summarised=True),
    Kind("risk_link", "risk link", "risk links",
         not_in_pack="the pack lists risks by score and movement; which outcomes a risk touches is on the Risks "
                     "screen and in the export"),
), pack_sections=(PackSection("risks", "Risks and the Board Assurance Framework", 60),)))

register(Register("meetings", "Meetings", (
    Kind("meeting", "meeting", "meetings", in_pack="cover", summarised=True),
    Kind("attendance", "attendance", "attendances", in_pack="appendix", summarised=True),
    Kind("declaration", "declaration", "declarations",
         not_in_pack="declarations of interest belong to the meeting's minutes, not to the assurance pack"),
    Kind("agenda_item", "agenda item", "agenda items", in_pack="appendix", summarised=True),
    Kind("minute", "minute", "minutes",
         not_in_pack="minutes are the meeting's own paper, not the assurance pack's"),
    Kind("resolution", "resolution", "resolutions",
         not_in_pack="resolutions are recorded in the minutes, not in the assurance pack"),
    Kind("minute_amendment", "amendment to approved minutes", "amendments to approved minutes",
         not_in_pack="an amendment prints with the minutes it amends, not in the assurance pack"),
)))

register(Register("interests", "Register of interests", (
    Kind("interest", "declared interest", "declared interests",
         not_in_pack="the register of interests prints as a paper of its own (public and private versions)"),
)))

register(Register("programmes", "Programmes and milestones", (
    Kind("programme", "programme or project", "programmes and projects", in_pack="programmes", summarised=True),
    Kind("programme_link", "programme link", "programme links", in_pack="programmes"),
    Kind("programme_goal", "contribution to a goal", "contributions to goals", in_pack="programmes"),
    Kind("programme_benefit", "expected benefit", "expected benefits", in_pack="programmes"),
    Kind("programme_update", "highlight report", "highlight reports", in_pack="programmes"),
    Kind("milestone", "milestone", "milestones", in_pack="programmes", summarised=True),
    Kind("milestone_forecast", "forecast change", "forecast changes", in_pack="programmes"),
), pack_sections=(PackSection("programmes", "Programmes and milestones", 65),)))

register(Register("actions", "Actions", (
    Kind("action", "action", "actions", in_pack="actions", summarised=True),
    Kind("action_update", "action update", "action updates", in_pack="actions"),
), pack_sections=(PackSection("actions", "Action log", 70),)))

register(Register("packs", "Assurance packs", (
    Kind("pack", "printed pack", "printed packs", no_fields=_APP_WRITES,
         not_in_pack="the record of a printed pack: the pack is what it records"),
), pack_sections=(
    PackSection("cover", "Cover sheet", 10),
    PackSection("summary", "Summary", 20),
    PackSection("appendix", "Appendix", 80),
)))

register(Register("settings", "Settings", (
    Kind("register_setting", "setting", "settings", no_fields=_APP_WRITES,
         not_in_pack="the app's own settings for this register (import profiles, cover drafts)"),
)))

register(Register("history", "Change log", (
    Kind("change_batch", "change", "changes", no_fields=_APP_WRITES,
         not_in_pack="the history of edits, not business the board reads"),
    Kind("change_log", "change log entry", "change log entries", no_fields=_APP_WRITES,
         not_in_pack="the history of edits, not business the board reads"),
)))

register(Register("disclosures", "Disclosures", (
    Kind("disclosure", "disclosure", "disclosures", no_fields=_APP_WRITES,
         not_in_pack="the register's record of what was published on purpose; what it publishes prints in "
                     "its own section"),
)))
