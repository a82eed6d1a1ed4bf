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


@given(st.integers(1950, 2049), st.integers(1, 12))
def test_yyyy_mm_is_the_month_for_a_monthly_indicator(year, month_no):
    """'2011-12' is December 2011 for a monthly indicator, not the financial year 2011/12: every
    month whose number is the next year's last two digits was read as a year (issue 17)."""
    assert parse_period(f"{year}-{month_no:02d}", Frequency.MONTHLY) == month(year, month_no)
    assert parse_period(f"{year}-{month_no:02d}", Frequency.MONTHLY).label == month(year, month_no).label


def test_yyyy_yy_without_a_monthly_frequency_is_still_the_financial_year():
    assert parse_period("2011-12") == financial_year(2011)
    for frequency in (Frequency.ANNUAL_FINANCIAL, Frequency.QUARTERLY, Frequency.ANNUAL_CALENDAR, None):
        assert parse_period("2011-12", frequency) == financial_year(2011)
    assert parse_period("2011-11") == month(2011, 11)  # not the next year's digits: a month, as before
    assert parse_period("2017-19", Frequency.MONTHLY) == rolling_calendar(2017, 2019)


@pytest.mark.parametrize("text, said", [
    ("2019-13", "'2019-13' cannot be read as a period: there is no month 13"),
    ("2019-99", "'2019-99' cannot be read as a period: there is no month 99"),
    ("2019 - 13", "'2019 - 13' cannot be read as a period: 2019 to 2113 is not a rolling period"),
    ("2019-2030", "'2019-2030' cannot be read as a period: 2019 to 2030 is not a rolling period"),
])
def test_a_month_13_is_said_to_be_unreadable_as_typed(text, said):
    for frequency in (None, Frequency.MONTHLY):
        with pytest.raises(PeriodError) as info:
            parse_period(text, frequency)
        assert str(info.value).startswith(said), str(info.value)
        assert "2113'" not in str(info.value)
