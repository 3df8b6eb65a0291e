"""Security headers on every answer: no sniffing, no framing, a strict Content-Security-Policy."""

import json

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages (explorer, docs) load only this origin's scripts and styles; JSON answers load nothing.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self' blob:; font-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "no-referrer"
                html = headers.get("content-type", "").startswith("text/html")
                headers["Content-Security-Policy"] = PAGE_POLICY if html else DATA_POLICY
                if "server" in headers:
                    del headers["server"]
            await send(message)

        await self.app(scope, receive, wrapped)


class HeadMiddleware:
    """HEAD wherever GET works (load balancers probe /health with it): answered as the GET,
    with its headers and without its body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, without_body)


class TrustedHostMiddleware:
    """Only requests whose Host is one of `hosts` ("*" any, "*.example.org" any subdomain), else a 400
    problem naming the setting (Starlette's own answers in plain text). It sits outside the response
    cache, so a forged Host is refused before any answer is looked up or kept; the access log, outside
    it, still records the refusal."""

    def __init__(self, app: ASGIApp, hosts: list[str]) -> None:
        self.app = app
        self.any = "*" in hosts
        self.exact = {h.lower() for h in hosts if not h.startswith("*")}
        self.suffixes = tuple(h[1:].lower() for h in hosts if h.startswith("*."))

    def trusts(self, host: str) -> bool:
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host  # without the port
        name = name.lower()
        return self.any or name in self.exact or (bool(self.suffixes) and name.endswith(self.suffixes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if self.trusts(host):
            await self.app(scope, receive, send)
            return
        body = json.dumps({"type": "about:blank", "title": "Bad Request", "status": 400,
                           "detail": f"host {host[:100]!r} is not served here (NATO_RECORDS_TRUSTED_HOSTS)"})
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/problem+json"),
                                (b"content-length", str(len(body.encode())).encode())]})
        await send({"type": "http.response.body", "body": body.encode()})
