"""Load past the pool, on loopback: does the API degrade (503 with Retry-After) instead of wedging?

    python benchmarks/load.py [--seconds 10] [--connections 8 32 64 128] [--postgres URL]

Ingests the bundled samples into a fresh SQLite file (and a fresh PostgreSQL database with
--postgres), serves it with the response cache off, and for each connection count runs wrk
for SECONDS on /v1/status (a request that reads the database every time). Prints requests/s,
p50/p99, the non-2xx answers (only 503s are acceptable), how long /health takes to answer
right after the load, and how long the server takes to exit after SIGTERM under load.
Every request loop is bounded by wrk's duration; the server is stopped at the end.
"""

import argparse
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from serving import serve
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).parents[1]
PORT = 8791
BASE = f"http://127.0.0.1:{PORT}"


def wrk(path: str, seconds: int, connections: int) -> dict[str, str]:
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                             BASE + path], capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {"rate": rate.group(1) if rate else "?", "p50": latency.get("50", "?"), "p99": latency.get("99", "?"),
            "non2xx": errors.group(1) if errors else "0", "timeouts": timeouts.group(1) if timeouts else "0"}


def health_seconds() -> float:
    started = time.perf_counter()
    httpx.get(BASE + "/health", timeout=120)
    return time.perf_counter() - started


def sigterm_seconds(process: subprocess.Popen[bytes]) -> float:
    """Seconds from SIGTERM to exit while 64 connections load the server."""
    load = threading.Thread(target=lambda: subprocess.run(
        ["wrk", "-t2", "-c64", "-d8s", "--timeout", "10s", BASE + "/v1/status"], capture_output=True, timeout=60))
    load.start()
    time.sleep(2)
    started = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        return float("inf")
    finally:
        load.join()
    return time.perf_counter() - started


def run(label: str, url: str, args: argparse.Namespace) -> None:
    subprocess.run([sys.executable, "-m", "app", "ingest", str(ROOT / "app" / "samples"), "--database-url", url],
                   cwd=ROOT, check=True, capture_output=True)
    process = serve(url, PORT, response_cache_mb="0")
    try:
        for connections in args.connections:
            result = wrk("/v1/status", args.seconds, connections)
            after = health_seconds()
            print(f"{label:10} c={connections:<4} {result['rate']:>8} req/s  p50 {result['p50']:>8}  "
                  f"p99 {result['p99']:>8}  non-2xx {result['non2xx']:>5}  timeouts {result['timeouts']:>4}  "
                  f"/health after {after:.2f} s", flush=True)
        print(f"{label:10} SIGTERM under load: exited after {sigterm_seconds(process):.2f} s", flush=True)
    finally:
        if process.poll() is None:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 32, 64, 128])
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may get a scratch database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run("SQLite", f"sqlite:///{Path(scratch) / 'load.db'}", args)
    if args.postgres:
        name = f"nato_records_load_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run("PostgreSQL", make_url(args.postgres).set(database=name).render_as_string(hide_password=False), args)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
