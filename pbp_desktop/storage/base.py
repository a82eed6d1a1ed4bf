"""Storage layer: the declarative base, its constraint naming convention, and column helpers."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Enum, ForeignKey, Integer, MetaData, String, false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints from the first migration on, so later migrations can alter them by name
# on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """An editable record: a surrogate key and a version for optimistic locking. Every UPDATE
    says WHERE version = <the version read>, so a lost update raises instead of overwriting."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Archivable:
    archived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())


def enum_column(enum_cls: type[StrEnum], name: str, *, nullable: bool = True, default: StrEnum | None = None,
                spelled_out: bool = False):
    """A VARCHAR holding an enum's value, with a named CHECK of the allowed values. spelled_out:
    the CHECK says `x = 'a' OR x = 'b' ...` rather than SQLAlchemy's `x IN ('a', 'b', ...)`,
    which SQLite 3.40 evaluates seven times slower for each row written (a tenth of a second
    over an import's 72,000 change-log rows); the same rule."""
    rule = [CheckConstraint(" OR ".join(f"{name} = '{m.value}'" for m in enum_cls), name=name)] if spelled_out else []
    return mapped_column(
        Enum(enum_cls, name=name, native_enum=False, create_constraint=not spelled_out, length=30,
             values_callable=lambda e: [m.value for m in e], validate_strings=True),
        *rule,
        nullable=nullable,
        default=default,
    )


def fk(target: str, *, nullable: bool = True, index: bool = True):
    return mapped_column(ForeignKey(target), nullable=nullable, index=index)


def text(n: int = 200, *, nullable: bool = True):
    return mapped_column(String(n), nullable=nullable)
