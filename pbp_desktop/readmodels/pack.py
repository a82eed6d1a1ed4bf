"""Readmodels layer: PackData, everything one assurance pack shows - built by the pack service
from the same queries as the screens, drawn by reports.build_pack, and kept as the snapshot."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any

from ..domain.enums import AssuranceLevel, Purpose, Recommendation, Session
from ..domain.rag import RagConvention
from ..domain.registers import pack_sections
from .programmes import ProgrammeRow
from .rows import (
    ActionRow,
    AgendaItemRow,
    AttendanceRow,
    IndicatorRow,
    MeetingRow,
    OutcomeRagSummary,
    PartnerRow,
    PartnershipRow,
    RiskRow,
)

# the pack's sections, in the order they print: each declared by the register that owns it
# (domain.registers); reports.pack draws each with its part of the same name
SECTIONS: tuple[str, ...] = tuple(s.key for s in pack_sections())
SECTION_TITLES: dict[str, str] = {s.key: s.title for s in pack_sections()}


@dataclass(frozen=True, slots=True)
class CoverSheet:
    title: str
    sponsor: str = ""
    author: str = ""
    agenda_item: str = ""
    paper_number: str = ""
    purpose: Purpose | None = None
    assurance_level: AssuranceLevel | None = None
    executive_summary: str = ""
    baf_risks: str = ""
    objectives: str = ""  # the references of the outcomes or objectives the paper relates to
    discussion_points: str = ""
    previous_consideration: str = ""
    recommendations: str = ""
    risk_register: str = ""
    baf: str = ""
    eqia_required: bool = False
    eqia_date: date | None = None
    qia_required: bool = False
    qia_date: date | None = None
    judgement: str = ""

    def recommendation_lines(self) -> list[tuple[Recommendation | None, str]]:
        """Each line, with its leading NOTE / DISCUSS / APPROVE / ENDORSE recognised."""
        out = []
        for line in self.recommendations.splitlines():
            text = line.strip().lstrip("-•").strip()
            if not text:
                continue
            word = text.split()[0].rstrip(":").upper()
            rec = next((r for r in Recommendation if r.label == word), None)
            out.append((rec, text[len(text.split()[0]):].strip() if rec else text))
        return out


@dataclass(frozen=True, slots=True)
class RiskMovement:
    reference: str
    title: str
    previous: int | None  # None: new since the last pack
    current: int
    since: str  # "the last pack PK..." or "the previous assessment"


@dataclass(frozen=True, slots=True)
class PreviousPack:
    """The pack a new one's risk movements compare with."""

    reference: str
    printed_on: date
    meeting_label: str
    risks: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class PackData:
    reference: str
    session: Session
    printed_on: date
    partnership: PartnershipRow | None
    meeting: MeetingRow | None
    cover: CoverSheet
    sections: tuple[str, ...]
    outcomes: tuple[OutcomeRagSummary, ...]
    judgement: str
    judgement_reason: str
    exceptions: tuple[str, ...]
    scorecard: tuple[IndicatorRow, ...]
    risks: tuple[RiskRow, ...]
    extreme_risks: tuple[RiskRow, ...]
    movements: tuple[RiskMovement, ...]
    movements_since: str  # "the last pack, PACK-... (printed 07/10/2026 for ...)" or the assessments
    open_actions: tuple[ActionRow, ...]
    completed_actions: tuple[ActionRow, ...]
    completed_since: date | None
    completed_label: str  # "the last meeting (07/10/2019)" or "" when counted back three months
    partners: tuple[PartnerRow, ...]
    agenda: tuple[AgendaItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    attendance_label: str
    withheld: dict[str, int] = field(default_factory=dict)
    illustrative_values: int = 0
    draft: bool = False  # marked DRAFT on every page; nothing later compares with it
    rag_convention: str = RagConvention.DEFAULT  # the partnership's RAG convention, printed in the key
    outcome_labels: dict[int, str] = field(default_factory=dict)  # "PO1 Title", for the risks' links
    objective_labels: dict[int, str] = field(default_factory=dict)
    # a private pack's rows that the one privacy rule makes private, by table: marked CONFIDENTIAL
    confidential: dict[str, frozenset[int]] = field(default_factory=dict)
    # the programmes section: every programme the session may show, its milestones judged at the
    # pack's date, and the month whose highlight reports it names
    programmes: tuple[ProgrammeRow, ...] = ()
    programme_month: date | None = None

    @property
    def private(self) -> bool:
        return self.session is Session.PRIVATE

    def has(self, section: str) -> bool:
        return section in self.sections

    def marked(self, row: Any) -> bool:
        """Whether a row this pack prints is confidential (private by the one rule): a private
        pack marks it so; a public pack leaves it out and marks nothing."""
        from .privacy import row_key
        key = row_key(row)
        return key is not None and key[1] in self.confidential.get(key[0], ())

    def snapshot(self) -> str:
        """The data the pack showed, as JSON, kept with the printed bytes. The scorecard is the
        outcomes' own indicator rows listed flat, so it is kept as their ids: written out in full
        it doubled the snapshot (a large register's pack: 128 MB, half of it the same rows twice)."""
        # the encoder walks the lists and scalars itself (in C) and asks _fields() only for a
        # dataclass, an enum or a date
        doc = _fields(self)
        doc["scorecard"] = [i.id for i in self.scorecard]
        return json.dumps(doc, default=_fields, sort_keys=True, ensure_ascii=False)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(value: Any) -> Any:
    """One level of the snapshot, for json.dumps(default=...): a dataclass as its fields, an enum
    as its value, a date in ISO form; the encoder does the rest. A pack's
    data asks this of hundreds of thousands of objects (a large register's pack: 900,000), so
    how each type is turned into JSON is worked out once per type, not asked again each time."""
    convert = _CONVERT.get(type(value))
    if convert is None:
        convert = _CONVERT[type(value)] = _converter(value)
    return convert(value)


def _converter(value: Any) -> Any:
    kind = type(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(f.name for f in dataclasses.fields(value)))
        if len(names) < 2:  # attrgetter gives a tuple only for two names or more
            return lambda v: {n: getattr(v, n) for n in names}
        getter = attrgetter(*names)
        return lambda v: dict(zip(names, getter(v), strict=True))
    if isinstance(value, Enum):
        return lambda v: v.value
    if isinstance(value, date):
        return kind.isoformat
    if isinstance(value, frozenset | set):
        return sorted
    raise TypeError(f"a pack's snapshot cannot hold a {kind.__name__}")


_CONVERT: dict[type, Any] = {}
