"""Reports layer: build_pack(pack_data, out) - the board's assurance pack as a PDF: cover sheet,
summary, scorecard (landscape), a section per indicator, risks, action log and appendix, with
header, footer, "Page X of Y" and a bookmark per section on every page. A `progress` hears
how far it has gone (section by section, flowable by flowable, page by page) and can stop it."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from html import escape
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.enums import AssuranceLevel, AttendanceRole, LeadCapacity, Purpose, Rag, RiskBand
from ..domain.periods import uk_date
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.rag import DEFAULT_LAG_MONTHS, TREND_KEY, RagConvention, lag_months
from ..domain.risk import EXTREME_THRESHOLD, review_overdue, split_gaps
from ..domain.risk import band as risk_band
from ..domain.risk import score as risk_score
from ..readmodels import ChartSpec, chart_spec
from ..readmodels.pack import SECTION_TITLES, PackData
from .canvas import FOOTER_H, HEADER_H, LANG, MARGIN, Furniture, NumberedCanvas
from .charts import heatmap_drawing, icons_drawing, spc_drawing, trajectory_drawing
from .theme import (
    BAND_BG,
    BAND_FG,
    BOLD,
    FONT,
    NHS_BLUE,
    OVERDUE_SHADE,
    PALE_GREY,
    PRIVATE_RED,
    RAG_BG,
    RAG_FG,
    TEXT,
    register_fonts,
    styles,
)

PORTRAIT, LANDSCAPE = A4, landscape(A4)


def P(text: str, style: str = "body") -> Paragraph:  # noqa: N802 - reads like a tag
    return Paragraph(text, styles()[style])


CELL_PT = 7.5  # the grid's font size
PAD = 6  # a cell's left and right padding together


def C(text: object, width: float, bold: bool = False) -> Paragraph | str:  # noqa: N802
    """A cell of plain user text in a column `width` wide: the text itself when each of its lines
    fits (drawn in the grid's font, bold where the grid says so), else a Paragraph that wraps.
    A Paragraph costs a line-breaking pass, and a large register's lists run to thousands of rows."""
    t = str(text or "")
    register_fonts()  # once: the widths are the embedded font's
    font = BOLD if bold else FONT
    if all(stringWidth(line, font, CELL_PT) <= width - PAD for line in t.split("\n")):
        return t  # the grid draws each line of a plain cell on a line of its own
    return P(E(t), "cell_bold" if bold else "cell")


def E(text: object) -> str:  # noqa: N802
    """Escape user text for ReportLab's mini-HTML, keeping line breaks."""
    return escape(str(text or "")).replace("\n", "<br/>")


class Bookmark(Flowable):
    """An invisible mark: a PDF outline entry pointing at where it lands."""

    def __init__(self, title: str, key: str, level: int = 0):
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def wrap(self, *_):
        return 0, 0

    def draw(self) -> None:
        self.canv.showOutline()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level == 0 and False)
        note = getattr(self.canv, "note_bookmark", None)
        if note is not None:
            note(self.key)
        if self.level == 0:  # the page header names the section (Furniture.draw_section)
            self.canv.pbp_section = self.title


class ContentsLine(Flowable):
    """A line of the contents page: a section's title, dot leaders and the page it starts on
    (the canvas draws the number, known only once the pages are laid out); a link to the page."""

    def __init__(self, title: str, key: str, level: int):
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.size = 10.0 if level == 0 else 8.8
        self.font = BOLD if level == 0 else FONT

    def wrap(self, avail_width, _avail_height):
        self.width = avail_width
        self.height = self.size * (1.75 if self.level == 0 else 1.45)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        indent = 7 * mm * self.level
        room = self.width - indent - 16 * mm
        title = self.title
        if stringWidth(title, self.font, self.size) > room:  # a long outcome title: cut, with an ellipsis
            while title and stringWidth(title + "…", self.font, self.size) > room:
                title = title[:-1]
            title = title.rstrip() + "…"
        y = 0.35 * self.size
        c.setFont(self.font, self.size)
        c.setFillColor(TEXT)
        c.drawString(indent, y, title)
        start = indent + stringWidth(title, self.font, self.size) + 2 * mm
        dots = self.width - 12 * mm
        if dots > start:
            c.setFont(FONT, self.size)
            c.setFillColor(colors.HexColor("#768692"))
            dot = stringWidth(". ", FONT, self.size)
            c.drawRightString(dots, y, ". " * int((dots - start) / dot))
        c.setFillColor(TEXT)
        c.translate(self.width, y)
        draw_number = getattr(c, "draw_page_number_of", None)
        if draw_number is not None:
            draw_number(self.key, self.size, self.font)
        c.translate(-self.width, -y)
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


def heading(title: str, key: str, style: str = "h1", level: int = 0) -> list[Flowable]:
    return [Bookmark(title, key, level), P(E(title), style)]


def grid(data: list[list], widths: list[float], *, header: bool = True, extra: list | None = None,
         long: bool = True) -> Table:
    cls = LongTable if long else Table
    t = cls(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_PT),
        ("LEADING", (0, 0), (-1, -1), 9.2),  # a plain cell's lines as close as a Paragraph's
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#B8C0C5")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE)]
    t.setStyle(TableStyle(style + (extra or [])))
    return t


CONFIDENTIAL = "<font color='#D5281B'><b>CONFIDENTIAL</b></font>"  # a private row, in a private pack
RISK_CARDS = 20  # risks of each part (BAF, others) given in full; a large register's others are listed
RISK_LIST_FIRST = 40  # up to this many open risks, the list of them all comes first; more, it comes last

BOLD_REFS = [("FONTNAME", (0, 1), (0, -1), BOLD)]  # a list's first column, its references, in bold
CHUNK = 60  # rows per table of a long list: ReportLab lays a table out again each time it splits


def grids(data: list[list], widths: list[float], *, extra: list | None = None) -> list[Flowable]:
    """A long list with a header row as a run of tables of CHUNK rows: one table of thousands of
    rows is measured again at every page break (the pack of a large register slowed to a third of
    the speed), a run of short ones is measured once. The header row heads the list and the top of
    every page it runs onto, never the middle of a page where one part follows another."""
    head, body = data[0], data[1:]
    if len(body) <= CHUNK:
        return [grid(data, widths, extra=extra)]
    parts = range(0, len(body), CHUNK)
    common: list = []  # whole-table or header commands apply to each part
    per_part: list[list] = [[] for _ in parts]  # body rows, numbered from 1 in the whole list
    for cmd in extra or []:
        name, (c0, r0), (c1, r1), *rest = cmd
        if r0 < 0 or r1 < 0 or r0 == 0:
            common.append(cmd)
            continue
        for k in range((r0 - 1) // CHUNK, min((r1 - 1) // CHUNK, len(per_part) - 1) + 1):
            a, b = k * CHUNK, min(k * CHUNK + CHUNK, len(body))
            per_part[k].append((name, (c0, max(r0, a + 1) - a), (c1, min(r1, b) - a), *rest))
    first = grid([head, *body[:CHUNK]], widths, extra=common + per_part[0])
    return [first] + [ListPart(head, body[a:a + CHUNK], widths, common, per_part[k])
                      for k, a in enumerate(parts) if k]


def _without_rows(cmds: list, by: int) -> list:
    """Table style commands (the header row 0, body rows from 1) for a part without its first
    `by` body rows."""
    out = []
    for name, (c0, r0), (c1, r1), *rest in cmds:
        if r0 >= 1 and 1 <= r1 <= by:
            continue  # only rows that are not in the part
        r0 = r0 if r0 <= 0 else max(r0 - by, 1)
        r1 = r1 if r1 <= 0 else max(r1 - by, 0)
        out.append((name, (c0, r0), (c1, r1), *rest))
    return out


def _headless(cmds: list) -> list:
    """Table style commands (the header row 0, body rows from 1) for the same rows without the header."""
    out = []
    for name, (c0, r0), (c1, r1), *rest in cmds:
        if r0 == 0 and r1 == 0:
            continue  # the header's own
        out.append((name, (c0, r0 - 1 if r0 >= 1 else r0), (c1, r1 - 1 if r1 >= 1 else r1), *rest))
    return out


class ListPart(Flowable):
    """A part of a long list after its first: with the header row when it starts a page, without
    it where it follows the part before on the same page; split over a page, the rest starts
    the next page with the header again."""

    def __init__(self, head: list, rows: list[list], widths: list[float], common: list, own: list):
        super().__init__()
        self.head, self.rows, self.widths, self.common, self.own = head, rows, widths, common, own
        self._table: Table | None = None

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return frame is None or bool(frame._atTop)

    def _made(self) -> Table:
        if self._at_top():
            return grid([self.head, *self.rows], self.widths, extra=self.common + self.own)
        return grid(self.rows, self.widths, header=False, extra=_headless(self.common + self.own))

    def wrap(self, avail_width, avail_height):
        self._table = self._made()
        self.width, self.height = self._table.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)

    def split(self, avail_width, avail_height):
        table = self._made()
        parts = table.split(avail_width, avail_height)
        if len(parts) < 2 or self._at_top():
            return parts  # nothing fits (the part starts the next page), or a headed table's own split
        n = len(parts[0]._cellvalues)  # the rows on this page; the rest start the next with the header
        return [parts[0], ListPart(self.head, self.rows[n:], self.widths, self.common,
                                       _without_rows(self.own, n))]


def _hex(colour) -> str:
    return "#" + colour.hexval()[2:]


def on_rag(text: str, rag: Rag) -> str:
    """Text in the colour that reads on that RAG's background (a Paragraph ignores TEXTCOLOR)."""
    return f"<font color='{_hex(RAG_FG[rag])}'>{text}</font>"


def rag_cell(rag: Rag) -> Paragraph:
    return P(on_rag(f"<b>{rag.letter}</b> {rag.label}", rag), "cell")


def indicator_rag_cell(ind) -> Paragraph:
    """An indicator's RAG as the scorecard prints it: letter and word (ND no data, NR a figure with
    nothing to rate it against), where the figure stands when the convention hides it ('provisional;
    R on the figure (288 against a plan of 508)'), and the lead's own RAG beside it."""
    rag = ind.rag
    text = f"<b>{ind.rag_letter}</b> {E(ind.rag_word)}"
    note = ind.rag_note()
    if note:
        text += f"<br/><font size=6.5>{E(note)}</font>"
    lead = ind.lead_note()
    if lead:
        text += f"<br/><font size=6.5><i>{E(lead)}</i></font>"
    return P(on_rag(text, rag), "cell")


def rag_key(convention: str) -> list[str]:
    """The scorecard's key: the RAG rule, the partnership's convention for provisional figures, the
    lead's assessment, age and dates, trend and SPC."""
    return [
        "RAG: Green on or ahead of plan; Amber behind plan within the indicator's tolerance; Red behind plan "
        "beyond it; NR a figure not rated (no plan or target to judge it against); ND no data. "
        f"Convention in force: {RagConvention.KEYS.get(convention, '')} A lead's own assessed RAG, with its "
        "reason, is printed beside the computed one and never replaces it.",
        "OUT OF DATE: the latest figure is older than the indicator's expected reporting lag (its own, or by "
        + ", ".join(f"{f.label.lower()} {n} months" for f, n in DEFAULT_LAG_MONTHS.items())
        + " after the period ends), as at the pack's date. Once a target date has passed, whether the target "
        "was met or missed (and by how much) is printed instead of a forecast.",
        TREND_KEY + " SPC: the Making Data Count variation and assurance icons (key on the next page), for "
        "indicators with 12 or more figures.",
    ]


def _completed_title(d: PackData) -> str:
    """The completed actions' window, counted from the meeting the pack is for."""
    if d.completed_label:
        return f"Completed since {d.completed_label}"
    if d.meeting is not None:
        return f"Completed in the three months before the meeting (since {uk_date(d.completed_since)})"
    return f"Completed in the last three months (since {uk_date(d.completed_since)})"


def rag_style(col: int, row: int, rag: Rag) -> list:
    return [("BACKGROUND", (col, row), (col, row), RAG_BG[rag]), ("TEXTCOLOR", (col, row), (col, row), RAG_FG[rag])]


class _Builder:
    def __init__(self, data: PackData, progress: Progress = NO_PROGRESS):
        self.d = data
        self.progress = progress
        self.story: list[Flowable] = []
        self._deferred: list[Callable[[], None]] = []  # parts printed after every section (appendices)
        self.pw = PORTRAIT[0] - 2 * MARGIN
        self.lw = LANDSCAPE[0] - 2 * MARGIN

    # ------------------------------------------------------------------ sections

    def cover(self) -> None:
        d, c = self.d, self.d.cover
        meeting = f"{d.meeting.body_name} ({d.session.label.lower()} session)" if d.meeting else "Not tied to a meeting"
        meeting_date = uk_date(d.meeting.meets_on) if d.meeting else uk_date(d.printed_on)
        self.story += heading("Cover sheet", "cover")

        def boxes(chosen, members) -> str:
            return "&nbsp;&nbsp; ".join(("<b>[X]</b> " if m is chosen else "[&nbsp;&nbsp;] ") + E(m.label)
                                        for m in members)
        purpose = boxes(c.purpose, Purpose)
        assurance = boxes(c.assurance_level, AssuranceLevel)
        if c.assurance_level is None:
            assurance += "&nbsp;&nbsp; <i>(not stated)</i>"
        top = [
            [P("Meeting", "label"), P(E(meeting)), P("Date", "label"), P(meeting_date)],
            [P("Agenda item", "label"), P(E(c.agenda_item) or "—"), P("Paper", "label"), P(E(c.paper_number) or "—")],
            [P("Report title", "label"), P(f"<b>{E(c.title)}</b>", "body"), "", ""],
            [P("Sponsoring executive", "label"), P(E(c.sponsor) or "—", "body"), "", ""],
            [P("Report author", "label"), P(E(c.author) or "—", "body"), "", ""],
            [P("Purpose", "label"), P(purpose, "body"), "", ""],
            [P("Level of assurance offered", "label"), P(assurance, "body"), "", ""],
            [P("BAF risks", "label"), P(E(c.baf_risks) or "None named.", "small"), "", ""],
            [P("Objectives", "label"), P(E(self._objectives_named()) or "None named.", "small"), "", ""],
        ]
        spans = [("SPAN", (1, i), (3, i)) for i in range(2, len(top))]
        t = grid(top, [38 * mm, 82 * mm, 18 * mm, self.pw - 138 * mm], header=False, long=False, extra=spans + [
            ("BACKGROUND", (0, 0), (0, -1), PALE_GREY), ("BACKGROUND", (2, 0), (2, 1), PALE_GREY)])
        self.story += [t, Spacer(1, 3 * mm)]
        self.story.append(P("Executive summary", "h3"))
        self.story.append(P(E(c.executive_summary) or "<i>None given.</i>"))
        self.story.append(P("1. Suggested discussion points <font size=7.5 color='#768692'>"
                            "[two or three issues the board should focus on]</font>", "h3"))
        self.story.append(P(E(c.discussion_points) or "<i>None given.</i>"))
        self.story.append(P("2. Alignment to objectives <font size=7.5 color='#768692'>"
                            "[X marks the priority outcomes this report covers]</font>", "h3"))
        wanted = self._objective_refs()
        rows = [[P(f"{E(o.reference)} {E(o.title)}", "cell"),
                 P("<b>X</b>" if (any(r == o.reference or r.startswith(o.reference + ".") for r in wanted)
                                  if wanted else o.indicators) else "", "cell")]
                for o in d.outcomes]
        if rows:
            self.story.append(grid(rows, [self.pw - 14 * mm, 14 * mm], header=False, long=False,
                                   extra=[("ALIGN", (1, 0), (1, -1), "CENTER")]))
        self.story.append(P("3. Previous consideration <font size=7.5 color='#768692'>"
                            "[where has this paper been discussed before?]</font>", "h3"))
        self.story.append(P(E(c.previous_consideration) or "<i>None.</i>"))
        self.story.append(P("4. Recommendation(s)", "h3"))
        self.story.append(P("The board is asked to:"))
        for i, (rec, text) in enumerate(c.recommendation_lines()):
            letter = chr(ord("a") + i)
            word = f"<b>{rec.label}</b> " if rec else ""
            self.story.append(P(f"{letter}. {word}{E(text)}"))
        self.story.append(P("5. Impact <font size=7.5 color='#768692'>[governance initiatives this "
                            "matter relates to]</font>", "h3"))

        def tick(flag: bool) -> str:
            return "[X]" if flag else "[ ]"
        eq = f"Required: {'Yes' if c.eqia_required else 'No'}" + (f"; completed {uk_date(c.eqia_date)}" if c.eqia_date else "")
        qa = f"Required: {'Yes' if c.qia_required else 'No'}" + (f"; completed {uk_date(c.qia_date)}" if c.qia_date else "")
        # never "No impact" beside a risk scoring 15 or more: left blank, the cover names them
        extreme = [r for r in d.risks if r.current_score >= EXTREME_THRESHOLD]
        baf_extreme = [r for r in extreme if r.baf]

        def affected(text: str, risks) -> tuple[bool, str]:
            if text:
                return True, E(text)
            if risks:
                named = "; ".join(f"{r.reference} {r.title} ({r.current_score})" for r in risks[:6])
                more = f"; and {len(risks) - 6} more" if len(risks) > 6 else ""
                return True, f"Not stated by the author; scoring 15 or more: {E(named)}{more}."
            return False, "No impact"
        register_hit, register_text = affected(c.risk_register, extreme)
        baf_hit, baf_text = affected(c.baf, baf_extreme)
        impact = [
            [P("Risk register", "label"), P(tick(register_hit), "cell"), P(register_text, "cell")],
            [P("Board Assurance Framework", "label"), P(tick(baf_hit), "cell"), P(baf_text, "cell")],
            [P("Equality impact assessment", "label"), P(tick(c.eqia_required), "cell"), P(eq, "cell")],
            [P("Quality impact assessment", "label"), P(tick(c.qia_required), "cell"), P(qa, "cell")],
        ]
        self.story.append(grid(impact, [48 * mm, 12 * mm, self.pw - 60 * mm], header=False, long=False,
                               extra=[("BACKGROUND", (0, 0), (0, -1), PALE_GREY)]))
        self.story.append(PageBreak())

    def _text(self, row, text: str, width: float) -> Paragraph | str:
        """A row's words in a list, marked CONFIDENTIAL first where the one privacy rule makes
        the row private (only a private pack prints such a row)."""
        if self.d.marked(row):
            return P(f"{CONFIDENTIAL} {E(text)}", "cell")
        return C(text, width) if width else P(E(text), "cell")

    def _objective_refs(self) -> list[str]:
        return [t for t in re.split(r"[\s,;]+", self.d.cover.objectives or "") if t]

    def _objectives_named(self) -> str:
        """The cover's objectives, each reference with its title as the register holds it."""
        labels = {v.split(" ", 1)[0]: v for v in (*self.d.outcome_labels.values(), *self.d.objective_labels.values())}
        refs = self._objective_refs()
        if refs and all(r in labels for r in refs):
            return "; ".join(labels[r] for r in refs)
        return self.d.cover.objectives

    def summary(self) -> None:
        d = self.d
        self.story += heading("Summary", "summary")
        place = d.partnership.place if d.partnership else ""
        meeting = f" for {d.meeting.body_name}, {uk_date(d.meeting.meets_on)}" if d.meeting else ""
        self.story.append(P(f"Assurance report of {E(d.partnership.name if d.partnership else 'the partnership')}"
                            f"{' (' + E(place) + ')' if place else ''}{E(meeting)}, as at {uk_date(d.printed_on)}."))
        self.story.append(Spacer(1, 3 * mm))
        box = grid([[P(f"Overall judgement: {E(d.judgement.upper())}", "judgement")],
                    [P(E(d.judgement_reason), "small")]], [self.pw], header=False, long=False,
                   extra=[("BACKGROUND", (0, 0), (-1, -1), PALE_GREY), ("BOX", (0, 0), (-1, -1), 1.2, NHS_BLUE)])
        self.story += [box, Spacer(1, 3 * mm), P(E(self._framework_counts()), "small"), Spacer(1, 2 * mm),
                       P("RAG of each indicator's latest figure, by priority outcome", "h2")]
        data = [[P("Priority outcome", "head")] + [P(f"{r.label} ({r.letter})", "head") for r in
                                                   (Rag.RED, Rag.AMBER, Rag.GREEN)]
                + [P("No data or not rated (ND, NR)", "head")]]
        extra = [("ALIGN", (1, 0), (-1, -1), "CENTER")]
        for i, o in enumerate(d.outcomes, start=1):
            row = [P(f"{E(o.reference)} {E(o.title)}", "cell")]
            for j, r in enumerate((Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY), start=1):
                n = o.counts[r]
                letter = "" if r is Rag.GREY else f" {r.letter}"  # grey: no data, or a figure not rated
                row.append(P(on_rag(f"<b>{n}</b>{letter}", r) if n else "0", "cell"))
                if n:
                    extra += rag_style(j, i, r)
            data.append(row)
        self.story.append(grid(data, [self.pw - 4 * 22 * mm] + [22 * mm] * 4, extra=extra))
        self.story.append(P("Exceptions: red indicators, deteriorations and figures out of date", "h2"))
        if d.exceptions:
            for e in d.exceptions:
                self.story.append(P(f"• {E(e)}"))
        elif not any(n for o in d.outcomes for r, n in o.counts.items() if r is not Rag.GREY):
            self.story.append(P("None to report: no indicator has a figure to rate yet."))
        else:
            self.story.append(P("None: no indicator is red, worsening or out of date."))
        self.story.append(P(E(f"RAG convention: {RagConvention.KEYS.get(d.rag_convention, '')}"), "note"))
        notes = []
        if d.withheld:
            what = ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in sorted(d.withheld.items()) if n)
            if what:
                notes.append(f"This public pack withholds {what} that are private (marked confidential, or "
                             "belonging to private business); they are reported in the private session.")
        if d.illustrative_values:
            notes.append("Figures marked as illustrative were generated for the demonstration register and are "
                         "not published data.")
        for note in notes:
            self.story += [Spacer(1, 2 * mm), P(E(note), "note")]

    def _framework_counts(self) -> str:
        """What the framework holds, counted: every outcome and objective, with or without a measure."""
        outcomes = self.d.outcomes
        objectives = [j for o in outcomes for j in o.objectives]
        without = sum(1 for j in objectives if not j.indicator_ids)
        indicators = sum(len(o.indicators) for o in outcomes)

        def n(count: int, word: str, plural: str) -> str:
            return f"{count} {word if count == 1 else plural}"
        text = (f"The framework: {n(len(outcomes), 'priority outcome', 'priority outcomes')}, "
                f"{n(len(objectives), 'objective', 'objectives')}"
                + (f" ({without} with no measure agreed yet)" if without else "")
                + f" and {n(indicators, 'indicator', 'indicators')}.")
        return text

    def scorecard(self) -> None:
        d = self.d
        self.story += [NextPageTemplate("landscape"), PageBreak()]
        self.story += heading("Scorecard", "scorecard")
        # the key first: printed after the table it could be left alone on a page of its own
        self.story += [P(E(t), "note") for t in rag_key(d.rag_convention)] + [Spacer(1, 2 * mm)]
        head = ["Outcome", "Objective", "Indicator", "Lead", "Baseline", "Latest", "Plan for period",
                "Target", "RAG", "SPC", "Trend"]  # widths below fit the longest header word at 7.5 pt
        data = [[P(h, "head") for h in head]]
        extra = []
        for i, ind in enumerate(d.scorecard, start=1):
            latest = ind.latest
            flags = []
            if latest and latest.provisional:
                flags.append("provisional")
            if latest and latest.illustrative:
                flags.append("illustrative")
            stale = ind.out_of_date(d.printed_on)
            latest_text = (f"{E(ind.fmt(latest.actual))} <font size=6.5>({E(latest.period)})</font>"
                           + (f"<br/><font size=6.5 color='#768692'>{', '.join(flags)}</font>" if flags else "")
                           + ("<br/><font size=6.5><b>OUT OF DATE</b></font>" if stale else "")
                           if latest else "no data yet")
            baseline = f"{E(ind.fmt(ind.baseline_value))} <font size=6.5>({E(ind.baseline_period)})</font>" \
                if ind.baseline_value is not None else "awaited"
            target = E(ind.target_text)
            passed = ind.target_passed(d.printed_on, brief=True)
            if passed:
                target += f"<br/><font size=6.5>{E(passed)}</font>"
            plan = ind.fmt(latest.planned) if latest and latest.planned is not None else "—"
            data.append([
                P(E(ind.outcome_reference), "cell"), P(E(ind.objective_words), "cell"),
                P(f"<b>{E(ind.code or '')}</b> {E(ind.name)}", "cell"), P(E(", ".join(ind.leads)), "cell"),
                P(baseline, "cell"), P(latest_text, "cell"), plan, P(target, "cell"),
                indicator_rag_cell(ind),
                icons_drawing(ind.spc.variation_icon, ind.spc.assurance_icon, 10) if ind.spc else "—",
                P(E(ind.trend or "—"), "cell")])
            extra += rag_style(8, i, ind.rag)
        widths = [w * mm for w in (17, 28, 40, 23, 20, 24, 16, 27, 33, 14, 0)]
        widths[-1] = self.lw - sum(widths[:-1])
        self.story += grids(data, widths, extra=extra)
        self.story += [NextPageTemplate("portrait"), PageBreak()]

    def mdc(self) -> None:
        d = self.d
        if self.story and not isinstance(self.story[-1], PageBreak):
            self.story.append(PageBreak())
        self.story += heading("Making Data Count", "mdc")
        self.story.append(P("Statistical process control (XmR) of every indicator with 12 or more figures: whether "
                            "its latest point shows common or special cause variation, and whether the process as it "
                            "runs can be relied on to meet the target (NHSRplotthedots rules).", "small"))
        data = [[P(h, "head") for h in ("Indicator", "Points", "Variation", "Assurance", "Icons")]]
        for ind in d.scorecard:
            if ind.spc is None:
                continue
            variation = ind.spc.variation_type.replace("special_cause_", "special cause: ").replace("_", " ")
            assurance = {"consistent_pass": "consistently passes the target",
                         "consistent_fail": "consistently fails the target",
                         "inconsistent": "hit or miss against the target", None: "no target"}[ind.spc.assurance_type]
            data.append([P(f"<b>{E(ind.code or '')}</b> {E(ind.name)}", "cell"), P(str(len(ind.spc.points)), "cell"),
                         P(E(variation), "cell"), P(E(assurance), "cell"),
                         icons_drawing(ind.spc.variation_icon, ind.spc.assurance_icon, 12)])
        if len(data) == 1:
            self.story.append(P("No indicator has 12 or more figures yet."))
        else:
            self.story += grids(data, [78 * mm, 14 * mm, 36 * mm, 30 * mm, self.pw - 158 * mm],
                                extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
        self.story.append(P("Key", "h2"))
        key = [
            ("common_cause.svg", None, "Common cause: the latest point is within the usual variation (~)."),
            ("improvement_high.svg", None, "Special cause improvement, high (H) or low (L): a signal in the good direction."),
            ("concern_high.svg", None, "Special cause concern, high (H) or low (L): a signal in the bad direction."),
            (None, "pass.svg", "Assurance P: the target lies outside the process limits on the good side; it will be met."),
            (None, "fail.svg", "Assurance F: the target lies outside the limits on the bad side; it will not be met "
                               "without a change in the process."),
            (None, "inconsistent.svg", "Assurance ?: the target lies within the limits; it will be met some months and "
                                       "missed in others."),
        ]
        rows = [[icons_drawing(v, a, 14), P(E(t), "small")] for v, a, t in key]
        self.story.append(grid(rows, [20 * mm, self.pw - 20 * mm], header=False, long=False,
                               extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        self.story.append(P("Special causes: a point beyond a process limit; a run of 7 rising or falling; 2 of 3 "
                            "points near a limit; 7 points on one side of the mean. Letters and shapes carry the "
                            "meaning without colour.", "note"))

    def indicators(self) -> None:
        """The framework in words: each outcome with its sponsors, lead partners and lead officers;
        each objective (reference and title) with its leads and its indicators, or "No measure
        agreed yet."; then the measures of the outcome as a whole. Every outcome and objective
        prints, with or without an indicator."""
        d = self.d
        if self.story and not isinstance(self.story[-1], PageBreak):
            self.story.append(PageBreak())
        self.story += heading("Indicators", "indicators")
        self.story.append(P(E(f"RAG convention in force: {RagConvention.KEYS.get(d.rag_convention, '')} "
                              "Out of date, target dates and trend: see the scorecard's key."), "note"))
        by_id = {i.id: i for i in d.scorecard}
        n, total = 0, len(d.scorecard)

        def blocks(ids) -> None:
            nonlocal n
            for iid in ids:
                ind = by_id.get(iid)
                if ind is None:
                    continue
                self.progress(n, total, "Drawing the indicators' charts")
                n += 1
                spec = chart_spec(ind)
                if ind.target_date is not None and ind.target_date < d.printed_on:
                    spec = dataclasses.replace(spec, forecast=())  # the date has passed: met or missed, no forecast
                self.story.append(self._indicator_block(ind, spec))

        for outcome in d.outcomes:
            title = f"{outcome.reference} {outcome.title}"
            self.story += [CondPageBreak(90 * mm), Bookmark(title, f"ind-{outcome.reference}", 1), P(E(title), "h2")]
            self.story += [self._outcome_leads(outcome.leads), Spacer(1, 3 * mm)]
            for j in outcome.objectives:
                measured = any(i in by_id for i in j.indicator_ids)
                # an objective's heading stays with its first indicator (whose block is kept whole)
                self.story += [CondPageBreak((95 if measured else 25) * mm), self._objective_head(j)]
                if not measured:
                    self.story += [P("No measure agreed yet.", "small"), Spacer(1, 3 * mm)]
                blocks(j.indicator_ids)
            if outcome.direct_ids:
                self.story += [CondPageBreak(95 * mm), P("Measures of the outcome as a whole", "h3")]
                blocks(outcome.direct_ids)
            if not outcome.objectives and not outcome.direct_ids:
                self.story += [P("No objective or measure agreed yet.", "small"), Spacer(1, 3 * mm)]

    def _outcome_leads(self, leads) -> Flowable:
        """The outcome's sponsors, lead partners and lead officers, one row each."""
        rows = []
        for capacity in LeadCapacity:
            names = [lead.name for lead in leads if lead.capacity is capacity]
            if names:
                word = capacity.label + ("s" if len(names) > 1 else "")
                rows.append([C(word, 32 * mm, True), C("; ".join(names), self.pw - 34 * mm)])
        if not rows:
            return P("No sponsor or lead recorded yet.", "small")
        return grid(rows, [34 * mm, self.pw - 34 * mm], header=False, long=False,
                    extra=[("BACKGROUND", (0, 0), (0, -1), PALE_GREY)])

    def _objective_head(self, j) -> Flowable:
        """An objective in words, with its leads."""
        leads = "; ".join(lead.name for lead in j.leads) or "none recorded yet"
        return grid([[P(f"<b>Objective {E(j.reference)}</b>&nbsp; {E(j.title)}", "body")],
                     [P(f"<b>Leads:</b> {E(leads)}", "small")]], [self.pw], header=False, long=False,
                    extra=[("BACKGROUND", (0, 0), (-1, -1), PALE_GREY), ("LINEABOVE", (0, 0), (-1, 0), 1.2, NHS_BLUE)])

    def _indicator_block(self, ind, spec: ChartSpec) -> KeepTogether:
        latest = ind.latest
        as_at = self.d.printed_on
        rag_text = f"{ind.rag_letter} {ind.rag_word}" + (f": {latest.rag_reason}" if latest else "")
        note = ind.rag_note()
        if note and "provisional" in rag_text:
            note = note.removeprefix("provisional; ").removeprefix("provisional figure, rated on its value")
        if note:
            rag_text += f"; {note}"
        latest_text = "no data yet"
        if latest:
            latest_text = f"{ind.fmt(latest.actual)} in {latest.period}" + (" (provisional)" if latest.provisional else "")
            if ind.out_of_date(as_at):
                latest_text += (f". OUT OF DATE: expected within {lag_months(ind.frequency, ind.reporting_lag_months)} "
                                "months of the period's end")
        passed = ind.target_passed(as_at)
        facts = [
            ("Baseline", f"{ind.fmt(ind.baseline_value)} ({ind.baseline_period})" if ind.baseline_value is not None else "awaited"),
            ("Target", ind.target_text),
            ("Latest", latest_text),
            ("Plan for that period", ind.fmt(latest.planned) if latest and latest.planned is not None else "—"),
            ("RAG", None),
            *([("Lead's assessment", ind.lead_note().split(": ", 1)[1])] if ind.lead_note() else []),
            ("Trend", ind.trend or "—"),
            ("Target date passed", passed.split(": ", 1)[1]) if passed else
            ("Forecast at target date", ind.fmt(ind.forecast) if ind.forecast is not None else
             "none: no target yet" if ind.target_value is None else "none: too few figures to project"),
            ("Polarity", ind.polarity.label), ("Source", ind.data_source or "—"), ("Leads", ", ".join(ind.leads) or "—"),
        ]
        w = [28 * mm, 50 * mm]
        left = grid([[C(k, w[0], True), C(v, w[1]) if v is not None else P(on_rag(E(rag_text), ind.rag), "cell")]
                     for k, v in facts], w, header=False, long=False,
                    extra=[("BACKGROUND", (0, 0), (0, -1), PALE_GREY), ("FONTNAME", (0, 0), (0, -1), BOLD)]
                    + rag_style(1, 4, ind.rag))
        chart = self._chart(spec, self.pw - 82 * mm, 62 * mm)
        body = Table([[left, chart]], colWidths=[80 * mm, self.pw - 80 * mm])
        body.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("FONTNAME", (0, 0), (-1, -1), FONT)]))
        commentary = []
        if latest and latest.note:
            commentary.append(f"{latest.period}: {latest.note}")
        if ind.notes:
            commentary.append(ind.notes)
        if latest and latest.illustrative:
            commentary.append("The figures of this indicator are illustrative (generated for the demo register).")
        parts = [P(f"<b>{E(ind.code or '')}</b> {E(ind.name)}", "h3"), body]
        if ind.spc is not None and len(ind.spc.points) >= 15:
            rebases = "; ".join(f"rebased from {r.period}: {r.reason.rstrip('.')}" for r in ind.rebases)
            parts += [Spacer(1, 2 * mm), Table([[spc_drawing(ind.spc, ind.unit, self.pw - 26 * mm, 55 * mm, spec),
                                                 icons_drawing(ind.spc.variation_icon, ind.spc.assurance_icon, 14,
                                                               captions=True)]],
                                               colWidths=[self.pw - 24 * mm, 24 * mm],
                                               style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                      ("FONTNAME", (0, 0), (-1, -1), FONT)]),
                      P("Statistical process control (XmR) chart" + (f", {E(rebases)}" if rebases else "") + ".",
                        "note")]
        if commentary:
            parts.append(P("<b>Commentary.</b> " + E(" ".join(commentary)), "small"))
        parts.append(Spacer(1, 4 * mm))
        return KeepTogether(parts)

    def _chart(self, spec: ChartSpec, width: float, height: float) -> list:
        """The chart part of an indicator's block: the trajectory with its one-line description
        under it; one or two figures as a small table instead of a chart; no figures said so."""
        words = P(E(spec.description), "note")
        if spec.as_figures:
            w = [width * 0.4, width * 0.3, width * 0.3 - 4]
            rows = [[P(h, "head") for h in ("Period", "Figure", "Plan")]]
            rows += [[C(period, w[0], True), C(figure, w[1]), C(plan, w[2])] for period, figure, plan in spec.figures()]
            if spec.target:
                rows.append([C("Target", w[0], True), C(f"{spec.fmt_plain(spec.target.value)} by "
                                                        f"{uk_date(spec.target.when)}", w[1]), C("", w[2])])
            return [P("Too few figures for a chart:", "small"), grid(rows, w, long=False), Spacer(1, 2 * mm), words]
        if not spec.drawn:
            return [Spacer(1, 20 * mm), P(E(spec.description), "small")]
        return [trajectory_drawing(spec, width, height), words]

    def risks(self) -> None:
        """The risks as a Board Assurance Framework section: the heat map with each cell's
        references; every open risk in score order, the BAF's first, with its three scores; a
        page of detail per risk (controls, assurances, gaps, review date with overdue reviews
        marked, links); then the movements. A large register gets its detail for the highest
        risks only, with every risk still listed with its scores."""
        d = self.d
        self.story += [PageBreak()] + heading(SECTION_TITLES["risks"], "risks")
        counts: dict[tuple[int, int], int] = {}
        refs: dict[tuple[int, int], list[str]] = {}
        for r in sorted(d.risks, key=lambda r: r.reference):
            key = (r.current_consequence, r.current_likelihood)
            counts[key] = counts.get(key, 0) + 1
            refs.setdefault(key, []).append(r.reference)
        baf = [r for r in d.risks if r.baf]
        others = [r for r in d.risks if not r.baf]
        overdue = [r for r in d.risks if review_overdue(r.review_date, d.printed_on)]
        bands = {b: sum(1 for r in d.risks if r.current_band is b) for b in RiskBand}
        lines = [f"<b>{len(d.risks)}</b> open risk{'s' if len(d.risks) != 1 else ''} on the register, "
                 f"<b>{len(baf)}</b> of them on the Board Assurance Framework (BAF).",
                 "By current score: " + ", ".join(f"{bands[b]} {b.label.lower()}" for b in reversed(RiskBand)) + ".",
                 f"<b>{len(overdue)}</b> review{'s' if len(overdue) != 1 else ''} overdue at "
                 f"{uk_date(d.printed_on)}." if overdue else f"No review is overdue at {uk_date(d.printed_on)}."]
        if d.withheld.get("risks"):
            lines.append(f"{d.withheld['risks']} confidential risk(s) withheld from this public pack.")
        if d.confidential.get("risk"):
            lines.append(f"{len(d.confidential['risk'])} risk(s) marked CONFIDENTIAL: private session only.")
        lines.append("The heat map places each risk by its current consequence and likelihood; each cell gives "
                     "its score, the references of the risks in it and, where there are several, how many. "
                     "Bands: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme; a score is always consequence "
                     "x likelihood.")
        intro = [P(line, "small") for line in lines]
        t = Table([[heatmap_drawing(counts, 84 * mm, refs), intro]], colWidths=[88 * mm, self.pw - 88 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), FONT)]))
        self.story.append(t)
        if not d.risks:
            self.story.append(P("There is no open risk on the register."))
        large = len(d.risks) > RISK_LIST_FIRST
        if not large:
            self._risk_list(d.risks)
        detailed: list = []
        for title, group in (("BAF risks", baf), ("Other open risks", others)):
            if not group:
                continue
            self.story.append(CondPageBreak(40 * mm))
            self.story.append(P(f"{title}: controls, assurances and gaps", "h2"))
            shown = group[:RISK_CARDS]
            for r in shown:
                self.story.append(self._risk_card(r))
            detailed += shown
            if len(group) > len(shown):
                self.story.append(P(f"The detail of the {len(shown)} highest-scoring {title.lower()} is given; "
                                    f"the other {len(group) - len(shown)} are listed with their scores under "
                                    "\"Every open risk\" below.", "note"))
        self._risk_movements()
        if large:
            self.story.append(CondPageBreak(40 * mm))
            self.story.append(P(f"Every open risk, in score order ({len(d.risks)})", "h2"))
            self._risk_list(d.risks)

    def _risk_tags(self, r) -> str:
        tags = []
        if r.baf:
            tags.append("<b>BAF</b>")
        if self.d.marked(r):
            tags.append(CONFIDENTIAL)
        return " · ".join(tags)

    def _score(self, c: int, lk: int) -> tuple[Paragraph, list]:
        """A score as a cell: "4 x 4 = 16 Extreme" in its band's colour (and word)."""
        value = risk_score(c, lk)
        b = risk_band(value)
        text = P(f"<font color='{_hex(BAND_FG[b])}'>{c} x {lk} = <b>{value}</b> {b.label}</font>", "cell")
        return text, [BAND_BG[b], BAND_FG[b]]

    def _risk_list(self, risks) -> None:
        """Every open risk on one line each, in score order, the BAF's first."""
        d = self.d
        head = ("Ref", "Risk", "Owner", "Inherent", "Current", "Target", "Review")
        w = [15 * mm, 49 * mm, 26 * mm, 22 * mm, 22 * mm, 22 * mm, self.pw - 156 * mm]
        data = [[P(h, "head") for h in head]]
        extra: list = []
        for i, r in enumerate(risks, start=1):
            tags = self._risk_tags(r)
            row = [C(r.reference, w[0], True), P(E(r.title) + (f"<br/>{tags}" if tags else ""), "cell"),
                   C(r.owner_name or "—", w[2])]
            for col, (c, lk) in enumerate(((r.inherent_consequence, r.inherent_likelihood),
                                           (r.current_consequence, r.current_likelihood),
                                           (r.target_consequence, r.target_likelihood)), start=3):
                cell, (bg, _fg) = self._score(c, lk)
                row.append(cell)
                extra.append(("BACKGROUND", (col, i), (col, i), bg))
            if review_overdue(r.review_date, d.printed_on):
                row.append(P(f"{uk_date(r.review_date)}<br/><b>OVERDUE</b>", "cell"))
                extra += [("BACKGROUND", (6, i), (6, i), OVERDUE_SHADE)]
            else:
                row.append(uk_date(r.review_date) or "—")
            data.append(row)
        self.story += grids(data, w, extra=extra + BOLD_REFS)
        self.story.append(P("Scores are consequence x likelihood on the NHS 5x5 matrix. Inherent: before "
                            "controls; current: now; target: when the actions are done. A review date before "
                            f"{uk_date(d.printed_on)} is marked OVERDUE.", "note"))

    def _risk_card(self, r) -> Flowable:
        """One risk in full, kept on one page: what the board assures itself of."""
        d = self.d
        w = self.pw
        label_w = 30 * mm
        tags = self._risk_tags(r)
        title = P(f"<b>{E(r.reference)}</b>&nbsp;&nbsp;<b>{E(r.title)}</b>"
                  + (f"&nbsp;&nbsp;{tags}" if tags else ""), "body")
        scores = []
        style: list = [("BACKGROUND", (0, 0), (-1, 0), PALE_GREY), ("SPAN", (0, 0), (-1, 0)),
                       ("BACKGROUND", (0, 2), (0, -1), PALE_GREY), ("BACKGROUND", (2, 1), (2, 1), PALE_GREY),
                       ("BACKGROUND", (4, 1), (4, 1), PALE_GREY), ("BACKGROUND", (0, 1), (0, 1), PALE_GREY)]
        for k, (name, c, lk) in enumerate((("Inherent", r.inherent_consequence, r.inherent_likelihood),
                                           ("Current", r.current_consequence, r.current_likelihood),
                                           ("Target", r.target_consequence, r.target_likelihood))):
            cell, (bg, _fg) = self._score(c, lk)
            scores += [P(f"<b>{name}</b>", "cell"), cell]
            style.append(("BACKGROUND", (2 * k + 1, 1), (2 * k + 1, 1), bg))
        review = uk_date(r.review_date) or "none set"
        if review_overdue(r.review_date, d.printed_on):
            days = (d.printed_on - r.review_date).days
            review = (f"<font color='{_hex(PRIVATE_RED)}'><b>{review}: OVERDUE</b></font> "
                      f"({days} day{'s' if days != 1 else ''} before {uk_date(d.printed_on)})")
        links = [d.outcome_labels.get(i, "") for i in r.outcome_ids] + \
                [d.objective_labels.get(i, "") for i in r.objective_ids]
        # the register keeps gaps in control and gaps in assurance apart; a line of either headed
        # "Control:" or "Assurance:" goes where it says (text written before the two were kept apart)
        labelled_control, labelled_assurance, unlabelled = split_gaps(r.gaps)
        control_gaps = "\n".join(t for t in (labelled_control, unlabelled) if t)
        assurance_gaps = "\n".join(t for t in (labelled_assurance, r.assurance_gaps or "") if t)
        facts = [("Owner", E(r.owner_name or "—") + f" · {E(r.category.label)}"),
                 ("Review date", review),
                 ("Controls", E(r.controls) or "<i>none recorded</i>"),
                 ("Assurances", E(r.assurances) or "<i>none recorded</i>"),
                 ("Gaps in control", E(control_gaps) or "<i>none recorded</i>"),
                 ("Gaps in assurance", E(assurance_gaps) or "<i>none recorded</i>")]
        if r.mitigations:
            facts.append(("Actions", E(r.mitigations)))
        facts.append(("Linked to", E("; ".join(x for x in links if x)) or "<i>no outcome or objective</i>"))
        rows: list[list] = [[title, "", "", "", "", ""], scores]
        for label, text in facts:
            rows.append([P(f"<b>{label}</b>", "cell"), P(text, "cell"), "", "", "", ""])
        for i in range(2, len(rows)):
            style.append(("SPAN", (1, i), (-1, i)))
        widths = [label_w, 36 * mm, 16 * mm, 36 * mm, 16 * mm, w - label_w - 104 * mm]
        table = grid(rows, widths, header=False, long=False, extra=style + [
            ("BOX", (0, 0), (-1, -1), 0.8, NHS_BLUE)])
        return KeepTogether([table, Spacer(1, 3 * mm)])

    def _risk_movements(self) -> None:
        d = self.d
        self.story.append(CondPageBreak(30 * mm))
        self.story.append(P("Movements since the last pack", "h2"))
        self.story.append(P(f"Compared with {E(d.movements_since)}.", "small"))
        if d.movements:
            data = [[P(h, "head") for h in ("Ref", "Risk", "Was", "Now", "Movement", "Compared with")]]
            w = [14 * mm, 62 * mm, 12 * mm, 12 * mm, 26 * mm, self.pw - 126 * mm]
            secret = {r.reference for r in d.risks if d.marked(r)}
            for m in d.movements:
                if m.previous is None:
                    move = "new"
                else:
                    delta = m.current - m.previous
                    move = f"up {delta} (worse)" if delta > 0 else f"down {-delta} (better)"
                data.append([C(m.reference, w[0], True),
                             P(f"{CONFIDENTIAL} {E(m.title)}", "cell") if m.reference in secret else C(m.title, w[1]),
                             "—" if m.previous is None else str(m.previous), str(m.current), move, C(m.since, w[5])])
            self.story += grids(data, w, extra=BOLD_REFS)
        else:
            self.story.append(P("No risk has moved."))

    INLINE_ACTIONS = 25  # a log longer than this prints its summary here and in full in an appendix
    OVERDUE_LISTED = 40  # the longest overdue, listed in the section; every one is in the appendix

    def actions(self) -> None:
        d = self.d
        self.story += [PageBreak()] + heading("Action log", "actions")
        opened, overdue = d.open_actions, [a for a in d.open_actions if a.overdue]
        at_scale = len(opened) > self.INLINE_ACTIONS or len(d.completed_actions) > self.INLINE_ACTIONS
        completed_title = _completed_title(d)
        intro = (f"{len(opened):,} open action{'s' if len(opened) != 1 else ''}, {len(overdue):,} of them overdue; "
                 f"{len(d.completed_actions):,} {completed_title[0].lower() + completed_title[1:]}.")
        if d.withheld.get("actions"):
            n = d.withheld["actions"]
            intro += f" {n:,} private action{'s' if n != 1 else ''} {'is' if n == 1 else 'are'} withheld from this public pack."
        if at_scale:
            intro += " The full log is in the appendix, Action log in full."
        self.story.append(P(E(intro), "small"))
        if opened:
            self._action_counts()
        if at_scale:
            self.story.append(P("Overdue actions", "h2"))
            longest = sorted(overdue, key=lambda a: (-a.days_overdue, a.reference))
            if longest:
                if len(longest) > self.OVERDUE_LISTED:
                    self.story.append(P(f"The {self.OVERDUE_LISTED} longest overdue of {len(longest):,}; every "
                                        "overdue action is in the appendix.", "small"))
                self._open_actions_table(longest[:self.OVERDUE_LISTED])
            else:
                self.story.append(P("None."))
            self._deferred.append(self._actions_in_full)
            return
        self._actions_lists(completed_title)

    def _actions_lists(self, completed_title: str) -> None:
        d = self.d
        self.story.append(P("Open actions", "h2"))
        if d.open_actions:
            self._open_actions_table(d.open_actions)
            self.story.append(P("Overdue actions are shaded, marked with a bar and the word OVERDUE.", "note"))
        else:
            self.story.append(P("None."))
        self.story.append(P(E(completed_title), "h2"))
        if d.completed_actions:
            data = [[P(h, "head") for h in ("Ref", "Action", "Owner", "Completed")]]
            w = [16 * mm, 100 * mm, 34 * mm, self.pw - 150 * mm]
            for a in d.completed_actions:
                data.append([C(a.reference, w[0], True), self._text(a, a.description, w[1]), C(a.owner_name, w[2]),
                             uk_date(a.completed_on)])
            self.story += grids(data, w, extra=BOLD_REFS)
        else:
            self.story.append(P("None."))

    def _actions_in_full(self) -> None:
        """The whole action log, after every section the pack holds: under the appendix when it
        has one, else as an appendix of its own."""
        d = self.d
        title = "Action log in full"
        if d.has("appendix"):
            self.story += [Bookmark(title, "appendix-actions", 1), P(title, "h2")]
        else:
            self.story += [PageBreak(), *heading(f"Appendix: {title.lower()}", "appendix-actions")]
        completed_title = _completed_title(d)
        self._actions_lists(completed_title)

    def _action_counts(self) -> None:
        """Open and overdue actions by owner (the owners with most overdue first; beyond twenty,
        the rest in one line) and by partner."""
        d = self.d
        by_owner: dict[tuple[str, str], list[int]] = {}
        by_partner: dict[str, list[int]] = {}
        for a in d.open_actions:
            partner = a.owner_partner_name or "No organisation recorded"
            for key, table in (((a.owner_name, partner), by_owner), (partner, by_partner)):
                row = table.setdefault(key, [0, 0, 0])  # type: ignore[arg-type]
                row[0] += 1
                row[1] += a.overdue
                row[2] = max(row[2], a.days_overdue if a.overdue else 0)
        self.story.append(P("Open actions by owner", "h2"))
        owners = sorted(by_owner.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
        data = [[P(h, "head") for h in ("Owner", "Organisation", "Open", "Overdue", "Longest overdue")]]
        w = [48 * mm, 62 * mm, 16 * mm, 18 * mm, self.pw - 144 * mm]
        shown, rest = owners[:20], owners[20:]
        for (owner, partner), (n, late, days) in shown:
            data.append([C(owner, w[0]), C(partner, w[1]), f"{n:,}", f"{late:,}" if late else "—",
                         f"{days:,} days" if late else "—"])
        if rest:
            data.append([C(f"{len(rest):,} other owners", w[0]), "", f"{sum(v[0] for _, v in rest):,}",
                         f"{sum(v[1] for _, v in rest):,}", ""])
        numbers = [("ALIGN", (2, 0), (-1, -1), "RIGHT")]
        self.story += grids(data, w, extra=numbers)
        self.story.append(P("Open actions by organisation", "h2"))
        data = [[P(h, "head") for h in ("Organisation", "Open", "Overdue", "Longest overdue")]]
        w2 = [110 * mm, 16 * mm, 18 * mm, self.pw - 144 * mm]
        for partner, (n, late, days) in sorted(by_partner.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0])):
            data.append([C(partner, w2[0]), f"{n:,}", f"{late:,}" if late else "—", f"{days:,} days" if late else "—"])
        self.story += grids(data, w2, extra=[("ALIGN", (1, 0), (-1, -1), "RIGHT")])

    def _open_actions_table(self, actions) -> None:
        data = [[P(h, "head") for h in ("Ref", "Action", "Owner", "Due", "Status", "Latest update")]]
        w = [16 * mm, 55 * mm, 26 * mm, 19 * mm, 29 * mm, self.pw - 145 * mm]
        extra = []
        for i, a in enumerate(actions, start=1):
            status = C(f"OVERDUE\n{a.days_overdue:,} days\n{a.status.label}", w[4], True) if a.overdue \
                else a.status.label
            update = f"{uk_date(a.updates[-1].written_on)}: {a.updates[-1].text}" if a.updates else "—"
            # short fixed text as plain cells (the grid's font and size): a Paragraph each costs
            # a line-breaking pass, and a large register's log runs to thousands of rows
            data.append([C(a.reference, w[0], True), self._text(a, a.description, w[1]), C(a.owner_name, w[2]),
                         uk_date(a.due_on), status, C(update, w[5])])
            if a.overdue:  # shaded, a red bar, and OVERDUE in bold
                extra += [("BACKGROUND", (0, i), (-1, i), OVERDUE_SHADE), ("LINEBEFORE", (0, i), (0, i), 2.5, PRIVATE_RED),
                          ("FONTNAME", (4, i), (4, i), BOLD)]
        self.story += grids(data, w, extra=extra + BOLD_REFS)

    def programmes(self) -> None:
        """The programmes: every programme on one table, then each with its status, delivery
        confidence and milestones (the monthly highlight report, printed on its own, gives more)."""
        from .highlight import programme_brief, summary_table
        d = self.d
        self.story += [PageBreak()] + heading(SECTION_TITLES["programmes"], "programmes")
        month = d.programme_month
        intro = (f"Milestones judged as at {uk_date(d.printed_on)}; the highlight reports named are those for "
                 f"{month:%B %Y}." if month else f"Milestones judged as at {uk_date(d.printed_on)}.")
        if d.withheld.get("programmes"):
            n = d.withheld["programmes"]
            intro += f" {n} private programme{'s are' if n != 1 else ' is'} withheld from this public pack."
        self.story.append(P(E(intro), "small"))
        self.story += summary_table(d.programmes, month, self.pw, d.marked)
        for p in d.programmes:
            self.story += programme_brief(p, month, self.pw, d.marked)

    def appendix(self) -> None:
        d = self.d
        self.story += [PageBreak()] + heading("Appendix", "appendix")
        self.story += [Bookmark("Partners and their roles", "appendix-partners", 1), P("Partners and their roles", "h2")]
        data = [[P(h, "head") for h in ("Partner", "Sector", "Alliance role", "Agreement", "Joined")]]
        for p in d.partners:
            agreement = (p.agreement_status.label if p.agreement_status else "—") + \
                        (f" ({uk_date(p.agreement_date)})" if p.agreement_date else "")
            name = E(p.name) + (" <b>(host)</b>" if p.is_host else "") + (f" <font size=6.5>left {uk_date(p.left_on)}</font>" if p.left_on else "")
            data.append([P(name, "cell"), P(p.sector.label, "cell"),
                         P(p.alliance_role.label if p.alliance_role else "—", "cell"), P(agreement, "cell"),
                         P(uk_date(p.joined_on) or "—", "cell")])
        self.story += grids(data, [70 * mm, 30 * mm, 32 * mm, 28 * mm, self.pw - 160 * mm])
        self.story += [Bookmark("Meeting attendance", "appendix-attendance", 1), P("Meeting attendance", "h2")]
        self.story.append(P(E(d.attendance_label), "small"))
        if d.attendance:
            for role in (AttendanceRole.PRESENT, AttendanceRole.IN_ATTENDANCE, AttendanceRole.APOLOGIES):
                people = [a for a in d.attendance if a.attendance is role]
                if people:
                    names = "; ".join(E(a.name) + (f" ({E(a.capacity)})" if a.capacity else "")
                                      + (f" {CONFIDENTIAL}" if d.marked(a) else "") for a in people)
                    self.story.append(P(f"<b>{role.label}:</b> {names}"))
        if d.agenda:
            self.story += [Bookmark("Agenda", "appendix-agenda", 1), P("Agenda of the meeting", "h2")]
            data = [[P(h, "head") for h in ("Item", "Title", "Presenter", "Recommendation")]]
            for item in d.agenda:
                data.append([P(E(item.minute_ref or item.number), "cell"), self._text(item, item.title, 0),
                             P(E(item.presenter or ""), "cell"),
                             P(item.recommendation.label if item.recommendation else "", "cell")])
            self.story += grids(data, [16 * mm, 94 * mm, 36 * mm, self.pw - 146 * mm])
        if d.withheld.get("agenda items"):
            self.story.append(P(f"{d.withheld['agenda items']} private agenda item(s) withheld from this public pack.",
                                "note"))

    # ------------------------------------------------------------------ assembly

    def build(self) -> list[Flowable]:
        sections: dict[str, Callable[[], None]] = {
            "cover": self.cover, "summary": self.summary, "scorecard": self.scorecard, "mdc": self.mdc,
            "indicators": self.indicators, "risks": self.risks, "actions": self.actions, "programmes": self.programmes,
            "appendix": self.appendix,
        }
        chosen = [key for key in SECTION_TITLES if self.d.has(key)]
        for n, key in enumerate(chosen):
            self.progress(n, len(chosen), f"Setting out {SECTION_TITLES[key].lower()}")
            if key == "indicators":  # most of the drawing: its own share of the bar
                self.progress, whole = self.progress.part(n / len(chosen), (n + 1) / len(chosen)), self.progress
                sections[key]()
                self.progress = whole
            else:
                sections[key]()
        for part in self._deferred:
            part()
        self._contents([key for key in chosen if key != "cover"])
        return self.story

    def _contents(self, chosen: list[str]) -> None:
        """A contents page after the cover (or first, without one) when the pack has two or more
        sections: each section's bookmark, and those under it, with the page it opens."""
        if len(chosen) < 2:
            return
        marks = [m for m in _bookmarks(self.story)]
        lines: list[Flowable] = [*heading("Contents", "contents"), Spacer(1, 2 * mm)]
        lines += [ContentsLine(m.title, m.key, m.level) for m in marks]
        lines.append(PageBreak())
        at = 0
        if self.d.has("cover"):  # the cover sheet ends with its page break
            at = next(i for i, f in enumerate(self.story) if isinstance(f, PageBreak)) + 1
        self.story[at:at] = lines


def _bookmarks(story: list[Flowable]):
    for f in story:
        if isinstance(f, Bookmark):
            yield f
        elif isinstance(f, KeepTogether):
            yield from _bookmarks(list(f._content))


def _page_breaks_once(story: list[Flowable]) -> list[Flowable]:
    """The story with no empty page: a page break that another follows (with nothing but a change
    of page template between them) goes, whichever section put it there."""
    out: list[Flowable] = []
    for f in story:
        if isinstance(f, PageBreak) and not isinstance(f, CondPageBreak):
            k = len(out) - 1
            while k >= 0 and isinstance(out[k], NextPageTemplate):
                k -= 1
            if k >= 0 and type(out[k]) is PageBreak:
                del out[k]
        out.append(f)
    return out


def build_pack(data: PackData, out: BinaryIO | None = None, progress: Progress = NO_PROGRESS) -> bytes:
    """Render the pack; return the PDF bytes (and write them to `out` if given). The same data
    give the same bytes: ReportLab's invariant mode leaves out timestamps and random ids.
    `progress` is told how far it has gone and may stop it (Cancelled): the flowables are made
    (a fifth of the time), laid out on pages (most of it), then each page is finished."""
    register_fonts()
    rl_config.invariant = 1
    buffer = io.BytesIO()
    name = data.partnership.name if data.partnership else "Partnership"
    furniture = Furniture(f"{name} · Assurance pack", data.reference,
                          uk_date(data.meeting.meets_on if data.meeting else data.printed_on), data.private,
                          draft=data.draft)
    doc = BaseDocTemplate(
        buffer, pagesize=PORTRAIT, title=f"{'DRAFT: ' if data.draft else ''}{data.cover.title} ({data.reference})", author=data.cover.author or name,
        subject=f"{name} assurance pack, {data.session.label.lower()} session", creator="PBP Desktop", lang=LANG,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=HEADER_H + 6 * mm, bottomMargin=FOOTER_H + 5 * mm)

    def frame(size, fid):
        return Frame(MARGIN, FOOTER_H + 5 * mm, size[0] - 2 * MARGIN, size[1] - HEADER_H - FOOTER_H - 11 * mm,
                     id=fid, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    story = _page_breaks_once(_Builder(data, progress.part(0.0, 0.2)).build())
    while story and isinstance(story[-1], PageBreak | NextPageTemplate):
        story.pop()
    # a section that opens the pack starts on its first page: the page breaks before it go, and a
    # section that turns the page to landscape has the first page landscape (no blank page first)
    first = "portrait"
    while story and isinstance(story[0], PageBreak | NextPageTemplate):
        lead = story.pop(0)
        if isinstance(lead, NextPageTemplate):
            first = lead.action[1]
    templates = [
        PageTemplate("portrait", [frame(PORTRAIT, "p")], onPage=furniture.draw, onPageEnd=furniture.draw_section,
                     pagesize=PORTRAIT),
        PageTemplate("landscape", [frame(LANDSCAPE, "l")], onPage=furniture.draw, onPageEnd=furniture.draw_section,
                     pagesize=LANDSCAPE),
    ]
    doc.addPageTemplates(sorted(templates, key=lambda t: t.id != first))
    laying_out = progress.part(0.2, 0.9)
    count = {"flowables": len(story), "page": 0}

    def on_progress(kind: str, value: int) -> None:  # ReportLab's own progress callback
        if kind == "SIZE_EST":
            count["flowables"] = max(value, 1)
        elif kind == "PAGE":
            count["page"] = value
        elif kind == "PROGRESS":
            laying_out(value, count["flowables"], f"Laying out page {count['page']}")
    doc.setProgressCallBack(on_progress)
    finishing = progress.part(0.9, 1.0)
    doc.build(story, canvasmaker=lambda *a, **kw: NumberedCanvas(*a, progress=finishing, **kw))
    progress(1, 1, "Drawn")
    pdf = buffer.getvalue()
    if out is not None:
        out.write(pdf)
    return pdf

