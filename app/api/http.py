"""HTTP caching: a strong ETag on every JSON GET answer, 304 on If-None-Match, Cache-Control."""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NO_CACHE_PATHS = ("/health", "/v1/status", "/v1/changes")


class ETagMiddleware:
    """Pure ASGI, so streamed CSV and NDJSON pass through untouched; JSON bodies get an ETag."""

    def __init__(self, app: ASGIApp, max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
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
            await self._send_with_etag(held, if_none_match, path, send)

        await self.app(scope, receive, wrapped)

    async def _send_with_etag(self, held: list[Message], if_none_match: str | None, path: str, send: Send) -> None:
        start, bodies = held[0], held[1:]
        body = b"".join(m.get("body", b"") for m in bodies)
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = MutableHeaders(raw=start["headers"])
        headers["ETag"] = etag
        headers["Cache-Control"] = "no-cache" if path.startswith(NO_CACHE_PATHS) else self.cache_control
        if if_none_match and etag in [t.strip() for t in if_none_match.split(",")] + ["*"]:
            del headers["content-length"]
            del headers["content-type"]
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
