"""Programmes for the tests and the docs until the demo holds its own: the Sandwell place-based
partnership's transformation projects, from the facts of its update paper (seed), put into a
register through the services. Anything beyond the paper's facts is illustrative and says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MONTH = date(2022, 7, 1)  # the month the highlight report is tested for


@dataclass
class Planted:
    discharge: int
    hub: int  # a project of the discharge programme
    towns: int
    secret: int  # a confidential programme
    late_milestone: int  # beyond its contingency: red
    secret_milestone: int  # confidential milestone of a public programme
    confidential_risk: int  # a confidential risk the towns programme links to


def _new(changes, kind: str) -> int:
    return next(i for k, i in changes.created if k == kind)


def plant_programmes(reg, *, month: date = MONTH) -> Planted:
    q = reg.queries
    people = q.people()
    partners = q.partners()
    lead, sponsor, manager = people[0].id, people[1].id, people[2].id
    risks = q.risks()
    public_risk = next(r for r in risks if not r.confidential)
    actions = q.actions() if hasattr(q, "actions") else []
    p = reg.programmes
    discharge = _new(p.create_programme({
        "reference": "SW-T1", "title": "Integrated discharge and intermediate care",
        "aim": "People leave hospital as soon as they are well enough, to the right care closer to home.",
        "lead_director_id": lead, "sponsor_id": sponsor, "activity_manager_id": manager, "gateway_stage": 4,
        "status": "active", "confidence": "amber",
        "confidence_reason": "Knowle centre on track; discharge to assess staffing still short (illustrative)",
        "contingency_months": 3, "key_partners": "Sandwell and West Birmingham Hospitals NHS Trust; Sandwell Council"},
        links={"partner": [partners[0].id], "risk": [public_risk.id],
               **({"action": [actions[0].id]} if actions else {})}), "programme")
    hub = _new(p.create_programme({"parent_id": discharge, "reference": "SW-T1.1",
                                   "title": "Integrated discharge hub and discharge to assess",
                                   "lead_director_id": sponsor, "status": "active", "gateway_stage": 3,
                                   "confidence": "green"}), "programme")
    p.create_milestone({"programme_id": discharge, "title": "Knowle health and social care centre opens (60-80 "
                        "community beds)", "baseline_date": date(2022, 7, 1), "actual_date": date(2022, 7, 4),
                        "status": "complete"})
    p.create_milestone({"programme_id": hub, "title": "Discharge hub live seven days a week (illustrative)",
                        "baseline_date": date(2022, 6, 1), "forecast_date": date(2022, 8, 1), "status": "in_progress"})
    p.set_goals(discharge, {"Quality": "Fewer days in hospital for people medically fit to leave",
                            "Productivity": "Beds released for those who need them"})
    indicator = next((i for o in reg.queries.outcome_tree() for i in o.all_indicators), None)
    p.add_benefit({"programme_id": discharge, "description": "Fewer delayed transfers of care (illustrative)",
                   "indicator_id": indicator.id if indicator else None})
    p.save_update(discharge, month, {
        "progress": "Knowle health and social care centre opened on 4 July with its first community beds.",
        "next_steps": "Fill the remaining community beds; recruit the discharge to assess team.",
        "risks_issues": "Therapy staffing for discharge to assess (illustrative).",
        "decisions": "APPROVE the business case for a seven-day discharge hub (illustrative).",
        "confidence": "amber", "confidence_reason": "Staffing short for discharge to assess (illustrative)"})
    towns = _new(p.create_programme({
        "reference": "SW-T2", "title": "Neighbourhood teams and health and wellbeing hubs in the six towns",
        "lead_director_id": lead, "status": "active", "gateway_stage": 3, "confidence": "red",
        "confidence_reason": "Hub buildings not yet secured in two towns (illustrative)", "contingency_months": 3},
        links={"partner": [partners[-1].id]}), "programme")
    p.create_milestone({"programme_id": towns, "title": "Alliance agreement approved", "baseline_date": date(2022, 4, 30),
                        "actual_date": date(2022, 4, 28), "status": "complete", "check_point": True,
                        "reported_to": "Integration Committee, Trust Board and ICB"})
    p.create_milestone({"programme_id": towns, "title": "Neighbourhood team in each of the six towns",
                        "baseline_date": date(2022, 9, 30), "status": "in_progress", "check_point": True,
                        "reported_to": "Integration Committee"})
    late = _new(p.create_milestone({"programme_id": towns, "title": "Health and wellbeing hub in each town",
                                    "baseline_date": date(2022, 12, 31), "status": "planned"}), "milestone")
    m = reg.queries.programme(towns).milestones
    row = next(x for x in m if x.id == late)
    p.update_milestone(late, {"forecast_date": date(2023, 2, 28)}, row.version, reason="Two sites not yet secured")
    row = next(x for x in reg.queries.programme(towns).milestones if x.id == late)
    p.update_milestone(late, {"forecast_date": date(2023, 6, 30)}, row.version, reason="Planning consent delayed")
    secret_milestone = _new(p.create_milestone({
        "programme_id": towns, "title": "Lease terms for the West Bromwich hub agreed", "baseline_date": date(2022, 8, 31),
        "confidential": True}), "milestone")
    confidential_risk = next((r.id for r in risks if r.confidential), None)
    if confidential_risk is None:
        confidential_risk = _new(reg.risks.create_risk({**_risk_values(public_risk), "reference": "CR-T2",
                                                         "title": "Hub landlord negotiations", "confidential": True}),
                                 "risk")
    p.set_links(towns, {"partner": [partners[-1].id], "risk": [public_risk.id, confidential_risk]})
    secret = _new(p.create_programme({"reference": "SW-T9", "title": "Estates rationalisation (commercial in confidence)",
                                      "status": "proposed", "confidential": True, "confidence": "amber"}), "programme")
    p.create_milestone({"programme_id": secret, "title": "Disposal of Lyng clinic agreed", "baseline_date": date(2022, 10, 1)})
    p.save_update(secret, month, {"progress": "Heads of terms in negotiation.", "next_steps": "Report the offer to the board."})
    return Planted(discharge, hub, towns, secret, late, secret_milestone, confidential_risk)


def _risk_values(r) -> dict:
    return {"title": r.title}
