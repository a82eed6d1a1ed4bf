"""Indicator assessments kept for the dashboard and the outcome tree: derived data, not audited,
deleted by triggers whenever an indicator, its actuals, its plan or its rebases change.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SOURCES = {"actual": "indicator_id", "trajectory_point": "indicator_id", "indicator_rebase": "indicator_id",
           "indicator": "id"}


def upgrade() -> None:
    op.create_table(
        "indicator_assessment",
        sa.Column("indicator_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("algorithm", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("indicator_id", name=op.f("pk_indicator_assessment")),
    )
    dialect = op.get_bind().dialect.name
    for table, col in SOURCES.items():
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER trg_{table}_ins_assessment AFTER INSERT ON {table} BEGIN "
                       f"DELETE FROM indicator_assessment WHERE indicator_id = NEW.{col}; END")
            op.execute(f"CREATE TRIGGER trg_{table}_upd_assessment AFTER UPDATE ON {table} BEGIN "
                       f"DELETE FROM indicator_assessment WHERE indicator_id IN (OLD.{col}, NEW.{col}); END")
            op.execute(f"CREATE TRIGGER trg_{table}_del_assessment AFTER DELETE ON {table} BEGIN "
                       f"DELETE FROM indicator_assessment WHERE indicator_id = OLD.{col}; END")
        else:
            op.execute(f"CREATE FUNCTION pbp_{table}_assessment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       f"IF TG_OP <> 'INSERT' THEN DELETE FROM indicator_assessment WHERE indicator_id = OLD.{col}; "
                       f"END IF; IF TG_OP <> 'DELETE' THEN DELETE FROM indicator_assessment "
                       f"WHERE indicator_id = NEW.{col}; END IF; RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER trg_{table}_assessment AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION pbp_{table}_assessment()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in SOURCES:
        if dialect == "sqlite":
            for kind in ("ins", "upd", "del"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_{kind}_assessment")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_assessment ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS pbp_{table}_assessment()")
    op.drop_table("indicator_assessment")
