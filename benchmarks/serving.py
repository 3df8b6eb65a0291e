"""`nato-records serve` of a tree for a benchmark: started on a port, waited for, and stopped by the caller."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).parents[1]


def serve(url: str, port: int, log: Path | None = None, **settings: str) -> subprocess.Popen[bytes]:
    """This tree's server on `url`, with NATO_RECORDS_<NAME> `settings`, once it answers /health;
    its log into the file `log` (else nowhere)."""
    env = {"PATH": "/usr/bin:/bin", **{f"NATO_RECORDS_{name.upper()}": value for name, value in settings.items()}}
    with open(log or os.devnull, "wb") as sink:  # the child keeps its own copy of the file
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--database-url", url, "--port", str(port)], cwd=ROOT,
            env=env, stdout=sink, stderr=subprocess.STDOUT)
    for _ in range(150):
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")
