"""A small closed-loop HTTP load: `connections` clients each send the next request as soon
as the previous one answered, over loopback, until `requests` were sent. Used to measure a
view served by gunicorn beside a trivial view served the same way, in the same run."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

from bench.common import median, percentile


def load(
    port: int, paths: list[str], *, connections: int = 16, requests: int = 400, headers=None
) -> dict:
    lock = threading.Lock()
    queue = list(reversed([paths[i % len(paths)] for i in range(requests)]))
    times: list[float] = []
    errors = 0

    def client():
        nonlocal errors
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Host": "testserver", **(headers or {})})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except OSError:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                errors += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "throughput": round(len(times) / wall, 1),
        "p50": round(median(times), 1),
        "p95": round(percentile(times, 95), 1),
        "p99": round(percentile(times, 99), 1),
        "errors": errors,
    }


def paths_for(queries: list[dict], base: str = "/organisations/") -> list[str]:
    return [base + ("?" + urlencode(q) if q else "") for q in queries]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(workers: int = 2):
    """gunicorn serving the project with this process's environment; yields its port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "exchange.wsgi", "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=os.environ.copy(),
        start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
