"""UI: an action raised in private says it is kept out of public papers, and publishing it on
purpose asks why, shows it, and is logged."""

from __future__ import annotations

import pytest

from pbp_desktop.ui.pages.actions import ActionsPage

pytestmark = pytest.mark.ui


def test_publish_an_action_raised_in_private_on_purpose(window, demo, monkeypatch):
    page = window.show_page(ActionsPage)
    records = demo.privacy.records()
    raised = next(a for a in demo.queries.actions() if records.row_private(a) and not a.confidential)
    page.table.select_id(raised.id)
    assert "Public papers: kept out (raised at a private meeting" in page.detail.text()
    monkeypatch.setattr(ActionsPage, "ask_text", lambda self, title, label: ("Published by the board", True))
    page.publish(page.table.current())
    assert "Public papers: published on purpose" in page.detail.text()
    assert "Published by the board" in page.detail.text()
    assert page.publish_button.text().startswith("Withdraw")
    assert not demo.privacy.records().row_private(raised)
    assert demo.queries.change_log(entity="disclosure")[0].command == "publish_record"
    page.publish(page.table.current())  # withdraw (confirmed automatically in the tests)
    assert demo.privacy.records().row_private(raised)
    confidential = next(a for a in demo.queries.actions() if a.confidential)
    page.table.select_id(confidential.id)
    assert "kept out (marked confidential)" in page.detail.text() and not page.publish_button.isEnabled()
