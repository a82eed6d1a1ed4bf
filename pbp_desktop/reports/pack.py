"""Reports layer: build_pack(pack_data, out) - the board's assurance pack as a PDF: cover sheet,
summary, scorecard (landscape), a section per indicator, risks, action log and appendix, with
header, footer, "Page X of Y" and a bookmark per section on every page. A `progress` hears
how far it has gone (section by section, flowable by flowable, page by page) and can stop it."""

from __future__ import annotations

import io
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

from ..domain.enums import AttendanceRole, LeadCapacity, Rag
from ..domain.periods import uk_date
from ..domain.progress import NO_PROGRESS, Progress
from ..readmodels import ChartSpec, chart_spec
from ..readmodels.pack import SECTION_TITLES, PackData
from .canvas import FOOTER_H, HEADER_H, MARGIN, Furniture, NumberedCanvas
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


BOLD_REFS = [("FONTNAME", (0, 1), (0, -1), BOLD)]  # a list's first column, its references, in bold
CHUNK = 60  # rows per table of a long list: ReportLab lays a table out again each time it splits


def grids(data: list[list], widths: list[float], *, extra: list | None = None) -> list[Table]:
    """A long list with a header row as a run of tables of CHUNK rows, each with the header:
    one table of thousands of rows is measured again at every page break (the pack of a large
    register slowed to a third of the speed), a run of short ones is measured once."""
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
    return [grid([head, *body[a:a + CHUNK]], widths, extra=common + per_part[k]) for k, a in enumerate(parts)]


def _hex(colour) -> str:
    return "#" + colour.hexval()[2:]


def on_rag(text: str, rag: Rag) -> str:
    """Text in the colour that reads on that RAG's background (a Paragraph ignores TEXTCOLOR)."""
    return f"<font color='{_hex(RAG_FG[rag])}'>{text}</font>"


def rag_cell(rag: Rag) -> Paragraph:
    return P(on_rag(f"<b>{rag.letter}</b> {rag.label}", rag), "cell")


def rag_style(col: int, row: int, rag: Rag) -> list:
    return [("BACKGROUND", (col, row), (col, row), RAG_BG[rag]), ("TEXTCOLOR", (col, row), (col, row), RAG_FG[rag])]


class _Builder:
    def __init__(self, data: PackData, progress: Progress = NO_PROGRESS):
        self.d = data
        self.progress = progress
        self.story: list[Flowable] = []
        self.pw = PORTRAIT[0] - 2 * MARGIN
        self.lw = LANDSCAPE[0] - 2 * MARGIN

    # ------------------------------------------------------------------ sections

    def cover(self) -> None:
        d, c = self.d, self.d.cover
        meeting = f"{d.meeting.body_name} ({d.session.label.lower()} session)" if d.meeting else "Not tied to a meeting"
        meeting_date = uk_date(d.meeting.meets_on) if d.meeting else uk_date(d.printed_on)
        self.story += heading("Cover sheet", "cover")
        top = [
            [P("Report title", "label"), P(E(c.title), "body"), "", ""],
            [P("Sponsoring executive", "label"), P(E(c.sponsor), "body"), "", ""],
            [P("Report author", "label"), P(E(c.author), "body"), "", ""],
            [P("Meeting", "label"), P(E(meeting)), P("Date", "label"), P(meeting_date)],
        ]
        t = grid(top, [38 * mm, 82 * mm, 18 * mm, self.pw - 138 * mm], header=False, long=False, extra=[
            ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2)),
            ("BACKGROUND", (0, 0), (0, -1), PALE_GREY), ("BACKGROUND", (2, 3), (2, 3), PALE_GREY)])
        self.story += [t, Spacer(1, 5 * mm)]
        self.story.append(P("1. Suggested discussion points <font size=7.5 color='#768692'>"
                            "[two or three issues the board should focus on]</font>", "h3"))
        self.story.append(P(E(c.discussion_points) or "<i>None given.</i>"))
        self.story.append(P("2. Alignment to objectives <font size=7.5 color='#768692'>"
                            "[X marks the priority outcomes this report covers]</font>", "h3"))
        rows = [[P(f"{E(o.reference)} {E(o.title)}", "cell"), P("<b>X</b>" if o.indicators else "", "cell")]
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
        impact = [
            [P("Risk register", "label"), P(tick(bool(c.risk_register)), "cell"), P(E(c.risk_register) or "No impact", "cell")],
            [P("Board Assurance Framework", "label"), P(tick(bool(c.baf)), "cell"), P(E(c.baf) or "No impact", "cell")],
            [P("Equality impact assessment", "label"), P(tick(c.eqia_required), "cell"), P(eq, "cell")],
            [P("Quality impact assessment", "label"), P(tick(c.qia_required), "cell"), P(qa, "cell")],
        ]
        self.story.append(grid(impact, [48 * mm, 12 * mm, self.pw - 60 * mm], header=False, long=False,
                               extra=[("BACKGROUND", (0, 0), (0, -1), PALE_GREY)]))
        self.story.append(PageBreak())

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
                                                   (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY)]]
        extra = [("ALIGN", (1, 0), (-1, -1), "CENTER")]
        for i, o in enumerate(d.outcomes, start=1):
            row = [P(f"{E(o.reference)} {E(o.title)}", "cell")]
            for j, r in enumerate((Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY), start=1):
                n = o.counts[r]
                row.append(P(on_rag(f"<b>{n}</b> {r.letter}", r) if n else "0", "cell"))
                if n:
                    extra += rag_style(j, i, r)
            data.append(row)
        self.story.append(grid(data, [self.pw - 4 * 22 * mm] + [22 * mm] * 4, extra=extra))
        self.story.append(P("Exceptions: red indicators and deteriorations", "h2"))
        if d.exceptions:
            for e in d.exceptions:
                self.story.append(P(f"• {E(e)}"))
        elif not any(n for o in d.outcomes for r, n in o.counts.items() if r is not Rag.GREY):
            self.story.append(P("None to report: no indicator has a figure to rate yet."))
        else:
            self.story.append(P("None: no indicator is red or worsening."))
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
            latest_text = (f"{E(ind.fmt(latest.actual))} <font size=6.5>({E(latest.period)})</font>"
                           + (f"<br/><font size=6.5 color='#768692'>{', '.join(flags)}</font>" if flags else "")
                           if latest else "no data yet")
            baseline = f"{E(ind.fmt(ind.baseline_value))} <font size=6.5>({E(ind.baseline_period)})</font>" \
                if ind.baseline_value is not None else "awaited"
            target = E(ind.target_text)
            plan = ind.fmt(latest.planned) if latest and latest.planned is not None else "—"
            data.append([
                P(E(ind.outcome_reference), "cell"), P(E(ind.objective_words), "cell"),
                P(f"<b>{E(ind.code or '')}</b> {E(ind.name)}", "cell"), P(E(", ".join(ind.leads)), "cell"),
                P(baseline, "cell"), P(latest_text, "cell"), plan, P(target, "cell"),
                rag_cell(ind.rag),
                icons_drawing(ind.spc.variation_icon, ind.spc.assurance_icon, 10) if ind.spc else "—",
                ind.trend or "—"])  # short fixed text as plain cells: no line breaking to work out
            extra += rag_style(8, i, ind.rag)
        widths = [w * mm for w in (16, 33, 46, 25, 21, 24, 16, 28, 19, 14, 0)]
        widths[-1] = self.lw - sum(widths[:-1])
        self.story += grids(data, widths, extra=extra)
        self.story += [Spacer(1, 2 * mm), P("RAG: Green on or ahead of plan; Amber within tolerance, or data "
                                            "provisional; Red behind plan beyond tolerance; ND no data. Trend "
                                            "compares the latest two figures. SPC: the Making Data Count "
                                            "variation and assurance icons (key on the next page), for "
                                            "indicators with 12 or more figures.", "note")]
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
                self.story.append(self._indicator_block(ind, chart_spec(ind)))

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
        rag_text = f"{ind.rag.letter} {ind.rag.label}" + (f": {latest.rag_reason}" if latest else "")
        facts = [
            ("Baseline", f"{ind.fmt(ind.baseline_value)} ({ind.baseline_period})" if ind.baseline_value is not None else "awaited"),
            ("Target", ind.target_text),
            ("Latest", f"{ind.fmt(latest.actual)} in {latest.period}" if latest else "no data yet"),
            ("Plan for that period", ind.fmt(latest.planned) if latest and latest.planned is not None else "—"),
            ("RAG", None),
            ("Trend", ind.trend or "—"),
            ("Forecast at target date", ind.fmt(ind.forecast) if ind.forecast is not None else "—"),
            ("Polarity", ind.polarity.label), ("Source", ind.data_source or "—"), ("Leads", ", ".join(ind.leads) or "—"),
        ]
        w = [28 * mm, 50 * mm]
        left = grid([[C(k, w[0], True), C(v, w[1]) if v is not None else P(on_rag(E(rag_text), ind.rag), "cell")]
                     for k, v in facts], w, header=False, long=False,
                    extra=[("BACKGROUND", (0, 0), (0, -1), PALE_GREY), ("FONTNAME", (0, 0), (0, -1), BOLD)]
                    + rag_style(1, 4, ind.rag))
        chart = trajectory_drawing(spec, self.pw - 82 * mm, 62 * mm)
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
            parts += [Spacer(1, 2 * mm), Table([[spc_drawing(ind.spc, ind.unit, self.pw - 26 * mm, 55 * mm),
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

    def risks(self) -> None:
        d = self.d
        self.story += [PageBreak()] + heading("Risks", "risks")
        counts: dict[tuple[int, int], int] = {}
        for r in d.risks:
            key = (r.current_consequence, r.current_likelihood)
            counts[key] = counts.get(key, 0) + 1
        intro = P(f"{len(d.risks)} open risks on the register, by current score. Bands: 1-3 low, 4-6 moderate, "
                  "8-12 high, 15-25 extreme. Each cell shows its score (small) and how many risks sit in it (large)."
                  + (f" {d.withheld.get('risks', 0)} private risk(s) withheld from this public pack."
                     if d.withheld.get("risks") else ""), "small")
        t = Table([[heatmap_drawing(counts, 62 * mm), intro]], colWidths=[66 * mm, self.pw - 66 * mm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), FONT)]))
        self.story.append(t)
        self.story.append(P("Risks scoring 15 or more", "h2"))
        if d.extreme_risks:
            data = [[P(h, "head") for h in ("Ref", "Risk", "Owner", "Current", "Target", "Controls and gaps")]]
            w = [14 * mm, 48 * mm, 28 * mm, 20 * mm, 13 * mm, self.pw - 123 * mm]
            extra = []
            for i, r in enumerate(d.extreme_risks, start=1):
                controls = (f"<b>Controls:</b> {E(r.controls)}" if r.controls else "") + \
                           (f"<br/><b>Gaps:</b> {E(r.gaps)}" if r.gaps else "")
                data.append([C(r.reference, w[0], True), C(r.title, w[1]), C(r.owner_name, w[2]),
                             P(f"<font color='{_hex(BAND_FG[r.current_band])}'><b>{r.current_score}</b> {r.current_band.label}</font>", "cell"),
                             str(r.target_score), P(controls or "—", "cell")])
                extra += [("BACKGROUND", (3, i), (3, i), BAND_BG[r.current_band]),
                          ("TEXTCOLOR", (3, i), (3, i), BAND_FG[r.current_band])]
            self.story += grids(data, w, extra=extra + BOLD_REFS)
        else:
            self.story.append(P("None."))
        self.story.append(P("Movements since the last pack", "h2"))
        self.story.append(P(f"Compared with {E(d.movements_since)}.", "small"))
        if d.movements:
            data = [[P(h, "head") for h in ("Ref", "Risk", "Was", "Now", "Movement", "Compared with")]]
            w = [14 * mm, 62 * mm, 12 * mm, 12 * mm, 26 * mm, self.pw - 126 * mm]
            for m in d.movements:
                if m.previous is None:
                    move = "new"
                else:
                    delta = m.current - m.previous
                    move = f"up {delta} (worse)" if delta > 0 else f"down {-delta} (better)"
                data.append([C(m.reference, w[0], True), C(m.title, w[1]),
                             "—" if m.previous is None else str(m.previous), str(m.current), move, C(m.since, w[5])])
            self.story += grids(data, w, extra=BOLD_REFS)
        else:
            self.story.append(P("No risk has moved."))

    def actions(self) -> None:
        d = self.d
        self.story += [PageBreak()] + heading("Action log", "actions")
        self.story.append(P("Open actions", "h2"))
        if d.open_actions:
            data = [[P(h, "head") for h in ("Ref", "Action", "Owner", "Due", "Status", "Latest update")]]
            w = [16 * mm, 55 * mm, 26 * mm, 19 * mm, 29 * mm, self.pw - 145 * mm]
            extra = []
            for i, a in enumerate(d.open_actions, start=1):
                status = C(f"OVERDUE\n{a.days_overdue:,} days\n{a.status.label}", w[4], True) if a.overdue \
                    else a.status.label
                update = f"{uk_date(a.updates[-1].written_on)}: {a.updates[-1].text}" if a.updates else "—"
                # short fixed text as plain cells (the grid's font and size): a Paragraph each costs
                # a line-breaking pass, and a large register's log runs to thousands of rows
                data.append([C(a.reference, w[0], True), C(a.description, w[1]), C(a.owner_name, w[2]),
                             uk_date(a.due_on), status, C(update, w[5])])
                if a.overdue:  # shaded, a red bar, and OVERDUE in bold
                    extra += [("BACKGROUND", (0, i), (-1, i), OVERDUE_SHADE), ("LINEBEFORE", (0, i), (0, i), 2.5, PRIVATE_RED),
                              ("FONTNAME", (4, i), (4, i), BOLD)]
            self.story += grids(data, w, extra=extra + BOLD_REFS)
            self.story.append(P("Overdue actions are shaded, marked with a bar and the word OVERDUE.", "note"))
        else:
            self.story.append(P("None."))
        if d.completed_label:
            title = f"Completed since {d.completed_label}"
        else:
            title = f"Completed in the last three months (since {uk_date(d.completed_since)})"
        self.story.append(P(E(title), "h2"))
        if d.completed_actions:
            data = [[P(h, "head") for h in ("Ref", "Action", "Owner", "Completed")]]
            w = [16 * mm, 100 * mm, 34 * mm, self.pw - 150 * mm]
            for a in d.completed_actions:
                data.append([C(a.reference, w[0], True), C(a.description, w[1]), C(a.owner_name, w[2]),
                             uk_date(a.completed_on)])
            self.story += grids(data, w, extra=BOLD_REFS)
        else:
            self.story.append(P("None."))
        if d.withheld.get("actions"):
            self.story.append(P(f"{d.withheld['actions']} private action(s) withheld from this public pack.", "note"))

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
                    names = "; ".join(E(a.name) + (f" ({E(a.capacity)})" if a.capacity else "") for a in people)
                    self.story.append(P(f"<b>{role.label}:</b> {names}"))
        if d.agenda:
            self.story += [Bookmark("Agenda", "appendix-agenda", 1), P("Agenda of the meeting", "h2")]
            data = [[P(h, "head") for h in ("Item", "Title", "Presenter", "Recommendation")]]
            for item in d.agenda:
                data.append([P(E(item.minute_ref or item.number), "cell"), P(E(item.title), "cell"),
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
            "indicators": self.indicators, "risks": self.risks, "actions": self.actions, "appendix": self.appendix,
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
        return self.story


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
        subject=f"{name} assurance pack, {data.session.label.lower()} session", creator="PBP Desktop",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=HEADER_H + 6 * mm, bottomMargin=FOOTER_H + 5 * mm)

    def frame(size, fid):
        return Frame(MARGIN, FOOTER_H + 5 * mm, size[0] - 2 * MARGIN, size[1] - HEADER_H - FOOTER_H - 11 * mm,
                     id=fid, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    story = _Builder(data, progress.part(0.0, 0.2)).build()
    if story and isinstance(story[-1], PageBreak):
        story.pop()
    # a section that opens the pack starts on its first page: the page breaks before it go, and a
    # section that turns the page to landscape has the first page landscape (no blank page first)
    first = "portrait"
    while story and isinstance(story[0], PageBreak | NextPageTemplate):
        lead = story.pop(0)
        if isinstance(lead, NextPageTemplate):
            first = lead.action[1]
    templates = [
        PageTemplate("portrait", [frame(PORTRAIT, "p")], onPage=furniture.draw, pagesize=PORTRAIT),
        PageTemplate("landscape", [frame(LANDSCAPE, "l")], onPage=furniture.draw, pagesize=LANDSCAPE),
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

