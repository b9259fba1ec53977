"""Serve the kiosk and staff apps from one process, on two waitress listeners."""

import logging
import signal
import threading

from waitress.server import create_server

from kiosk import db, events, feedback, session_requests

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 24 * 3600


def _stop(_signum, _frame) -> None:
    raise SystemExit(0)


def _purge_daily(url: str, retention_days: int, stop: threading.Event) -> None:
    """Erase old personal data now and then once a day, until ``stop`` is set."""
    while not stop.is_set():
        try:
            with db.session_factory(url)() as session:
                erased = session_requests.purge(session, retention_days)
                feedback.purge_comments(session, retention_days)
                events.purge(session, retention_days)
            log.info("daily purge: erased personal data of %d request(s)", erased)
        except Exception:  # a failed purge must not stop the kiosk; retry tomorrow
            log.exception("daily purge failed")
        stop.wait(PURGE_INTERVAL_SECONDS)


def serve(kiosk_app, staff_app, threads: int = 8) -> None:
    """Listen for both apps until SIGINT or SIGTERM, then close both cleanly."""
    stop = threading.Event()
    purger = threading.Thread(
        target=_purge_daily,
        args=(
            kiosk_app.config["DATABASE_URL"],
            kiosk_app.config["RETENTION_DAYS"],
            stop,
        ),
        name="daily-purge",
        daemon=True,
    )
    purger.start()
    socket_map: dict = {}
    servers = [
        create_server(
            app,
            host=app.config[f"{prefix}_HOST"],
            port=app.config[f"{prefix}_PORT"],
            threads=threads,
            map=socket_map,
            ident="karriere-kiosk",
            clear_untrusted_proxy_headers=True,
        )
        for app, prefix in ((kiosk_app, "KIOSK"), (staff_app, "STAFF"))
    ]
    for server, name in zip(servers, ("kiosk", "staff"), strict=True):
        log.warning(
            "%s listener on http://%s:%s/", name, *server.socket.getsockname()[:2]
        )
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        servers[0].run()
    finally:
        stop.set()
        for server in servers:  # let answers in progress finish, then close
            server.task_dispatcher.shutdown(timeout=10)
        for server in servers:
            server.close()
        signal.signal(signal.SIGTERM, previous)
        log.warning("stopped")
