"""Services: bad input is refused with a message naming the field, and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.storage.base import Base


def snapshot(register) -> dict[str, int]:
    """Row counts of every table: "nothing was written" means none of them moved."""
    with Session(register.opened.engine) as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def refused(register, call, *fields):
    before = snapshot(register)
    with pytest.raises(ValidationFailed) as info:
        call()
    assert snapshot(register) == before, "a refused command wrote something"
    got = {e.field for e in info.value.errors}
    assert set(fields) <= got, f"expected errors on {fields}, got {got}"
    for e in info.value.errors:
        assert e.message and e.code
    return info.value


def _risk(**kw):
    values = {"reference": "SR1", "title": "Programmes fail to effect change", "category": "deliverability",
              "inherent_consequence": 4, "inherent_likelihood": 3, "current_consequence": 4,
              "current_likelihood": 3, "target_consequence": 3, "target_likelihood": 2}
    values.update(kw)
    return values


@pytest.mark.parametrize("likelihood", [0, 6])
def test_likelihood_out_of_range(register, setup, likelihood):
    err = refused(register, lambda: register.risks.create(_risk(current_likelihood=likelihood)), "current_likelihood")
    assert "Current likelihood" in str(err)


def test_rescore_out_of_range_is_refused(register, setup):
    risk_id = register.risks.create(_risk()).created_id("risk")
    version = register.queries.risks()[0].version
    refused(register, lambda: register.risks.rescore(risk_id, {"consequence": 4, "likelihood": 6}, version),
            "likelihood")


def test_target_date_before_the_baseline(register, setup):
    err = refused(register, lambda: register.indicators.create({
        "objective_id": setup["objective"], "name": "Physically inactive adults", "unit": "%",
        "polarity": "lower", "frequency": "annual_fy", "baseline_value": 29.6, "baseline_period": "2017/18",
        "target_value": 25.492, "target_date": "31 March 2015"}), "target_date")
    assert "not after the baseline period 2017/18" in str(err)
    refused(register, lambda: register.indicators.update(
        setup["indicator"], {"target_date": "31/03/2018"}, 1), "target_date")


def test_action_without_owner_or_due_date(register, setup):
    refused(register, lambda: register.actions.create({"description": "Chase the data set"}), "owner_id", "due_on")
    refused(register, lambda: register.meetings.raise_action(setup["item"], {"description": "x", "due_on": ""}),
            "owner_id", "due_on")


def test_text_where_a_number_belongs(register, setup):
    err = refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": "2019/20", "value": "about nine"}), "value")
    assert "'about nine' is not a number" in str(err)
    refused(register, lambda: register.risks.create(_risk(current_consequence="major")), "current_consequence")


def test_a_period_that_does_not_parse(register, setup):
    err = refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": "Q5 2019/20", "value": 9.0}), "period")
    assert "is not a period" in str(err)
    refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": "Q2 2019/20", "value": 9.0}), "period")  # wrong frequency


def test_a_period_is_read_as_the_indicator_reports(register, setup):
    """'2011-12' is December 2011 for a monthly indicator (it was read as the financial year
    2011/12, then refused as not monthly); for a financial-year one it is still 2011/12."""
    monthly = register.indicators.create({
        "objective_id": setup["objective"], "code": "DTOC", "name": "Delayed days", "unit": "days",
        "polarity": "lower", "frequency": "monthly"}).created_id("indicator")
    register.indicators.record_actual({"indicator_id": monthly, "period": "2011-12", "value": 100})
    register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2011-12", "value": 9.1})
    register.indicators.set_planned(monthly, "2012-01", 90)
    register.indicators.add_rebase(monthly, "2012-01", "New counting rules")
    with Session(register.opened.engine) as s:
        got = sorted(s.execute(text("SELECT indicator_id, period, period_start FROM actual")).all())
        planned = s.execute(text("SELECT period FROM trajectory_point")).scalars().all()
        rebased = s.execute(text("SELECT period FROM indicator_rebase")).scalars().all()
    assert [(i, p, str(d)) for i, p, d in got] == [(setup["indicator"], "2011/12", "2011-04-01"),
                                                  (monthly, "Dec 2011", "2011-12-01")]
    assert planned == ["Jan 2012"] and rebased == ["Jan 2012"]
    err = refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": monthly, "period": "2019-13", "value": 1}), "period")
    assert "'2019-13' cannot be read as a period: there is no month 13" in str(err)


@pytest.mark.parametrize("period, said", [
    ("1899/00", "1899/00 is before 1900"), ("1066", "is not an annual (financial year) period"),
    ("2099/00", "2099/00 starts more than 5 years after today (23/11/2026)"),
    ("2032/33", "2032/33 starts more than 5 years after today")])
def test_an_actual_for_an_impossible_period_is_refused(register, setup, period, said):
    err = refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": period, "value": 9.0}), "period")
    assert said in str(err)


def test_an_actual_five_years_ahead_is_still_taken(register, setup):
    register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2031/32", "value": 9.0})


def test_a_link_to_a_record_that_does_not_exist(register, setup):
    err = refused(register, lambda: register.people.create_person({"name": "Nobody", "partner_id": 999}), "partner_id")
    assert "there is no partner with id 999" in str(err)
    refused(register, lambda: register.actions.create(
        {"description": "x", "owner_id": 999, "due_on": "01/01/2026"}), "owner_id")
    refused(register, lambda: register.risks.create(_risk(), objective_ids=[999]), "objective_ids")
    refused(register, lambda: register.outcomes.set_objective_leads(setup["objective"], [999], []), "lead_person_ids")


def test_every_problem_in_one_error(register, setup):
    err = refused(register, lambda: register.risks.create(_risk(
        reference="", inherent_likelihood=0, target_consequence="big", owner_id=999, colour="red")),
        "reference", "inherent_likelihood", "target_consequence", "colour")
    assert len(err.errors) >= 4


def test_duplicate_reference_is_refused_by_name(register, setup):
    register.risks.create(_risk())
    err = refused(register, lambda: register.risks.create(_risk(title="another")), "reference")
    assert "'SR1' is already used by another risk" in str(err)


def test_an_existing_actual_is_never_overwritten_by_record(register, setup):
    register.indicators.record_actual({"indicator_id": setup["indicator"], "period": "2019/20", "value": 9.1})
    err = refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": "2019/20", "value": 8.0}), "period")
    assert "already recorded (9.1)" in str(err)


def test_percent_out_of_range(register, setup):
    refused(register, lambda: register.indicators.record_actual(
        {"indicator_id": setup["indicator"], "period": "2019/20", "value": 112}), "value")


def test_delete_of_a_record_in_use_is_refused_with_what_uses_it(register, setup):
    interest = register.meetings.add_interest({"person_id": setup["person"], "category": "financial",
                                               "organisation": "West Midlands Ambulance Service"}
                                              ).created_id("interest")
    register.meetings.declare_from_register(setup["item"], interest)
    err = refused(register, lambda: register.meetings.delete_interest(interest, 1), "id")
    assert str(err) == "This declared interest cannot be deleted: 1 declaration still refers to it."
    assert "Archive it instead" not in str(err)  # an interest cannot be archived


@pytest.mark.sqlite_only
def test_a_database_rule_is_the_last_line_and_still_names_the_field(register, setup):
    with register.opened.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER no_x BEFORE INSERT ON partner WHEN NEW.name = 'X' "
                          "BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_partner_sector'); END"))
    err = refused(register, lambda: register.partners.create({"name": "X", "sector": "nhs_trust"}), "sector")
    assert "Sector is outside the allowed values" in str(err)


def test_a_new_risks_first_score_note_is_held_to_the_note_rule(register):
    from pbp_desktop.domain.errors import ValidationFailed
    with pytest.raises(ValidationFailed) as refused:
        register.risks.create({"reference": "R1", "title": "Workforce gap", "category": "workforce",
                               "inherent_consequence": 3, "inherent_likelihood": 3, "current_consequence": 3,
                               "current_likelihood": 3, "target_consequence": 2, "target_likelihood": 2},
                              note="rang\x07 the bell")
    assert refused.value.fields() == {"note"}
    assert register.queries.risks() == []
