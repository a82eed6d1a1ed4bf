"""Reports layer: the meeting papers as PDF - the agenda in the council and NHS form, the minutes
in the form of the council's minutes, the action log by owner with its ageing, the register of
interests - each with the pack's fonts, NHS Blue, page furniture (reference and date, "Page X of
Y", the session marking; DRAFT on minutes not yet approved). Draws readmodels/papers.py only."""

from __future__ import annotations

import io
import re
from html import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

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
from .canvas import FOOTER_H, HEADER_H, LANG, MARGIN, Furniture, NumberedCanvas
from .theme import (
    BOLD,
    FONT,
    MID_GREY,
    NHS_BLUE,
    NHS_DARK_BLUE,
    OVERDUE_SHADE,
    PRIVATE_RED,
    register_fonts,
    styles,
)

PORTRAIT = A4
NUMBER_W = 16 * mm  # the column of item and minute numbers


def E(text: object) -> str:  # noqa: N802 - reads like a tag
    return escape(str(text or ""), quote=False)


_EXTRA: dict[str, ParagraphStyle] = {}


def S(name: str) -> ParagraphStyle:  # noqa: N802
    """The pack's styles, and the papers' few of their own (a paper reads at 10.5 pt)."""
    if not _EXTRA:
        base = styles()["body"]
        _EXTRA.update({
            "text": ParagraphStyle("p_text", parent=base, fontSize=10.5, leading=14, spaceAfter=6),
            "bullet": ParagraphStyle("p_bullet", parent=base, fontSize=10.5, leading=14, spaceAfter=3,
                                     leftIndent=6 * mm, bulletIndent=1.5 * mm, bulletFontName=FONT),
            "bullet2": ParagraphStyle("p_bullet2", parent=base, fontSize=10.5, leading=14, spaceAfter=3,
                                      leftIndent=12 * mm, bulletIndent=7.5 * mm, bulletFontName=FONT),
            "hanging": ParagraphStyle("p_hanging", parent=base, fontSize=10.5, leading=14, spaceAfter=3,
                                      leftIndent=9 * mm, firstLineIndent=-9 * mm),
            "title": ParagraphStyle("p_title", parent=base, fontName=BOLD, fontSize=17, leading=22,
                                    textColor=NHS_DARK_BLUE, spaceAfter=6),
            "sub": ParagraphStyle("p_sub", parent=base, fontSize=11.5, leading=15, spaceAfter=8),
            "big": ParagraphStyle("p_big", parent=base, fontName=BOLD, fontSize=15, leading=19, textColor=NHS_BLUE,
                                  spaceBefore=6, spaceAfter=4),
            "item": ParagraphStyle("p_item", parent=base, fontName=BOLD, fontSize=11, leading=14.5,
                                   textColor=NHS_DARK_BLUE),
            "detail": ParagraphStyle("p_detail", parent=base, fontSize=9, leading=12, textColor=MID_GREY),
            "label": ParagraphStyle("p_label", parent=base, fontName=BOLD, fontSize=10.5, leading=14),
            "draft": ParagraphStyle("p_draft", parent=base, fontName=BOLD, fontSize=10.5, leading=14,
                                    textColor=PRIVATE_RED, spaceAfter=6),
            "h2": ParagraphStyle("p_h2", parent=styles()["h2"], fontSize=12.5, leading=16, spaceBefore=10),
        })
    return _EXTRA.get(name) or styles()[name]


def P(text: str, style: str = "text") -> Paragraph:  # noqa: N802
    return Paragraph(text, S(style))


class PaperFurniture(Furniture):
    """The pack's page furniture, with a line of its own under the header where the paper has one
    (draft minutes: 'DRAFT - subject to approval at the next meeting', on every page)."""

    def __init__(self, *args, note: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.note = note

    @property
    def marking(self) -> str:
        marking = "PRIVATE - NOT FOR PUBLICATION" if self.private else "PUBLIC"
        return f"DRAFT · {marking}" if self.draft else marking

    def draw(self, canv, doc) -> None:
        super().draw(canv, doc)
        if self.note:
            w, h = canv._pagesize
            canv.saveState()
            canv.setFont(BOLD, 8.5)
            canv.setFillColor(PRIVATE_RED)
            canv.drawCentredString(w / 2, h - 16 * mm, self.note)
            canv.restoreState()


def _grid(rows: list[list], widths: list[float], *, header: bool = True, shade: list[int] | None = None) -> Table:
    t = LongTable(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 8.5), ("GRID", (0, 0), (-1, -1), 0.3, MID_GREY),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white)]
    for r in shade or []:
        style.append(("BACKGROUND", (0, r), (-1, r), OVERDUE_SHADE))
    t.setStyle(TableStyle(style))
    return t


def _cell(text: object, bold: bool = False) -> Paragraph:
    return Paragraph(E(text), styles()["cell_bold" if bold else "cell"])


def _head(text: str) -> Paragraph:
    return Paragraph(E(text), styles()["head"])


def _numbered(number: str, first: list[Flowable], width: float) -> Table:
    """A number in the left column and the item's heading beside it (kept on one line)."""
    t = Table([[P(f"<b>{E(number)}</b>", "item"), first]], colWidths=[NUMBER_W, width - NUMBER_W])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


def _indented(flowables: list[Flowable]) -> list[Flowable]:
    """Body text under a numbered heading, indented to the heading's text."""
    out: list[Flowable] = []
    for f in flowables:
        if isinstance(f, Paragraph):
            st = f.style
            out.append(Paragraph(f.text, ParagraphStyle(st.name + "_in", parent=st, leftIndent=st.leftIndent + NUMBER_W,
                                                         bulletIndent=getattr(st, "bulletIndent", 0) + NUMBER_W),
                                 bulletText=f.bulletText))
        else:
            out.append(f)
    return out


def _labelled(label: str, text: str, width: float) -> Table:
    t = Table([[P(E(label), "label"), P(E(text))]], colWidths=[36 * mm, width - 36 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


# ------------------------------------------------------------------ the agenda




def _action_rows(actions: tuple[ActionRow, ...], width: float, completed: bool = False) -> Table:
    widths = [18 * mm, width - 18 * mm - 34 * mm - 20 * mm - 30 * mm, 34 * mm, 20 * mm, 30 * mm]
    rows: list[list] = [[_head("Ref"), _head("Action"), _head("Owner"), _head("Due"),
                         _head("Completed" if completed else "Status")]]
    shade = []
    for n, a in enumerate(actions, start=1):
        if completed:
            status = uk_date(a.completed_on)
        elif a.overdue:
            status = f"{a.status.label}: OVERDUE by {a.days_overdue} day{'s' if a.days_overdue != 1 else ''}"
            shade.append(n)
        else:
            status = a.status.label
        rows.append([_cell(a.reference, True), _cell(a.description), _cell(a.owner_name), _cell(uk_date(a.due_on)),
                     _cell(status, a.overdue and not completed)])
    return _grid(rows, widths, shade=shade)


def _agenda_entry(paper: AgendaPaper, entry: AgendaEntry, width: float) -> list[Flowable]:
    if entry.item is None:
        return [_numbered("", [P(f"<b>Item {E(entry.number)}: {EXEMPT_WORDS}</b>", "item")], width),
                Spacer(1, 3 * mm)]
    item = entry.item
    if item.kind.value == "next_meeting" and paper.next_meeting:
        return [_numbered(entry.number, [P(f"Date of next meeting: {E(paper.next_meeting)}", "item")], width),
                Spacer(1, 3 * mm)]
    head: list[Flowable] = [P(E(item.title), "item")]
    body: list[Flowable] = []
    if item.description:
        body.append(P(E(item.description)))
    detail = item_detail(item)
    if detail:
        body.append(P(E(detail), "detail"))
    out: list[Flowable] = [KeepTogether([_numbered(entry.number, head, width), *_indented(body)])]
    if item.kind.value == "action_log":
        inner = width - NUMBER_W
        if paper.carried_forward:
            out += _indented([P("<b>Actions carried forward</b> (open and overdue):", "text")])
            out.append(_pad(_action_rows(paper.carried_forward, inner)))
        else:
            out += _indented([P("There are no open actions to carry forward.", "text")])
        if paper.completed_since:
            out += _indented([Spacer(1, 2 * mm), P(f"<b>Actions completed {E(paper.completed_label)}</b>:", "text")])
            out.append(_pad(_action_rows(paper.completed_since, inner, completed=True)))
        if paper.withheld_actions:
            out += _indented([P(f"{paper.withheld_actions} action(s) arising from business taken in private are "
                                "reported to the private session.", "detail")])
    out.append(Spacer(1, 3 * mm))
    return out


def _pad(table: Table) -> Table:
    """A table set in under a numbered heading."""
    t = Table([["", table]], colWidths=[NUMBER_W, None])
    t.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


EXEMPT_WORDS = "exempt information"


def _agenda(paper: AgendaPaper, width: float) -> list[Flowable]:
    m = paper.meeting
    story: list[Flowable] = [P(E(m.body_name), "title"), P(E(paper.when), "sub"), P("Agenda", "big")]
    if paper.public_note:
        story.append(P(E(paper.public_note), "label"))
    story.append(Spacer(1, 5 * mm))
    for entry in paper.items:
        story += _agenda_entry(paper, entry, width)
    if paper.part2:
        story += [CondPageBreak(40 * mm), P("Part 2: items of business to be taken in private", "h2")]
        if paper.exclusion:
            story.append(P(E(paper.exclusion)))
        if not paper.private:
            story.append(P("The items below contain exempt information; their papers are not published.", "detail"))
        story.append(Spacer(1, 3 * mm))
        for entry in paper.part2:
            story += _agenda_entry(paper, entry, width)
    if paper.signatory:
        story += [Spacer(1, 4 * mm)] + [P(E(line), "label" if n == 0 else "text")
                                         for n, line in enumerate(_lines(paper.signatory))]
    if paper.distribution_text:
        story += [Spacer(1, 3 * mm), P("<b>Distribution:</b>"), P(E(paper.distribution_text))]
    if paper.contact_officer:
        story += [Spacer(1, 2 * mm), P(f"<b>Agenda prepared by:</b> {E(paper.contact_officer)}", "text")]
    return story


def _lines(signatory: str) -> list[str]:
    """'David Stevens, Interim Chief Executive' signs on two lines, as the agenda has it."""
    name, _, role = signatory.partition(",")
    return [name.strip(), role.strip()] if role.strip() else [name.strip()]


# ------------------------------------------------------------------ the minutes


_INITIAL = re.compile(r"\b([A-Z]) (?=[A-Z])")


def _minutes(paper: MinutesPaper, width: float) -> list[Flowable]:
    story: list[Flowable] = [P(E(paper.heading), "title"), P(E(paper.when), "sub")]
    story.append(P(E(paper.approved_text), "draft" if paper.draft else "label"))
    story.append(Spacer(1, 2 * mm))
    for label, text in (("Present:", paper.present_text), ("In Attendance:", paper.in_attendance_text),
                        ("Apologies:", paper.apologies_text)):
        if text:  # an initial stays on the line of its name ("R Jones", "E M Giles")
            story += [_labelled(label, _INITIAL.sub("\\1\u00a0", text), width), Spacer(1, 2 * mm)]
    story.append(Spacer(1, 3 * mm))
    if paper.declaration_lines:
        story += [P("Declarations of interest", "item")] + [P(E(line)) for line in paper.declaration_lines]
    excluded = False
    for entry in paper.entries:
        if entry.part2 and not excluded:
            excluded = True
            story += [CondPageBreak(40 * mm), P("Part 2: business taken in private", "h2")]
            if paper.exclusion:
                story.append(P(E(paper.exclusion)))
        body: list[Flowable] = [P(E(line)) for line in entry.declaration_lines]
        for b in entry.blocks:
            if b.bullet:  # a bullet under a bullet is indented further, with a dash
                body.append(Paragraph(E(b.text), S("bullet2" if b.level else "bullet"), bulletText="–" if b.level else "•"))
            else:
                body.append(P(E(b.text)))
        for n, line in enumerate(entry.resolution_lines):
            body.append(P(E(line), "hanging" if n else "text"))
        for a in entry.amendments:
            body.append(P(f"<i>Amended on {uk_date(a.amended_on)}: {E(a.reason)}</i>", "detail"))
        body = _indented(body)
        head = _numbered(entry.ref, [P(E(entry.item.title), "item")], width)
        story.append(KeepTogether([head, *body[:2]]))
        story += body[2:]
        story.append(Spacer(1, 3 * mm))
    if paper.ended:
        story += [Spacer(1, 2 * mm), P(E(paper.ended), "label")]
    if paper.signature_line:
        story += [Spacer(1, 10 * mm), P(E(paper.signature_line), "label")]
    if paper.contact_officer:
        story += [Spacer(1, 4 * mm), P(f"<b>Contact Officer:</b> {E(paper.contact_officer)}")]
    return story


# ------------------------------------------------------------------ the action log


def _action_log(paper: ActionLogPaper, width: float) -> list[Flowable]:
    story: list[Flowable] = [P("Action log", "title"), P(E(paper.filters), "sub")]
    summary = [[_head(b) for b, _ in paper.bands], [_cell(str(n), True) for _, n in paper.bands]]
    story += [_grid(summary, [width / len(paper.bands)] * len(paper.bands)), Spacer(1, 4 * mm)]
    if not paper.owners:
        story.append(P("No action matches."))
    widths = [18 * mm, 70 * mm, 45 * mm, 19 * mm, 20 * mm, 32 * mm]
    widths.append(width - sum(widths))
    for group in paper.owners:
        rows: list[list] = [[_head("Ref"), _head("Action"), _head("Raised at"), _head("Due"), _head("Status"),
                             _head("Ageing"), _head("Latest update")]]
        shade = []
        for n, line in enumerate(group.lines, start=1):
            a = line.action
            raised = " - ".join(p for p in (a.meeting_label, a.agenda_item_label) if p)
            update = f"{uk_date(line.latest_update.written_on)}: {line.latest_update.text}" if line.latest_update else ""
            ageing = line.band if line.band == NOT_YET_DUE else f"{line.band} ({a.days_overdue} days)"
            if a.overdue:
                shade.append(n)
            rows.append([_cell(a.reference, True), _cell(a.description), _cell(raised), _cell(uk_date(a.due_on)),
                         _cell(a.status.label), _cell(ageing, a.overdue), _cell(update)])
        count = len(group.lines)
        story += [CondPageBreak(30 * mm),
                  P(f"{E(group.owner)} ({count} action{'s' if count != 1 else ''})", "h2"),
                  _grid(rows, widths, shade=shade)]
    if paper.withheld:
        story += [Spacer(1, 3 * mm), P(f"{paper.withheld} action(s) arising from business taken in private are not "
                                       "shown in this public version.", "detail")]
    return story


# ------------------------------------------------------------------ the register of interests


def _interests(paper: InterestsPaper, width: float) -> list[Flowable]:
    story: list[Flowable] = [P("Register of interests", "title"),
                             P(f"{E(paper.partnership)}: interests declared by members, as at "
                               f"{uk_date(paper.printed_on)}", "sub")]
    if paper.note:
        story.append(P(E(paper.note), "detail"))
    if not paper.people:
        story.append(P("No interest has been declared."))
    widths = [36 * mm, 48 * mm, 0.0, 20 * mm, 20 * mm]
    widths[2] = width - sum(widths)
    for group in paper.people:
        rows: list[list] = [[_head("Category"), _head("Organisation or matter"), _head("Nature of the interest"),
                             _head("From"), _head("To")]]
        for i in group.interests:
            rows.append([_cell(i.category.label), _cell(i.organisation), _cell(i.description),
                         _cell(uk_date(i.from_on)), _cell(uk_date(i.to_on) or "Current")])
        story += [CondPageBreak(25 * mm), P(E(group.person), "h2"), _grid(rows, widths)]
    return story


# ------------------------------------------------------------------ the document


def build_paper(paper: AnyPaper) -> bytes:
    """Render a paper; the same paper gives the same bytes (ReportLab's invariant mode)."""
    register_fonts()
    rl_config.invariant = 1
    buffer = io.BytesIO()
    size = landscape(A4) if isinstance(paper, ActionLogPaper) else PORTRAIT
    if isinstance(paper, AgendaPaper | MinutesPaper):
        day = paper.meeting.meets_on
        left = f"{paper.meeting.body_name} · {'Agenda' if isinstance(paper, AgendaPaper) else 'Minutes'}"
    else:
        day = paper.printed_on
        left = f"{paper.partnership} · {paper.title}"
    draft = isinstance(paper, MinutesPaper) and paper.draft
    furniture = PaperFurniture(left, paper.reference, uk_date(day), paper.private, draft=draft,
                               note=paper.approved_text if draft and isinstance(paper, MinutesPaper) else "")
    top = HEADER_H + (10 if draft else 6) * mm
    doc = BaseDocTemplate(buffer, pagesize=size, title=f"{paper.title} ({paper.reference})",
                          author=paper.partnership, subject=f"{paper.title}, {paper.session.label.lower()} session",
                          creator="PBP Desktop", lang=LANG, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
                          bottomMargin=FOOTER_H + 5 * mm)
    width = size[0] - 2 * MARGIN
    frame = Frame(MARGIN, FOOTER_H + 5 * mm, width, size[1] - top - FOOTER_H - 5 * mm, id="f",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=furniture.draw, pagesize=size)])
    if isinstance(paper, AgendaPaper):
        story = _agenda(paper, width)
    elif isinstance(paper, MinutesPaper):
        story = _minutes(paper, width)
    elif isinstance(paper, ActionLogPaper):
        story = _action_log(paper, width)
    else:
        story = _interests(paper, width)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


__all__ = ["build_paper"]
