"""`nato-records serve` of a tree for a benchmark: started on a port, waited for, and stopped by the caller."""

import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).parents[1]


def serve(url: str, port: int, **settings: str) -> subprocess.Popen[bytes]:
    """This tree's server on `url`, with NATO_RECORDS_<NAME> `settings`, once it answers /health."""
    env = {"PATH": "/usr/bin:/bin", **{f"NATO_RECORDS_{name.upper()}": value for name, value in settings.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--database-url", url, "--port", str(port)], cwd=ROOT,
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")
