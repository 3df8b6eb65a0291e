"""uvicorn's HTTP protocol with a deadline for request headers: a client that trickles them (or
opens a connection and sends nothing) is answered 408 and let go, instead of holding its
connection, and a file descriptor, for as long as it likes. uvicorn has no such timeout of its own;
`timeout_keep_alive` only closes connections idle between requests.

`nato-records serve` hands uvicorn this class (as "app.server:HeaderDeadlineProtocol").
"""

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.config import get_settings

TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """Each request's headers must arrive within NATO_RECORDS_HEADER_TIMEOUT_SECONDS of the
    connection opening or of the previous response."""

    header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self.header_deadline = self.loop.call_later(get_settings().header_timeout_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _too_slow(self) -> None:
        self.header_deadline = None
        if not self.transport.is_closing():
            self.transport.write(TIMED_OUT)
            self.transport.close()
