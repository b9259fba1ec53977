"""Serve the kiosk and staff apps from one process, on two waitress listeners."""

import logging
import signal

from waitress.server import create_server

log = logging.getLogger(__name__)


def _stop(_signum, _frame) -> None:
    raise SystemExit(0)


def serve(kiosk_app, staff_app, threads: int = 8) -> None:
    """Listen for both apps until SIGINT or SIGTERM, then close both cleanly."""
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
        for server in servers:
            server.close()
            server.task_dispatcher.shutdown()
        signal.signal(signal.SIGTERM, previous)
        log.warning("stopped")
