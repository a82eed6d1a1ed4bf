"""SPC rebases: the periods from which an indicator's chart starts a new group, with a reason.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_rebase",
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], name=op.f("fk_indicator_rebase_indicator_id_indicator")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_rebase")),
        sa.UniqueConstraint("indicator_id", "period", name=op.f("uq_indicator_rebase_indicator_id_period")),
    )
    op.create_index(op.f("ix_indicator_rebase_indicator_id"), "indicator_rebase", ["indicator_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_indicator_rebase_indicator_id"), table_name="indicator_rebase")
    op.drop_table("indicator_rebase")
