"""The action log asked of the database a page at a time: the filters are the domain's rules,
pages join up to the whole log in any sort order, and the search is literal and case-blind."""

from __future__ import annotations

import pytest

from pbp_desktop.domain.enums import ActionStatus
from pbp_desktop.readmodels import ActionFilter

CLOSED = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)


def test_each_filter_keeps_what_the_rules_say(demo):
    q = demo.queries
    everything = q.actions()
    owner = everything[0].owner_id
    meeting = next(a.meeting_id for a in everything if a.meeting_id)
    cases = {
        ActionFilter(): lambda a: True,
        ActionFilter(overdue_only=True): lambda a: a.overdue,
        ActionFilter(owner_id=owner): lambda a: a.owner_id == owner,
        ActionFilter(meeting_id=meeting): lambda a: a.meeting_id == meeting,
        ActionFilter(status="open_any"): lambda a: a.status not in CLOSED,
        ActionFilter(status="complete"): lambda a: a.status is ActionStatus.COMPLETE,
        ActionFilter(include_confidential=False): lambda a: not a.confidential,
        ActionFilter(search="LISA mcnally"): lambda a: "lisa mcnally" in a.owner_name.lower(),
    }
    for f, keep in cases.items():
        expected = [a.id for a in everything if keep(a)]
        assert expected, f
        assert [a.id for a in q.action_page(f, limit=10_000)] == expected, f
        assert q.action_count(f) == len(expected), f
        assert q.action_first_page(f, limit=3) == (q.action_page(f, limit=3), len(expected)), f
    assert q.action_first_page(ActionFilter(search="no action says this")) == ([], 0)


@pytest.mark.parametrize("key", ["due", "reference", "description", "owner", "status", "meeting", "completed"])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_join_up_to_the_whole_log_in_any_order(demo, key, descending):
    q = demo.queries
    whole = q.action_page(ActionFilter(), sort=key, descending=descending, limit=10_000)
    pages = [a for k in range(0, len(whole), 3)
             for a in q.action_page(ActionFilter(), sort=key, descending=descending, offset=k, limit=3)]
    assert [a.id for a in pages] == [a.id for a in whole]
    assert sorted(a.id for a in whole) == sorted(a.id for a in q.actions())
    if key == "reference":
        refs = [a.reference for a in whole]
        assert refs == sorted(refs, reverse=descending)
    if key == "status" and not descending:
        flags = [a.overdue for a in whole]
        assert flags == sorted(flags, reverse=True)  # overdue ones first


def test_search_words_are_literal_not_patterns(demo):
    q = demo.queries
    assert q.action_count(ActionFilter(search="%")) == 0
    assert q.action_count(ActionFilter(search="_")) == sum("_" in a.description for a in q.actions())
    assert q.action_page(ActionFilter(action_id=q.actions()[0].id))[0].updates == ()  # a page leaves them out


def test_search_finds_an_action_by_its_partner_board_and_agenda_item(demo):
    """The search looks beyond the action's own words: its owner's organisation, the board of the
    meeting that set it, and the agenda item it came from; each found as the rows say."""
    q = demo.queries
    everything = q.actions()
    with_partner = next(a for a in everything if a.owner_partner_name)
    with_meeting = next(a for a in everything if a.meeting_label)
    with_item = next(a for a in everything if a.agenda_item_label)
    words = [with_partner.owner_partner_name[2:-2], with_meeting.meeting_label.split(",")[0].upper(),
             with_item.agenda_item_label.split(" ", 1)[1][:12]]
    for word in words:
        found = {a.id for a in q.action_page(ActionFilter(search=word), limit=10_000)}
        assert found, word
        # every action whose own words, owner, organisation, board or item name holds the word
        expected = {a.id for a in everything if word.lower() in " ".join(
            x or "" for x in (a.reference, a.description, a.owner_name, a.owner_partner_name,
                              (a.meeting_label or "").rsplit(",", 1)[0],
                              (a.agenda_item_label or "").split(" ", 1)[-1] if a.agenda_item_label else "")).lower()}
        assert found == expected, word
        assert q.action_count(ActionFilter(search=word)) == len(expected), word
