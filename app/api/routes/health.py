"""GET /health and /v1/status."""

from fastapi import APIRouter, Request, Response

from app.api.deps import SessionDep
from app.api.listing import json_response
from app.api.problems import MEDIA_TYPE, unavailable
from app.api.schemas import Health, Status
from app.parsing import PARSER_VERSION
from app.storage import stats
from app.storage.db import current_revision, file_gone, revision_of

router = APIRouter(tags=["health"])


@router.get("/health", summary="Liveness, database and schema revision", response_model=Health,
            responses={503: {"description": "The database cannot be reached, or its SQLite file was deleted or "
                                            "replaced under the service", "content": {MEDIA_TYPE: {}}}})
def health(request: Request) -> Response:
    """200 while the service can reach its database; 503 when it cannot, or when its SQLite file
    was deleted or replaced under it (what it would store then is lost at the next start)."""
    engine = request.app.state.engine
    if gone := file_gone(request.app.state.database_file, request.app.state.database_identity):
        return unavailable(gone)
    return json_response(Health(status="ok", database=engine.dialect.name, revision=current_revision(engine)))


@router.get("/v1/status", summary="Record counts and the last ingestion", response_model=Status)
def status(request: Request, session: SessionDep) -> Response:
    """How many records the service holds, when it last ingested, which parser and schema it runs."""
    current = stats.status(session)
    return json_response(Status(
        counts=current.counts, last_ingested_at=current.last_ingested_at, parser_version=PARSER_VERSION,
        revision=revision_of(session.connection()),
    ))
