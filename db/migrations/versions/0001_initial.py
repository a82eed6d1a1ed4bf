"""The first register schema: partnership, partners, people, bodies, outcomes, objectives,
indicators, trajectories, actuals, risks, meetings, actions, packs and the change log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('body',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=True),
    sa.Column('reports_to_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint('reports_to_id IS NULL OR reports_to_id <> id', name=op.f('ck_body_not_own_parent')),
    sa.ForeignKeyConstraint(['reports_to_id'], ['body.id'], name=op.f('fk_body_reports_to_id_body')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body')),
    sa.UniqueConstraint('name', name=op.f('uq_body_name'))
    )
    op.create_index(op.f('ix_body_reports_to_id'), 'body', ['reports_to_id'], unique=False)
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('command', sa.String(length=100), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.Enum('create', 'update', 'delete', name='change', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    op.create_index(op.f('ix_change_log_batch'), 'change_log', ['batch'], unique=False)
    op.create_table('partner',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('short_name', sa.String(length=40), nullable=True),
    sa.Column('sector', sa.Enum('nhs_trust', 'icb_ccg', 'local_authority', 'primary_care_network', 'voluntary_community', 'healthwatch', 'independent', name='sector', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('alliance_role', sa.Enum('risk_bearing', 'innovation', 'transaction', 'bespoke_mou', name='alliance_role', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('agreement_status', sa.Enum('not_started', 'in_draft', 'agreed', 'signed', 'withdrawn', name='agreement_status', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('agreement_date', sa.Date(), nullable=True),
    sa.Column('is_host', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner')),
    sa.UniqueConstraint('name', name=op.f('uq_partner_name')),
    sa.UniqueConstraint('short_name', name=op.f('uq_partner_short_name'))
    )
    op.create_table('partnership',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('integrated_care_system', sa.String(length=200), nullable=True),
    sa.Column('fy_start_month', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('fy_start_month BETWEEN 1 AND 12', name=op.f('ck_partnership_fy_start_month')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership'))
    )
    op.create_table('meeting',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('meets_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.String(length=20), nullable=True),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('session', sa.Enum('public', 'private', name='session', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_meeting_body_id_body')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    op.create_index(op.f('ix_meeting_body_id'), 'meeting', ['body_id'], unique=False)
    op.create_index(op.f('ix_meeting_meets_on'), 'meeting', ['meets_on'], unique=False)
    op.create_table('person',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_person_partner_id_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    op.create_index(op.f('ix_person_partner_id'), 'person', ['partner_id'], unique=False)
    op.create_table('agenda_item',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('minute_ref', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('presenter', sa.String(length=200), nullable=True),
    sa.Column('recommendation', sa.Enum('note', 'discuss', 'approve', 'endorse', name='recommendation', native_enum=False, create_constraint=True, length=30), nullable=True),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item')),
    sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_agenda_item_meeting_id_number'))
    )
    op.create_index(op.f('ix_agenda_item_meeting_id'), 'agenda_item', ['meeting_id'], unique=False)
    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('capacity', sa.String(length=300), nullable=True),
    sa.Column('attendance', sa.Enum('present', 'in_attendance', 'apologies', name='attendance', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    op.create_index(op.f('ix_attendance_meeting_id'), 'attendance', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_attendance_person_id'), 'attendance', ['person_id'], unique=False)
    op.create_table('membership',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=True),
    sa.Column('voting', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_membership_body_id_body')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_membership_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership')),
    sa.UniqueConstraint('body_id', 'person_id', name=op.f('uq_membership_body_id_person_id'))
    )
    op.create_index(op.f('ix_membership_body_id'), 'membership', ['body_id'], unique=False)
    op.create_index(op.f('ix_membership_person_id'), 'membership', ['person_id'], unique=False)
    op.create_table('outcome',
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('statement', sa.Text(), nullable=True),
    sa.Column('domain', sa.String(length=200), nullable=True),
    sa.Column('sponsor_id', sa.Integer(), nullable=True),
    sa.Column('lead_officer_id', sa.Integer(), nullable=True),
    sa.Column('lead_partner_id', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['lead_officer_id'], ['person.id'], name=op.f('fk_outcome_lead_officer_id_person')),
    sa.ForeignKeyConstraint(['lead_partner_id'], ['partner.id'], name=op.f('fk_outcome_lead_partner_id_partner')),
    sa.ForeignKeyConstraint(['sponsor_id'], ['person.id'], name=op.f('fk_outcome_sponsor_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome')),
    sa.UniqueConstraint('reference', name=op.f('uq_outcome_reference'))
    )
    op.create_index(op.f('ix_outcome_lead_officer_id'), 'outcome', ['lead_officer_id'], unique=False)
    op.create_index(op.f('ix_outcome_lead_partner_id'), 'outcome', ['lead_partner_id'], unique=False)
    op.create_index(op.f('ix_outcome_sponsor_id'), 'outcome', ['sponsor_id'], unique=False)
    op.create_table('pack',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('session', sa.Enum('public', 'private', name='session', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('printed_at', sa.DateTime(), nullable=False),
    sa.Column('printed_by', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_pack_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pack')),
    sa.UniqueConstraint('reference', name=op.f('uq_pack_reference'))
    )
    op.create_index(op.f('ix_pack_meeting_id'), 'pack', ['meeting_id'], unique=False)
    op.create_table('risk',
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('event', sa.Text(), nullable=True),
    sa.Column('effect', sa.Text(), nullable=True),
    sa.Column('category', sa.Enum('deliverability', 'workforce', 'affordability', 'reputation', 'clinical_engagement', 'public_perception', 'finance', 'quality_safety', 'information_governance', 'partnership', 'other', name='category', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('inherent_consequence', sa.Integer(), nullable=False),
    sa.Column('inherent_likelihood', sa.Integer(), nullable=False),
    sa.Column('current_consequence', sa.Integer(), nullable=False),
    sa.Column('current_likelihood', sa.Integer(), nullable=False),
    sa.Column('target_consequence', sa.Integer(), nullable=False),
    sa.Column('target_likelihood', sa.Integer(), nullable=False),
    sa.Column('controls', sa.Text(), nullable=True),
    sa.Column('gaps', sa.Text(), nullable=True),
    sa.Column('assurances', sa.Text(), nullable=True),
    sa.Column('mitigations', sa.Text(), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'closed', name='status', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('baf', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint('current_consequence BETWEEN 1 AND 5', name=op.f('ck_risk_current_consequence')),
    sa.CheckConstraint('current_likelihood BETWEEN 1 AND 5', name=op.f('ck_risk_current_likelihood')),
    sa.CheckConstraint('inherent_consequence BETWEEN 1 AND 5', name=op.f('ck_risk_inherent_consequence')),
    sa.CheckConstraint('inherent_likelihood BETWEEN 1 AND 5', name=op.f('ck_risk_inherent_likelihood')),
    sa.CheckConstraint('target_consequence BETWEEN 1 AND 5', name=op.f('ck_risk_target_consequence')),
    sa.CheckConstraint('target_likelihood BETWEEN 1 AND 5', name=op.f('ck_risk_target_likelihood')),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_risk_owner_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk')),
    sa.UniqueConstraint('reference', name=op.f('uq_risk_reference'))
    )
    op.create_index(op.f('ix_risk_owner_id'), 'risk', ['owner_id'], unique=False)
    op.create_table('declaration',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('interest', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_declaration_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_declaration_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_declaration_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declaration'))
    )
    op.create_index(op.f('ix_declaration_agenda_item_id'), 'declaration', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_declaration_meeting_id'), 'declaration', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_declaration_person_id'), 'declaration', ['person_id'], unique=False)
    op.create_table('minute',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_minute_agenda_item_id_agenda_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minute')),
    sa.UniqueConstraint('agenda_item_id', name=op.f('uq_minute_agenda_item_id'))
    )
    op.create_table('objective',
    sa.Column('outcome_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('statement', sa.Text(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['outcome_id'], ['outcome.id'], name=op.f('fk_objective_outcome_id_outcome')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective')),
    sa.UniqueConstraint('reference', name=op.f('uq_objective_reference'))
    )
    op.create_index(op.f('ix_objective_outcome_id'), 'objective', ['outcome_id'], unique=False)
    op.create_table('resolution',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_resolution_agenda_item_id_agenda_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution'))
    )
    op.create_index(op.f('ix_resolution_agenda_item_id'), 'resolution', ['agenda_item_id'], unique=False)
    op.create_table('risk_score',
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('consequence', sa.Integer(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('consequence BETWEEN 1 AND 5', name=op.f('ck_risk_score_consequence')),
    sa.CheckConstraint('likelihood BETWEEN 1 AND 5', name=op.f('ck_risk_score_likelihood')),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_risk_score_risk_id_risk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_score'))
    )
    op.create_index(op.f('ix_risk_score_risk_id'), 'risk_score', ['risk_id'], unique=False)
    op.create_table('action',
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('owner_partner_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'in_progress', 'complete', 'deferred', 'cancelled', name='status', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('risk_id', sa.Integer(), nullable=True),
    sa.Column('objective_id', sa.Integer(), nullable=True),
    sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_action_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_action_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_action_objective_id_objective')),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_action_owner_id_person')),
    sa.ForeignKeyConstraint(['owner_partner_id'], ['partner.id'], name=op.f('fk_action_owner_partner_id_partner')),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_action_risk_id_risk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
    sa.UniqueConstraint('reference', name=op.f('uq_action_reference'))
    )
    op.create_index(op.f('ix_action_agenda_item_id'), 'action', ['agenda_item_id'], unique=False)
    op.create_index(op.f('ix_action_due_on'), 'action', ['due_on'], unique=False)
    op.create_index(op.f('ix_action_meeting_id'), 'action', ['meeting_id'], unique=False)
    op.create_index(op.f('ix_action_objective_id'), 'action', ['objective_id'], unique=False)
    op.create_index(op.f('ix_action_owner_id'), 'action', ['owner_id'], unique=False)
    op.create_index(op.f('ix_action_owner_partner_id'), 'action', ['owner_partner_id'], unique=False)
    op.create_index(op.f('ix_action_risk_id'), 'action', ['risk_id'], unique=False)
    op.create_table('indicator',
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('definition', sa.Text(), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('polarity', sa.Enum('higher', 'lower', name='polarity', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('decimals', sa.Integer(), nullable=False),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('baseline_period', sa.String(length=40), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('data_source', sa.String(length=300), nullable=True),
    sa.Column('frequency', sa.Enum('monthly', 'quarterly', 'annual_fy', 'annual_cy', 'rolling_3y', name='frequency', native_enum=False, create_constraint=True, length=30), nullable=False),
    sa.Column('tolerance_pct', sa.Float(), nullable=False),
    sa.Column('rag_definition', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.CheckConstraint('decimals BETWEEN 0 AND 4', name=op.f('ck_indicator_decimals')),
    sa.CheckConstraint('tolerance_pct >= 0 AND tolerance_pct <= 100', name=op.f('ck_indicator_tolerance_pct')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_indicator_objective_id_objective')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('code', name=op.f('uq_indicator_code'))
    )
    op.create_index(op.f('ix_indicator_objective_id'), 'indicator', ['objective_id'], unique=False)
    op.create_table('objective_lead',
    sa.Column('objective_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(person_id IS NULL) <> (partner_id IS NULL)', name=op.f('ck_objective_lead_person_or_partner')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_objective_lead_objective_id_objective')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_objective_lead_partner_id_partner')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_objective_lead_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective_lead')),
    sa.UniqueConstraint('objective_id', 'person_id', 'partner_id', name=op.f('uq_objective_lead_objective_id_person_id_partner_id'))
    )
    op.create_index(op.f('ix_objective_lead_objective_id'), 'objective_lead', ['objective_id'], unique=False)
    op.create_index(op.f('ix_objective_lead_partner_id'), 'objective_lead', ['partner_id'], unique=False)
    op.create_index(op.f('ix_objective_lead_person_id'), 'objective_lead', ['person_id'], unique=False)
    op.create_table('risk_link',
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('outcome_id', sa.Integer(), nullable=True),
    sa.Column('objective_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(outcome_id IS NULL) <> (objective_id IS NULL)', name=op.f('ck_risk_link_outcome_or_objective')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_risk_link_objective_id_objective')),
    sa.ForeignKeyConstraint(['outcome_id'], ['outcome.id'], name=op.f('fk_risk_link_outcome_id_outcome')),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], name=op.f('fk_risk_link_risk_id_risk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_link')),
    sa.UniqueConstraint('risk_id', 'outcome_id', 'objective_id', name=op.f('uq_risk_link_risk_id_outcome_id_objective_id'))
    )
    op.create_index(op.f('ix_risk_link_objective_id'), 'risk_link', ['objective_id'], unique=False)
    op.create_index(op.f('ix_risk_link_outcome_id'), 'risk_link', ['outcome_id'], unique=False)
    op.create_index(op.f('ix_risk_link_risk_id'), 'risk_link', ['risk_id'], unique=False)
    op.create_table('action_update',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('written_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_update_action_id_action')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_update'))
    )
    op.create_index(op.f('ix_action_update_action_id'), 'action_update', ['action_id'], unique=False)
    op.create_table('actual',
    sa.Column('provisional', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('illustrative', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_actual_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actual')),
    sa.UniqueConstraint('indicator_id', 'period', name=op.f('uq_actual_indicator_id_period'))
    )
    op.create_index(op.f('ix_actual_indicator_id'), 'actual', ['indicator_id'], unique=False)
    op.create_table('trajectory_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_trajectory_point_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajectory_point')),
    sa.UniqueConstraint('indicator_id', 'period', name=op.f('uq_trajectory_point_indicator_id_period'))
    )
    op.create_index(op.f('ix_trajectory_point_indicator_id'), 'trajectory_point', ['indicator_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_trajectory_point_indicator_id'), table_name='trajectory_point')
    op.drop_table('trajectory_point')
    op.drop_index(op.f('ix_actual_indicator_id'), table_name='actual')
    op.drop_table('actual')
    op.drop_index(op.f('ix_action_update_action_id'), table_name='action_update')
    op.drop_table('action_update')
    op.drop_index(op.f('ix_risk_link_risk_id'), table_name='risk_link')
    op.drop_index(op.f('ix_risk_link_outcome_id'), table_name='risk_link')
    op.drop_index(op.f('ix_risk_link_objective_id'), table_name='risk_link')
    op.drop_table('risk_link')
    op.drop_index(op.f('ix_objective_lead_person_id'), table_name='objective_lead')
    op.drop_index(op.f('ix_objective_lead_partner_id'), table_name='objective_lead')
    op.drop_index(op.f('ix_objective_lead_objective_id'), table_name='objective_lead')
    op.drop_table('objective_lead')
    op.drop_index(op.f('ix_indicator_objective_id'), table_name='indicator')
    op.drop_table('indicator')
    op.drop_index(op.f('ix_action_risk_id'), table_name='action')
    op.drop_index(op.f('ix_action_owner_partner_id'), table_name='action')
    op.drop_index(op.f('ix_action_owner_id'), table_name='action')
    op.drop_index(op.f('ix_action_objective_id'), table_name='action')
    op.drop_index(op.f('ix_action_meeting_id'), table_name='action')
    op.drop_index(op.f('ix_action_due_on'), table_name='action')
    op.drop_index(op.f('ix_action_agenda_item_id'), table_name='action')
    op.drop_table('action')
    op.drop_index(op.f('ix_risk_score_risk_id'), table_name='risk_score')
    op.drop_table('risk_score')
    op.drop_index(op.f('ix_resolution_agenda_item_id'), table_name='resolution')
    op.drop_table('resolution')
    op.drop_index(op.f('ix_objective_outcome_id'), table_name='objective')
    op.drop_table('objective')
    op.drop_table('minute')
    op.drop_index(op.f('ix_declaration_person_id'), table_name='declaration')
    op.drop_index(op.f('ix_declaration_meeting_id'), table_name='declaration')
    op.drop_index(op.f('ix_declaration_agenda_item_id'), table_name='declaration')
    op.drop_table('declaration')
    op.drop_index(op.f('ix_risk_owner_id'), table_name='risk')
    op.drop_table('risk')
    op.drop_index(op.f('ix_pack_meeting_id'), table_name='pack')
    op.drop_table('pack')
    op.drop_index(op.f('ix_outcome_sponsor_id'), table_name='outcome')
    op.drop_index(op.f('ix_outcome_lead_partner_id'), table_name='outcome')
    op.drop_index(op.f('ix_outcome_lead_officer_id'), table_name='outcome')
    op.drop_table('outcome')
    op.drop_index(op.f('ix_membership_person_id'), table_name='membership')
    op.drop_index(op.f('ix_membership_body_id'), table_name='membership')
    op.drop_table('membership')
    op.drop_index(op.f('ix_attendance_person_id'), table_name='attendance')
    op.drop_index(op.f('ix_attendance_meeting_id'), table_name='attendance')
    op.drop_table('attendance')
    op.drop_index(op.f('ix_agenda_item_meeting_id'), table_name='agenda_item')
    op.drop_table('agenda_item')
    op.drop_index(op.f('ix_person_partner_id'), table_name='person')
    op.drop_table('person')
    op.drop_index(op.f('ix_meeting_meets_on'), table_name='meeting')
    op.drop_index(op.f('ix_meeting_body_id'), table_name='meeting')
    op.drop_table('meeting')
    op.drop_table('partnership')
    op.drop_table('partner')
    op.drop_index(op.f('ix_change_log_batch'), table_name='change_log')
    op.drop_table('change_log')
    op.drop_index(op.f('ix_body_reports_to_id'), table_name='body')
    op.drop_table('body')
