"""Readmodels: what an indicator's chart shows (issue 19) - ticks on the periods they name for
each frequency, lines broken at gaps, a legend of only what is drawn, one or two figures given
as figures, value ticks without float noise, no figures said so, and the one-line description."""

from __future__ import annotations

import random
from datetime import date

import pytest

from pbp_desktop.domain.enums import Frequency, Polarity, Rag
from pbp_desktop.domain.periods import parse_period
from pbp_desktop.readmodels.charts import chart_spec, tick_text, value_ticks
from pbp_desktop.readmodels.rows import IndicatorPeriodRow, IndicatorRow


def indicator(frequency: Frequency, rows: list[tuple[str, float | None, float | None]], *, unit: str = "%",
              decimals: int = 1, target: tuple[float, date] | None = None,
              baseline: tuple[float, str] | None = None, forecast: float | None = None,
              provisional: tuple[str, ...] = ()) -> IndicatorRow:
    """An indicator row as the queries give it: rows are (period, planned, actual)."""
    periods = []
    for label, planned, actual in rows:
        p = parse_period(label, frequency)
        periods.append(IndicatorPeriodRow(
            period=p.label, period_start=p.start, period_end=p.end, planned=planned, planned_edited=False,
            planned_version=None, actual=actual, actual_id=None, actual_version=None,
            provisional=label in provisional, illustrative=False, source=None, note=None,
            rag=Rag.GREEN if actual is not None else Rag.GREY, rag_reason=""))
    return IndicatorRow(
        id=1, version=1, objective_id=1, objective_reference="O1", outcome_id=1, outcome_reference="PO1",
        code="X1", name="An indicator", definition=None, unit=unit, polarity=Polarity.HIGHER_IS_BETTER,
        decimals=decimals, baseline_value=baseline[0] if baseline else None,
        baseline_period=baseline[1] if baseline else None, target_value=target[0] if target else None,
        target_date=target[1] if target else None, data_source=None, frequency=frequency, tolerance_pct=5,
        rag_definition=None, notes=None, archived=False, awaiting_data=False, fingertips_id=None,
        fingertips_area=None, fingertips_sex=None, fingertips_age=None, fingertips_category=None, leads=(),
        latest=None, rag=Rag.GREY, trend="", forecast=forecast, periods=tuple(periods))


def fy(first: int, last: int) -> list[str]:
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(first, last + 1)]


# ------------------------------------------------------------------------------ ticks

def _on_their_periods(spec, ticks) -> None:
    """Every labelled tick names the period its slot holds, and every point sits on the slot of
    the period it reports."""
    for i, label in ticks:
        assert spec.slots[i] == label
    for p in (*spec.plan, *spec.actuals):
        assert spec.slots[int(p.x)] == p.label and p.x == int(p.x), p


def test_financial_year_data_is_ticked_with_financial_years():
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, [(y, None, 60 + k) for k, y in enumerate(fy(2019, 2024))]))
    ticks = spec.ticks(10)
    assert [label for _, label in ticks] == fy(2019, 2024)
    _on_their_periods(spec, ticks)


def test_calendar_2024_sits_on_the_2024_tick_not_2025():
    """The defect: a point for calendar 2024 (ending 31/12/2024) was drawn beside the 2025 tick."""
    ind = indicator(Frequency.ANNUAL_CALENDAR, [(str(y), 3.0, 3.5) for y in range(2018, 2025)],
                    target=(3.1, date(2025, 3, 31)))
    spec = chart_spec(ind)
    ticks = dict(spec.ticks(10))
    last = spec.actuals[-1]
    assert last.label == "2024" and ticks[int(last.x)] == "2024"
    assert "2025" in spec.slots  # the target date falls in 2025: a quarter of the way along to it
    assert spec.target is not None and spec.target.x == pytest.approx(last.x + 90 / 365)
    _on_their_periods(spec, spec.ticks(10))


def test_months_are_thinned_from_january_and_name_their_month():
    rows = [(f"{m} {y}", None, 10.0) for y in (2020, 2021, 2022)
            for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]
    spec = chart_spec(indicator(Frequency.MONTHLY, rows, decimals=0, unit="days"))
    assert len(spec.ticks(40)) == 36
    six = spec.ticks(6)
    assert [label for _, label in six] == ["Jan 2020", "Jul 2020", "Jan 2021", "Jul 2021", "Jan 2022", "Jul 2022"]
    assert [label for _, label in spec.ticks(3)] == ["Jan 2020", "Jan 2021", "Jan 2022"]
    _on_their_periods(spec, six)


def test_quarters_are_thinned_to_the_first_quarter_of_each_year():
    rows = [(f"Q{q} {y}", 100.0, 90.0) for y in fy(2007, 2009) for q in (1, 2, 3, 4)]
    spec = chart_spec(indicator(Frequency.QUARTERLY, rows))
    assert [label for _, label in spec.ticks(3)] == ["Q1 2007/08", "Q1 2008/09", "Q1 2009/10"]
    assert [label for _, label in spec.ticks(6)] == ["Q1 2007/08", "Q3 2007/08", "Q1 2008/09", "Q3 2008/09",
                                                       "Q1 2009/10", "Q3 2009/10"]
    _on_their_periods(spec, spec.ticks(12))


def test_rolling_periods_are_ticked_with_their_names():
    rows = [(f"{y - 2} - {y % 100:02d}", None, 5.0 + y % 3) for y in range(2015, 2021)]
    spec = chart_spec(indicator(Frequency.ROLLING_3_YEAR, rows))
    assert [label for _, label in spec.ticks(10)] == ["2013 - 15", "2014 - 16", "2015 - 17", "2016 - 18",
                                                        "2017 - 19", "2018 - 20"]
    _on_their_periods(spec, spec.ticks(10))


# ------------------------------------------------------------------------------ gaps

def test_a_gap_breaks_the_line_and_is_named():
    rows = [("2018/19", 70.0, 67.9), ("2019/20", 73.5, None), ("2020/21", 77.1, None),
            *[(y, 80.0, 61.2 + k) for k, y in enumerate(fy(2021, 2024))]]
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, rows))
    assert [len(r) for r in spec.actual_runs] == [1, 4]
    assert spec.gaps == (("2019/20", "2020/21"),)


def test_a_survey_every_other_year_is_one_line_not_gaps():
    spec = chart_spec(indicator(Frequency.ANNUAL_CALENDAR, [(str(y), None, 10.0 + y % 5) for y in range(2010, 2021, 2)]))
    assert len(spec.actual_runs) == 1 and spec.gaps == ()


# ------------------------------------------------------------------------------ legend, few points, empty

def test_the_legend_lists_only_what_is_drawn():
    bare = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, [(y, None, 5.0 + k) for k, y in enumerate(fy(2018, 2023))]))
    assert [k for k, _ in bare.legend] == ["actual"]
    assert bare.legend[0][1] == "Actual (R/A/G)"  # no provisional figure: no "* provisional"
    full = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, [(y, 5.0, 5.0 + k) for k, y in enumerate(fy(2018, 2023))],
                                target=(9.0, date(2026, 3, 31)), baseline=(4.0, "2017/18"), forecast=8.5,
                                provisional=("2023/24",)))
    assert [k for k, _ in full.legend] == ["plan", "actual", "target", "forecast"]
    assert "* provisional" in dict(full.legend)["actual"]


@pytest.mark.parametrize("n", [1, 2])
def test_one_or_two_figures_are_given_as_figures(n):
    spec = chart_spec(indicator(Frequency.MONTHLY, [("Apr 2008", None, 812.4), ("May 2008", None, 815.0)][:n],
                                unit="per 100,000", provisional=("Apr 2008",)))
    assert spec.as_figures and not spec.drawn and spec.legend == ()
    assert spec.figures()[0] == ("Apr 2008", "812.4 (provisional)", "—")
    assert len(spec.figures()) == n


def test_one_figure_against_a_long_plan_is_still_a_chart():
    rows = [(f"Q{q} 2008/09", 250.0 * q, 288.0 if q == 2 else None) for q in (1, 2, 3, 4)]
    spec = chart_spec(indicator(Frequency.QUARTERLY, rows, decimals=0, unit="per 100,000"))
    assert spec.drawn and not spec.as_figures


def test_no_figures_is_said_so():
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, []))
    assert spec.empty and not spec.drawn and spec.legend == () and spec.ticks(10) == ()
    assert spec.description == "No figures yet."


@pytest.mark.parametrize("lo, hi, decimals", [(812.4, 812.4, 1), (812.4, 812.40000000004, 1), (0, 0, 0),
                                              (0.1, 0.3, 1), (3.05, 3.7, 1), (1015, 1015, 0), (66, 91.4, 1),
                                              (145, 2380, 0), (-2.5, 2.5, 2)])
def test_value_ticks_are_round_and_never_print_float_noise(lo, hi, decimals):
    ticks, places = value_ticks(lo, hi, decimals)
    texts = [tick_text(t, places) for t in ticks]
    assert ticks[0] <= lo and ticks[-1] >= hi and 2 <= len(ticks) <= 12
    assert places <= decimals
    assert len(set(texts)) == len(texts)  # never two ticks printed alike
    assert all(len(t.split(".")[1]) <= decimals if "." in t else True for t in texts), texts
    assert "0000" not in "".join(texts)


def test_value_ticks_over_random_ranges():
    rng = random.Random(19)
    for _ in range(2000):
        decimals = rng.choice((0, 1, 2))
        a = rng.uniform(-5000, 5000) * rng.choice((1, 0.01, 0.0001))
        b = a + abs(rng.gauss(0, 1)) * rng.choice((1000, 1, 0.01, 0))
        ticks, places = value_ticks(a, b, decimals)
        texts = [tick_text(t, places) for t in ticks]
        assert ticks[0] <= a + 1e-9 and ticks[-1] >= b - 1e-9 and len(ticks) <= 12
        assert len(set(texts)) == len(texts) and places <= decimals, (a, b, decimals, texts)


# ------------------------------------------------------------------------------ the description

def test_description_rising_against_the_plan():
    rows = [(y, 66.0 + k, 66.0 + k * 0.8) for k, y in enumerate(fy(2019, 2024))] + [("2025/26", 91.0, None)]
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, rows, decimals=0))
    assert spec.description == "Rising from 66% in 2019/20 to 70% in 2024/25, against a plan of 91% for 2025/26."


def test_description_falling_against_a_target():
    spec = chart_spec(indicator(Frequency.ANNUAL_CALENDAR, [(str(y), None, 20.0 - y % 2018) for y in range(2018, 2025)],
                                unit="µg/m³", target=(9.1, date(2025, 3, 31))))
    assert spec.description == ("Falling from 20.0 µg/m³ in 2018 to 14.0 µg/m³ in 2024, against a target of "
                                "9.1 µg/m³ by 31/03/2025.")


def test_description_flat():
    rows = [(f"{m} 2024", None, 0.0) for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun")]
    spec = chart_spec(indicator(Frequency.MONTHLY, rows, decimals=0, unit="incidents"))
    assert spec.description == "Unchanged at 0 incidents in every period from Jan 2024 to Jun 2024."


def test_description_level_after_ranging():
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, [("2019/20", None, 5.0), ("2020/21", None, 7.5),
                                                             ("2021/22", None, 4.0), ("2022/23", None, 5.0)]))
    assert spec.description == "5.0% in 2022/23, as in 2019/20, having ranged from 4.0% to 7.5%."


def test_description_one_point():
    spec = chart_spec(indicator(Frequency.MONTHLY, [("Apr 2008", None, 812.4)], unit="per 100,000"))
    assert spec.description == "One figure so far: 812.4 per 100,000 in Apr 2008."


def test_description_two_points():
    spec = chart_spec(indicator(Frequency.QUARTERLY, [("Q1 2008/09", None, 15.6), ("Q2 2008/09", None, 17.1)],
                                target=(20.0, date(2009, 3, 31))))
    assert spec.description == ("Two figures: rising from 15.6% in Q1 2008/09 to 17.1% in Q2 2008/09, "
                                "against a target of 20.0% by 31/03/2009.")


def test_description_with_a_gap():
    rows = [("2018/19", None, 67.9), ("2019/20", None, None), ("2020/21", None, None),
            *[(y, None, 61.2 + k) for k, y in enumerate(fy(2021, 2024))]]
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, rows))
    assert spec.description == "Falling from 67.9% in 2018/19 to 64.2% in 2024/25; no figures for 2019/20 to 2020/21."


def test_description_no_figures_but_a_plan():
    spec = chart_spec(indicator(Frequency.ANNUAL_FINANCIAL, [("2024/25", 10.0, None), ("2025/26", 12.0, None)]))
    assert spec.description == "No figures yet; the plan runs from 10.0% for 2024/25 to 12.0% for 2025/26."
