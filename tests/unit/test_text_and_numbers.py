"""Domain: the one set of field rules - what text may hold (control characters refused; tabs and
line breaks only in long text), the one number parser, and the strict reading of values from a
file or the register (a boolean is true or false, a number a number, an id an integer)."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbp_desktop.domain import fields as F
from pbp_desktop.domain.enums import Sector
from pbp_desktop.domain.fields import NumberProblem, clean, parse_number
from pbp_desktop.domain.records import ACTUAL, INDICATOR, PARTNER, RULES

# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize("text, value", [
    ("12", 12.0), (" 12.5 ", 12.5), ("-3", -3.0), ("+7", 7.0), (".5", 0.5), ("5.", 5.0), ("1,015", 1015.0),
    ("12,345,678.25", 12345678.25), ("1e3", 1000.0), ("2.5E-2", 0.025), ("0", 0.0), ("0.000", 0.0), ("0e5", 0.0),
])
def test_numbers_as_a_person_writes_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, reason", [
    ("1_000", "without underscores"), ("\uff11\uff12", "digits 0 to 9"), ("\u0661\u0662", "digits 0 to 9"),
    ("1e-400", "too small a number to keep: it would be stored as 0"), ("1e400", "too large"),
    ("12,5", r"decimal point as a full stop \(12\.5\)"), ("1,0150", "not a number"), ("1,2,3", "not a number"),
    ("1.2.3", "not a number"), ("nan", "not a number"), ("inf", "not a number"), ("Infinity", "not a number"),
    ("0x10", "not a number"), ("", "not a number"), ("--1", "not a number"), ("1 000", "not a number"),
    ("12%", "not a number"), ("e5", "not a number"), (".", "not a number"),
])
def test_what_a_person_would_not_write_is_not_a_number(text, reason):
    with pytest.raises(NumberProblem, match=reason):
        parse_number(text)


def test_the_forms_read_numbers_with_the_one_parser():
    for text in ("1_000", "\uff11\uff12", "1e-400"):
        _, errors = clean(INDICATOR, {"target_value": text}, partial=True)
        assert [e.field for e in errors] == ["target_value"], text
    _, errors = clean(INDICATOR, {"decimals": "1_0"}, partial=True)
    assert "not a whole number" in errors[0].message


# ------------------------------------------------------------------ text


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f",
                                  "\ud800"])
def test_control_characters_are_refused_in_every_text_field_of_every_record(char):
    """Generated from the records' field specs: a form, the import and a file all clean with them."""
    for entity, spec in RULES.items():
        for f in spec:
            if f.kind != "text":
                continue
            _, errors = clean([f], {f.name: f"a{char}b"})
            assert [(e.field, e.code) for e in errors] == [(f.name, "invalid")], (entity, f.name)
            assert "at character 2" in errors[0].message and char not in errors[0].message


def test_tabs_and_line_breaks_are_kept_in_long_text_only():
    notes = "First line\n\tindented\r\nlast"
    out, errors = clean(PARTNER, {"name": "Sandwell MBC", "sector": "local_authority", "notes": notes})
    assert errors == [] and out["notes"] == notes
    for char, said in (("\n", "a line break"), ("\t", "a tab"), ("\r", "a carriage return")):
        _, errors = clean(PARTNER, {"name": f"Sandwell{char}MBC", "sector": "local_authority"})
        assert [e.message for e in errors] == [f"Name: has {said} at character 9; this field holds one line: "
                                               "remove it"]


def test_long_text_is_what_the_forms_show_over_several_lines():
    from pbp_desktop.ui.forms import LONG_TEXT
    assert F.LONG_TEXT == LONG_TEXT


def test_every_text_column_of_the_model_is_long_text_exactly_when_its_field_is():
    """Generated from the metadata: a column of SQL type Text holds long text (tabs and line
    breaks kept); a String column holds one line. A field added later is held to it."""
    from sqlalchemy import Enum, String, Text

    from pbp_desktop.storage.base import Base
    from pbp_desktop.storage.rules import table_fields
    checked = 0
    for table in Base.metadata.sorted_tables:
        for f in table_fields(table):
            column = table.c[f.name]
            if f.kind != "text" or isinstance(column.type, Enum):
                continue
            assert f.multiline == isinstance(column.type, Text), (table.name, f.name)
            assert isinstance(column.type, String)
            checked += 1
    assert checked > 50


def test_a_message_never_echoes_a_control_character():
    _, errors = clean(INDICATOR, {"target_value": "1\x1b[2J"}, partial=True)
    assert "\x1b" not in errors[0].message and "\\x1b[2J" in errors[0].message


# ------------------------------------------------------------------ strict: a file's or the register's values


def strict(spec, values):
    return clean(spec, values, partial=True, strict=True)


@pytest.mark.parametrize("value", ["false", "no", "true", "yes", 0, 1, 1.0, "1"])
def test_a_boolean_from_a_file_is_true_or_false_only(value):
    _, errors = strict(PARTNER, {"is_host": value})
    assert [e.field for e in errors] == ["is_host"] and "is not true or false" in errors[0].message


@pytest.mark.parametrize("value, said", [(True, "true is not a number"), ("12", "'12' is not a number"),
                                         (math.inf, "Infinity is not a number"), (math.nan, "NaN is not a number"),
                                         (-math.inf, "-Infinity is not a number")])
def test_a_number_from_a_file_is_a_finite_json_number(value, said):
    _, errors = strict(ACTUAL, {"value": value})
    assert [e.field for e in errors] == ["value"] and said in errors[0].message


@pytest.mark.parametrize("value", [1.7, 1.0, "3", True])
def test_an_id_from_a_file_is_an_integer(value):
    _, errors = strict(ACTUAL, {"indicator_id": value})
    assert [e.field for e in errors] == ["indicator_id"] and "not a whole number" in errors[0].message


def test_dates_enums_and_periods_from_a_file_are_written_as_the_app_writes_them():
    out, errors = strict(PARTNER, {"joined_on": "2018-04-01", "sector": "local_authority", "name": " kept as is "})
    assert errors == [] and out == {"joined_on": date(2018, 4, 1), "sector": Sector.LOCAL_AUTHORITY,
                                    "name": " kept as is "}
    _, errors = strict(PARTNER, {"joined_on": "01/04/2018", "sector": "Local authority"})
    assert {e.field for e in errors} == {"joined_on", "sector"}
    _, errors = strict(ACTUAL, {"period": "2024-25"})
    assert "not written as the app writes this period (2024/25)" in errors[0].message
    _, errors = strict(ACTUAL, {"period": "banana"})
    assert [e.field for e in errors] == ["period"]


def test_required_text_from_a_file_may_not_be_blank():
    _, errors = strict(PARTNER, {"name": "  "})
    assert [e.code for e in errors] == ["required"]


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**8), st.floats(allow_nan=True),
                   st.text(max_size=30), st.sampled_from(["", " ", "2024/25", "2024-25", "nhs_trust", "Open", "%",
                                                          "a\tb", "a\nb", "x" * 301]),
                   st.dates(), st.datetimes(), st.sampled_from(list(Sector)))
FIELDS = [f for spec in RULES.values() for f in spec] + [F.Field("at", "At", "datetime")]


@given(field=st.sampled_from(FIELDS), value=VALUES)
def test_the_quick_check_passes_only_what_the_full_rule_passes(field, value):
    """sound_check (what `check` and the loader use to skip the full cleaning of a sound record) is
    only a quicker way to the same answer: what it passes, _coerce passes, giving the same value."""
    if value is not None and F._plainly_sound(field, value):  # None: clean's own, before any rule
        assert F._coerce(field, value, strict=True) == (float(value) if field.kind == "number" else value)


def test_the_quick_check_self_check():
    assert F._plainly_sound(PARTNER[0], "Sandwell MBC") and not F._plainly_sound(PARTNER[0], "a\x07b")
    assert not F._plainly_sound(F.Field("at", "At", "datetime"), date(2025, 1, 1))
    assert F._plainly_sound(F.Field("at", "At", "datetime"), datetime(2025, 1, 1))
