"""Fixtures: each test gets its own data directory and a real, migrated database.

Every test that uses the database runs on a SQLite file and, where PostgreSQL's
binaries are installed, again on a real PostgreSQL server the suite starts
itself (one per test worker; one fresh database per test, made from a migrated
template).
"""

import inspect
import itertools
import os

import pytest
from click.testing import CliRunner

from kiosk import accounts, create_kiosk_app, create_staff_app, db
from kiosk.cli import main as kiosk_command
from kiosk.i18n import catalogs
from kiosk.throttling import limiter
from tests import postgres

STAFF_PASSWORD = "correct horse battery"


def pytest_configure(config):
    """Compile the catalogs once, in the controlling process, before any test."""
    config.addinivalue_line(
        "markers", "sqlite_only: a test of what only the embedded SQLite does"
    )
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


def _engines() -> list[str]:
    """Return the engines to test on: both where PostgreSQL is installed.

    ``KIOSK_TEST_ENGINES=sqlite`` keeps to SQLite (``make mutation`` runs the
    tests once per mutant, and a PostgreSQL server per mutant would cost more
    than the tests).
    """
    found = ["sqlite", "postgresql"] if postgres.binaries() else ["sqlite"]
    wanted = os.environ.get("KIOSK_TEST_ENGINES", "").split(",")
    return [engine for engine in found if engine in wanted] or found


ENGINES = _engines()
_numbers = itertools.count()


STORE_FIXTURES = {"database", "db_session"}


def pytest_generate_tests(metafunc):
    """Run every test that works on the database directly once per engine.

    A test that asks for ``database`` or ``db_session`` itself (the domain
    modules, the stores, the prison scoping, the central install) runs on SQLite
    and on PostgreSQL; a test that only drives pages through a client runs on
    SQLite, the engine the pages do not depend on.
    """
    if "database" not in metafunc.fixturenames:
        return
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only")
    asks = set(inspect.signature(metafunc.function).parameters) & STORE_FIXTURES
    engines = ENGINES if asks and not only_sqlite else ["sqlite"]
    metafunc.parametrize("database", engines, indirect=True)


@pytest.fixture(scope="session")
def postgres_template():
    """Start this worker's PostgreSQL server; return its URL and a migrated template."""
    with postgres.running_postgres() as base:
        postgres.wait_for(base)
        postgres.admin(base, "CREATE DATABASE kiosk_template")
        template_url = f"{base}/kiosk_template"
        db.migrate(template_url)
        db.engine_for(template_url).dispose()
        yield base


@pytest.fixture
def database(request, settings):
    """Migrate a fresh database (SQLite file or PostgreSQL) and return its URL."""
    if request.param == "sqlite":
        url = settings["DATABASE_URL"]
        db.migrate(url)
        yield url
        db.engine_for(url).dispose()
        return
    base = request.getfixturevalue("postgres_template")
    name = f"kiosk_test_{next(_numbers)}"
    postgres.admin(base, f"CREATE DATABASE {name} TEMPLATE kiosk_template")
    url = f"{base}/{name}"
    settings["DATABASE_URL"] = url
    yield url
    db.engine_for(url).dispose()
    postgres.admin(base, f"DROP DATABASE {name} WITH (FORCE)")


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
def whole_app(settings, database):
    """A kiosk app whose settings' version stays fresh: whole answers are kept."""
    app = create_kiosk_app({**settings, "SETTINGS_RECHECK_SECONDS": 3600})
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
