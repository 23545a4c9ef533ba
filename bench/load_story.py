"""Load test: the app under gunicorn on loopback, read by concurrent clients (run on demand).

.venv/bin/python bench/load_story.py [--requests 2000] [--clients 8] [--workers 2]

Builds a throw-away SQLite database with the sample story, collects static files, starts
gunicorn on 127.0.0.1 (a free port), fires a fixed number of GET requests at the home,
story, article (and, when it answers 200, compare) pages, prints throughput, latency
percentiles and errors, then stops the server. Bounded by --requests and --timeout.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if get(port, "/", timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def discover(port: int) -> list[str]:
    """The pages to read: home, the sample story, its articles, and compare if it exists."""
    home = get(port, "/")[1].decode()
    story = re.search(r'href="(/stories/[^"/]+/)"', home).group(1)
    story_page = get(port, story)[1].decode()
    articles = sorted(set(re.findall(r'href="(/articles/\d+/)"', story_page)))
    paths = ["/", story, *articles]
    if get(port, story + "compare/")[0] == 200:
        paths.append(story + "compare/")
    return paths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def hammer(port: int, paths: list[str], total: int, clients: int, deadline: float) -> dict:
    work: queue.Queue[str] = queue.Queue()
    for i in range(total):
        work.put(paths[i % len(paths)])
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[str] = []
    lock = threading.Lock()

    def reader():
        while time.monotonic() < deadline:
            try:
                path = work.get_nowait()
            except queue.Empty:
                return
            start = time.perf_counter()
            try:
                status, _ = get(port, path)
                problem = None if status == 200 else f"{path}: HTTP {status}"
            except OSError as error:
                problem = f"{path}: {error}"
            elapsed = time.perf_counter() - start
            with lock:
                latencies[path].append(elapsed)
                if problem:
                    errors.append(problem)

    started = time.perf_counter()
    threads = [threading.Thread(target=reader) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    every = [x for values in latencies.values() for x in values]
    ms = 1000
    return {
        "requests": len(every),
        "clients": clients,
        "seconds": round(wall, 2),
        "throughput_rps": round(len(every) / wall, 1),
        "p50_ms": round(percentile(every, 0.50) * ms, 1),
        "p95_ms": round(percentile(every, 0.95) * ms, 1),
        "p99_ms": round(percentile(every, 0.99) * ms, 1),
        "max_ms": round(max(every) * ms, 1),
        "errors": len(errors),
        "first_errors": errors[:5],
        "per_page_p50_ms": {
            p: round(statistics.median(v) * ms, 1) for p, v in latencies.items() if v
        },
        "unfinished": work.qsize(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=300, help="seconds for the whole run")
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    with tempfile.TemporaryDirectory(prefix="newsreader-load-") as folder:
        env = os.environ | {
            "DATABASE_URL": f"sqlite:///{folder}/load.sqlite3",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "false",
            "LOG_LEVEL": "ERROR",
        }
        manage = [str(BIN / "python"), "manage.py"]
        for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
            subprocess.run([*manage, *step, "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
        subprocess.run(
            [*manage, "import_articles", "newsreader/samples"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
            capture_output=True,
        )
        port = free_port()
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "newsreader.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(port, min(deadline, time.monotonic() + 30))
            paths = discover(port)
            for path in paths:  # warm up: each worker opens its database, analyses get cached
                get(port, path, timeout=60)
            report = hammer(port, paths, args.requests, args.clients, deadline)
            report |= {"workers": args.workers, "pages": paths}
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    json.dump(report, sys.stdout, indent=2)
    print()
    if report["errors"] or report["unfinished"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
