"""UI: the indicator chart on the Outcomes screen as the pack draws it (issue 19) - ticks on the
periods they name, the line broken at a gap, a legend of what is drawn, the target's value beside
the plot, no float noise on the value axis, one figure said in words, no figures said so, and
the one-line description under the chart and as its accessible description."""

from __future__ import annotations

import math

import pytest

from pbp_desktop.readmodels import chart_spec
from pbp_desktop.ui.pages.outcomes import OutcomesPage

pytestmark = pytest.mark.ui


def _show(window, demo, code: str):
    page = window.show_page(OutcomesPage)
    ind = next(i for o in demo.queries.outcome_tree(with_periods=True) for j in o.objectives for i in j.indicators
               if i.code == code)
    page.select(("indicator", ind.id))
    return page.indicator_panel, chart_spec(ind)


def test_a_chart_with_a_gap_its_ticks_legend_target_and_description(window, demo, qtbot):
    panel, spec = _show(window, demo, "GLD")
    chart = panel.chart
    assert chart.accessibleDescription() == spec.description == panel.chart_words.text()
    assert "no figures for 2019/20 to 2020/21" in spec.description
    # the line breaks at the gap: one NaN between the runs, not drawn across
    xs, ys = chart.actual.getData()
    assert sum(math.isnan(y) for y in ys) == len(spec.actual_runs) - 1 == 1
    # the legend: what is drawn, in the readmodel's words
    names = [label.text for _, label in chart.legend.items]
    assert names == [w for _, w in spec.legend] == ["Plan", "Actual (R/A/G)", "Target"]
    # the bottom axis labels each tick with the period whose point sits there
    chart.resize(700, 300)
    qtbot.wait(10)
    ticks = chart.period_axis.labelled(600)
    assert ticks and all(spec.slots[i] == label for i, label in ticks)
    last = spec.actuals[-1]
    assert chart.period_axis.tickStrings([last.x], 1, 1) in ([last.label], [""])
    # the target's value on the right-hand axis, outside the plot
    assert chart.plotItem.getAxis("right").isVisible()
    assert chart.target_axis._tickLevels[0] == [(spec.target.value, spec.fmt_plain(spec.target.value))]


def test_the_value_axis_prints_the_indicators_decimals_and_no_float_noise(window, demo):
    panel, spec = _show(window, demo, "NI 123")  # decimals 0: one figure against a quarterly plan
    axis = panel.chart.value_axis
    assert axis.decimals == spec.decimals == 0
    assert axis.tickStrings([812.400000000004, 1015.0], 1, 0.5) == ["812", "1,015"]
    assert all(s >= 1 for s, _ in axis.tickSpacing(812.0, 813.0, 300))  # never finer than the decimals
    panel.chart.value_axis.decimals = 1
    assert axis.tickStrings([812.400000000004], 1, 0.2) == ["812.4"]


def test_one_figure_is_said_in_words_and_no_figures_says_so(window, demo):
    panel, spec = _show(window, demo, "NI 120M")
    chart = panel.chart
    assert spec.as_figures
    assert panel.chart_words.text() == "One figure so far: 812.4 per 100,000 in Apr 2008." == chart.accessibleDescription()
    assert chart.message.isVisible()
    assert chart.message.toPlainText() == "Too few figures for a chart:\nApr 2008: 812.4 (provisional)"
    assert not chart.plotItem.getAxis("left").isVisible() and not chart.plotItem.getAxis("bottom").isVisible()
    assert len(chart.actual_dots.data) == 0 and chart.legend.items == []
    panel, spec = _show(window, demo, "QOF-DM")
    assert chart.message.toPlainText() == "No figures yet." == chart.accessibleDescription()
    assert panel.chart_words.isHidden()  # said once, in the chart
    assert not chart.plotItem.getAxis("left").isVisible()
    # and back to a chart: the axes and the legend return
    panel, spec = _show(window, demo, "SATOD")
    assert not chart.message.isVisible() and chart.plotItem.getAxis("left").isVisible()
    assert not panel.chart_words.isHidden() and panel.chart_words.text() == spec.description
    assert [label.text for _, label in chart.legend.items] == [w for _, w in spec.legend]
