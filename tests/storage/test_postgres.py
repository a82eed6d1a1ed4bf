"""Storage on PostgreSQL: the same migrations build exactly the models there too, and a
register copies between SQLite and PostgreSQL losslessly (pbp-cli copy)."""

from __future__ import annotations

import io

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pbp_desktop.cli.main import main
from pbp_desktop.services import Register
from pbp_desktop.storage.assessments import derived_metadata
from pbp_desktop.storage.base import Base


def test_migrations_build_the_models_on_postgres(postgres):
    url = postgres.fresh("pbp_test_migrations")
    reg = Register.open(url, create=True)
    try:
        with reg.opened.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                     [Base.metadata, derived_metadata])
        assert diffs == []
    finally:
        reg.close()
        postgres.drop("pbp_test_migrations")


def test_copy_sqlite_to_postgres_and_back_is_lossless(postgres, demo_path, tmp_path):
    url = postgres.fresh("pbp_test_copy")
    try:
        out = io.StringIO()
        assert main(["copy", str(demo_path), url], out=out, err=io.StringIO()) == 0
        back = tmp_path / "back.sqlite"
        assert main(["copy", url, str(back)], out=out, err=io.StringIO()) == 0
        first, second = tmp_path / "a.json", tmp_path / "b.json"
        assert main(["export", str(demo_path), "--format", "json", "--out", str(first)], out=out) == 0
        assert main(["export", str(back), "--format", "json", "--out", str(second)], out=out) == 0
        assert first.read_bytes() == second.read_bytes()
        err = io.StringIO()
        assert main(["copy", str(demo_path), url], out=out, err=err) == 2
        assert "already holds a register" in err.getvalue()
    finally:
        postgres.drop("pbp_test_copy")
