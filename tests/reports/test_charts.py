"""Reports: the pack's charts as drawn (issue 19) - no line crosses the target's label, the
legend lists what is drawn and nothing else, a gap breaks the line, one or two figures are
printed as figures, no figures prints no ticks, every chart has its description under it, and
no tick prints float noise. Checked on every indicator of the demo register."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Line, Path, Polygon, PolyLine, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from pbp_desktop.domain import spc
from pbp_desktop.readmodels import chart_spec
from pbp_desktop.reports.charts import TARGET_FILL, spc_drawing, spc_legend, trajectory_drawing
from pbp_desktop.reports.theme import NHS_DARK_BLUE

W, H = 300.0, 176.0  # about the pack's chart


@pytest.fixture
def indicators(demo):
    return [i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators]


def _segments(d):
    for s in d.contents:
        if isinstance(s, Line):
            yield (s.x1, s.y1, s.x2, s.y2), s.strokeWidth
        elif isinstance(s, PolyLine | Polygon) or isinstance(s, Path):
            pts = s.points
            for k in range(0, len(pts) - 2, 2):
                yield (pts[k], pts[k + 1], pts[k + 2], pts[k + 3]), getattr(s, "strokeWidth", 1) or 1


def _crosses(seg, box, pad) -> bool:
    """Does a segment (thickened by pad) pass through the box? Sampled along its length."""
    x1, y1, x2, y2 = seg
    bx0, by0, bx1, by1 = box
    steps = max(2, int(max(abs(x2 - x1), abs(y2 - y1)) * 2))
    for k in range(steps + 1):
        x, y = x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps
        if bx0 - pad < x < bx1 + pad and by0 - pad < y < by1 + pad:
            return True
    return False


def test_no_line_crosses_the_target_label(indicators):
    """The defect: the target's label was struck through by the plan line in about ten charts."""
    checked = 0
    for ind in indicators:
        spec = chart_spec(ind)
        if not (spec.drawn and spec.target):
            continue
        d = trajectory_drawing(spec, W, H)
        label = next(s for s in d.contents if getattr(s, "target_label", False))
        assert label.text == spec.fmt_plain(spec.target.value)
        box = (label.x, label.y - 2, label.x + stringWidth(label.text, label.fontName, label.fontSize),
               label.y + label.fontSize)
        for seg, width in _segments(d):
            assert not _crosses(seg, box, width / 2), f"{ind.label}: {seg} crosses the target label"
        checked += 1
    assert checked >= 10


def test_the_legend_lists_what_is_drawn_and_nothing_else(indicators):
    for ind in indicators:
        spec = chart_spec(ind)
        d = trajectory_drawing(spec, W, H)
        keys = [s.legend_key for s in d.contents if hasattr(s, "legend_key")]
        assert keys == [k for k, _ in spec.legend], ind.label
        diamonds = [s for s in d.contents if isinstance(s, Polygon) and s.fillColor == TARGET_FILL]
        assert len(diamonds) == (2 if spec.drawn and spec.target else 0), ind.label  # the mark and its key
        dotted = [s for s in d.contents if isinstance(s, Line) and s.strokeDashArray == [1, 2]]
        assert len(dotted) == (2 if "forecast" in keys else 0), ind.label
        lines = [s for s in d.contents if isinstance(s, PolyLine) and s.strokeColor == NHS_DARK_BLUE]
        assert len(lines) == (sum(len(r) >= 2 for r in spec.actual_runs) if spec.drawn else 0), ind.label


def test_a_gap_breaks_the_line(indicators):
    gld = next(i for i in indicators if i.code == "GLD")  # no EYFS assessment in 2019/20 or 2020/21
    spec = chart_spec(gld)
    assert spec.gaps == (("2019/20", "2020/21"),)
    d = trajectory_drawing(spec, W, H)
    lines = [s for s in d.contents if isinstance(s, PolyLine) and s.strokeColor == NHS_DARK_BLUE]
    assert len(lines) == 1 and len(lines[0].points) == 2 * (len(spec.actuals) - 1)  # 2018/19 stands alone


def test_no_figures_prints_no_ticks(indicators):
    spec = chart_spec(next(i for i in indicators if i.code == "QOF-DM"))
    d = trajectory_drawing(spec, W, H)
    assert [s.text for s in d.contents if isinstance(s, String)] == ["No figures yet"]
    assert not [s for s in d.contents if isinstance(s, Line | PolyLine)]


def test_the_pack_prints_few_figures_as_figures_with_a_description_under_every_chart(demo, indicators):
    printed = demo.packs.print_pack(demo.packs.resolve_meeting("next"), "private")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    assert "Toofewfiguresforachart" in flat
    assert re.sub(r"\s+", "", "One figure so far: 812.4 per 100,000 in Apr 2008.") in flat
    assert not re.search(r"\d\.\d{5,}", text), "a figure printed with float noise"
    for ind in indicators:
        if not ind.archived:
            assert re.sub(r"\s+", "", chart_spec(ind).description) in flat, ind.label


def test_the_xmr_chart_legend_lists_only_what_it_draws():
    dates = [date(2020, 1, 31) + timedelta(days=31 * k) for k in range(15)]
    flat = spc.analyse([0.0] * 15, dates)  # screened: no limits for a series that never changes
    assert [k for k, _ in spc_legend(flat)] == ["point:common_cause", "mean"]
    d = spc_drawing(flat, "incidents", W, H)
    assert [s.legend_key for s in d.contents if hasattr(s, "legend_key")] == ["point:common_cause", "mean"]
    assert not re.search(r"\d\.\d{5,}", " ".join(s.text for s in d.contents if isinstance(s, String)))
    unscreened = spc.analyse([0.0] * 15, dates, screen_outliers=False, target=1)
    assert [k for k, _ in spc_legend(unscreened)] == ["point:common_cause", "mean", "limits", "target"]
