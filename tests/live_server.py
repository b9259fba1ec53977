"""Test helper: run the real ``kiosk serve`` (waitress) on free loopback ports."""

import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

KIOSK_COMMAND = Path(sys.executable).with_name("kiosk")


def port_of(url: str) -> int:
    """Return the port of a listener's base URL."""
    return int(url.rsplit(":", 1)[1])


def add_counsellor(data_dir: Path, username: str = "anne") -> None:
    """Create a staff account in a running server's database."""
    from kiosk import accounts, db
    from tests.conftest import STAFF_PASSWORD

    url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        accounts.add(session, username, STAFF_PASSWORD)
    db.engine_for(url).dispose()


def connect(url: str, source: str = "127.0.0.1") -> socket.socket:
    return socket.create_connection(
        ("127.0.0.1", port_of(url)), timeout=10, source_address=(source, 0)
    )


def staff_login(staff_url: str, username: str = "anne") -> int:
    """Log in on the staff listener like a browser; return the final status."""
    return log_in(staff_url, username)[0]


def login_form(
    staff_url: str, headers: dict | None = None
) -> tuple[http.client.HTTPConnection, str, str]:
    """Open the login page; return the connection, its cookie and CSRF token."""
    connection = http.client.HTTPConnection("127.0.0.1", port_of(staff_url), 30)
    connection.request("GET", "/login", headers=headers or {})
    answer = connection.getresponse()
    page = answer.read().decode()
    cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return connection, cookie, token.group(1)


def log_in(
    staff_url: str, username: str = "anne", headers: dict | None = None
) -> tuple[int, str]:
    """Log in like a browser; return the status and the full Set-Cookie it got.

    ``headers`` go with both requests (for example those a proxy adds).
    """
    from tests.conftest import STAFF_PASSWORD as password

    connection, cookie, token = login_form(staff_url, headers)
    body = urllib.parse.urlencode(
        {"csrf_token": token, "username": username, "password": password}
    )
    form_headers = {
        **(headers or {}),
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection.request("POST", "/login", body, form_headers)
    answer = connection.getresponse()
    connection.close()
    return answer.status, answer.headers.get("Set-Cookie", cookie)


def add_event(database_url: str, places: int = 10) -> int:
    """Create a workshop two days ahead with ``places`` places; return its id."""
    from datetime import UTC, datetime, timedelta

    from kiosk import db, events

    with db.session_factory(database_url)() as session:
        event = events.create(
            session,
            "anne",
            "workshop",
            {"nb": "Verksted"},
            datetime.now(UTC) + timedelta(days=2),
            "Rom 1",
            places,
            [],
        )
        event_id = event.id
    db.engine_for(database_url).dispose()
    return event_id


def free_port() -> int:
    """Return a loopback port that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, deadline_seconds: float = 30.0) -> None:
    """Poll ``url`` until it answers, or fail at the deadline."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"server did not answer at {url}") from None
            time.sleep(0.05)


@dataclass
class LiveServer:
    """A running server: its process and the base URL of each listener."""

    process: subprocess.Popen
    kiosk_url: str
    staff_url: str
    data_dir: Path

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 20.0) -> int:
        """Send ``signum`` and return the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout=timeout)


@contextlib.contextmanager
def running_server(data_dir: Path, **environment: str):
    """Start ``kiosk serve`` with its data in ``data_dir``; stop it afterwards."""
    kiosk_port, staff_port = free_port(), free_port()
    env = {
        **os.environ,
        # Tests do not render the whole library's audio (a test asks for it).
        "KIOSK_AUDIO_AT_START": "0",
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_PORT": str(kiosk_port),
        "STAFF_PORT": str(staff_port),
        **environment,
    }
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [str(KIOSK_COMMAND), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server = LiveServer(
        process,
        f"http://127.0.0.1:{kiosk_port}",
        f"http://127.0.0.1:{staff_port}",
        data_dir,
    )
    try:
        listeners = environment.get("KIOSK_LISTENERS", "both")
        if listeners != "staff":
            wait_until_up(server.kiosk_url + "/")
        if listeners != "kiosk":
            wait_until_up(server.staff_url + "/")
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
