"""Domain: field validation turns typed input into clean values, or says what is wrong where."""

from datetime import date

from pbp_desktop.domain.enums import Sector
from pbp_desktop.domain.fields import clean
from pbp_desktop.domain.records import ACTION, INDICATOR, PARTNER, RISK, check


def test_clean_coerces_typed_text():
    out, errors = clean(PARTNER, {"name": " Sandwell MBC ", "sector": "Local authority",
                                  "is_host": "yes", "joined_on": "01/04/2018"})
    assert errors == []
    assert out == {"name": "Sandwell MBC", "sector": Sector.LOCAL_AUTHORITY, "is_host": True,
                   "joined_on": date(2018, 4, 1)}


def test_every_problem_is_reported_with_its_field():
    _, errors = clean(RISK, {"reference": "R1", "title": "x", "category": "finance",
                             "inherent_consequence": 0, "inherent_likelihood": 6,
                             "current_consequence": "three", "current_likelihood": 2.5,
                             "target_consequence": 1, "target_likelihood": 1, "colour": "red"})
    fields = {e.field: e.message for e in errors}
    assert set(fields) == {"inherent_consequence", "inherent_likelihood", "current_consequence",
                           "current_likelihood", "colour"}
    assert "at least 1" in fields["inherent_consequence"]
    assert "at most 5" in fields["inherent_likelihood"]
    assert "'three' is not a whole number" in fields["current_consequence"]


def test_required_fields_on_create_and_not_blankable_on_update():
    _, errors = clean(ACTION, {"description": "Chase"})
    assert {e.field for e in errors} == {"owner_id", "due_on"}
    _, errors = clean(ACTION, {"due_on": ""}, partial=True)
    assert [e.field for e in errors] == ["due_on"]


def test_numbers_accept_thousands_separators_but_not_text():
    out, errors = clean(INDICATOR, {"target_value": "1,015", "baseline_value": "12.5"}, partial=True)
    assert errors == [] and out == {"target_value": 1015.0, "baseline_value": 12.5}
    _, errors = clean(INDICATOR, {"target_value": "about 1000"}, partial=True)
    assert errors[0].field == "target_value" and "not a number" in errors[0].message
    _, errors = clean(INDICATOR, {"target_value": "nan"}, partial=True)
    assert errors[0].field == "target_value"


def test_indicator_target_must_follow_its_baseline():
    values = {"objective_id": 1, "unit": "%", "baseline_value": 29.6, "baseline_period": "2017/18",
              "target_value": 25.492, "target_date": date(2015, 3, 31)}
    errors = check("indicator", values)
    assert [e.field for e in errors] == ["target_date"]
    assert "not after the baseline period 2017/18" in errors[0].message


def test_percentages_stay_between_0_and_100():
    errors = check("indicator", {"objective_id": 1, "unit": "%", "baseline_value": 120.0, "baseline_period": "2019/20",
                                 "target_value": -1.0, "target_date": date(2025, 3, 31)})
    assert {e.field for e in errors} == {"baseline_value", "target_value"}
    errors = check("indicator", {"objective_id": 1, "unit": "%", "baseline_value": 12.0, "target_value": 10.0})
    assert {e.field for e in errors} == {"baseline_period", "target_date"}
    assert check("actual", {"value": 101.0}, {"unit": "%"})[0].field == "value"
    assert check("actual", {"value": 101.0}, {"unit": "per 100,000"}) == []
