"""Services layer: the demo register - the Sandwell Integrated Care Alliance built from the
public board papers in resources/demo/sandwell.json, entirely through the services (so the
demo obeys every rule a user's register does, and its change log shows how it was made)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .. import clock
from ..domain.enums import ActionStatus
from ..domain.programmes import DEFAULT_GATEWAY_STAGES, DEFAULT_GOALS
from ..domain.rag import RagConvention, add_months
from ..domain.records import Leads
from ..paths import resources_dir
from ..storage.engine import remove_register_file, sqlite_url
from .programmes import ProgrammeService
from .register import Register

BHWP_RAG = ("BHWP definitions: RED = not on target; AMBER = incomplete performance data / "
            "within planned trajectory; GREEN = on target.")


def demo_data_path() -> Path:
    return resources_dir() / "demo" / "sandwell.json"


def next_meeting_date(today: date) -> date:
    """The demo's coming board meeting: the first Thursday at least two weeks from today."""
    d = today + timedelta(days=14)
    return d + timedelta(days=(3 - d.weekday()) % 7)


def open_demo(path: Path, *, today: date | None = None) -> Register:
    """Open the demo register at `path`, building it first if it is not there yet. A build that
    fails leaves no half-made file behind."""
    if not path.exists():
        reg = Register.open(sqlite_url(path), create=True)
        try:
            build_demo(reg, today=today or clock.today())
        except BaseException:
            reg.close()
            remove_register_file(path)
            raise
        return reg
    return Register.open(sqlite_url(path))


class _Names:
    """Look-ups from the names used in the demo file to the ids the register gave them."""

    def __init__(self) -> None:
        self.partner: dict[str, int] = {}
        self.person: dict[str, int] = {}
        self.body: dict[str, int] = {}
        self.outcome: dict[str, int] = {}
        self.objective: dict[str, int] = {}
        self.risk: dict[str, int] = {}
        self.interest: dict[tuple[str, str], int] = {}
        self.indicator: dict[str, int] = {}
        self.action: dict[str, int] = {}


def build_demo(reg: Register, *, today: date, data_path: Path | None = None) -> None:
    data: dict[str, Any] = json.loads((data_path or demo_data_path()).read_text(encoding="utf-8"))
    n = _Names()
    reg.partnership.save(data["partnership"], None)
    # the seed LAA report's convention: "AMBER = incomplete performance data / within planned trajectory"
    reg.outcomes.set_rag_convention(data.get("rag_convention", RagConvention.PROVISIONAL_AMBER))
    for p in data["partners"]:
        ch = reg.partners.create(p)
        n.partner[p["short_name"]] = ch.created_id("partner")
    for p in data["people"]:
        values = {k: v for k, v in p.items() if k != "partner"}
        values["partner_id"] = n.partner[p["partner"]] if p.get("partner") else None
        n.person[p["name"]] = reg.people.create_person(values).created_id("person")
    for b in data["bodies"]:
        values = {k: v for k, v in b.items() if k not in ("reports_to", "template")}
        values["reports_to_id"] = n.body[b["reports_to"]] if b.get("reports_to") else None
        body_id = reg.people.create_body(values).created_id("body")
        n.body[b["short_name"]] = n.body[b["name"]] = body_id
        for item in b.get("template", []):
            reg.meetings.add_standing_item({"body_id": body_id, **item})
    for m in data["memberships"]:
        reg.people.add_member({"body_id": n.body[m["body"]], "person_id": n.person[m["person"]],
                               "role": m.get("role"), "voting": m.get("voting", False),
                               "standing": m.get("standing", "member")})
    n.interest = {}
    for i in data.get("interests", []):
        values = {k: v for k, v in i.items() if k not in ("person", "partner")}
        values.update(person_id=n.person[i["person"]], partner_id=n.partner.get(i.get("partner", "")))
        n.interest[(i["person"], i["organisation"])] = reg.meetings.add_interest(values).created_id("interest")
    for order, o in enumerate(data["outcomes"], start=1):
        _outcome(reg, n, o, order)
    for r in data["risks"]:
        _risk(reg, n, r)
    for m in data["meetings"]:
        _meeting(reg, n, m, today)
    _programmes(reg, n, today)


def _outcome(reg: Register, n: _Names, o: dict[str, Any], order: int) -> None:
    values = {k: o.get(k) for k in ("reference", "title", "statement", "domain")}
    values.update(sort_order=order * 10)
    # the seeds give one sponsor, lead officer and lead partner: each is the first of its capacity
    people = {capacity: tuple(n.person[o[key]] for key in (key,) if o.get(key) in n.person)
              for capacity, key in (("sponsor", "sponsor"), ("lead_officer", "lead_officer"))}
    partners = tuple(n.partner[o["lead_partner"]] for _ in (0,) if o.get("lead_partner") in n.partner)
    leads = {"sponsor": Leads(person_ids=people["sponsor"]), "lead_officer": Leads(person_ids=people["lead_officer"]),
             "lead_partner": Leads(partner_ids=partners)}
    outcome_id = reg.outcomes.create_outcome(values, leads=leads).created_id("outcome")
    n.outcome[o["reference"]] = outcome_id
    for j, obj in enumerate(o["objectives"], start=1):
        leads = obj.get("leads", {})
        ch = reg.outcomes.create_objective(
            {"outcome_id": outcome_id, "reference": obj["reference"], "title": obj["title"],
             "statement": obj.get("statement"), "sort_order": j * 10},
            lead_person_ids=[n.person[p] for p in leads.get("people", [])],
            lead_partner_ids=[n.partner[p] for p in leads.get("partners", [])])
        objective_id = ch.created_id("objective")
        n.objective[obj["reference"]] = objective_id
        for ind in obj.get("indicators", []):
            values = {k: v for k, v in ind.items() if k not in ("actuals", "planned", "rebases")}
            if values.get("rag_definition") == "BHWP":
                values["rag_definition"] = BHWP_RAG
            indicator_id = reg.indicators.create({"objective_id": objective_id, **values}).created_id("indicator")
            n.indicator[ind["code"]] = indicator_id
            for a in ind.get("actuals", []):
                illustrative = a.get("illustrative", True)
                reg.indicators.record_actual({
                    "indicator_id": indicator_id, "period": a["period"], "value": a["value"],
                    "provisional": a.get("provisional", False), "illustrative": illustrative,
                    "source": a.get("source") or ("Illustrative value generated for the demo register"
                                                  if illustrative else None),
                    "note": a.get("note")})
            for p in ind.get("planned", []):
                reg.indicators.set_planned(indicator_id, p["period"], p["value"])
            for r in ind.get("rebases", []):
                reg.indicators.add_rebase(indicator_id, r["period"], r["reason"])


def _risk(reg: Register, n: _Names, r: dict[str, Any]) -> None:
    first, *later = r["assessments"]
    values = {k: v for k, v in r.items()
              if k not in ("owner", "inherent", "target", "assessments", "outcomes", "objectives")}
    values.update(
        owner_id=n.person.get(r.get("owner", "")),
        inherent_consequence=r["inherent"][0], inherent_likelihood=r["inherent"][1],
        current_consequence=first["c"], current_likelihood=first["l"],
        target_consequence=r["target"][0], target_likelihood=r["target"][1])
    ch = reg.risks.create(values, outcome_ids=[n.outcome[x] for x in r.get("outcomes", [])],
                          objective_ids=[n.objective[x] for x in r.get("objectives", [])],
                          assessed_on=date.fromisoformat(first["on"]), note=first.get("note"))
    risk_id = ch.created_id("risk")
    n.risk[r["reference"]] = risk_id
    for a in later:
        version = next(x.version for x in reg.queries.risks() if x.id == risk_id)
        reg.risks.rescore(risk_id, {"consequence": a["c"], "likelihood": a["l"],
                                    "assessed_on": a["on"], "note": a.get("note")}, version)


def _meeting(reg: Register, n: _Names, m: dict[str, Any], today: date) -> None:
    meets_on = next_meeting_date(today) if m["meets_on"] == "+next" else m["meets_on"]
    meeting_id = reg.meetings.create({
        "body_id": n.body[m["body"]], "title": m.get("title"), "meets_on": meets_on,
        "start_time": m.get("start_time"), "location": m.get("location"), "session": m["session"],
        "chair_id": n.person.get(m.get("chair", "")), "ended_at": m.get("ended_at"),
    }, template=m.get("template", False)).created_id("meeting")
    if m.get("attendance"):
        reg.meetings.take_attendance(meeting_id, [
            {"person_id": n.person.get(a.get("person", "")), "name": a.get("name"), "capacity": a.get("capacity"),
             "attendance": a["attendance"]} for a in m["attendance"]])
    items: dict[str, int] = {}
    for item in m.get("items", []):
        values = {k: item.get(k) for k in ("minute_ref", "title", "presenter", "recommendation", "kind", "purpose",
                                           "paper_ref", "item_time", "description") if item.get(k) is not None}
        values["confidential"] = item.get("confidential", False)
        item_id = reg.meetings.add_item({"meeting_id": meeting_id, **values}).created_id("agenda_item")
        items[item.get("minute_ref") or item["title"]] = item_id
        if item.get("minutes"):
            reg.meetings.record_minutes(item_id, item["minutes"],
                                        confidential=item.get("minutes_confidential", False))
        for text in item.get("resolutions", []):
            reg.meetings.add_resolution({"agenda_item_id": item_id, "text": text})
        for act in item.get("actions", []):
            _action(reg, n, item_id, act)
    for d in m.get("declarations", []):
        reg.meetings.add_declaration({
            "meeting_id": meeting_id, "person_id": n.person.get(d.get("person", "")), "name": d.get("name"),
            "agenda_item_id": items.get(d.get("item", "")), "interest": d["interest"], "detail": d.get("detail"),
            "interest_id": n.interest.get((d.get("person", ""), d.get("register", ""))),
            "category": d.get("category"), "action_taken": d.get("action_taken")})
    if m.get("next_meeting"):
        detail = reg.queries.meeting(meeting_id)
        assert detail is not None
        nxt = next(i for i in detail.items if i.kind.value == "next_meeting")
        reg.meetings.update_item(nxt.id, {"description": m["next_meeting"]}, nxt.version)


def _action(reg: Register, n: _Names, item_id: int, a: dict[str, Any]) -> None:
    status = a.get("status", "open")
    values = {
        "description": a["description"], "owner_id": n.person[a["owner"]],
        "owner_partner_id": n.partner.get(a.get("owner_partner", "")), "due_on": a["due_on"],
        "status": "open" if status == ActionStatus.COMPLETE else status,
        "confidential": a.get("confidential", False),
        "risk_id": n.risk.get(a.get("risk", "")), "objective_id": n.objective.get(a.get("objective", "")),
    }
    action_id = reg.meetings.raise_action(item_id, values).created_id("action")
    n.action[a["description"]] = action_id
    for u in a.get("updates", []):
        reg.actions.add_update(action_id, u["text"], written_on=u["written_on"])
    if status == ActionStatus.COMPLETE:
        row = reg.queries.action(action_id)
        assert row is not None
        reg.actions.complete(action_id, row.version, completed_on=a["completed_on"])


# ---------------------------------------------------------------- programmes and milestones
# Seed 001 (NHS Birmingham East and North strategic plan 2009-12, draft): its seven strategic
# initiatives and a few of each one's key activities from appendix 2 ("Strategic Initiative: Key
# Activities"), titles, goal contributions and key partners as the appendix writes them. The plan
# names no lead director, sponsor or activity manager for any of them, so none is given.
# Seed 003 (SWBH Trust Board paper "Place Based Partnerships", 2 March 2022): the Sandwell
# transformation projects and check points, dated as the paper dates them. What the papers do not
# give (forecast changes, actual dates, the coming month's highlight report) is illustrative and
# says so in its own words ("Illustrative: ...").

BEN_PLAN = "NHS Birmingham East and North strategic plan 2009-12 (draft)"
PILOT = DEFAULT_GATEWAY_STAGES.index("Pilot") + 1


def _activity(title: str, bullets: str = "", goals: tuple[str, str, str, str] = ("", "", "", ""),
              partners: str = "", *, stage: int | None = None, aim: str | None = None,
              benefit: tuple[str, str] | None = None) -> dict[str, Any]:
    """A key activity of appendix 2: its title and bullets, its contribution to each of the four
    goals (quality, innovation, prevention, productivity; blank where the appendix leaves the cell
    empty) and its key partners, each as written."""
    return {"title": title, "aim": aim or "; ".join(b.strip() for b in bullets.split("|") if b.strip()) or None,
            "goals": dict(zip(DEFAULT_GOALS, goals, strict=True)), "partners": partners or None, "stage": stage,
            "benefit": benefit}


def _pilot(title: str, within: str) -> dict[str, Any]:
    return _activity(title, stage=PILOT, aim=f"A pilot the appendix names within the key activity '{within}': at "
                                            "the Gateway's pilot phase, as its name says.")


# (reference, title, the risks of the plan's section 8.2 naming the initiative, key activities)
BEN_INITIATIVES: tuple[tuple[str, str, tuple[str, ...], tuple[dict[str, Any], ...]], ...] = (
    ("BEN-PRIME", "PRIME", ("SR1", "SR2", "SR3", "SR4", "SR5", "SR6"), (
        _activity("Baseline analysis to establish focus of programme, and track impact",
                  "Benchmarking core cities and ONS group|Media and brand audits|Programme KPIs",
                  ("Access, relevance, equity", "Systematic approach to segmentation and marketing",
                   "Effective communication of key messages", "Improved targeting and uptake of services"),
                  "Dr Foster Intelligence"),
        _activity("Social Marketing programme to respond to priority areas, targeted to highest risk groups in 5 "
                  "areas: smoking, alcohol, obesity, infant mortality, mental well-being", "",
                  ("Population targeted access", "Typologies assessment",
                   "Understand preferences identify high risk groups", "Effective targeting and design to")),
        _activity("Infrastructure to support public participation and engagement",
                  "PPI microsite|PPI database|Household panel|'Seldom heard' workshops|PET trackers",
                  ("Systematic Good coverage of different PPI mechanisms",
                   "Diverse methods of engagement Personalised and systematic",
                   "Enhances ability to feedback messages", "Effective targeting and design to")),
        _activity("GP facing Knowledge Management infrastructure: GP MyPractice", "Collate information",
                  ("Bespoke tool for GPs", "Supports GP segmentation and partnering",
                   "Supports practice ability for target prevention", "Systematic and personalised GP practice plans")),
    )),
    ("BEN-PHSC", "Promoting Health / Self Care", ("SR5", "SR6"), (
        _activity("Assertive screening at risk adults for CVD and stroke",
                  "Model of community based health check programme with assistive technology to engage with "
                  "resistant population",
                  ("Access, relevance, Equity", "Assistive technology to improve quality and outcomes.",
                   "Early identification and management of disease",
                   "Limiting damage and improving outcomes in disease"),
                  "BHWP Lloyds Primary care"),
        _activity("Healthy Incentives schemes to support behaviour change", "Reduction smoking in pregnancy",
                  ("Equity, effectiveness, acceptability", "Testing impact", "Behaviour change to prevent disease",
                   "Limiting damage and improving outcomes in disease"),
                  "Young Foundation"),
        _activity("Smoking reduction and cessation",
                  "Targeted marketing campaigns: inc committed smokers, pregnant women|Re-design of services|"
                  "Develop reduction programmes for long term heavy smokers|"
                  "Target those with chronic disease through hospital programmes",
                  ("Effectiveness, Equity, efficiency", "Typology targeting, harm reduction",
                   "Prevention of chronic diseases", "ROI range of £1:£13 to $1:$25,000"),
                  "DFI",
                  benefit=("NI 123", "Illustrative: the demo measures this activity by the BHWP's NI 123 (four-week "
                                     "quitters); the appendix gives its prevention contribution as 'Prevention of "
                                     "chronic diseases'.")),
        _activity("Support to self care", "Programme fit and healthy|Disease specific education|Expert patient programme",
                  ("Effectiveness, Equity, efficiency", "Promoting culture of personnel responsibility",
                   "Prevention of chronic diseases", "ROI as a result in self care and delay in disease onset"),
                  "BHWP BCC"),
        _activity("Health and Work initiatives to retain and return to employment",
                  "Fit for work Service Pilot|Primary Care Training in Health and Work Issues|"
                  "\u201cBack to Work\u201d Programme for those on Incapacity Benefit|Healthy Workplace Initiative",
                  ("Improves health of working age population, supports local economy",
                   "New models of intervention able to target populations not previously accessible",
                   "Improved management of LTCs", ""),
                  "BCC, JCP"),
        _pilot("Fit for work Service Pilot", "Health and Work initiatives to retain and return to employment"),
    )),
    ("BEN-MCS", "Maternity and Children's Services", ("SR1", "SR3"), (
        _activity("Maternity redesign across HOEFT",
                  "Pregnancy outreach workers|Explicit social and clinical risk assessments, audited|"
                  "Dedicated breastfeeding and stop smoking activity as mainstream|Additional midwifery capacity|"
                  "Contract management to standards|Increased access to Maternity Scanning|"
                  "Increased Maternal choice in 'delivery' options",
                  ("Access Choice Equity", "Personalised Care", "Identification Reduction Health Inequalities",
                   "Targets for KPI in agreed data set"),
                  "Birmingham Solihull Maternity- Neonatal Clinical Network Children's Centres"),
        _activity("Early booking service and marketing, inc assessment for genetic counselling",
                  "Recording of ethnicity at booking",
                  ("Access, relevance, effectiveness, Equity", "Community- development approach",
                   "Early identification and management of Foetal Growth restriction",
                   "Data Targets For Early booking in targeted wards"),
                  "BHWP Maternity Birmingham Solihull Maternity- Neonatal Clinical Network"),
        _activity("Breastfeeding initiation and sustainability",
                  "Peer support workers|UNICEF accreditation|Social marketing|Parent craft initiative",
                  ("Effectiveness, Equity, Efficiency", "Peer support Recruited from local families",
                   "Resistance to infection, protective for obesity and chronic disease",
                   "Targets for progression through UNICEF accreditation Targets Initiation & sustain inability BF "
                   "rates"),
                  "UNICEF Children's Services Maternity Birmingham Solihull Maternity- Neonatal Clinical Network "
                  "Services BHWP"),
        _activity("Early intervention with vulnerable families",
                  "Family Nurse Partnership|Local Model of Progressive Universalism in Children's Services|"
                  "Child Population stratification|Pilot Total place activity",
                  ("Effectiveness, Equity, Efficiency", "High intensity Intervention Integrated provision",
                   "Targeted intervention Prevention of risks & delays patient pathway",
                   "Targets for workforce redesign and development Targets for resource allocation"),
                  "BCC Children's Centre Sure Start"),
    )),
    ("BEN-CDM", "Excellence in Chronic Disease Management", ("SR2", "SR3", "SR5"), (
        _activity("Case/Care Management",
                  "High Intensity Care|Case Management|Risk Stratification|Specialist LTC Nursing|Remote Care|"
                  "Assistive Technology|Birmingham OwnHealth|Telecare|Benefit",
                  ("Improves Quality of life for High Intensity Users of Health Services",
                   "Use of intelligence to target type of intervention",
                   "Supports self management and social wellbeing",
                   "Demand management through secondary care admission avoidance"),
                  "Improves relationships between providers along the pathways"),
        _activity("Self Management",
                  "Care Planning Pilot|Personal Health Budget Pilot|Disease Specific: Xpert, EPP, DESMOND, DAFNE|"
                  "(Year of Care)|Health Psychology",
                  ("Improved patient experience through involvement in care",
                   "Embedding effective Care Planning and access to menu of choices and use of PHB",
                   "Supports self \u2013care and slows disease progression",
                   "Increases co-production between citizen and healthcare professional"),
                  "Inclusive of Third Sector"),
        _pilot("Care Planning Pilot", "Self Management"),
        _pilot("Personal Health Budget Pilot", "Self Management"),
        _activity("Integrated Pathways",
                  "Cancer (Screening) (Early Detection) (Cancer Reform Strategy)|CARE|Respiratory: COPD, Asthma, "
                  "Other Chronic Lung Conditions|CVD: CHD, CKD, PVD, HF, Stroke|Diabetes|Neurological: Epilepsy, "
                  "Parkinson's, MS|Inherited",
                  ("Improved quality of life and improved survival", "Development of Pathway KPIs",
                   "Proactive management of condition at wherever in pathway", "Release of capacity in secondary care"),
                  "Builds and manages the supply chain"),
        _activity("Quality Improvement in Primary Care",
                  "QoF/QoF+|Local Enhanced Services (Diabetes)|Registers|Risk Factor Management|"
                  "Inequalities - Expected Prevalences|MURs in Pharmacy",
                  ("Improving clinical outcomes in primary care",
                   "Use of intelligence, incentives and expert support to drive improvements in outcomes",
                   "Tackles adverse lifestyle factor in those with CDM", "Supports the Integration of Pathways"),
                  "Builds on the Partnering Approach with Primary Care Providers and PbC"),
    )),
    ("BEN-CCH", "Care Closer to Home", ("SR1", "SR2", "SR3", "SR4", "SR5"), (
        _activity("End of Life Managed Network Procurement", "",
                  ("Care co-ordination and navigation, increased access to a range of interventions, 24/7, home "
                   "based care", "All individuals in End of Life phase of care in managed system of care",
                   "Increased knowledge and understanding of condition and better decision making about support "
                   "required less hospital exacerbations",
                   "Reductions in unplanned interventions more productive use of resources"),
                  "Strategic Partnership with Managed Care Network Provider"),
        _activity("2nd Urgent Care Centre Saltley", "",
                  ("Access, relevance and acceptability", "Nurse led system of care",
                   "Reductions in A&E attendances, Education of patients to use services appropriately",
                   "Streamlines Accident and Emergency, more effective treatment of residual patients in A&E"),
                  "Partnership with Community Health Services"),
        _activity("Full-scale development of Muscular Skeletal Services", "Orthopaedic triage|Back pain|Knee service",
                  ("Access within agreed timeframe, direct access to specialist service in the community, urgent "
                   "onward referral where required, quick access to diagnostics and physiotherapy",
                   "All referrals go through MSK with networked system to pain management, diagnostics",
                   "Early Intervention reduces longer term problems, prevention of inappropriate outpatient "
                   "attendances",
                   "Reduces need for first outpatients, follow ups and consultant to consultant referrals"),
                  "Opportunity for Community Health Services to develop integrated partnership with acute hospital"),
        _activity("Enhanced re-ablement / convalescent care to promote independence and minimise DTOCs",
                  "Community Units",
                  ("Reduced LOS in acute bed, model of re-ablement opportunity to return home",
                   "Model of care (convalescence) on acute site, financial arrangements, staff development, increased "
                   "numbers of patients return home",
                   "Prevention of readmission, prevention of admissions to residential or nursing home",
                   "Reduces LOS in Acute Setting, increases opportunities for bed reduction"),
                  "Partnership with HoEFT and Adults and Communities",
                  benefit=("NI 131", "Illustrative: the demo measures this activity by the BHWP's NI 131 (delayed "
                                     "transfers of care); the appendix's aim is to 'minimise DTOCs'.")),
    )),
    ("BEN-VA", "Vulnerable Adults", ("SR1", "SR4"), (
        _activity("Integration of health and social care investment in adult mental health and learning disability "
                  "services", "",
                  ("Relevance, equity and effectiveness", "", "Shift institutional to domiciliary focus",
                   "Improved return on investment"),
                  "BCC A&C"),
        _activity("Re-design primary and community capacity for mental illness", "",
                  ("Access, Relevance, equity and acceptability", "", "Minimising long-term impact of acute episode",
                   "40% reduction in referrals to specialists 30% historic caseload back to primary care"),
                  "BSMHFT"),
        _activity("Development of information, support and advice to carers",
                  "Active promotion of carer assessments|Potential to integrate approach with BCC",
                  partners="BCC A&C"),
        _activity("Development of self-directed care including piloting of personal budgets in NHS",
                  partners="BHWP", stage=PILOT,
                  aim="At the Gateway's pilot phase: the activity pilots personal budgets in the NHS, as its title "
                      "says."),
    )),
    ("BEN-CC", "Collaborative Commissioning", ("SR3", "SR6"), (
        _activity("Specification and contract management of WMAS", "",
                  ("Access Efficiency", "Redesign of urgent care system.",
                   "Urgent care system to prevent inappropriate transfers.", "Evidence of relative ROI"),
                  "PCT / WMAS Task Group"),
        _activity("Radiotherapy investment / efficiency", "",
                  ("Access Effectiveness Acceptability", "Region wide oversight of productivity plans.",
                   "Early intervention drives improved outcomes",
                   "Process improvement for efficiency More cost-effective than chemo"),
                  "West Mids PCTs / providers. Member of NRAG."),
        _activity("Introduction and development Neonatal intensive care and retrieval", "",
                  ("Access Effectiveness Equity", "Region wide workforce plant new training programme for nurses.",
                   "Rapid specialist response drives improved outcomes", "More efficient use of capacity across system."),
                  "Neonatal network."),
        _activity("Interventional Cardiology", "",
                  ("Access, effectiveness", "Primary PCI 24/7",
                   "Improved specialist intervention presenting further procedure.", "More efficient use of capacity."),
                  "Cardiac and Stroke Network."),
    )),
)

BEN_AIM = (f"One of the seven strategic initiatives of the {BEN_PLAN}, with some of the key activities its "
           "appendix 2 lists (a selection for the demo, in the appendix's own words). Each initiative has a lead director who monitors and challenges progress as reported and tracked "
           "by the named activity manager in Performance Accelerator, with a highlight report to the board monthly; "
           "the plan names neither, so none is given here. Its risks: those of section 8.2 that name it.")


def _programmes(reg: Register, n: _Names, today: date) -> None:
    reg.programmes.set_gateway_stages(DEFAULT_GATEWAY_STAGES)  # the plan's 4-phase Gateway
    reg.programmes.set_goals_list(DEFAULT_GOALS)  # the plan's four goals
    for reference, title, risks, activities in BEN_INITIATIVES:
        programme_id = reg.programmes.create_programme(
            {"reference": reference, "title": title, "aim": BEN_AIM},
            links={"risk": [n.risk[r] for r in risks]}).created_id("programme")
        for j, a in enumerate(activities, start=1):
            project_id = reg.programmes.create_programme({
                "parent_id": programme_id, "reference": f"{reference}.{j}", "title": a["title"], "aim": a["aim"],
                "key_partners": a["partners"], "gateway_stage": a["stage"]}).created_id("programme")
            if any(a["goals"].values()):
                reg.programmes.set_goals(project_id, a["goals"])
            if a["benefit"]:
                code, text = a["benefit"]
                reg.programmes.add_benefit({"programme_id": project_id, "description": text,
                                            "indicator_id": n.indicator[code]})
    _sandwell(reg, n, today)


SANDWELL_PAPER = date(2022, 3, 2)  # the SWBH Trust Board paper "Place Based Partnerships"
MADE_UP = "Illustrative: the forecast changes and the actual date are made up for the demo (the paper gives neither)."


def _dated(reg: Register, day: date) -> ProgrammeService:
    """The register's programme service as on `day`: a forecast change is kept with the day it was
    recorded, so the demo's are recorded on the days in 2022 they are shown as made, not on the day
    the demo is built."""
    return ProgrammeService(reg.opened.engine, reg.user, lambda: day)


def _milestone(reg: Register, values: dict[str, Any], changes: tuple[tuple[date, date, str], ...] = (),
               done: date | None = None) -> int:
    """A milestone set on the paper's date, each forecast change recorded on its own day (with
    its reason), and done on `done`."""
    milestone_id = _dated(reg, SANDWELL_PAPER).create_milestone(values).created_id("milestone")
    for recorded_on, forecast, reason in changes:
        _dated(reg, recorded_on).update_milestone(milestone_id, {"forecast_date": forecast}, None, reason=reason)
    if done is not None:
        _dated(reg, done).update_milestone(milestone_id, {"actual_date": done, "status": "complete"}, None)
    return milestone_id


def _sandwell(reg: Register, n: _Names, today: date) -> None:
    """Seed 003's transformation plan: the projects, the check points and the contingency it
    names, dated as it dates them; 3 months' contingency ("at least 3 months contingency for
    slippage, therefore delivering in December 2022" for April 2023)."""
    fradgley = n.person["Daren Fradgley"]
    plan_action = n.action["Build the place assurance plan with monthly check points and at least three months' "
                           "contingency for April 2023."]
    programme_id = reg.programmes.create_programme({
        "reference": "SAN-TP", "title": "Sandwell Place transformation plan",
        "aim": "The Sandwell place based partnership's transformation projects, and the assurance plan that will "
               "show progress month on month to prepare for April 2023, with a series of check points for the "
               "Integration Committee to report through to the Trust Board and the Integrated Care Board "
               "simultaneously. Lead director and sponsor: the paper's sponsoring executive, the (interim) "
               "Executive Director of Integration hosted by the Trust.",
        "lead_director_id": fradgley, "sponsor_id": fradgley, "contingency_months": 3,
        "key_partners": "Sandwell health and care partnership: the Trust as host organisation, Adult Social Care, "
                        "primary care (PCN directors), SCVO, Black Country Partnership NHS Foundation Trust",
        "confidence": "amber",
        "confidence_reason": "Illustrative: the neighbourhood teams went beyond the contingency; the domiciliary "
                             "care market remains fragile (PBP2)."},
        links={"outcome": [n.outcome["PO4"]], "objective": [n.objective["PO4.1"]], "risk": [n.risk["PBP2"]],
               "action": [plan_action], "partner": [n.partner["SWBH"]]}).created_id("programme")
    reg.programmes.add_benefit({
        "programme_id": programme_id, "indicator_id": n.indicator["DTOC-SAN"],
        "description": "Fewer delayed discharges: 'quantifiable benefits to hospital length of stay'; 'Sandwell "
                       "Place now delivers the most improved delayed hospital discharge performance in the Black "
                       "Country' (measured here by PO4.1's delayed transfers of care)."})
    board = "Integration Committee, reporting to the Trust Board and the Integrated Care Board"
    _milestone(reg, {
        "programme_id": programme_id, "title": "Alliance agreement approved by the Trust Board as host organisation",
        "baseline_date": date(2022, 4, 30), "check_point": True, "reported_to": "Trust Board",
        "note": "Illustrative: the day of approval is the demo's action's; the paper gives the month (baseline: the "
                "end of April). The paper: 'The completed draft will be shared with this board as host organisation "
                "for approval in April. This step was one of the clear check points to maturity set out in the "
                "board paper in November 2021.'"}, done=date(2022, 4, 6))
    _milestone(reg, {
        "programme_id": programme_id, "title": "Assurance plan delivered: Sandwell Place ready for April 2023",
        "baseline_date": date(2022, 12, 31), "check_point": True, "reported_to": board,
        "note": f"{MADE_UP} The paper: 'It is intended to build a plan that has at least 3 months contingency for "
                "slippage, therefore delivering in December 2022.'"},
        ((date(2022, 11, 2), date(2023, 3, 31),
          "Illustrative: waits for the last neighbourhood teams; within the 3 months' contingency."),),
        done=date(2023, 3, 22))
    meeting = next_meeting_date(today)
    reg.programmes.create_milestone({  # recorded today: it is dated from the demo's coming meeting
        "programme_id": programme_id, "title": "Next year's place assurance plan agreed by the Integration Committee",
        "baseline_date": add_months(meeting, 3), "check_point": True, "reported_to": board,
        "note": "Illustrative: a check point dated from the demo's coming meeting, so the plan has one ahead."})

    projects = {}
    for j, (title, aim, partners, links) in enumerate((
        ("Integrated discharge hub and discharge to assess (D2A)",
         "The integrated discharge hub inclusive of the D2A model: 100% of assessments by the care provider STAR "
         "carried out in the person's home rather than in the ward prior to discharge.", None,
         {"objective": [n.objective["PO4.1"]], "risk": [n.risk["PBP2"]], "partner": [n.partner["SWBH"]]}),
        ("Knowle health and social care centre",
         "The planned opening of the Knowle health and social care centre in Rowley Regis in July as a cooperative "
         "agreement and shared workforce will provide an additional 60-80 community extra assessment beds for "
         "rehabilitation to support hospital discharge and avoid unnecessary admissions.",
         "The Trust and Adult Social Care (a cooperative agreement and shared workforce)",
         {"risk": [n.risk["PBP3"]], "partner": [n.partner["SWBH"], n.partner["SMBC"]]}),
        ("Neighbourhood teams in each of the 6 Sandwell towns",
         "Multi-agency / multi-professional teams in each of the 6 Sandwell towns, holding 'at risk' registers, "
         "informed by population health management data, with a single referral system into the team. A rapid "
         "implementation plan aims to have functioning teams by September 2022; approved to proceed by the "
         "partnership board.", None, {"risk": [n.risk["PBP1"]]}),
        ("Health and wellbeing hub in each of the 6 Sandwell towns",
         "By the end of 2022 each of the 6 towns will also have a health and wellbeing hub to support the community.",
         None, {}),
    ), start=1):
        projects[j] = reg.programmes.create_programme({
            "parent_id": programme_id, "reference": f"SAN-TP.{j}", "title": title, "aim": aim,
            "key_partners": partners}, links=links).created_id("programme")
    reg.programmes.add_benefit({
        "programme_id": projects[2], "indicator_id": n.indicator["DTOC-SAN"],
        "description": "An additional 60-80 community extra assessment beds for rehabilitation to support hospital "
                       "discharge and avoid unnecessary admissions."})
    _milestone(reg, {
        "programme_id": projects[1], "title": "Live tracking list for patients transferring from acute to community "
                                             "care", "baseline_date": date(2022, 1, 31),
        "note": "The paper: 'In January the Integrated Discharge Hub implemented a live tracking list for patients "
                "whose care is transferring from acute to community care' (dated the end of January)."},
        done=date(2022, 1, 31))
    _milestone(reg, {
        "programme_id": projects[2], "title": "Knowle health and social care centre opens: 60-80 community beds",
        "baseline_date": date(2022, 7, 31), "check_point": True, "reported_to": board,
        "note": f"{MADE_UP} The paper: 'The planned opening ... in July' (baseline: the end of July)."},
        ((date(2022, 5, 4), date(2022, 9, 30),
          "Illustrative: recruitment to the shared workforce and shared records not ready for July (risk PBP3)."),),
        done=date(2022, 9, 26))  # amber: late, within the contingency
    _milestone(reg, {
        "programme_id": projects[2], "title": "Heads of terms agreed for the Knowle premises and shared workforce",
        "baseline_date": date(2022, 5, 31), "confidential": True,
        "note": "Illustrative: private business (an estates negotiation) made up for the demo, so that the private "
                "and public packs differ."}, done=date(2022, 5, 27))
    _milestone(reg, {
        "programme_id": projects[3], "title": "Functioning neighbourhood teams in each of the 6 Sandwell towns",
        "baseline_date": date(2022, 9, 30), "check_point": True, "reported_to": board,
        "note": f"{MADE_UP} The paper: 'A rapid implementation plan aims to have functioning teams by September "
                "2022.'"},
        ((date(2022, 7, 6), date(2022, 11, 30),
          "Illustrative: GP engagement in the single referral system slower than planned; within the contingency."),
         (date(2022, 10, 5), date(2023, 2, 28),
          "Illustrative: local authority workforce gaps in three towns; beyond the contingency, reported to the "
          "Integration Committee.")),
        done=date(2023, 2, 15))  # red: beyond the contingency
    _milestone(reg, {
        "programme_id": projects[4], "title": "A health and wellbeing hub in each of the 6 Sandwell towns",
        "baseline_date": date(2022, 12, 31), "check_point": True, "reported_to": board,
        "note": f"{MADE_UP} The paper: 'By the end of 2022 each of the 6 towns will also have a health and "
                "wellbeing hub.'"}, done=date(2022, 12, 14))

    # the paper itself is the month's report to the board: its own words
    reg.programmes.save_update(programme_id, date(2022, 3, 1), {
        "progress": "The integrated discharge hub inclusive of the D2A model continues to progress with quantifiable "
                    "benefits to hospital length of stay; 100% of assessments by STAR carried out in the person's "
                    "home. In January the Integrated Discharge Hub implemented a live tracking list. The "
                    "neighbourhood teams plan has been approved to proceed by the partnership board.",
        "next_steps": "The completed draft alliance agreement to the Trust Board for approval in April. Launch a "
                      "place assurance dashboard and the shared care record. Build an assurance plan that will show "
                      "progress month on month over the next year to prepare for April 2023.",
        "risks_issues": "Challenges pertaining to the domiciliary market continue to be of concern. Knowle: finer "
                        "details regarding shared records and concerns over recruitment remain as risks. The "
                        "creation of centralised, system level decision making.",
        "decisions": "NOTE the current position of the Sandwell Place development. NOTE the situation in West "
                     "Birmingham. DISCUSS the next steps based on the White Paper analysis."})
    reg.programmes.save_update(programme_id, meeting.replace(day=1), {
        "progress": "Illustrative: the six neighbourhood teams hold 'at risk' registers; the Knowle centre's 60-80 "
                    "beds are open; a health and wellbeing hub is open in each town.",
        "next_steps": "Illustrative: the Integration Committee to agree next year's place assurance plan and its "
                      "check points.",
        "risks_issues": "Illustrative: the domiciliary care market (PBP2); recruitment to the shared workforce at "
                        "Knowle (PBP3).",
        "decisions": "Illustrative: the board is asked to APPROVE the next year's check points with 3 months' "
                     "contingency, reported through the Integration Committee.",
        "confidence": "amber",
        "confidence_reason": "Illustrative: the neighbourhood teams were done beyond the contingency; the "
                             "domiciliary care market remains fragile."})
