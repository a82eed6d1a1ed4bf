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
from ..domain.rag import RagConvention
from ..domain.records import Leads
from ..paths import resources_dir
from ..storage.engine import remove_register_file, sqlite_url
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
    for u in a.get("updates", []):
        reg.actions.add_update(action_id, u["text"], written_on=u["written_on"])
    if status == ActionStatus.COMPLETE:
        row = reg.queries.action(action_id)
        assert row is not None
        reg.actions.complete(action_id, row.version, completed_on=a["completed_on"])
