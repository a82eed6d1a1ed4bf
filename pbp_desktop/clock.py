"""The real clock, read in this one place. The composition roots (the app, the CLI, a register
opened without a clock of its own) call `today()`; everything else is handed a clock. The tests
replace `today` with one that fails the test that reads it (tests/conftest.py)."""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()


def system_clock() -> date:
    """The clock a register uses when none is injected: `today` looked up at each call, so that
    replacing it (as the tests do) reaches registers already open."""
    return today()
