"""The suite passes on any day: a test that reaches the real clock by accident fails, naming
where (tests/conftest.py's pinned_clock); one that drives a composition root may say so."""

from __future__ import annotations

from pathlib import Path

CONFTEST = (Path(__file__).parents[1] / "conftest.py").read_text(encoding="utf-8")


def _suite(pytester, body: str):
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(body)
    return pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")


def test_a_register_opened_without_a_clock_fails_the_test_that_reads_it(pytester, tmp_path):
    result = _suite(pytester, f"""
from pbp_desktop.services import Register

def test_forgets_the_clock():
    reg = Register.open("sqlite:///{tmp_path / 'r.sqlite'}", create=True)
    try:
        reg.queries.risks()
    finally:
        reg.close()
""")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*the test read the real clock*", "*queries.py*"])


def test_an_injected_clock_is_never_questioned(pytester, tmp_path):
    result = _suite(pytester, f"""
from datetime import date
from pbp_desktop.services import Register

def test_injects():
    reg = Register.open("sqlite:///{tmp_path / 'r.sqlite'}", create=True, clock=lambda: date(2024, 2, 29))
    try:
        assert reg.queries.today() == date(2024, 2, 29)
    finally:
        reg.close()
""")
    result.assert_outcomes(passed=1)


def test_a_composition_root_reads_the_pinned_day_when_it_says_so(pytester):
    result = _suite(pytester, """
import pytest
from pbp_desktop import clock
from tests.conftest import TODAY

@pytest.mark.app_clock
def test_root():
    assert clock.today() == TODAY
""")
    result.assert_outcomes(passed=1)
