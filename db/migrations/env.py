"""Alembic environment. The app passes an open connection in config.attributes["connection"];
from the command line, pass -x url=... . Migration scripts never import the app's models: each
revision states its own schema, so old revisions keep working as the models move on."""

from __future__ import annotations

from alembic import context
from sqlalchemy import MetaData, create_engine

config = context.config

# The register's constraint naming convention, fixed since revision 0001 (a copy of the one in
# pbp_desktop/storage/base.py; tests/migrations checks that they agree). Alembic's op.* names
# constraints by it, so batch migrations on SQLite can find them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
target_metadata = MetaData(naming_convention=NAMING_CONVENTION)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the register with: alembic -c db/alembic.ini -x url=sqlite:///FILE upgrade head")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copy-and-move
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
