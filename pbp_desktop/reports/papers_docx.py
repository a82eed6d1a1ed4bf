"""Reports layer: the meeting papers as Word documents (python-docx), because secretaries circulate
drafts in Word for comment: the same words as the PDF (reports/papers.py) from the same
readmodels, with the reference, the date, the session marking (and DRAFT on minutes not yet
approved) and "Page X of Y" in every page's header and footer. The same paper gives the same
bytes: the document's dates are the paper's, and the zip's entries carry a fixed time."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..domain.papers import NOT_YET_DUE
from ..domain.periods import uk_date
from ..readmodels import ActionRow
from ..readmodels.papers import (
    ActionLogPaper,
    AgendaEntry,
    AgendaPaper,
    AnyPaper,
    InterestsPaper,
    MinutesPaper,
    item_detail,
)
from .canvas import LANG

NHS_BLUE = RGBColor(0x00, 0x5E, 0xB8)
NHS_DARK_BLUE = RGBColor(0x00, 0x30, 0x87)
PRIVATE_RED = RGBColor(0xD5, 0x28, 0x1B)
GREY = RGBColor(0x76, 0x86, 0x92)
EXEMPT_WORDS = "exempt information"


class _Writer:
    def __init__(self, paper: AnyPaper):
        self.paper = paper
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10.5)
        for name, colour in (("Title", NHS_DARK_BLUE), ("Heading 1", NHS_BLUE), ("Heading 2", NHS_DARK_BLUE),
                             ("Heading 3", NHS_DARK_BLUE)):
            style = self.doc.styles[name]
            style.font.name = "Arial"
            style.font.color.rgb = colour
        self.doc.styles["Title"].font.size = Pt(20)

    # -------------------------------------------------------------- building blocks

    def para(self, text: str = "", *, bold: bool = False, italic: bool = False, colour: RGBColor | None = None,
             style: str | None = None, size: float | None = None):
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if colour is not None:
                run.font.color.rgb = colour
            if size is not None:
                run.font.size = Pt(size)
        return p

    def labelled(self, label: str, text: str):
        p = self.doc.add_paragraph()
        p.add_run(label + " ").bold = True
        p.add_run(text)
        return p

    def heading(self, text: str, level: int):
        return self.doc.add_heading(text, level=level)

    def table(self, header: list[str], rows: list[list[str]], widths_mm: list[float] | None = None,
              bold_first: bool = True):
        t = self.doc.add_table(rows=1, cols=len(header))
        t.style = self.doc.styles["Table Grid"]
        for cell, text in zip(t.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(9)
            _shade(cell, "005EB8")
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _repeat_header(t.rows[0])
        for values in rows:
            cells = t.add_row().cells
            for n, (cell, text) in enumerate(zip(cells, values, strict=True)):
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(9)
                if n == 0 and bold_first:
                    run.bold = True
        if widths_mm:
            for row in t.rows:
                for cell, w in zip(row.cells, widths_mm, strict=True):
                    cell.width = Mm(w)
        return t

    # -------------------------------------------------------------- page furniture

    def furniture(self, left: str, day: str, draft_note: str, landscape: bool) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        for side in ("left_margin", "right_margin"):
            setattr(section, side, Mm(18))
        section.top_margin = section.bottom_margin = Mm(20)
        paper = self.paper
        marking = "PRIVATE - NOT FOR PUBLICATION" if paper.private else "PUBLIC"
        head = section.header.paragraphs[0]
        head.text = ""
        head.add_run(f"{left}    ").font.size = Pt(8)
        run = head.add_run(marking)
        run.bold = True
        run.font.size = Pt(8)
        run.font.color.rgb = PRIVATE_RED if paper.private else NHS_BLUE
        if draft_note:
            note = section.header.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = note.add_run(draft_note)
            r.bold = True
            r.font.size = Pt(9)
            r.font.color.rgb = PRIVATE_RED
        foot = section.footer.paragraphs[0]
        foot.text = ""
        foot.add_run(f"{paper.reference} · {day} · {marking} · Page ").font.size = Pt(8)
        _field(foot, "PAGE")
        foot.add_run(" of ").font.size = Pt(8)
        _field(foot, "NUMPAGES")

    def save(self) -> bytes:
        props = self.doc.core_properties
        when = datetime.combine(self.paper.printed_on, time(0))
        props.title = f"{self.paper.title} ({self.paper.reference})"
        props.author = props.last_modified_by = self.paper.partnership
        props.subject = f"{self.paper.title}, {self.paper.session.label.lower()} session"
        props.comments = "Printed by PBP Desktop"
        props.language = LANG
        _language(self.doc, LANG)
        props.created = props.modified = when
        props.revision = 1
        raw = io.BytesIO()
        self.doc.save(raw)
        return _fixed_zip(raw.getvalue())


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _field(paragraph, code: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fixed_zip(data: bytes) -> bytes:
    """The document's zip again with every entry dated 1 January 1980: the same paper, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ the papers




def _actions(w: _Writer, actions: tuple[ActionRow, ...], completed: bool = False) -> None:
    rows = []
    for a in actions:
        if completed:
            status = uk_date(a.completed_on)
        elif a.overdue:
            status = f"{a.status.label}: OVERDUE by {a.days_overdue} day{'s' if a.days_overdue != 1 else ''}"
        else:
            status = a.status.label
        rows.append([a.reference, a.description, a.owner_name, uk_date(a.due_on), status])
    w.table(["Ref", "Action", "Owner", "Due", "Completed" if completed else "Status"], rows,
            [18, 80, 35, 20, 30])


def _agenda_entry(w: _Writer, paper: AgendaPaper, entry: AgendaEntry) -> None:
    if entry.item is None:
        w.heading(f"Item {entry.number}: {EXEMPT_WORDS}", 2)
        return
    item = entry.item
    if item.kind.value == "next_meeting" and paper.next_meeting:
        w.heading(f"{entry.number}. Date of next meeting: {paper.next_meeting}", 2)
        return
    w.heading(f"{entry.number}. {item.title}", 2)
    if item.description:
        w.para(item.description)
    detail = item_detail(item)
    if detail:
        w.para(detail, colour=GREY, size=9)
    if item.kind.value == "action_log":
        if paper.carried_forward:
            w.para("Actions carried forward (open and overdue):", bold=True)
            _actions(w, paper.carried_forward)
        else:
            w.para("There are no open actions to carry forward.")
        if paper.completed_since:
            w.para(f"Actions completed {paper.completed_label}:", bold=True)
            _actions(w, paper.completed_since, completed=True)
        if paper.withheld_actions:
            w.para(f"{paper.withheld_actions} action(s) arising from business taken in private are reported to the "
                   "private session.", colour=GREY, size=9)


def _agenda(w: _Writer, paper: AgendaPaper) -> None:
    w.para(paper.meeting.body_name, style="Title")
    w.para(paper.when, size=12)
    w.heading("Agenda", 1)
    if paper.public_note:
        w.para(paper.public_note, bold=True)
    for entry in paper.items:
        _agenda_entry(w, paper, entry)
    if paper.part2:
        w.heading("Part 2: items of business to be taken in private", 1)
        if paper.exclusion:
            w.para(paper.exclusion)
        if not paper.private:
            w.para("The items below contain exempt information; their papers are not published.", colour=GREY,
                   size=9)
        for entry in paper.part2:
            _agenda_entry(w, paper, entry)
    if paper.signatory:
        name, _, role = paper.signatory.partition(",")
        p = w.para(name.strip(), bold=True)
        if role.strip():
            p.add_run().add_break()
            p.add_run(role.strip())
    if paper.distribution_text:
        w.para("Distribution:", bold=True)
        w.para(paper.distribution_text)
    if paper.contact_officer:
        w.labelled("Agenda prepared by:", paper.contact_officer)


def _minutes(w: _Writer, paper: MinutesPaper) -> None:
    w.para(paper.heading, style="Title")
    w.para(paper.when, size=12)
    w.para(paper.approved_text, bold=True, colour=PRIVATE_RED if paper.draft else None)
    for label, text in (("Present:", paper.present_text), ("In Attendance:", paper.in_attendance_text),
                        ("Apologies:", paper.apologies_text)):
        if text:
            w.labelled(label, text)
    if paper.declaration_lines:
        w.heading("Declarations of interest", 2)
        for line in paper.declaration_lines:
            w.para(line)
    excluded = False
    for entry in paper.entries:
        if entry.part2 and not excluded:
            excluded = True
            w.heading("Part 2: business taken in private", 1)
            if paper.exclusion:
                w.para(paper.exclusion)
        w.heading(f"{entry.ref} {entry.item.title}", 2)
        for line in entry.declaration_lines:
            w.para(line)
        for b in entry.blocks:
            w.para(b.text, style=("List Bullet 2" if b.level else "List Bullet") if b.bullet else None)
        for line in entry.resolution_lines:
            w.para(line)
        for a in entry.amendments:
            w.para(f"Amended on {uk_date(a.amended_on)}: {a.reason}", italic=True, colour=GREY, size=9)
    if paper.ended:
        w.para(paper.ended, bold=True)
    if paper.signature_line:
        w.para("")
        w.para(paper.signature_line, bold=True)
    if paper.contact_officer:
        w.labelled("Contact Officer:", paper.contact_officer)


def _action_log(w: _Writer, paper: ActionLogPaper) -> None:
    w.para("Action log", style="Title")
    w.para(paper.filters, size=12)
    w.table([b for b, _ in paper.bands], [[str(n) for _, n in paper.bands]], bold_first=False)
    if not paper.owners:
        w.para("No action matches.")
    for group in paper.owners:
        count = len(group.lines)
        w.heading(f"{group.owner} ({count} action{'s' if count != 1 else ''})", 2)
        rows = []
        for line in group.lines:
            a = line.action
            raised = " - ".join(p for p in (a.meeting_label, a.agenda_item_label) if p)
            update = f"{uk_date(line.latest_update.written_on)}: {line.latest_update.text}" if line.latest_update else ""
            ageing = line.band if line.band == NOT_YET_DUE else f"{line.band} ({a.days_overdue} days)"
            rows.append([a.reference, a.description, raised, uk_date(a.due_on), a.status.label, ageing, update])
        w.table(["Ref", "Action", "Raised at", "Due", "Status", "Ageing", "Latest update"], rows,
                [18, 70, 45, 19, 20, 32, 57])
    if paper.withheld:
        w.para(f"{paper.withheld} action(s) arising from business taken in private are not shown in this public "
               "version.", colour=GREY, size=9)


def _interests(w: _Writer, paper: InterestsPaper) -> None:
    w.para("Register of interests", style="Title")
    w.para(f"{paper.partnership}: interests declared by members, as at {uk_date(paper.printed_on)}", size=12)
    if paper.note:
        w.para(paper.note, colour=GREY, size=9)
    if not paper.people:
        w.para("No interest has been declared.")
    for group in paper.people:
        w.heading(group.person, 2)
        w.table(["Category", "Organisation or matter", "Nature of the interest", "From", "To"],
                [[i.category.label, i.organisation, i.description or "", uk_date(i.from_on),
                  uk_date(i.to_on) or "Current"] for i in group.interests], [36, 48, 60, 15, 15], bold_first=False)


def build_paper_docx(paper: AnyPaper) -> bytes:
    w = _Writer(paper)
    if isinstance(paper, AgendaPaper | MinutesPaper):
        day = uk_date(paper.meeting.meets_on)
        left = f"{paper.meeting.body_name} · {'Agenda' if isinstance(paper, AgendaPaper) else 'Minutes'}"
    else:
        day = uk_date(paper.printed_on)
        left = f"{paper.partnership} · {paper.title}"
    draft = paper.approved_text if isinstance(paper, MinutesPaper) and paper.draft else ""
    w.furniture(left, day, draft, landscape=isinstance(paper, ActionLogPaper))
    if isinstance(paper, AgendaPaper):
        _agenda(w, paper)
    elif isinstance(paper, MinutesPaper):
        _minutes(w, paper)
    elif isinstance(paper, ActionLogPaper):
        _action_log(w, paper)
    else:
        _interests(w, paper)
    return w.save()


def _language(doc, lang: str) -> None:
    """The text's language (spell checking, screen readers): on the default run properties."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    rpr = doc.styles.element.find(qn("w:docDefaults"))
    rpr = rpr.find(qn("w:rPrDefault")).find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        rpr = doc.styles["Normal"].element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    rpr.append(el)
