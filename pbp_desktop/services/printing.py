"""Services layer: the one door from the services to the reports layer. Everything the services
print (the assurance pack; the monthly highlight report; the agenda, the minutes, the action log and the register of
interests, in PDF and DOCX) is drawn by a function here from a readmodel, so the services know
the reports only through these names (tests/test_layers.py holds every other services module
to it). ReportLab and python-docx are loaded when the first paper is drawn."""

from __future__ import annotations

from ..domain.progress import NO_PROGRESS, Progress
from ..readmodels.highlight import HighlightReport
from ..readmodels.pack import PackData
from ..readmodels.papers import AnyPaper


def render_pack(data: PackData, progress: Progress = NO_PROGRESS) -> bytes:
    """The assurance pack's PDF bytes, drawn from its data (the same data give the same bytes)."""
    from ..reports import build_pack
    return build_pack(data, progress=progress)


def render_paper_pdf(paper: AnyPaper) -> bytes:
    """A meeting paper (agenda, minutes, action log, register of interests) as PDF bytes."""
    from ..reports.papers import build_paper
    return build_paper(paper)


def render_paper_docx(paper: AnyPaper) -> bytes:
    """A meeting paper as a Word document (python-docx), for drafts circulated for comment."""
    from ..reports.papers_docx import build_paper_docx
    return build_paper_docx(paper)


def render_highlight(report: HighlightReport) -> bytes:
    """The monthly highlight report as PDF bytes (a page per programme after a summary page)."""
    from ..reports.highlight import build_highlight
    return build_highlight(report)
