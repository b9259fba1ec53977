"""Serve the kiosk and staff apps from one process, on two waitress listeners."""

import logging
import signal
import threading

from waitress.server import create_server

from kiosk import db, retention

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 3600


def _stop(_signum, _frame) -> None:
    raise SystemExit(0)


def _purge_daily(url: str, retention_days: int, stop: threading.Event) -> None:
    """Erase old personal data now and then once a day, until ``stop`` is set."""
    # Checked hourly: with several processes, whichever comes first each day purges.
    while not stop.is_set():
        try:
            with db.session_factory(url)() as session:
                purged = retention.purge_once_today(session, retention_days)
            if purged is None:
                log.info("daily purge: another process purged today")
            else:
                log.info(
                    "daily purge: erased personal data of %d request(s), "
                    "%d comment(s), %d sign-up(s)",
                    purged.requests,
                    purged.comments,
                    purged.signups,
                )
        except Exception:  # a failed purge must not stop the kiosk; retry tomorrow
            log.exception("daily purge failed")
        stop.wait(PURGE_INTERVAL_SECONDS)


def serve(kiosk_app, staff_app, threads: int = 8) -> None:
    """Listen for the apps given until SIGINT or SIGTERM, then close them cleanly.

    A central install may run the staff listener alone in one process and a
    kiosk listener per prison in others: pass None for a listener not served.
    """
    apps = [
        (app, prefix, name)
        for app, prefix, name in (
            (kiosk_app, "KIOSK", "kiosk"),
            (staff_app, "STAFF", "staff"),
        )
        if app is not None
    ]
    config = apps[0][0].config
    stop = threading.Event()
    purger = threading.Thread(
        target=_purge_daily,
        args=(config["DATABASE_URL"], config["RETENTION_DAYS"], stop),
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
        for app, prefix, _name in apps
    ]
    for server, (_app, _prefix, name) in zip(servers, apps, strict=True):
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
