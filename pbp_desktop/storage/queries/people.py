"""Storage layer: queries for the partnership, partners, people, bodies and memberships."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...readmodels import (
    BodyRow,
    InterestRow,
    MembershipRow,
    PartnerRow,
    PartnershipRow,
    PersonRow,
    StandingItemRow,
)
from ..models import Body, Interest, Membership, Partner, Partnership, Person, StandingItem


def partnership(s: Session) -> PartnershipRow | None:
    p = s.scalars(select(Partnership).order_by(Partnership.id).limit(1)).first()
    if p is None:
        return None
    host = s.scalars(select(Partner.name).where(Partner.is_host.is_(True), Partner.archived.is_(False))).first()
    return PartnershipRow(p.id, p.version, p.name, p.place, p.integrated_care_system, p.fy_start_month, host)


def partners(s: Session, *, include_archived: bool = False) -> list[PartnerRow]:
    reps: dict[int, list[str]] = defaultdict(list)
    for pid, name in s.execute(select(Person.partner_id, Person.name).where(
            Person.partner_id.is_not(None), Person.archived.is_(False)).order_by(Person.name)):
        if pid is not None:  # never: the query asks for people with a partner
            reps[pid].append(name)
    q = select(Partner).order_by(Partner.name)
    if not include_archived:
        q = q.where(Partner.archived.is_(False))
    return [
        PartnerRow(p.id, p.version, p.name, p.short_name, p.sector, p.alliance_role, p.agreement_status,
                   p.agreement_date, p.is_host, p.joined_on, p.left_on, p.notes, p.archived,
                   tuple(reps.get(p.id, ())))
        for p in s.scalars(q)
    ]


def people(s: Session, *, include_archived: bool = False) -> list[PersonRow]:
    bodies: dict[int, list[str]] = defaultdict(list)
    for pid, name in s.execute(select(Membership.person_id, Body.name).join(Body).order_by(Body.name)):
        bodies[pid].append(name)
    q = select(Person, Partner.name).outerjoin(Partner, Person.partner_id == Partner.id).order_by(Person.name)
    if not include_archived:
        q = q.where(Person.archived.is_(False))
    return [
        PersonRow(p.id, p.version, p.name, p.title, p.partner_id, partner_name, p.email, p.phone,
                  p.archived, tuple(bodies.get(p.id, ())))
        for p, partner_name in s.execute(q)
    ]


def bodies(s: Session, *, include_archived: bool = False) -> list[BodyRow]:
    parent = aliased(Body)
    counts: dict[int, int] = defaultdict(int)
    for (bid,) in s.execute(select(Membership.body_id)):
        counts[bid] += 1
    q = select(Body, parent.name).outerjoin(parent, Body.reports_to_id == parent.id).order_by(Body.name)
    if not include_archived:
        q = q.where(Body.archived.is_(False))
    return [
        BodyRow(b.id, b.version, b.name, b.short_name, b.reports_to_id, parent_name, b.purpose,
                b.archived, counts.get(b.id, 0), b.quorum, b.frequency, b.meets_in_public, b.usual_time,
                b.usual_place, b.contact_officer, b.signatory)
        for b, parent_name in s.execute(q)
    ]


def memberships(s: Session, body_id: int | None = None, person_id: int | None = None) -> list[MembershipRow]:
    q = (select(Membership, Body.name, Person.name).join(Body, Membership.body_id == Body.id)
         .join(Person, Membership.person_id == Person.id).order_by(Body.name, Person.name))
    if body_id is not None:
        q = q.where(Membership.body_id == body_id)
    if person_id is not None:
        q = q.where(Membership.person_id == person_id)
    return [
        MembershipRow(m.id, m.version, m.body_id, bname, m.person_id, pname, m.role, m.voting,
                      m.start_on, m.end_on, m.standing)
        for m, bname, pname in s.execute(q)
    ]


def standing_items(s: Session, body_id: int | None = None) -> list[StandingItemRow]:
    """A body's agenda template (every body's, when none is named), in its order."""
    q = select(StandingItem).order_by(StandingItem.body_id, StandingItem.after_business, StandingItem.sort_order,
                                      StandingItem.id)
    if body_id is not None:
        q = q.where(StandingItem.body_id == body_id)
    return [StandingItemRow(i.id, i.version, i.body_id, i.kind, i.title, i.description, i.purpose,
                            i.after_business, i.sort_order) for i in s.scalars(q)]


def interests(s: Session, *, person_id: int | None = None, person_ids: list[int] | None = None) -> list[InterestRow]:
    """The register of interests, by person and then organisation."""
    q = (select(Interest, Person.name, Partner.name).join(Person, Interest.person_id == Person.id)
         .outerjoin(Partner, Interest.partner_id == Partner.id).order_by(Person.name, Interest.organisation,
                                                                          Interest.id))
    if person_id is not None:
        q = q.where(Interest.person_id == person_id)
    if person_ids is not None:
        q = q.where(Interest.person_id.in_(person_ids))
    return [InterestRow(i.id, i.version, i.person_id, pname, i.category, i.organisation, i.partner_id, partner,
                        i.description, i.from_on, i.to_on, i.confidential)
            for i, pname, partner in s.execute(q)]
