"""Create the dossier tables.

Revision ID: 0001
Revises:
Create Date: 2026-12-04

Enumerations (phase, status, closing code ...) are plain VARCHAR columns
without CHECK constraints, so that a new vocabulary value needs no
migration; the models validate them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Auto-incrementing row id; SQLite only auto-increments INTEGER keys.
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)
CODE = sa.String(32)


def timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    ]


def dossier_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["dossier_id"], ["dossiers.id"], name=f"fk_{table}_dossier_id_dossiers", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "agency_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("website", sa.String(300), nullable=True),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_agency_profile_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_agency_profile"),
    )
    op.create_table(
        "case_handlers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        *timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_case_handlers"),
        sa.UniqueConstraint("email", name="uq_case_handlers_email"),
    )
    op.create_table(
        "creditors",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        *timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_creditors"),
    )
    op.create_table(
        "dossier_number_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name="pk_dossier_number_counters"),
    )
    op.create_table(
        "outbox_messages",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_messages"),
        sa.UniqueConstraint("event_id", name="uq_outbox_messages_event_id"),
    )
    op.create_index("ix_outbox_messages_published_at", "outbox_messages", ["published_at"])

    op.create_table(
        "debtors",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("street", sa.String(200), nullable=True),
        sa.Column("house_number", sa.String(20), nullable=True),
        sa.Column("postal_code", sa.String(10), nullable=True),
        sa.Column("city", sa.String(100), nullable=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(40), nullable=True),
        sa.Column("chamber_of_commerce_number", sa.String(8), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        *timestamps(),
        sa.ForeignKeyConstraint(["creditor_id"], ["creditors.id"], name="fk_debtors_creditor_id_creditors"),
        sa.PrimaryKeyConstraint("id", name="pk_debtors"),
    )
    op.create_index("ix_debtors_creditor_id", "debtors", ["creditor_id"])

    op.create_table(
        "dossiers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("creditor_reference", sa.String(100), nullable=True),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("phase", CODE, nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("closing_code", CODE, nullable=True),
        sa.Column("status_text", sa.Text(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("case_handler_id", sa.Uuid(), nullable=True),
        sa.Column("interest_kind", CODE, nullable=False),
        sa.Column("principal_cents", sa.BigInteger(), nullable=False),
        sa.Column("interest_cents", sa.BigInteger(), nullable=False),
        sa.Column("collection_costs_cents", sa.BigInteger(), nullable=False),
        sa.Column("paid_cents", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *timestamps(),
        sa.ForeignKeyConstraint(
            ["case_handler_id"], ["case_handlers.id"], name="fk_dossiers_case_handler_id_case_handlers"
        ),
        sa.ForeignKeyConstraint(["creditor_id"], ["creditors.id"], name="fk_dossiers_creditor_id_creditors"),
        sa.ForeignKeyConstraint(["debtor_id"], ["debtors.id"], name="fk_dossiers_debtor_id_debtors"),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("number", name="uq_dossiers_number"),
    )
    # Serves the count and the page of the dossier list: one organisation,
    # one status, newest first.
    op.create_index(
        "ix_dossiers_creditor_status_opened",
        "dossiers",
        ["creditor_id", "status", sa.text("opened_on DESC"), "number"],
    )
    op.create_index("ix_dossiers_case_handler_id", "dossiers", ["case_handler_id"])
    op.create_index("ix_dossiers_debtor_id", "dossiers", ["debtor_id"])

    op.create_table(
        "invoices",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.String(50), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        *timestamps(),
        dossier_fk("invoices"),
        sa.PrimaryKeyConstraint("id", name="pk_invoices"),
    )
    op.create_index("ix_invoices_dossier_id", "invoices", ["dossier_id"])

    op.create_table(
        "bookings",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("kind", CODE, nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        *timestamps(),
        dossier_fk("bookings"),
        sa.PrimaryKeyConstraint("id", name="pk_bookings"),
    )
    op.create_index("ix_bookings_dossier_id", "bookings", ["dossier_id"])

    op.create_table(
        "actions",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.Column("code", sa.String(50), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("phase", CODE, nullable=False),
        dossier_fk("actions"),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
    )
    op.create_index("ix_actions_dossier_id_occurred_at", "actions", ["dossier_id", "occurred_at"])

    op.create_table(
        "payment_arrangements",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("total_amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("instalment_amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("instalment_count", sa.Integer(), nullable=False),
        sa.Column("frequency", CODE, nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("instalments_paid", sa.Integer(), nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=True),
        sa.Column("arrears_cents", sa.BigInteger(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        *timestamps(),
        dossier_fk("payment_arrangements"),
        sa.PrimaryKeyConstraint("id", name="pk_payment_arrangements"),
    )
    op.create_index("ix_payment_arrangements_dossier_id", "payment_arrangements", ["dossier_id"])

    op.create_table(
        "court_cases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("court", sa.String(200), nullable=False),
        sa.Column("case_number", sa.String(60), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("judgment_on", sa.Date(), nullable=True),
        sa.Column("judgment", sa.Text(), nullable=True),
        *timestamps(),
        dossier_fk("court_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_court_cases"),
        sa.UniqueConstraint("dossier_id", name="uq_court_cases_dossier_id"),
    )
    op.create_table(
        "court_hearings",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("court_case_id", sa.Uuid(), nullable=False),
        sa.Column("hearing_on", sa.Date(), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["court_case_id"],
            ["court_cases.id"],
            name="fk_court_hearings_court_case_id_court_cases",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_court_hearings"),
    )
    op.create_index("ix_court_hearings_court_case_id", "court_hearings", ["court_case_id"])
    op.create_index("ix_court_hearings_hearing_on", "court_hearings", ["hearing_on"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("author_side", CODE, nullable=False),
        sa.Column("author_user_id", sa.Uuid(), nullable=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachment_filename", sa.String(255), nullable=True),
        sa.Column("attachment_content_type", sa.String(100), nullable=True),
        sa.Column("attachment_size_bytes", sa.Integer(), nullable=True),
        sa.Column("attachment_storage_key", sa.String(300), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        dossier_fk("notes"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
    )
    op.create_index("ix_notes_dossier_id_created_at", "notes", ["dossier_id", "created_at"])

    op.create_table(
        "closing_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("closing_code", CODE, nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("submitted_by_user_id", sa.Uuid(), nullable=False),
        sa.Column("submitted_by_name", sa.String(200), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("decided_at", TIMESTAMP, nullable=True),
        sa.Column("decided_by_name", sa.String(200), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        dossier_fk("closing_proposals"),
        sa.PrimaryKeyConstraint("id", name="pk_closing_proposals"),
    )
    op.create_index("ix_closing_proposals_dossier_id", "closing_proposals", ["dossier_id"])

    op.create_table(
        "favourites",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        dossier_fk("favourites"),
        sa.PrimaryKeyConstraint("user_id", "dossier_id", name="pk_favourites"),
    )
    op.create_index("ix_favourites_dossier_id", "favourites", ["dossier_id"])


def downgrade() -> None:
    # Dropping a table drops its indexes too, on SQLite and PostgreSQL.
    for table in (
        "favourites",
        "closing_proposals",
        "notes",
        "court_hearings",
        "court_cases",
        "payment_arrangements",
        "actions",
        "bookings",
        "invoices",
        "dossiers",
        "debtors",
        "outbox_messages",
        "dossier_number_counters",
        "creditors",
        "case_handlers",
        "agency_profile",
    ):
        op.drop_table(table)
