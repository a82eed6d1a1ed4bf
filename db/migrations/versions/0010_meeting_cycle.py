"""The meeting cycle: bodies carry their rules (quorum, how often and where they meet, whether in
public, contact officer and signatory) and their agenda template (standing items); members have a
standing (chair, vice-chair, member, officer in attendance); meetings have their chair, the time
they ended, the resolution to exclude the public, and the state of their minutes (draft until
approved at a later meeting); agenda items have a kind, a purpose, a time, a paper reference and
their wording; declarations point at the register of interests (new) and record the action taken;
approved minutes change only by an amendment (new); attendance may be recorded as absent; and a
printed paper (agenda, minutes, action log, register of interests) is recorded as a pack is.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=30)


ITEM_KINDS = ("apologies", "declarations", "previous_minutes", "action_log", "business", "public_questions",
              "other_business", "next_meeting")
PURPOSES = ("decision", "assurance", "discussion", "information")
CATEGORIES = ("financial", "non_financial_professional", "non_financial_personal", "indirect")


def upgrade() -> None:
    op.create_table(
        "standing_item",
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("kind", *ITEM_KINDS), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("purpose", _enum("purpose", *PURPOSES), nullable=True),
        sa.Column("after_business", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_standing_item_body_id_body")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standing_item")),
    )
    op.create_index(op.f("ix_standing_item_body_id"), "standing_item", ["body_id"])
    op.create_table(
        "interest",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("category", _enum("category", *CATEGORIES), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("from_on", sa.Date(), nullable=True),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("confidential", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_interest_partner_id_partner")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_interest_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interest")),
    )
    op.create_index(op.f("ix_interest_partner_id"), "interest", ["partner_id"])
    op.create_index(op.f("ix_interest_person_id"), "interest", ["person_id"])
    op.create_table(
        "minute_amendment",
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("amended_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("old_text", sa.Text(), nullable=True),
        sa.Column("new_text", sa.Text(), nullable=True),
        sa.Column("minute_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_item.id"],
                                name=op.f("fk_minute_amendment_agenda_item_id_agenda_item")),
        sa.ForeignKeyConstraint(["minute_id"], ["minute.id"], name=op.f("fk_minute_amendment_minute_id_minute")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minute_amendment")),
    )
    op.create_index(op.f("ix_minute_amendment_agenda_item_id"), "minute_amendment", ["agenda_item_id"])
    op.create_index(op.f("ix_minute_amendment_minute_id"), "minute_amendment", ["minute_id"])

    with op.batch_alter_table("body") as b:
        b.add_column(sa.Column("quorum", sa.Integer(), nullable=True))
        b.add_column(sa.Column("frequency", _enum("frequency", "weekly", "fortnightly", "monthly", "six_weekly",
                                                  "bi_monthly", "quarterly", "as_required"), nullable=True))
        b.add_column(sa.Column("meets_in_public", sa.Boolean(), server_default=sa.true(), nullable=False))
        b.add_column(sa.Column("usual_time", sa.String(length=20), nullable=True))
        b.add_column(sa.Column("usual_place", sa.String(length=300), nullable=True))
        b.add_column(sa.Column("contact_officer", sa.String(length=300), nullable=True))
        b.add_column(sa.Column("signatory", sa.String(length=300), nullable=True))
        b.create_check_constraint("quorum", "quorum IS NULL OR quorum >= 1")
    with op.batch_alter_table("membership") as b:
        b.add_column(sa.Column("standing", _enum("standing", "chair", "vice_chair", "member", "officer"),
                               server_default="member", nullable=False))
    # a role typed as chair or vice-chair becomes that standing; everyone else stays a member
    op.execute("UPDATE membership SET standing = 'vice_chair' WHERE lower(replace(replace(role, '-', ''), ' ', '')) "
               "IN ('vicechair', 'vicechairman', 'vicechairperson', 'deputychair')")
    op.execute("UPDATE membership SET standing = 'chair' WHERE lower(trim(role)) IN "
               "('chair', 'chairman', 'chairperson', 'chairwoman', 'co-chair', 'cochair')")
    with op.batch_alter_table("meeting") as b:
        b.add_column(sa.Column("chair_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("ended_at", sa.String(length=20), nullable=True))
        b.add_column(sa.Column("exclusion", sa.Text(), nullable=True))
        b.add_column(sa.Column("minutes_status", _enum("minutes_status", "draft", "approved"),
                               server_default="draft", nullable=False))
        b.add_column(sa.Column("minutes_approved_on", sa.Date(), nullable=True))
        b.create_index(b.f("ix_meeting_chair_id"), ["chair_id"])
        b.create_foreign_key(b.f("fk_meeting_chair_id_person"), "person", ["chair_id"], ["id"])
    with op.batch_alter_table("agenda_item") as b:
        b.drop_constraint(b.f("uq_agenda_item_meeting_id_number"), type_="unique")
        b.add_column(sa.Column("kind", _enum("kind", *ITEM_KINDS), server_default="business", nullable=False))
        b.add_column(sa.Column("purpose", _enum("purpose", *PURPOSES), nullable=True))
        b.add_column(sa.Column("item_time", sa.String(length=20), nullable=True))
        b.add_column(sa.Column("paper_ref", sa.String(length=40), nullable=True))
        b.add_column(sa.Column("description", sa.Text(), nullable=True))
        b.add_column(sa.Column("approves_id", sa.Integer(), nullable=True))
        b.create_index(b.f("ix_agenda_item_approves_id"), ["approves_id"])
        b.create_foreign_key(b.f("fk_agenda_item_approves_id_meeting"), "meeting", ["approves_id"], ["id"])
    with op.batch_alter_table("declaration") as b:
        b.add_column(sa.Column("detail", sa.Text(), nullable=True))
        b.add_column(sa.Column("interest_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("category", _enum("category", *CATEGORIES), nullable=True))
        b.add_column(sa.Column("action_taken", sa.String(length=300), nullable=True))
        b.create_index(b.f("ix_declaration_interest_id"), ["interest_id"])
        b.create_foreign_key(b.f("fk_declaration_interest_id_interest"), "interest", ["interest_id"], ["id"])
    with op.batch_alter_table("attendance") as b:
        b.drop_constraint(b.f("ck_attendance_attendance"), type_="check")
        b.create_check_constraint("attendance", "attendance IN ('present', 'in_attendance', 'apologies', 'absent')")
    with op.batch_alter_table("pack") as b:
        b.add_column(sa.Column("paper", _enum("paper", "pack", "agenda", "minutes", "action_log", "interests"),
                               server_default="pack", nullable=False))
        b.add_column(sa.Column("file_format", _enum("file_format", "pdf", "docx"), server_default="pdf", nullable=False))


def downgrade() -> None:
    op.execute("DELETE FROM pack WHERE paper <> 'pack'")
    with op.batch_alter_table("pack") as b:
        b.drop_constraint(b.f("ck_pack_paper"), type_="check")
        b.drop_constraint(b.f("ck_pack_file_format"), type_="check")
        b.drop_column("file_format")
        b.drop_column("paper")
    op.execute("UPDATE attendance SET attendance = 'apologies' WHERE attendance = 'absent'")
    with op.batch_alter_table("attendance") as b:
        b.drop_constraint(b.f("ck_attendance_attendance"), type_="check")
        b.create_check_constraint("attendance", "attendance IN ('present', 'in_attendance', 'apologies')")
    with op.batch_alter_table("declaration") as b:
        b.drop_constraint("fk_declaration_interest_id_interest", type_="foreignkey")
        b.drop_index("ix_declaration_interest_id")
        b.drop_constraint(b.f("ck_declaration_category"), type_="check")
        for c in ("action_taken", "category", "interest_id", "detail"):
            b.drop_column(c)
    with op.batch_alter_table("agenda_item") as b:
        b.drop_constraint("fk_agenda_item_approves_id_meeting", type_="foreignkey")
        b.drop_index("ix_agenda_item_approves_id")
        b.drop_constraint(b.f("ck_agenda_item_kind"), type_="check")
        b.drop_constraint(b.f("ck_agenda_item_purpose"), type_="check")
        for c in ("approves_id", "description", "paper_ref", "item_time", "purpose", "kind"):
            b.drop_column(c)
        b.create_unique_constraint(b.f("uq_agenda_item_meeting_id_number"), ["meeting_id", "number"])
    with op.batch_alter_table("meeting") as b:
        b.drop_constraint("fk_meeting_chair_id_person", type_="foreignkey")
        b.drop_index("ix_meeting_chair_id")
        b.drop_constraint(b.f("ck_meeting_minutes_status"), type_="check")
        for c in ("minutes_approved_on", "minutes_status", "exclusion", "ended_at", "chair_id"):
            b.drop_column(c)
    with op.batch_alter_table("membership") as b:
        b.drop_constraint(b.f("ck_membership_standing"), type_="check")
        b.drop_column("standing")
    with op.batch_alter_table("body") as b:
        b.drop_constraint(b.f("ck_body_quorum"), type_="check")
        b.drop_constraint(b.f("ck_body_frequency"), type_="check")
        for c in ("signatory", "contact_officer", "usual_place", "usual_time", "meets_in_public", "frequency",
                  "quorum"):
            b.drop_column(c)
    op.drop_table("minute_amendment")
    op.drop_table("interest")
    op.drop_table("standing_item")
