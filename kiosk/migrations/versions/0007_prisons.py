"""Prisons: one install serves many; every prison's data carries its prison.

A fresh or existing single-prison install gets one prison, "default", and all
its data belongs to it, so nothing changes for it. Staff accounts that existed
keep access to that prison.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

DEFAULT_PRISON = 1
OWNED = ("session_requests", "events", "feedback", "assessments", "audit_events")


def _rebuild_with_prison(table: str, columns: list[sa.Column], key: list[str]):
    """Recreate a table whose primary key gains prison_id, keeping its rows."""
    new = f"{table}_by_prison"
    op.create_table(
        new,
        sa.Column(
            "prison_id", sa.Integer(), sa.ForeignKey("prisons.id"), nullable=False
        ),
        *columns,
        sa.PrimaryKeyConstraint("prison_id", *key),
    )
    names = ", ".join(column.name for column in columns)
    op.execute(
        f"INSERT INTO {new} (prison_id, {names}) "
        f"SELECT {DEFAULT_PRISON}, {names} FROM {table}"
    )
    op.drop_table(table)
    op.rename_table(new, table)


def upgrade() -> None:
    prisons = op.create_table(
        "prisons",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region", sa.String(200), nullable=False, server_default=""),
    )
    op.bulk_insert(
        prisons, [{"id": DEFAULT_PRISON, "slug": "default", "name": "Fengselet"}]
    )
    if op.get_bind().dialect.name == "postgresql":  # the next id after the default
        op.execute("SELECT setval('prisons_id_seq', (SELECT max(id) FROM prisons))")
    for table in OWNED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column(
                    "prison_id",
                    sa.Integer(),
                    nullable=table == "audit_events",
                    server_default=None if table == "audit_events" else "1",
                )
            )
            batch.create_foreign_key(
                f"fk_{table}_prison", "prisons", ["prison_id"], ["id"]
            )
            batch.create_index(f"ix_{table}_prison_id", ["prison_id"])
    _rebuild_with_prison(
        "settings",
        [
            sa.Column("key", sa.String(64), nullable=False),
            sa.Column("value", sa.Text(), nullable=False, server_default=""),
        ],
        ["key"],
    )
    _rebuild_with_prison(
        "unit_counts",
        [
            sa.Column("week", sa.String(8), nullable=False),
            sa.Column("unit", sa.String(200), nullable=False),
            sa.Column("requests", sa.Integer(), nullable=False),
        ],
        ["week", "unit"],
    )
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(
            sa.Column(
                "all_prisons", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.create_table(
        "staff_prisons",
        sa.Column(
            "staff_id", sa.Integer(), sa.ForeignKey("staff_users.id"), primary_key=True
        ),
        sa.Column(
            "prison_id", sa.Integer(), sa.ForeignKey("prisons.id"), primary_key=True
        ),
    )
    op.execute(
        f"INSERT INTO staff_prisons (staff_id, prison_id) "
        f"SELECT id, {DEFAULT_PRISON} FROM staff_users"
    )


def downgrade() -> None:
    raise NotImplementedError("prisons cannot be removed once data belongs to them")
