"""Domain: the wording of the meeting papers (domain/papers.py) - dates as council papers write
them, names grouped as minutes group them, resolutions, minutes text and the ageing of actions."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.papers import (
    Block,
    ageing_band,
    agenda_date,
    blocks,
    grouped_names,
    minutes_date,
    ordinal,
    resolution_clause,
    resolution_lines,
    surname_key,
    when_and_where,
)


def test_dates():
    assert agenda_date(date(2019, 10, 7)) == "Monday 7 October, 2019"
    assert minutes_date(date(2019, 7, 29)) == "29th July, 2019"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st", "111th"]
    assert when_and_where("29th July, 2019", "5.30pm", "Sandwell Council House, Oldbury", joiner="at") == \
        "29th July, 2019 at 5.30pm at Sandwell Council House, Oldbury"
    assert when_and_where("Monday 7 October, 2019", None, " ") == "Monday 7 October, 2019"


def test_names_grouped_as_minutes_group_them():
    assert grouped_names(["Councillor E M Giles", "Councillor Hackett", "Councillor Jarvis"]) == \
        "Councillors E M Giles, Hackett and Jarvis"
    assert grouped_names(["Councillor Piper"]) == "Councillor Piper"
    assert grouped_names(["Councillor A", "Jane Smith", "Councillor B", "Dr Raj Patel"]) == \
        "Councillors A and B; Jane Smith and Dr Raj Patel"
    assert grouped_names([]) == ""
    names = ["Councillor Tranter", "Councillor R Jones", "Councillor Jarvis", "Councillor Kausar"]
    assert sorted(names, key=surname_key) == ["Councillor Jarvis", "Councillor R Jones", "Councillor Kausar",
                                              "Councillor Tranter"]


@pytest.mark.parametrize("text, clause", [
    ("That the report be noted.", "that the report be noted"),
    ("that the report be noted;", "that the report be noted"),
    ("Resolved that the report be noted", "that the report be noted"),
    ("RESOLVED: - That an update be provided.", "that an update be provided"),
    ("  the Board welcomed the work ", "the Board welcomed the work"),
    ("Thatcher's legacy be noted", "Thatcher's legacy be noted"),
])
def test_resolution_clause(text, clause):
    assert resolution_clause(text) == clause


def test_resolutions_one_or_numbered():
    assert resolution_lines(["That the minutes be approved."]) == ["Resolved that the minutes be approved."]
    assert resolution_lines(["That A;", "that B.", "That C"]) == [
        "Resolved: -", "(1) that A;", "(2) that B;", "(3) that C."]
    assert resolution_lines(["", "  "]) == []


def test_minutes_text_as_paragraphs_and_bullets():
    text = "First para\nruns on.\n\nIn response:\n- one;\n- two\n  continued;\n\n\nLast."
    assert blocks(text) == [Block("First para runs on."), Block("In response:"), Block("one;", True),
                            Block("two continued;", True), Block("Last.")]
    assert blocks(None) == [] and blocks("") == []


@pytest.mark.parametrize("days, band", [
    (-5, "Not yet due"), (0, "Not yet due"), (1, "1-30 days overdue"), (30, "1-30 days overdue"),
    (31, "31-60 days overdue"), (60, "31-60 days overdue"), (61, "61-90 days overdue"),
    (90, "61-90 days overdue"), (91, "Over 90 days overdue"), (2600, "Over 90 days overdue"),
])
def test_ageing_bands(days, band):
    assert ageing_band(days) == band
    assert ageing_band(days, closed=True) == "Closed"


def test_a_bullet_indented_under_a_bullet_is_a_bullet_under_it():
    text = "In response:\n- staffing:\n  - two posts filled\n    this month;\n  - one vacant\n- estates\n\n  - an indented first bullet"
    assert blocks(text) == [Block("In response:"), Block("staffing:", True), Block("two posts filled this month;", True, 1),
                            Block("one vacant", True, 1), Block("estates", True), Block("an indented first bullet", True)]
