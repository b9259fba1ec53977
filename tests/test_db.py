"""The database: SQLite pragmas on every connection, migrations to the newest schema."""

from sqlalchemy import inspect, text

from kiosk import db


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
