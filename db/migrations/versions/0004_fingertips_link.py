"""Link an indicator to the OHID Fingertips rows its actuals come from (indicator ID, area,
sex, age, category), so that imports pick the right rows.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("fingertips_id", sa.Integer()),
    ("fingertips_area", sa.String(length=20)),
    ("fingertips_sex", sa.String(length=40)),
    ("fingertips_age", sa.String(length=60)),
    ("fingertips_category", sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
