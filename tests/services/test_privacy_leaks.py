"""Nothing private reaches a public output: the attack is generated from the model itself.

For every text column of every table the privacy rule (domain/privacy.py) can make private, and
for every way it can (marked directly, or inherited through each edge of the rule), a record
made private only that way carries a unique marker in each of its text columns. Public packs are
then printed through the service and the CLI, with the public monthly highlight report of every
month the programmes report on (service and CLI), every public meeting paper (agenda and minutes
of every meeting, the action log, the register of interests: PDF, DOCX and CSV), and the public
summary asked for; the page text,
the PDF's metadata, outline and raw content streams, the stored snapshot and the summary hold no
marker. A table, column or edge added later is planted without editing this test. The
self-check weakens the rule one element at a time and shows the test catching it."""

from __future__ import annotations

import io
import json
import re
import zipfile
from itertools import count

import pytest
from pypdf import PdfReader
from sqlalchemy import Enum, String, insert, select
from sqlalchemy.engine import Connection

from pbp_desktop.domain import privacy as rule
from pbp_desktop.readmodels.pack import _fields
from pbp_desktop.readmodels.papers import snapshot
from pbp_desktop.storage.base import Base
from pbp_desktop.storage.models import Pack
from tests.conftest import approve_and_amend_july_minutes

MARKER = re.compile(r"ZQ\d{4}X")


def text_columns(table) -> list:
    return [c for c in table.c if isinstance(c.type, String) and not isinstance(c.type, Enum)
            and not c.foreign_keys and not c.primary_key]


def ways(table_name: str) -> list[rule.Mark | rule.Inherits]:
    return [m for m in rule.MARKS if m.table == table_name] + [e for e in rule.INHERITS if e.table == table_name]


def _public_value(mark: rule.Mark) -> object:
    return False if mark.value is True else "public"


class Planter:
    """Clones an existing record of a table (so every required column has a sensible value),
    private only in the way asked, with a marker in each of its text columns."""

    def __init__(self, conn: Connection, focus: dict[str, int]):
        self.conn = conn
        self.focus = focus  # a public parent to use where one is needed (the pack's meeting)
        self.numbers = count(1)
        self.planted: dict[str, str] = {}  # marker -> "table.column via ..."
        self.private_meetings: list[int] = []

    def make(self, table_name: str, how: rule.Mark | rule.Inherits | None, *, plant: bool) -> int:
        table = Base.metadata.tables[table_name]
        order = BASE_ORDER.get(table_name, (table.c.id,))
        base = self.conn.execute(select(table).order_by(*order).limit(1)).mappings().first()
        assert base is not None, (f"the demo register holds no {table_name} to plant in: add one to the demo "
                                  "(or to this test's set-up) so that the rule's table is attacked")
        values = {k: v for k, v in base.items() if k != "id"}
        for mark in ways(table_name):
            if isinstance(mark, rule.Mark):
                values[mark.column] = mark.value if mark == how else _public_value(mark)
        group = next((g for g in ONE_OF.get(table_name, ()) if isinstance(how, rule.Inherits) and how.via in g), ())
        for column in group:  # a record that points at exactly one of these: at the one the way asks
            values[column] = None
        for edge in (e for e in ways(table_name) if isinstance(e, rule.Inherits)):
            if edge == how:
                parent_mark = next(m for m in rule.MARKS if m.table == edge.parent)
                values[edge.via] = self.make(edge.parent, parent_mark, plant=False)
            elif values.get(edge.via) is not None:
                column = table.c[edge.via]
                values[edge.via] = (None if column.nullable else self.focus.get(edge.parent)
                                    or self.make(edge.parent, None, plant=False))
        for column in text_columns(table):
            marker = f"ZQ{next(self.numbers):04d}X"
            if plant:
                self.planted[marker] = f"{table_name}.{column.name} ({_describe(how)})"
            else:  # a parent made only to make its child private: still nothing of it may show
                self.planted[marker] = f"{table_name}.{column.name} (parent, {_describe(how)})"
            values[column.name] = json.dumps(marker) if column.name == "snapshot" else marker
        if "version" in values:
            values["version"] = 1
        ident = self.conn.execute(insert(table).values(**values)).inserted_primary_key[0]
        if table_name == "meeting" and how is not None:
            self.private_meetings.append(ident)
        return ident


# Columns of which a record fills exactly one (a named check constraint): a clone made private
# through one of them points at that one only.
ONE_OF = {"programme_link": (("outcome_id", "objective_id", "risk_id", "action_id", "partner_id"),)}


def _score(t):
    return (t.c.current_consequence * t.c.current_likelihood).desc()


# Which record of a table to clone: the one a pack shows most of (the highest-scoring risk is
# named in the risks section; others only on the heat map).
BASE_ORDER = {"risk": (_score(Base.metadata.tables["risk"]),),
              "action": (Base.metadata.tables["action"].c.status != "open", Base.metadata.tables["action"].c.id),
              # a link to a partner (never private): a clone private through its programme keeps a public target
              "programme_link": (Base.metadata.tables["programme_link"].c.partner_id.is_(None),
                                 Base.metadata.tables["programme_link"].c.id)}


def _describe(how) -> str:
    if how is None:
        return "public parent"
    if isinstance(how, rule.Mark):
        return f"marked {how.column}={how.value}"
    return f"inherits via {how.via} from a private {how.parent}"


def plant_everything(reg) -> tuple[dict[str, str], list[int]]:
    """Plant; return marker -> where, and the private meetings made."""
    meeting = reg.packs.resolve_meeting("next")
    reg.packs.print_pack(meeting, "private", draft=True)  # a pack record to clone
    if not reg.queries.programmes(include_archived=True):  # until the demo holds programmes of its own
        from tests.reports.programmes_example import plant_programmes
        plant_programmes(reg)
    with reg.opened.engine.begin() as conn:
        planter = Planter(conn, {"meeting": meeting.id})
        for table_name in sorted(rule.private_tables()):
            for how in ways(table_name):
                planter.make(table_name, how, plant=True)
    planted = {k: v for k, v in planter.planted.items() if "public parent" not in v}  # public parents may show
    return planted, planter.private_meetings


def public_outputs(reg, tmp_path, backend: str, *, printed: bool = True) -> dict[str, str]:
    """Everything public the register prints, as text to search (printed=False: the public
    pack's data, from which its pages are drawn, and the summary: for the self-check)."""
    from pbp_desktop.cli.main import main
    from pbp_desktop.cli.output import print_summary

    tmp_path.mkdir(parents=True, exist_ok=True)
    meeting = reg.packs.resolve_meeting("next")
    found: dict[str, str] = {}
    if not printed:
        out = io.StringIO()
        print_summary(reg.queries.summary(include_confidential=False), out)
        found = {"pack data": reg.packs.build(meeting, "public").snapshot(), "summary": out.getvalue()}
        found.update({f"{what} data": snapshot(data) for what, data in public_papers(reg)})
        found.update({f"highlight report {month} data": json.dumps(reg.highlight.build(month, "public"), default=_fields)
                      for month in highlight_months(reg)})
        return found
    printed = reg.packs.print_pack(meeting, "public")
    reference, pdf = printed.reference, printed.pdf
    found["service pack"] = _pdf_text(pdf)
    with reg.opened.engine.connect() as conn:
        found["stored snapshot"] = conn.scalar(select(Pack.snapshot).where(Pack.reference == reference))
    out = io.StringIO()
    print_summary(reg.queries.summary(include_confidential=False), out)
    found["summary"] = out.getvalue()
    url = reg.opened.url.render_as_string(hide_password=False) if hasattr(reg.opened.url, "render_as_string") \
        else str(reg.opened.url)
    target = tmp_path / f"cli-{backend}.pdf"
    cli_out, cli_err = io.StringIO(), io.StringIO()
    code = main(["--db", url, "pack", "--session", "public", "--meeting", str(meeting.id), "--out", str(target),
                 "--today", reg.queries.today().isoformat()], out=cli_out, err=cli_err)
    assert code == 0, cli_err.getvalue()
    found["CLI pack"] = _pdf_text(target.read_bytes())
    cli_out = io.StringIO()
    assert main(["--db", url, "summary", "--today", reg.queries.today().isoformat()], out=cli_out) == 0
    found["CLI summary"] = cli_out.getvalue()
    found["Print pack dialog"] = _print_through_the_dialog(reg, meeting, tmp_path / f"dialog-{backend}.pdf")
    found.update(printed_papers(reg, "public"))
    target = tmp_path / f"cli-minutes-{backend}.docx"
    assert main(["--db", url, "minutes", "--meeting", str(meeting.id), "--out", str(target),
                 "--today", reg.queries.today().isoformat()], out=io.StringIO()) == 0
    found["CLI minutes"] = _docx_text(target.read_bytes())
    target = tmp_path / f"cli-actions-{backend}.csv"
    assert main(["--db", url, "actions", "--out", str(target), "--today", reg.queries.today().isoformat()],
                out=io.StringIO()) == 0
    found["CLI action log CSV"] = target.read_text(encoding="utf-8-sig")
    months = highlight_months(reg)
    for month in months:
        found[f"highlight report {month}"] = _pdf_text(reg.highlight.render(month, "public"))
    target = tmp_path / f"cli-highlight-{backend}.pdf"
    assert main(["--db", url, "highlight", "--month", months[0], "--session", "public", "--out", str(target),
                 "--today", reg.queries.today().isoformat()], out=io.StringIO()) == 0
    found["CLI highlight report"] = _pdf_text(target.read_bytes())
    return found


def highlight_months(reg) -> list[str]:
    """The months the programmes have highlight reports for (YYYY-MM), else this month."""
    months, stack = set(), list(reg.queries.programmes(include_archived=True))
    while stack:
        p = stack.pop()
        months |= {f"{u.month:%Y-%m}" for u in p.updates}
        stack.extend(p.projects)
    return sorted(months) or [f"{reg.queries.today():%Y-%m}"]


def public_papers(reg, session: str = "public"):
    """Every paper of the session as data, with a name: the agenda and minutes of every meeting
    that has them in that session (a public paper of a private meeting is refused), the action log
    and the register of interests."""
    from pbp_desktop.domain.errors import PbpError

    for m in reg.queries.meetings():
        for paper in ("agenda", "minutes"):
            try:
                yield f"{paper} of meeting {m.id}", reg.papers.build(paper, m.id, session)
            except PbpError:
                assert session == "public" and m.session.value == "private"
    yield "action log", reg.papers.build("action_log", None, session)
    yield "register of interests", reg.papers.build("interests", None, session)


def printed_papers(reg, session: str) -> dict[str, str]:
    """Every paper of the session printed through the service in PDF and DOCX (the action log
    also as CSV), with the snapshot each print recorded."""
    from pbp_desktop.readmodels.papers import ActionLogPaper, paper_kind

    found: dict[str, str] = {}
    for what, data in public_papers(reg, session):
        meeting = getattr(data, "meeting", None)
        for fmt in ("pdf", "docx"):
            printed = reg.papers.print_paper(paper_kind(data), meeting.id if meeting else None, session, fmt)
            text = _pdf_text(printed.pdf) if fmt == "pdf" else _docx_text(printed.pdf)
            with reg.opened.engine.connect() as conn:
                text += conn.scalar(select(Pack.snapshot).where(Pack.reference == printed.reference))
            found[f"{session} {what} ({fmt})"] = text
        if isinstance(data, ActionLogPaper):
            found[f"{session} action log (csv)"] = reg.papers.action_log_csv(data).decode("utf-8-sig")
    return found


def _docx_text(data: bytes) -> str:
    """Every part of a Word document (the body, headers, footers, properties) as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(name).decode("utf-8", "replace") for name in z.namelist())


def _print_through_the_dialog(reg, meeting, target) -> str:
    """The Print pack dialog's own path: its options, its cover for the public session, its write."""
    from pbp_desktop.ui import drafts
    from pbp_desktop.ui.ops import Ops
    from pbp_desktop.ui.pack_dialog import PrintPackDialog

    drafts.drafts_file = lambda: target.with_suffix(".drafts.json")  # never the user's own drafts
    dialog = PrintPackDialog(Ops(reg))
    try:
        dialog.meeting.setCurrentIndex(dialog.meeting.findData(meeting.id))
        dialog.public.setChecked(True)
        assert dialog.print_to_file(str(target)) == target, dialog.message.text()
    finally:
        dialog.deleteLater()
    return _pdf_text(target.read_bytes())


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    parts = [p.extract_text() for p in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    parts += [_outline(reader.outline)]
    parts += [p.get_contents().get_data().decode("latin-1") for p in reader.pages if p.get_contents()]
    parts += [str(reader.attachments)]
    parts.append(pdf.decode("latin-1"))
    return re.sub(r"\s+", "", "\n".join(parts))


def _outline(items) -> str:
    return " ".join(_outline(i) if isinstance(i, list) else i.title for i in items)


def leaks(found: dict[str, str], planted: dict[str, str]) -> dict[str, list[str]]:
    return {where: sorted({planted[m] for m in MARKER.findall(text) if m in planted})
            for where, text in found.items() if any(m in planted for m in MARKER.findall(text))}


def test_no_private_record_reaches_a_public_output(demo, tmp_path, backend, qtbot, monkeypatch):
    from pbp_desktop.ui import drafts
    monkeypatch.setattr(drafts, "drafts_file", drafts.drafts_file)  # put back after the dialog's print
    approve_and_amend_july_minutes(demo)
    planted, private_meetings = plant_everything(demo)
    tables = {v.split(".")[0] for v in planted.values()}
    assert tables == {t for t in rule.private_tables() if text_columns(Base.metadata.tables[t])}
    private = demo.privacy.records()
    assert all(private.ids.get(t) for t in rule.private_tables())
    found = public_outputs(demo, tmp_path, backend)
    assert leaks(found, planted) == {}
    # the attack reaches the output: the private packs (of the same meeting, and of the private
    # meetings planted) show every marker but those of columns no pack prints
    shown = set()
    for meeting in [demo.packs.resolve_meeting("next")] + [demo.packs.resolve_meeting(i) for i in private_meetings]:
        printed = demo.packs.print_pack(meeting, "private")
        reference, pdf = printed.reference, printed.pdf
        with demo.opened.engine.connect() as conn:
            snapshot = conn.scalar(select(Pack.snapshot).where(Pack.reference == reference))
        shown |= set(MARKER.findall(_pdf_text(pdf) + snapshot))
    for text in printed_papers(demo, "private").values():
        shown |= set(MARKER.findall(text))
    for month in highlight_months(demo):
        shown |= set(MARKER.findall(_pdf_text(demo.highlight.render(month, "private"))))
    unseen = {v.split(" ")[0] for m, v in planted.items() if m not in shown}
    assert unseen == set(NEVER_PRINTED), "\n".join(sorted(v for m, v in planted.items() if m not in shown))


# Columns of the rule's tables that no private pack or private paper prints (the app's own
# bookkeeping, or names printed from the register): the attack on them cannot be seen either way.
NEVER_PRINTED: dict[str, str] = {
    "attendance.name": "printed as the person's name where the attendance names a person in the register",
    "declaration.name": "printed as the person's name where the declaration names a person in the register",
    "pack.reference": "a pack never prints the record of other packs",
    "pack.printed_by": "a pack never prints the record of other packs",
    "pack.sha256": "a pack never prints the record of other packs",
    "pack.snapshot": "a pack never prints the record of other packs",
}

RULE_ELEMENTS = [("mark", m) for m in rule.MARKS] + [("edge", e) for e in rule.INHERITS]


@pytest.mark.sqlite_only
def test_self_check_the_leak_test_catches_a_weakened_rule(demo_path, tmp_path, monkeypatch):
    """Each element of the rule dropped in turn: the elements whose loss lets a marker out are
    caught. Those whose loss shows nothing are guarded twice (the public pack of a private
    meeting is refused; a hidden parent hides its children), and are named here, so that a
    change in that is seen."""
    import shutil

    from pbp_desktop.services import Register
    from pbp_desktop.storage import privacy as applied
    from tests.conftest import TODAY

    planted_path = tmp_path / "planted.sqlite"
    shutil.copyfile(demo_path, planted_path)
    reg = Register.open(f"sqlite:///{planted_path}", clock=lambda: TODAY)
    approve_and_amend_july_minutes(reg)
    planted, _ = plant_everything(reg)
    reg.close()
    caught, missed = [], []
    for n, (kind, element) in enumerate(RULE_ELEMENTS):
        path = tmp_path / f"weak{n}.sqlite"
        shutil.copyfile(planted_path, path)
        reg = Register.open(f"sqlite:///{path}", clock=lambda: TODAY)
        name = f"{element.table}.{getattr(element, 'via', None) or element.column}"
        try:
            with monkeypatch.context() as m:
                if kind == "mark":
                    m.setattr(applied, "MARKS", tuple(x for x in rule.MARKS if x != element))
                else:
                    m.setattr(applied, "INHERITS", tuple(x for x in rule.INHERITS if x != element))
                found = public_outputs(reg, tmp_path / f"w{n}", "sqlite", printed=False)
            (caught if leaks(found, planted) else missed).append(name)
        finally:
            reg.close()
    assert len(caught) >= 8, caught
    assert sorted(missed) == sorted(EXPECTED_DOUBLY_GUARDED), f"caught: {caught}; missed: {missed}"


# Dropping one of these lets nothing out, because a second rule also holds: a private
# meeting's own business is only printed in a pack for that meeting (refused in public), and a
# hidden parent row carries its children out of the pack with it.
EXPECTED_DOUBLY_GUARDED = [
    "pack.session", "pack.meeting_id",  # no paper prints the record of packs
    "agenda_item.meeting_id", "attendance.meeting_id", "declaration.meeting_id",  # only in that meeting's pack
    "minute.agenda_item_id", "resolution.agenda_item_id", "declaration.agenda_item_id",  # leave with their item
    "minute_amendment.agenda_item_id",  # printed only under its item in the minutes: leaves with it
    "risk_score.risk_id", "risk_link.risk_id",  # leave with their risk
    "action_update.action_id",  # leave with their action
    # a programme's projects, links, goals, benefits, highlight reports and milestones leave with it;
    # a milestone's forecast history with its milestone
    "programme.parent_id", "programme_link.programme_id", "programme_goal.programme_id",
    "programme_benefit.programme_id", "programme_update.programme_id", "milestone.programme_id",
    "milestone_forecast.milestone_id",
]
