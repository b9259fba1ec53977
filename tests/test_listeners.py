"""One client cannot take the service down: the real listeners under hostile load.

Each "client" binds its own loopback address (127.0.0.x), as a terminal on the
inmates' network has its own address.
"""

import http.client
import os
import re
import socket
import time
import urllib.parse
from contextlib import ExitStack, closing
from pathlib import Path

import pytest

from kiosk.headers import CONTENT_SECURITY_POLICY
from tests.conftest import STAFF_PASSWORD
from tests.live_server import add_counsellor, port_of, running_server

ATTACKER = "127.0.0.2"


def connect(url: str, source: str = "127.0.0.1") -> socket.socket:
    return socket.create_connection(
        ("127.0.0.1", port_of(url)), timeout=10, source_address=(source, 0)
    )


def is_closed_by_server(sock: socket.socket, wait: float) -> bool:
    """Tell whether the server closed ``sock`` within ``wait`` seconds."""
    sock.settimeout(wait)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def raw_answer(url: str, request: bytes) -> tuple[int, dict, bytes]:
    """Send raw bytes, return the status, headers and body of the answer."""
    with closing(connect(url)) as sock:
        sock.sendall(request)
        received = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def staff_login(staff_url: str) -> int:
    """Log in on the staff listener like a browser; return the final status."""
    connection = http.client.HTTPConnection("127.0.0.1", port_of(staff_url), 10)
    connection.request("GET", "/login")
    answer = connection.getresponse()
    page = answer.read().decode()
    cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    body = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "username": "anne", "password": STAFF_PASSWORD}
    )
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection.request("POST", "/login", body, headers)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.timing
def test_150_idle_kiosk_connections_leave_the_staff_listener_free(tmp_path):
    """F2: the listeners no longer share one connection limit."""
    # Let one address hold all 150, to show the pools are separate; the limit
    # per address (below) is a second, independent defence.
    with running_server(tmp_path, KIOSK_CONNECTIONS_PER_ADDRESS="1000") as server:
        add_counsellor(tmp_path)
        with ExitStack() as held:
            crowd = [
                held.enter_context(closing(connect(server.kiosk_url, ATTACKER)))
                for _ in range(150)
            ]
            for sock in crowd[::2]:  # half of them a browser's idle keep-alive
                sock.sendall(b"GET /nb/ HTTP/1.1\r\nHost: kiosk\r\n\r\n")
            time.sleep(0.5)
            started = time.perf_counter()
            assert staff_login(server.staff_url) == 303
            assert time.perf_counter() - started < 1.0
            with closing(connect(server.kiosk_url)) as other_terminal:
                other_terminal.sendall(b"GET /nb/ HTTP/1.1\r\nHost: kiosk\r\n\r\n")
                assert other_terminal.recv(12) == b"HTTP/1.1 200"
            assert not any(is_closed_by_server(sock, 0.01) for sock in crowd[1::2])
        assert server.stop() == 0


def test_slow_idle_and_crowding_clients_are_cut(tmp_path):
    """F2: idle and slow connections are cut; one address holds only its share."""
    with running_server(
        tmp_path, KIOSK_CONNECTION_TIMEOUT="2", KIOSK_CONNECTIONS_PER_ADDRESS="20"
    ) as server:
        with ExitStack() as held:
            idle = held.enter_context(closing(connect(server.kiosk_url, ATTACKER)))
            slow = held.enter_context(closing(connect(server.kiosk_url, ATTACKER)))
            slow.sendall(b"GET /nb/ HTTP/1.1\r\n")
            started = time.monotonic()
            slow_cut = False
            while time.monotonic() - started < 8 and not slow_cut:
                try:  # one header line every half second: never idle, never done
                    slow.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    slow_cut = True
                    break
                slow_cut = is_closed_by_server(slow, 0.5)
            assert slow_cut
            assert is_closed_by_server(idle, 6)

            crowd = [
                held.enter_context(closing(connect(server.kiosk_url, "127.0.0.3")))
                for _ in range(40)
            ]
            time.sleep(0.3)
            cut = sum(is_closed_by_server(sock, 0.05) for sock in crowd)
            assert cut == 20  # the share of one address is 20 here
            status, _headers, _body = raw_answer(
                server.kiosk_url,
                b"GET /nb/ HTTP/1.1\r\nHost: k\r\nConnection: close\r\n\r\n",
            )
            assert status == 200  # every other terminal is served
        assert server.stop() == 0


def _big_files_open(pid: int) -> list[int]:
    sizes = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd).startswith("/"):
                sizes.append(os.stat(fd).st_size)
        except OSError:
            continue
    return [size for size in sizes if size > 1024 * 1024]


@pytest.mark.parametrize("chunked", [False, True])
def test_a_100_mb_body_is_refused_before_it_is_buffered(tmp_path, chunked):
    """F5 (and F18): 413 while the headers are read, with the closed headers."""
    with running_server(tmp_path) as server:
        length = 100 * 1024 * 1024
        framing = (
            b"Transfer-Encoding: chunked\r\n"
            if chunked
            else f"Content-Length: {length}\r\n".encode()
        )
        with closing(connect(server.kiosk_url)) as sock:
            sock.sendall(
                b"POST /nb/request HTTP/1.1\r\nHost: kiosk\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                + framing
                + b"\r\n"
            )
            piece = b"x" * 65536
            if chunked:
                piece = b"10000\r\n" + piece + b"\r\n"
            sent, answer = 0, b""
            sock.settimeout(0.05)
            while sent < length and not answer:
                try:
                    sock.sendall(piece)
                    sent += len(piece)
                    answer = sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError:  # the server closed the connection after 413
                    break
            sock.settimeout(5)
            while b"\r\n\r\n" not in answer:
                more = sock.recv(65536)
                if not more:
                    break
                answer += more
            assert not _big_files_open(server.process.pid)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:80]
        assert sent < 16 * 1024 * 1024  # refused early, not after 100 MB
        head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in head
        assert "Cache-Control: no-store" in head
        assert server.stop() == 0


def test_waitress_own_errors_carry_the_closed_headers(tmp_path):
    """F18: errors waitress answers itself, before Flask, are closed all the same.

    (A 431 goes through the same error task; it is not sent here because
    waitress closes such a connection with bytes unread, and the kernel then
    answers with a reset that can overtake the 431.)
    """
    with running_server(tmp_path) as server:
        answers = [
            raw_answer(server.kiosk_url, b"NONSENSE\r\n\r\n"),
            raw_answer(
                server.staff_url,
                b"POST /login HTTP/1.1\r\nHost: k\r\nContent-Length: 999999999\r\n\r\n",
            ),
            raw_answer(
                server.kiosk_url,
                b"POST /nb/request HTTP/1.1\r\nHost: k\r\n"
                b"Transfer-Encoding: gzip\r\n\r\n",
            ),
        ]
        assert [status for status, _headers, _body in answers] == [400, 413, 501]
        for _status, headers, _body in answers:
            assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Cache-Control"] == "no-store"
            assert headers["Referrer-Policy"] == "no-referrer"
            assert headers["X-Frame-Options"] == "DENY"
        assert server.stop() == 0


@pytest.mark.timing
def test_eight_clients_searching_do_not_slow_other_pages(tmp_path):
    """F7: long, unique searches from eight clients; other pages stay fast."""
    import random
    import threading

    with running_server(tmp_path) as server:
        port = port_of(server.kiosk_url)
        stop = threading.Event()
        searches = [0]

        def search_client(seed):
            rng = random.Random(seed)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while not stop.is_set():
                words = " ".join(
                    "".join(rng.choice("abcdefghijklmnoprstuvy") for _ in range(24))
                    for _ in range(8)
                )
                query = urllib.parse.urlencode({"q": words[:200]})
                connection.request(
                    "GET", f"/nb/library?{query}", headers={"HX-Request": "true"}
                )
                connection.getresponse().read()
                searches[0] += 1
            connection.close()

        reader = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def read_pages(seconds: float) -> list[float]:
            latencies = []
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                for path in ("/nb/", "/nb/topics", "/ar/library"):
                    started = time.perf_counter()
                    reader.request("GET", path)
                    answer = reader.getresponse()
                    answer.read()
                    latencies.append(time.perf_counter() - started)
                    assert answer.status == 200
            return sorted(latencies)

        quiet = read_pages(1)  # warm, like a day's use, and the machine's own noise
        if quiet[int(0.99 * len(quiet))] > 0.025:
            stop.set()
            pytest.skip("other work loads this machine: a latency bound means nothing")
        clients = [threading.Thread(target=search_client, args=(n,)) for n in range(8)]
        for thread in clients:
            thread.start()
        latencies = read_pages(4)
        stop.set()
        for thread in clients:
            thread.join()
        reader.close()
        assert server.stop() == 0
    p99 = latencies[int(0.99 * len(latencies))]
    assert searches[0] > 100  # the searches really ran alongside
    assert p99 < 0.050, f"p99 {p99 * 1000:.1f} ms over {len(latencies)} pages"
