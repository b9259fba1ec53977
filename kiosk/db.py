"""The database: one engine per URL, SQLite pragmas, migrations, request sessions."""

import contextlib
import os
import sqlite3
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def create_private_file(path: Path) -> None:
    """Create ``path`` readable by its owner only (mode 0600) if it is missing.

    SQLite gives its -wal, -shm and -journal files the mode of the database
    file, so they are private too, whatever the umask of whoever ran first.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


@cache
def engine_for(url: str) -> Engine:
    """Return the one engine for ``url``; SQLite connections get the pragmas."""
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:" and not database.startswith("file:"):
            create_private_file(Path(database))
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@cache
def session_factory(url: str) -> sessionmaker[Session]:
    """Return the session maker bound to the engine for ``url``."""
    return sessionmaker(bind=engine_for(url), expire_on_commit=False)


def _alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest schema."""
    config = _alembic_config(url)
    with engine_for(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def migrations_current(url: str) -> bool:
    """Tell whether the database at ``url`` is at the newest migration."""
    head = ScriptDirectory.from_config(_alembic_config(url)).get_current_head()
    with engine_for(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def get_session() -> Session:
    """Return this request's database session, opening it on first use."""
    if "db_session" not in g:
        g.db_session = session_factory(current_app.config["DATABASE_URL"])()
    return g.db_session


def close_session(_exc=None) -> None:
    """Close this request's session, if one was opened."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def init_app(app) -> None:
    """Close the request's session when the request ends."""
    app.teardown_appcontext(close_session)


def backup(url: str, target: Path) -> Path:
    """Copy a SQLite database to ``target`` while it is in use (online backup API)."""
    if not url.startswith("sqlite:///"):
        raise ValueError("kiosk backup copies SQLite files; use pg_dump for PostgreSQL")
    source_path = Path(url.removeprefix("sqlite:///"))
    target.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy, pages=256)
    finally:
        copy.close()
        source.close()
    return target
