"""A risk's gaps in assurance, kept apart from its gaps in control (a Board Assurance Framework
names both).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("risk") as b:
        b.add_column(sa.Column("assurance_gaps", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("risk") as b:
        b.drop_column("assurance_gaps")
