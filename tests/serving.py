"""`nato-records serve` in a process of its own, for tests that talk to it over the network."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(database_url: str, **settings: str) -> Iterator[str]:
    """The API over `database_url`, with NATO_RECORDS_<NAME> `settings`; yields its base URL once healthy."""
    port = free_port()
    env = {**os.environ, **{f"NATO_RECORDS_{name.upper()}": value for name, value in settings.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--database-url", database_url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"the server on port {port} did not become healthy")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)
