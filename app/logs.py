"""Logging: JSON lines for machines, readable lines for people; one line per request."""

import asyncio
import json
import logging
import re
import sys
import time
from datetime import UTC, datetime
from typing import Literal, TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LogFormat = Literal["text", "json"]
ACCESS = logging.getLogger("nato_records.access")
# Several workers share standard error: a write up to this size reaches a pipe whole, so lines
# from two workers never mix (bytes: lines are mostly ASCII, and 4096 leaves room).
PIPE_ATOMIC = 3500
# uvicorn passes `color_message`, the message with terminal colour codes: not for a log file
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "color_message"}
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": _COLOUR.sub("", record.getMessage()),
        }
        entry |= {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The standard formatter, formatting each second's time once rather than once per line."""

    _second = -1
    _stamp = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        second = int(record.created)
        if second != self._second:
            self._second, self._stamp = second, super().formatTime(record, datefmt)
        return self._stamp


def configure_logging(fmt: LogFormat = "text", level: int = logging.INFO) -> None:
    """Send the application's logs to standard error in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter(
        "%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"
    ))
    # No record needs the caller's source line, thread or process: finding them cost a quarter of
    # a cached answer's time (the logging HOWTO's "Optimization" section names these switches).
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


class AccessLog:
    """The access log: one line per request, in the format of the other logs, written in batches.

    A line costs one string format instead of a logging record, and lines reach the stream at most
    `flush_seconds` late (as nginx's `access_log ... buffer= flush=`): at thousands of requests a
    second the logging module's work per record was half the cost of a cached answer.
    """

    def __init__(self, fmt: LogFormat = "text", stream: TextIO | None = None, flush_seconds: float = 0.2,
                 max_lines: int = 500) -> None:
        self.fmt = fmt
        self._stream = stream
        self.flush_seconds = flush_seconds
        self.max_lines = max_lines
        self._lines: list[str] = []
        self._flush_due = False
        self._second = -1
        self._stamp = ""

    def record(self, method: str, path: str, status: int, duration_ms: float, query: str = "") -> None:
        """Add a line; it is written within `flush_seconds` (at once outside an event loop)."""
        target = f"{path}?{query}" if query else path
        message = f"{method} {target} {status} {duration_ms:.1f} ms"
        now = time.time()
        if self.fmt == "json":
            self._lines.append(json.dumps({
                "time": datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds"), "level": "info",
                "logger": ACCESS.name, "message": message, "method": method, "path": path, "query": query,
                "status": status, "duration_ms": duration_ms,
            }, ensure_ascii=False) + "\n")
        else:
            self._lines.append(f"{self._text_stamp(now)} INFO    {ACCESS.name}: {message}\n")
        self._schedule_flush()

    def flush(self) -> None:
        """Write what is waiting."""
        self._flush_due = False
        if not self._lines:
            return
        stream = self._stream or sys.stderr
        chunk: list[str] = []
        size = 0
        for line in self._lines:
            if chunk and size + len(line) > PIPE_ATOMIC:
                stream.write("".join(chunk))
                stream.flush()
                chunk, size = [], 0
            chunk.append(line)
            size += len(line)
        stream.write("".join(chunk))
        stream.flush()
        self._lines.clear()

    def _schedule_flush(self) -> None:
        if len(self._lines) >= self.max_lines:
            self.flush()
        elif not self._flush_due:
            try:
                asyncio.get_running_loop().call_later(self.flush_seconds, self.flush)
            except RuntimeError:  # no event loop: write now
                self.flush()
                return
            self._flush_due = True

    def _text_stamp(self, now: float) -> str:
        second = int(now)
        if second != self._second:
            self._second, self._stamp = second, time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now))
        return self._stamp


class AccessLogMiddleware:
    """Logs method, path, status and duration of every request (uvicorn's own access log is off),
    and tells the client the time the server took until it answered in a `Server-Timing` header."""

    def __init__(self, app: ASGIApp, log: AccessLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def wrapped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                took = (time.perf_counter() - start) * 1000
                message["headers"] = [*message["headers"], (b"server-timing", f"app;dur={took:.2f}".encode())]
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            duration = round((time.perf_counter() - start) * 1000, 2)
            self.log.record(scope["method"], scope["path"], status, duration,
                            scope.get("query_string", b"").decode("latin-1"))
