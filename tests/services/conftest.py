"""Fixtures of the service tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def setup(register):
    """A partnership with one partner, one person, an outcome, an objective and a meeting item."""
    ids = {}
    ids["partner"] = register.partners.create({"name": "Sandwell MBC", "short_name": "SMBC",
                                               "sector": "local_authority"}).created_id("partner")
    ids["person"] = register.people.create_person({"name": "Deb Breedon", "partner_id": ids["partner"]}).created_id("person")
    ids["body"] = register.people.create_body({"name": "Partnership Board"}).created_id("body")
    ids["outcome"] = register.outcomes.create_outcome({"reference": "PO1", "title": "Best Start in Life"}).created_id("outcome")
    ids["objective"] = register.outcomes.create_objective(
        {"outcome_id": ids["outcome"], "reference": "PO1.1", "title": "Smoking at delivery"}).created_id("objective")
    ids["indicator"] = register.indicators.create({
        "objective_id": ids["objective"], "code": "SATOD", "name": "Smoking at time of delivery", "unit": "%",
        "polarity": "lower", "frequency": "annual_fy", "baseline_value": 9.8, "baseline_period": "2018/19",
        "target_value": 3.3, "target_date": "31/03/2025"}).created_id("indicator")
    ids["meeting"] = register.meetings.create({"body_id": ids["body"], "meets_on": "07/10/2019",
                                               "session": "public"}, template=False).created_id("meeting")
    ids["item"] = register.meetings.add_item({"meeting_id": ids["meeting"], "number": "4",
                                              "title": "Care Alliance"}).created_id("agenda_item")
    return ids
