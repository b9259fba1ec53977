"""Session requests, staff accounts, audit trail and anonymous unit counts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "session_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_code", sa.String(8), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.String(200)),
        sa.Column("name_key", sa.String(200), index=True),
        sa.Column("unit", sa.String(200)),
        sa.Column("topics", sa.String(400), nullable=False),
        sa.Column("session_format", sa.String(16), nullable=False),
        sa.Column("conversation_language", sa.String(16), nullable=False),
        sa.Column("page_language", sa.String(16), nullable=False),
        sa.Column("interpreter", sa.Boolean(), nullable=False),
        sa.Column("message", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("scheduled_at", sa.DateTime()),
        sa.Column("place", sa.String(200)),
        sa.Column("first_scheduled_at", sa.DateTime()),
        sa.Column("closed_at", sa.DateTime(), index=True),
        sa.Column("erased_at", sa.DateTime()),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column(
            "request_id",
            sa.Integer(),
            sa.ForeignKey("session_requests.id"),
            index=True,
        ),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
    )
    op.create_table(
        "unit_counts",
        sa.Column("week", sa.String(8), primary_key=True),
        sa.Column("unit", sa.String(200), primary_key=True),
        sa.Column("requests", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unit_counts")
    op.drop_table("audit_events")
    op.drop_table("session_requests")
    op.drop_table("staff_users")
