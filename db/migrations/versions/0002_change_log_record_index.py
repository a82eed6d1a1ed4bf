"""Index the change log by record, for a record's history and for naming who changed a record
when an edit is refused as a conflict.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_log_entity_entity_id", "change_log", ["entity", "entity_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_change_log_entity_entity_id", table_name="change_log")
