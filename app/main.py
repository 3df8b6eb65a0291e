"""create_app(settings): routers, error handlers, CORS and the offline docs pages."""

from importlib import resources

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from app import __version__
from app.api.deps import reject_unknown_parameters
from app.api.problems import install_problem_handlers
from app.api.routes import decisions, documents, health, meetings, members
from app.config import Settings, get_settings
from app.storage.db import make_engine

DESCRIPTION = """
Records of NATO ministerial meetings and summits, parsed from the reports governments
and NATO publish: meetings, agenda items, decisions and the member states named,
each with the document and the span of text it came from.

Lists are paged with opaque cursors: pass a page's `next_cursor` back as `cursor`.
Errors are `application/problem+json` (RFC 9457).
"""

TAGS = [
    {"name": "meetings", "description": "Meetings of foreign and defence ministers, and summits."},
    {"name": "decisions", "description": "Sentences that record a decision taken at a meeting."},
    {"name": "members", "description": "The NATO member states and their accession dates."},
    {"name": "documents", "description": "The ingested reports, with their normalised text."},
    {"name": "health", "description": "Liveness and schema revision."},
]


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API application; nothing connects until a request needs the database."""
    settings = settings or get_settings()
    app = FastAPI(
        title="nato-records",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url)
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"], allow_headers=["*"],
        )
    for module in (meetings, decisions, members, documents, health):
        app.include_router(module.router)
    _mount_docs(app)
    return app


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI and ReDoc from files in the package: the CDN defaults are blank offline."""
    static = resources.files("app") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="nato-records – API docs",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/openapi.json",
            title="nato-records – API reference",
            redoc_js_url="/static/redoc/redoc.standalone.js",
            redoc_favicon_url="/static/swagger-ui/favicon-32x32.png",
            with_google_fonts=False,
        )
