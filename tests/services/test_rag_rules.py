"""Services: the RAG convention kept in the register (the demo's is the seed's), changed, logged,
undone, and every assessment made again under it; a lead's assessed RAG with its reason; age,
target dates and the Making Data Count trend on the indicator rows; the pack's exceptions and its
"completed since" window counted from the meeting."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import Rag
from pbp_desktop.domain.errors import ValidationFailed
from pbp_desktop.domain.rag import TREND_NO_CHANGE, TREND_TOO_FEW, TREND_WORSENING, RagConvention

AS_AT = date(2026, 11, 23)
SEED = {"NI 120M": Rag.AMBER, "NI 120F": Rag.AMBER, "NI 123": Rag.AMBER, "NI 129": Rag.GREEN,
        "NI 130": Rag.GREEN, "NI 131": Rag.RED, "NI 135": Rag.GREEN, "NI 141": Rag.GREEN,
        "NI 56": Rag.RED, "NI 39": Rag.RED, "LOCAL-SG": Rag.GREY}


def _rows(reg, *, with_periods=False):
    return {i.code: i for o in reg.queries.outcome_tree(with_periods=with_periods)
            for j in o.objectives for i in j.indicators}


def _laa(reg):
    return next(o for o in reg.queries.summary().outcomes if o.reference == "LAA").counts


def test_the_demo_keeps_the_seeds_convention_and_its_table(demo):
    """Seed 000: AMBER = incomplete performance data / within planned trajectory; 3 R, 3 A, 4 G, 1 n/a."""
    assert demo.queries.rag_convention() == RagConvention.PROVISIONAL_AMBER
    assert _laa(demo) == {Rag.RED: 3, Rag.AMBER: 3, Rag.GREEN: 4, Rag.GREY: 1}
    for with_periods in (False, True):  # the stored assessments and the full read agree
        rows = _rows(demo, with_periods=with_periods)
        assert {c: rows[c].rag for c in SEED} == SEED
        ni123 = rows["NI 123"]
        assert ni123.latest.figure_rag is Rag.RED  # never hidden: red on the figure
        assert ni123.rag_note() == "provisional; R on the figure (288 against a plan of 508)"
        assert rows["SATOD"].rag is Rag.AMBER and rows["SATOD"].latest.figure_rag is Rag.RED


def test_rated_on_the_figure_rates_satod_and_ni123_on_their_figures_and_undo_restores(demo):
    changes = demo.outcomes.set_rag_convention("Rated on the figure")
    assert demo.queries.rag_convention() == RagConvention.ON_THE_FIGURE
    rows = _rows(demo)
    assert rows["SATOD"].rag is Rag.RED and rows["NI 123"].rag is Rag.RED  # 6.8% v 3.3%; 288 v 507.5
    assert rows["NI 123"].rag_note() == "provisional figure, rated on its value"
    assert rows["NI 120M"].rag is Rag.GREY and rows["NI 120M"].rag_letter == "NR"  # a figure, no plan: not rated
    assert {c: rows[c].rag for c in ("NI 131", "NI 129", "LOCAL-SG")} == {
        "NI 131": Rag.RED, "NI 129": Rag.GREEN, "LOCAL-SG": Rag.GREY}
    assert _laa(demo) == {Rag.RED: 4, Rag.AMBER: 0, Rag.GREEN: 4, Rag.GREY: 3}
    assert _rows(demo, with_periods=True)["SATOD"].rag is Rag.RED
    log = demo.queries.change_log(entity="register_setting")
    assert any(r.new_value and "on_the_figure" in r.new_value for r in log)
    demo.history.undo(changes.batch)
    assert demo.queries.rag_convention() == RagConvention.PROVISIONAL_AMBER
    assert _rows(demo)["NI 123"].rag is Rag.AMBER and _laa(demo)[Rag.AMBER] == 3


def test_an_unknown_convention_is_refused_with_a_message(demo):
    with pytest.raises(ValidationFailed, match="not a RAG convention"):
        demo.outcomes.set_rag_convention("traffic lights")


def test_a_leads_assessed_rag_needs_a_reason_and_is_shown_beside_the_computed_one(demo):
    ni123 = _rows(demo, with_periods=True)["NI 123"]
    latest = ni123.latest
    with pytest.raises(ValidationFailed, match="reason"):
        demo.indicators.update_actual(latest.actual_id, {"assessed_rag": "green"}, latest.actual_version)
    demo.indicators.update_actual(latest.actual_id, {
        "assessed_rag": "green", "assessed_reason": "in line with previous years at this stage"},
        latest.actual_version)
    for row in (_rows(demo)["NI 123"], demo.queries.indicator(ni123.id)):
        assert row.rag is Rag.AMBER  # the computed RAG stands
        assert row.latest.assessed_rag is Rag.GREEN
        assert row.lead_note() == ("Lead's assessment: G \u2014 in line with previous years at this stage "
                                   "(differs from the computed A)")
    again = demo.queries.indicator(ni123.id).latest
    demo.indicators.update_actual(again.actual_id, {"assessed_rag": None, "assessed_reason": None},
                                  again.actual_version)
    assert _rows(demo)["NI 123"].lead_note() == ""


def test_out_of_date_and_target_date_passed_on_the_rows(demo):
    rows = _rows(demo)
    assert rows["NI 123"].out_of_date(AS_AT) and rows["DTOC-SAN"].out_of_date(AS_AT)  # 2008 and 2019 figures
    assert not rows["SATOD"].out_of_date(AS_AT)  # 2024/25, within the annual lag of 24 months
    assert rows["SATOD"].target_passed(AS_AT) == (
        "target date passed: missed by 3.5 percentage points (6.8% in 2024/25 against a target of 3.3%)")
    assert rows["PM2.5"].target_passed(AS_AT).startswith("target date passed: met")
    assert rows["SATOD"].forecast_text(AS_AT).startswith("target date passed")  # no forecast after the date
    assert rows["SATOD"].target_passed(date(2025, 3, 1)) == ""
    assert rows["DTOC-SAN"].rag_letter == "NR"  # 105 figures, no plan or target: not rated, not "no data"


def _series(register, setup, values, code="M1"):
    ind = register.indicators.create({
        "objective_id": setup["objective"], "code": code, "name": "Monthly count", "unit": "count",
        "polarity": "higher", "frequency": "monthly"}).created_id("indicator")
    for k, v in enumerate(values):
        register.indicators.record_actual({"indicator_id": ind, "period": f"{2023 + k // 12}-{k % 12 + 1:02d}",
                                           "value": v})
    return ind


def test_trend_is_the_spc_variation_not_the_last_two_points(register, setup):
    steady = [50, 52, 49, 51, 50, 48, 52, 50, 51, 49, 50, 51, 49, 50, 52, 50, 49, 51, 48, 50]
    rising_end = _series(register, setup, [*steady[:-1], 52], "M1")  # the last two rise, within the limits
    falling = _series(register, setup, [*steady, 20], "M2")  # a point below the lower limit
    short = _series(register, setup, [10, 20, 30], "M3")
    for with_periods in (False, True):
        rows = {i.id: i for i in _rows(register, with_periods=with_periods).values()}
        assert rows[rising_end].trend == TREND_NO_CHANGE
        assert rows[falling].trend == TREND_WORSENING
        assert rows[short].trend == TREND_TOO_FEW


def test_the_packs_exceptions_name_hidden_reds_deteriorations_and_figures_out_of_date(demo):
    data = demo.packs.build(demo.packs.resolve_meeting("next"), "private")
    assert data.rag_convention == RagConvention.PROVISIONAL_AMBER
    text = "\n".join(data.exceptions)
    assert "SATOD Smoking status at time of delivery: 6.8% in 2024/25 against a plan of 3.3%: amber as " \
           "provisional, red on the figure" in text
    assert "NI 123" in text and "out of date" in text and "DTOC-SAN (Dec 2019)" in text


def test_completed_since_counts_back_three_months_from_the_meeting_not_the_printing_date(register, setup):
    action = register.meetings.raise_action(setup["item"], {
        "description": "Report back", "owner_id": setup["person"], "due_on": "01/11/2019"}).created_id("action")
    row = register.queries.action(action)
    register.actions.complete(action, row.version, completed_on="01/11/2019")
    other = register.people.create_body({"name": "Integration Committee"}).created_id("body")
    meeting_id = register.meetings.create({"body_id": other, "meets_on": "15/01/2020", "session": "public"},
                                          template=False).created_id("meeting")
    meeting = next(m for m in register.queries.meetings() if m.id == meeting_id)
    data = register.packs.build(meeting, "private")
    assert data.completed_since == date(2019, 10, 15)  # not 23/11/2026 less three months
    assert [a.id for a in data.completed_actions] == [action]
    no_meeting = register.packs.build(None, "private")
    assert no_meeting.completed_since == date(2026, 8, 23) and not no_meeting.completed_actions


def test_a_target_is_judged_only_by_the_figure_for_its_own_period(demo):
    """Review of issue 19: NI 129's target for March 2011 was called missed on its Q1 2008/09
    figure, beside a green; NI 123's year-end target on its Q2 figure. A figure for a period that
    ends a whole period or more before the target date says nothing about the target."""
    rows = {i.code: i for o in demo.queries.outcome_tree() for j in o.objectives for i in j.indicators}
    for code in ("NI 129", "NI 123"):
        assert rows[code].target_figure is None, code
        assert rows[code].target_passed(date(2026, 11, 23)) == "target date passed: no figure to judge it by"
    sdate = rows["SATOD"]
    assert sdate.target_figure is not None and "missed by" in sdate.target_passed(date(2026, 11, 23))
