"""Anonymous feedback from the kiosk.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False, index=True),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("helped", sa.String(200), nullable=False),
        sa.Column("missing", sa.Text()),
        sa.Column("language", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feedback")
