"""Load a listener from outside its process: wrk where installed, else Python threads.

A load is a list of requests sent in turn over keep-alive connections, so one
load can be a single page, a mix of pages or a form posted again and again.
"""

import http.client
import re
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

CLIENTS = 50
SECONDS = 6
# The last load's client closes its connections at the end, but the server sees
# that only after it has answered what they had queued. A new load at once would
# find up to 50 of its 64 connections per address still held: some of its
# connections refused, reconnects, and a tail that is the bench's, not a page's.
SETTLE_SECONDS = 1.0
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Request:
    """One HTTP request of a load (the path already percent-encoded)."""

    path: str
    method: str = "GET"
    headers: dict = field(default_factory=dict)
    body: str = ""  # "{n}" here or in the path becomes a number unique to the request


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(
    port: int, requests: list[Request], seconds: int = SECONDS, clients: int = CLIENTS
) -> dict:
    """Send ``requests`` in turn from ``clients`` connections for ``seconds``."""
    time.sleep(SETTLE_SECONDS)
    if shutil.which("wrk"):
        return _with_wrk(port, requests, seconds, clients)
    return _with_python(port, requests, seconds, clients)


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def _lua_request(request: Request) -> str:
    headers = {**request.headers}
    if request.body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    # "[ [==[" with a space: "[[" would open a Lua long string
    pairs = ", ".join(
        f"[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in headers.items()
    )
    body = _lua_string(request.body) if request.body else "nil"
    return (
        f"{{method = {_lua_string(request.method)}, "
        f"path = {_lua_string(request.path)}, headers = {{{pairs}}}, body = {body}}}"
    )


WRK_SCRIPT = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local requests = {%s}
local i = 0
request = function()
  i = i + 1
  local r = requests[(i %% #requests) + 1]
  local n = id .. "x" .. i
  local body = r.body
  if body then body = (string.gsub(body, "{n}", n)) end
  return wrk.format(r.method, (string.gsub(r.path, "{n}", n)), r.headers, body)
end
"""


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def _with_wrk(port: int, requests: list[Request], seconds: int, clients: int) -> dict:
    script = Path(tempfile.mkdtemp(prefix="kiosk-bench-wrk-")) / "requests.lua"
    script.write_text(WRK_SCRIPT % ", ".join(map(_lua_request, requests)))
    command = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency"]
    done = subprocess.run(
        [*command, "-s", str(script), f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        check=True,
    )
    if done.stderr.strip():  # a script wrk cannot read: it would load "/" instead
        raise RuntimeError(f"wrk: {done.stderr.strip()}")
    report = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    socket_errors = re.search(r"Socket errors: (.*)", report)

    def latency(share: str) -> float:
        return _milliseconds(re.search(rf"^\s+{share}%\s+(\S+)", report, re.M)[1])

    return {
        "tool": "wrk",
        "requests": int(re.search(r"(\d+) requests in", report).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", report)[1]),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
    }


def _with_python(
    port: int, requests: list[Request], seconds: int, clients: int
) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed, turn = [], 0, number
        while time.monotonic() < deadline:
            request = requests[turn % len(requests)]
            turn += 1
            started = time.perf_counter()
            try:
                headers = dict(request.headers)
                if request.body:
                    headers["Content-Type"] = "application/x-www-form-urlencoded"
                n = f"{number}x{turn}"
                body = request.body.replace("{n}", n)
                path = request.path.replace("{n}", n)
                connection.request(request.method, path, body or None, headers)
                response = connection.getresponse()
                response.read()
                failed += response.status >= 400
            except OSError:
                failed += 1
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors += failed

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    return {
        "tool": "python threads",
        "requests": len(latencies),
        "errors": errors,
        "socket_errors": "",
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }
