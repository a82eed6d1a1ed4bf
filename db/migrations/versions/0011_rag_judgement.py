"""A lead's assessed RAG for a period, with its reason, kept beside the computed one; and each
indicator's expected reporting lag (how long after a period ends its figure is normally
published), from which a latest figure is called out of date.

The batch rebuilds of `actual` and `indicator` on SQLite drop their triggers (migration 0006's
deletion of a stale indicator assessment); they are made again here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

RAGS = ("green", "amber", "red", "grey")


def _triggers(table: str, col: str) -> None:
    """Migration 0006's SQLite triggers for one table (PostgreSQL keeps its own over ALTER)."""
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_ins_assessment")
    op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_upd_assessment")
    op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_del_assessment")
    op.execute(f"CREATE TRIGGER trg_{table}_ins_assessment AFTER INSERT ON {table} BEGIN "
               f"DELETE FROM indicator_assessment WHERE indicator_id = NEW.{col}; END")
    op.execute(f"CREATE TRIGGER trg_{table}_upd_assessment AFTER UPDATE ON {table} BEGIN "
               f"DELETE FROM indicator_assessment WHERE indicator_id IN (OLD.{col}, NEW.{col}); END")
    op.execute(f"CREATE TRIGGER trg_{table}_del_assessment AFTER DELETE ON {table} BEGIN "
               f"DELETE FROM indicator_assessment WHERE indicator_id = OLD.{col}; END")


def upgrade() -> None:
    with op.batch_alter_table("actual") as b:
        b.add_column(sa.Column("assessed_rag", sa.Enum(*RAGS, name="assessed_rag", native_enum=False,
                                                       create_constraint=True, length=30), nullable=True))
        b.add_column(sa.Column("assessed_reason", sa.Text(), nullable=True))
        b.create_check_constraint("assessed_with_reason", "assessed_rag IS NULL OR assessed_reason IS NOT NULL")
    _triggers("actual", "indicator_id")
    with op.batch_alter_table("indicator") as b:
        b.add_column(sa.Column("reporting_lag_months", sa.Integer(), nullable=True))
        b.create_check_constraint("reporting_lag_months", "reporting_lag_months BETWEEN 0 AND 120")
    _triggers("indicator", "id")
    # every stored assessment is made again by the rules that know the new columns
    op.execute("DELETE FROM indicator_assessment")


def downgrade() -> None:
    with op.batch_alter_table("indicator") as b:
        b.drop_constraint("reporting_lag_months", type_="check")
        b.drop_column("reporting_lag_months")
    _triggers("indicator", "id")
    with op.batch_alter_table("actual") as b:
        b.drop_constraint("assessed_with_reason", type_="check")
        b.drop_constraint("assessed_rag", type_="check")
        b.drop_column("assessed_reason")
        b.drop_column("assessed_rag")
    _triggers("actual", "indicator_id")
