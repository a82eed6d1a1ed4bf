"""What a person types through the app's commands (the forms' way in) is held to the text rule:
control characters refused naming the field, tabs and line breaks kept in long text only."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.domain.importing import Profile


def test_a_control_character_typed_into_a_form_is_refused_naming_the_field(register):
    with pytest.raises(ValidationFailed) as info:
        register.partners.create({"name": "Sandwell\x07MBC", "sector": "local_authority", "notes": "ok\x00"})
    assert info.value.fields() == {"name", "notes"}
    assert "control character (U+0007) at character 9" in str(info.value) and "\x07" not in str(info.value)
    assert register.queries.partners(include_archived=True) == []


def test_line_breaks_and_tabs_are_kept_in_long_text(register):
    register.partners.create({"name": "Sandwell MBC", "sector": "local_authority", "notes": "one\n\ttwo"})
    assert register.queries.partners(include_archived=True)[0].notes == "one\n\ttwo"


def test_minutes_keep_their_lines_and_refuse_a_bell(demo):
    items = [i for m in demo.queries.meetings() for i in demo.queries.meeting(m.id).items]
    target = next(i for i in items if i.minutes is None)
    with pytest.raises(ValidationFailed) as info:
        demo.meetings.record_minutes(target.id, "Agreed\x07")
    assert info.value.fields() == {"text"}
    demo.meetings.record_minutes(target.id, "Agreed:\n\t1. to note")
    assert next(i for m in demo.queries.meetings() for i in demo.queries.meeting(m.id).items
                if i.id == target.id).minutes == "Agreed:\n\t1. to note"


def test_an_import_profile_name_is_one_line_of_text(register):
    with pytest.raises(ValidationFailed, match="Profile name: has a line break"):
        register.imports.save_profile(Profile(name="Monthly\nfile", indicator_code="X"))
    with pytest.raises(ValidationFailed, match="longer than 45"):
        register.imports.save_profile(Profile(name="x" * 46, indicator_code="X"))
