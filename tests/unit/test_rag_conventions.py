"""Domain: the partnership's RAG convention for provisional figures, the figure's own RAG beside
it, a figure not rated, age (out of date), the target date passed, and the Making Data Count trend."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import Frequency, Polarity, Rag
from pbp_desktop.domain.rag import (
    DEFAULT_LAG_MONTHS,
    NOT_RATED,
    TREND_IMPROVING,
    TREND_NO_CHANGE,
    TREND_TOO_FEW,
    TREND_WORSENING,
    RagConvention,
    add_months,
    mdc_trend,
    out_of_date,
    rag_shown,
    rate,
    target_verdict,
)

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER


def test_provisional_counts_as_amber_keeps_the_figures_red_beside_it():
    # seed 000: NI 123, 288 quitters at Q2 against the linear 507.5, provisional: the seed rates it AMBER
    r = rate(288, 507.5, HIGHER, 0, provisional=True, convention=RagConvention.PROVISIONAL_AMBER)
    assert (r.rag, r.figure_rag, r.differs) == (Rag.AMBER, Rag.RED, True)
    assert r.reason == "provisional or incomplete data"


def test_rated_on_the_figure_rates_a_provisional_figure_on_its_value_and_says_so():
    r = rate(288, 507.5, HIGHER, 0, provisional=True, convention=RagConvention.ON_THE_FIGURE)
    assert (r.rag, r.figure_rag, r.differs) == (Rag.RED, Rag.RED, False)
    assert "provisional" in r.reason
    # SATOD (lower is better): 6.8% against a plan of 3.3%, provisional
    assert rate(6.8, 3.3, LOWER, 5, True, RagConvention.ON_THE_FIGURE).rag is Rag.RED
    assert rate(6.8, 3.3, LOWER, 5, True, RagConvention.PROVISIONAL_AMBER).rag is Rag.AMBER


def test_a_validated_figure_rates_the_same_under_either_convention():
    for convention in RagConvention.ALL:
        assert rate(16.35, 15.3, LOWER, 5, False, convention).rag is Rag.RED
        assert rate(14.0, 15.3, LOWER, 5, False, convention).rag is Rag.GREEN


def test_a_figure_with_no_plan_is_not_rated_and_no_data_stays_no_data():
    r = rate(5, None, HIGHER)
    assert (r.rag, r.reason) == (Rag.GREY, NOT_RATED)
    assert rag_shown(Rag.GREY, has_figure=True) == ("NR", "Not rated")
    assert rag_shown(Rag.GREY, has_figure=False) == ("ND", "No data")
    assert rag_shown(Rag.RED, has_figure=True) == ("R", "Red")


def test_a_zero_tolerance_is_not_worded_as_a_zero_percent_tolerance():
    r = rate(99, 100, HIGHER, 0)
    assert r.rag is Rag.RED and "0%" not in r.reason


def test_the_convention_is_read_by_value_or_title():
    assert RagConvention.parse("Rated on the figure") == RagConvention.ON_THE_FIGURE
    assert RagConvention.parse(" provisional_amber ") == RagConvention.PROVISIONAL_AMBER
    with pytest.raises(ValueError, match="not a RAG convention"):
        RagConvention.parse("traffic lights")


@pytest.mark.parametrize("frequency, period_end, as_at, expected", [
    (Frequency.MONTHLY, date(2026, 7, 31), date(2026, 10, 31), False),  # exactly three months on: on time
    (Frequency.MONTHLY, date(2026, 7, 31), date(2026, 11, 1), True),
    (Frequency.QUARTERLY, date(2008, 9, 30), date(2026, 11, 23), True),  # the LAA's Q2 2008/09 in a 2026 pack
    (Frequency.QUARTERLY, date(2026, 6, 30), date(2026, 11, 23), False),
    (Frequency.ANNUAL_FINANCIAL, date(2025, 3, 31), date(2026, 11, 23), False),  # 2024/25 within two years
    (Frequency.ANNUAL_CALENDAR, date(2019, 12, 31), date(2026, 11, 23), True),
])
def test_out_of_date_by_the_frequencys_usual_lag(frequency, period_end, as_at, expected):
    assert out_of_date(period_end, frequency, None, as_at) is expected


def test_an_indicators_own_lag_overrides_its_frequencys():
    assert DEFAULT_LAG_MONTHS[Frequency.MONTHLY] == 3 and DEFAULT_LAG_MONTHS[Frequency.QUARTERLY] == 6
    assert DEFAULT_LAG_MONTHS[Frequency.ANNUAL_FINANCIAL] == 24
    assert out_of_date(date(2026, 7, 31), Frequency.MONTHLY, 6, date(2026, 11, 23)) is False
    assert out_of_date(date(2026, 7, 31), Frequency.MONTHLY, 0, date(2026, 8, 1)) is True
    assert out_of_date(None, Frequency.MONTHLY, None, date(2026, 8, 1)) is False
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28) and add_months(date(2026, 3, 31), -3) == date(2025, 12, 31)


def test_target_date_passed_met_or_missed_by_how_much():
    before = target_verdict(3.3, date(2025, 3, 31), LOWER, ("2024/25", 6.8), date(2025, 3, 31))
    assert before is None  # on the day itself the forecast still stands
    missed = target_verdict(3.3, date(2025, 3, 31), LOWER, ("2024/25", 6.8), date(2026, 11, 23))
    assert (missed.met, round(missed.shortfall, 6), missed.period) == (False, 3.5, "2024/25")
    met = target_verdict(9.1, date(2025, 3, 31), LOWER, ("2024", 8.5), date(2026, 11, 23))
    assert (met.met, met.shortfall) == (True, 0.0)
    high = target_verdict(1015, date(2009, 3, 31), HIGHER, ("Q2 2008/09", 288), date(2026, 11, 23))
    assert (high.met, high.shortfall) == (False, 727)
    nothing = target_verdict(1015, date(2009, 3, 31), HIGHER, None, date(2026, 11, 23))
    assert nothing.met is None
    assert target_verdict(None, None, HIGHER, None, date(2026, 11, 23)) is None


def test_trend_follows_making_data_count_never_the_last_two_points():
    assert mdc_trend("special_cause_improvement", 20) == TREND_IMPROVING == "improving (special cause)"
    assert mdc_trend("special_cause_concern", 20) == TREND_WORSENING == "worsening (special cause)"
    assert mdc_trend("common_cause", 20) == TREND_NO_CHANGE == "no significant change"
    assert mdc_trend(None, 5) == TREND_TOO_FEW == "too few points for a trend"
    assert mdc_trend(None, 0) == ""
