"""Services: choosing the meeting, the cover sheet remembered, the overall judgement rule."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.errors import NotFound, PbpError, ValidationFailed
from pbp_desktop.domain.judgement import NO_ASSESSMENT, NONE, SERIOUS, SOME, SPECIFIC, judge


def test_next_and_latest_meeting(demo):
    assert demo.packs.resolve_meeting("next").meets_on == date(2026, 12, 10)
    assert demo.packs.resolve_meeting("latest").meets_on == date(2022, 3, 2)
    with pytest.raises(NotFound):
        demo.packs.resolve_meeting(999)
    with pytest.raises(PbpError, match="not a meeting"):
        demo.packs.resolve_meeting("tomorrow")


def test_cover_sheet_is_remembered_for_the_next_pack(demo):
    first = demo.packs.cover_draft()
    assert first.title == "Assurance report: Sandwell Integrated Care Alliance"
    cover = {"title": "Place assurance report, December", "sponsor": "Daren Fradgley", "author": "Christine Anne Guest",
             "recommendations": "NOTE the report\nAPPROVE the revised trajectory for SATOD", "eqia_required": False}
    demo.packs.print_pack(demo.packs.resolve_meeting("next"), "public", cover_values=cover)
    again = demo.packs.cover_draft()
    assert (again.title, again.sponsor) == ("Place assurance report, December", "Daren Fradgley")
    assert [r.label if r else None for r, _ in again.recommendation_lines()] == ["NOTE", "APPROVE"]


def test_bad_cover_input_is_refused_by_field(demo):
    with pytest.raises(ValidationFailed) as info:
        demo.packs.print_pack(None, "public", cover_values={"title": "", "eqia_date": "soon", "judgement": "fine"})
    assert info.value.fields() == {"title", "eqia_date", "judgement"}
    assert demo.queries.packs() == []


def test_judgement_rule():
    assert judge(5, 10, 12, 0).level == SERIOUS
    assert judge(0, 10, 20, 0).level == SERIOUS
    assert judge(3, 10, 12, 0).level == SOME
    assert judge(0, 10, 16, 0).level == SOME
    assert judge(1, 10, 12, 0).level == SPECIFIC
    assert judge(0, 10, 12, 2).level == SPECIFIC
    assert judge(0, 10, 12, 0).level == NONE
    # nothing rated: no assessment possible, never "no concerns" (issue 19); a risk still speaks
    nothing = judge(0, 0, 0, 0)
    assert nothing.level == NO_ASSESSMENT and nothing.reason == "no indicator has a figure to rate"
    assert judge(0, 0, 0, 3).reason == "no indicator has a figure to rate; 3 overdue action(s)"
    assert judge(0, 0, 20, 0).level == SERIOUS and judge(0, 0, 15, 0).level == SOME


def test_unknown_sections_are_refused(demo):
    with pytest.raises(PbpError, match="Unknown section"):
        demo.packs.build(None, "public", sections=["cover", "gossip"])


def test_a_pack_is_judged_as_at_the_date_given(demo):
    """Issue 19: overdue actions, the risks' reviews and the windows count from the "as at" date;
    the pack's reference is still the day it is printed."""
    meeting = demo.packs.resolve_meeting("next")
    now = demo.packs.build(meeting, "private")
    then = demo.packs.build(meeting, "private", as_at="01/01/2019")
    assert (now.printed_on, then.printed_on) == (date(2026, 11, 23), date(2019, 1, 1))
    assert then.reference.startswith("PACK-20261123-")
    assert sum(a.overdue for a in now.open_actions) > sum(a.overdue for a in then.open_actions)
    assert demo.packs.build(meeting, "private", as_at=date(2019, 1, 1)).printed_on == date(2019, 1, 1)
    with pytest.raises(ValidationFailed, match="As at: "):
        demo.packs.build(meeting, "private", as_at="Q5 2019")
