"""Import: every bad value gets its own reason; any bad row means nothing is written."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.domain.importing import ValueProblem, parse_value
from tests.conftest import TODAY


@pytest.mark.parametrize("text, reason", [
    ("12.5%", "per cent sign"), ("n/a", "not applicable"),
    ("*", "suppressed"), ("", "blank"), ("x", "not available"), ("-3", "negative"), ("about 5", "not a number"),
    ("1_000", "without underscores"), ("\uff11\uff12", "digits 0 to 9"), ("1e-400", "too small"),
    ("1e400", "too large"), ("12,5", "full stop"), ("1,0150", "not a number"), ("nan", "not a number"),
    ("inf", "not a number"),
])
def test_each_bad_value_has_its_own_reason(text, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_value(text)
    with pytest.raises(ValueProblem, match="over 100"):
        parse_value("100.5", percent=True)
    assert parse_value("100", percent=True) == 100.0 and parse_value(" 16.35 ") == 16.35


def test_a_number_is_read_as_a_person_writes_it():
    """The import reads numbers with the forms' parser: thousands commas in whole groups of three,
    one decimal point, an exponent."""
    assert parse_value("1,015") == 1015.0 and parse_value("12,345.5") == 12345.5
    assert parse_value("1.5e2") == 150.0 and parse_value("+7") == 7.0 and parse_value(".5") == 0.5


def _write(tmp_path, rows) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([["indicator_code", "period", "value", "provisional", "note"],
                                                         *rows])
    path = tmp_path / "actuals.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_unknown_indicator_duplicate_and_bad_period(demo, tmp_path):
    path = _write(tmp_path, [["SATOD", "2025/26", "6.1", "", ""], ["NOPE", "2025/26", "1", "", ""],
                             ["SATOD", "2025/26", "6.0", "", ""], ["LBW", "Q5 2024", "3", "", ""]])
    plan = demo.imports.plan(path)
    reasons = {r.row: (r.column, r.reason) for r in plan.errors}
    assert reasons[3] == ("indicator_code", "there is no indicator with the code 'NOPE' in this register")
    assert reasons[4][0] == "period" and "also in row 2" in reasons[4][1]
    assert reasons[5][0] == "period" and "is not a period" in reasons[5][1]
    with pytest.raises(ValidationFailed) as info:
        demo.imports.apply(plan)
    assert {e.field for e in info.value.errors} == {"row 3", "row 4", "row 5"}


GOOD = st.tuples(st.sampled_from(["SATOD", "LBW", "GLD"]),
                 st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda v: f"{v:.3f}"))
BAD = st.sampled_from(["12.5%", "1_000", "n/a", "*", "", "x", "-1", "lots", "150"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(good=st.lists(GOOD, min_size=0, max_size=6, unique_by=lambda t: t[0]), bad=BAD,
       where=st.integers(min_value=0, max_value=6))
def test_a_file_with_any_bad_row_writes_nothing(demo, tmp_path_factory, good, bad, where):
    periods = {"SATOD": "2025/26", "LBW": "2025", "GLD": "2025/26"}
    rows = [[code, periods[code], value, "", ""] for code, value in good]
    rows.insert(min(where, len(rows)), ["GLD", "2026/27", bad, "", ""])
    path = _write(tmp_path_factory.mktemp("import"), rows)
    before = demo.queries.change_log(limit=1)
    plan = demo.imports.plan(path)
    assert plan.errors
    with pytest.raises(ValidationFailed):
        demo.imports.apply(plan)
    assert demo.queries.change_log(limit=1) == before


def test_a_row_keeps_its_spreadsheet_number_when_blank_rows_come_before_it(tmp_path):
    """The number a reason names is the row the user finds in the spreadsheet: blank rows are
    left out of the plan but still counted, and a note spanning two lines is one row."""
    from pbp_desktop.services.importing import read_table
    path = tmp_path / "gaps.csv"
    path.write_text("\r\nindicator_code,period,value,provisional,note\r\n"
                    "SATOD,2025/26,6.1,,\"two\r\nlines\"\r\n,,,,\r\n  \r\nLBW,2025,3,,\r\n", encoding="utf-8")
    header, body = read_table(path)
    assert header == ["indicator_code", "period", "value", "provisional", "note"]
    assert [(n, cells[0]) for n, cells in body] == [(3, "SATOD"), (6, "LBW")]
    assert body[0][1][4] == "two\r\nlines"


def test_a_template_without_its_optional_columns_reads_them_as_blank(demo, tmp_path):
    """A file with only the code, period and value columns: a row with a stray cell beyond them,
    or one cell short, is read for what its columns say, never the stray cell."""
    path = tmp_path / "short.csv"
    path.write_text("indicator_code,period,value\r\nSATOD,2025/26,6.1,stray\r\nLBW,2025\r\n", encoding="utf-8")
    plan = demo.imports.plan(path)
    first, second = plan.rows
    assert (first.action, first.provisional, first.note, first.value) == ("new", False, None, 6.1)
    assert (second.action, second.column) == ("error", "value") and "blank" in second.reason


# The cells a planner could be tempted to read with float() and should not, each with what the
# one path makes of it (row, action, period, value, column, words of the reason).
PLANNED = [
    (("SATOD", "2025/26", "6.1"), ("new", "2025/26", 6.1, "", "")),
    (("satod ", "2023/24", " 16.35 "), ("new", "2023/24", 16.35, "", "")),
    (("LBW", 2025, "3"), ("new", "2025", 3.0, "", "")),
    (("LBW", "2025", "4"), ("error", "2025", 4.0, "period", "is also in row 4")),
    (("P1", "Apr 2025", "7"), ("unchanged", "Apr 2025", 7.0, "", "")),
    (("P1", "May 2025", "1e3"), ("new", "May 2025", 1000.0, "", "")),
    (("P1", "Jun 2025", "1_000"), ("error", "Jun 2025", None, "value", "without underscores")),
    (("P1", "Jul 2025", "\uff11\uff12"), ("error", "Jul 2025", None, "value", "with the digits 0 to 9")),
    (("P1", "Aug 2025", "1e-400"), ("error", "Aug 2025", None, "value", "too small a number to keep")),
    (("P1", "Sep 2025", "inf"), ("error", "Sep 2025", None, "value", "'inf' is not a number")),
    (("P1", "Oct 2025", "nan"), ("error", "Oct 2025", None, "value", "'nan' is not a number")),
    (("P1", "Nov 2025", True), ("error", "Nov 2025", None, "value", "'True' is not a number")),
    (("SATOD", "2022/23", "100.5"), ("error", "2022/23", None, "value", "over 100")),
    (("P1", "2025/26", "5"), ("error", "2025/26", None, "period", "is not a monthly period, which is how P1 reports")),
    (("NOPE", "Apr 2025", "1"), ("error", "", None, "indicator_code", "no indicator with the code 'NOPE'")),
    (("P1", "Q5 2024", "1"), ("error", "Q5 2024", None, "period", "is not a period this app can read")),
    (("P1", "Jan 2026", 7.5), ("new", "Jan 2026", 7.5, "", "")),
    (("P1", "Feb 2026", "1,015"), ("new", "Feb 2026", 1015.0, "", "")),
    (("P1", "Mar 2026", "12.5%"), ("error", "Mar 2026", None, "value", "has a per cent sign")),
    (("P1", "Apr 2026", ""), ("error", "Apr 2026", None, "value", "the value is blank")),
    # the period read as the indicator reports: '2011-12' is December 2011 for a monthly one
    (("P1", "2011-12", "9"), ("new", "Dec 2011", 9.0, "", "")),
    (("P1", "2019-13", "9"), ("error", "2019-13", None, "period", "'2019-13' cannot be read as a period: there is no month 13")),
    (("SATOD", "2011-12", "9"), ("new", "2011/12", 9.0, "", "")),
    # impossible periods: before 1900, or more than five years after the register's today
    (("LBW", "1066", "9"), ("error", "1066", None, "period", "the period 1066 is before 1900")),
    (("SATOD", "2099/00", "9"), ("error", "2099/00", None, "period", "the period 2099/00 starts more than 5 years after today (23/11/2026)")),
    (("LBW", "2031", "9"), ("new", "2031", 9.0, "", "")),
    (("LBW", "2032", "9"), ("error", "2032", None, "period", "more than 5 years after today")),
]


def test_each_row_is_planned_by_the_one_path():
    """The planner has one path for every row (its quick path for common rows is gone): awkward
    cells are read by the one number parser, with its reasons."""
    from pbp_desktop.domain.enums import Frequency
    from pbp_desktop.services.importing import _Indicator, _Planner

    def ind(i, code, unit, frequency):
        return _Indicator(i, code, f"Indicator {i}", unit, frequency, None, None, None, None, None)

    indicators = [ind(1, "SATOD", "%", Frequency.ANNUAL_FINANCIAL), ind(2, "LBW", "per 1,000", Frequency.ANNUAL_CALENDAR),
                  ind(5, "P1", "count", Frequency.MONTHLY)]
    planner = _Planner({i.code.lower(): i for i in indicators},
                       {(1, "2024/25"): (6.1, False, None), (5, "Apr 2025"): (7.0, False, "checked")}, TODAY)
    body = [(n, cells) for n, (cells, _) in enumerate(PLANNED, start=2)]
    plan = planner.template(["indicator_code", "period", "value"], body)
    assert len(plan) == len(PLANNED)
    for row, (number, (_, (action, period, value, column, words))) in zip(plan, enumerate(PLANNED, start=2),
                                                                          strict=True):
        assert (row.row, row.action.value, row.period, row.value, row.column) == (number, action, period, value, column)
        assert words in row.reason
