"""The served process: a client too slow with its headers is answered 408 and let go."""

import socket
from pathlib import Path

import httpx

from app.storage.db import upgrade
from tests.serving import served


def _read_all(connection: socket.socket) -> bytes:
    answer = b""
    while chunk := connection.recv(4096):
        answer += chunk
    return answer


def test_a_client_that_trickles_its_headers_is_answered_408_and_let_go(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'slow.db'}"
    upgrade(url)
    with served(url, header_timeout_seconds="1") as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as slow:
            slow.sendall(b"GET /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")  # never finished
            answer = _read_all(slow)  # returns once the server closes; before the fix, never
        assert answer.startswith(b"HTTP/1.1 408 ")
        with socket.create_connection(("127.0.0.1", port), timeout=30) as idle:
            assert _read_all(idle).startswith(b"HTTP/1.1 408 ")  # a connection that sends nothing
        assert httpx.get(f"{base}/v1/meetings", timeout=10).status_code == 200  # a prompt one is served
