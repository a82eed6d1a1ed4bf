"""Storage on PostgreSQL: the same migrations and services, no SQLite-only SQL. Runs when
PBP_TEST_PG_URL names an empty database that the test may fill (e.g.
postgresql+psycopg://pbp@127.0.0.1:55432/pbp_test); skipped otherwise."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from pbp_desktop.domain.enums import Rag
from pbp_desktop.domain.errors import ConflictError, ValidationFailed
from pbp_desktop.services import Register
from pbp_desktop.services.demo import build_demo
from pbp_desktop.storage.base import Base
from tests.conftest import TODAY

URL = os.environ.get("PBP_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not URL, reason="PBP_TEST_PG_URL is not set")


@pytest.fixture
def pg_register():
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    reg = Register.open(URL, create=True, user="director", clock=lambda: TODAY)
    yield reg
    reg.close()


def test_migrations_build_the_models_on_postgres(pg_register):
    with pg_register.opened.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diffs == []


def test_demo_and_rules_on_postgres(pg_register):
    build_demo(pg_register, today=TODAY)
    laa = next(o for o in pg_register.queries.summary().outcomes if o.reference == "LAA")
    assert laa.counts == {Rag.RED: 3, Rag.AMBER: 3, Rag.GREEN: 4, Rag.GREY: 1}
    assert pg_register.integrity_problems() == []
    risk = pg_register.queries.risks()[0]
    with pytest.raises(ValidationFailed):
        pg_register.risks.rescore(risk.id, {"consequence": 4, "likelihood": 6}, risk.version)
    pg_register.risks.rescore(risk.id, {"consequence": 4, "likelihood": 4}, risk.version)
    with pytest.raises(ConflictError):
        pg_register.risks.rescore(risk.id, {"consequence": 4, "likelihood": 2}, risk.version)
