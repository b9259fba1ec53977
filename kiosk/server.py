"""Serve the kiosk and staff apps from one process, on two waitress listeners."""

import logging
import signal
import threading
import time

from waitress.server import create_server

from kiosk import db, events, feedback, session_requests
from kiosk.library.recordings import RecordingError

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 24 * 3600
AUDIO_START_DELAY_SECONDS = 2.0
AUDIO_BATCH_SECONDS = 10.0


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


def _render_audio(kiosk_app, stop: threading.Event) -> None:
    """Render the read-aloud audio that is missing, behind the pages' back.

    The same plan as ``kiosk content audio``; files go one at a time at low
    priority, and each batch becomes playable (the page cache is emptied).
    """
    from kiosk.library import speech
    from kiosk.views.inmate import listen

    if stop.wait(AUDIO_START_DELAY_SECONDS):  # the first pages come first
        return
    library = kiosk_app.extensions["kiosk.audio"]
    speech.forget_unfinished(library.audio_dir)
    missing = library.missing(listen.plan(kiosk_app))
    log.warning("read aloud: %d audio file(s) to render in background", len(missing))
    if missing and speech.missing_tools():
        log.error("read aloud: %s missing", ", ".join(speech.missing_tools()))
        return
    batch, flushed = [], time.monotonic()
    for source in missing:
        if stop.is_set():
            break
        try:
            batch.append(speech.render(source, library.audio_dir, niceness=10))
        except (RecordingError, OSError) as error:
            log.error("read aloud: %s", error)
        if batch and time.monotonic() - flushed > AUDIO_BATCH_SECONDS:
            library.add(batch)
            batch, flushed = [], time.monotonic()
    library.add(batch)
    log.warning("read aloud: rendering done")


def _render_audio_safely(kiosk_app, stop: threading.Event) -> None:
    try:
        _render_audio(kiosk_app, stop)
    except Exception:  # missing audio must not stop the kiosk: pages still work
        log.exception("read aloud: rendering failed")


def serve(kiosk_app, staff_app, threads: int = 8, render_audio: bool = True) -> None:
    """Listen for both apps until SIGINT or SIGTERM, then close both cleanly."""
    stop = threading.Event()
    if render_audio:
        threading.Thread(
            target=_render_audio_safely,
            args=(kiosk_app, stop),
            name="read-aloud-audio",
            daemon=True,
        ).start()
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
