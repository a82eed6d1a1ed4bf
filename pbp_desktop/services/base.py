"""Services layer: what every service shares. Each public command runs in one unit of work:
it validates everything first, raises one ValidationFailed with every field-level problem and
writes nothing if anything is wrong, and otherwise returns the Changes it made."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Engine, UniqueConstraint, func, select
from sqlalchemy.orm import Session

from ..domain import registers
from ..domain.errors import ConflictError, NotFound, Refused, ValidationError, ValidationFailed
from ..domain.fields import clean
from ..domain.records import FIELDS, check, derive
from ..readmodels import Changes
from ..storage.models import MODELS
from ..storage.uow import Work, last_change, unit_of_work


def label(entity: str) -> str:
    """A kind of record as messages name it: its register declares it (domain.registers)."""
    return registers.label(entity)


class ServiceBase:
    def __init__(self, engine: Engine, user: str, clock: Callable[[], date]):
        self._engine = engine
        self._user = user
        self._clock = clock

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _work(self, command: str) -> Iterator[Work]:
        with unit_of_work(self._engine, self._user, command) as work:
            yield work

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as s:
            yield s

    # ------------------------------------------------------------ helpers inside a command

    @staticmethod
    def _get(s: Session, entity: str, record_id: int) -> Any:
        obj = s.get(MODELS[entity], record_id) if isinstance(record_id, int) else None
        if obj is None:
            raise NotFound(label(entity), record_id)
        return obj

    @staticmethod
    def _check_version(s: Session, entity: str, obj: Any, expected_version: int | None) -> None:
        """Refuse to change a record that changed since the caller read it."""
        if expected_version is not None and obj.version != expected_version:
            who, when = last_change(s, entity, obj.id)
            raise ConflictError(label(entity), obj.id, who, when)

    def _validate(self, s: Session, entity: str, values: Mapping[str, Any], *, existing: Any = None,
                  context: Mapping[str, Any] | None = None, extra: list[ValidationError] | None = None
                  ) -> dict[str, Any]:
        fields = FIELDS[entity]
        cleaned, errors = clean(fields, values, partial=existing is not None)
        merged = {f.name: getattr(existing, f.name, None) for f in fields} if existing is not None else {
            f.name: None for f in fields}
        merged.update(cleaned)
        implied = derive(entity, merged)  # e.g. a relative target's value, a target period's end
        merged.update(implied)
        cleaned.update(implied)
        errors += check(entity, merged, context)
        errors += self._check_refs(s, entity, cleaned)
        errors += self._check_unique(s, entity, cleaned, existing)
        errors += extra or []
        if errors:
            raise ValidationFailed(errors, label(entity))
        return cleaned

    @staticmethod
    def _check_refs(s: Session, entity: str, cleaned: Mapping[str, Any]) -> list[ValidationError]:
        errors = []
        for f in FIELDS[entity]:
            value = cleaned.get(f.name)
            if f.kind == "ref" and value is not None and f.ref and s.get(MODELS[f.ref], value) is None:
                errors.append(ValidationError(
                    f.name, "missing", f"{f.label}: there is no {label(f.ref)} with id {value}"))
        return errors

    @staticmethod
    def _check_unique(s: Session, entity: str, cleaned: Mapping[str, Any], existing: Any) -> list[ValidationError]:
        model: Any = MODELS[entity]  # a model by name: its columns are read dynamically
        errors = []
        labels = {f.name: f.label for f in FIELDS[entity]}
        for constraint in model.__table__.constraints:
            if not isinstance(constraint, UniqueConstraint) or len(constraint.columns) != 1:
                continue
            column = next(iter(constraint.columns))
            value = cleaned.get(column.name)
            if value is None or column.name not in labels:
                continue
            q = select(model.id).where(getattr(model, column.name) == value)
            if existing is not None:
                q = q.where(model.id != existing.id)
            if s.scalar(q.limit(1)) is not None:
                errors.append(ValidationError(
                    column.name, "duplicate",
                    f"{labels[column.name]}: '{value}' is already used by another {label(entity)}"))
        return errors

    def _create(self, work: Work, entity: str, values: Mapping[str, Any], *,
                context: Mapping[str, Any] | None = None, set_: Mapping[str, Any] | None = None,
                extra: list[ValidationError] | None = None) -> Any:
        cleaned = self._validate(work.session, entity, values, context=context, extra=extra)
        obj = MODELS[entity](**{k: v for k, v in cleaned.items() if v is not None}, **(set_ or {}))
        work.session.add(obj)
        work.session.flush()
        return obj

    def _update(self, work: Work, entity: str, record_id: int, values: Mapping[str, Any],
                expected_version: int | None, *, context: Mapping[str, Any] | None = None,
                extra: list[ValidationError] | None = None) -> Any:
        obj = self._get(work.session, entity, record_id)
        self._check_version(work.session, entity, obj, expected_version)
        cleaned = self._validate(work.session, entity, values, existing=obj, context=context, extra=extra)
        for name, value in cleaned.items():
            setattr(obj, name, value)
        work.session.flush()
        return obj

    def _delete(self, work: Work, entity: str, record_id: int, expected_version: int | None) -> None:
        obj = self._get(work.session, entity, record_id)
        self._check_version(work.session, entity, obj, expected_version)
        uses = self._references(work.session, entity, record_id)
        if uses:
            named = [f"{n} {label(e)}{'s' if n > 1 else ''}" for e, n in uses]
            listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
            verb = "refers" if len(uses) == 1 and uses[0][1] == 1 else "refer"
            hint = " Archive it instead." if hasattr(obj, "archived") else ""
            raise Refused(f"This {label(entity)} cannot be deleted: {listed} still {verb} to it.{hint}",
                          label(entity), code="in_use")
        work.session.delete(obj)
        work.session.flush()

    @staticmethod
    def _references(s: Session, entity: str, record_id: int, *, model: Any = None) -> list[tuple[str, int]]:
        """Which records point at this one, by kind and count (foreign keys, read from the schema)."""
        target: Any = (model or MODELS[entity]).__table__
        found = []
        for table in target.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table is target:
                    n = s.scalar(select(func.count()).select_from(table).where(fk.parent == record_id))
                    if n:
                        found.append((table.name, n))
        return found

    def _set_archived(self, entity: str, record_id: int, expected_version: int | None, archived: bool) -> Changes:
        verb = "archive" if archived else "restore"
        with self._work(f"{verb}_{entity}") as w:
            obj = self._get(w.session, entity, record_id)
            self._check_version(w.session, entity, obj, expected_version)
            obj.archived = archived
        return w.changes()

    def _simple_create(self, entity: str, values: Mapping[str, Any], **kw: Any) -> Changes:
        with self._work(f"create_{entity}") as w:
            self._create(w, entity, values, **kw)
        return w.changes()

    def _simple_update(self, entity: str, record_id: int, values: Mapping[str, Any],
                       expected_version: int | None, **kw: Any) -> Changes:
        with self._work(f"update_{entity}") as w:
            self._update(w, entity, record_id, values, expected_version, **kw)
        return w.changes()

    def _simple_delete(self, entity: str, record_id: int, expected_version: int | None) -> Changes:
        with self._work(f"delete_{entity}") as w:
            self._delete(w, entity, record_id, expected_version)
        return w.changes()
