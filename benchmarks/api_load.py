"""Request rate and latency of the API on the sample data, over loopback, bounded in time.

    python benchmarks/api_load.py [--seconds 10] [--concurrency 16] [--workers 1]

Ingests the bundled samples into a temporary SQLite file, starts `nato-records serve`
on 127.0.0.1, and for each request below runs `concurrency` clients for `seconds`;
prints requests/s and p50/p99 latency. The server is stopped at the end.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import httpx

REQUESTS = {
    "meetings list": "/v1/meetings?limit=50",
    "meeting + decisions": "/v1/meetings/2020-04-02-foreign-ministers?include=decisions",
    "search": "/v1/search?q=irak",
}


async def _client_loop(client: httpx.AsyncClient, url: str, deadline: float, latencies: list[float]) -> int:
    errors = 0
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        response = await client.get(url)
        latencies.append(time.perf_counter() - start)
        errors += response.status_code != 200
    return errors


async def measure(base: str, path: str, seconds: float, concurrency: int) -> tuple[float, float, float, int]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await client.get(path)  # warm up
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        errors = sum(await asyncio.gather(*(_client_loop(client, path, deadline, latencies)
                                            for _ in range(concurrency))))
        elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, quantiles[49] * 1000, quantiles[98] * 1000, errors


def _wait_until_up(base: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        samples = str(resources.files("app") / "samples")
        cli = [sys.executable, "-m", "app"]
        subprocess.run([*cli, "ingest", samples, "--database-url", url], check=True, capture_output=True)
        env = os.environ | {"NATO_RECORDS_CACHE_MAX_AGE": "0"}
        server = subprocess.Popen(
            [*cli, "serve", "--database-url", url, "--port", str(args.port), "--workers", str(args.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            _wait_until_up(base)
            print(f"{args.concurrency} concurrent clients, {args.seconds:.0f} s each, {args.workers} worker(s)")
            for name, path in REQUESTS.items():
                rate, p50, p99, errors = asyncio.run(measure(base, path, args.seconds, args.concurrency))
                print(f"{name:22s} {rate:8.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   errors {errors}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
