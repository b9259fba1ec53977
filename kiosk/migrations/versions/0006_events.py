"""Group sessions and employer visits, and their sign-ups.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("titles", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False, index=True),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("units", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "event_signups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "event_id",
            sa.Integer(),
            sa.ForeignKey("events.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("signup_code", sa.String(8), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("unit", sa.String(200)),
        sa.Column("attended", sa.Boolean()),
        sa.Column("erased_at", sa.DateTime()),
    )


def downgrade() -> None:
    op.drop_table("event_signups")
    op.drop_table("events")
