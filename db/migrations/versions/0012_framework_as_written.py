"""The framework as the board wrote it: a priority outcome's leads in their capacities (sponsor,
lead partner, lead officer; several of each) in a table of their own, replacing the outcome's
single sponsor, lead officer and lead partner columns (moved into it); a lead of an outcome or an
objective may be a person, a partner, a team or a role (named as written); an indicator may hang
directly off an outcome; a relative target ("reduce by 20%") and a target period ("2015/16")
are kept as written.

The batch rebuild of `indicator` on SQLite drops its triggers (migration 0006's deletion of a
stale indicator assessment); they are made again here, as 0011 does.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

CAPACITIES = ("sponsor", "lead_partner", "lead_officer")
CHANGES = ("reduce_pct", "increase_pct", "reduce_by", "increase_by")
ONE_LEAD = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("person_id", "partner_id", "team", "role")) + " = 1"
# the outcome's columns moved into outcome_lead: (column, capacity, the lead's column there)
MOVED = (("sponsor_id", "sponsor", "person_id"), ("lead_partner_id", "lead_partner", "partner_id"),
         ("lead_officer_id", "lead_officer", "person_id"))


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=30)


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
    op.create_table(
        "outcome_lead",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("capacity", _enum("capacity", *CAPACITIES), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("team", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(ONE_LEAD, name=op.f("ck_outcome_lead_one_lead")),
        sa.ForeignKeyConstraint(["outcome_id"], ["outcome.id"], name=op.f("fk_outcome_lead_outcome_id_outcome")),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_outcome_lead_partner_id_partner")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_outcome_lead_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcome_lead")),
    )
    # the outcome's own leads move into it, sponsor first, in the outcome's order
    for column, capacity, lead_column in MOVED:
        op.execute(f"INSERT INTO outcome_lead (outcome_id, capacity, {lead_column}, version) "
                   f"SELECT id, '{capacity}', {column}, 1 FROM outcome WHERE {column} IS NOT NULL ORDER BY id")
    for column, _, _ in MOVED:
        op.drop_index(f"ix_outcome_{column}", table_name="outcome")
    with op.batch_alter_table("outcome") as b:
        for column, _, _ in MOVED:
            b.drop_constraint(f"fk_outcome_{column}_{'partner' if 'partner' in column else 'person'}",
                              type_="foreignkey")
            b.drop_column(column)
    op.create_index(op.f("ix_outcome_lead_outcome_id"), "outcome_lead", ["outcome_id"])
    op.create_index(op.f("ix_outcome_lead_person_id"), "outcome_lead", ["person_id"])
    op.create_index(op.f("ix_outcome_lead_partner_id"), "outcome_lead", ["partner_id"])

    with op.batch_alter_table("objective_lead") as b:
        b.add_column(sa.Column("team", sa.String(length=200), nullable=True))
        b.add_column(sa.Column("role", sa.String(length=200), nullable=True))
        b.drop_constraint("person_or_partner", type_="check")
        b.create_check_constraint("one_lead", ONE_LEAD)

    with op.batch_alter_table("indicator") as b:
        b.alter_column("objective_id", existing_type=sa.Integer(), nullable=True)
        b.add_column(sa.Column("outcome_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("target_period", sa.String(length=40), nullable=True))
        b.add_column(sa.Column("target_change", _enum("target_change", *CHANGES), nullable=True))
        b.add_column(sa.Column("target_amount", sa.Float(), nullable=True))
        b.create_foreign_key("fk_indicator_outcome_id_outcome", "outcome", ["outcome_id"], ["id"])
        b.create_index("ix_indicator_outcome_id", ["outcome_id"])
        b.create_check_constraint("objective_or_outcome", "(objective_id IS NULL) <> (outcome_id IS NULL)")
        b.create_check_constraint("relative_target", "(target_change IS NULL) = (target_amount IS NULL)")
        b.create_check_constraint("target_amount", "target_amount IS NULL OR target_amount >= 0")
    _triggers("indicator", "id")


def downgrade() -> None:
    # an indicator directly under an outcome goes under an objective made for it
    op.execute("INSERT INTO objective (outcome_id, reference, title, sort_order, archived, version) "
               "SELECT o.id, substr(o.reference, 1, 17) || '.M', 'Measures of the outcome as a whole', 0, "
               "o.archived, 1 FROM outcome o WHERE o.id IN (SELECT outcome_id FROM indicator "
               "WHERE outcome_id IS NOT NULL)")
    op.execute("UPDATE indicator SET objective_id = (SELECT j.id FROM objective j JOIN outcome o "
               "ON o.id = j.outcome_id WHERE o.id = indicator.outcome_id "
               "AND j.reference = substr(o.reference, 1, 17) || '.M'), outcome_id = NULL WHERE outcome_id IS NOT NULL")
    with op.batch_alter_table("indicator") as b:
        b.drop_constraint("target_amount", type_="check")
        b.drop_constraint("relative_target", type_="check")
        b.drop_constraint("objective_or_outcome", type_="check")
        b.drop_index("ix_indicator_outcome_id")
        b.drop_constraint("fk_indicator_outcome_id_outcome", type_="foreignkey")
        b.drop_constraint("target_change", type_="check")
        b.drop_column("target_amount")
        b.drop_column("target_change")
        b.drop_column("target_period")
        b.drop_column("outcome_id")
        b.alter_column("objective_id", existing_type=sa.Integer(), nullable=False)
    _triggers("indicator", "id")

    # a team or a role cannot be an objective's lead before this revision
    op.execute("DELETE FROM objective_lead WHERE team IS NOT NULL OR role IS NOT NULL")
    with op.batch_alter_table("objective_lead") as b:
        b.drop_constraint("one_lead", type_="check")
        b.drop_column("role")
        b.drop_column("team")
        b.create_check_constraint("person_or_partner", "(person_id IS NULL) <> (partner_id IS NULL)")

    op.drop_index(op.f("ix_outcome_lead_partner_id"), table_name="outcome_lead")
    op.drop_index(op.f("ix_outcome_lead_person_id"), table_name="outcome_lead")
    op.drop_index(op.f("ix_outcome_lead_outcome_id"), table_name="outcome_lead")
    with op.batch_alter_table("outcome") as b:
        for column, _, _ in MOVED:
            b.add_column(sa.Column(column, sa.Integer(), nullable=True))
            b.create_foreign_key(f"fk_outcome_{column}_{'partner' if 'partner' in column else 'person'}",
                                 "partner" if "partner" in column else "person", [column], ["id"])
    # the first of each capacity goes back (a person for the sponsor and officer, a partner for the partner)
    for column, capacity, lead_column in MOVED:
        op.execute(f"UPDATE outcome SET {column} = (SELECT l.{lead_column} FROM outcome_lead l "
                   f"WHERE l.outcome_id = outcome.id AND l.capacity = '{capacity}' AND l.{lead_column} IS NOT NULL "
                   f"ORDER BY l.id LIMIT 1)")
    for column, _, _ in MOVED:
        op.create_index(f"ix_outcome_{column}", "outcome", [column])
    op.drop_table("outcome_lead")
