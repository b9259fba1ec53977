"""Self-assessments of the prison's career guidance and their answers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False, index=True),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
    )
    op.create_table(
        "assessment_answers",
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("assessments.id"),
            primary_key=True,
        ),
        sa.Column("question", sa.String(64), primary_key=True),
        sa.Column("answer", sa.String(8)),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("todo", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("assessment_answers")
    op.drop_table("assessments")
