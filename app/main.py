"""create_app(settings): routers, error handlers, CORS and the offline docs pages."""

import ctypes
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from typing import Any

from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.types import ASGIApp

from app import __version__
from app.api.deps import reject_unknown_parameters
from app.api.http import (
    GZIP_MINIMUM_SIZE,
    DataVersionClock,
    ETagMiddleware,
    ResponseCache,
    ResponseCacheMiddleware,
)
from app.api.openapi import complete_openapi
from app.api.problems import install_problem_handlers
from app.api.ratelimit import RateLimiter
from app.api.routes import (
    agenda_items,
    changes,
    decisions,
    documents,
    export,
    health,
    meetings,
    members,
    search,
    stats,
    topics,
    upload,
)
from app.api.security import HeadMiddleware, SecurityHeadersMiddleware, TrustedHostMiddleware
from app.config import Settings, get_settings
from app.logs import AccessLog, AccessLogMiddleware, configure_logging
from app.storage import reopen
from app.storage.db import database_file, file_identity, make_engine
from app.storage.writes import data_version

DESCRIPTION = """
Records of NATO ministerial meetings and summits, parsed from the reports governments
and NATO publish: meetings, agenda items, decisions and the member states named,
each with the document and the span of text it came from.

Lists are paged with opaque keyset cursors: pass a page's `next_cursor` back as
`cursor` (or follow the `Link: rel="next"` header); pages never skip or repeat a
record. Every list also answers `format=csv` or `format=ndjson` (or that `Accept`
header) with the whole filtered list, streamed. Every GET answer carries a strong
`ETag`; send it back as `If-None-Match` for a `304`. An unknown parameter, or a value outside a
parameter's choices, is a 400 naming them; a value of the wrong form is a 422.
Errors are `application/problem+json` (RFC 9457).
"""

TAGS = [
    {"name": "meetings", "description": "Meetings of foreign and defence ministers, and summits; "
                                        "`include=` embeds their agenda items, decisions, documents and members."},
    {"name": "decisions", "description": "Sentences that record a decision taken at a meeting, with the span "
                                         "of text they came from."},
    {"name": "agenda items", "description": "The section headings of the documents about a meeting."},
    {"name": "documents", "description": "The ingested reports, with their normalised text."},
    {"name": "members", "description": "The NATO member states, their accession dates and where they are named."},
    {"name": "topics", "description": "What the meetings were about (31 topics, labels in English and Dutch): "
                                      "each topic's meetings and decisions over time."},
    {"name": "search", "description": "Ranked full-text search across decisions, agenda items and documents."},
    {"name": "stats", "description": "Counts per year, body, kind, member or location, for dashboards."},
    {"name": "sync", "description": "The change feed: created, updated and deleted records, to mirror the data."},
    {"name": "export", "description": "Whole tables as NDJSON. Every list also answers format=csv or ndjson."},
    {"name": "health", "description": "Liveness, schema revision, record counts."},
]


def _writer(engine: Engine) -> Engine:
    """The engine uploads save with. SQLite's takes its write lock as a transaction begins, so
    that concurrent uploads wait their turn (its busy timeout) instead of failing to upgrade a
    read to a write ("database is locked"); PostgreSQL takes several writers at once."""
    if engine.dialect.name != "sqlite":
        return engine
    return make_engine(engine.url.render_as_string(hide_password=False), for_writing=True)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API application; nothing connects until a request needs the database."""
    settings = settings or get_settings()
    app = Api(
        lifespan=_lifespan,
        # no OpenTelemetry is set up; asking whether it is costs 5% of a cached answer
        telemetry={"tracing": False, "metrics": False, "logs": False},
        title="nato-records",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url, threads=settings.threads,
                                             pool_timeout=settings.pool_timeout_seconds)
    app.state.write_engine = _writer(app.state.engine)
    app.state.database_file = path = database_file(app.state.engine)
    app.state.database_identity = file_identity(path)
    if path is not None:  # its connections are tracked, to be opened afresh after a refusal (problems.py)
        for engine_of_app in {app.state.engine, app.state.write_engine}:
            reopen.watch(engine_of_app, path)
    app.state.write_limiter = RateLimiter(settings.write_rate_per_minute)
    install_problem_handlers(app)
    app.openapi = partial(complete_openapi, app)  # type: ignore[method-assign]
    app.state.data_clock = clock = DataVersionClock(partial(_data_version, app.state.engine),
                                                    settings.cache_check_seconds)
    app.add_middleware(ETagMiddleware, max_age=settings.cache_max_age)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"], allow_headers=["*"],
            expose_headers=["ETag", "Link"],
        )
    for module in (meetings, decisions, agenda_items, documents, upload, members, topics, search, stats, changes,
                   export, health):
        app.include_router(module.router)
    _mount_docs(app)
    if settings.response_cache_mb:
        cache = ResponseCache(settings.response_cache_mb * 1024 * 1024)
        app.outer.append(lambda inner: ResponseCacheMiddleware(inner, cache, clock))
    app.outer.append(lambda inner: TrustedHostMiddleware(inner, settings.trusted_hosts))
    app.state.access_log = access_log = AccessLog(settings.log_format)
    app.outer.append(lambda inner: AccessLogMiddleware(inner, access_log))
    return app


class Api(FastAPI):
    """FastAPI with some middleware outside Starlette's own (error pages, body limits).

    `outer` wraps the finished stack, innermost first: the response cache sits there so that a
    cached answer costs little more than the server's own work, and the access log outside it.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.outer: list[Callable[[ASGIApp], ASGIApp]] = []
        super().__init__(**kwargs)

    def build_middleware_stack(self) -> ASGIApp:
        stack = super().build_middleware_stack()
        for wrap in self.outer:
            stack = wrap(stack)
        return stack


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Sync endpoints run in a thread pool; a few threads serve a CPU-bound app as fast as
    # anyio's default 40, with less memory and less contention for the GIL.
    to_thread.current_default_thread_limiter().total_tokens = app.state.settings.threads
    yield
    app.state.access_log.flush()
    app.state.engine.dispose()


def _data_version(engine: Engine) -> int:
    with engine.connect() as connection:
        return data_version(connection)


def _limit_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each thread its own malloc arena; with a thread pool the server's memory then
    creeps up for minutes (measured: +18% in 60 s of load, +2% with two arenas). Linux only."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    m_arena_max = -8
    libc.mallopt(m_arena_max, arenas)


def serving_app() -> FastAPI:
    """The factory `nato-records serve` hands to uvicorn: logging set up in every worker."""
    _limit_malloc_arenas()
    settings = get_settings()
    configure_logging(settings.log_format)
    return create_app(settings)


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI and ReDoc from files in the package: the CDN defaults are blank offline."""
    static = resources.files("app") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/", include_in_schema=False)
    def explorer() -> FileResponse:
        return FileResponse(str(static / "explorer" / "index.html"), media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> FileResponse:
        # our own page: FastAPI's starts Swagger UI with an inline script, which a strict CSP forbids
        return FileResponse(str(static / "swagger-ui" / "index.html"), media_type="text/html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="nato-records – API reference",
            redoc_js_url="/static/redoc/redoc.standalone.js",
            redoc_favicon_url="/static/swagger-ui/favicon-32x32.png",
            with_google_fonts=False,
        )
