"""Domain: a milestone's RAG from its slippage against the baseline and the programme's
contingency (late but within it amber, beyond it red; overdue judged at today; cancelled not
rated), and gateway stages as the partnership names them."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import MilestoneStatus, Rag
from pbp_desktop.domain.programmes import (
    DEFAULT_GATEWAY_STAGES,
    milestone_slippage,
    slip_words,
    stage_name,
)

BASELINE = date(2022, 7, 1)  # the Knowle centre's opening, July 2022 (seed: the Sandwell PBP update)
BEFORE = date(2022, 5, 1)  # a day before the baseline, when the plan is judged


def slip(forecast=None, actual=None, status=MilestoneStatus.PLANNED, contingency=3, today=BEFORE):
    return milestone_slippage(BASELINE, forecast, actual, status, contingency, today)


def test_on_its_baseline_is_green():
    s = slip(forecast=BASELINE)
    assert (s.rag, s.days, s.overdue) == (Rag.GREEN, 0, False)
    assert s.words == "forecast 01/07/2022, on its baseline"


def test_no_forecast_is_judged_at_the_baseline():
    assert slip().rag is Rag.GREEN and slip().judged_on == BASELINE


def test_early_is_green():
    s = slip(forecast=date(2022, 6, 20))
    assert (s.rag, s.days) == (Rag.GREEN, -11) and "11 days early" in s.words


def test_late_within_the_contingency_is_amber():
    s = slip(forecast=date(2022, 9, 1))
    assert s.rag is Rag.AMBER and s.allowed_until == date(2022, 10, 1)
    assert s.words == "forecast 01/09/2022, 62 days (2 months) late, within the contingency (to 01/10/2022)"
    assert not s.beyond_contingency


def test_the_last_day_of_the_contingency_is_still_amber_and_the_next_red():
    assert slip(forecast=date(2022, 10, 1)).rag is Rag.AMBER
    assert slip(forecast=date(2022, 10, 2)).rag is Rag.RED


def test_beyond_the_contingency_is_red():
    # the seed's own case: "at least 3 months contingency for slippage" - December, not April
    s = slip(forecast=date(2022, 12, 1))
    assert s.rag is Rag.RED and s.beyond_contingency
    assert s.words.endswith("beyond the contingency (to 01/10/2022)")


def test_overdue_is_judged_at_today_not_at_the_forecast_that_passed():
    s = slip(forecast=date(2022, 8, 1), today=date(2022, 11, 15))
    assert s.overdue and s.judged_on == date(2022, 11, 15) and s.rag is Rag.RED
    assert s.words.startswith("overdue: forecast 01/08/2022 has passed;") and "at least" in s.words
    within = slip(forecast=date(2022, 8, 1), today=date(2022, 8, 15))
    assert within.overdue and within.rag is Rag.AMBER


def test_overdue_with_no_forecast_is_judged_from_the_baseline():
    s = slip(today=date(2022, 7, 10))
    assert s.overdue and s.days == 9 and s.rag is Rag.AMBER


def test_done_on_time_is_green_and_done_late_is_rated_by_its_actual_date():
    on_time = slip(actual=date(2022, 6, 30), status=MilestoneStatus.COMPLETE, today=date(2022, 12, 1))
    assert on_time.rag is Rag.GREEN and not on_time.overdue and on_time.words.startswith("done 30/06/2022")
    late = slip(actual=date(2022, 8, 15), status=MilestoneStatus.COMPLETE, today=date(2023, 6, 1))
    assert late.rag is Rag.AMBER and not late.overdue and late.judged_on == date(2022, 8, 15)
    very_late = slip(actual=date(2022, 11, 1), status=MilestoneStatus.COMPLETE, today=date(2023, 6, 1))
    assert very_late.rag is Rag.RED


def test_cancelled_is_not_rated():
    s = slip(forecast=date(2023, 6, 1), status=MilestoneStatus.CANCELLED, today=date(2023, 1, 1))
    assert (s.rag, s.days, s.judged_on, s.overdue, s.words) == (Rag.GREY, None, None, False, "cancelled")


@pytest.mark.parametrize("contingency", [None, 0])
def test_with_no_contingency_any_lateness_is_red(contingency):
    s = slip(forecast=date(2022, 7, 2), contingency=contingency)
    assert s.rag is Rag.RED and s.words.endswith("and the programme has no contingency")
    assert slip(forecast=BASELINE, contingency=contingency).rag is Rag.GREEN


def test_slip_words():
    assert slip_words(None) == "" and slip_words(0) == "on its baseline"
    assert slip_words(1) == "1 day late" and slip_words(-3) == "3 days early"
    assert slip_words(21) == "21 days (3 weeks) late" and slip_words(92) == "92 days (3 months) late"


def test_stage_name_as_the_partnership_names_its_stages():
    assert stage_name(3, DEFAULT_GATEWAY_STAGES) == "3 Pilot"
    assert stage_name(4, DEFAULT_GATEWAY_STAGES) == "4 Roll-out"
    assert stage_name(None, DEFAULT_GATEWAY_STAGES) == ""
    assert stage_name(5, DEFAULT_GATEWAY_STAGES) == "Stage 5"  # past the named ones: by number
    assert stage_name(1, ["Idea", "Approved"]) == "1 Idea"
    assert stage_name(2, ("Idea", "Approved")) == "2 Approved"


def test_a_month_end_baseline_keeps_its_contingency_to_a_month_end():
    from pbp_desktop.domain.programmes import contingency_end
    assert contingency_end(date(2022, 9, 30), 3) == date(2022, 12, 31)
    assert contingency_end(date(2022, 11, 30), 3) == date(2023, 2, 28)
    assert contingency_end(date(2022, 9, 15), 3) == date(2022, 12, 15)
    assert contingency_end(date(2022, 9, 30), None) == date(2022, 9, 30)


def test_a_milestone_dated_a_century_away_is_refused_by_its_field():
    from pbp_desktop.domain.records import check
    errors = check("milestone", {"baseline_date": date(2026, 1, 1), "forecast_date": date(1900, 1, 1)})
    assert [(e.field, e.code) for e in errors] == [("forecast_date", "implausible")]
    assert "01/01/1900 is not a date a programme plans for" in errors[0].message
    assert check("milestone", {"baseline_date": date(2022, 12, 31), "forecast_date": date(2023, 3, 31)}) == []
