"""Drop the indexes on indicator_id of actual, trajectory_point and indicator_rebase: each table's
unique (indicator_id, period) index already serves every look-up by indicator, and the second
index only slowed every write (an import of tens of thousands of actuals most).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_actual_indicator_id", table_name="actual")
    op.drop_index("ix_trajectory_point_indicator_id", table_name="trajectory_point")
    op.drop_index("ix_indicator_rebase_indicator_id", table_name="indicator_rebase")


def downgrade() -> None:
    op.create_index("ix_indicator_rebase_indicator_id", "indicator_rebase", ["indicator_id"], unique=False)
    op.create_index("ix_trajectory_point_indicator_id", "trajectory_point", ["indicator_id"], unique=False)
    op.create_index("ix_actual_indicator_id", "actual", ["indicator_id"], unique=False)
