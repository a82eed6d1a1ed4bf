"""Domain layer: the errors every layer raises and every front end knows how to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValidationError:
    """One problem with one field: shown next to that field, or as one line of a list."""

    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class PbpError(Exception):
    """Base of the errors a user may see; their text is written for that user."""


class ValidationFailed(PbpError):
    """A command was refused: it carries every field-level problem, and nothing was written."""

    def __init__(self, errors: list[ValidationError] | tuple[ValidationError, ...], entity: str = ""):
        self.errors: tuple[ValidationError, ...] = tuple(errors)
        self.entity = entity
        lines = "; ".join(str(e) for e in self.errors)
        super().__init__(f"The {entity} was not saved: {lines}" if entity else f"Not saved: {lines}")

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


class ConflictError(PbpError):
    """Someone else changed the record since it was read: the edit was refused, not merged."""

    def __init__(self, entity: str, entity_id: int, changed_by: str | None, changed_at: str | None):
        self.entity = entity
        self.entity_id = entity_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        who = changed_by or "another user"
        when = f" at {changed_at}" if changed_at else ""
        super().__init__(
            f"This {entity} was changed by {who}{when} after you opened it; "
            "your edit was not saved. Reload it to see their change, then edit again."
        )


class NotFound(PbpError):
    """The record asked for does not exist (or no longer exists)."""

    def __init__(self, entity: str, key: object):
        self.entity = entity
        self.key = key
        super().__init__(f"There is no {entity} {key!s} in this register.")


class RegisterError(PbpError):
    """The file or database cannot be used as a register; the message says why."""


class DamagedRegister(RegisterError):
    """The file is a register, but damaged: it was not opened, and nothing was written to it.
    `backups` lists the register's backups, newest first, for the user to restore one."""

    def __init__(self, message: str, path: object = None, backups: tuple = ()):
        super().__init__(message)
        self.path = path
        self.backups = backups
