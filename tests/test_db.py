"""The database: SQLite pragmas on every connection, migrations to the newest schema."""

import pytest
from sqlalchemy import inspect, text

from kiosk import db


@pytest.mark.sqlite_only
def test_sqlite_connections_get_the_durability_pragmas(database):
    with db.engine_for(database).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrate_creates_the_schema_and_is_repeatable(tmp_path):
    url = f"sqlite:///{tmp_path / 'new' / 'kiosk.sqlite3'}"
    assert not db.migrations_current(url)
    db.migrate(url)
    db.migrate(url)
    assert db.migrations_current(url)
    assert "settings" in inspect(db.engine_for(url)).get_table_names()
    db.engine_for(url).dispose()


def test_one_engine_per_url(database):
    assert db.engine_for(database) is db.engine_for(database)


def test_request_session_is_closed_at_teardown(app):
    with app.app_context():
        session = db.get_session()
        assert db.get_session() is session
        session.execute(text("SELECT 1"))
    with app.app_context():
        assert db.get_session() is not session


@pytest.mark.sqlite_only
def test_backup_while_requests_are_written_is_consistent(database, tmp_path):
    import sqlite3
    import threading
    import time

    from kiosk import session_requests
    from kiosk.session_requests import NewRequest

    stop = threading.Event()
    written: list[str] = []

    def writer():
        with db.session_factory(database)() as session:
            while not stop.is_set():
                new = NewRequest("Ola", "A", ["cv"], "nb", "nb")
                written.append(session_requests.submit(session, new).request_code)

    thread = threading.Thread(target=writer)
    thread.start()
    deadline = time.monotonic() + 30
    while len(written) < 20 and time.monotonic() < deadline:
        time.sleep(0.005)
    copy = db.backup(database, tmp_path / "copy" / "kiosk.sqlite3")
    stop.set()
    thread.join()
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        codes = {
            row[0]
            for row in connection.execute("SELECT request_code FROM session_requests")
        }
    assert len(codes) >= 20
    assert codes <= set(written)
    assert set(written[:20]) <= codes  # everything acknowledged before the copy began
    restored = f"sqlite:///{copy}"
    assert db.migrations_current(restored)
    db.engine_for(restored).dispose()


def test_backup_refuses_a_server_database(tmp_path):
    import pytest

    with pytest.raises(ValueError, match="pg_dump"):
        db.backup("postgresql://kiosk@db/kiosk", tmp_path / "x")


def test_the_models_match_the_migrations(database):
    """The tables the migrations make are the tables the code declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kiosk.models import Base

    with db.engine_for(database).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_server_default": False}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_database_and_backup_are_private_whatever_the_umask(tmp_path):
    """F14: the database, its WAL and a backup are created 0600 (dir 0700)."""
    import os
    import stat

    previous = os.umask(0o022)
    try:
        url = f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"
        db.migrate(url)
        with db.engine_for(url).connect() as connection:
            connection.execute(text("SELECT 1"))
            files = sorted((tmp_path / "data").iterdir())
            assert {p.name for p in files} >= {"kiosk.sqlite3", "kiosk.sqlite3-wal"}
            for path in files:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
        copy = db.backup(url, tmp_path / "backups" / "copy.sqlite3")
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        db.engine_for(url).dispose()
    finally:
        os.umask(previous)
