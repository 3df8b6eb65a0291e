"""HTTP caching: strong ETags, 304s and Cache-Control on JSON GET answers, and a server-side cache of
those answers that holds until the data changes."""

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date

from anyio import Lock, to_thread
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NO_CACHE_PATHS = ("/health", "/v1/status", "/v1/changes")
GZIP_MINIMUM_SIZE = 1024  # bytes: a smaller answer is sent as it is (the GZip middleware's minimum_size)
RawHeaders = list[tuple[bytes, bytes]]


class DataVersionClock:
    """The database's data version, read at most every `interval` seconds.

    A cached answer can thus outlive a write by another process by `interval` at most; a write in
    this process calls `expire()` and is seen by the next request. The date is part of the version
    because some answers (the members of today) change at midnight without any write.
    """

    def __init__(self, read: Callable[[], int], interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._read = read
        self._interval = interval
        self._clock = clock
        self._value: Hashable | None = None
        self._checked = -math.inf
        self._lock = Lock()

    async def current(self) -> Hashable | None:
        """The version now, or None when the database cannot tell (then nothing is cached)."""
        if self._clock() - self._checked < self._interval:
            return self._value
        async with self._lock:
            if self._clock() - self._checked >= self._interval:
                self._value = await to_thread.run_sync(self._read_safely)
                self._checked = self._clock()
        return self._value

    def expire(self) -> None:
        """Read the version again on the next request."""
        self._checked = -math.inf

    def _read_safely(self) -> Hashable | None:
        try:
            return (self._read(), date.today())
        except SQLAlchemyError:
            return None


@dataclass(slots=True)
class CachedAnswer:
    version: Hashable
    headers: RawHeaders
    body: bytes
    etag: str


class ResponseCache:
    """Least recently used answers, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[Hashable, CachedAnswer] = OrderedDict()

    def get(self, key: Hashable, version: Hashable) -> CachedAnswer | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.version != version:
            self._remove(key)
            return None
        self._entries.move_to_end(key)
        return entry

    def put(self, key: Hashable, entry: CachedAnswer) -> None:
        cost = len(entry.body) + 512
        if cost > self.max_bytes // 8:
            return  # one huge answer must not flush everything else
        if key in self._entries:
            self._remove(key)
        self._entries[key] = entry
        self.size += cost
        while self.size > self.max_bytes:
            self._remove(next(iter(self._entries)))

    def __len__(self) -> int:
        return len(self._entries)

    def _remove(self, key: Hashable) -> None:
        self.size -= len(self._entries.pop(key).body) + 512


class ETagMiddleware:
    """Pure ASGI, so streamed CSV and NDJSON pass through untouched; JSON bodies get an ETag.

    The tag is strong and names the encoding the client will get: a body the GZip middleware
    outside will compress is tagged "…-gzip", so that a gzip body and a plain one never share a
    strong tag, and every JSON answer says `Vary: Accept-Encoding`."""

    def __init__(self, app: ASGIApp, max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if_none_match = request_headers.get("if-none-match")
        gzip_accepted = "gzip" in request_headers.get("accept-encoding", "")
        path = scope["path"]
        held: list[Message] = []

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = Headers(raw=message["headers"])
                if message["status"] == 200 and headers.get("content-type", "").startswith("application/json"):
                    held.append(message)
                    return
                await send(message)
                return
            if not held:
                await send(message)
                return
            held.append(message)
            if message.get("more_body"):
                return
            body = b"".join(m.get("body", b"") for m in held[1:])
            gzipped = gzip_accepted and len(body) >= GZIP_MINIMUM_SIZE
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + ('-gzip"' if gzipped else '"')
            headers = MutableHeaders(raw=list(held[0]["headers"]))
            headers["ETag"] = etag
            headers.add_vary_header("Accept-Encoding")
            headers["Cache-Control"] = "no-cache" if path.startswith(NO_CACHE_PATHS) else self.cache_control
            await _send_answer(headers.raw, body, etag, if_none_match, send)

        await self.app(scope, receive, wrapped)


class ResponseCacheMiddleware:
    """Answers a GET under /v1/ from memory when the same path, query and negotiating headers were
    answered before at the same data version.

    It sits outside every other middleware, so it keeps the answer as the client got it (security
    headers, ETag, compression) and a hit costs little more than the server's own work. Only
    complete 200 answers with an ETag are kept: JSON, never streamed exports.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache, clock: DataVersionClock) -> None:
        self.app = app
        self.cache = cache
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        version = await self.clock.current()
        if version is None:
            await self.app(scope, receive, send)
            return
        key, if_none_match = _key(scope)
        entry = self.cache.get(key, version)
        if entry is not None:
            await _send_answer(entry.headers, entry.body, entry.etag, if_none_match, send, b"hit")
            return
        await self.app(scope, receive, self._storing(send, key, version))

    def _storing(self, send: Send, key: Hashable, version: Hashable) -> Send:
        """`send`, keeping a copy of a complete 200 answer with an ETag."""
        kept: RawHeaders = []
        etag: bytes | None = None
        chunks: list[bytes] = []

        async def storing(message: Message) -> None:
            nonlocal etag, kept
            if message["type"] == "http.response.start":
                kept = list(message["headers"])
                etag = dict(kept).get(b"etag") if message["status"] == 200 else None
                if etag is not None:
                    message["headers"] = [*kept, (b"x-cache", b"miss")]
            elif etag is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self.cache.put(key, CachedAnswer(version, kept, b"".join(chunks), etag.decode("latin-1")))
            await send(message)

        return storing


def _cacheable(scope: Scope) -> bool:
    path: str = scope["path"]
    return scope["method"] == "GET" and path.startswith("/v1/") and not path.startswith(NO_CACHE_PATHS)


def _key(scope: Scope) -> tuple[Hashable, str | None]:
    """The cache key (path, query and the headers an answer depends on) and If-None-Match."""
    accept = encoding = origin = b""
    if_none_match = None
    for name, value in scope["headers"]:
        if name == b"accept":
            accept = value
        elif name == b"accept-encoding":
            encoding = value
        elif name == b"origin":
            origin = value
        elif name == b"if-none-match":
            if_none_match = value.decode("latin-1")
    return (scope["path"], scope["query_string"], accept, b"gzip" in encoding, origin), if_none_match


async def _send_answer(raw: RawHeaders, body: bytes, etag: str, if_none_match: str | None, send: Send,
                       cache_state: bytes | None = None) -> None:
    """The answer, or a 304 when the client holds this ETag already."""
    headers = list(raw)  # the caller's list stays as it is: outer middleware add to what they get
    if cache_state is not None:
        headers.append((b"x-cache", cache_state))
    if if_none_match and holds(if_none_match, etag):
        headers = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type", b"content-encoding")]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def holds(if_none_match: str, etag: str) -> bool:
    """Whether If-None-Match names this tag: "*", or the tag by weak comparison (RFC 9110 13.1.2:
    W/"x" matches "x", as a proxy that compressed the body and weakened its tag sends it back)."""
    tags = [t.strip() for t in if_none_match.split(",")]
    return "*" in tags or _opaque(etag) in {_opaque(t) for t in tags}


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag
