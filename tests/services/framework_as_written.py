"""A borough's health and wellbeing strategy entered as its board wrote it, through the services:
chapters (outcomes) with a sponsor, lead partners and lead officers (one chapter with two of
each), objectives with several leads (people, partners, a team, a role), objectives with no
measure agreed yet, a relative target, a target period written as a year, an indicator directly
under a chapter, and no data at all. Shared by the service, report and UI tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from pbp_desktop.domain.records import Leads


@dataclass
class Framework:
    ids: dict[str, int] = field(default_factory=dict)


def build_framework(reg) -> Framework:
    f = Framework()
    reg.partnership.save({"name": "Riverside Health and Wellbeing Board", "place": "Riverside"}, None)
    for key, name, sector in (("council", "Riverside Borough Council", "local_authority"),
                              ("icb", "NHS Riverside ICB", "icb_ccg"),
                              ("voice", "Riverside Community Voice", "voluntary_community")):
        f.ids[key] = reg.partners.create({"name": name, "sector": sector}).created_id("partner")
    for key, name, title in (("cllr", "Cllr Jo Hart", "Cabinet Member for Health"),
                             ("cllr2", "Cllr Ben Okafor", "Cabinet Member for Children"),
                             ("dph", "Dr Sam Lee", "Director of Public Health"),
                             ("dcs", "Priya Shah", "Director of Children's Services")):
        f.ids[key] = reg.people.create_person({"name": name, "title": title}).created_id("person")

    # chapter 1: two of each capacity
    f.ids["o1"] = reg.outcomes.create_outcome(
        {"reference": "1", "title": "Every child has the best start in life", "sort_order": 10},
        leads={"sponsor": Leads(person_ids=(f.ids["cllr"], f.ids["cllr2"])),
               "lead_partner": Leads(partner_ids=(f.ids["council"], f.ids["icb"])),
               "lead_officer": Leads(person_ids=(f.ids["dph"], f.ids["dcs"]))}).created_id("outcome")
    f.ids["j11"] = reg.outcomes.create_objective(
        {"outcome_id": f.ids["o1"], "reference": "1.1", "title": "Reduce smoking in pregnancy", "sort_order": 10},
        lead_person_ids=[f.ids["dph"]], lead_teams=["Public Health service"],
        lead_roles=["Children's Trust Board"]).created_id("objective")
    f.ids["j12"] = reg.outcomes.create_objective(
        {"outcome_id": f.ids["o1"], "reference": "1.2", "title": "Improve school readiness", "sort_order": 20},
        lead_partner_ids=[f.ids["voice"]], lead_teams=["Early Help service"]).created_id("objective")
    f.ids["satod"] = reg.indicators.create({
        "objective_id": f.ids["j11"], "code": "SATOD", "name": "Smoking status at time of delivery",
        "unit": "%", "polarity": "lower", "frequency": "annual_cy", "decimals": 1,
        "baseline_value": 14.2, "baseline_period": "2013",
        "target_change": "reduce_pct", "target_amount": 20, "target_period": "2016"}).created_id("indicator")
    f.ids["imr"] = reg.indicators.create({
        "outcome_id": f.ids["o1"], "code": "IMR", "name": "Infant mortality rate per 1,000 live births",
        "unit": "per 1,000", "polarity": "lower", "frequency": "annual_cy", "decimals": 1,
        "target_change": "reduce_by", "target_amount": 0.5, "target_period": "2015/16"}).created_id("indicator")

    # chapter 2: no leads, no objectives, no indicators
    f.ids["o2"] = reg.outcomes.create_outcome(
        {"reference": "2", "title": "People live well for longer", "sort_order": 20}).created_id("outcome")
    # chapter 3: a role as its sponsor, a team as its lead officer, an objective with no measure
    f.ids["o3"] = reg.outcomes.create_outcome(
        {"reference": "3", "title": "Older people stay independent", "sort_order": 30},
        leads={"sponsor": Leads(roles=("Health and Wellbeing Board",)),
               "lead_partner": Leads(partner_ids=(f.ids["council"],)),
               "lead_officer": Leads(teams=("Adult Social Care service",))}).created_id("outcome")
    f.ids["j31"] = reg.outcomes.create_objective(
        {"outcome_id": f.ids["o3"], "reference": "3.1", "title": "Fewer falls that lead to admission",
         "sort_order": 10}).created_id("objective")
    return f
