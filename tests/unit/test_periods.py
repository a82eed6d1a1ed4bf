"""Domain: periods parse in the forms board papers and Fingertips use, and step correctly."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbp_desktop.domain.enums import Frequency
from pbp_desktop.domain.periods import (
    PeriodError,
    PeriodKind,
    calendar_year,
    financial_year,
    month,
    parse_date,
    parse_period,
    quarter,
    reporting_periods,
    rolling_calendar,
)


@pytest.mark.parametrize("text, kind, start, end, label", [
    ("2019/20", PeriodKind.FINANCIAL_YEAR, date(2019, 4, 1), date(2020, 3, 31), "2019/20"),
    ("2024/25", PeriodKind.FINANCIAL_YEAR, date(2024, 4, 1), date(2025, 3, 31), "2024/25"),
    ("1999/00", PeriodKind.FINANCIAL_YEAR, date(1999, 4, 1), date(2000, 3, 31), "1999/00"),
    ("2019/2020", PeriodKind.FINANCIAL_YEAR, date(2019, 4, 1), date(2020, 3, 31), "2019/20"),
    ("2024-25", PeriodKind.FINANCIAL_YEAR, date(2024, 4, 1), date(2025, 3, 31), "2024/25"),
    ("Q2 2008/09", PeriodKind.QUARTER, date(2008, 7, 1), date(2008, 9, 30), "Q2 2008/09"),
    ("Q1 2024/25", PeriodKind.QUARTER, date(2024, 4, 1), date(2024, 6, 30), "Q1 2024/25"),
    ("Q4 2024/25", PeriodKind.QUARTER, date(2025, 1, 1), date(2025, 3, 31), "Q4 2024/25"),
    ("2019/20 Q3", PeriodKind.QUARTER, date(2019, 10, 1), date(2019, 12, 31), "Q3 2019/20"),
    ("Mar 2025", PeriodKind.MONTH, date(2025, 3, 1), date(2025, 3, 31), "Mar 2025"),
    ("April 2019", PeriodKind.MONTH, date(2019, 4, 1), date(2019, 4, 30), "Apr 2019"),
    ("February 2024", PeriodKind.MONTH, date(2024, 2, 1), date(2024, 2, 29), "Feb 2024"),
    ("Sept 2019", PeriodKind.MONTH, date(2019, 9, 1), date(2019, 9, 30), "Sep 2019"),
    ("2025-03", PeriodKind.MONTH, date(2025, 3, 1), date(2025, 3, 31), "Mar 2025"),
    ("2019", PeriodKind.CALENDAR_YEAR, date(2019, 1, 1), date(2019, 12, 31), "2019"),
    ("2017 - 19", PeriodKind.ROLLING_CALENDAR, date(2017, 1, 1), date(2019, 12, 31), "2017 - 19"),
    ("2017-19", PeriodKind.ROLLING_CALENDAR, date(2017, 1, 1), date(2019, 12, 31), "2017 - 19"),
    ("2016/17 - 18/19", PeriodKind.ROLLING_FINANCIAL, date(2016, 4, 1), date(2019, 3, 31), "2016/17 - 18/19"),
    ("31 March 2025", PeriodKind.DAY, date(2025, 3, 31), date(2025, 3, 31), "31/03/2025"),
    ("31st March 2025", PeriodKind.DAY, date(2025, 3, 31), date(2025, 3, 31), "31/03/2025"),
    ("31/03/2025", PeriodKind.DAY, date(2025, 3, 31), date(2025, 3, 31), "31/03/2025"),
    ("2025-03-31", PeriodKind.DAY, date(2025, 3, 31), date(2025, 3, 31), "31/03/2025"),
    ("  q2   2008/09 ", PeriodKind.QUARTER, date(2008, 7, 1), date(2008, 9, 30), "Q2 2008/09"),
])
def test_parses_the_forms_in_use(text, kind, start, end, label):
    p = parse_period(text)
    assert (p.kind, p.start, p.end, p.label) == (kind, start, end, label)


@pytest.mark.parametrize("text", ["", "   ", "2019/21", "Q5 2008/09", "31/02/2025", "13/2025",
                                  "Smarch 2025", "n/a", "2019/20/21", "2025-13", "12.5"])
def test_refuses_what_is_not_a_period(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_refusal_names_the_text_and_the_forms_accepted():
    with pytest.raises(PeriodError, match=r"'Q5 2008/09' is not a period .*2024/25"):
        parse_period("Q5 2008/09")


def test_parse_date_wants_a_day():
    assert parse_date("31/03/2025") == date(2025, 3, 31)
    with pytest.raises(PeriodError, match="is a period, not a date"):
        parse_date("2024/25")


def test_nhs_quarters_run_april_to_march():
    starts = [quarter(2024, q).start for q in (1, 2, 3, 4)]
    assert starts == [date(2024, 4, 1), date(2024, 7, 1), date(2024, 10, 1), date(2025, 1, 1)]


def test_reporting_periods_from_baseline_to_target():
    labels = [p.label for p in reporting_periods(Frequency.QUARTERLY, date(2008, 3, 31), date(2009, 3, 31))]
    assert labels == ["Q1 2008/09", "Q2 2008/09", "Q3 2008/09", "Q4 2008/09"]
    fys = [p.label for p in reporting_periods(Frequency.ANNUAL_FINANCIAL, date(2019, 3, 31), date(2025, 3, 31))]
    assert fys == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]
    months = reporting_periods(Frequency.MONTHLY, date(2024, 3, 31), date(2025, 3, 31))
    assert [months[0].label, months[-1].label, len(months)] == ["Apr 2024", "Mar 2025", 12]
    rolling = [p.label for p in reporting_periods(Frequency.ROLLING_3_YEAR, date(2019, 12, 31), date(2022, 12, 31))]
    assert rolling == ["2018 - 20", "2019 - 21", "2020 - 22"]
    assert reporting_periods(Frequency.QUARTERLY, date(2009, 3, 31), date(2008, 3, 31)) == []


def test_periods_order_by_end_date():
    assert sorted([financial_year(2020), month(2020, 5), calendar_year(2019)]) == [
        calendar_year(2019), month(2020, 5), financial_year(2020)]


@given(st.one_of(
    st.integers(1990, 2090).map(financial_year),
    st.tuples(st.integers(1990, 2090), st.integers(1, 4)).map(lambda t: quarter(*t)),
    st.tuples(st.integers(1990, 2090), st.integers(1, 12)).map(lambda t: month(*t)),
    st.integers(1990, 2090).map(calendar_year),
    st.integers(1990, 2090).map(lambda y: rolling_calendar(y, y + 2)),
))
def test_every_label_parses_back_to_its_period(period):
    assert parse_period(period.label) == period
