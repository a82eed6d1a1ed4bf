"""Keep each command's batch id, time, user and words once, in change_batch, and point its
change-log rows at it: they were repeated on every row (an import of 72,000 actuals wrote them
72,000 times, three times the size of the records themselves). Every row is kept, with the
same words; nothing in the log is dropped or merged.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SPELLED_OUT = "change = 'create' OR change = 'update' OR change = 'delete'"


def upgrade() -> None:
    op.create_table(
        "change_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("command", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_batch")),
    )
    op.create_index(op.f("ix_change_batch_batch"), "change_batch", ["batch"], unique=False)
    # one row for each command as the log holds it (a batch's rows share all four; were one
    # ever to differ, it would keep a row of its own rather than lose its words)
    op.execute('INSERT INTO change_batch (batch, at, "user", command) '
               'SELECT batch, at, "user", command FROM change_log '
               'GROUP BY batch, at, "user", command ORDER BY MIN(id)')
    with op.batch_alter_table("change_log") as b:
        b.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
    op.execute('UPDATE change_log SET batch_id = (SELECT c.id FROM change_batch c WHERE c.batch = change_log.batch '
               'AND c.at = change_log.at AND c."user" = change_log."user" AND c.command = change_log.command)')
    with op.batch_alter_table("change_log") as b:  # SQLite copies the table; PostgreSQL alters it
        b.drop_index("ix_change_log_batch")
        b.drop_column("batch")
        b.drop_column("at")
        b.drop_column("user")
        b.drop_column("command")
        b.alter_column("batch_id", existing_type=sa.Integer(), nullable=False)
        b.create_foreign_key(op.f("fk_change_log_batch_id_change_batch"), "change_batch", ["batch_id"], ["id"])
        b.create_index(op.f("ix_change_log_batch_id"), ["batch_id"], unique=False)
        # the same rule, spelled out: SQLite checks `x IN (...)` seven times slower a row
        b.drop_constraint(op.f("ck_change_log_change"), type_="check")
        b.create_check_constraint(op.f("ck_change_log_change"), SPELLED_OUT)


def downgrade() -> None:
    with op.batch_alter_table("change_log") as b:
        b.add_column(sa.Column("batch", sa.String(length=36), nullable=True))
        b.add_column(sa.Column("at", sa.DateTime(), nullable=True))
        b.add_column(sa.Column("user", sa.String(length=100), nullable=True))
        b.add_column(sa.Column("command", sa.String(length=100), nullable=True))
    for col in ("batch", "at", "user", "command"):
        op.execute(f'UPDATE change_log SET "{col}" = (SELECT c."{col}" FROM change_batch c '
                   'WHERE c.id = change_log.batch_id)')
    with op.batch_alter_table("change_log") as b:  # SQLite copies the table; PostgreSQL alters it
        b.drop_index("ix_change_log_batch_id")
        b.drop_constraint("fk_change_log_batch_id_change_batch", type_="foreignkey")
        b.drop_column("batch_id")
        for col, kind in (("batch", sa.String(length=36)), ("at", sa.DateTime()), ("user", sa.String(length=100)),
                          ("command", sa.String(length=100))):
            b.alter_column(col, existing_type=kind, nullable=False)
        b.create_index("ix_change_log_batch", ["batch"], unique=False)
        b.drop_constraint(op.f("ck_change_log_change"), type_="check")
        b.create_check_constraint(op.f("ck_change_log_change"), "change IN ('create', 'update', 'delete')")
    op.drop_index(op.f("ix_change_batch_batch"), table_name="change_batch")
    op.drop_table("change_batch")
