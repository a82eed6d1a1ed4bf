"""Reports layer: build_highlight(report) - the monthly highlight report as a PDF: a summary page
of every programme, then a page per programme (its projects and milestones within it); and the
parts the assurance pack's programmes section draws from the same rows (summary_table,
programme_brief)."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)

from ..domain.enums import Rag
from ..domain.periods import uk_date
from ..readmodels.highlight import HighlightReport
from ..readmodels.programmes import MilestoneRow, ProgrammeRow, ProgrammeUpdateRow
from .canvas import FOOTER_H, HEADER_H, LANG, MARGIN, Furniture, NumberedCanvas
from .pack import CONFIDENTIAL, E, P, grid, heading, on_rag, rag_cell, rag_style
from .theme import BOLD, PALE_GREY, RAG_BG, register_fonts

Marked = Callable[[Any], bool]


def _conf(row: Any, marked: Marked) -> str:
    return f" {CONFIDENTIAL}" if marked(row) else ""


def _people(p: ProgrammeRow) -> str:
    return ", ".join(E(link.title) for link in p.lead_partners) or "—"


def _confidence(p: ProgrammeRow, update: ProgrammeUpdateRow | None) -> tuple[Rag | None, str | None, bool]:
    """The delivery confidence for the month: the month's report's own where it gives one, else the
    programme's; and whether it is the month's."""
    if update is not None and update.confidence is not None:
        return update.confidence, update.confidence_reason, True
    if update is not None and (update.confidence_reason or "").strip():  # the month's words on the standing RAG
        return p.confidence, update.confidence_reason, True
    return p.confidence, p.confidence_reason, False


def rag_words(rag: Rag | None) -> str:
    """A RAG in running text: its letter in bold and its word (a colour on no background cannot be read)."""
    return f"<b>{rag.letter}</b> {rag.label}" if rag is not None else "not assessed"


def confidence_cell(rag: Rag | None) -> Any:
    return rag_cell(rag) if rag is not None else P("Not assessed", "cell")


def summary_table(programmes: tuple[ProgrammeRow, ...], month: date | None, width: float, marked: Marked
                  ) -> list[Flowable]:
    """Every programme on one table: status, delivery confidence, its milestones' R/A/G counts
    (its projects' with its own) and whether the month's report asks the board to decide."""
    heads = ["Programme", "Status", "Confidence", "R", "A", "G", "Decisions asked"]
    data: list[list] = [[P(h, "head") for h in heads]]
    w = [width - 118 * mm, 24 * mm, 26 * mm, 10 * mm, 10 * mm, 10 * mm, 38 * mm]
    extra: list = [("ALIGN", (3, 0), (5, -1), "CENTER")]
    for n, p in enumerate(programmes, start=1):
        update = p.update_for(month) if month else None
        rag, _why, _own = _confidence(p, update)
        counts = p.milestone_counts()
        if update is None:
            asked = "No report" if month else "—"
        else:
            asked = "Yes" if (update.decisions or "").strip() else "No"
        data.append([P(f"<b>{E(p.reference)}</b> {E(p.title)}{_conf(p, marked)}", "cell"), P(E(p.status.label), "cell"),
                     confidence_cell(rag), str(counts[Rag.RED]), str(counts[Rag.AMBER]), str(counts[Rag.GREEN]),
                     P(E(asked), "cell")])
        if rag is not None:
            extra += rag_style(2, n, rag)
        for col, r in ((3, Rag.RED), (4, Rag.AMBER), (5, Rag.GREEN)):
            if counts[r]:
                extra += rag_style(col, n, r)
    if not programmes:
        return [P("No programmes are recorded.")]
    return [grid(data, w, extra=extra, long=True),
            P("R, A, G: the programme's milestones (its projects' with its own) by RAG, judged from their slippage "
              "against the baseline and the programme's contingency: late within the contingency is amber, beyond "
              "it red. Decisions asked: whether the month's highlight report asks the board for a decision.", "note")]


def milestones_table(milestones: tuple[MilestoneRow, ...], width: float, marked: Marked) -> list[Flowable]:
    if not milestones:
        return [P("No milestones recorded.", "small")]
    heads = ["Milestone", "Baseline", "Forecast", "Actual", "Slippage", "RAG"]
    w = [width - 124 * mm, 18 * mm, 18 * mm, 18 * mm, 52 * mm, 18 * mm]
    data: list[list] = [[P(h, "head") for h in heads]]
    extra: list = []
    for n, m in enumerate(milestones, start=1):
        title = E(m.title) + _conf(m, marked)
        if m.check_point:
            title = "<b>Check point:</b> " + title
        if m.reported_to:
            title += f"<br/><font size=6.5>Reported to {E(m.reported_to)}</font>"
        if m.note:
            title += f"<br/><font size=6.5><i>{E(m.note)}</i></font>"
        if m.status.value in ("cancelled",):
            title += "<br/><font size=6.5>Cancelled</font>"
        data.append([P(title, "cell"), uk_date(m.baseline_date), uk_date(m.forecast_date) or "—",
                     uk_date(m.actual_date) or "—", P(E(m.slippage.words), "cell"), rag_cell(m.rag)])
        extra += rag_style(5, n, m.rag)
        if m.check_point:
            extra.append(("BACKGROUND", (0, n), (0, n), PALE_GREY))
    return [grid(data, w, extra=extra)]


def forecast_history(milestones: tuple[MilestoneRow, ...], marked: Marked) -> list[Flowable]:
    """Each milestone whose forecast moved, in brief: 'moved 2 times: 01/07/2022 -> 01/09/2022 -> 01/11/2022'."""
    lines = []
    for m in milestones:
        dates = [f.forecast_date for f in sorted(m.forecasts, key=lambda f: (f.recorded_on, f.id))]
        path = [d for k, d in enumerate(dates) if k == 0 or d != dates[k - 1]]
        if len(path) < 2:
            continue
        moves = len(path) - 1
        why = next((f.reason for f in reversed(m.forecasts) if f.reason), None)
        text = (f"<b>{E(m.title)}</b>{_conf(m, marked)}: moved {moves} time{'s' if moves != 1 else ''}: "
                + " -> ".join(uk_date(d) or "none" for d in path))
        if why:
            text += f" (latest reason: {E(why)})"
        lines.append(P(text, "small"))
    return [P("Forecast changes", "h3"), *lines] if lines else []


def _facts(p: ProgrammeRow, width: float, month: date | None, marked: Marked) -> Table:
    update = p.update_for(month) if month else None
    rag, why, own = _confidence(p, update)
    label = "Delivery confidence" + (f" ({month:%B %Y})" if own and month else "")
    confidence = (on_rag(f"<b>{rag.letter}</b> {rag.label}", rag) if rag else "Not assessed")
    rows = [
        ["Lead director", E(p.lead_director or "—"), "Sponsor", E(p.sponsor or "—")],
        ["Activity manager", E(p.activity_manager or "—"), "Lead partners", _people(p)],
        ["Gateway stage", E(p.gateway_name or "Not set"), "Status", E(p.status.label)],
        [label, confidence, "Contingency",
         f"{p.contingency} month{'s' if p.contingency != 1 else ''}" if p.contingency is not None else "None set"],
    ]
    if why:
        rows.append(["Why", E(why), "", ""])
    if p.key_partners:
        rows.append(["Key partners", E(p.key_partners), "", ""])
    w = [30 * mm, width / 2 - 30 * mm, 26 * mm, width / 2 - 26 * mm]
    data = [[P(f"<b>{a}</b>", "cell"), P(b, "cell"), P(f"<b>{c}</b>", "cell"), P(d, "cell")] for a, b, c, d in rows]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.3, PALE_GREY),
             ("BACKGROUND", (0, 0), (0, -1), PALE_GREY), ("BACKGROUND", (2, 0), (2, 3), PALE_GREY)]
    if rag is not None:
        style += [("BACKGROUND", (1, 3), (1, 3), RAG_BG[rag])]
    for n, (_a, _b, c, _d) in enumerate(rows):
        if not c:
            style.append(("SPAN", (1, n), (3, n)))
    t = Table(data, colWidths=w)
    t.setStyle(TableStyle(style))
    return t


def _report_box(p: ProgrammeRow, month: date, width: float, marked: Marked) -> list[Flowable]:
    update = p.update_for(month)
    if update is None:
        return [P(f"<b>No highlight report for {month:%B %Y}.</b>")]
    parts = [("Progress this period", update.progress), ("Plans for the next period", update.next_steps),
             ("Risks and issues", update.risks_issues), ("Decisions asked of the board", update.decisions)]
    data = [[P(f"<b>{label}</b>", "cell"), P(E(text) if (text or "").strip() else "<i>None reported.</i>", "cell")]
            for label, text in parts]
    t = Table(data, colWidths=[42 * mm, width - 42 * mm])
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.3, PALE_GREY),
             ("BACKGROUND", (0, 0), (0, -1), PALE_GREY)]
    if (update.decisions or "").strip():
        style += [("LINEBEFORE", (0, 3), (0, 3), 2.5, RAG_BG[Rag.AMBER]), ("FONTNAME", (1, 3), (1, 3), BOLD)]
    t.setStyle(TableStyle(style))
    out: list[Flowable] = [t]
    if marked(update):
        out.insert(0, P(f"This highlight report {CONFIDENTIAL}", "small"))
    return out


def _links(p: ProgrammeRow, report: HighlightReport, width: float, marked: Marked) -> list[Flowable]:
    out: list[Flowable] = []
    risks = p.linked("risk")
    if risks:
        data: list[list] = [[P(h, "head") for h in ("Risk", "Title", "Current score")]]
        for link in risks:
            score = report.risk_scores.get(link.id)
            data.append([P(f"<b>{E(link.reference)}</b>", "cell"), P(E(link.title) + _conf(link, marked), "cell"),
                         str(score) if score is not None else "—"])
        out += [P("Linked risks", "h3"), grid(data, [22 * mm, width - 52 * mm, 30 * mm])]
    actions = p.linked("action")
    if actions:
        data = [[P(h, "head") for h in ("Action", "Description", "State")]]
        for link in actions:
            state = report.action_states.get(link.id, "—")
            data.append([P(f"<b>{E(link.reference)}</b>", "cell"), P(E(link.title) + _conf(link, marked), "cell"),
                         P("<b>OVERDUE</b>" if state == "overdue" else E(state), "cell")])
        out += [P("Linked actions", "h3"), grid(data, [22 * mm, width - 52 * mm, 30 * mm])]
    aims = [link for link in p.links if link.kind in ("outcome", "objective")]
    if aims:
        out.append(P("<b>Contributes to:</b> " + "; ".join(f"{E(a.reference)} {E(a.title)}{_conf(a, marked)}"
                                                             for a in aims), "small"))
    if p.goals:
        data = [[P(h, "head") for h in ("Goal", "Contribution")]]
        data += [[P(f"<b>{E(g.goal)}</b>", "cell"), P(E(g.contribution) + _conf(g, marked), "cell")] for g in p.goals]
        out += [P("Contribution to the goals", "h3"), grid(data, [30 * mm, width - 30 * mm])]
    if p.benefits:
        data = [[P(h, "head") for h in ("Expected benefit", "Indicator", "Latest RAG")]]
        extra: list = []
        for n, b in enumerate(p.benefits, start=1):
            found = report.indicator_rags.get(b.indicator_id) if b.indicator_id is not None else None
            rag = found[0] if found else None
            data.append([P(E(b.description) + _conf(b, marked), "cell"), P(E(b.indicator_label or "—"), "cell"),
                         P(on_rag(E(found[1]), found[0]), "cell") if found else "—"])
            if rag is not None:
                extra += rag_style(2, n, rag)
        out += [P("Expected benefits", "h3"), grid(data, [width - 90 * mm, 66 * mm, 24 * mm], extra=extra)]
    return out


def _status_line(p: ProgrammeRow, rag: Rag | None, why: str | None) -> str:
    """Status, gateway stage, who leads and the delivery confidence in one line; what is not
    recorded is said once, in words, rather than as a row of dashes."""
    parts = [E(p.status.label), f"gateway stage {E(p.gateway_name)}" if p.gateway_name else "no gateway stage set"]
    named = [f"{what} {E(who)}" for what, who in (("lead director", p.lead_director), ("sponsor", p.sponsor),
                                                  ("activity manager", p.activity_manager)) if who]
    parts.append(", ".join(named) if named else "no lead named")
    return "; ".join(parts) + "; delivery confidence " + rag_words(rag) + (f": {E(why)}" if why else "")


def _project(q: ProgrammeRow, report: HighlightReport, width: float, marked: Marked) -> list[Flowable]:
    update = q.update_for(report.month)
    rag, why, _own = _confidence(q, update)
    line = _status_line(q, rag, why)
    head = [P(f"Project {E(q.reference)} {E(q.title)}{_conf(q, marked)}", "h3"), P(line, "small")]
    out: list[Flowable] = [KeepTogether(head + milestones_table(q.milestones, width, marked)[:1])]
    if update is not None:
        out += _report_box(q, report.month, width, marked)
    out += forecast_history(q.milestones, marked)
    out += _links(q, report, width, marked)
    for sub in q.projects:
        out += _project(sub, report, width, marked)
    return out


def programme_page(p: ProgrammeRow, report: HighlightReport, width: float) -> list[Flowable]:
    marked = report.marked
    out: list[Flowable] = [PageBreak(), *heading(f"{p.reference} {p.title}", f"prog-{p.id}")]
    if marked(p):
        out.append(P(CONFIDENTIAL))
    if p.aim:
        out.append(P(f"<i>{E(p.aim)}</i>", "small"))
    out += [_facts(p, width, report.month, marked), P(f"Highlight report, {report.month_label}", "h2")]
    out += _report_box(p, report.month, width, marked)
    out.append(P("Milestones", "h2"))
    if p.milestones or not p.projects:
        out += milestones_table(p.milestones, width, marked)
    else:  # never a heading with nothing under it
        out.append(P("None of the programme's own; its projects' milestones follow with each project.", "small"))
    out += forecast_history(p.milestones, marked)
    out += _links(p, report, width, marked)  # the programme's own, with its facts, before its projects
    for q in p.projects:
        out += _project(q, report, width, marked)
    return out


def programme_brief(p: ProgrammeRow, month: date | None, width: float, marked: Marked) -> list[Flowable]:
    """A programme as the pack's section shows it: its status and confidence, and its milestones
    with its projects' (each named)."""
    update = p.update_for(month) if month else None
    rag, why, _own = _confidence(p, update)
    line = _status_line(p, rag, why)
    out: list[Flowable] = [P(f"{E(p.reference)} {E(p.title)}{_conf(p, marked)}", "h2"), P(line, "small")]
    rows = list(p.milestones)
    for q in p.projects:  # a project's milestones say whose they are
        rows += [dataclasses.replace(m, title=f"{q.reference}: {m.title}") for m in q.all_milestones()]
    return out + milestones_table(tuple(rows), width, marked)


def build_highlight(report: HighlightReport) -> bytes:
    """Render the report; the same report gives the same bytes (ReportLab's invariant mode)."""
    register_fonts()
    rl_config.invariant = 1
    buffer = io.BytesIO()
    size = A4
    width = size[0] - 2 * MARGIN
    furniture = Furniture(f"{report.partnership} · {report.title}", report.reference, uk_date(report.printed_on),
                          report.private)
    doc = BaseDocTemplate(buffer, pagesize=size, title=f"{report.title} ({report.reference})",
                          author=report.partnership,
                          subject=f"{report.partnership} highlight report, {report.session.label.lower()} session",
                          creator="PBP Desktop", lang=LANG, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=HEADER_H + 6 * mm, bottomMargin=FOOTER_H + 5 * mm)
    frame = Frame(MARGIN, FOOTER_H + 5 * mm, width, size[1] - HEADER_H - FOOTER_H - 11 * mm, id="f",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=furniture.draw, pagesize=size)])
    n = len(report.programmes)
    intro = (f"{n} programme{'s' if n != 1 else ''}. Milestones are judged as at {uk_date(report.as_at)}"
             + (" (the end of the month)." if report.as_at == _end(report.month) else " (today; the month has not ended).")
             + f" Each programme's page gives its highlight report for {report.month_label}.")
    if report.withheld:
        intro += (f" {report.withheld} private programme{'s are' if report.withheld != 1 else ' is'} withheld from this "
                  "public report.")
    story: list[Flowable] = [*heading(report.title, "summary"), P(E(report.partnership), "h3"), P(E(intro), "small"),
                             *summary_table(report.programmes, report.month, width, report.marked)]
    for p in report.programmes:
        story += programme_page(p, report, width)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def _end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


__all__ = ["build_highlight", "summary_table", "programme_brief"]
