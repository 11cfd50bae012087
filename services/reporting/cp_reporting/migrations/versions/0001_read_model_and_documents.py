"""Dossier read model, processed events and documents.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dossier_summaries",
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=False),
        sa.Column("phase", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closing_code", sa.String(length=40), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("principal_cents", sa.BigInteger(), nullable=False),
        sa.Column("interest_cents", sa.BigInteger(), nullable=False),
        sa.Column("collection_costs_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_cents", sa.BigInteger(), nullable=False),
        sa.Column("outstanding_cents", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("dossier_id", name=op.f("pk_dossier_summaries")),
    )
    op.create_index(
        "ix_dossier_summaries_creditor_status_phase", "dossier_summaries", ["creditor_id", "status", "phase"]
    )
    op.create_index("ix_dossier_summaries_creditor_opened_on", "dossier_summaries", ["creditor_id", "opened_on"])
    op.create_index("ix_dossier_summaries_creditor_closed_on", "dossier_summaries", ["creditor_id", "closed_on"])

    op.create_table(
        "processed_events",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_processed_events")),
    )

    op.create_table(
        "documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("dossier_number", sa.String(length=50), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index("ix_documents_creditor_id", "documents", ["creditor_id"])


def downgrade() -> None:
    op.drop_index("ix_documents_creditor_id", table_name="documents")
    op.drop_table("documents")
    op.drop_table("processed_events")
    op.drop_index("ix_dossier_summaries_creditor_closed_on", table_name="dossier_summaries")
    op.drop_index("ix_dossier_summaries_creditor_opened_on", table_name="dossier_summaries")
    op.drop_index("ix_dossier_summaries_creditor_status_phase", table_name="dossier_summaries")
    op.drop_table("dossier_summaries")
