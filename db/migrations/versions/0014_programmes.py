"""Programmes and milestones: a programme (a strategic initiative or transformation programme)
and its projects or key activities in one table (a project has a parent), their links (outcomes,
objectives, risks, actions, lead partners), contributions to the partnership's goals, expected
benefits, monthly highlight reports, and milestones (check points) with every change of forecast.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLES = ("programme_link", "milestone_forecast", "programme_update", "programme_goal", "programme_benefit",
          "milestone", "programme")


def upgrade() -> None:
    op.create_table('programme',
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('aim', sa.Text(), nullable=True),
    sa.Column('lead_director_id', sa.Integer(), nullable=True),
    sa.Column('sponsor_id', sa.Integer(), nullable=True),
    sa.Column('activity_manager_id', sa.Integer(), nullable=True),
    sa.Column('gateway_stage', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('proposed', 'active', 'paused', 'closed', 'decommissioned', name='status', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('confidence', sa.Enum('green', 'amber', 'red', 'grey', name='confidence', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('confidence_reason', sa.Text(), nullable=True),
    sa.Column('contingency_months', sa.Integer(), nullable=True),
    sa.Column('investment', sa.Float(), nullable=True),
    sa.Column('key_partners', sa.Text(), nullable=True),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint('contingency_months >= 0', name=op.f('ck_programme_contingency_months')),
    sa.CheckConstraint('gateway_stage >= 1', name=op.f('ck_programme_gateway_stage')),
    sa.CheckConstraint('investment >= 0', name=op.f('ck_programme_investment')),
    sa.CheckConstraint('parent_id <> id', name=op.f('ck_programme_not_own_parent')),
    sa.ForeignKeyConstraint(['activity_manager_id'], ['person.id'], name=op.f('fk_programme_activity_manager_id_person')),
    sa.ForeignKeyConstraint(['lead_director_id'], ['person.id'], name=op.f('fk_programme_lead_director_id_person')),
    sa.ForeignKeyConstraint(['parent_id'], ['programme.id'], name=op.f('fk_programme_parent_id_programme')),
    sa.ForeignKeyConstraint(['sponsor_id'], ['person.id'], name=op.f('fk_programme_sponsor_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme')),
    sa.UniqueConstraint('reference', name=op.f('uq_programme_reference'))
    )
    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_activity_manager_id'), ['activity_manager_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_lead_director_id'), ['lead_director_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_sponsor_id'), ['sponsor_id'], unique=False)

    op.create_table('milestone',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('baseline_date', sa.Date(), nullable=False),
    sa.Column('forecast_date', sa.Date(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'complete', 'cancelled', name='status', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('check_point', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('reported_to', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_milestone_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_benefit',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_programme_benefit_indicator_id_indicator')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_benefit_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_benefit'))
    )
    with op.batch_alter_table('programme_benefit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_benefit_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_benefit_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_goal',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('goal', sa.String(length=100), nullable=False),
    sa.Column('contribution', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_goal_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_goal')),
    sa.UniqueConstraint('programme_id', 'goal', name=op.f('uq_programme_goal_programme_id_goal'))
    )
    with op.batch_alter_table('programme_goal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_goal_programme_id'), ['programme_id'], unique=False)

    op.create_table('programme_update',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('progress', sa.Text(), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('risks_issues', sa.Text(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=True),
    sa.Column('confidence', sa.Enum('green', 'amber', 'red', 'grey', name='confidence', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('confidence_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_update_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_update')),
    sa.UniqueConstraint('programme_id', 'month', name=op.f('uq_programme_update_programme_id_month'))
    )
    with op.batch_alter_table('programme_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_update_programme_id'), ['programme_id'], unique=False)

    op.create_table('milestone_forecast',
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.Column('forecast_date', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_milestone_forecast_milestone_id_milestone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone_forecast'))
    )
    with op.batch_alter_table('milestone_forecast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_forecast_milestone_id'), ['milestone_id'], unique=False)

    op.create_table('programme_link',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('outcome_id', sa.Integer(), nullable=True),
    sa.Column('objective_id', sa.Integer(), nullable=True),
    sa.Column('risk_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(CASE WHEN outcome_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN objective_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN risk_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN action_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN partner_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_programme_link_one_target')),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_programme_link_action_id_action')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_programme_link_objective_id_objective')),
    sa.ForeignKeyConstraint(['outcome_id'], ['outcome.id'], name=op.f('fk_programme_link_outcome_id_outcome')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_programme_link_partner_id_partner')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_link_programme_id_programme')),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_programme_link_risk_id_risk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_link')),
    sa.UniqueConstraint('programme_id', 'outcome_id', 'objective_id', 'risk_id', 'action_id', 'partner_id', name='uq_programme_link_target')
    )
    with op.batch_alter_table('programme_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_link_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_link_objective_id'), ['objective_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_link_outcome_id'), ['outcome_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_link_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_link_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_link_risk_id'), ['risk_id'], unique=False)


def downgrade() -> None:
    for table in TABLES:  # children first
        op.drop_table(table)
