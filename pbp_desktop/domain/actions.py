"""Domain layer: rules about actions. Overdue is derived, never stored."""

from __future__ import annotations

from datetime import date

from .enums import ActionStatus

CLOSED_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.CANCELLED})


def is_overdue(due: date | None, status: ActionStatus, today: date) -> bool:
    """Due date passed and not complete (cancelled actions are not chased either).
    `today` is always passed in, so the rule is the same in a test, a pack and a screen."""
    return due is not None and due < today and status not in CLOSED_STATUSES


def days_overdue(due: date | None, status: ActionStatus, today: date) -> int:
    return (today - due).days if due is not None and is_overdue(due, status, today) else 0
