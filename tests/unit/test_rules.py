"""Domain: trajectory, RAG, forecast, risk score and overdue - hand-worked cases, most from the seeds."""

from datetime import date

import pytest

from pbp_desktop.domain.actions import days_overdue, is_overdue
from pbp_desktop.domain.enums import ActionStatus, Frequency, Polarity, Rag, RiskBand
from pbp_desktop.domain.periods import financial_year, quarter
from pbp_desktop.domain.rag import rate
from pbp_desktop.domain.risk import band, describe, score
from pbp_desktop.domain.trajectory import PlannedPoint, forecast_at, linear_trajectory, merge_plan


def test_ni123_linear_position_at_q2_is_about_507():
    # seed 000: 288 quitters per 100,000 at Q2 against an annual target of 1,015 (linear c500)
    plan = linear_trajectory(Frequency.QUARTERLY, 0, date(2008, 3, 31), 1015, date(2009, 3, 31))
    assert [p.period.label for p in plan] == ["Q1 2008/09", "Q2 2008/09", "Q3 2008/09", "Q4 2008/09"]
    assert [p.value for p in plan] == [253.75, 507.5, 761.25, 1015]


def test_ni123_q2_is_red_when_validated_and_amber_while_provisional():
    assert rate(288, 507.5, Polarity.HIGHER_IS_BETTER, 5).rag is Rag.RED
    # the seed rates it AMBER: the data are incomplete at this stage of the year
    assert rate(288, 507.5, Polarity.HIGHER_IS_BETTER, 5, provisional=True).rag is Rag.AMBER


def test_ni131_lower_is_better_16_35_against_15_3_is_red():
    # seed 000: Q2 16.35 per 100,000 against a target of 15.3 by year end; lower is better
    result = rate(16.35, 15.3, Polarity.LOWER_IS_BETTER, 5)
    assert result.rag is Rag.RED  # 6.9% worse than plan, more than the 5% tolerance
    assert rate(15.9, 15.3, Polarity.LOWER_IS_BETTER, 5).rag is Rag.AMBER  # 3.9% worse
    assert rate(15.3, 15.3, Polarity.LOWER_IS_BETTER, 5).rag is Rag.GREEN  # on plan
    assert rate(14.0, 15.3, Polarity.LOWER_IS_BETTER, 5).rag is Rag.GREEN  # ahead


@pytest.mark.parametrize("actual, planned, tolerance, expected", [
    (100, 100, 5, Rag.GREEN), (101, 100, 5, Rag.GREEN), (95, 100, 5, Rag.AMBER),
    (94.99, 100, 5, Rag.RED), (99.99, 100, 0, Rag.RED), (0, 0, 5, Rag.GREEN),
])
def test_rag_boundaries_higher_is_better(actual, planned, tolerance, expected):
    assert rate(actual, planned, Polarity.HIGHER_IS_BETTER, tolerance).rag is expected


def test_rag_grey_without_data_or_without_a_plan():
    assert rate(None, 10, Polarity.HIGHER_IS_BETTER).rag is Rag.GREY
    assert rate(5, None, Polarity.HIGHER_IS_BETTER).rag is Rag.GREY
    assert rate(5, None, Polarity.HIGHER_IS_BETTER, provisional=True).rag is Rag.AMBER


def test_edited_points_override_and_extend_the_linear_plan():
    plan = linear_trajectory(Frequency.QUARTERLY, 0, date(2008, 3, 31), 1000, date(2009, 3, 31))
    merged = merge_plan(plan, {quarter(2008, 2): 300.0, quarter(2009, 1): 1100.0})
    assert [(p.period.label, p.value) for p in merged] == [
        ("Q1 2008/09", 250.0), ("Q2 2008/09", 300.0), ("Q3 2008/09", 750.0),
        ("Q4 2008/09", 1000.0), ("Q1 2009/10", 1100.0)]


def test_trajectory_empty_when_target_not_after_baseline():
    assert linear_trajectory(Frequency.ANNUAL_FINANCIAL, 29.6, date(2018, 3, 31), 25.5, date(2015, 3, 31)) == []
    assert isinstance(PlannedPoint(financial_year(2020), 1.0).value, float)


def test_forecast_extends_the_recent_straight_line():
    obs = [(financial_year(2019), 10.0), (financial_year(2020), 9.0), (financial_year(2021), 8.0)]
    f = forecast_at(obs, date(2025, 3, 31))
    assert f == pytest.approx(5.0, abs=0.02)  # one a year for three more years
    assert forecast_at(obs[:1], date(2025, 3, 31)) is None
    assert forecast_at(obs, None) is None


def test_risk_score_is_consequence_times_likelihood():
    assert score(4, 2) == 8  # seed 001 prints "Major (4) x Unlikely (2) = 12"
    assert describe(4, 2) == "Major (4) x Unlikely (2) = 8"
    assert score(5, 5) == 25 and score(1, 1) == 1
    for bad in (0, 6, 2.5, True, "3"):
        with pytest.raises(ValueError):
            score(bad, 3)


@pytest.mark.parametrize("value, expected", [
    (1, RiskBand.LOW), (3, RiskBand.LOW), (4, RiskBand.MODERATE), (6, RiskBand.MODERATE),
    (8, RiskBand.HIGH), (12, RiskBand.HIGH), (15, RiskBand.EXTREME), (25, RiskBand.EXTREME)])
def test_risk_bands(value, expected):
    assert band(value) is expected


def test_every_matrix_product_has_a_band():
    assert {band(score(c, lk)) for c in range(1, 6) for lk in range(1, 6)} == set(RiskBand)


def test_overdue_uses_the_date_passed_in():
    due = date(2025, 3, 31)
    assert not is_overdue(due, ActionStatus.OPEN, date(2025, 3, 31))  # due today is not late
    assert is_overdue(due, ActionStatus.OPEN, date(2025, 4, 1))
    assert is_overdue(due, ActionStatus.IN_PROGRESS, date(2025, 4, 1))
    assert not is_overdue(due, ActionStatus.COMPLETE, date(2026, 1, 1))
    assert days_overdue(due, ActionStatus.OPEN, date(2025, 4, 10)) == 10
    assert is_overdue(None, ActionStatus.OPEN, date(2030, 1, 1)) is False
