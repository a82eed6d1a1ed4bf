"""The demo register: the seeds' partnership, outcomes, figures, risks and meetings."""

from __future__ import annotations

from datetime import date

import pytest

from pbp_desktop.domain.enums import AllianceRole, AttendanceRole, Rag


def _indicators(demo):
    return {i.code: i for o in demo.queries.outcome_tree(with_periods=True) for obj in o.objectives for i in obj.indicators}


def test_the_alliance_its_partners_and_host(demo):
    p = demo.queries.partnership()
    assert (p.name, p.place, p.integrated_care_system) == (
        "Sandwell Integrated Care Alliance", "Sandwell", "Black Country and West Birmingham")
    assert p.host_partner == "Sandwell and West Birmingham Hospitals NHS Trust"
    roles = {x.short_name: x.alliance_role for x in demo.queries.partners()}
    assert set(roles.values()) == set(AllianceRole)  # the four risk positions of response plan 1.6.2
    assert {b.short_name for b in demo.queries.bodies()} >= {"Partnership Board", "IC", "SMT"}


def test_the_three_priority_outcomes_with_the_seed_baselines_and_targets(demo):
    tree = demo.queries.outcome_tree(with_periods=True)
    assert [o.title for o in tree[:3]] == ["Best Start in Life", "Best Possible End of Life Care",
                                          "Leading a Healthy Lifestyle in a Healthy Place"]
    ind = _indicators(demo)
    expected = {  # seed 004, section 2.2: "from X to Y by 31 March 2025"
        "SATOD": (9.8, 3.3), "LBW": (3.7, 3.1), "GLD": (66.4, 91.4), "EOL-HOME": (25.5, 31.2),
        "EOL-CH": (16.9, 20.3), "OHID 93088": (71, 61.2), "OHID 93015": (29.6, 25.492),
        "OHID 92906": (670.3, 527.75), "PM2.5": (11.2, 9.1)}
    for code, (baseline, target) in expected.items():
        assert (ind[code].baseline_value, ind[code].target_value, ind[code].target_date) == (
            baseline, target, date(2025, 3, 31)), code
    awaiting = {c for c, i in ind.items() if i.awaiting_data and c.startswith(("EOL", "QOF", "ASCOF"))}
    assert awaiting == {"EOL-3ADM", "QOF-DM", "ASCOF 1I"}  # the "X to Y by Z" objectives
    assert all(ind[c].rag is Rag.GREY for c in awaiting)
    assert "31 March 2015" in ind["OHID 93015"].notes  # the seed's typo is kept visible


def test_real_fingertips_values_are_not_marked_illustrative(demo):
    overweight = _indicators(demo)["OHID 93088"]
    values = {p.period: (p.actual, p.illustrative) for p in overweight.periods if p.actual is not None}
    assert values["2019/20"] == (76.6, False) and values["2024/25"] == (75.1, False)
    assert all(p.illustrative for p in _indicators(demo)["SATOD"].periods if p.actual is not None)


def test_the_laa_indicators_rate_as_the_seed_does(demo):
    ind = _indicators(demo)
    ni123 = ind["NI 123"]
    q2 = next(p for p in ni123.periods if p.period == "Q2 2008/09")
    assert (q2.actual, q2.planned, q2.provisional) == (288, 507.5, True)
    assert ni123.rag is Rag.AMBER
    assert ind["NI 131"].latest.actual == 16.35 and ind["NI 131"].rag is Rag.RED
    laa = next(o for o in demo.queries.summary().outcomes if o.reference == "LAA")
    # seed 000's table: AMBER x3, GREEN x4, RED x3, not available x1
    assert laa.counts == {Rag.RED: 3, Rag.AMBER: 3, Rag.GREEN: 4, Rag.GREY: 1}
    seed_rag = {"NI 120M": Rag.AMBER, "NI 120F": Rag.AMBER, "NI 123": Rag.AMBER, "NI 129": Rag.GREEN,
                "NI 130": Rag.GREEN, "NI 131": Rag.RED, "NI 135": Rag.GREEN, "NI 141": Rag.GREEN,
                "NI 56": Rag.RED, "NI 39": Rag.RED, "LOCAL-SG": Rag.GREY}
    assert {c: ind[c].rag for c in seed_rag} == seed_rag
    assert "RED = not on target" in ind["NI 123"].rag_definition


def test_the_ben_strategic_risks_are_scored_by_the_app(demo):
    risks = {r.reference: r for r in demo.queries.risks()}
    assert [risks[f"SR{i}"].current_score for i in range(1, 7)] == [12, 12, 12, 8, 8, 8]
    sr4 = risks["SR4"]  # the seed prints "Major (4) x Unlikely (2) = 12"
    assert (sr4.current_consequence, sr4.current_likelihood, sr4.current_score) == (4, 2, 8)
    assert sr4.current_band.value == "high"


def test_confidential_records_exist_for_the_private_pack(demo):
    assert any(r.confidential for r in demo.queries.risks())
    assert any(a.confidential for a in demo.queries.actions())
    items = [i for m in demo.queries.meetings() for i in demo.queries.meeting(m.id).items]
    assert any(i.confidential for i in items) and any(i.minutes_confidential for i in items)


def test_the_scrutiny_board_of_29_july_2019(demo):
    meeting = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 7, 29))
    detail = demo.queries.meeting(meeting.id)
    present = [a.name for a in detail.by_attendance(AttendanceRole.PRESENT)]
    assert present[0] == "Councillor Piper" and len(present) == 7
    assert [a.name for a in detail.by_attendance(AttendanceRole.APOLOGIES)] == [
        "Councillor E M Giles", "Councillor Hackett", "Councillor Jarvis"]
    assert len(detail.by_attendance(AttendanceRole.IN_ATTENDANCE)) == 6
    assert (meeting.chair_name, meeting.ended_at, meeting.minutes_status.value) == ("Councillor Piper", "7.00pm",
                                                                                   "draft")
    declared = detail.declarations[0]
    assert (declared.name, declared.interest) == ("Councillor R Jones", "a non-pecuniary interest")
    assert declared.detail == "as an employee of the West Midlands Ambulance Service" and declared.interest_id
    assert [i.minute_ref for i in detail.items] == ["12/19", "13/19", "14/19", "15/19", "16/19"]
    item = next(i for i in detail.items if i.minute_ref == "14/19")
    assert declared.agenda_item_id == item.id
    assert [r.number for r in item.resolutions] == [1, 2] and item.action_ids
    action = demo.queries.action(item.action_ids[0])
    assert action.reference == "14/19.1" and action.status.value == "complete"


def test_summary_overdue_and_extreme(demo):
    s = demo.queries.summary()
    assert {r.reference for r in s.extreme_risks} == {"PBP2", "PBP4"}
    assert all(a.overdue and a.due_on < s.today for a in s.overdue_actions)
    assert s.next_meeting is not None and s.next_meeting.meets_on > s.today
    assert s.illustrative_values > 0


def test_the_demo_register_is_sound_and_its_making_is_logged(demo):
    assert demo.integrity_problems() == []
    log = demo.queries.change_log(entity="risk")
    assert log and {r.user for r in log} == {"demo"}


@pytest.mark.parametrize("today, expected", [(date(2026, 11, 23), date(2026, 12, 10)),
                                             (date(2026, 11, 26), date(2026, 12, 10))])
def test_the_coming_meeting_is_a_thursday_two_weeks_on(today, expected):
    from pbp_desktop.services.demo import next_meeting_date
    assert next_meeting_date(today) == expected


def test_a_generated_register_is_sound_and_logged(register):
    """The benchmark's generated register (pbp-cli demo --scale quick/large), at a small scale,
    on each backend: every record passes the field rules and the generation is one logged batch."""
    from pbp_desktop.services.demo_large import Scale, build_large
    from tests.conftest import TODAY

    tiny = Scale(partners=6, people=30, bodies=4, outcomes=3, indicators=9, months=24, risks=5,
                 risk_history=2, actions=6, action_updates=2, meetings=4, agenda_items=3)
    counts = build_large(register, today=TODAY, scale=tiny)
    assert counts["action"] == 6 and counts["risk"] == 5
    assert register.problems() == []
    assert {r.batch for r in register.queries.change_log(batch="generate-large-demo")} == {"generate-large-demo"}


def test_the_scrutiny_board_of_7_october_2019_starts_from_its_template(demo):
    meeting = next(m for m in demo.queries.meetings() if m.meets_on == date(2019, 10, 7))
    detail = demo.queries.meeting(meeting.id)
    assert [(i.number, i.kind.value) for i in detail.items] == [
        ("1", "apologies"), ("2", "declarations"), ("3", "previous_minutes"), ("4", "action_log"),
        ("5", "business"), ("6", "business"), ("7", "next_meeting")]
    assert detail.items[2].title == "To confirm the minutes of the meeting held on 29 July 2019 as a correct record"
    assert detail.previous.meeting.meets_on == date(2019, 7, 29) and not detail.previous.approved_here
    assert detail.items[-1].description == "18 November 2019"
    assert (meeting.start_time, meeting.location) == ("5.30 pm", "Committee Room 1 at the Sandwell Council House, "
                                                                 "Oldbury")
