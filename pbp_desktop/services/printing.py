"""Services layer: the one door from the services to the reports layer. Everything the services
print (the assurance pack today; the agenda, minutes and action-log papers of the meeting cycle
next) is drawn by a function here from a readmodel, so the services know the reports only
through these names (tests/test_layers.py holds every other services module to it). ReportLab
is loaded when the first paper is drawn, not when the register opens."""

from __future__ import annotations

from ..domain.progress import NO_PROGRESS, Progress
from ..readmodels.pack import PackData


def render_pack(data: PackData, progress: Progress = NO_PROGRESS) -> bytes:
    """The assurance pack's PDF bytes, drawn from its data (the same data give the same bytes)."""
    from ..reports import build_pack
    return build_pack(data, progress=progress)
