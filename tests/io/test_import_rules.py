"""Import: every bad value gets its own reason; any bad row means nothing is written."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.domain.importing import ValueProblem, parse_value


@pytest.mark.parametrize("text, reason", [
    ("12.5%", "per cent sign"), ("1,015", "thousands separator"), ("n/a", "not applicable"),
    ("*", "suppressed"), ("", "blank"), ("x", "not available"), ("-3", "negative"), ("about 5", "not a number"),
])
def test_each_bad_value_has_its_own_reason(text, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_value(text)
    with pytest.raises(ValueProblem, match="over 100"):
        parse_value("100.5", percent=True)
    assert parse_value("100", percent=True) == 100.0 and parse_value(" 16.35 ") == 16.35


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
BAD = st.sampled_from(["12.5%", "1,015", "n/a", "*", "", "x", "-1", "lots", "150"])


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
