"""Serve the kiosk and staff apps from one process, on two waitress listeners.

Each listener has its own socket map, its own event loop thread, its own worker
threads and its own connection limit: however many connections a client opens
on the kiosk port, the staff port still answers. Connections that sit idle, or
take too long to send one request, are cut; one address can hold only so many;
bodies over the app's limit are refused while the headers are read, before
waitress buffers anything.
"""

import copy
import logging
import signal
import threading
import time
from collections.abc import Callable
from functools import partial

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask

from kiosk import db, retention
from kiosk.headers import CLOSED_HEADERS
from kiosk.library.recordings import RecordingError

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 3600
MAX_HEADER_BYTES = 32 * 1024
AUDIO_START_DELAY_SECONDS = 2.0
AUDIO_BATCH_SECONDS = 10.0


def _stop(_signum, _frame) -> None:
    raise SystemExit(0)


def _purge_daily(settings: dict, stop: threading.Event) -> None:
    """Erase old personal data once a day, until ``stop`` is set.

    Checked hourly: with several processes on one database, whichever comes
    first each day purges, and the others see it has been done.
    """
    while not stop.is_set():
        try:
            with db.session_factory(settings["DATABASE_URL"])() as session:
                purged = retention.purge_once_today(
                    session,
                    settings["RETENTION_DAYS"],
                    open_days=settings["OPEN_REQUEST_DAYS"],
                )
            if purged is not None:
                log.info(
                    "daily purge: erased personal data of %d request(s), "
                    "%d comment(s), %d sign-up(s)",
                    purged.requests,
                    purged.comments,
                    purged.signups,
                )
        except Exception:  # a failed purge must not stop the kiosk; retry later
            log.exception("daily purge failed")
        stop.wait(PURGE_INTERVAL_SECONDS)


class ClosedErrorTask(ErrorTask):
    """Waitress's own error answers (400, 413, 431, ...) with the kiosk's headers."""

    def execute(self):
        """Answer as waitress does, but closed like every other kiosk answer."""
        self.response_headers.extend(
            [*CLOSED_HEADERS.items(), ("Cache-Control", "no-store")]
        )
        super().execute()


class LargeBodyGate:
    """Which requests may send a body larger than the listener's usual limit."""

    def __init__(self, adj, usual_limit: int, allowed: Callable[[str, str], bool]):
        self.allowed = allowed
        self.usual = copy.copy(adj)
        self.usual.max_request_body_size = usual_limit + 1


class GatedParser(HTTPRequestParser):
    """Waitress's parser; past the headers, a request the gate refuses gets the
    usual body limit, so a stranger cannot make the staff listener buffer an
    upload-sized body."""

    def __init__(self, adj, gate: LargeBodyGate):
        super().__init__(adj)
        self.gate = gate

    def parse_header(self, header_plus):
        super().parse_header(header_plus)
        if self.command != "POST" or not self.gate.allowed(
            self.path, self.headers.get("COOKIE", "")
        ):
            self.adj = self.gate.usual


class ListenerChannel(HTTPChannel):
    """A connection that remembers when its unfinished request began."""

    error_task_class = ClosedErrorTask
    request_began: float | None = None

    def __init__(self, server, sock, addr, adj, map=None):
        super().__init__(server, sock, addr, adj, map)
        if server.large_body_gate is not None:
            self.parser_class = partial(GatedParser, gate=server.large_body_gate)

    def received(self, data):
        """Read as waitress does; note when a request starts and stays unfinished."""
        result = super().received(data)
        if self.request is None:
            self.request_began = None
        elif self.request_began is None:
            self.request_began = time.time()
        return result


class Listener(TcpWSGIServer):
    """One listener: its own map and limits, slow clients cut, few per address."""

    channel_class = ListenerChannel

    def __init__(
        self,
        app,
        per_address: int,
        large_body: tuple[int, Callable[[str, str], bool]] | None = None,
        **adjustments,
    ):
        self.per_address = per_address
        self._refusal_logged_at = 0.0
        super().__init__(app, map={}, **adjustments)
        self.large_body_gate = None
        if large_body is not None:
            self.large_body_gate = LargeBodyGate(self.adj, *large_body)

    def maintenance(self, now):
        """Cut idle connections, and those whose request is too slow to arrive."""
        super().maintenance(now)
        cutoff = now - self.adj.channel_timeout
        for channel in list(self.active_channels.values()):
            began = getattr(channel, "request_began", None)
            if not channel.requests and began is not None and began < cutoff:
                channel.will_close = True

    def handle_accept(self):
        """Accept a connection unless its address holds its share already."""
        try:
            accepted = self.accept()
        except OSError:
            return
        if accepted is None:
            return
        connection, address = accepted
        host = address[0]
        held = sum(1 for c in self.active_channels.values() if c.addr[0] == host)
        if held >= self.per_address:
            connection.close()
            self._log_refusal()
            return
        try:
            self.set_socket_options(connection)
        except OSError:
            connection.close()
            return
        self.channel_class(self, connection, address, self.adj, map=self._map)

    def _log_refusal(self) -> None:
        now = time.monotonic()
        if now - self._refusal_logged_at > 60:  # once a minute, not per connection
            self._refusal_logged_at = now
            log.warning(
                "%s: one address holds %d connections; refusing more",
                self.adj.ident,
                self.per_address,
            )

    def run_until(self, stop: threading.Event) -> None:
        """Serve this listener's connections until ``stop`` is set."""
        while not stop.is_set():
            wasyncore.loop(
                timeout=self.adj.asyncore_loop_timeout,
                use_poll=True,
                map=self._map,
                count=1,
            )


def make_listener(app, prefix: str, threads: int) -> Listener:
    """Return the listener of ``app`` with the limits from its settings."""
    config = app.config
    timeout = config["CONNECTION_TIMEOUT_SECONDS"]
    body_limit = config["MAX_CONTENT_LENGTH"]
    large_body = None
    if prefix == "STAFF":  # a logged-in member may upload a recording
        from kiosk.views.staff.recordings import may_send_a_recording

        large_body = (body_limit, may_send_a_recording(app))
        body_limit = max(body_limit, config["MAX_UPLOAD_BYTES"])
    proxy = {}
    if prefix == "STAFF" and config["STAFF_TLS_PROXY"]:
        # Behind the TLS proxy, the client's address and scheme come from it.
        proxy = {
            "trusted_proxy": config["STAFF_TLS_PROXY"],
            "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        }
    return Listener(
        app,
        per_address=config["CONNECTIONS_PER_ADDRESS"],
        large_body=large_body,
        **proxy,
        host=config[f"{prefix}_HOST"],
        port=config[f"{prefix}_PORT"],
        threads=threads,
        ident="karriere-kiosk",
        clear_untrusted_proxy_headers=True,
        connection_limit=config[f"{prefix}_CONNECTION_LIMIT"],
        channel_timeout=timeout,
        cleanup_interval=max(1, timeout // 4),
        max_request_header_size=MAX_HEADER_BYTES,
        # Refuse a body over the app's limit while reading the headers: waitress
        # would otherwise buffer it (to disk beyond 512 KiB) before Flask said no.
        max_request_body_size=body_limit + 1,
    )


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
    """Listen for the apps given until SIGINT or SIGTERM, then close them cleanly.

    A central install may run the staff listener alone in one process and a
    kiosk listener per prison in others: pass None for a listener not served.
    """
    apps = {"kiosk": (kiosk_app, "KIOSK"), "staff": (staff_app, "STAFF")}
    apps = {name: pair for name, pair in apps.items() if pair[0] is not None}
    stop, loops_stop = threading.Event(), threading.Event()
    if render_audio and kiosk_app is not None:
        threading.Thread(
            target=_render_audio_safely,
            args=(kiosk_app, stop),
            name="read-aloud-audio",
            daemon=True,
        ).start()
    purger = threading.Thread(
        target=_purge_daily,
        args=(next(iter(apps.values()))[0].config, stop),
        name="daily-purge",
        daemon=True,
    )
    purger.start()
    listeners = {
        name: make_listener(app, prefix, threads)
        for name, (app, prefix) in apps.items()
    }
    loops = []
    for name, listener in listeners.items():
        log.warning(
            "%s listener on http://%s:%s/", name, *listener.socket.getsockname()[:2]
        )
        loop = threading.Thread(
            target=listener.run_until, args=(loops_stop,), name=f"{name}-listener"
        )
        loop.start()
        loops.append(loop)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        while all(loop.is_alive() for loop in loops):
            loops[0].join(timeout=0.5)
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        stop.set()
        for listener in listeners.values():  # let answers in progress finish
            listener.task_dispatcher.shutdown(timeout=10)
        loops_stop.set()
        for listener in listeners.values():
            listener.pull_trigger()
        for loop in loops:
            loop.join(timeout=5)
        for listener in listeners.values():
            wasyncore.close_all(listener._map)
        signal.signal(signal.SIGTERM, previous)
        log.warning("stopped")
