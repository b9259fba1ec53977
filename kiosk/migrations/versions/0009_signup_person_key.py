"""One sign-up per person and event: name and unit folded into a unique key.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_signups") as batch:
        batch.add_column(sa.Column("person_key", sa.String(400)))
    # Sign-ups made before this release keep no key (NULLs never collide).
    op.create_index(
        "ix_event_signups_event_person",
        "event_signups",
        ["event_id", "person_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_event_signups_event_person", table_name="event_signups")
    with op.batch_alter_table("event_signups") as batch:
        batch.drop_column("person_key")
