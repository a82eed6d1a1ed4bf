"""The register summary asks the database for its figures: the same answers as the full
registers give, with the overdue list cut to the longest overdue and the counts of all."""

from __future__ import annotations

import pytest

from pbp_desktop.storage.queries import summary as summary_q


def test_the_summary_agrees_with_the_full_registers(demo):
    actions = demo.queries.actions()
    risks = demo.queries.risks()
    s = demo.queries.summary()
    overdue = [a for a in actions if a.overdue]
    assert overdue and s.overdue_count == len(overdue)
    assert [a.id for a in s.overdue_actions] == [a.id for a in overdue][:summary_q.OVERDUE_SHOWN]
    extreme = sorted((r for r in risks if r.current_score >= 15 and r.status.value == "open"),
                     key=lambda r: (-r.current_score, r.reference))
    assert [r.id for r in s.extreme_risks] == [r.id for r in extreme]
    full = {r.id: r for r in risks}
    assert all(r.movement == full[r.id].movement and r.history == () for r in s.extreme_risks)
    reviews = [r.reference for r in risks if r.review_overdue]
    missing = " ".join(s.next_meeting_missing)
    assert (f"{len(reviews)} risk review(s) overdue" in missing) == bool(reviews)
    assert f"{len(overdue)} overdue action(s) to chase" in missing


def test_a_long_overdue_list_is_cut_but_counted(demo, monkeypatch):
    monkeypatch.setattr(summary_q, "OVERDUE_SHOWN", 1)
    s = demo.queries.summary()
    overdue = [a for a in demo.queries.actions() if a.overdue]
    assert len(overdue) > 1 and s.overdue_count == len(overdue)
    assert [a.id for a in s.overdue_actions] == [overdue[0].id]


@pytest.mark.parametrize("private", [True, False])
def test_a_public_summary_withholds_and_counts_the_private(demo, private):
    """Private under the one rule: marked, or raised at private business (demo: two overdue
    actions raised at private items, one marked confidential)."""
    s = demo.queries.summary(include_confidential=private)
    overdue = [a for a in demo.queries.actions() if a.overdue]
    records = demo.privacy.records()
    hidden = [a for a in overdue if records.row_private(a)]
    assert any(a.confidential for a in hidden) and any(not a.confidential for a in hidden)
    assert hidden and any(r.confidential and r.current_score >= 15 for r in demo.queries.risks())
    assert s.overdue_count == len(overdue) - (0 if private else len(hidden))
    assert s.withheld_actions == (0 if private else len(hidden))
    assert private or not any(records.row_private(a) for a in s.overdue_actions)
    assert private or not any(r.confidential for r in s.extreme_risks)
    assert s.withheld_risks == (0 if private else 1)


def test_the_summary_names_the_listed_rows_the_privacy_rule_keeps_private(demo):
    """The dashboard marks them: the same rule as the public papers (storage/privacy.py), not a
    second one; a confidential row is '[confidential]', one private by where it was raised
    '[private]'."""
    s = demo.queries.summary()
    records = demo.privacy.records()
    listed = [("action", a) for a in s.overdue_actions] + [("risk", r) for r in s.extreme_risks]
    assert s.private_rows == {(kind, row.id) for kind, row in listed if records.row_private(row)}
    marks = {s.privacy_mark(row) for _, row in listed}
    assert {"[confidential]", "[private]", ""} <= marks
    raised_in_private = next(a for a in s.overdue_actions if records.row_private(a) and not a.confidential)
    assert s.privacy_mark(raised_in_private) == "[private]"
    assert all(s.privacy_mark(r) == "[confidential]" for r in s.extreme_risks if r.confidential)
    assert demo.queries.summary(include_confidential=False).private_rows == frozenset()
