"""Services and the pack: a health and wellbeing strategy entered as its board wrote it (issue 19).
Objectives with no measure, a relative target, two lead partners on one outcome, a team and a
role as leads, an indicator directly under an outcome, and no data: all of it stored, validated,
undone, exported and imported again, and printed in words in both packs."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from pbp_desktop.domain.enums import LeadCapacity, LeadKind, TargetChange
from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.domain.records import Leads
from pbp_desktop.services import Register
from tests.services.framework_as_written import build_framework


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def framework(register):
    return register, build_framework(register)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("session", ["private", "public"])
def test_the_pack_prints_the_framework_in_words(framework, session):
    reg, _ = framework
    text = _text(reg.packs.print_pack(None, session).pdf)
    flat = squash(text)
    # each outcome, with its sponsors, lead partners and lead officers (two of each on chapter 1)
    for words in ("1 Every child has the best start in life", "2 People live well for longer",
                  "3 Older people stay independent",
                  "Sponsors Cllr Jo Hart; Cllr Ben Okafor",
                  "Lead partners Riverside Borough Council; NHS Riverside ICB",
                  "Lead officers Dr Sam Lee; Priya Shah",
                  "Sponsor Health and Wellbeing Board", "Lead partner Riverside Borough Council",
                  "Lead officer Adult Social Care service"):
        assert squash(words) in flat, words
    # every objective in words with its leads, those without a measure said so
    for words in ("Objective 1.1 Reduce smoking in pregnancy",
                  "Leads: Dr Sam Lee; Public Health service; Children's Trust Board",
                  "Objective 1.2 Improve school readiness",
                  "Leads: Riverside Community Voice; Early Help service",
                  "Objective 3.1 Fewer falls that lead to admission", "Leads: none recorded yet"):
        assert squash(words) in flat, words
    assert text.count("No measure agreed yet.") == 2
    assert "No objective or measure agreed yet." in text  # chapter 2
    # the indicator directly under the outcome, and the relative targets as written
    assert squash("Measures of the outcome as a whole IMR Infant mortality rate") in flat
    assert squash("reduce by 20% from 14.2% (2013) \u2014 11.4% \u2014 by 2016") in flat
    assert squash("reduce by 0.5 from the baseline (awaited) \u2014 by 2015/16") in flat
    # the scorecard's objective column in words
    assert squash("1.1 Reduce smoking in pregnancy SATOD") in flat
    assert squash("Outcome as a whole IMR") in flat
    # no data: no assessment, never "no concerns"; every outcome counted
    assert "NO ASSESSMENT POSSIBLE" in text and "no indicator has a figure to rate" in text
    assert "NO CONCERNS" not in text.upper()
    assert squash("3 priority outcomes, 3 objectives (2 with no measure agreed yet) and 2 indicators") in flat


def test_leads_are_stored_in_their_capacities_and_kinds(framework):
    reg, f = framework
    tree = {o.reference: o for o in reg.queries.outcome_tree()}
    one = tree["1"]
    assert one.names(LeadCapacity.SPONSOR) == ("Cllr Jo Hart", "Cllr Ben Okafor")
    assert one.names(LeadCapacity.LEAD_PARTNER) == ("Riverside Borough Council", "NHS Riverside ICB")
    assert one.names(LeadCapacity.LEAD_OFFICER) == ("Dr Sam Lee", "Priya Shah")
    j11 = one.objectives[0]
    assert [(lead.kind, lead.name) for lead in j11.lead_rows] == [
        (LeadKind.PERSON, "Dr Sam Lee"), (LeadKind.TEAM, "Public Health service"),
        (LeadKind.ROLE, "Children's Trust Board")]
    assert [i.code for i in one.indicators] == ["IMR"] and one.indicators[0].objective_id is None
    assert [i.code for i in one.all_indicators] == ["SATOD", "IMR"]
    three = tree["3"]
    assert [(lead.capacity, lead.kind, lead.name) for lead in three.leads] == [
        (LeadCapacity.SPONSOR, LeadKind.ROLE, "Health and Wellbeing Board"),
        (LeadCapacity.LEAD_PARTNER, LeadKind.PARTNER, "Riverside Borough Council"),
        (LeadCapacity.LEAD_OFFICER, LeadKind.TEAM, "Adult Social Care service")]
    # one indicator read alone knows where it hangs
    imr = reg.queries.indicator(f.ids["imr"])
    assert imr.outcome_reference == "1" and imr.objective_words == "Outcome as a whole"
    assert imr.leads == ("Dr Sam Lee", "Priya Shah")  # the outcome's lead officers lead its measures


def test_a_relative_target_is_kept_as_written_and_its_value_derived(framework):
    reg, f = framework
    satod = reg.queries.indicator(f.ids["satod"])
    assert satod.target_change is TargetChange.REDUCE_PCT and satod.target_amount == 20
    assert satod.target_value == pytest.approx(11.36) and satod.target_period == "2016"
    assert satod.target_date == date(2016, 12, 31)
    assert satod.target_text == "reduce by 20% from 14.2% (2013) \u2014 11.4% \u2014 by 2016"
    imr = reg.queries.indicator(f.ids["imr"])
    assert imr.target_value is None and imr.target_date == date(2016, 3, 31)  # awaited with the baseline
    # the baseline arrives: the target follows it
    reg.indicators.update(imr.id, {"baseline_value": 4.0, "baseline_period": "2014"}, imr.version)
    imr = reg.queries.indicator(f.ids["imr"])
    assert imr.target_value == pytest.approx(3.5)
    assert imr.target_text == "reduce by 0.5 from 4.0 (2014) \u2014 3.5 \u2014 by 2015/16"
    # and the plan runs from the baseline to the derived value
    assert imr.periods and imr.periods[-1].planned == pytest.approx(3.5)


def test_what_is_wrong_is_said(framework):
    reg, f = framework
    base = {"name": "X", "unit": "count", "polarity": "lower", "frequency": "annual_cy"}
    with pytest.raises(ValidationFailed) as e:
        reg.indicators.create(base)
    assert "give an objective, or a priority outcome" in str(e.value.errors[0].message)
    with pytest.raises(ValidationFailed) as e:
        reg.indicators.create({**base, "outcome_id": f.ids["o2"], "objective_id": f.ids["j11"]})
    assert e.value.errors[0].field == "objective_id"
    with pytest.raises(ValidationFailed) as e:
        reg.indicators.create({**base, "outcome_id": f.ids["o2"], "target_change": "reduce_pct",
                               "target_period": "someday"})
    messages = {err.field: err.message for err in e.value.errors}
    assert "give the percentage or amount" in messages["target_amount"]
    assert "'someday' is not a year or period" in messages["target_period"]
    with pytest.raises(ValidationFailed) as e:
        reg.indicators.create({**base, "outcome_id": f.ids["o2"], "target_change": "reduce_pct",
                               "target_amount": 120, "target_period": "2020"})
    assert "more than the whole baseline" in e.value.errors[0].message
    with pytest.raises(ValidationFailed) as e:
        reg.outcomes.set_outcome_leads(f.ids["o2"], {"sponsor": Leads(person_ids=(9999,), teams=("x" * 201,))})
    text = " ".join(err.message for err in e.value.errors)
    assert "Sponsors: there is no person with id 9999" in text and "longer than 200 characters" in text


def test_leads_are_undone_and_in_the_history(framework):
    reg, f = framework
    before = reg.queries.outcome_tree()[1].leads
    ch = reg.outcomes.set_outcome_leads(f.ids["o2"], {
        "sponsor": Leads(roles=("Health and Wellbeing Board",)),
        "lead_partner": Leads(partner_ids=(f.ids["council"], f.ids["icb"])),
        "lead_officer": Leads(teams=("Public Health service",))})
    assert ch.touches("outcome_lead")
    two = reg.queries.outcome_tree()[1]
    assert two.names(LeadCapacity.LEAD_PARTNER) == ("Riverside Borough Council", "NHS Riverside ICB")
    log = reg.queries.change_log(limit=50)
    assert any(r.entity == "outcome_lead" for r in log)
    reg.history.undo(ch.batch)
    assert reg.queries.outcome_tree()[1].leads == before == ()
    # an objective's team and role leads are replaced, and undone, the same way
    j = reg.queries.outcome_tree()[0].objectives[0]
    ch = reg.outcomes.set_objective_leads(j.id, [], [], teams=["Stop Smoking service"], roles=[])
    assert reg.queries.outcome_tree()[0].objectives[0].lead_teams == ("Stop Smoking service",)
    reg.history.undo(ch.batch)
    assert reg.queries.outcome_tree()[0].objectives[0].lead_rows == j.lead_rows


def test_json_export_and_import_carry_the_framework_losslessly(framework, tmp_path):
    reg, _ = framework
    path = reg.exports.to_json(tmp_path / "framework.json")
    copy = Register.open(f"sqlite:///{tmp_path / 'copy.sqlite'}", create=True, user="tester",
                         clock=lambda: date(2026, 11, 23))
    try:
        copy.load(Register.read_export(path))
        assert copy.queries.outcome_tree() == reg.queries.outcome_tree()
        assert copy.exports.json_text() == reg.exports.json_text()
    finally:
        copy.close()


def test_xlsx_and_csv_carry_the_framework(framework, tmp_path):
    from openpyxl import load_workbook
    reg, _ = framework
    wb = load_workbook(reg.exports.to_xlsx(tmp_path / "r.xlsx"))

    def rows(name):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        return [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    outcomes = {r["Reference"]: r for r in rows("Outcomes")}
    assert outcomes["1"]["Lead partners"] == "Riverside Borough Council; NHS Riverside ICB"
    assert outcomes["3"]["Sponsors"] == "Health and Wellbeing Board (role)"
    assert outcomes["3"]["Lead officers"] == "Adult Social Care service (team)"
    objectives = {r["Reference"]: r for r in rows("Objectives")}
    assert objectives["1.1"]["Leads"] == "Dr Sam Lee; Public Health service (team); Children's Trust Board (role)"
    indicators = {r["Code"]: r for r in rows("Indicators")}
    assert indicators["SATOD"]["Relative target"] == "Reduce by a percentage"
    assert indicators["SATOD"]["Relative by"] == 20 and indicators["SATOD"]["Target period"] == "2016"
    assert indicators["IMR"]["Outcome"] == "1" and not indicators["IMR"]["Objective"]
    folder = tmp_path / "csv"
    folder.mkdir()
    reg.exports.to_csv(folder)
    name = next(p for p in folder.iterdir() if "ndicator" in p.name)
    with name.open(encoding="utf-8-sig", newline="") as fh:
        got = {r["Code"]: r for r in csv.DictReader(fh)}
    assert got["SATOD"]["Target as written"] == "reduce by 20% from 14.2% (2013) \u2014 11.4% \u2014 by 2016"
