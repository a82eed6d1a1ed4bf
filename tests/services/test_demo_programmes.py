"""The demo register's programmes: the BEN strategic plan's initiatives and key activities (seed
001, appendix 2) and the Sandwell transformation plan with its check points (seed 003), from the
papers' own facts; what the papers do not give is marked illustrative."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from pbp_desktop.domain.enums import MilestoneStatus, Rag
from pbp_desktop.services.demo import next_meeting_date
from pbp_desktop.storage.base import Base
from tests.conftest import TODAY

BEN = {"BEN-PRIME": "PRIME", "BEN-PHSC": "Promoting Health / Self Care",
       "BEN-MCS": "Maternity and Children's Services", "BEN-CDM": "Excellence in Chronic Disease Management",
       "BEN-CCH": "Care Closer to Home", "BEN-VA": "Vulnerable Adults", "BEN-CC": "Collaborative Commissioning"}


def _programmes(demo, **kw):
    return {p.reference: p for p in demo.queries.programmes(**kw)}


def _projects(programme):
    return {p.title: p for p in programme.projects}


def _milestones(programme):
    return {m.title: m for m in programme.all_milestones()}


def test_the_seven_ben_initiatives_with_their_goal_contributions_and_partners_as_written(demo):
    programmes = _programmes(demo)
    assert {r: programmes[r].title for r in BEN} == BEN
    assert demo.queries.programme_goals() == ("Quality", "Innovation", "Prevention", "Productivity")
    assert demo.queries.gateway_stages() == ("Proposal", "Business case", "Pilot", "Roll-out")
    assert all(len(programmes[r].projects) >= 4 for r in BEN)
    baseline = _projects(programmes["BEN-PRIME"])["Baseline analysis to establish focus of programme, and track impact"]
    assert {g.goal: g.contribution for g in baseline.goals} == {
        "Quality": "Access, relevance, equity", "Innovation": "Systematic approach to segmentation and marketing",
        "Prevention": "Effective communication of key messages", "Productivity": "Improved targeting and uptake of services"}
    assert baseline.key_partners == "Dr Foster Intelligence"
    assert "Media and brand audits" in baseline.aim
    screening = _projects(programmes["BEN-PHSC"])["Assertive screening at risk adults for CVD and stroke"]
    assert screening.key_partners == "BHWP Lloyds Primary care"
    # a cell the appendix leaves empty is no contribution
    work = _projects(programmes["BEN-PHSC"])["Health and Work initiatives to retain and return to employment"]
    assert {g.goal for g in work.goals} == {"Quality", "Innovation", "Prevention"}
    # the plan names no lead director, sponsor or activity manager: none is invented
    for r in BEN:
        for p in (programmes[r], *programmes[r].projects):
            assert (p.lead_director_id, p.sponsor_id, p.activity_manager_id) == (None, None, None), p.label
    # the risks of section 8.2 that name the initiative
    assert {x.reference for x in programmes["BEN-VA"].linked("risk")} == {"SR1", "SR4"}


def test_only_the_activities_the_plan_calls_pilots_stand_at_the_pilot_stage(demo):
    staged = {p.title: p.gateway_name for r in BEN for p in _programmes(demo)[r].projects if p.gateway_stage}
    assert staged == {"Care Planning Pilot": "3 Pilot", "Personal Health Budget Pilot": "3 Pilot",
                      "Fit for work Service Pilot": "3 Pilot",
                      "Development of self-directed care including piloting of personal budgets in NHS": "3 Pilot"}


def test_the_sandwell_plan_its_projects_links_and_contingency(demo):
    plan = _programmes(demo)["SAN-TP"]
    assert plan.contingency_months == 3 and plan.lead_director == "Daren Fradgley"
    assert set(_projects(plan)) == {
        "Integrated discharge hub and discharge to assess (D2A)", "Knowle health and social care centre",
        "Neighbourhood teams in each of the 6 Sandwell towns", "Health and wellbeing hub in each of the 6 Sandwell towns"}
    assert "60-80 community extra assessment beds" in _projects(plan)["Knowle health and social care centre"].aim
    assert [x.reference for x in plan.linked("outcome")] == ["PO4"]
    assert [x.reference for x in plan.linked("objective")] == ["PO4.1"]
    assert [x.reference for x in plan.linked("risk")] == ["PBP2"]
    assert [x.title for x in plan.lead_partners] == ["Sandwell and West Birmingham Hospitals NHS Trust"]
    assert plan.linked("action") and "three months' contingency" in plan.linked("action")[0].title
    assert [x.reference for x in _projects(plan)["Knowle health and social care centre"].linked("risk")] == ["PBP3"]
    assert [b.indicator_label for b in plan.benefits if b.indicator_id] and "DTOC-SAN" in plan.benefits[0].indicator_label


def test_the_sandwell_milestones_carry_the_papers_dates(demo):
    m = _milestones(_programmes(demo)["SAN-TP"])
    papers = {"Alliance agreement approved by the Trust Board as host organisation": date(2022, 4, 30),  # "in April"
              "Knowle health and social care centre opens: 60-80 community beds": date(2022, 7, 31),  # "in July"
              "Functioning neighbourhood teams in each of the 6 Sandwell towns": date(2022, 9, 30),
              "A health and wellbeing hub in each of the 6 Sandwell towns": date(2022, 12, 31),  # "end of 2022"
              "Assurance plan delivered: Sandwell Place ready for April 2023": date(2022, 12, 31),  # April 2023 - 3 months
              "Live tracking list for patients transferring from acute to community care": date(2022, 1, 31)}
    assert {t: m[t].baseline_date for t in papers} == papers
    # the baseline was set by the paper of 2 March 2022: the first forecast is recorded on that day
    assert all(m[t].forecasts[0].recorded_on == date(2022, 3, 2) for t in papers)
    agreement = m["Alliance agreement approved by the Trust Board as host organisation"]
    assert agreement.check_point and agreement.reported_to == "Trust Board"
    assert agreement.status is MilestoneStatus.COMPLETE and agreement.rag is Rag.GREEN
    assert "Integrated Care Board" in m["Assurance plan delivered: Sandwell Place ready for April 2023"].reported_to


def test_an_amber_and_a_red_milestone_each_with_its_forecast_history_marked_illustrative(demo):
    m = _milestones(_programmes(demo)["SAN-TP"])
    knowle = m["Knowle health and social care centre opens: 60-80 community beds"]
    teams = m["Functioning neighbourhood teams in each of the 6 Sandwell towns"]
    assert knowle.rag is Rag.AMBER and "within the contingency" in knowle.slippage.words
    assert teams.rag is Rag.RED and teams.slippage.beyond_contingency
    for milestone in (knowle, teams):
        assert len(milestone.forecasts) >= 2 and milestone.note.startswith("Illustrative:")
        assert all(f.reason.startswith("Illustrative:") for f in milestone.forecasts[1:])
    assert [f.forecast_date for f in teams.forecasts] == [date(2022, 9, 30), date(2022, 11, 30), date(2023, 2, 28)]


def test_the_ragging_does_not_depend_on_the_day_the_demo_is_read(demo):
    """Every milestone from the paper is done, so its RAG holds on any later day; the one ahead is
    dated from the demo's coming meeting."""
    for as_at in (TODAY, date(2031, 6, 1)):
        m = _milestones(_programmes(demo, as_at=as_at)["SAN-TP"])
        assert m["Knowle health and social care centre opens: 60-80 community beds"].rag is Rag.AMBER
        assert m["Functioning neighbourhood teams in each of the 6 Sandwell towns"].rag is Rag.RED
    ahead = _milestones(_programmes(demo)["SAN-TP"])["Next year's place assurance plan agreed by the Integration Committee"]
    assert ahead.rag is Rag.GREEN and ahead.baseline_date > TODAY and ahead.note.startswith("Illustrative:")


def test_the_meeting_months_highlight_report_is_illustrative_and_asks_a_decision(demo):
    plan = _programmes(demo)["SAN-TP"]
    month = next_meeting_date(TODAY).replace(day=1)
    report = plan.update_for(month)
    assert report is not None and report.decisions.startswith("Illustrative:") and "APPROVE" in report.decisions
    assert report.progress.startswith("Illustrative:") and report.confidence is Rag.AMBER
    paper = plan.update_for(date(2022, 3, 1))  # the paper's own words, not illustrative
    assert paper is not None and "DISCUSS the next steps" in paper.decisions


def test_a_confidential_milestone_shows_only_in_private(demo):
    private = _milestones(_programmes(demo)["SAN-TP"])
    public = _milestones(_programmes(demo, include_confidential=False)["SAN-TP"])
    hidden = set(private) - set(public)
    assert hidden == {"Heads of terms agreed for the Knowle premises and shared workforce"}
    assert private[hidden.pop()].confidential


def test_every_programme_table_holds_records(demo):
    """tests/services/test_privacy_leaks.py clones a demo record of each table the privacy rule covers."""
    tables = ("programme", "programme_link", "programme_goal", "programme_benefit", "programme_update", "milestone",
              "milestone_forecast")
    with demo.opened.engine.connect() as conn:
        counts = {t: conn.scalar(select(func.count()).select_from(Base.metadata.tables[t])) for t in tables}
    assert all(counts.values()), counts
    kinds = {link.kind for p in demo.queries.programmes() for x in (p, *p.projects) for link in x.links}
    assert kinds == {"outcome", "objective", "risk", "action", "partner"}
