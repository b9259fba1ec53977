"""A central install: several ``kiosk serve`` processes on one PostgreSQL server."""

import itertools
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from kiosk import db, events, prison_offer, prisons, retention
from kiosk.models import Event, SessionRequest
from tests import postgres
from tests.http_client import post_form, submit_request
from tests.live_server import add_event, running_server

pytestmark = pytest.mark.skipif(
    postgres.binaries() is None, reason="PostgreSQL is not installed"
)
_numbers = itertools.count()


@pytest.fixture
def central(postgres_template, tmp_path):
    """A fresh central database and a shared secret for the processes' listeners."""
    name = f"kiosk_central_{next(_numbers)}"
    postgres.admin(postgres_template, f"CREATE DATABASE {name} TEMPLATE kiosk_template")
    url = f"{postgres_template}/{name}"
    (tmp_path / "secret_key").write_text("shared secret of the central install\n")
    yield url, tmp_path / "secret_key"
    db.engine_for(url).dispose()
    postgres.admin(postgres_template, f"DROP DATABASE {name} WITH (FORCE)")


def _process(tmp_path, name, url, secret, **extra):
    folder = tmp_path / name
    folder.mkdir()
    return running_server(
        folder,
        KIOSK_DATABASE_URL=url,
        KIOSK_SECRET_KEY_FILE=str(secret),
        KIOSK_REQUEST_LIMIT="100000/hour",
        **extra,
    )


def test_two_processes_give_200_submissions_200_distinct_codes(central, tmp_path):
    url, secret = central
    with (
        _process(tmp_path, "one", url, secret) as one,
        _process(tmp_path, "two", url, secret) as two,
    ):
        servers = [one.kiosk_url, two.kiosk_url]
        with ThreadPoolExecutor(max_workers=40) as pool:
            codes = list(
                pool.map(
                    lambda n: submit_request(servers[n % 2], f"Person {n}"), range(200)
                )
            )
    assert len(set(codes)) == 200
    with db.session_factory(url)() as session:
        stored = set(session.scalars(select(SessionRequest.request_code)))
    assert stored == set(codes)


def test_places_are_never_overfilled_across_processes(central, tmp_path):
    url, secret = central
    event_id = add_event(url)
    path = f"/en/events/{event_id}"
    with (
        _process(tmp_path, "one", url, secret) as one,
        _process(tmp_path, "two", url, secret) as two,
    ):
        servers = [one.kiosk_url, two.kiosk_url]
        with ThreadPoolExecutor(max_workers=40) as pool:
            pages = list(
                pool.map(
                    lambda n: post_form(
                        servers[n % 2], path, {"name": f"P{n}", "unit": "A"}
                    ),
                    range(40),
                )
            )
    assert sum("You have a place." in page for page in pages) == 10
    with db.session_factory(url)() as session:
        found = session.get(Event, event_id)
        assert events.counts(session, found) == (10, 30)


def test_a_settings_change_shows_on_the_other_process_within_seconds(central, tmp_path):
    url, secret = central
    with (
        _process(tmp_path, "one", url, secret) as one,
        _process(tmp_path, "two", url, secret) as two,
    ):
        for server in (one, two):  # both have the page in their cache
            body = urllib.request.urlopen(server.kiosk_url + "/nb/").read().decode()
            assert "Velkommen fra skolen" not in body
        with db.session_factory(url)() as session:
            offer = prison_offer.Offer(note="Velkommen fra skolen", note_language="nb")
            prison_offer.save(session, prison_offer.clean(offer, ["nb"]))
            session.commit()
        deadline = time.monotonic() + 5
        seen = set()
        while time.monotonic() < deadline and len(seen) < 2:
            for server in (one, two):
                page = urllib.request.urlopen(server.kiosk_url + "/nb/").read()
                if "Velkommen fra skolen" in page.decode():
                    seen.add(server.kiosk_url)
            time.sleep(0.2)
    assert len(seen) == 2


def test_the_daily_purge_runs_once_among_processes(central):
    url, _secret = central
    results = []
    start = threading.Barrier(4)

    def purge():
        with db.session_factory(url)() as session:
            start.wait()
            results.append(retention.purge_once_today(session, 90))

    threads = [threading.Thread(target=purge) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result is not None for result in results) == 1
    with db.session_factory(url)() as session:
        assert retention.last_purge(session) == datetime.now(UTC).date()


def test_each_kiosk_process_serves_its_own_prison(central, tmp_path):
    url, secret = central
    with db.session_factory(url)() as session:
        prisons.add(session, "bravo", "Bravo fengsel")
    with _process(tmp_path, "bravo", url, secret, KIOSK_PRISON="bravo") as bravo:
        code = submit_request(bravo.kiosk_url, "Bravo Person")
    with db.session_factory(url)() as session:
        stored = session.scalars(
            select(SessionRequest).where(SessionRequest.request_code == code)
        ).one()
        assert stored.prison_id == prisons.find(session, "bravo").id


def test_every_acknowledged_request_survives_sigkill_on_postgresql(central, tmp_path):
    import http.client

    url, secret = central
    received, lock, stop = [], threading.Lock(), threading.Event()

    def client(kiosk_url):
        while not stop.is_set():
            try:
                code = submit_request(kiosk_url, "Crash Test")
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            with lock:
                received.append(code)

    with _process(tmp_path, "one", url, secret) as server:
        threads = [
            threading.Thread(target=client, args=(server.kiosk_url,)) for _ in range(20)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(received) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.process.kill()  # SIGKILL: no clean shutdown
        server.process.wait()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert len(received) >= 60
    db.engine_for(url).dispose()
    with db.session_factory(url)() as session:
        stored = set(session.scalars(select(SessionRequest.request_code)))
    assert set(received) <= stored
