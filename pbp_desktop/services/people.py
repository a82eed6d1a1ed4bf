"""Services layer: the partnership, partners, people, boards and memberships."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ..domain.errors import ValidationError
from ..readmodels import Changes
from ..storage.models import Body, Partner, Partnership
from .base import ServiceBase


class PartnershipService(ServiceBase):
    def save(self, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        """Create the register's one partnership, or update it."""
        with self._work("save_partnership") as w:
            existing = w.session.scalars(select(Partnership).limit(1)).first()
            if existing is None:
                self._create(w, "partnership", values)
            else:
                self._update(w, "partnership", existing.id, values, expected_version)
        return w.changes()


class PartnerService(ServiceBase):
    def _host_error(self, s, values: Mapping[str, Any], own_id: int | None) -> list[ValidationError]:
        if str(values.get("is_host", "")).lower() not in ("true", "yes", "1", "y"):
            return []
        q = select(Partner.name).where(Partner.is_host.is_(True), Partner.archived.is_(False))
        if own_id is not None:
            q = q.where(Partner.id != own_id)
        other = s.scalar(q)
        if other:
            return [ValidationError("is_host", "host_exists",
                                    f"Host organisation: {other} is already the host; clear it there first")]
        return []

    def create(self, values: Mapping[str, Any]) -> Changes:
        with self._work("create_partner") as w:
            self._create(w, "partner", values, extra=self._host_error(w.session, values, None))
        return w.changes()

    def update(self, partner_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_partner") as w:
            self._update(w, "partner", partner_id, values, expected_version,
                         extra=self._host_error(w.session, values, partner_id))
        return w.changes()

    def archive(self, partner_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("partner", partner_id, expected_version, True)

    def restore(self, partner_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("partner", partner_id, expected_version, False)


class PeopleService(ServiceBase):
    # people
    def create_person(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("person", values)

    def update_person(self, person_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        return self._simple_update("person", person_id, values, expected_version)

    def archive_person(self, person_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("person", person_id, expected_version, True)

    def restore_person(self, person_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("person", person_id, expected_version, False)

    # boards and bodies
    def _cycle_error(self, s, body_id: int | None, values: Mapping[str, Any]) -> list[ValidationError]:
        parent = values.get("reports_to_id")
        if parent in (None, "") or body_id is None:
            return []
        current: int | None
        try:
            seen, current = {body_id}, int(parent)
        except (TypeError, ValueError):
            return []  # the field validator reports it
        while current is not None:
            if current in seen:
                return [ValidationError("reports_to_id", "cycle",
                                        "Reports to: a body cannot report to itself or to a body below it")]
            seen.add(current)
            b = s.get(Body, current)
            current = b.reports_to_id if b else None
        return []

    def create_body(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("body", values)

    def update_body(self, body_id: int, values: Mapping[str, Any], expected_version: int | None) -> Changes:
        with self._work("update_body") as w:
            self._update(w, "body", body_id, values, expected_version,
                         extra=self._cycle_error(w.session, body_id, values))
        return w.changes()

    def archive_body(self, body_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("body", body_id, expected_version, True)

    def restore_body(self, body_id: int, expected_version: int | None) -> Changes:
        return self._set_archived("body", body_id, expected_version, False)

    # memberships
    def add_member(self, values: Mapping[str, Any]) -> Changes:
        return self._simple_create("membership", values)

    def remove_member(self, membership_id: int, expected_version: int | None) -> Changes:
        return self._simple_delete("membership", membership_id, expected_version)
