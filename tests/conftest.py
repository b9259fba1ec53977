"""Fixtures: each test gets its own data directory and a real, migrated SQLite file."""

import pytest
from click.testing import CliRunner

from kiosk import accounts, create_kiosk_app, create_staff_app, db
from kiosk.cli import main as kiosk_command
from kiosk.i18n import catalogs
from kiosk.throttling import limiter

STAFF_PASSWORD = "correct horse battery"


def pytest_configure(config):
    """Compile the catalogs once, in the controlling process, before any test."""
    if not hasattr(config, "workerinput"):
        catalogs.compile_all()


@pytest.fixture
def settings(tmp_path):
    """Return app settings that keep everything inside the test's folder."""
    return {
        "TESTING": True,
        "DATA_DIR": tmp_path,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kiosk.sqlite3'}",
        "SECRET_KEY_FILE": tmp_path / "secret_key",
        "WTF_CSRF_ENABLED": False,
        "REQUEST_LIMIT": "1000/hour",
        "SETTINGS_RECHECK_SECONDS": 0,  # a staff change shows on the next page
    }


@pytest.fixture
def database(settings):
    """Migrate a fresh database file and return its URL."""
    url = settings["DATABASE_URL"]
    db.migrate(url)
    yield url
    db.engine_for(url).dispose()


@pytest.fixture
def db_session(database):
    """Return a session on the test database, for arranging and checking data."""
    with db.session_factory(database)() as session:
        yield session


@pytest.fixture
def app(settings, database):
    """Return the kiosk (inmate) app on the test database, with fresh throttles."""
    app = create_kiosk_app(settings)
    limiter.reset()
    return app


@pytest.fixture
def staff_app(settings, database):
    """Return the staff app on the same test database, with fresh throttles."""
    app = create_staff_app(settings)
    limiter.reset()
    return app


@pytest.fixture
def counsellor(db_session):
    """Create the staff account ``anne`` and return its username."""
    accounts.add(db_session, "anne", STAFF_PASSWORD)
    return "anne"


@pytest.fixture
def staff(staff_client, counsellor):
    """Return a staff test client that is logged in as ``anne``."""
    response = staff_client.post(
        "/login", data={"username": counsellor, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 303
    return staff_client


@pytest.fixture
def client(app):
    """Return a test client of the kiosk app."""
    return app.test_client()


@pytest.fixture
def staff_client(staff_app):
    """Return a test client of the staff app."""
    return staff_app.test_client()


@pytest.fixture
def run_kiosk(tmp_path, monkeypatch):
    """Return a function that runs the ``kiosk`` command with the test's data dir."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))

    def run(*arguments: str, stdin: str | None = None):
        return CliRunner().invoke(kiosk_command, list(arguments), input=stdin)

    return run
