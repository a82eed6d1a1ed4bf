"""Privacy: deliberate disclosures (a record published on purpose, public text confirmed public
although it quotes a private record), packs printed as drafts, and the cover sheet kept per
session: the one cover remembered for both sessions becomes the cover of the session of the
last pack printed, the one that saved it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "disclosure",
        sa.Column("record_table", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("quoted_table", sa.String(length=40), nullable=True),
        sa.Column("quoted_id", sa.Integer(), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure")),
    )
    with op.batch_alter_table("pack") as b:
        b.add_column(sa.Column("draft", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.execute("UPDATE register_setting SET key = 'pack.cover.last.' || "
               "(SELECT session FROM pack ORDER BY id DESC LIMIT 1) "
               "WHERE key = 'pack.cover' AND EXISTS (SELECT 1 FROM pack)")
    op.execute("DELETE FROM register_setting WHERE key = 'pack.cover'")


def downgrade() -> None:
    op.execute("DELETE FROM register_setting WHERE key LIKE 'pack.cover.%' OR key LIKE 'pack.judgement.%'")
    with op.batch_alter_table("pack") as b:
        b.drop_column("draft")
    op.drop_table("disclosure")
