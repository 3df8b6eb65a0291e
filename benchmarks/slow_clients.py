"""Slow clients: do 200 connections that send their headers a byte at a time delay everyone else?

    python benchmarks/slow_clients.py [--slow 200] [--seconds 10]

Ingests the bundled samples into a fresh SQLite file and serves it. Then, for SECONDS, one
ordinary client asks GET /v1/meetings?limit=5 over and over (a new connection each time, as a
dashboard behind no proxy would), first alone and then while SLOW connections trickle their
request headers one byte a second and never finish. Prints p50/p99/max of the ordinary requests,
their failures, and how many slow connections the server had let go within 15 s. Bounded:
every loop ends after SECONDS and the server is stopped.
"""

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from serving import serve

ROOT = Path(__file__).parents[1]
PORT = 8793
BASE = f"http://127.0.0.1:{PORT}"


async def ordinary(seconds: float) -> tuple[list[float], int]:
    """Latencies (s) of sequential requests for `seconds`, and how many failed or took over 30 s."""
    times, failures = [], 0
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as client:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response = await client.get(f"{BASE}/v1/meetings?limit=5")
                failures += response.status_code != 200
            except httpx.HTTPError:
                failures += 1
            times.append(time.perf_counter() - started)
    return times, failures


async def slow_connection(seconds: float, closed: list[int]) -> None:
    """Sends a request line and headers one byte a second, never the blank line that ends them."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    except OSError:
        closed.append(1)
        return
    request = b"GET /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 1000
    deadline = time.monotonic() + seconds
    try:
        for byte in request:
            if time.monotonic() > deadline:
                break
            writer.write(bytes([byte]))
            await writer.drain()
            try:
                if await asyncio.wait_for(reader.read(1), timeout=1.0) == b"":
                    closed.append(1)  # the server hung up on it
                    return
            except TimeoutError:
                pass
    except (ConnectionError, OSError):
        closed.append(1)
    finally:
        writer.close()


async def with_slow(slow: int, seconds: float) -> tuple[list[float], int, int]:
    """The ordinary client's figures while `slow` connections trickle, and how many of those the
    server had let go 15 s after they opened (its header deadline is 10 s by default)."""
    closed: list[int] = []
    tasks = [asyncio.create_task(slow_connection(15, closed)) for _ in range(slow)]
    await asyncio.sleep(1)  # let them all connect
    times, failures = await ordinary(seconds)
    await asyncio.gather(*tasks)
    return times, failures, len(closed)


def report(label: str, times: list[float], failures: int, extra: str = "") -> None:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"{label:<28} {len(times):>6} requests  p50 {statistics.median(times) * 1000:8.1f} ms  "
          f"p99 {p99 * 1000:8.1f} ms  max {ordered[-1] * 1000:8.1f} ms  failed {failures}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slow", type=int, default=200, help="slow connections")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/slow.db"
        subprocess.run([sys.executable, "-m", "app", "ingest", "app/samples", "--database-url", url], cwd=ROOT,
                       check=True, capture_output=True)
        server = serve(url, PORT)
        try:
            times, failures = asyncio.run(ordinary(args.seconds))
            report("alone", times, failures)
            times, failures, closed = asyncio.run(with_slow(args.slow, args.seconds))
            report(f"with {args.slow} slow connections", times, failures,
                   f"  slow ones let go within 15 s: {closed}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
