"""UI test: the history shows stored values as the screens do (UK dates, choices by their
label, yes/no, a linked record by its kind), and any other value as stored."""

from __future__ import annotations

from pbp_desktop.ui.history import shown


def test_history_values_read_as_the_screens_show_them():
    assert shown("milestone", "forecast_date", "2027-01-31") == "31/01/2027"
    assert shown("milestone", "status", "in_progress") == "In progress"
    assert shown("programme", "confidential", "true") == "yes"
    assert shown("programme", "parent_id", "45") == "programme or project 45"
    assert shown("risk", "title", "Workforce") == "Workforce"
    assert shown("milestone", "forecast_date", "not a date") == "not a date"  # as stored, never an error
    assert shown("change_log", None, None) == ""
